import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ACCESS_TRAIL_MAX_DAYS, AccessTrailEntry, EventStore, readAccessTrail } from '@app/event-store';
import { accessTrailPeriod, AppConfig, APP_CONFIG, Clock, CLOCK, EVENT_STORE, InvalidRequest } from '@app/platform';
import { periodBounds } from '../journal/period';

/** Who read what in a period (dates are days of the deployment's zone), optionally one person's reads only. */
export class ReadAccessTrailQuery {
  constructor(
    readonly from: string | undefined,
    readonly to: string | undefined,
    readonly actor: string | undefined,
    readonly limit: number,
  ) {}
}

export interface AccessTrailReading {
  from: string;
  until: string;
  actor: string | null;
  entries: AccessTrailEntry[];
  truncated: boolean;
}

/** Reads the access trail straight from its day streams in the event store, as `ledger access-log` does. */
@QueryHandler(ReadAccessTrailQuery)
export class ReadAccessTrailHandler implements IQueryHandler<ReadAccessTrailQuery, AccessTrailReading> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(query: ReadAccessTrailQuery): Promise<AccessTrailReading> {
    const bounds = periodBounds(query.from, query.to, this.config.deadlinePolicy.timeZone);
    const optional = (bound: string | undefined) => (bound ? new Date(bound) : undefined);
    const { from, until, tooLong } = accessTrailPeriod(optional(bounds.from), optional(bounds.until), this.clock.now());
    if (tooLong) throw new InvalidRequest([{ field: 'to', reason: `must be at most ${ACCESS_TRAIL_MAX_DAYS} days after from` }]);
    const trail = await readAccessTrail(this.store, { from, until, actor: query.actor, limit: query.limit });
    return { from: from.toISOString(), until: until.toISOString(), actor: query.actor ?? null, ...trail };
  }
}
