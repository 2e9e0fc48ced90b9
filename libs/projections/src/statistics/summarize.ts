import { endOfLocalDay, localDate, startOfLocalDay } from '@app/domain';
import { ComplaintFacts, NOT_RECORDED, StatisticsBasis, StatisticsBreakdown, StatisticsGrouping, StatisticsRow } from '../read-models';

export interface SummaryOptions {
  /** Complaints received (or closed, see `basis`) at or after this instant; a date (YYYY-MM-DD) means its first moment in `timeZone`. */
  from?: string;
  /** Complaints received (or closed) at or before this instant; a date (YYYY-MM-DD) means its last moment in `timeZone`, as deadlines do. */
  to?: string;
  groupBy: StatisticsGrouping;
  /** What the rows are broken down by beside the period; the category unless told. */
  breakdown?: StatisticsBreakdown;
  /** `received` (default): periods of receipt; `closed`: periods of closing, closed complaints only. */
  basis?: StatisticsBasis;
  /** The deployment's IANA time zone, whose days, months and years the periods are (default UTC). */
  timeZone?: string;
}

/**
 * The complaint report: one row per period (of receipt, or of closing, in the deployment's zone) and breakdown value
 * (the category unless told), sorted by period then value. Pure and deterministic: the same facts in any order give
 * the same rows.
 */
export const summarizeStatistics = (facts: readonly ComplaintFacts[], options: SummaryOptions): StatisticsRow[] => {
  const zone = options.timeZone ?? 'UTC';
  const from = options.from === undefined ? -Infinity : instantOf(options.from, 'from', zone);
  const to = options.to === undefined ? Infinity : instantOf(options.to, 'to', zone);
  const by = options.breakdown ?? 'category';
  const basis = options.basis ?? 'received';
  const groups = new Map<string, { period: string; value: string; facts: ComplaintFacts[] }>();
  for (const complaint of facts) {
    const dated = basis === 'closed' ? complaint.closedAt : complaint.receivedAt;
    if (dated === null) continue;
    const instant = Date.parse(dated);
    if (instant < from || instant > to) continue;
    const period = periodOf(instant, options.groupBy, zone);
    const value = complaint[by] ?? NOT_RECORDED;
    const key = `${period}\u0000${value}`;
    const group = groups.get(key) ?? { period, value, facts: [] };
    group.facts.push(complaint);
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => compareText(a.period, b.period) || compareText(a.value, b.value))
    .map(({ period, value, facts: group }) => summarizeGroup(period, { by, value }, group));
};

const summarizeGroup = (period: string, breakdown: StatisticsRow['breakdown'], facts: ComplaintFacts[]): StatisticsRow => {
  const hoursToClose = facts.flatMap((f) => (f.hoursToClose === null ? [] : [f.hoursToClose]));
  const acknowledgedOnTime = facts.filter((f) => f.acknowledgedOnTime === true).length;
  const acknowledgedLate = facts.filter((f) => f.acknowledgedOnTime === false).length;
  const firstPromiseKept = facts.filter((f) => f.firstPromiseKept === true).length;
  const firstPromiseJudged = facts.filter((f) => f.firstPromiseKept !== null).length;
  const hoursToRegister = facts.flatMap((f) => (f.hoursToRegister === null ? [] : [f.hoursToRegister]));
  const hoursToAnswer = facts.flatMap((f) => (f.hoursToAnswer === null ? [] : [f.hoursToAnswer]));
  const followedUp = facts.filter((f) => f.satisfaction !== null);
  const resolvedAtFirstContact = facts.filter((f) => f.resolvedAtFirstContact);
  const satisfactionSum = followedUp.reduce((sum, f) => sum + (f.satisfaction ?? 0), 0);
  return {
    period,
    category: breakdown.by === 'category' ? breakdown.value : '*',
    breakdown,
    received: facts.length,
    registered: facts.filter((f) => f.registeredAt !== null).length,
    answered: facts.filter((f) => f.answeredAt !== null).length,
    answeredOnTime: facts.filter((f) => f.answeredOnTime === true).length,
    firstPromiseKept,
    resolvedAtFirstContact: resolvedAtFirstContact.length,
    firstContactResolutionRate: round(resolvedAtFirstContact.length / facts.length, 4),
    hoursToRegister: { median: percentile(hoursToRegister, 50), p90: percentile(hoursToRegister, 90) },
    hoursToAnswer: { median: percentile(hoursToAnswer, 50), p90: percentile(hoursToAnswer, 90) },
    closed: facts.filter((f) => f.closedAt !== null).length,
    hoursToClose: { median: percentile(hoursToClose, 50), p90: percentile(hoursToClose, 90) },
    acknowledgedOnTime,
    acknowledgedLate,
    acknowledgementOnTimeRate: acknowledgedOnTime + acknowledgedLate ? round(acknowledgedOnTime / (acknowledgedOnTime + acknowledgedLate), 4) : null,
    firstPromiseKeptRate: firstPromiseJudged ? round(firstPromiseKept / firstPromiseJudged, 4) : null,
    verdicts: {
      founded: facts.filter((f) => f.verdict === 'founded').length,
      partlyFounded: facts.filter((f) => f.verdict === 'partly-founded').length,
      unfounded: facts.filter((f) => f.verdict === 'unfounded').length,
    },
    compensation: compensationTotals(facts),
    satisfaction: {
      responses: followedUp.length,
      average: followedUp.length ? round(satisfactionSum / followedUp.length, 2) : null,
      shareSolved: followedUp.length ? round(followedUp.filter((f) => f.problemSolved === true).length / followedUp.length, 4) : null,
    },
    rootCauses: ranked(facts.map((f) => f.rootCause)),
    responsibleParties: ranked(facts.map((f) => f.responsibleParty)),
  };
};

