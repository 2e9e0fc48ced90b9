import { readFileSync } from 'node:fs';
import {
  DeadlinePolicy,
  formatPeriod,
  isIsoDate,
  isTimeZone,
  parsePeriod,
  parseWorkingDays,
  Period,
  SEVERITIES,
} from '@app/domain';

type CalendarFields = Pick<
  DeadlinePolicy,
  'answerDays' | 'answerDayKind' | 'holidays' | 'timeZone' | 'workingDays' | 'answerPeriodsByCategory' | 'answerPeriodsBySeverity'
>;

/**
 * The deployment's calendar (issue 14): LEDGER_TIME_ZONE, WORKING_DAYS, HOLIDAYS / HOLIDAYS_FILE,
 * ANSWER_PERIOD and the periods per category and severity. Fields left at their defaults are left
 * out, so that a policy configured before they existed keeps its content hash, hence its version.
 */
export const loadCalendar = (
  env: NodeJS.ProcessEnv,
  problems: string[],
  answer: { answerDays: number; answerDayKind: 'calendar' | 'working' },
  categoryKeys: readonly string[],
): CalendarFields => {
  const fields: CalendarFields = { ...answer, holidays: holidays(env, problems) };

  const zone = env.LEDGER_TIME_ZONE?.trim();
  if (zone && !isTimeZone(zone)) problems.push(`LEDGER_TIME_ZONE="${zone}" is not an IANA time zone (e.g. Europe/Sofia, UTC).`);
  else if (zone && zone !== 'UTC') fields.timeZone = zone;

  const week = env.WORKING_DAYS?.trim();
  if (week) {
    const days = parseWorkingDays(week);
    if (!days) problems.push(`WORKING_DAYS="${week}" must name weekdays, e.g. Mon-Fri, Sun-Thu or Mon,Tue,Wed.`);
    else if (days.join() !== '1,2,3,4,5') fields.workingDays = days;
  }

  const general = env.ANSWER_PERIOD?.trim();
  if (general) {
    const period = parsePeriod(general);
    if (!period) problems.push(`ANSWER_PERIOD="${general}" must read like "10 working-days", "30 calendar-days" or "1 month".`);
    else {
      fields.answerDays = period.count;
      fields.answerDayKind = period.unit === 'working-days' ? 'working' : period.unit === 'months' ? 'months' : 'calendar';
    }
  }

  const byCategory = periodsBy('ANSWER_PERIOD_BY_CATEGORY', env, problems, categoryKeys, 'a category of the catalogue');
  if (byCategory) fields.answerPeriodsByCategory = byCategory;
  const bySeverity = periodsBy('ANSWER_PERIOD_BY_SEVERITY', env, problems, SEVERITIES, 'a severity');
  if (bySeverity) fields.answerPeriodsBySeverity = bySeverity;
  return fields;
};

/** The longest a period can last in calendar days, to hold it against the statutory limit. */
export const longestDays = (period: Period): number | undefined =>
  period.unit === 'calendar-days' ? period.count : period.unit === 'months' ? period.count * 31 : undefined;

export const periodsBeyondLimit = (policy: Omit<DeadlinePolicy, 'version'>): string[] => {
  const periods: Array<[string, Period]> = [
    ...Object.entries(policy.answerPeriodsByCategory ?? {}).map(([key, p]): [string, Period] => [`ANSWER_PERIOD_BY_CATEGORY ${key}:${formatPeriod(p)}`, p]),
    ...Object.entries(policy.answerPeriodsBySeverity ?? {}).map(([key, p]): [string, Period] => [`ANSWER_PERIOD_BY_SEVERITY ${key}:${formatPeriod(p)}`, p]),
  ];
  if (policy.answerDayKind === 'months') periods.push([`ANSWER_PERIOD=${formatPeriod({ count: policy.answerDays, unit: 'months' })}`, { count: policy.answerDays, unit: 'months' }]);
  return periods
    .filter(([, period]) => (longestDays(period) ?? 0) > policy.statutoryLimitDays)
    .map(([name]) => `${name} can last beyond STATUTORY_LIMIT_DAYS=${policy.statutoryLimitDays}: no answer deadline may pass the statutory limit.`);
};

const periodsBy = (
  name: string,
  env: NodeJS.ProcessEnv,
  problems: string[],
  keys: readonly string[],
  what: string,
): Record<string, Period> | undefined => {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const periods: Record<string, Period> = {};
  for (const item of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [key, text = ''] = item.split(':');
    const period = parsePeriod(text);
    if (!keys.includes(key.trim())) problems.push(`${name}: "${key.trim()}" is not ${what} (${keys.join(', ')}).`);
    else if (!period) problems.push(`${name}: "${item}" must read like delivery:5 working-days.`);
    else periods[key.trim()] = period;
  }
  return Object.keys(periods).length > 0 ? periods : undefined;
};

/** HOLIDAYS (comma-separated dates) and HOLIDAYS_FILE (one date a line, # comments), together. */
const holidays = (env: NodeJS.ProcessEnv, problems: string[]): string[] => {
  const listed = (env.HOLIDAYS ?? '').split(',');
  if (env.HOLIDAYS_FILE) {
    try {
      listed.push(...readFileSync(env.HOLIDAYS_FILE, 'utf8').split(/\r?\n/).map((line) => line.replace(/#.*/, '')));
    } catch (error) {
      problems.push(`HOLIDAYS_FILE ${env.HOLIDAYS_FILE} cannot be read: ${(error as Error).message}`);
    }
  }
  const days = new Set<string>();
  for (const day of listed.map((d) => d.trim()).filter(Boolean)) {
    if (isIsoDate(day)) days.add(day);
    else problems.push(`HOLIDAYS contains "${day}", which is not a date (YYYY-MM-DD).`);
  }
  return [...days].sort();
};
