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
import { RegisterEvent, registerStreamId, VoidedRegisterNumber, voidedNumbersOf } from '@app/domain';
import { EventStore } from '@app/event-store';
import { DocumentStore } from '@app/read-store';
import { AppConfig, APP_CONFIG, Clock, CLOCK, DOCUMENT_STORE, EVENT_STORE } from '@app/platform';
import { closedWithin, journalFilter, journalSort, periodBounds, receivedWithin } from './journal-filter';
import { ComplaintStatisticsQuery, ExportJournalQuery, ListDeadlinesQuery, SearchJournalQuery } from './journal-queries';

/** Dates in filters and report periods are days of the deployment's time zone. */
const zoneOf = (config: AppConfig): string => config.deadlinePolicy.timeZone ?? 'UTC';

/** Fields that are the read model's bookkeeping, not the register's. */
const INTERNAL = { _position: 0, searchText: 0 } as const;

export interface JournalPage {
  items: JournalEntry[];
  page: number;
  pageSize: number;
  /** The matches; for a text search with more than SEARCH_TOTAL_LIMIT of them, that limit (then totalExact is false). */
  total: number;
  /** False when there are more matches than `total`: a text search stops counting at the limit (ADR 0020). */
  totalExact: boolean;
}

@QueryHandler(SearchJournalQuery)
export class SearchJournalHandler implements IQueryHandler<SearchJournalQuery, JournalPage> {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ criteria }: SearchJournalQuery): Promise<JournalPage> {
    const journal = this.documents.collection<JournalEntry>(REGISTER_JOURNAL);
    const filter = journalFilter(criteria, this.clock.now(), zoneOf(this.config));
    const page = criteria.page ?? 1;
    const pageSize = criteria.pageSize ?? 50;
    // A common word's matches grow with the register: counting them all would too, so a text search counts one past the limit.
    const limit = criteria.q ? this.config.searchTotalLimit : undefined;
    const [items, counted] = await Promise.all([
      journal.find(filter, { sort: journalSort(criteria.sort), skip: (page - 1) * pageSize, limit: pageSize, projection: INTERNAL }),
      journal.countDocuments(filter, limit === undefined ? {} : { limit: limit + 1 }),
    ]);
    const totalExact = limit === undefined || counted <= limit;
    return { items, page, pageSize, total: totalExact ? counted : limit, totalExact };
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

/** The statistics of a period, with the grouping they were asked in. */
export interface StatisticsReport {
  from: string | null;
  to: string | null;
  groupBy: ComplaintStatisticsQuery['groupBy'];
  breakdown: ComplaintStatisticsQuery['breakdown'];
  basis: ComplaintStatisticsQuery['basis'];
  rows: StatisticsRow[];
}

@QueryHandler(ComplaintStatisticsQuery)
export class ComplaintStatisticsHandler implements IQueryHandler<ComplaintStatisticsQuery, StatisticsReport> {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ groupBy, from, to, breakdown, basis }: ComplaintStatisticsQuery): Promise<StatisticsReport> {
    const timeZone = zoneOf(this.config);
    // By closing date, a complaint received long before `from` counts if it closed within the period.
    const facts = await this.documents
      .collection<ComplaintFacts>(STATISTICS)
      .find(basis === 'received' ? receivedWithin(from, to, timeZone) : closedWithin(from, to, timeZone));
    const rows = summarizeStatistics(facts, { from, to, groupBy, breakdown, basis, timeZone });
    return { from: from ?? null, to: to ?? null, groupBy, breakdown, basis, rows };
  }
}

export interface JournalExport {
  from: string | null;
  to: string | null;
  /** When the export was read: the Clock's now. */
  exportedAt: string;
  rows: JournalEntry[];
  /** Numbers no complaint carries, with the reason, in sequence: every gap in `rows` is one of these. */
  voidedRegisterNumbers: VoidedRegisterNumber[];
}

@QueryHandler(ExportJournalQuery)
export class ExportJournalHandler implements IQueryHandler<ExportJournalQuery, JournalExport> {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ from, to }: ExportJournalQuery): Promise<JournalExport> {
    const rows = await this.documents
      .collection<JournalEntry>(REGISTER_JOURNAL)
      .find(receivedWithin(from, to, zoneOf(this.config)), { sort: { receivedAt: 1, _id: 1 }, projection: INTERNAL });
    const voidedRegisterNumbers = await this.voidedWithin(rows, from, to);
    return { from: from ?? null, to: to ?? null, exportedAt: this.clock.now().toISOString(), rows, voidedRegisterNumbers };
  }

  /**
   * The voided numbers whose reservation falls in the period, read from the registers themselves (the
   * register streams are the record of numbering; the journal read model holds complaints only).
   */
  private async voidedWithin(rows: JournalEntry[], from?: string, to?: string): Promise<VoidedRegisterNumber[]> {
    const bounds = periodBounds(from, to, zoneOf(this.config));
    const thisYear = this.clock.now().getUTCFullYear();
    // The earliest year with a numbered row (a reduce: an export may hold more rows than a call takes arguments).
    const firstNumbered = rows.reduce((year, row) => (row.registerNumber ? Math.min(year, Number(row.registerNumber.slice(0, 4))) : year), thisYear);
    // A period from the dawn of time reads a century of registers at most.
    const first = Math.max(thisYear - 100, bounds.from ? new Date(bounds.from).getUTCFullYear() : firstNumbered);
    const last = Math.min(thisYear, bounds.until ? new Date(Date.parse(bounds.until) - 1).getUTCFullYear() : thisYear);
    const voided: VoidedRegisterNumber[] = [];
    for (let year = first; year <= last; year++) {
      const events = (await this.store.readStream(registerStreamId(year))) as unknown as RegisterEvent[];
      voided.push(...voidedNumbersOf(events).filter((v) => (!bounds.from || v.reservedAt >= bounds.from) && (!bounds.until || v.reservedAt < bounds.until)));
    }
    return voided;
  }
}
