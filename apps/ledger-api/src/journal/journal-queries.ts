import { IQuery } from '@nestjs/cqrs';
import { StatisticsBasis, StatisticsBreakdown, StatisticsGrouping } from '@app/projections';
import { JournalQueryDto } from './journal-query.dto';

export class SearchJournalQuery implements IQuery {
  constructor(readonly criteria: JournalQueryDto) {}
}

export class ListDeadlinesQuery implements IQuery {
  constructor(
    readonly horizonHours: number,
    readonly officer?: string,
    /** The most urgent this many of each list; the totals count them all. */
    readonly limit = 100,
  ) {}
}

export class ComplaintStatisticsQuery implements IQuery {
  constructor(
    readonly groupBy: StatisticsGrouping,
    readonly from?: string,
    readonly to?: string,
    readonly breakdown: StatisticsBreakdown = 'category',
    readonly basis: StatisticsBasis = 'received',
  ) {}
}

export class ExportJournalQuery implements IQuery {
  constructor(
    readonly from?: string,
    readonly to?: string,
  ) {}
}
