import { ComplaintEvent, ComplaintState, foldComplaint } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { ComplaintFacts, StatisticsGrouping } from '../read-models';
import { generateComplaints } from '../read-models/testing/generated-complaints';
import { inAllOrder, project, recorded } from '../read-models/testing/recorded';
import { factsFromStream, statisticsProjection } from './statistics.projection';
import { summarizeStatistics } from './summarize';

// The two roads to the statistics must agree on a register of a few thousand complaints: the
// projection, batch by batch from `$all` as the runner applies it, and the CLI's, one stream at a time.

const complaints = generateComplaints(3_000);
const all = inAllOrder(complaints.map(({ events, recordedAt }) => recorded(events, { recordedAt })));

const byStream = (events: readonly RecordedEvent[]): RecordedEvent[][] => {
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of events) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
  return [...streams.values()];
};

const domainEvents = (stream: readonly RecordedEvent[]): ComplaintEvent[] => stream.map((event) => ({ type: event.type, data: event.data }) as ComplaintEvent);

const answeredAtOf = (state: ComplaintState): string | undefined => (state.status === 'none' ? undefined : state.answer?.answeredAt);

const byId = (a: ComplaintFacts, b: ComplaintFacts) => (a._id < b._id ? -1 : 1);

const projected = [...project(statisticsProjection, all).values()].sort(byId);
const fromCases = byStream(all)
  .map(factsFromStream)
  .filter((facts): facts is ComplaintFacts => facts !== null)
  .sort(byId);

describe('statistics from a generated register of 3,000 complaints', () => {
  it('has the spread of a real register', () => {
    const count = (predicate: (facts: ComplaintFacts) => boolean) => projected.filter(predicate).length;
    expect(projected).toHaveLength(3_000);
    expect(new Set(projected.map((f) => f.category))).toEqual(new Set(['product-quality', 'delivery', 'staff-conduct', 'organisation', 'other', 'uncategorised']));
    expect(new Set(projected.map((f) => f.receivedAt.slice(0, 4)))).toEqual(new Set(['2025', '2026']));
    expect(count((f) => f.answeredOnTime === false)).toBeGreaterThan(300);
    expect(count((f) => f.answeredOnTime === true)).toBeGreaterThan(1_500);
    expect(count((f) => f.verdict === 'partly-founded')).toBeGreaterThan(300);
    expect(new Set(projected.flatMap((f) => f.compensations.map((c) => c.currency)))).toEqual(new Set(['EUR', 'BGN', 'USD', 'RUB', 'AMD', 'AED', null]));
    expect(count((f) => f.satisfaction !== null)).toBeGreaterThan(1_000);
    const types = (type: string) => all.filter((event) => event.type === type).length;
    expect(types('ComplaintWithdrawn')).toBeGreaterThan(100);
    expect(types('ComplaintReopened')).toBeGreaterThan(100);
    expect(types('AnswerDeadlineExtended')).toBeGreaterThan(100);
    expect(types('InvestigationWaived')).toBeGreaterThan(100);
    // Reopened cases whose folded case no longer shows the first answer: what the fold must remember of the first round.
    const foldedAnswer = new Map(byStream(all).map((stream) => [stream[0].streamId, answeredAtOf(foldComplaint(domainEvents(stream)))]));
    expect(count((f) => f.answeredAt !== null && foldedAnswer.get(`complaint-${f._id}`) !== f.answeredAt)).toBeGreaterThan(100);
  });

  it('computes the same facts for every complaint by both roads', () => {
    expect(fromCases).toHaveLength(projected.length);
    expect(fromCases).toStrictEqual(projected);
  });

  it.each<StatisticsGrouping>(['day', 'month', 'year'])('summarizes both the same, by %s', (groupBy) => {
    const rows = summarizeStatistics(projected, { groupBy });
    expect(summarizeStatistics(fromCases, { groupBy })).toStrictEqual(rows);
    expect(rows.reduce((sum, row) => sum + row.received, 0)).toBe(3_000);
    expect(rows.length).toBeGreaterThan({ day: 1_000, month: 100, year: 10 }[groupBy]);
  });

  it('summarizes both the same over a stated range', () => {
    const options = { groupBy: 'month' as const, from: '2025-06-15', to: '2026-02-10T12:00:00.000Z' };
    const rows = summarizeStatistics(projected, options);
    expect(summarizeStatistics(fromCases, options)).toStrictEqual(rows);
    expect(rows[0].period).toBe('2025-06');
    expect(rows[rows.length - 1].period).toBe('2026-02');
  });

  it('keeps the facts when events are delivered again: a tail after a crash before the checkpoint, or each event twice', () => {
    const documents = project(statisticsProjection, all);
    project(statisticsProjection, all.slice(Math.floor(all.length * 0.6)), documents);
    expect([...documents.values()].sort(byId)).toStrictEqual(projected);
    expect([...project(statisticsProjection, all.flatMap((event) => [event, event])).values()].sort(byId)).toStrictEqual(projected);
  });
});
