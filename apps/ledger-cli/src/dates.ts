import { endOfDay } from '@app/domain';
import { UsageError } from './embedded-store';

// Every date the CLI reads goes through here: ISO 8601 only, because `Date.parse` reads "07.12.2026"
// as July 12th and "01.12.2026" as nothing at all. A date-time must name its offset (Z or ±hh:mm):
// a wall-clock time alone would mean whatever zone the operator's shell happens to be in.

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** YYYY-MM-DD naming a day of the calendar (not 2026-02-30, not 2026-13-01). */
const isIsoDate = (value: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const instant = Date.parse(`${value}T00:00:00.000Z`);
  return !Number.isNaN(instant) && new Date(instant).toISOString().startsWith(value);
};

export const DATE_EXAMPLE = 'e.g. 2026-12-01 (a whole day, UTC) or 2026-12-01T09:30:00Z';

/** A date-only value (YYYY-MM-DD) stays one; a date-time becomes the UTC instant it names. */
export const parseIsoDateOption = (option: string, value: string | undefined): string | undefined => {
  if (value === undefined) return undefined;
  if (isIsoDate(value)) return value;
  const dateTime = DATE_TIME.exec(value);
  if (dateTime && isIsoDate(dateTime[1]) && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  throw new UsageError(`--${option} "${value}" is not an ISO 8601 date; write ${DATE_EXAMPLE}.`);
};

/**
 * An instant for "as of": a date-only value means the end of that day, as deadlines do
 * (the register keeps its days in UTC, libs/domain/src/shared/time.ts).
 */
export const parseIsoInstantOption = (option: string, value: string | undefined): string | undefined => {
  const parsed = parseIsoDateOption(option, value);
  return parsed !== undefined && isIsoDate(parsed) ? endOfDay(parsed) : parsed;
};

/** A period's bounds in order; `--from` after `--to` would silently select nothing. */
export const parseIsoPeriod = (from: string | undefined, to: string | undefined): { from?: string; to?: string } => {
  const period = { from: parseIsoDateOption('from', from), to: parseIsoDateOption('to', to) };
  const start = (value: string) => Date.parse(isIsoDate(value) ? `${value}T00:00:00.000Z` : value);
  const end = (value: string) => Date.parse(isIsoDate(value) ? endOfDay(value) : value);
  if (period.from !== undefined && period.to !== undefined && start(period.from) > end(period.to))
    throw new UsageError(`--from ${period.from} is after --to ${period.to}.`);
  return period;
};
