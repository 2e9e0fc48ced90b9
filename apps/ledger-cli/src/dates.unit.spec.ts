import { parseIsoDateOption, parseIsoInstantOption, parseIsoPeriod } from './dates';
import { UsageError } from './embedded-store';

describe('CLI dates: ISO 8601 only', () => {
  it.each(['2026-12-07', '2026-02-28'])('keeps the date %s as a whole day', (value) => {
    expect(parseIsoDateOption('from', value)).toBe(value);
  });

  it.each([
    ['2026-12-07T09:30:00Z', '2026-12-07T09:30:00.000Z'],
    ['2026-12-07T09:30Z', '2026-12-07T09:30:00.000Z'],
    ['2026-12-07T10:30:00.250+01:00', '2026-12-07T09:30:00.250Z'],
  ])('reads the date-time %s as the instant %s', (value, instant) => {
    expect(parseIsoDateOption('as-of', value)).toBe(instant);
  });

  it.each(['07.12.2026', '01.12.2026', '12/07/2026', 'Dec 7 2026', '2026-13-01', '2026-02-30', '2026-12-07T09:30', '2026-12-07 09:30Z', '20261207', ''])(
    'refuses %j with a usage error that shows an example',
    (value) => {
      expect(() => parseIsoDateOption('from', value)).toThrow(UsageError);
      expect(() => parseIsoDateOption('from', value)).toThrow(/--from .* is not an ISO 8601 date; write e\.g\. 2026-12-01/);
    },
  );

  it('takes a date-only "as of" as the end of that day, as deadlines do', () => {
    expect(parseIsoInstantOption('as-of', '2026-12-07')).toBe('2026-12-07T23:59:59.999Z');
    expect(parseIsoInstantOption('as-of', '2026-12-07T08:00:00Z')).toBe('2026-12-07T08:00:00.000Z');
    expect(parseIsoInstantOption('as-of', undefined)).toBeUndefined();
  });

  it('refuses a period whose start is after its end, and accepts one day as from and to', () => {
    expect(parseIsoPeriod('2026-12-07', '2026-12-07')).toEqual({ from: '2026-12-07', to: '2026-12-07' });
    expect(() => parseIsoPeriod('2026-12-08', '2026-12-07')).toThrow(/--from 2026-12-08 is after --to 2026-12-07/);
  });
});
