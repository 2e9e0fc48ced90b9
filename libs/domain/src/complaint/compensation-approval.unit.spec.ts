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
  it('a quality officer grants up to the threshold alone', () => {
    given(answered).when(refund(eur(50_000)), { actor: officer }).then([granted(eur(50_000))]);
  });

  it('a quality officer may not grant one amount above it', () => {
    given(answered)
      .when(refund(eur(50_001)), { actor: officer })
      .thenFails('manager-approval-required', { kind: 'not-permitted' });
  });

  it('splitting does not help: after a grant of 50000, the next 50000 (or even 1) needs a manager', () => {
    const afterOne = answered.compensated(granted(eur(50_000)).data);
    given(afterOne).when(refund(eur(50_000)), { actor: officer }).thenFails('manager-approval-required', { kind: 'not-permitted' });
    given(afterOne).when(refund(eur(1)), { actor: officer }).thenFails('manager-approval-required', { kind: 'not-permitted' });
  });

  it('grants that add up to exactly the threshold are allowed; more is not', () => {
    const afterOne = answered.compensated(granted(eur(25_000)).data);
    given(afterOne).when(refund(eur(25_000)), { actor: officer }).then([granted(eur(25_000))]);
    given(afterOne.compensated(granted(eur(25_000)).data))
      .when(refund(eur(50_000)), { actor: officer })
      .thenFails('manager-approval-required');
  });

  it('counts every earlier grant of the case, whoever granted it', () => {
    given(answered.compensated(granted(eur(40_000), manager.id).data))
      .when(refund(eur(10_001)), { actor: officer })
      .thenFails('manager-approval-required');
  });

  it('counts each currency on its own: EUR granted does not use up the BGN threshold', () => {
    const withEuros = answered.compensated(granted(eur(50_000)).data);
    given(withEuros).when(refund(bgn(100_000)), { actor: officer }).then([granted(bgn(100_000))]);
    given(withEuros.compensated(granted(bgn(60_000)).data))
      .when(refund(bgn(40_001)), { actor: officer })
      .thenFails('manager-approval-required');
  });

  it('a currency without a configured threshold needs a manager for any amount', () => {
    const refusal = given(answered)
      .when(refund({ amountMinor: 1, currency: 'USD' }), { actor: officer })
      .thenFails('manager-approval-required', { kind: 'not-permitted' });
    expect(refusal.message).toContain('USD');
  });

  it('a grant without an amount (an apology, a replacement) needs no manager', () => {
    const apology = compensateComplaint({ kind: 'apology', amount: undefined, approvedBy: officer.id });
    given(answered.compensated(granted(eur(50_000)).data))
      .when(apology, { actor: officer })
      .then([{ type: 'ComplaintCompensated', data: { ...apology.data, approval: approvalBy(officer.id), grantedAt: now.toISOString() } }]);
  });

  it("the manager's path: a manager grants above the threshold, and beyond it again", () => {
    const big = answered.compensated(granted(eur(120_000), manager.id).data);
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
