import { Money } from '@app/domain';
import { ComplaintFacts } from '../read-models';

// What both ways of computing a complaint's facts share: the projection (event by event) and
// factsFromCase (from the folded case). Only these small conversions are shared; the logic is not.

/** A complaint's category until it is registered. */
export const UNCATEGORISED = 'uncategorised';

const HUNDREDTH_OF_AN_HOUR_MS = 36_000;

/** Decimal hours between two instants, rounded to two places (to the hundredth of an hour, 36 s). */
export const hoursBetween = (from: string, to: string): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / HUNDREDTH_OF_AN_HOUR_MS) / 100;

export const compensationFact = (compensation: { kind: string; amount?: Money }): ComplaintFacts['compensations'][number] => ({
  kind: compensation.kind,
  currency: compensation.amount?.currency ?? null,
  amountMinor: compensation.amount?.amountMinor ?? null,
});
