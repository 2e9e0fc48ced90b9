import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  ComplaintFacts,
  DEADLINES,
  DeadlineEntry,
  JournalEntry,
  REGISTER_JOURNAL,
  STATISTICS,
  StatisticsRow,
  summarizeStatistics,
} from '@app/projections';
import { DocumentStore } from '@app/read-store';
import { Clock, CLOCK, DOCUMENT_STORE } from '../infrastructure/tokens';
import { journalFilter, journalSort, receivedWithin } from './journal-filter';
import { ComplaintStatisticsQuery, ExportJournalQuery, ListDeadlinesQuery, SearchJournalQuery } from './journal-queries';

/** Fields that are the read model's bookkeeping, not the register's. */
const INTERNAL = { _position: 0, searchText: 0 } as const;

export interface JournalPage {
  items: JournalEntry[];
  page: number;
  pageSize: number;
  total: number;
}

@QueryHandler(SearchJournalQuery)
export class SearchJournalHandler implements IQueryHandler<SearchJournalQuery, JournalPage> {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ criteria }: SearchJournalQuery): Promise<JournalPage> {
    const journal = this.documents.collection<JournalEntry>(REGISTER_JOURNAL);
    const filter = journalFilter(criteria, this.clock.now());
    const page = criteria.page ?? 1;
    const pageSize = criteria.pageSize ?? 50;
    const [items, total] = await Promise.all([
      journal.find(filter, { sort: journalSort(criteria.sort), skip: (page - 1) * pageSize, limit: pageSize, projection: INTERNAL }),
      journal.countDocuments(filter),
    ]);
    return { items, page, pageSize, total };
  }
}

export interface DeadlineList {
  asOf: string;
  horizonHours: number;
  /** The most overdue first, up to the limit; overdueTotal counts them all. */
  overdue: DeadlineEntry[];
  overdueTotal: number;
  dueSoon: DeadlineEntry[];
  dueSoonTotal: number;
}

@QueryHandler(ListDeadlinesQuery)
export class ListDeadlinesHandler implements IQueryHandler<ListDeadlinesQuery, DeadlineList> {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ horizonHours, officer, limit }: ListDeadlinesQuery): Promise<DeadlineList> {
    const deadlines = this.documents.collection<DeadlineEntry>(DEADLINES);
    const now = this.clock.now();
    const horizon = new Date(now.getTime() + horizonHours * 3_600_000).toISOString();
    const scope = officer ? { responsibleOfficer: officer } : {};
    const overdueFilter = { ...scope, dueAt: { $ne: null, $lt: now.toISOString() } };
    const dueSoonFilter = { ...scope, dueAt: { $gte: now.toISOString(), $lt: horizon } };
    const options = { sort: { dueAt: 1 as const, _id: 1 as const }, limit, projection: { _position: 0 as const } };
    const [overdue, overdueTotal, dueSoon, dueSoonTotal] = await Promise.all([
      deadlines.find(overdueFilter, options),
      deadlines.countDocuments(overdueFilter),
      deadlines.find(dueSoonFilter, options),
      deadlines.countDocuments(dueSoonFilter),
    ]);
    return { asOf: now.toISOString(), horizonHours, overdue, overdueTotal, dueSoon, dueSoonTotal };
  }
}

@QueryHandler(ComplaintStatisticsQuery)
export class ComplaintStatisticsHandler implements IQueryHandler<ComplaintStatisticsQuery, StatisticsRow[]> {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  async execute({ groupBy, from, to }: ComplaintStatisticsQuery): Promise<StatisticsRow[]> {
    const facts = await this.documents.collection<ComplaintFacts>(STATISTICS).find(receivedWithin(from, to));
    return summarizeStatistics(facts, { from, to, groupBy });
  }
}

@QueryHandler(ExportJournalQuery)
export class ExportJournalHandler implements IQueryHandler<ExportJournalQuery, JournalEntry[]> {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  execute({ from, to }: ExportJournalQuery): Promise<JournalEntry[]> {
    return this.documents
      .collection<JournalEntry>(REGISTER_JOURNAL)
      .find(receivedWithin(from, to), { sort: { receivedAt: 1, _id: 1 }, projection: INTERNAL });
  }
}
