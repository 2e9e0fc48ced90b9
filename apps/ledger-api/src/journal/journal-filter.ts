import { literalPattern, Filter, Sort } from '@app/read-store';
import type { JOURNAL_SORTS, JournalQueryDto } from './journal-query.dto';
import { periodBounds } from './period';

export { periodBounds };

export const receivedWithin = (from?: string, to?: string, timeZone?: string): Filter => {
  const bounds = periodBounds(from, to, timeZone);
  if (!bounds.from && !bounds.until) return {};
  return { receivedAt: { ...(bounds.from && { $gte: bounds.from }), ...(bounds.until && { $lt: bounds.until }) } };
};

/** Closed within the period (the statistics by closing date); summarizeStatistics selects exactly, this narrows the read. */
export const closedWithin = (from?: string, to?: string, timeZone?: string): Filter => {
  const bounds = periodBounds(from, to, timeZone);
  if (!bounds.from && !bounds.until) return {};
  return { closedAt: { ...(bounds.from && { $gte: bounds.from }), ...(bounds.until && { $lt: bounds.until }) } };
};

/**
 * The journal filter, built field by field from validated criteria: user input only ever becomes a
 * value (a literal, escaped pattern for text), never an operator or a field name.
 */
export const journalFilter = (criteria: JournalQueryDto, now: Date, timeZone?: string): Filter => {
  const filter: Filter = { ...receivedWithin(criteria.from, criteria.to, timeZone) };
  if (criteria.registerNumber) filter.registerNumber = criteria.registerNumber;
  if (criteria.category) filter.category = criteria.category;
  if (criteria.status) filter.status = criteria.status;
  if (criteria.officer) filter.responsibleOfficer = criteria.officer;
  if (criteria.verdict) filter.verdict = criteria.verdict;
  if (criteria.q) filter.searchText = { $regex: literalPattern(criteria.q.trim().toLowerCase()) };
  if (criteria.overdue === 'true') filter.nextDueAt = { $lt: now.toISOString() };
  if (criteria.overdue === 'false') filter.$or = [{ nextDueAt: null }, { nextDueAt: { $gte: now.toISOString() } }];
  return filter;
};

export const journalSort = (sort: (typeof JOURNAL_SORTS)[number] = '-receivedAt'): Sort => {
  const field = sort.replace(/^-/, '');
  // The complaint id breaks ties, so that pages never overlap or skip.
  return { [field]: sort.startsWith('-') ? -1 : 1, _id: 1 };
};
