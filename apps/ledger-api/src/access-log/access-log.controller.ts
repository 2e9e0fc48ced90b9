import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCESS_TRAIL_MAX_DAYS, AccessTrailEntry, EventStore, readAccessTrail } from '@app/event-store';
import { InvalidRequest, ApiAuthenticated, AppConfig, APP_CONFIG, Clock, CLOCK, EVENT_STORE } from '@app/platform';
import { periodBounds } from '../journal/period';
import { AccessLogQueryDto } from './access-log.dto';

/** The access trail for auditors: who read which case or searched the journal, when. */
@ApiTags('Access trail')
@ApiAuthenticated()
@Controller('access-log')
export class AccessLogController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Reads of personal data (case, history, verification, journal search, export) recorded in a period, optionally by one person, oldest first' })
  async list(@Query() query: AccessLogQueryDto): Promise<{ from: string; until: string; actor: string | null; entries: AccessTrailEntry[]; truncated: boolean }> {
    const bounds = periodBounds(query.from, query.to, this.config.deadlinePolicy.timeZone);
    const until = bounds.until ? new Date(bounds.until) : this.clock.now();
    const from = bounds.from ? new Date(bounds.from) : new Date(until.getTime() - 1 - ((until.getTime() - 1) % 86_400_000));
    if (until.getTime() - from.getTime() > ACCESS_TRAIL_MAX_DAYS * 86_400_000)
      throw new InvalidRequest([{ field: 'to', reason: `must be at most ${ACCESS_TRAIL_MAX_DAYS} days after from` }]);
    const trail = await readAccessTrail(this.store, { from, until, actor: query.actor, limit: query.limit ?? 1000 });
    return { from: from.toISOString(), until: until.toISOString(), actor: query.actor ?? null, ...trail };
  }
}
