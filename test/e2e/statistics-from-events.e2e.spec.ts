/**
 * Two roads to the same report. On a generated ledger of a few thousand complaints, the analyst's
 * road (the CLI's `statisticsFromEvents`: every complaint stream folded with the domain's evolve,
 * `factsFromStream`, `summarizeStatistics`) must give exactly what the application's road gives
 * (the in-process projections catch up, GET /reports/statistics summarises the `statistics` read
 * model), per day, month and year and for sub-periods; and journal rows must say what the folded
 * case says.
 */
import { INestApplication } from '@nestjs/common';
import { COMPLAINT_STREAM_PREFIX, ComplaintEvent, foldComplaint, isComplaintEvent, ReceivedComplaint } from '@app/domain';
import { readAllPages, RecordedEvent } from '@app/event-store';
import { EVENTS_FILE, SqliteEventStore } from '@app/event-store/sqlite';
import { ComplaintFacts, factsFromStream, JournalEntry, STATISTICS, StatisticsRow, SummaryOptions } from '@app/projections';
import { DocumentStore } from '@app/read-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedIn } from '../support/test-app';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../apps/ledger-api/src/app.factory';
import { loadConfig, DOCUMENT_STORE } from '@app/platform';
import { statisticsFromEvents } from '../../apps/ledger-cli/src/commands/stats.command';
import { generateLedger, LedgerSummary } from '../support/ledger-generator';
import { eventually } from '../support/eventually';
import { testReadModels, TestReadModels } from '../support/test-app';

const COMPLAINTS = 3_000;

