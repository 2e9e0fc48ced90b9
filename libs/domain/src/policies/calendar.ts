import { addDays, IsoDate, IsoDateTime } from '../shared/time';

/**
 * The deployment's calendar: a time zone (IANA name), its working days and holidays. A deadline "by
 * a day" ends at the last instant of that day in this zone, so "by 27 March" means the same to an
 * officer in Sofia as on the customer's letter. Pure: the zone arithmetic is done with Intl alone.
 */

/** ISO weekday numbers: 1 Monday … 7 Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export const DEFAULT_TIME_ZONE = 'UTC';
export const DEFAULT_WORKING_DAYS: readonly Weekday[] = [1, 2, 3, 4, 5];

/** How long a period lasts: working days skip weekends and holidays; months are calendar months. */
export type PeriodUnit = 'working-days' | 'calendar-days' | 'months';

export interface Period {
  count: number;
  unit: PeriodUnit;
}

export const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatter = (zone: string): Intl.DateTimeFormat => {
  let found = formatters.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, found);
  }
  return found;
};

/** The wall-clock time in `zone` at `instant`, as if it were UTC (milliseconds dropped). */
const wallClock = (zone: string, instant: number): number => {
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(instant))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
};

/** How far `zone` is ahead of UTC at `instant`, in milliseconds (Sofia: two hours in winter, three in summer). */
export const zoneOffsetMs = (zone: string, instant: number): number => wallClock(zone, instant) - (instant - (((instant % 1000) + 1000) % 1000));

/** The calendar day in `zone` at `instant`. */
export const localDate = (zone: string, instant: IsoDateTime | number): IsoDate => {
  const at = typeof instant === 'number' ? instant : Date.parse(instant);
  return new Date(wallClock(zone, at)).toISOString().slice(0, 10);
};

/** The first instant of `date` in `zone` (midnight; where a zone skips midnight, the first instant that exists). */
export const startOfLocalDay = (zone: string, date: IsoDate): IsoDateTime => {
  const midnight = Date.parse(`${date}T00:00:00.000Z`);
  // Two passes settle the offset even when the day starts on the other side of a DST change.
  let guess = midnight - zoneOffsetMs(zone, midnight);
  guess = midnight - zoneOffsetMs(zone, guess);
  if (localDate(zone, guess) !== date) guess += 3_600_000; // midnight does not exist that day
  return new Date(guess).toISOString();
};

/** The last instant of `date` in `zone`: a deadline "by this day" is met until then. */
export const endOfLocalDay = (zone: string, date: IsoDate): IsoDateTime =>
  new Date(Date.parse(startOfLocalDay(zone, addDays(date, 1))) - 1).toISOString();

/** ISO weekday of a calendar date (a date has no zone). */
export const weekdayOf = (date: IsoDate): Weekday => (((new Date(`${date}T00:00:00.000Z`).getUTCDay() + 6) % 7) + 1) as Weekday;

/** `date` plus `months` calendar months, kept within the month: 31 January + 1 month is 28 (or 29) February. */
export const addMonths = (date: IsoDate, months: number): IsoDate => {
  const [year, month, day] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
};

/** Parses "10 working-days", "30 calendar-days", "1 month" / "2 months"; undefined if it is none of these. */
export const parsePeriod = (text: string): Period | undefined => {
  const match = /^\s*(\d{1,4})\s+(working-days?|calendar-days?|months?)\s*$/i.exec(text);
  if (!match) return undefined;
  const count = Number(match[1]);
  if (count < 1) return undefined;
  const word = match[2].toLowerCase();
  const unit: PeriodUnit = word.startsWith('working') ? 'working-days' : word.startsWith('calendar') ? 'calendar-days' : 'months';
  return { count, unit };
};

export const formatPeriod = (period: Period): string =>
  period.unit === 'months' ? `${period.count} ${period.count === 1 ? 'month' : 'months'}` : `${period.count} ${period.unit}`;

/** Parses "Mon-Fri", "Sun-Thu" or "Mon,Tue,Thu"; undefined if a name is unknown. */
export const parseWorkingDays = (text: string): Weekday[] | undefined => {
  const index = (name: string): Weekday | undefined => {
    const found = WEEKDAY_NAMES.findIndex((n) => n.toLowerCase() === name.trim().toLowerCase().slice(0, 3) && name.trim().length >= 3);
    return found < 0 ? undefined : ((found + 1) as Weekday);
  };
  const days = new Set<Weekday>();
  for (const item of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [first, last] = item.split('-');
    const a = index(first);
    const b = last === undefined ? a : index(last);
    if (a === undefined || b === undefined) return undefined;
    // A range may wrap round the week: Sun-Thu.
    for (let day = a; ; day = ((day % 7) + 1) as Weekday) {
      days.add(day);
      if (day === b) break;
    }
  }
  return days.size === 0 ? undefined : [...days].sort();
};
