import { addDays, endOfDay, IsoDate, IsoDateTime, isWeekend, toIsoDate } from '../shared/time';

/**
 * The deadline policy is configuration, not code: each deployment sets its own answer period
 * (e.g. ten days for consumer claims in Russia, about a month in Bulgaria, eight weeks under the FCA).
 * Every deadline an event sets carries an explanation naming the policy version and the rule applied.
 */
export interface DeadlinePolicy {
  version: string;
  /** Days from receipt to the answer deadline. */
  answerDays: number;
  answerDayKind: 'calendar' | 'working';
  /** Days from the answer to the follow-up contact. */
  followUpDays: number;
  /** Public holidays (YYYY-MM-DD) that are not working days, besides weekends. */
  holidays: readonly IsoDate[];
  /**
   * The hard limit for the final answer, in calendar days from receipt (FCA DISP 1.6: eight weeks);
   * no extension may pass it. A reopened case counts it from the reopening.
   */
  statutoryLimitDays: number;
  /** Working days from receipt to the acknowledgement to the complainant (ISO 10002 8.4; FCA "promptly"). */
  acknowledgementDays: number;
}

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  version: 'default-1',
  answerDays: 10,
  answerDayKind: 'calendar',
  followUpDays: 30,
  holidays: [],
  statutoryLimitDays: 56,
  acknowledgementDays: 1,
};

/** Why a deadline is what it is: enough to recompute and explain it years later. */
export interface DeadlineExplanation {
  policyVersion: string;
  rule: 'next-working-day' | 'calendar-days' | 'working-days' | 'promised-by-officer' | 'extended' | 'statutory-limit';
  from: IsoDateTime;
  days?: number;
  skippedDays?: IsoDate[];
}

export interface Deadline {
  dueAt: IsoDateTime;
  explanation: DeadlineExplanation;
}

const isWorkingDay = (policy: DeadlinePolicy, date: IsoDate): boolean =>
  !isWeekend(date) && !policy.holidays.includes(date);

/** Moves forward `count` working days from `start`, collecting the days skipped on the way. */
const addWorkingDays = (policy: DeadlinePolicy, start: IsoDate, count: number) => {
  const skipped: IsoDate[] = [];
  let date = start;
  let remaining = count;
  while (remaining > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(policy, date)) remaining -= 1;
    else skipped.push(date);
  }
  return { date, skipped };
};

/** Registration is due by the end of the next working day after receipt. */
export const registrationDeadline = (policy: DeadlinePolicy, receivedAt: IsoDateTime): Deadline => {
  const { date, skipped } = addWorkingDays(policy, toIsoDate(new Date(receivedAt)), 1);
  return {
    dueAt: endOfDay(date),
    explanation: { policyVersion: policy.version, rule: 'next-working-day', from: receivedAt, days: 1, skippedDays: skipped },
  };
};

/** The answer is due `answerDays` calendar or working days after receipt. */
export const answerDeadline = (policy: DeadlinePolicy, receivedAt: IsoDateTime): Deadline => {
  const start = toIsoDate(new Date(receivedAt));
  if (policy.answerDayKind === 'working') {
    const { date, skipped } = addWorkingDays(policy, start, policy.answerDays);
    return {
      dueAt: endOfDay(date),
      explanation: {
        policyVersion: policy.version,
        rule: 'working-days',
        from: receivedAt,
        days: policy.answerDays,
        skippedDays: skipped,
      },
    };
  }
  return {
    dueAt: endOfDay(addDays(start, policy.answerDays)),
    explanation: { policyVersion: policy.version, rule: 'calendar-days', from: receivedAt, days: policy.answerDays },
  };
};

/** The follow-up contact is due `followUpDays` calendar days after the answer. */
export const followUpDeadline = (policy: DeadlinePolicy, answeredAt: IsoDateTime): Deadline => ({
  dueAt: endOfDay(addDays(toIsoDate(new Date(answeredAt)), policy.followUpDays)),
  explanation: { policyVersion: policy.version, rule: 'calendar-days', from: answeredAt, days: policy.followUpDays },
});

/** The latest an answer may come whatever is extended: `statutoryLimitDays` calendar days after `from` (receipt or reopening). */
export const statutoryAnswerLimit = (policy: DeadlinePolicy, from: IsoDateTime): Deadline => ({
  dueAt: endOfDay(addDays(toIsoDate(new Date(from)), policy.statutoryLimitDays)),
  explanation: { policyVersion: policy.version, rule: 'statutory-limit', from, days: policy.statutoryLimitDays },
});

/** The complainant is acknowledged within `acknowledgementDays` working days of receipt. */
export const acknowledgementDeadline = (policy: DeadlinePolicy, receivedAt: IsoDateTime): Deadline => {
  const { date, skipped } = addWorkingDays(policy, toIsoDate(new Date(receivedAt)), policy.acknowledgementDays);
  return {
    dueAt: endOfDay(date),
    explanation: { policyVersion: policy.version, rule: 'working-days', from: receivedAt, days: policy.acknowledgementDays, skippedDays: skipped },
  };
};
