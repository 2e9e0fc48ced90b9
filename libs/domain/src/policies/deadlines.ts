import { addDays, IsoDate, IsoDateTime } from '../shared/time';
import { addMonths, DEFAULT_TIME_ZONE, DEFAULT_WORKING_DAYS, endOfLocalDay, formatPeriod, localDate, Period, weekdayOf, Weekday } from './calendar';

/**
 * The deadline policy is configuration, not code: each deployment sets its own answer period
 * (e.g. ten days for consumer claims in Russia, about a month in Bulgaria, eight weeks under the FCA).
 * Every deadline an event sets carries an explanation naming the policy version and the rule applied.
 *
 * Days are counted on the deployment's calendar (`timeZone`, `workingDays`, `holidays`): a deadline
 * ends at the last instant of its day in that zone. The calendar fields are optional, so that a policy
 * written before them keeps its version and its deadlines (UTC, Monday to Friday).
 */
export interface DeadlinePolicy {
  version: string;
  /** Days (or months) from receipt to the answer deadline. */
  answerDays: number;
  answerDayKind: 'calendar' | 'working' | 'months';
  /** Days from the answer to the follow-up contact. */
  followUpDays: number;
  /** Public holidays (YYYY-MM-DD) that are not working days, besides the days off of the week. */
  holidays: readonly IsoDate[];
  /**
   * The hard limit for the final answer, in calendar days from receipt (FCA DISP 1.6: eight weeks);
   * no extension may pass it. A reopened case counts it from the reopening.
   */
  statutoryLimitDays: number;
  /** Working days from receipt to the acknowledgement to the complainant (ISO 10002 8.4; FCA "promptly"). */
  acknowledgementDays: number;
  /** IANA time zone whose days the deadlines count (default UTC). */
  timeZone?: string;
  /** ISO weekdays that are working days (default Monday to Friday). */
  workingDays?: readonly Weekday[];
  /** Answer periods for some categories, in place of the general one; with a severity's too, the one ending first wins. */
  answerPeriodsByCategory?: Readonly<Record<string, Period>>;
  /** Answer periods for some severities, in place of the general one; with a category's too, the one ending first wins. */
  answerPeriodsBySeverity?: Readonly<Record<string, Period>>;
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
  rule:
    | 'next-working-day'
    | 'calendar-days'
    | 'working-days'
    | 'calendar-months'
    | 'promised-by-officer'
    | 'extended'
    | 'statutory-limit';
  from: IsoDateTime;
  days?: number;
  months?: number;
  skippedDays?: IsoDate[];
  /** The zone whose days were counted; absent: UTC. */
  timeZone?: string;
  /** Which answer period applied when it is not the general one, e.g. `category:delivery` or `severity:critical`. */
  appliesTo?: string;
  /** Time the clock stood still while the case waited on the complainant. */
  paused?: PausedTime;
}

/** Waiting on the complainant: the answer deadline moved by the time waited, never past the statutory limit. */
export interface PausedTime {
  /** The last wait, from `from` until `until`. */
  ms: number;
  /** Every wait of this round (since receipt or the last reopening). */
  totalMs: number;
  from: IsoDateTime;
  until: IsoDateTime;
  /** The deadline before the last wait was added. */
  previousDueAt: IsoDateTime;
  /** Set when the statutory limit stopped the move: the deadline is the limit. */
  cappedAt?: IsoDateTime;
}

export interface Deadline {
  dueAt: IsoDateTime;
  explanation: DeadlineExplanation;
}

/** What a complaint's answer period may depend on. */
export interface AnswerSubject {
  category?: string;
  severity?: string;
}

const zoneOf = (policy: DeadlinePolicy): string => policy.timeZone ?? DEFAULT_TIME_ZONE;

// Recorded only when a deployment sets its zone, so that explanations written before stay identical.
const zoneNote = (policy: DeadlinePolicy) => (policy.timeZone === undefined ? {} : { timeZone: policy.timeZone });

const dayOf = (policy: DeadlinePolicy, instant: IsoDateTime): IsoDate => localDate(zoneOf(policy), instant);
const endOf = (policy: DeadlinePolicy, date: IsoDate): IsoDateTime => endOfLocalDay(zoneOf(policy), date);

export const isWorkingDay = (policy: DeadlinePolicy, date: IsoDate): boolean =>
  (policy.workingDays ?? DEFAULT_WORKING_DAYS).includes(weekdayOf(date)) && !policy.holidays.includes(date);

/** Moves forward `count` working days from `start`, collecting the days skipped on the way. */
const addWorkingDays = (policy: DeadlinePolicy, start: IsoDate, count: number) => {
  const skipped: IsoDate[] = [];
  let date = start;
  let remaining = count;
  // A policy without a single working day would never end; it is refused at configuration.
  while (remaining > 0 && skipped.length < 3660) {
    date = addDays(date, 1);
    if (isWorkingDay(policy, date)) remaining -= 1;
    else skipped.push(date);
  }
  return { date, skipped };
};

