import { periodBounds } from './period';

// Issue 14: `from` and `to` as dates mean whole days of the deployment's zone.
describe('the bounds of a period', () => {
  it('takes a date as the whole UTC day when the deployment runs on UTC', () => {
    expect(periodBounds('2026-03-01', '2026-03-31')).toStrictEqual({ from: '2026-03-01T00:00:00.000Z', until: '2026-04-01T00:00:00.000Z' });
  });

  it('takes a date as the whole day in Sofia, across the spring DST change', () => {
    expect(periodBounds('2026-03-01', '2026-03-31', 'Europe/Sofia')).toStrictEqual({
      from: '2026-02-28T22:00:00.000Z', // midnight in winter: UTC+2
      until: '2026-03-31T21:00:00.000Z', // midnight in summer: UTC+3
    });
  });

  it('keeps an instant as it is, including it', () => {
    expect(periodBounds('2026-03-01T10:00:00+02:00', '2026-03-02T10:00:00.000Z', 'Europe/Sofia')).toStrictEqual({
      from: '2026-03-01T08:00:00.000Z',
      until: '2026-03-02T10:00:00.001Z',
    });
  });
});