/**
 * The nearest-rank percentile: the smallest observed value with at least `percent`% of the values
 * at or below it (rank ⌈percent/100 · n⌉ of the sorted values). So the median (50) of an even count
 * is the lower of the two middle values; every figure is a duration that actually occurred.
 */
export const percentile = (values: readonly number[], percent: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  // percent · n in integers first: 0.07 · 100 is 7.000000000000001 in floating point and would take rank 8.
  const rank = Math.max(1, Math.ceil((percent * sorted.length) / 100));
  return sorted[rank - 1];
};

const compensationTotals = (facts: ComplaintFacts[]): StatisticsRow['compensation'] => {
  const totals = new Map<string, StatisticsRow['compensation'][number]>();
  for (const { kind, currency, amountMinor } of facts.flatMap((f) => f.compensations)) {
    const key = `${currency ?? ''}\u0000${kind}`;
    const total = totals.get(key) ?? { currency, kind, count: 0, amountMinor: 0 };
    total.count += 1;
    total.amountMinor += amountMinor ?? 0;
    totals.set(key, total);
  }
  // Payments first, by currency then kind; compensations without an amount (apologies, repairs…) last.
  return [...totals.values()].sort(
    (a, b) =>
      Number(a.currency === null) - Number(b.currency === null) ||
      compareText(a.currency ?? '', b.currency ?? '') ||
      compareText(a.kind, b.kind),
  );
};

/** Values by how often they occur, most frequent first; ties by name. */
const ranked = (values: ReadonlyArray<string | null>): Array<{ value: string; count: number }> => {
  const counts = new Map<string, number>();
  for (const value of values) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || compareText(a.value, b.value));
};

const PERIOD_LENGTH: Record<StatisticsGrouping, number> = { day: 10, month: 7, year: 4 };

// UTC needs no Intl: a report over many complaints stays as fast as before.
const periodOf = (instant: number, groupBy: StatisticsGrouping, zone: string): string =>
  (zone === 'UTC' ? new Date(instant).toISOString() : localDate(zone, instant)).slice(0, PERIOD_LENGTH[groupBy]);

const instantOf = (value: string, bound: 'from' | 'to', zone: string): number => {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? (bound === 'from' ? startOfLocalDay(zone, value) : endOfLocalDay(zone, value)) : value;
  const instant = Date.parse(text);
  if (Number.isNaN(instant)) throw new RangeError(`${bound} is not a date or an instant: "${value}".`);
  return instant;
};

/** Code-unit order, not the locale's: reports sort the same on every machine. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const round = (value: number, places: number): number => {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
};