describe('statistics from the events equal the projected report (generated ledger)', () => {
  let dataDir: string;
  let store: SqliteEventStore;
  let app: INestApplication;
  let http: TestAgent;
  let generated: LedgerSummary;
  let head: bigint;
  let readModels: TestReadModels | undefined;
  /** Every complaint stream, as the event store holds it. */
  const streams = new Map<string, RecordedEvent[]>();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-statistics-'));
    store = new SqliteEventStore(join(dataDir, EVENTS_FILE));
    generated = await generateLedger(store, { complaints: COMPLAINTS, seed: 20261125, from: '2025-01-01', to: '2026-11-01' });
    for await (const page of readAllPages(store))
      for (const event of page) {
        head = event.position;
        if (!event.streamId.startsWith(COMPLAINT_STREAM_PREFIX)) continue;
        const stream = streams.get(event.streamId) ?? [];
        stream.push(event);
        streams.set(event.streamId, stream);
      }

    readModels = await testReadModels();
    app = await createApp({ config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...readModels.env }), eventStore: store });
    await app.init();
    http = signedIn(app);
    // The in-process projections catch up from zero; a query with minPosition waits up to 5 s, then 503.
    await eventually(
      async () => {
        const response = await http.get('/reports/statistics').query({ minPosition: head.toString() });
        if (response.status !== 200 && response.status !== 503) throw new Error(`The read models failed: ${response.status} ${JSON.stringify(response.body)}`);
        return response.status === 200;
      },
      45_000,
      'the read models to catch up',
      100,
    );
  }, 60_000);

  afterAll(async () => {
    await app?.close(); // closes the stores
    await readModels?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('generated a ledger with the whole spread of the domain', () => {
    expect(generated.complaints).toBe(COMPLAINTS);
    expect(streams.size).toBe(COMPLAINTS);
    expect(Object.keys(generated.spread.categories).sort()).toEqual(['delivery', 'organisation', 'other', 'product-quality', 'staff-conduct']);
    expect(Object.keys(generated.spread.severities).sort()).toEqual(['critical', 'high', 'low', 'medium']);
    expect(Object.keys(generated.spread.verdicts).sort()).toEqual(['founded', 'partly-founded', 'unfounded']);
    expect(Object.keys(generated.spread.satisfaction).sort()).toEqual(['1', '2', '3', '4', '5']);
    expect(Object.keys(generated.spread.compensationsByCurrency)).toEqual(expect.arrayContaining(['EUR', 'BGN', 'USD', 'RUB', 'AMD', 'none']));
    // Every stage is represented: left open at each step, closed, reopened, withdrawn.
    expect(Object.entries(generated.perStatus).filter(([, n]) => n === 0)).toEqual([]);
    for (const key of ['waived', 'answersOnTime', 'answersLate', 'extensions', 'reassignments', 'reopened', 'withdrawn'] as const)
      expect({ key, present: generated.spread[key] > 0 }).toEqual({ key, present: true });
    expect(Object.keys(generated.registerNumbers)).toEqual(['2025', '2026']);
  });

  it('numbers the register gaplessly per year, in the order of registration, each reserved on register-YYYY first', async () => {
    const registrations = [...streams.values()]
      .flatMap((stream) => stream.filter((e) => e.type === 'ComplaintRegistered'))
      .map((e) => e.data as { registerNumber: string; registeredAt: string; complaintId: string });
    for (const year of [2025, 2026]) {
      const ofYear = registrations.filter((r) => r.registerNumber.startsWith(`${year}-`)).sort((a, b) => (a.registerNumber < b.registerNumber ? -1 : 1));
      expect(ofYear.map((r) => Number(r.registerNumber.slice(5)))).toEqual(ofYear.map((_, i) => i + 1));
      expect(ofYear.every((r) => r.registeredAt.startsWith(`${year}-`))).toBe(true);
      const times = ofYear.map((r) => r.registeredAt);
      expect(times).toEqual([...times].sort());
      const register = await store.readStream(`register-${year}`);
      expect(register.map((e) => (e.data as { registerNumber: string }).registerNumber)).toEqual(ofYear.map((r) => r.registerNumber));
      expect(register.map((e) => (e.data as { complaintId: string }).complaintId)).toEqual(ofYear.map((r) => r.complaintId));
    }
  });

  it('projects, complaint by complaint, the facts the domain folds from each stream', async () => {
    const documents = app.get<DocumentStore>(DOCUMENT_STORE);
    const projected = await documents.collection<ComplaintFacts>(STATISTICS).find({}, { sort: { _id: 1 } });
    const folded = [...streams.values()].map(factsFromStream).sort((a, b) => ((a?._id ?? '') < (b?._id ?? '') ? -1 : 1));
    expect(projected).toHaveLength(COMPLAINTS);
    expect(projected).toEqual(folded);
  });

  const periods: Array<[string, { groupBy: 'day' | 'month' | 'year'; from?: string; to?: string }]> = [
    ['by day, everything', { groupBy: 'day' }],
    ['by month, everything', { groupBy: 'month' }],
    ['by year, everything', { groupBy: 'year' }],
    ['by month, a quarter (dates)', { groupBy: 'month', from: '2025-07-01', to: '2025-09-30' }],
    ['by day, a sub-period bounded by instants', { groupBy: 'day', from: '2025-11-20T12:30:00.000Z', to: '2026-02-03T08:15:00.000Z' }],
    ['by year, across the year end', { groupBy: 'year', from: '2025-12-15', to: '2026-01-15' }],
  ];

  it.each(periods)('GET /reports/statistics equals statisticsFromEvents %s', async (_, query) => {
    const response = await http.get('/reports/statistics').query(query).expect(200);
    const projected = response.body.rows as StatisticsRow[];
    const fromEvents = await statisticsFromEvents(store, query);
    expect(projected.length).toBeGreaterThan(query.groupBy === 'year' && query.from ? 1 : 5);
    expect(projected).toEqual(fromEvents);
    // Not two empty reports: every complaint received in the period is counted once.
    const inPeriod = [...streams.values()].filter((stream) => {
      const receivedAt = Date.parse((stream[0].data as { receivedAt: string }).receivedAt);
      const from = query.from ? Date.parse(query.from.length === 10 ? `${query.from}T00:00:00.000Z` : query.from) : -Infinity;
      const to = query.to ? Date.parse(query.to.length === 10 ? `${query.to}T23:59:59.999Z` : query.to) : Infinity;
      return receivedAt >= from && receivedAt <= to;
    }).length;
    expect(projected.reduce((sum, row) => sum + row.received, 0)).toBe(inPeriod);
  });

  // Issue 14: the breakdowns, and the complaints closed in a period, by both roads.
  const breakdowns: Array<[string, SummaryOptions]> = [
    ['by product, per month', { groupBy: 'month', breakdown: 'product' }],
    ['by channel, per year', { groupBy: 'year', breakdown: 'channel' }],
    ['by responsible officer, a quarter', { groupBy: 'month', breakdown: 'responsibleOfficer', from: '2025-07-01', to: '2025-09-30' }],
    ['by root-cause code, per year', { groupBy: 'year', breakdown: 'rootCauseCode' }],
    ['closed per month, by category', { groupBy: 'month', basis: 'closed' }],
    ['closed in a quarter, by root-cause code', { groupBy: 'year', basis: 'closed', breakdown: 'rootCauseCode', from: '2026-01-01', to: '2026-03-31' }],
  ];

  it.each(breakdowns)('GET /reports/statistics equals statisticsFromEvents %s', async (_, query) => {
    const response = await http.get('/reports/statistics').query(query).expect(200);
    const projected = response.body.rows as StatisticsRow[];
    expect(response.body).toMatchObject({ breakdown: query.breakdown ?? 'category', basis: query.basis ?? 'received' });
    expect(projected.length).toBeGreaterThan(1);
    expect(projected).toEqual(await statisticsFromEvents(store, query));
    expect(projected.every((row) => row.breakdown.by === (query.breakdown ?? 'category'))).toBe(true);
  });

  it('counts, by closing date, exactly the complaints whose stream closes them in the period and keeps them closed', async () => {
    const [from, to] = ['2026-01-01', '2026-03-31'];
    const { rows } = (await http.get('/reports/statistics').query({ groupBy: 'year', basis: 'closed', from, to }).expect(200)).body as { rows: StatisticsRow[] };
    const closedInPeriod = [...streams.values()].filter((stream) => {
      const state = foldComplaint(domainEvents(stream)) as ReceivedComplaint;
      return state.status === 'closed' && state.closedAt !== undefined && state.closedAt >= `${from}T00:00:00.000Z` && state.closedAt <= `${to}T23:59:59.999Z`;
    });
    expect(closedInPeriod.length).toBeGreaterThan(10);
    expect(rows.reduce((sum, row) => sum + row.received, 0)).toBe(closedInPeriod.length);
    expect(rows.reduce((sum, row) => sum + row.closed, 0)).toBe(closedInPeriod.length);
    // Time to closure is measured on closed complaints only: every row has it.
    expect(rows.every((row) => row.hoursToClose.median !== null && row.hoursToClose.p90 !== null)).toBe(true);
  });

  it('shows in the journal, row by row, what the folded case says (every complaint, every status)', async () => {
    const exported = await http.get('/reports/journal').query({ format: 'json' }).expect(200);
    const rows = new Map((exported.body.rows as JournalEntry[]).map((row) => [row.complaintId, row]));
    expect(rows.size).toBe(COMPLAINTS);
    const statuses = new Set<string>();
    for (const [streamId, stream] of streams) {
      const complaintId = streamId.slice(COMPLAINT_STREAM_PREFIX.length);
      const state = foldComplaint(domainEvents(stream)) as ReceivedComplaint;
      statuses.add(state.status);
      const row = rows.get(complaintId) as JournalEntry;
      // The journal shows the follow-ups of the current round: those recorded since the latest reopening (issue 14).
      const events = domainEvents(stream);
      const sinceReopening = events.slice(events.map((event) => event.type).lastIndexOf('ComplaintReopened') + 1);
      const roundFollowUps = sinceReopening.flatMap((event) => (event.type === 'FollowUpRecorded' ? [event.data] : []));
      const latestFollowUp = [...roundFollowUps].sort((a, b) => Date.parse(a.contactedAt) - Date.parse(b.contactedAt)).pop();
      const last = stream[stream.length - 1];
      expect({ complaintId, ...pickJournal(row) }).toEqual({
        complaintId,
        status: state.status,
        registerNumber: state.registration?.registerNumber ?? null,
        receivedAt: state.receivedAt,
        registeredAt: state.registration?.registeredAt ?? null,
        category: state.registration?.category ?? null,
        severity: state.registration?.severity ?? null,
        responsibleOfficer: state.responsibleOfficer ?? null,
        complainantName: state.complainant.name,
        productOrService: state.subject.productOrService,
        answerDueAt: state.answerDueAt ?? null,
        investigationOutcome: state.investigation?.outcome ?? null,
        verdict: state.investigation?.outcome === 'investigated' ? state.investigation.verdict : null,
        rootCause: state.investigation?.outcome === 'investigated' ? state.investigation.rootCause : null,
        answeredAt: state.answer?.answeredAt ?? null,
        answerSignedBy: state.answer?.signedBy ?? null,
        compensations: state.compensations.map((c) => [c.kind, c.amount?.amountMinor ?? null, c.amount?.currency ?? null, c.grantedAt]),
        satisfaction: latestFollowUp?.satisfaction ?? null,
        problemSolved: latestFollowUp?.problemSolved ?? null,
        closedAt: state.closedAt ?? null,
        withdrawnAt: state.withdrawal?.withdrawnAt ?? null,
        reopenedCount: state.reopenings.length,
        reopeningReasons: state.reopenings.map((reopening) => reopening.reason),
        rootCauseCode: state.investigation?.outcome === 'investigated' ? (state.investigation.rootCauseCode ?? null) : null,
        registeredBy: actorOf(stream, 'ComplaintRegistered'),
        closedBy: state.status === 'closed' ? actorOf(stream, 'ComplaintClosed', 'ComplaintResolvedAtFirstContact') : null,
        revision: Number(last.revision),
        lastEventAt: last.metadata.recordedAt,
      });
    }
    expect([...statuses].sort()).toEqual(['answered', 'closed', 'followed-up', 'investigated', 'received', 'registered', 'reopened', 'withdrawn']);
  });

  it('finds in GET /complaints as many cases of a category and month as the folded cases say', async () => {
    const states = [...streams.values()].map((stream) => foldComplaint(domainEvents(stream)) as ReceivedComplaint);
    for (const [category, month] of [['product-quality', '2025-03'], ['delivery', '2026-07'], ['staff-conduct', '2025-12']]) {
      const expected = states
        .filter((s) => s.registration?.category === category && s.receivedAt.startsWith(month))
        .sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : a.complaintId < b.complaintId ? -1 : 1));
      const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
      const page = await http.get('/complaints').query({ category, from: `${month}-01`, to: lastDay, pageSize: 20 }).expect(200);
      expect(expected.length).toBeGreaterThan(0);
      expect(page.body.total).toBe(expected.length);
      expect(page.body.items.map((row: JournalEntry) => row.complaintId)).toEqual(expected.slice(0, 20).map((s) => s.complaintId));
    }
  });
});

