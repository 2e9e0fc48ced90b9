import { isCurrency, Money } from '../shared/money';
import { ActorRole } from '../shared/vocabulary';

/**
 * Who may grant how much: up to a threshold per currency a quality officer grants compensation alone;
 * beyond it a manager must. The threshold caps the case's cumulative compensation in that currency,
 * so splitting a payment into smaller grants never avoids the manager. A currency without a threshold
 * needs a manager for any amount (an unplanned currency is no reason to relax the rule).
 */
export interface CompensationApprovalPolicy {
  /** Per ISO 4217 code: the most (minor units) a case may receive in that currency without a manager. */
  thresholdsMinor: Readonly<Record<string, number>>;
}

export const DEFAULT_COMPENSATION_APPROVAL_POLICY: CompensationApprovalPolicy = { thresholdsMinor: { EUR: 50_000 } };

/** The roles that may approve any compensation themselves. */
const APPROVERS: readonly ActorRole[] = ['manager'];

export type ApprovalDecision =
  | { approved: true }
  | { approved: false; currency: string; threshold: number | undefined; cumulativeMinor: number };

/** Whether `role` may grant `amount` on a case that already received `granted`. */
export const compensationApproval = (
  policy: CompensationApprovalPolicy,
  role: ActorRole,
  granted: ReadonlyArray<{ amount?: Money }>,
  amount: Money | undefined,
): ApprovalDecision => {
  if (APPROVERS.includes(role) || !amount) return { approved: true };
  const { currency } = amount;
  const cumulativeMinor = granted.reduce(
    (sum, grant) => (grant.amount?.currency === currency ? sum + grant.amount.amountMinor : sum),
    amount.amountMinor,
  );
  const threshold = hasOwn(policy.thresholdsMinor, currency) ? policy.thresholdsMinor[currency] : undefined;
  return threshold !== undefined && cumulativeMinor <= threshold
    ? { approved: true }
    : { approved: false, currency, threshold, cumulativeMinor };
};

/**
 * Reads `EUR:50000,BGN:100000`: one threshold per currency. Returns the policy, or the problems found,
 * each a sentence an operator can act on.
 */
export const parseCompensationThresholds = (raw: string): { policy: CompensationApprovalPolicy; problems: string[] } => {
  const problems: string[] = [];
  const thresholdsMinor: Record<string, number> = {};
  for (const entry of raw.split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = /^([A-Za-z]{3})\s*:\s*(\d+)$/.exec(entry);
    if (!match) {
      problems.push(`"${entry}" is not CURRENCY:AMOUNT (an ISO 4217 code and whole minor units, e.g. EUR:50000).`);
      continue;
    }
    const currency = match[1].toUpperCase();
    const amount = Number(match[2]);
    if (!isCurrency(currency)) problems.push(`"${currency}" is not an ISO 4217 currency code.`);
    else if (!Number.isSafeInteger(amount)) problems.push(`the threshold for ${currency} is too large.`);
    else if (hasOwn(thresholdsMinor, currency)) problems.push(`${currency} is given twice.`);
    else thresholdsMinor[currency] = amount;
  }
  return { policy: { thresholdsMinor }, problems };
};

const hasOwn = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);