/** The deadline `period` after `from`, on the policy's calendar. */
export const periodDeadline = (policy: DeadlinePolicy, from: IsoDateTime, period: Period): Deadline => {
  const start = dayOf(policy, from);
  const common = { policyVersion: policy.version, from, ...zoneNote(policy) };
  switch (period.unit) {
    case 'working-days': {
      const { date, skipped } = addWorkingDays(policy, start, period.count);
      return { dueAt: endOf(policy, date), explanation: { ...common, rule: 'working-days', days: period.count, skippedDays: skipped } };
    }
    case 'calendar-days':
      return { dueAt: endOf(policy, addDays(start, period.count)), explanation: { ...common, rule: 'calendar-days', days: period.count } };
    case 'months':
      return { dueAt: endOf(policy, addMonths(start, period.count)), explanation: { ...common, rule: 'calendar-months', months: period.count } };
  }
};

/** Registration is due by the end of the next working day after receipt. */
export const registrationDeadline = (policy: DeadlinePolicy, receivedAt: IsoDateTime): Deadline => {
  const { date, skipped } = addWorkingDays(policy, dayOf(policy, receivedAt), 1);
  return {
    dueAt: endOf(policy, date),
    explanation: { policyVersion: policy.version, rule: 'next-working-day', from: receivedAt, days: 1, skippedDays: skipped, ...zoneNote(policy) },
  };
};

/** The general answer period of the policy. */
export const generalAnswerPeriod = (policy: DeadlinePolicy): Period => ({
  count: policy.answerDays,
  unit: policy.answerDayKind === 'working' ? 'working-days' : policy.answerDayKind === 'months' ? 'months' : 'calendar-days',
});

/**
 * The answer is due one answer period after receipt (or reopening): the period set for the
 * complaint's category or severity, the one ending first when both are set; otherwise the general one.
 */
export const answerDeadline = (policy: DeadlinePolicy, receivedAt: IsoDateTime, subject: AnswerSubject = {}): Deadline => {
  const candidates: Array<{ appliesTo?: string; period: Period }> = [];
  const byCategory = subject.category === undefined ? undefined : policy.answerPeriodsByCategory?.[subject.category];
  if (byCategory) candidates.push({ appliesTo: `category:${subject.category}`, period: byCategory });
  const bySeverity = subject.severity === undefined ? undefined : policy.answerPeriodsBySeverity?.[subject.severity];
  if (bySeverity) candidates.push({ appliesTo: `severity:${subject.severity}`, period: bySeverity });
  if (candidates.length === 0) candidates.push({ period: generalAnswerPeriod(policy) });
  let best: Deadline | undefined;
  for (const { appliesTo, period } of candidates) {
    const deadline = periodDeadline(policy, receivedAt, period);
    const explained = appliesTo ? { ...deadline, explanation: { ...deadline.explanation, appliesTo } } : deadline;
    if (!best || Date.parse(explained.dueAt) < Date.parse(best.dueAt)) best = explained;
  }
  return best as Deadline;
};

/** The follow-up contact is due `followUpDays` calendar days after the answer. */
export const followUpDeadline = (policy: DeadlinePolicy, answeredAt: IsoDateTime): Deadline =>
  periodDeadline(policy, answeredAt, { count: policy.followUpDays, unit: 'calendar-days' });

/** The latest an answer may come whatever is extended: `statutoryLimitDays` calendar days after `from` (receipt or reopening). */
export const statutoryAnswerLimit = (policy: DeadlinePolicy, from: IsoDateTime): Deadline => {
  const { dueAt, explanation } = periodDeadline(policy, from, { count: policy.statutoryLimitDays, unit: 'calendar-days' });
  return { dueAt, explanation: { ...explanation, rule: 'statutory-limit' } };
};

/** The complainant is acknowledged within `acknowledgementDays` working days of receipt. */
export const acknowledgementDeadline = (policy: DeadlinePolicy, receivedAt: IsoDateTime): Deadline =>
  periodDeadline(policy, receivedAt, { count: policy.acknowledgementDays, unit: 'working-days' });

/** A deadline given as a date alone is met until the end of that day in the deployment's zone. */
export const endOfDateIn = (policy: DeadlinePolicy, date: IsoDate): IsoDateTime => endOf(policy, date);

/** Describes a policy's answer periods in words, for the policy endpoint and the docs. */
export const describeAnswerPeriod = (policy: DeadlinePolicy): string => formatPeriod(generalAnswerPeriod(policy));