const domainEvents = (stream: readonly RecordedEvent[]): ComplaintEvent[] =>
  stream.filter(isComplaintEvent).map((event) => ({ type: event.type, data: event.data }) as ComplaintEvent);

const pickJournal = (row: JournalEntry) => ({
  status: row.status,
  registerNumber: row.registerNumber,
  receivedAt: row.receivedAt,
  registeredAt: row.registeredAt,
  category: row.category,
  severity: row.severity,
  responsibleOfficer: row.responsibleOfficer,
  complainantName: row.complainantName,
  productOrService: row.productOrService,
  answerDueAt: row.answerDueAt,
  investigationOutcome: row.investigationOutcome,
  verdict: row.verdict,
  rootCause: row.rootCause,
  answeredAt: row.answeredAt,
  answerSignedBy: row.answerSignedBy,
  compensations: row.compensations.map((c) => [c.kind, c.amountMinor, c.currency, c.grantedAt]),
  satisfaction: row.satisfaction,
  problemSolved: row.problemSolved,
  closedAt: row.closedAt,
  withdrawnAt: row.withdrawnAt,
  reopenedCount: row.reopenedCount,
  reopeningReasons: row.reopeningReasons,
  rootCauseCode: row.rootCauseCode,
  registeredBy: row.registeredBy,
  closedBy: row.closedBy,
  revision: row.revision,
  lastEventAt: row.lastEventAt,
});

/** Who recorded the latest event of these types in the stream: the metadata's verified principal. */
const actorOf = (stream: readonly RecordedEvent[], ...types: string[]): string | null => {
  const event = [...stream].reverse().find((e) => types.includes(e.type));
  return event ? ((event.metadata.actor as { id: string }).id ?? null) : null;
};
