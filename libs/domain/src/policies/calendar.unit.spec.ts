import { addMonths, endOfLocalDay, isTimeZone, localDate, parsePeriod, parseWorkingDays, startOfLocalDay, zoneOffsetMs } from './calendar';
import { acknowledgementDeadline, answerDeadline, DEFAULT_DEADLINE_POLICY, DeadlinePolicy, followUpDeadline, registrationDeadline, statutoryAnswerLimit } from './deadlines';

const sofia = (overrides: Partial<DeadlinePolicy> = {}): DeadlinePolicy => ({
  ...DEFAULT_DEADLINE_POLICY,
  version: 'bg-2026',
  timeZone: 'Europe/Sofia',
  ...overrides,
});

describe('the day in a time zone', () => {
  it('ends at 21:59:59.999 UTC in a Sofia winter and 20:59:59.999 UTC in a Sofia summer', () => {
    expect(endOfLocalDay('Europe/Sofia', '2026-01-15')).toBe('2026-01-15T21:59:59.999Z');
    expect(endOfLocalDay('Europe/Sofia', '2026-07-15')).toBe('2026-07-15T20:59:59.999Z');
    expect(endOfLocalDay('UTC', '2026-07-15')).toBe('2026-07-15T23:59:59.999Z');
  });

  it('is 23 hours long on the last Sunday of March and 25 hours on the last Sunday of October (Europe/Sofia)', () => {
    const length = (date: string) => Date.parse(endOfLocalDay('Europe/Sofia', date)) + 1 - Date.parse(startOfLocalDay('Europe/Sofia', date));

    expect(startOfLocalDay('Europe/Sofia', '2026-03-29')).toBe('2026-03-28T22:00:00.000Z');
    expect(endOfLocalDay('Europe/Sofia', '2026-03-29')).toBe('2026-03-29T20:59:59.999Z');
    expect(length('2026-03-29')).toBe(23 * 3_600_000);
    expect(startOfLocalDay('Europe/Sofia', '2026-10-25')).toBe('2026-10-24T21:00:00.000Z');
    expect(endOfLocalDay('Europe/Sofia', '2026-10-25')).toBe('2026-10-25T21:59:59.999Z');
    expect(length('2026-10-25')).toBe(25 * 3_600_000);
  });

  it('knows the local date of an instant: 23:30 UTC on 6 March is already 7 March in Sofia', () => {
    expect(localDate('Europe/Sofia', '2026-03-06T23:30:00.000Z')).toBe('2026-03-07');
    expect(localDate('Europe/Sofia', '2026-03-06T21:59:59.999Z')).toBe('2026-03-06');
    expect(localDate('UTC', '2026-03-06T23:30:00.000Z')).toBe('2026-03-06');
    expect(localDate('America/New_York', '2026-03-07T03:00:00.000Z')).toBe('2026-03-06');
  });

  it('finds the first instant of a day whose midnight does not exist (America/Santiago skips 00:00 in September)', () => {
    const start = startOfLocalDay('America/Santiago', '2026-09-06');

    expect(localDate('America/Santiago', start)).toBe('2026-09-06');
    expect(localDate('America/Santiago', Date.parse(start) - 1)).toBe('2026-09-05');
  });

  it('measures the offset of a zone at an instant', () => {
    expect(zoneOffsetMs('Europe/Sofia', Date.parse('2026-01-01T00:00:00.000Z'))).toBe(2 * 3_600_000);
    expect(zoneOffsetMs('Europe/Sofia', Date.parse('2026-06-01T00:00:00.500Z'))).toBe(3 * 3_600_000);
  });

  it('accepts IANA names and refuses others', () => {
    expect(isTimeZone('Europe/Sofia')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
    expect(isTimeZone('+02:00 please')).toBe(false);
  });
});

describe('calendar months', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2026-08-31', 6, '2027-02-28'],
  ])('%s + %i month(s) is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('periods and working days as configured', () => {
  it.each([
    ['10 working-days', { count: 10, unit: 'working-days' }],
    ['30 calendar-days', { count: 30, unit: 'calendar-days' }],
    ['1 month', { count: 1, unit: 'months' }],
    ['2 months', { count: 2, unit: 'months' }],
    ['1 working-day', { count: 1, unit: 'working-days' }],
  ])('"%s" reads as %j', (text, period) => {
    expect(parsePeriod(text)).toStrictEqual(period);
  });

  it.each(['10', 'ten working-days', '0 months', '5 weeks', '-1 month'])('"%s" is not a period', (text) => {
    expect(parsePeriod(text)).toBeUndefined();
  });

  it('reads ranges, lists and a week that wraps round Sunday', () => {
    expect(parseWorkingDays('Mon-Fri')).toStrictEqual([1, 2, 3, 4, 5]);
    expect(parseWorkingDays('Sun-Thu')).toStrictEqual([1, 2, 3, 4, 7]);
    expect(parseWorkingDays('mon,tue,thu')).toStrictEqual([1, 2, 4]);
    expect(parseWorkingDays('Mon-Funday')).toBeUndefined();
    expect(parseWorkingDays('')).toBeUndefined();
  });
});

