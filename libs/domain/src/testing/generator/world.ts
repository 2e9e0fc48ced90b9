// The world the generated complaints happen in: branches, people, products, texts and how often each occurs.
import { Actor, AnswerChannel, Channel, CompensationKind, ResponsibleParty, Severity, Verdict } from '../../index';
import { Random } from './random';
import world from './world-data.json';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A branch of the organisation: its customers' names and addresses, its currency and phone numbers. */
export interface Branch {
  key: string;
  weight: number;
  /** The currency of its refunds, and an earlier one until a date (Bulgaria adopted the euro on 1 January 2026). */
  currency: string;
  currencyUntil?: { until: string; currency: string };
  /** Major units of a typical refund. */
  amount: readonly [number, number];
  firstNames: readonly string[];
  lastNames: readonly string[];
  organisations: readonly string[];
  city: string;
  /** The pattern of its phone numbers: each `{min-max}` a number drawn in that range. */
  phone: string;
}

// The texts of the world are data (world-data.json: named so that `require('./world')` still finds world.ts under ts-node).
export const BRANCHES = world.branches as unknown as readonly Branch[];

export const currencyAt = (branch: Branch, at: number): string =>
  branch.currencyUntil && at < Date.parse(branch.currencyUntil.until) ? branch.currencyUntil.currency : branch.currency;

export const aPhoneNumber = (branch: Branch, random: Random): string =>
  branch.phone.replace(/\{(\d+)-(\d+)\}/g, (_, min: string, max: string) => String(random.integer(Number(min), Number(max))));

export const CLERKS: readonly Actor[] = ['clerk-anna', 'clerk-boris', 'clerk-gayane', 'clerk-olga', 'clerk-samir'].map((id) => ({ id, role: 'intake-clerk' }));
export const OFFICERS: readonly Actor[] = ['officer-petrov', 'officer-georgieva', 'officer-haddad', 'officer-petrosyan', 'officer-smirnova', 'officer-weber'].map(
  (id) => ({ id, role: 'quality-officer' }),
);
export const MANAGERS: readonly Actor[] = ['manager-dimitrova', 'manager-koleva', 'director-sargsyan'].map((id) => ({ id, role: 'manager' }));

export type CategoryKey = 'staff-conduct' | 'organisation' | 'product-quality' | 'delivery' | 'other';

export interface CategoryWorld {
  weight: number;
  products: readonly string[];
  descriptions: readonly string[];
  causes: ReadonlyArray<readonly [rootCause: string, party: ResponsibleParty, correctiveAction: string]>;
  remedies: readonly string[];
}

/** A root-cause code of the default taxonomy per responsible party, so reports can break down by code (issue 14). */
export const ROOT_CAUSE_CODE_OF: Record<ResponsibleParty, string> = {
  staff: 'staff-error',
  process: 'process-gap',
  supplier: 'supplier-defect',
  customer: 'no-fault-found',
  external: 'delivery-delay',
};

export const WORLD = world.categories as unknown as Record<CategoryKey, CategoryWorld>;

export const CATEGORIES = Object.keys(WORLD) as CategoryKey[];
export const CATEGORY_WEIGHTS = CATEGORIES.map((key) => [key, WORLD[key].weight] as const);

export const CHANNEL_WEIGHTS: ReadonlyArray<readonly [Channel, number]> = [
  ['email', 24],
  ['web-form', 20],
  ['phone', 20],
  ['in-person', 15],
  ['social-media', 8],
  ['letter', 7],
  ['complaint-book', 6],
];
export const SEVERITY_WEIGHTS: ReadonlyArray<readonly [Severity, number]> = [
  ['low', 30],
  ['medium', 44],
  ['high', 20],
  ['critical', 6],
];
export const VERDICT_WEIGHTS: ReadonlyArray<readonly [Verdict, number]> = [
  ['founded', 50],
  ['partly-founded', 25],
  ['unfounded', 25],
];
export const ANSWER_CHANNEL_WEIGHTS: ReadonlyArray<readonly [AnswerChannel, number]> = [
  ['email', 40],
  ['letter', 25],
  ['phone', 20],
  ['in-person', 8],
  ['web-form', 4],
  ['social-media', 3],
];
export const COMPENSATION_WEIGHTS: ReadonlyArray<readonly [CompensationKind, number]> = [
  ['refund', 28],
  ['apology', 20],
  ['voucher', 14],
  ['replacement', 10],
  ['repair', 8],
  ['price-difference', 6],
  ['discount', 6],
  ['free-service', 4],
  ['gift', 3],
  ['other', 1],
];
export const MONETARY: ReadonlySet<CompensationKind> = new Set(['refund', 'price-difference', 'voucher']);

export const PRIMARY_RESPONSES = [
  'Apologised and promised a written answer within ten days.',
  'Thanked the customer, took a copy of the receipt and explained the next steps.',
  'Apologised; the item was taken in for inspection.',
  'Explained the complaint procedure and gave the register contact.',
];
export const WITHDRAWAL_REASONS = [
  'The customer no longer wishes to pursue it.',
  'The customer settled the matter with the seller directly.',
  'Filed by mistake: the customer confused us with another shop.',
];
export const REOPEN_REASONS = [
  'The problem came back after the repair.',
  'The customer did not receive the promised refund.',
  'New facts: the same defect in a second unit.',
];
export const EXTENSION_REASONS = ['Waiting for the supplier’s laboratory report.', 'The courier company has not answered yet.', 'An expert inspection is needed.'];
export const REASSIGN_REASONS = ['Workload balancing.', 'The officer is on leave.', 'Escalated to a senior officer.', 'Needs product expertise.'];
export const WAIVER_REASONS = [
  'A known defect of the batch, already investigated under an earlier complaint.',
  'The facts are undisputed; no investigation is needed.',
  'Duplicate of an earlier complaint of the same customer.',
];
export const FOLLOW_UP_COMMENTS = ['Happy with the outcome.', 'It took too long.', 'Works fine now, thank you.', 'Still not satisfied.', 'Staff were very polite this time.'];
