import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTrailReading, ApiAuthenticated } from '@app/platform';
import { AccessLogQueryDto } from './access-log.dto';
import { ReadAccessTrailQuery } from './read-access-trail.handler';

/** The access trail for auditors: who read which case or searched the journal, when. */
@ApiTags('Access trail')
@ApiAuthenticated()
@Controller('access-log')
export class AccessLogController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Reads of personal data (case, history, verification, journal search, export) recorded in a period, optionally by one person, oldest first' })
  list(@Query() query: AccessLogQueryDto): Promise<AccessTrailReading> {
    return this.queryBus.execute(new ReadAccessTrailQuery(query.from, query.to, query.actor, query.limit ?? 1000));
  }
}
