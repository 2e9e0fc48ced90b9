import { ACCESS_TRAIL_MAX_DAYS, EventStore, readAccessTrail } from '@app/event-store';
import { accessTrailPeriod, Clock, systemClock } from '@app/platform';
import { UsageError } from '../embedded-store';

const DAY = 86_400_000;
// ISO 8601 only: a date (the whole day, UTC) or a date and time with a zone. Anything else is refused.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An option's instant: a date is the start of that day (`end`: the start of the next), UTC. */
const instant = (name: string, value: string, end: boolean): Date => {
  const time = ISO_DATE.test(value) ? Date.parse(`${value}T00:00:00.000Z`) + (end ? DAY : 0) : ISO_TIME.test(value) ? Date.parse(value) + (end ? 1 : 0) : NaN;
  if (Number.isNaN(time)) throw new UsageError(`--${name} "${value}" is not an ISO 8601 date or time (e.g. 2026-12-01 or 2026-12-01T09:30:00Z).`);
  return new Date(time);
};

/**
 * The access trail for an auditor: who read which case, its history or its verification, searched the
 * journal or exported it, and when — straight from the event store, like GET /access-log.
 */
export const accessLog = async (
  store: EventStore,
  options: { from?: string; to?: string; actor?: string; json: boolean },
  out: NodeJS.WritableStream,
  clock: Clock = systemClock,
): Promise<number> => {
  const to = options.to ? instant('to', options.to, true) : undefined;
  const { from, until, tooLong } = accessTrailPeriod(options.from ? instant('from', options.from, false) : undefined, to, clock.now());
  if (from >= until) throw new UsageError(`--to must not be earlier than --from.`);
  if (tooLong) throw new UsageError(`The period may span at most ${ACCESS_TRAIL_MAX_DAYS} days.`);
  const { entries } = await readAccessTrail(store, { from, until, actor: options.actor, limit: Number.MAX_SAFE_INTEGER });
  for (const entry of entries) {
    if (options.json) out.write(`${JSON.stringify(entry)}\n`);
    else out.write(`${entry.recordedAt}  ${entry.actor.id} (${entry.actor.role})  ${entry.type}  ${JSON.stringify(entry.data)}\n`);
  }
  if (!options.json) out.write(`${entries.length} access event(s) from ${from.toISOString()} until ${until.toISOString()}${options.actor ? ` by ${options.actor}` : ''}.\n`);
  return 0;
};