describe('deadlines on the deployment calendar', () => {
  it('ends the answer deadline at the end of the day in Sofia, with the zone in the explanation', () => {
    expect(answerDeadline(sofia(), '2026-03-02T09:15:00.000Z')).toStrictEqual({
      dueAt: '2026-03-12T21:59:59.999Z',
      explanation: { policyVersion: 'bg-2026', rule: 'calendar-days', from: '2026-03-02T09:15:00.000Z', days: 10, timeZone: 'Europe/Sofia' },
    });
  });

  it('counts from the Sofia date of receipt: received 23:30 UTC on Friday is a Saturday complaint in Sofia', () => {
    // Before: the UTC date (Friday) counted, and registration was due on Monday 23:59 UTC, 02:59 on Tuesday in Sofia.
    const deadline = registrationDeadline(sofia(), '2026-03-06T23:30:00.000Z');

    expect(deadline.dueAt).toBe('2026-03-09T21:59:59.999Z');
    expect(deadline.explanation.skippedDays).toStrictEqual(['2026-03-08']);
  });

  it('crosses the spring DST change: a deadline after it ends at 20:59:59.999 UTC', () => {
    const deadline = answerDeadline(sofia(), '2026-03-25T10:00:00.000Z');

    expect(deadline.dueAt).toBe('2026-04-04T20:59:59.999Z');
  });

  it('crosses the autumn DST change: a deadline after it ends at 21:59:59.999 UTC', () => {
    expect(followUpDeadline(sofia({ followUpDays: 7 }), '2026-10-22T10:00:00.000Z').dueAt).toBe('2026-10-29T21:59:59.999Z');
  });

  it('counts one calendar month: received 31 January, due at the end of 28 February', () => {
    const deadline = answerDeadline(sofia({ answerDays: 1, answerDayKind: 'months' }), '2026-01-31T08:00:00.000Z');

    expect(deadline).toStrictEqual({
      dueAt: '2026-02-28T21:59:59.999Z',
      explanation: { policyVersion: 'bg-2026', rule: 'calendar-months', from: '2026-01-31T08:00:00.000Z', months: 1, timeZone: 'Europe/Sofia' },
    });
  });

  it('counts one calendar month in a leap year: 31 January 2028 is due 29 February', () => {
    expect(answerDeadline(sofia({ answerDays: 1, answerDayKind: 'months' }), '2028-01-31T08:00:00.000Z').dueAt).toBe('2028-02-29T21:59:59.999Z');
  });

  it('skips holidays and weekends in working days, and names them', () => {
    const christmas = sofia({ answerDays: 3, answerDayKind: 'working', holidays: ['2026-12-24', '2026-12-25'] });
    const deadline = answerDeadline(christmas, '2026-12-23T12:00:00.000Z');

    expect(deadline.dueAt).toBe('2026-12-30T21:59:59.999Z');
    expect(deadline.explanation).toMatchObject({
      rule: 'working-days',
      days: 3,
      timeZone: 'Europe/Sofia',
      skippedDays: ['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-27'],
    });
  });

  it('uses the working week of the deployment: Sunday to Thursday, Friday and Saturday off', () => {
    const week = sofia({ workingDays: [7, 1, 2, 3, 4], acknowledgementDays: 1 });

    // Received Thursday: Friday and Saturday are skipped; Sunday is a working day.
    const deadline = acknowledgementDeadline(week, '2026-03-05T10:00:00.000Z');
    expect(deadline.dueAt).toBe('2026-03-08T21:59:59.999Z');
    expect(deadline.explanation.skippedDays).toStrictEqual(['2026-03-06', '2026-03-07']);
  });

  it('takes the statutory limit in calendar days of the zone', () => {
    expect(statutoryAnswerLimit(sofia(), '2026-03-02T09:15:00.000Z')).toStrictEqual({
      dueAt: '2026-04-27T20:59:59.999Z',
      explanation: { policyVersion: 'bg-2026', rule: 'statutory-limit', from: '2026-03-02T09:15:00.000Z', days: 56, timeZone: 'Europe/Sofia' },
    });
  });

  it('leaves a policy without a zone on UTC, its explanations as they were', () => {
    expect(answerDeadline(DEFAULT_DEADLINE_POLICY, '2026-03-02T09:15:00.000Z')).toStrictEqual({
      dueAt: '2026-03-12T23:59:59.999Z',
      explanation: { policyVersion: 'default-1', rule: 'calendar-days', from: '2026-03-02T09:15:00.000Z', days: 10 },
    });
  });
});

describe('answer periods by category and severity', () => {
  const policy = sofia({
    answerPeriodsByCategory: { delivery: { count: 5, unit: 'working-days' }, billing: { count: 1, unit: 'months' } },
    answerPeriodsBySeverity: { critical: { count: 2, unit: 'working-days' } },
  });

  const receivedAt = '2026-03-02T09:15:00.000Z';

  it.each([
    [
      'applies the period of the category when it ends first, and says so',
      { category: 'delivery', severity: 'medium' },
      '2026-03-09T21:59:59.999Z',
      { rule: 'working-days', days: 5, skippedDays: ['2026-03-07', '2026-03-08'], appliesTo: 'category:delivery' },
    ],
    [
      'applies the severity when it ends before the category',
      { category: 'delivery', severity: 'critical' },
      '2026-03-04T21:59:59.999Z',
      { rule: 'working-days', days: 2, skippedDays: [], appliesTo: 'severity:critical' },
    ],
    [
      'applies the period of the category in place of the general one, even when it is longer',
      { category: 'billing', severity: 'low' },
      '2026-04-02T20:59:59.999Z',
      { rule: 'calendar-months', months: 1, appliesTo: 'category:billing' },
    ],
    ['keeps the general period for a category and severity without their own', { category: 'product-quality', severity: 'low' }, '2026-03-12T21:59:59.999Z', { rule: 'calendar-days', days: 10 }],
  ] as const)('%s', (_case, classification, dueAt, explanation) => {
    expect(answerDeadline(policy, receivedAt, classification)).toStrictEqual({
      dueAt,
      explanation: { policyVersion: 'bg-2026', from: receivedAt, timeZone: 'Europe/Sofia', ...explanation },
    });
  });
});
