import { CompensationApprovalPolicy, parseCompensationThresholds } from '../policies/compensation-approval';
import { Actor } from '../shared/vocabulary';
import { aComplaint, compensateComplaint, DeciderSpecification } from '../testing';

// The manager threshold caps a case's cumulative compensation per currency: splitting a payment
// into grants below the threshold never avoids the manager.

const officer: Actor = { id: 'officer-georgieva', role: 'quality-officer' };
const manager: Actor = { id: 'manager-dimitrov', role: 'manager' };
const thresholds: CompensationApprovalPolicy = { thresholdsMinor: { EUR: 50_000, BGN: 100_000 } };
const now = new Date('2026-03-09T10:00:00.000Z');

const given = DeciderSpecification.for({ now, compensationApproval: thresholds });
const answered = aComplaint().received().registered().investigated().answered();
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const bgn = (amountMinor: number) => ({ amountMinor, currency: 'BGN' });
const refund = (amount: { amountMinor: number; currency: string }, approvedBy = officer.id) =>
  compensateComplaint({ amount, approvedBy, description: 'Partial refund' });
/** The approver's signature, meaning approval (21 CFR Part 11 §11.50). */
const approvalBy = (signedBy: string) => ({ signedBy, meaning: 'approval' as const, signedAt: now.toISOString() });
const granted = (amount: { amountMinor: number; currency: string }, approvedBy = officer.id) => ({
  type: 'ComplaintCompensated' as const,
  data: { ...refund(amount, approvedBy).data, approval: approvalBy(approvedBy), grantedAt: now.toISOString() },
});

describe('compensation above the manager threshold', () => {
  /** The answered case after these earlier grants. */
  const after = (...grants: Array<ReturnType<typeof granted>>) => grants.reduce((history, grant) => history.compensated(grant.data), answered);

  it.each([
    ['up to the threshold alone', after(), eur(50_000)],
    ['grants that add up to exactly the threshold', after(granted(eur(25_000))), eur(25_000)],
    ['BGN after EUR: EUR granted does not use up the BGN threshold', after(granted(eur(50_000))), bgn(100_000)],
  ])('a quality officer grants %s', (_case, history, amount) => {
    given(history).when(refund(amount), { actor: officer }).then([granted(amount)]);
  });

  it.each([
    ['one amount above it', after(), eur(50_001)],
    ['the next 50000 after a grant of 50000: splitting does not help', after(granted(eur(50_000))), eur(50_000)],
    ['even 1 after a grant of 50000', after(granted(eur(50_000))), eur(1)],
    ['more than the threshold in grants that add up', after(granted(eur(25_000)), granted(eur(25_000))), eur(50_000)],
    ['the rest of the threshold after a manager’s grant: every earlier grant counts, whoever granted it', after(granted(eur(40_000), manager.id)), eur(10_001)],
    ['BGN beyond the BGN threshold, counted on its own', after(granted(eur(50_000)), granted(bgn(60_000))), bgn(40_001)],
  ])('a quality officer needs a manager for %s', (_case, history, amount) => {
    given(history).when(refund(amount), { actor: officer }).thenFails('manager-approval-required', { kind: 'not-permitted' });
  });

  it('a currency without a configured threshold needs a manager for any amount', () => {
    const refusal = given(answered)
      .when(refund({ amountMinor: 1, currency: 'USD' }), { actor: officer })
      .thenFails('manager-approval-required', { kind: 'not-permitted' });
    expect(refusal.message).toContain('USD');
  });

  it('a grant without an amount (an apology, a replacement) needs no manager', () => {
    const apology = compensateComplaint({ kind: 'apology', amount: undefined, approvedBy: officer.id });
    given(after(granted(eur(50_000))))
      .when(apology, { actor: officer })
      .then([{ type: 'ComplaintCompensated', data: { ...apology.data, approval: approvalBy(officer.id), grantedAt: now.toISOString() } }]);
  });

  it("the manager's path: a manager grants above the threshold, and beyond it again", () => {
    const big = after(granted(eur(120_000), manager.id));
    given(answered).when(refund(eur(120_000), manager.id), { actor: manager }).then([granted(eur(120_000), manager.id)]);
    given(big).when(refund(eur(30_000), manager.id), { actor: manager }).then([granted(eur(30_000), manager.id)]);
    given(big).when(refund({ amountMinor: 5, currency: 'USD' }, manager.id), { actor: manager }).then([granted({ amountMinor: 5, currency: 'USD' }, manager.id)]);
  });
});

describe('reading COMPENSATION_APPROVAL_THRESHOLDS', () => {
  it('reads one threshold per currency', () => {
    expect(parseCompensationThresholds('EUR:50000, BGN:100000')).toEqual({
      policy: { thresholdsMinor: { EUR: 50_000, BGN: 100_000 } },
      problems: [],
    });
  });

  it('reads an empty setting as no threshold at all: a manager grants every amount', () => {
    expect(parseCompensationThresholds('')).toEqual({ policy: { thresholdsMinor: {} }, problems: [] });
  });

  it.each([
    ['EUR=50000', 'is not CURRENCY:AMOUNT'],
    ['EUR:50.5', 'is not CURRENCY:AMOUNT'],
    ['EUR:-1', 'is not CURRENCY:AMOUNT'],
    ['XYZ:100', 'not an ISO 4217 currency code'],
    ['EUR:1,EUR:2', 'EUR is given twice'],
    ['EUR:99999999999999999', 'too large'],
  ])('refuses %s with a message an operator can act on', (raw, message) => {
    const { problems } = parseCompensationThresholds(raw);
    expect(problems).toEqual([expect.stringContaining(message)]);
  });
});
