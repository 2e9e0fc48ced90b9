import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AccessLog, AccessTrailReading, AppConfig, APP_CONFIG } from '@app/platform';
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

/** Reads the access trail straight from its day streams in the event store, as `ledger access-log` does. */
@QueryHandler(ReadAccessTrailQuery)
export class ReadAccessTrailHandler implements IQueryHandler<ReadAccessTrailQuery, AccessTrailReading> {
  constructor(
    private readonly accessLog: AccessLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  execute({ from, to, actor, limit }: ReadAccessTrailQuery): Promise<AccessTrailReading> {
    const bounds = periodBounds(from, to, this.config.deadlinePolicy.timeZone);
    return this.accessLog.read({ from: instant(bounds.from), until: instant(bounds.until) }, actor, limit);
  }
}

const instant = (bound: string | undefined): Date | undefined => (bound === undefined ? undefined : new Date(bound));
