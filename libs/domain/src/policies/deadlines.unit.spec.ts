import { answerDeadline, DEFAULT_DEADLINE_POLICY, DeadlinePolicy, followUpDeadline, registrationDeadline, statutoryAnswerLimit } from './deadlines';

const policy = (overrides: Partial<DeadlinePolicy> = {}): DeadlinePolicy => ({
  ...DEFAULT_DEADLINE_POLICY,
  version: 'bg-2026',
  ...overrides,
});

describe('registration deadline: the end of the next working day after receipt', () => {
  it.each([
    ['a Monday', '2026-03-02T09:15:00.000Z', [], '2026-03-03T23:59:59.999Z', []],
    ['a Thursday', '2026-03-05T16:40:00.000Z', [], '2026-03-06T23:59:59.999Z', []],
    ['a Friday', '2026-03-06T09:15:00.000Z', [], '2026-03-09T23:59:59.999Z', ['2026-03-07', '2026-03-08']],
    ['a Saturday', '2026-03-07T11:00:00.000Z', [], '2026-03-09T23:59:59.999Z', ['2026-03-08']],
    ['a Sunday', '2026-03-08T11:00:00.000Z', [], '2026-03-09T23:59:59.999Z', []],
    ['a Friday, just before midnight UTC', '2026-03-06T23:59:59.000Z', [], '2026-03-09T23:59:59.999Z', ['2026-03-07', '2026-03-08']],
    // Easter Monday 2026: skipped after the Sunday.
    ['a Saturday before a public holiday on Monday', '2026-04-04T10:00:00.000Z', ['2026-04-06'], '2026-04-07T23:59:59.999Z', ['2026-04-05', '2026-04-06']],
    // Christmas Eve, Christmas and Boxing Day 2025 fall on Wednesday to Friday: the weekend after them is skipped too.
    ['the day before consecutive holidays', '2025-12-23T15:00:00.000Z', ['2025-12-24', '2025-12-25', '2025-12-26'], '2025-12-29T23:59:59.999Z', ['2025-12-24', '2025-12-25', '2025-12-26', '2025-12-27', '2025-12-28']],
    ['31 December, New Year a holiday: across the year boundary', '2025-12-31T17:30:00.000Z', ['2026-01-01'], '2026-01-02T23:59:59.999Z', ['2026-01-01']],
    // Counted from the day of receipt even when that day is a holiday: the next working day is Wednesday, nothing skipped.
    ['a holiday itself (Tuesday)', '2026-03-03T10:00:00.000Z', ['2026-03-03'], '2026-03-04T23:59:59.999Z', []],
  ])('received on %s (%s, holidays %j) is due %s', (_day, receivedAt, holidays, dueAt, skippedDays) => {
    expect(registrationDeadline(policy({ holidays }), receivedAt)).toStrictEqual({
      dueAt,
      explanation: { policyVersion: 'bg-2026', rule: 'next-working-day', from: receivedAt, days: 1, skippedDays },
    });
  });
});

describe('answer deadline', () => {
  it.each([
    [
      'counts calendar days from the day of receipt, ending at the end of the day',
      { answerDays: 10, answerDayKind: 'calendar' as const },
      '2026-03-02T09:15:00.000Z',
      { dueAt: '2026-03-12T23:59:59.999Z', rule: 'calendar-days', days: 10 },
    ],
    [
      'does not move a calendar deadline off a weekend or holiday (due on a Saturday)',
      { answerDays: 5, answerDayKind: 'calendar' as const, holidays: ['2026-03-03'] },
      '2026-03-02T09:15:00.000Z',
      { dueAt: '2026-03-07T23:59:59.999Z', rule: 'calendar-days', days: 5 },
    ],
    [
      'gives the FCA eight weeks as 56 calendar days across a month end',
      { answerDays: 56 },
      '2026-01-20T08:00:00.000Z',
      { dueAt: '2026-03-17T23:59:59.999Z', rule: 'calendar-days', days: 56 },
    ],
    [
      // 3 March is Liberation Day in Bulgaria.
      'counts working days, skipping weekends and holidays, and records the days skipped',
      { answerDays: 10, answerDayKind: 'working' as const, holidays: ['2026-03-03'] },
      '2026-03-02T09:15:00.000Z',
      { dueAt: '2026-03-17T23:59:59.999Z', rule: 'working-days', days: 10, skippedDays: ['2026-03-03', '2026-03-07', '2026-03-08', '2026-03-14', '2026-03-15'] },
    ],
    [
      'counts working days from a Friday receipt to a Friday two weeks later',
      { answerDays: 10, answerDayKind: 'working' as const },
      '2026-03-06T12:00:00.000Z',
      { dueAt: '2026-03-20T23:59:59.999Z', rule: 'working-days', days: 10, skippedDays: ['2026-03-07', '2026-03-08', '2026-03-14', '2026-03-15'] },
    ],
  ])('%s', (_case, overrides, receivedAt, { dueAt, ...explanation }) => {
    expect(answerDeadline(policy(overrides), receivedAt)).toStrictEqual({ dueAt, explanation: { policyVersion: 'bg-2026', from: receivedAt, ...explanation } });
  });
});

describe('follow-up deadline and statutory answer limit: calendar days from the answer, from receipt', () => {
  it.each([
    ['the follow-up is 30 calendar days after the answer by default', followUpDeadline, DEFAULT_DEADLINE_POLICY, '2026-03-06T15:00:00.000Z', '2026-04-05T23:59:59.999Z', 'calendar-days', 30],
    ["the follow-up follows the deployment's own period", followUpDeadline, policy({ followUpDays: 14 }), '2026-12-28T10:00:00.000Z', '2027-01-11T23:59:59.999Z', 'calendar-days', 14],
    ['the limit is eight weeks from receipt by default (FCA DISP 1.6)', statutoryAnswerLimit, DEFAULT_DEADLINE_POLICY, '2026-03-02T09:15:00.000Z', '2026-04-27T23:59:59.999Z', 'statutory-limit', 56],
    ["the limit follows the deployment's own", statutoryAnswerLimit, policy({ statutoryLimitDays: 30 }), '2026-01-31T10:00:00.000Z', '2026-03-02T23:59:59.999Z', 'statutory-limit', 30],
  ] as const)('%s, explained', (_case, deadline, deadlinePolicy, from, dueAt, rule, days) => {
    expect(deadline(deadlinePolicy, from)).toStrictEqual({ dueAt, explanation: { policyVersion: deadlinePolicy.version, rule, from, days } });
  });
});

describe('the default policy', () => {
  it('answers within ten calendar days and follows up after thirty, without holidays', () => {
    expect(DEFAULT_DEADLINE_POLICY).toStrictEqual({
      version: 'default-1',
      answerDays: 10,
      answerDayKind: 'calendar',
      followUpDays: 30,
      holidays: [],
      statutoryLimitDays: 56,
      acknowledgementDays: 1,
    });
  });
});
