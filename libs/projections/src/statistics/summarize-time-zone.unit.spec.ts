import { ComplaintFacts } from '../read-models';
import { aFact as oneFact } from './a-fact';
import { summarizeStatistics } from './summarize';

const aFact = (id: string, receivedAt: string, facts: Partial<ComplaintFacts> = {}): ComplaintFacts =>
  oneFact(id, receivedAt, { category: 'delivery', ...facts });

// Issue 14: reports count the months and days of the deployment, not of Greenwich.
describe('statistics in the deployment’s time zone', () => {
  // 22:30 UTC on 31 March is 01:30 on 1 April in Sofia (summer time).
  const facts = [aFact('a', '2026-03-31T22:30:00.000Z'), aFact('b', '2026-03-31T20:30:00.000Z')];
  const periods = (rows: Array<{ period: string; received: number }>) => rows.map((row) => [row.period, row.received]);

  it('puts a complaint received at 01:30 on 1 April in Sofia into April', () => {
    expect(periods(summarizeStatistics(facts, { groupBy: 'month', timeZone: 'Europe/Sofia' }))).toStrictEqual([
      ['2026-03', 1],
      ['2026-04', 1],
    ]);
  });

  it('puts both into March on UTC, as before', () => {
    expect(periods(summarizeStatistics(facts, { groupBy: 'month' }))).toStrictEqual([['2026-03', 2]]);
  });

  it('reads date bounds as days of the zone: to=2026-03-31 ends at 20:59:59.999 UTC in Sofia', () => {
    expect(periods(summarizeStatistics(facts, { groupBy: 'day', to: '2026-03-31', timeZone: 'Europe/Sofia' }))).toStrictEqual([['2026-03-31', 1]]);
    expect(periods(summarizeStatistics(facts, { groupBy: 'day', from: '2026-04-01', timeZone: 'Europe/Sofia' }))).toStrictEqual([['2026-04-01', 1]]);
  });

  it('counts the closing days of the zone too, when the report is by closing date', () => {
    // Both received in February; one closed at 22:30 UTC on 31 March (1 April in Sofia), one at 20:30 UTC.
    const closed = [
      aFact('c', '2026-02-10T09:00:00.000Z', { closedAt: '2026-03-31T22:30:00.000Z' }),
      aFact('d', '2026-02-10T09:00:00.000Z', { closedAt: '2026-03-31T20:30:00.000Z' }),
    ];
    expect(periods(summarizeStatistics(closed, { groupBy: 'month', basis: 'closed', timeZone: 'Europe/Sofia' }))).toStrictEqual([
      ['2026-03', 1],
      ['2026-04', 1],
    ]);
    expect(periods(summarizeStatistics(closed, { groupBy: 'day', basis: 'closed', from: '2026-04-01', timeZone: 'Europe/Sofia' }))).toStrictEqual([['2026-04-01', 1]]);
  });
});
