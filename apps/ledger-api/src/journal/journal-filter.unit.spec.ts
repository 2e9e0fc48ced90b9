import { closedWithin, receivedWithin } from './journal-filter';

// Issue 14: the reports by receipt and by closing read the same days of the deployment's zone.
describe('the period filters of the reports', () => {
  it('narrows by closing date to the days of the zone, as by receipt', () => {
    const sofia = { $gte: '2026-02-28T22:00:00.000Z', $lt: '2026-03-31T21:00:00.000Z' };
    expect(closedWithin('2026-03-01', '2026-03-31', 'Europe/Sofia')).toStrictEqual({ closedAt: sofia });
    expect(receivedWithin('2026-03-01', '2026-03-31', 'Europe/Sofia')).toStrictEqual({ receivedAt: sofia });
  });

  it('takes whole UTC days without a zone, and no bound without a period', () => {
    expect(closedWithin('2026-03-01', '2026-03-31')).toStrictEqual({ closedAt: { $gte: '2026-03-01T00:00:00.000Z', $lt: '2026-04-01T00:00:00.000Z' } });
    expect(closedWithin()).toStrictEqual({});
  });
});
