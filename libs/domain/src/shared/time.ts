// Calendar arithmetic on UTC dates. Deadlines are calendar days (YYYY-MM-DD) that end
// at 23:59:59.999 UTC; the register runs on UTC so that a date means the same everywhere.

const DAY_MS = 86_400_000;

export type IsoDate = string; // YYYY-MM-DD
export type IsoDateTime = string; // ISO-8601 UTC, e.g. 2026-11-25T10:00:00.000Z

export const toIsoDate = (instant: Date): IsoDate => instant.toISOString().slice(0, 10);

export const addDays = (date: IsoDate, days: number): IsoDate =>
  toIsoDate(new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS));

export const isWeekend = (date: IsoDate): boolean => {
  const day = new Date(`${date}T00:00:00.000Z`).getUTCDay();
  return day === 0 || day === 6;
};

/** The last instant of a calendar day: a deadline "by 2026-11-27" is met until then. */
export const endOfDay = (date: IsoDate): IsoDateTime => `${date}T23:59:59.999Z`;

export const isIsoDate = (value: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && toIsoDate(new Date(`${value}T00:00:00.000Z`)) === value;

export const yearOf = (instant: IsoDateTime): number => Number(instant.slice(0, 4));
