import { answerDeadline, DEFAULT_DEADLINE_POLICY, DeadlinePolicy, followUpDeadline, registrationDeadline, statutoryAnswerLimit } from './deadlines';

const policy = (overrides: Partial<DeadlinePolicy> = {}): DeadlinePolicy => ({
  ...DEFAULT_DEADLINE_POLICY,
  version: 'bg-2026',
  ...overrides,
});

describe('registration deadline: the end of the next working day after receipt', () => {
  it.each([
    ['Monday', '2026-03-02T09:15:00.000Z', '2026-03-03T23:59:59.999Z', []],
    ['Thursday', '2026-03-05T16:40:00.000Z', '2026-03-06T23:59:59.999Z', []],
    ['Friday', '2026-03-06T09:15:00.000Z', '2026-03-09T23:59:59.999Z', ['2026-03-07', '2026-03-08']],
    ['Saturday', '2026-03-07T11:00:00.000Z', '2026-03-09T23:59:59.999Z', ['2026-03-08']],
    ['Sunday', '2026-03-08T11:00:00.000Z', '2026-03-09T23:59:59.999Z', []],
    ['Friday, just before midnight UTC', '2026-03-06T23:59:59.000Z', '2026-03-09T23:59:59.999Z', ['2026-03-07', '2026-03-08']],
  ])('received on a %s (%s) is due %s', (_day, receivedAt, dueAt, skippedDays) => {
    expect(registrationDeadline(policy(), receivedAt)).toStrictEqual({
      dueAt,
      explanation: { policyVersion: 'bg-2026', rule: 'next-working-day', from: receivedAt, days: 1, skippedDays },
    });
  });

  it('skips a public holiday on Monday: received on Saturday, due on Tuesday', () => {
    // Easter Monday 2026.
    const deadline = registrationDeadline(policy({ holidays: ['2026-04-06'] }), '2026-04-04T10:00:00.000Z');

    expect(deadline.dueAt).toBe('2026-04-07T23:59:59.999Z');
    expect(deadline.explanation.skippedDays).toStrictEqual(['2026-04-05', '2026-04-06']);
  });

  it('skips consecutive holidays and the weekend after them', () => {
    // Christmas Eve, Christmas and Boxing Day 2025 fall on Wednesday to Friday.
    const christmas = policy({ holidays: ['2025-12-24', '2025-12-25', '2025-12-26'] });

    expect(registrationDeadline(christmas, '2025-12-23T15:00:00.000Z')).toStrictEqual({
      dueAt: '2025-12-29T23:59:59.999Z',
      explanation: {
        policyVersion: 'bg-2026',
        rule: 'next-working-day',
        from: '2025-12-23T15:00:00.000Z',
        days: 1,
        skippedDays: ['2025-12-24', '2025-12-25', '2025-12-26', '2025-12-27', '2025-12-28'],
      },
    });
  });

  it('crosses the year boundary: received on 31 December, New Year a holiday, due on 2 January', () => {
    const deadline = registrationDeadline(policy({ holidays: ['2026-01-01'] }), '2025-12-31T17:30:00.000Z');

    expect(deadline.dueAt).toBe('2026-01-02T23:59:59.999Z');
    expect(deadline.explanation.skippedDays).toStrictEqual(['2026-01-01']);
  });

  it('counts from the day of receipt even when that day is a holiday', () => {
    const deadline = registrationDeadline(policy({ holidays: ['2026-03-03'] }), '2026-03-03T10:00:00.000Z');

    // Received on the holiday itself: the next working day is Wednesday, nothing skipped.
    expect(deadline.dueAt).toBe('2026-03-04T23:59:59.999Z');
    expect(deadline.explanation.skippedDays).toStrictEqual([]);
  });
});

describe('answer deadline', () => {
  it('counts calendar days from the day of receipt, ending at the end of the day', () => {
    expect(answerDeadline(policy({ answerDays: 10, answerDayKind: 'calendar' }), '2026-03-02T09:15:00.000Z')).toStrictEqual({
      dueAt: '2026-03-12T23:59:59.999Z',
      explanation: { policyVersion: 'bg-2026', rule: 'calendar-days', from: '2026-03-02T09:15:00.000Z', days: 10 },
    });
  });

  it('does not move a calendar deadline off a weekend or holiday', () => {
    const deadline = answerDeadline(
      policy({ answerDays: 5, answerDayKind: 'calendar', holidays: ['2026-03-03'] }),
      '2026-03-02T09:15:00.000Z',
    );

    expect(deadline.dueAt).toBe('2026-03-07T23:59:59.999Z'); // a Saturday
  });

  it('gives the FCA eight weeks as 56 calendar days across a month end', () => {
    expect(answerDeadline(policy({ answerDays: 56 }), '2026-01-20T08:00:00.000Z').dueAt).toBe('2026-03-17T23:59:59.999Z');
  });

  it('counts working days, skipping weekends and holidays, and records the days skipped', () => {
    // 3 March is Liberation Day in Bulgaria.
    const working = policy({ answerDays: 10, answerDayKind: 'working', holidays: ['2026-03-03'] });

    expect(answerDeadline(working, '2026-03-02T09:15:00.000Z')).toStrictEqual({
      dueAt: '2026-03-17T23:59:59.999Z',
      explanation: {
        policyVersion: 'bg-2026',
        rule: 'working-days',
        from: '2026-03-02T09:15:00.000Z',
        days: 10,
        skippedDays: ['2026-03-03', '2026-03-07', '2026-03-08', '2026-03-14', '2026-03-15'],
      },
    });
  });

  it('counts working days from a Friday receipt to a Friday two weeks later', () => {
    const deadline = answerDeadline(policy({ answerDays: 10, answerDayKind: 'working' }), '2026-03-06T12:00:00.000Z');

    expect(deadline.dueAt).toBe('2026-03-20T23:59:59.999Z');
    expect(deadline.explanation.skippedDays).toStrictEqual(['2026-03-07', '2026-03-08', '2026-03-14', '2026-03-15']);
  });
});

describe('follow-up deadline', () => {
  it('is 30 calendar days after the answer by default', () => {
    expect(followUpDeadline(DEFAULT_DEADLINE_POLICY, '2026-03-06T15:00:00.000Z')).toStrictEqual({
      dueAt: '2026-04-05T23:59:59.999Z',
      explanation: { policyVersion: 'default-1', rule: 'calendar-days', from: '2026-03-06T15:00:00.000Z', days: 30 },
    });
  });

  it("follows the deployment's own follow-up period", () => {
    expect(followUpDeadline(policy({ followUpDays: 14 }), '2026-12-28T10:00:00.000Z').dueAt).toBe('2027-01-11T23:59:59.999Z');
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

describe('statutory answer limit', () => {
  it('is eight weeks of calendar days from receipt by default (FCA DISP 1.6), explained', () => {
    expect(statutoryAnswerLimit(DEFAULT_DEADLINE_POLICY, '2026-03-02T09:15:00.000Z')).toStrictEqual({
      dueAt: '2026-04-27T23:59:59.999Z',
      explanation: { policyVersion: 'default-1', rule: 'statutory-limit', from: '2026-03-02T09:15:00.000Z', days: 56 },
    });
  });

  it("follows the deployment's own limit", () => {
    expect(statutoryAnswerLimit(policy({ statutoryLimitDays: 30 }), '2026-01-31T10:00:00.000Z').dueAt).toBe('2026-03-02T23:59:59.999Z');
  });
});
