/**
 * A deterministic generator of realistic complaint histories, written straight into an EventStore
 * (no HTTP, for speed). Every history is decided by the domain's own `decide`, on a clock that moves
 * per complaint, with the default deadline policy and category catalogue, so every stream is one the
 * application could have written; every event is hash-chained and carries the application's metadata
 * (actor with a realistic role, commandId, correlationId, causationId, occurredAt, and recordedAt =
 * the simulated moment of the command).
 *
 * Register numbers are handed out sequentially per year of registration, in the order of the
 * registrations' (simulated) times, and each is reserved first by a RegisterNumberReserved event on
 * `register-YYYY` with the snapshot the application would write (the previous reservation having been
 * used, the open reservations are just the new one). The generator decides each registration with a
 * placeholder number (decide only checks its form), and fills in the number once every registration
 * before it in time is known: the next complaint received bounds every later registration.
 *
 * Each command is one append (as the application's command handler makes it). Commands are appended
 * in the order they happened in simulated time (so `$all` interleaves the complaints as a real
 * register does), with up to `concurrency` appends in flight so that they share the store's group
 * commits. Deciding and hashing can run in a worker thread (`workerThread`) while this thread appends.
 *
 * The same seed gives the same ledger (ids, texts, times, numbers, hashes) on every machine and in
 * either mode; only the store's own `recordedAt` column and the interleaving of streams in `$all`
 * depend on the run.
 */
import {
  Actor,
  AnswerChannel,
  Channel,
  COMPLAINT_EVENT_SCHEMA_VERSIONS,
  CompensationKind,
  ComplaintCommand,
  ComplaintEvent,
  ComplaintRegistered,
  ComplaintState,
  ComplaintStatus,
  complaintStreamId,
  COMPLAINT_STATUSES,
  decide,
  DecisionContext,
  DEFAULT_CATEGORY_CATALOGUE,
  DEFAULT_COMPENSATION_APPROVAL_POLICY,
  DEFAULT_ROOT_CAUSE_TAXONOMY,
  DEFAULT_DEADLINE_POLICY,
  evolve,
  formatRegisterNumber,
  initialState,
  isDomainError,
  Money,
  OpenReservation,
  REGISTER_EVENT_SCHEMA_VERSIONS,
  RegisterEvent,
  RegisterNumberReserved,
  registerStreamId,
  registerYearFromTail,
  ResponsibleParty,
  Severity,
  Verdict,
} from '@app/domain';
import { chainEvents, CommandEnvelope, EventData, EventMetadata, EventStore, StreamTail, tailOf } from '@app/event-store';
import { sealEvent } from '@app/security';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

export interface LedgerOptions {
  /** How many complaints to generate. */
  complaints: number;
  seed: number;
  /** Complaints are received in [from, to): ISO dates or instants (UTC). */
  from: string;
  to: string;
  /** Nothing happens after this instant (default: `to`): recent complaints are still open. */
  now?: string;
  /** Appends in flight at once (a complaint's commands still one after another). Default 128. */
  concurrency?: number;
  /** Also reserve each register number on `register-YYYY` before the registration (default true). */
  registerStreams?: boolean;
  /** Decide and hash in a worker thread while this thread only appends (about twice as fast on two cores). */
  workerThread?: boolean;
  /**
   * Seal every personal field as the API writes it (PersonalDataVault's sealEvent, before chaining), each
   * complaint under a data key of its own; the keys come back in the summary (`keys`). Default false.
   */
  sealed?: boolean;
  /** Called about every `progressEvery` events appended. */
  onProgress?: (progress: { events: number; complaints: number; seconds: number }) => void;
  progressEvery?: number;
}

export interface LedgerSummary {
  /** Complaints received (and written): all of them unless `now` lies before `to`. */
  complaints: number;
  /** Every event appended, register events included. */
  events: number;
  complaintEvents: number;
  registerEvents: number;
  /** appendToStream calls: one per command, one per batch of register reservations. */
  appends: number;
  perStatus: Record<ComplaintStatus, number>;
  perEventType: Record<string, number>;
  /** The last register number per year, e.g. { 2025: 1234 }; numbers are gapless from 1. */
  registerNumbers: Record<number, number>;
  spread: {
    categories: Record<string, number>;
    severities: Record<string, number>;
    verdicts: Record<string, number>;
    waived: number;
    answersOnTime: number;
    answersLate: number;
    extensions: number;
    reassignments: number;
    compensationsByCurrency: Record<string, number>;
    satisfaction: Record<number, number>;
    reopened: number;
    withdrawn: number;
  };
  /** With `sealed`: each complaint's data key (its subject is the complaintId), to put in a key store. */
  keys?: Array<{ subject: string; key: Buffer; createdAt: string }>;
  /** Wall-clock time of the whole generation and its rate (events appended per second). */
  seconds: number;
  eventsPerSecond: number;
}

// ---------------------------------------------------------------------------------------------
// Randomness

/** mulberry32: small, fast and good enough; the same seed gives the same sequence everywhere. */
export const seededRandom = (seed: number) => {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const word = (): string => Math.floor(next() * 0x1_0000_0000).toString(16).padStart(8, '0');
  return {
    next,
    chance: (p: number): boolean => next() < p,
    between: (min: number, max: number): number => min + next() * (max - min),
    integer: (min: number, max: number): number => Math.floor(min + next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    weighted: <T>(choices: ReadonlyArray<readonly [T, number]>): T => {
      const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [value, weight] of choices) if ((roll -= weight) < 0) return value;
      return choices[choices.length - 1][0];
    },
    /** A version-4 UUID drawn from the sequence. */
    uuid: (): string => {
      const hex = word() + word() + word() + word();
      const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    },
  };
};
type Random = ReturnType<typeof seededRandom>;

/** A per-complaint seed, so each history depends only on the ledger's seed and the complaint's index. */
const caseSeed = (seed: number, index: number): number => {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
};

// ---------------------------------------------------------------------------------------------
// The world: branches, people, products, texts

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Branch {
  key: string;
  weight: number;
  currency: (at: number) => string;
  /** Major units of a typical refund. */
  amount: readonly [number, number];
  firstNames: readonly string[];
  lastNames: readonly string[];
  organisations: readonly string[];
  city: string;
  phone: (random: Random) => string;
}

// Bulgaria adopted the euro on 1 January 2026: refunds there are in BGN before, EUR after.
const EURO_IN_BULGARIA = Date.parse('2026-01-01T00:00:00.000Z');

const BRANCHES: readonly Branch[] = [
  {
    key: 'bg',
    weight: 40,
    currency: (at) => (at < EURO_IN_BULGARIA ? 'BGN' : 'EUR'),
    amount: [10, 1200],
    firstNames: ['Мария', 'Иван', 'Георги', 'Елена', 'Петя', 'Димитър', 'Николай', 'Десислава', 'Стефан', 'Радка'],
    lastNames: ['Иванова', 'Петров', 'Георгиева', 'Димитров', 'Стоянова', 'Николов', 'Колева', 'Тодоров'],
    organisations: ['Хотел Рила ЕООД', 'Зелен Път ООД', 'Детска градина „Слънце“', 'Автосервиз Мотор АД'],
    city: 'Sofia, Bulgaria',
    phone: (r) => `+359 88 ${r.integer(100, 999)} ${r.integer(1000, 9999)}`,
  },
  {
    key: 'am',
    weight: 15,
    currency: () => 'AMD',
    amount: [2_000, 250_000],
    firstNames: ['Անի', 'Արամ', 'Գայանե', 'Տիգրան', 'Նարինե', 'Հայկ', 'Լիլիթ'],
    lastNames: ['Սարգսյան', 'Պետրոսյան', 'Հակոբյան', 'Գրիգորյան', 'Մկրտչյան'],
    organisations: ['Արարատ ՍՊԸ', 'Yerevan Print LLC'],
    city: 'Yerevan, Armenia',
    phone: (r) => `+374 91 ${r.integer(100000, 999999)}`,
  },
  {
    key: 'ru',
    weight: 15,
    currency: () => 'RUB',
    amount: [500, 60_000],
    firstNames: ['Ольга', 'Сергей', 'Анна', 'Алексей', 'Татьяна', 'Дмитрий', 'Екатерина'],
    lastNames: ['Смирнова', 'Кузнецов', 'Попова', 'Соколов', 'Лебедева', 'Морозов'],
    organisations: ['ООО «Северный ветер»', 'АО «Волга-Логистика»'],
    city: 'Moscow, Russia',
    phone: (r) => `+7 916 ${r.integer(100, 999)}-${r.integer(10, 99)}-${r.integer(10, 99)}`,
  },
  {
    key: 'ae',
    weight: 8,
    currency: () => 'AED',
    amount: [20, 2_500],
    firstNames: ['فاطمة', 'أحمد', 'مريم', 'خالد', 'ليلى', 'يوسف'],
    lastNames: ['الحداد', 'المنصوري', 'الشامسي', 'النعيمي'],
    organisations: ['مؤسسة النور للتجارة', 'Gulf Catering LLC'],
    city: 'Dubai, United Arab Emirates',
    phone: (r) => `+971 50 ${r.integer(100, 999)} ${r.integer(1000, 9999)}`,
  },
  {
    key: 'eu',
    weight: 12,
    currency: () => 'EUR',
    amount: [5, 600],
    firstNames: ['Anna', 'Lukas', 'Sophie', 'Jonas', 'Marie', 'Paul', 'Clara'],
    lastNames: ['Müller', 'Schmidt', 'Weber', 'Fischer', 'Wagner', 'Becker'],
    organisations: ['Café Central GmbH', 'Stadtwerke Nord AG'],
    city: 'Vienna, Austria',
    phone: (r) => `+43 660 ${r.integer(1000000, 9999999)}`,
  },
  {
    key: 'us',
    weight: 10,
    currency: () => 'USD',
    amount: [5, 700],
    firstNames: ['Emily', 'James', 'Olivia', 'Michael', 'Sarah', 'David'],
    lastNames: ['Johnson', 'Brown', 'Miller', 'Davis', 'Garcia', 'Wilson'],
    organisations: ['Riverside Dental LLC', 'Blue Harbor Inc.'],
    city: 'Boston, USA',
    phone: (r) => `+1 617 ${r.integer(200, 999)} ${r.integer(1000, 9999)}`,
  },
];

const CLERKS: readonly Actor[] = ['clerk-anna', 'clerk-boris', 'clerk-gayane', 'clerk-olga', 'clerk-samir'].map((id) => ({ id, role: 'intake-clerk' }));
const OFFICERS: readonly Actor[] = ['officer-petrov', 'officer-georgieva', 'officer-haddad', 'officer-petrosyan', 'officer-smirnova', 'officer-weber'].map(
  (id) => ({ id, role: 'quality-officer' }),
);
const MANAGERS: readonly Actor[] = ['manager-dimitrova', 'manager-koleva', 'director-sargsyan'].map((id) => ({ id, role: 'manager' }));

type CategoryKey = 'staff-conduct' | 'organisation' | 'product-quality' | 'delivery' | 'other';

interface CategoryWorld {
  weight: number;
  products: readonly string[];
  descriptions: readonly string[];
  causes: ReadonlyArray<readonly [rootCause: string, party: ResponsibleParty, correctiveAction: string]>;
  remedies: readonly string[];
}

/** A root-cause code of the default taxonomy per responsible party, so reports can break down by code (issue 14). */
const ROOT_CAUSE_CODE_OF: Record<ResponsibleParty, string> = {
  staff: 'staff-error',
  process: 'process-gap',
  supplier: 'supplier-defect',
  customer: 'no-fault-found',
  external: 'delivery-delay',
};

const WORLD: Record<CategoryKey, CategoryWorld> = {
  'product-quality': {
    weight: 38,
    products: ['Espresso machine EM-200', 'Washing machine WM-300', 'Coffee grinder CG-2', 'Kettle K-17', 'Vacuum cleaner VC-9', 'Yoghurt 2% 400 g', 'Winter jacket WJ-5'],
    descriptions: [
      'The machine stopped heating after two weeks of use.',
      'Отоплението на уреда спря след две седмици.',
      'Water leaks from under the door during the spin cycle.',
      'The product was past its expiry date when I bought it.',
      'The seam tore open after the first wash.',
      'The motor makes a grinding noise and smells of burning.',
      'The display shows error E4 and the appliance will not start.',
    ],
    causes: [
      ['Defective heating elements in supplier batch B-17', 'supplier', 'Quarantine batch B-17 and inspect incoming lots'],
      ['Door seal fitted wrongly at assembly', 'process', 'Add a seal check to the final inspection'],
      ['Expired goods left on the shelf', 'staff', 'Daily expiry check at opening'],
      ['Product used against the instructions', 'customer', 'Clearer warning in the manual'],
      ['Thread of poor quality from a new supplier', 'supplier', 'Return to the previous supplier'],
    ],
    remedies: ['Replacement', 'Full refund', 'Repair under warranty'],
  },
  delivery: {
    weight: 24,
    products: ['Home delivery', 'Parcel delivery', 'Furniture delivery and assembly', 'Express courier'],
    descriptions: [
      'A parcel promised in 24 hours arrived after five days.',
      'The courier left the parcel outside in the rain.',
      'Куриерът остави пратката пред вратата в дъжда.',
      'The delivery was cancelled twice without notice.',
      'Two items of the order were missing from the delivery.',
      'The sofa arrived scratched and the assembly was not done.',
    ],
    causes: [
      ['Courier missed the promised delivery window', 'external', 'Change of courier for the region'],
      ['Warehouse picked the order incompletely', 'process', 'Scan every item at packing'],
      ['Route planning did not account for the holiday', 'process', 'Holiday calendar in route planning'],
      ['Address given incompletely by the customer', 'customer', 'Validate addresses at checkout'],
    ],
    remedies: ['Refund of the delivery fee', 'Deliver the missing items', 'Compensation for the delay'],
  },
  'staff-conduct': {
    weight: 15,
    products: ['Store visit', 'Call centre', 'Branch office service', 'Reception desk'],
    descriptions: [
      'The cashier was rude and refused to call a manager.',
      'Nobody answered my questions and the staff ignored me.',
      'The consultant gave me wrong information about the warranty.',
      'I was kept waiting on the phone for forty minutes.',
    ],
    causes: [
      ['Cashier was rude to the customer', 'staff', 'Customer-service training for the shift'],
      ['New employee not yet trained on warranty terms', 'staff', 'Induction training before serving customers'],
      ['Too few staff on the shift', 'process', 'Rota adjusted to peak hours'],
      ['The customer misunderstood the answer', 'customer', 'Written summary after each call'],
    ],
    remedies: ['An apology', 'Talk to the manager', 'Correct information in writing'],
  },
  organisation: {
    weight: 13,
    products: ['Store 12', 'Online shop', 'Parking at the shopping centre', 'Opening hours'],
    descriptions: [
      'The store has no ramp, so I could not enter with a wheelchair.',
      'The online shop charged my card twice.',
      'The advertised product was never in stock.',
      'The parking barrier was broken and I was charged for a full day.',
    ],
    causes: [
      ['Payment gateway retried a timed-out payment', 'external', 'Idempotent payment requests'],
      ['Stock levels in the shop not synchronised', 'process', 'Hourly stock synchronisation'],
      ['Equipment not maintained', 'process', 'Maintenance contract with response times'],
      ['Building owner refused the ramp', 'external', 'Portable ramp at the entrance'],
    ],
    remedies: ['Refund the double charge', 'Fix the access', 'Notify me when in stock'],
  },
  other: {
    weight: 10,
    products: ['Loyalty programme', 'Gift card', 'Newsletter', 'Website'],
    descriptions: [
      'My loyalty points disappeared from my account.',
      'The gift card was refused at the till.',
      'I keep receiving the newsletter after unsubscribing.',
    ],
    causes: [
      ['Loyalty points expired under the programme rules', 'customer', 'Remind members before points expire'],
      ['Gift card not activated at sale', 'staff', 'Activation check at the till'],
      ['Unsubscribe list not synchronised with the mailing tool', 'process', 'Daily synchronisation of the list'],
    ],
    remedies: ['Restore the points', 'Accept the gift card', 'Stop the e-mails'],
  },
};

const CATEGORIES = Object.keys(WORLD) as CategoryKey[];
const CATEGORY_WEIGHTS = CATEGORIES.map((key) => [key, WORLD[key].weight] as const);

const CHANNEL_WEIGHTS: ReadonlyArray<readonly [Channel, number]> = [
  ['email', 24],
  ['web-form', 20],
  ['phone', 20],
  ['in-person', 15],
  ['social-media', 8],
  ['letter', 7],
  ['complaint-book', 6],
];
const SEVERITY_WEIGHTS: ReadonlyArray<readonly [Severity, number]> = [
  ['low', 30],
  ['medium', 44],
  ['high', 20],
  ['critical', 6],
];
const VERDICT_WEIGHTS: ReadonlyArray<readonly [Verdict, number]> = [
  ['founded', 50],
  ['partly-founded', 25],
  ['unfounded', 25],
];
const ANSWER_CHANNEL_WEIGHTS: ReadonlyArray<readonly [AnswerChannel, number]> = [
  ['email', 40],
  ['letter', 25],
  ['phone', 20],
  ['in-person', 8],
  ['web-form', 4],
  ['social-media', 3],
];
const COMPENSATION_WEIGHTS: ReadonlyArray<readonly [CompensationKind, number]> = [
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
const MONETARY: ReadonlySet<CompensationKind> = new Set(['refund', 'price-difference', 'voucher']);

const PRIMARY_RESPONSES = [
  'Apologised and promised a written answer within ten days.',
  'Thanked the customer, took a copy of the receipt and explained the next steps.',
  'Apologised; the item was taken in for inspection.',
  'Explained the complaint procedure and gave the register contact.',
];
const WITHDRAWAL_REASONS = [
  'The customer no longer wishes to pursue it.',
  'The customer settled the matter with the seller directly.',
  'Filed by mistake: the customer confused us with another shop.',
];
const REOPEN_REASONS = [
  'The problem came back after the repair.',
  'The customer did not receive the promised refund.',
  'New facts: the same defect in a second unit.',
];
const EXTENSION_REASONS = ['Waiting for the supplier’s laboratory report.', 'The courier company has not answered yet.', 'An expert inspection is needed.'];
const REASSIGN_REASONS = ['Workload balancing.', 'The officer is on leave.', 'Escalated to a senior officer.', 'Needs product expertise.'];
const WAIVER_REASONS = [
  'A known defect of the batch, already investigated under an earlier complaint.',
  'The facts are undisputed; no investigation is needed.',
  'Duplicate of an earlier complaint of the same customer.',
];
const FOLLOW_UP_COMMENTS = ['Happy with the outcome.', 'It took too long.', 'Works fine now, thank you.', 'Still not satisfied.', 'Staff were very polite this time.'];

// ---------------------------------------------------------------------------------------------
// One complaint's history

interface Step {
  events: ComplaintEvent[];
  envelope: CommandEnvelope;
}

interface GeneratedCase {
  index: number;
  complaintId: string;
  receivedAt: number;
  steps: Step[];
  /** The registration, numbered once every earlier registration is known. */
  registration?: { at: number; year: number; stepIndex: number; actor: Actor; commandId: string; correlationId: string };
  /** Where the history ends; 'none' when it was received after the horizon (not written). */
  finalStatus: ComplaintStatus | 'none';
  // For the summary.
  lateAnswers: number;
  onTimeAnswers: number;
}

/** Stated business time of a command: when it happened in the world, where the command says so; else now. */
const occurredAtOf = (command: ComplaintCommand, now: string): string =>
  (command.type === 'ReceiveComplaint'
    ? command.data.receivedAt
    : command.type === 'RecordFollowUp'
      ? command.data.contactedAt
      : command.type === 'ExtendAnswerDeadline'
        ? command.data.customerInformedAt
        : undefined) ?? now;

/** Decides commands one after another on one case, each at its moment on the case's own clock. */
class Timeline {
  state: ComplaintState = initialState();
  clock: number;
  halted = false;
  readonly steps: Step[] = [];

  constructor(
    readonly complaintId: string,
    start: number,
    private readonly horizon: number,
    private readonly random: Random,
  ) {
    this.clock = start;
  }

  get case(): Exclude<ComplaintState, { status: 'none' }> {
    if (this.state.status === 'none') throw new Error('not received');
    return this.state;
  }

  /**
   * Decides the command at `at` (at least a minute after the previous step). Returns false, and
   * halts the case, when that moment lies beyond the horizon: the case is left where it stands.
   */
  do(at: number, actor: Actor, build: (now: string) => ComplaintCommand): boolean {
    if (this.halted) return false;
    const time = Math.round(Math.max(at, this.clock + MINUTE));
    if (time > this.horizon) {
      this.halted = true;
      return false;
    }
    this.clock = time;
    const now = new Date(time);
    const iso = now.toISOString();
    const command = build(iso);
    const context: DecisionContext = {
      now,
      actor,
      deadlinePolicy: DEFAULT_DEADLINE_POLICY,
      categories: DEFAULT_CATEGORY_CATALOGUE,
      compensationApproval: DEFAULT_COMPENSATION_APPROVAL_POLICY,
      rootCauses: DEFAULT_ROOT_CAUSE_TAXONOMY,
    };
    const decision = decide(command, this.state, context);
    if (isDomainError(decision))
      throw new Error(`ledger generator: ${command.type} refused on ${this.complaintId}: ${decision.code} ${decision.message}`);
    for (const event of decision) this.state = evolve(this.state, event);
    const commandId = this.random.uuid();
    this.steps.push({
      events: decision,
      envelope: { commandId, correlationId: this.random.uuid(), causationId: commandId, actor, occurredAt: occurredAtOf(command, iso), recordedAt: iso },
    });
    return true;
  }

  after(ms: number): number {
    return this.clock + ms;
  }
}

const endOfUtcDay = (instant: number): string => `${new Date(instant).toISOString().slice(0, 10)}T23:59:59.999Z`;

const PLACEHOLDER_SEQUENCE = 999_999;

/** One complaint, from receipt to wherever its history ends (or the horizon stops it). */
const generateCase = (index: number, seed: number, receivedAt: number, horizon: number): GeneratedCase => {
  const random = seededRandom(caseSeed(seed, index));
  const complaintId = random.uuid();
  const branch = random.weighted(BRANCHES.map((b) => [b, b.weight] as const));
  const category = random.weighted(CATEGORY_WEIGHTS);
  const world = WORLD[category];
  const channel = random.weighted(CHANNEL_WEIGHTS);
  // When the complaint reached the organisation vs when the clerk entered it: calls and visits at
  // once, the mailbox within a day, letters and complaint books within a few days.
  const entryDelay =
    channel === 'in-person' || channel === 'phone'
      ? random.between(1, 20) * MINUTE
      : channel === 'letter' || channel === 'complaint-book'
        ? random.between(2, 72) * HOUR
        : random.between(0.1, 26) * HOUR;
  // The clock starts a minute before the receipt, so that a complaint received right at the horizon is still entered.
  const t = new Timeline(complaintId, receivedAt - MINUTE, horizon, random);
  const generated: GeneratedCase = { index, complaintId, receivedAt, steps: t.steps, finalStatus: 'received', lateAnswers: 0, onTimeAnswers: 0 };
  const id = { complaintId };
  const finish = (): GeneratedCase => {
    generated.finalStatus = t.state.status;
    return generated;
  };
  const officer = (): Actor => OFFICERS.find((o) => o.id === t.case.responsibleOfficer) ?? random.pick(OFFICERS);
  const withdraw = (chance: number, within: number): boolean => {
    if (!random.chance(chance)) return false;
    t.do(t.after(random.between(HOUR, within)), random.pick(CLERKS), () => ({ type: 'WithdrawComplaint', data: { ...id, reason: random.pick(WITHDRAWAL_REASONS) } }));
    return true;
  };

  // 1. Received.
  const person = random.chance(0.8);
  const name = person ? `${random.pick(branch.firstNames)} ${random.pick(branch.lastNames)}` : random.pick(branch.organisations);
  const email = random.chance(channel === 'email' || channel === 'web-form' ? 1 : 0.6)
    ? `customer${index}.${branch.key}@example.${branch.key === 'us' ? 'com' : branch.key}`
    : undefined;
  const phone = channel === 'phone' || random.chance(0.55) ? branch.phone(random) : undefined;
  const postalAddress =
    channel === 'letter' || (!email && !phone) || random.chance(0.2) ? `${random.integer(1, 200)} Main Street, ${branch.city}` : undefined;
  const product = random.pick(world.products);
  t.do(Math.min(receivedAt + entryDelay, Math.max(receivedAt, horizon)), random.pick(CLERKS), () => ({
    type: 'ReceiveComplaint',
    data: {
      ...id,
      channel,
      complainant: { name, kind: person ? 'person' : 'organisation', email, phone, postalAddress },
      subject: {
        productOrService: product,
        sku: category === 'product-quality' ? `SKU-${random.integer(1000, 9999)}` : undefined,
        lotNumber: category === 'product-quality' && random.chance(0.4) ? `LOT-${random.integer(10, 99)}-${random.integer(100, 999)}` : undefined,
        orderReference: random.chance(0.5) ? `ORD-${random.integer(100000, 999999)}` : undefined,
      },
      description: random.pick(world.descriptions),
      desiredRemedy: random.chance(0.7) ? random.pick(world.remedies) : undefined,
      documents: Array.from({ length: random.weighted([[0, 40], [1, 35], [2, 20], [3, 5]] as const) }, (_, n) =>
        n === 0 ? `receipt-${random.integer(100000, 999999)}.pdf` : `photo-${n}.jpg`,
      ),
      receivedAt: new Date(receivedAt).toISOString(),
      takenBy: random.pick(CLERKS).id,
      primaryResponse: random.pick(PRIMARY_RESPONSES),
      resolvedOnTheSpot: random.chance(0.07),
    },
  }));
  if (t.halted || withdraw(0.015, 48 * HOUR) || random.chance(0.02)) return finish(); // withdrawn, or never registered

  // 2. Registered: mostly the same or the next working day, a few late.
  const registerAfter = random.weighted([
    [random.between(0.5, 8) * HOUR, 70],
    [random.between(8, 30) * HOUR, 20],
    [random.between(30, 70) * HOUR, 7],
    [random.between(3, 7) * DAY, 3],
  ] as const);
  const registrar = random.chance(0.6) ? random.pick(CLERKS) : random.pick(OFFICERS);
  const registerAt = t.after(registerAfter);
  const promise = random.chance(0.12);
  const registered = t.do(registerAt, registrar, (now) => {
    const policyDue = Date.parse(`${new Date(receivedAt).toISOString().slice(0, 10)}T23:59:59.999Z`) + DEFAULT_DEADLINE_POLICY.answerDays * DAY;
    const promised = Math.min(policyDue, Date.parse(endOfUtcDay(Date.parse(now) + random.integer(2, 7) * DAY)));
    return {
      type: 'RegisterComplaint',
      data: {
        ...id,
        registerNumber: formatRegisterNumber(new Date(now).getUTCFullYear(), PLACEHOLDER_SEQUENCE),
        category,
        severity: random.weighted(SEVERITY_WEIGHTS),
        responsibleOfficer: random.pick(OFFICERS).id,
        promisedAnswerBy: promise && promised > Date.parse(now) ? new Date(promised).toISOString() : undefined,
      },
    };
  });
  if (!registered) return finish();
  const registrationStep = t.steps[t.steps.length - 1];
  generated.registration = {
    at: t.clock,
    year: new Date(t.clock).getUTCFullYear(),
    stepIndex: t.steps.length - 1,
    actor: registrar,
    commandId: registrationStep.envelope.commandId,
    correlationId: registrationStep.envelope.correlationId,
  };

  if (t.case.status === 'closed') return finish(); // resolved on the spot: closed when registered
  if (random.chance(0.1)) reassign(t, random);
  if (random.chance(0.07)) extend(t, random);
  if (t.halted || withdraw(0.02, 5 * DAY) || random.chance(0.025)) return finish(); // withdrawn, or left registered

  // 3.–7. Rounds of investigation and answer; a reopening starts another.
  for (let round = 0; ; round++) {
    // Investigated, or the decision not to investigate recorded; a few stay open here.
    const outcome = random.weighted([['investigated', 88], ['waived', 8], ['open', 4]] as const);
    if (outcome === 'open') return finish();
    const investigateAt = t.after(random.between(4 * HOUR, 6 * DAY));
    const [rootCause, responsibleParty, correctiveAction] = random.pick(world.causes);
    const verdict = responsibleParty === 'customer' ? random.weighted([['unfounded', 80], ['partly-founded', 20]] as const) : random.weighted(VERDICT_WEIGHTS);
    if (outcome === 'waived') {
      const manager = random.pick(MANAGERS);
      t.do(investigateAt, manager, () => ({ type: 'WaiveInvestigation', data: { ...id, reason: random.pick(WAIVER_REASONS), decidedBy: manager.id } }));
    } else
      t.do(investigateAt, officer(), () => ({
        type: 'InvestigateComplaint',
        data: {
          ...id,
          verdict,
          findings: `Statements taken from the customer and from ${random.pick(['the shift supervisor', 'the courier', 'the supplier', 'the service engineer'])}; ${rootCause.toLowerCase()}.`,
          rootCause,
          // Derived, not drawn: the random sequence (and so every generated ledger) stays as it was.
          rootCauseCode: ROOT_CAUSE_CODE_OF[responsibleParty],
          responsibleParty,
          correctiveAction: verdict !== 'unfounded' && random.chance(0.75) ? correctiveAction : undefined,
          investigatedBy: t.case.responsibleOfficer ?? officer().id,
        },
      }));
    if (t.halted || random.chance(0.03)) return finish(); // investigated, not yet answered
    if (random.chance(0.04)) extend(t, random);
    if (t.halted) return finish();

    // Answered: about four in five by the deadline in force, the rest after it.
    const due = Date.parse(t.case.answerDueAt ?? '') || t.after(10 * DAY);
    const late = random.chance(0.2) || due < t.after(HOUR);
    const answerAt = late ? Math.max(due, t.clock) + random.between(HOUR, 12 * DAY) : random.between(t.after(HOUR), due);
    const signer = random.pick(MANAGERS);
    const answered = t.do(answerAt, signer, () => ({
      type: 'AnswerComplaint',
      data: {
        ...id,
        channel: random.weighted(ANSWER_CHANNEL_WEIGHTS),
        summary:
          verdict === 'unfounded' && outcome === 'investigated'
            ? 'Thank you for telling us. We looked into it carefully and found no fault on our side; here is what you can do.'
            : 'Thank you and our apologies. We found the cause, put it right and changed our process so it does not happen again.',
        signedBy: signer.id,
      },
    }));
    if (!answered) return finish();
    if (t.clock <= due) generated.onTimeAnswers++;
    else generated.lateAnswers++;
    if (withdraw(0.01, 3 * DAY)) return finish();

    // Compensated, zero or more times: more when founded.
    const compensations =
      outcome === 'investigated' && verdict === 'founded'
        ? random.weighted([[0, 30], [1, 50], [2, 15], [3, 5]] as const)
        : outcome === 'investigated' && verdict === 'partly-founded'
          ? random.weighted([[0, 50], [1, 40], [2, 10]] as const)
          : random.weighted([[0, 85], [1, 15]] as const);
    for (let n = 0; n < compensations && !t.halted; n++) compensate(t, random, branch);
    if (t.halted) return finish();

    // Followed up about thirty days after the answer; satisfaction depends on how it went.
    const followUps = random.weighted([[0, 30], [1, 60], [2, 10]] as const);
    for (let n = 0; n < followUps && !t.halted; n++) followUp(t, random, { late, compensated: compensations > 0, verdict: outcome === 'waived' ? null : verdict });
    if (t.halted) return finish();

    // Closed, mostly; a few are reopened and answered again.
    if (!random.chance(0.78)) return finish();
    const closer = random.chance(0.7) ? officer() : random.pick(MANAGERS);
    t.do(t.after(random.between(HOUR, 14 * DAY)), closer, () => ({
      type: 'CloseComplaint',
      data: { ...id, summary: random.chance(0.6) ? 'Resolved; the customer was informed.' : undefined },
    }));
    if (t.halted || round >= 2 || !random.chance(0.07)) return finish();
    t.do(t.after(random.between(2 * DAY, 60 * DAY)), random.pick(MANAGERS), () => ({ type: 'ReopenComplaint', data: { ...id, reason: random.pick(REOPEN_REASONS) } }));
    if (t.halted) return finish();
    if (random.chance(0.15)) reassign(t, random);
    if (t.halted || withdraw(0.04, 10 * DAY)) return finish();
  }
};

const reassign = (t: Timeline, random: Random): void => {
  const to = random.pick(OFFICERS.filter((o) => o.id !== t.case.responsibleOfficer));
  t.do(t.after(random.between(HOUR, 72 * HOUR)), random.chance(0.5) ? random.pick(MANAGERS) : to, () => ({
    type: 'ReassignComplaint',
    data: { complaintId: t.complaintId, to: to.id, reason: random.pick(REASSIGN_REASONS) },
  }));
};

/** Moves the answer deadline, before it passes, by one to three weeks; the customer is told. */
const extend = (t: Timeline, random: Random): void => {
  const due = Date.parse(t.case.answerDueAt ?? '') || t.after(10 * DAY);
  if (due <= t.after(2 * HOUR)) return; // a deadline that has passed cannot be extended (issue 14)
  const at = random.between(t.after(HOUR), due - HOUR);
  const moved = endOfUtcDay(Math.max(due, at) + random.integer(5, 21) * DAY);
  const officerId = t.case.responsibleOfficer;
  t.do(at, OFFICERS.find((o) => o.id === officerId) ?? OFFICERS[0], () => ({
    type: 'ExtendAnswerDeadline',
    data: {
      complaintId: t.complaintId,
      answerDueAt: moved,
      reason: random.pick(EXTENSION_REASONS),
      customerInformedAt: new Date(at).toISOString(),
      customerInformedVia: random.pick(['phone', 'email', 'letter'] as const),
    },
  }));
};

const compensate = (t: Timeline, random: Random, branch: Branch): void => {
  const kind = random.weighted(COMPENSATION_WEIGHTS);
  const at = t.after(random.between(HOUR, 5 * DAY));
  const [min, max] = branch.amount;
  const amount: Money | undefined =
    MONETARY.has(kind) || (kind === 'discount' && random.chance(0.3))
      ? { amountMinor: random.integer(min, max) * 100 + random.pick([0, 0, 0, 50, 99]), currency: branch.currency(at) }
      : undefined;
  const approver = random.pick(MANAGERS);
  t.do(at, approver, () => ({
    type: 'CompensateComplaint',
    data: {
      complaintId: t.complaintId,
      kind,
      amount,
      description: kind === 'free-service' ? 'A year of free maintenance.' : kind === 'apology' ? 'Written apology on letterhead.' : `A ${kind.replace('-', ' ')} as agreed with the customer.`,
      approvedBy: approver.id,
    },
  }));
};

const followUp = (t: Timeline, random: Random, how: { late: boolean; compensated: boolean; verdict: Verdict | null }): void => {
  const answeredAt = Date.parse(t.case.answer?.answeredAt ?? '') || t.clock;
  const enteredAt = Math.max(t.after(HOUR), answeredAt + random.between(20, 40) * DAY);
  // The contact is stated; it may lie a few days before it was entered, never before the answer.
  const contactedAt = Math.max(answeredAt + MINUTE, enteredAt - random.between(0, 3) * DAY);
  const mood = (how.late ? -1 : 0) + (how.compensated ? 1 : 0) + (how.verdict === 'unfounded' ? -1 : 0);
  const satisfaction = random.weighted(
    mood > 0
      ? ([[1, 2], [2, 5], [3, 15], [4, 38], [5, 40]] as const)
      : mood < 0
        ? ([[1, 20], [2, 25], [3, 30], [4, 17], [5, 8]] as const)
        : ([[1, 6], [2, 10], [3, 24], [4, 35], [5, 25]] as const),
  );
  const officerId = t.case.responsibleOfficer;
  t.do(enteredAt, OFFICERS.find((o) => o.id === officerId) ?? OFFICERS[0], () => ({
    type: 'RecordFollowUp',
    data: {
      complaintId: t.complaintId,
      contactedAt: new Date(contactedAt).toISOString(),
      problemSolved: random.chance(satisfaction >= 4 ? 0.92 : satisfaction === 3 ? 0.6 : 0.25),
      satisfaction,
      comment: random.chance(0.5) ? random.pick(FOLLOW_UP_COMMENTS) : undefined,
    },
  }));
};

/** Receipt instants in [from, to), sorted: fewer at weekends, mostly in business hours. */
const receiptTimes = (random: Random, count: number, from: number, to: number): Float64Array => {
  const times = new Float64Array(count);
  const hours = Array.from({ length: 24 }, (_, h) => [h, h >= 8 && h < 19 ? 10 : h >= 6 && h < 22 ? 3 : 0.4] as const);
  const days = Math.max(1, Math.floor((to - from) / DAY));
  for (let i = 0; i < count; ) {
    const day = from + Math.floor(random.next() * days) * DAY;
    const weekday = new Date(day).getUTCDay();
    if ((weekday === 0 || weekday === 6) && !random.chance(0.45)) continue;
    const at = day + random.weighted(hours) * HOUR + random.next() * HOUR;
    if (at >= from && at < to) times[i++] = Math.floor(at);
  }
  return times.sort();
};

const instantOf = (value: string, name: string): number => {
  const instant = Date.parse(/^\d{4}-\d{2}(-\d{2})?$/.test(value) ? `${value.length === 7 ? `${value}-01` : value}T00:00:00.000Z` : value);
  if (Number.isNaN(instant)) throw new RangeError(`ledger generator: ${name} "${value}" is not a date or an instant`);
  return instant;
};


// ---------------------------------------------------------------------------------------------
// Producing: histories numbered and hash-chained, ready to append (pure CPU, no I/O)

/** Where a year's register stood in the store before the generation. */
interface RegisterStart {
  year: number;
  /** The tail of register-YYYY (revision as a decimal string), or null when the stream does not exist. */
  tail: { revision: string; hash: string } | null;
  lastSequence: number;
}

/** What the writer appends for one complaint: each command's chained events, in order, and when it was decided. */
interface CaseWrites {
  streamId: string;
  commands: EventData[][];
  /** The simulated moment of each command (its events' recordedAt), in ms. */
  times: number[];
  /** The reservation on register-YYYY that must be written before `commands[beforeCommand]`. */
  reservation?: { year: number; sequence: number; event: EventData; beforeCommand: number };
}

/**
 * Complaints ready to append, and how far the producer has got: every complaint with an event before
 * `front` minus MAX_REGISTRATION_DELAY has been handed over (a complaint waits only for its number,
 * and registers at most that long after its receipt, which is never after `front`).
 */
interface ProducedBatch {
  cases: CaseWrites[];
  front: number;
}

interface ProducerOptions {
  complaints: number;
  seed: number;
  from: number;
  to: number;
  horizon: number;
  registerStreams: boolean;
  registers: RegisterStart[];
  sealed: boolean;
}

type Tally = Pick<LedgerSummary, 'complaints' | 'perStatus' | 'perEventType' | 'registerNumbers' | 'spread' | 'keys'>;

const emptyTally = (): Tally => ({
  complaints: 0,
  perStatus: Object.fromEntries(COMPLAINT_STATUSES.map((s) => [s, 0])) as Record<ComplaintStatus, number>,
  perEventType: {},
  registerNumbers: {},
  spread: {
    categories: {},
    severities: {},
    verdicts: {},
    waived: 0,
    answersOnTime: 0,
    answersLate: 0,
    extensions: 0,
    reassignments: 0,
    compensationsByCurrency: {},
    satisfaction: {},
    reopened: 0,
    withdrawn: 0,
  },
});

/**
 * Generates the complaints in the order of receipt, numbers their registrations in the order of
 * registration (a registration is numbered once the next receipt lies after it: every later
 * registration follows its own receipt), and chains every command's events, reservations included.
 */
class LedgerProducer {
  readonly tally = emptyTally();
  private readonly receipts: Float64Array;
  private readonly registers = new Map<number, { tail: StreamTail; lastSequence: number }>();
  private readonly waiting: GeneratedCase[] = [];
  private readonly ready: CaseWrites[] = [];
  private index = 0;

  constructor(private readonly options: ProducerOptions) {
    this.receipts = receiptTimes(seededRandom(options.seed), options.complaints, options.from, options.to);
    for (const { year, tail, lastSequence } of options.registers)
      this.registers.set(year, { tail: tail ? { revision: BigInt(tail.revision), hash: tail.hash } : undefined, lastSequence });
  }

  get done(): boolean {
    return this.index >= this.options.complaints && this.waiting.length === 0 && this.ready.length === 0;
  }

  /** The receipt of the last complaint generated: every registration before it is numbered and handed over. */
  get front(): number {
    if (this.index >= this.options.complaints) return Infinity;
    return this.index > 0 ? this.receipts[this.index - 1] : this.options.from;
  }

  /** Every complaint ready to append: at least `count` (fewer only at the end), and the front reached. */
  produce(count: number): ProducedBatch {
    while (this.ready.length < count && this.index < this.options.complaints) {
      const receivedAt = this.receipts[this.index];
      // Every registration before this receipt is known: later complaints register after their receipt.
      this.numberUpTo(receivedAt);
      const generated = generateCase(this.index++, this.options.seed, receivedAt, this.options.horizon);
      if (generated.finalStatus === 'none') continue; // received after the horizon: never happened
      this.count(generated);
      if (generated.registration) this.waiting.push(generated);
      else this.ready.push(this.chain(generated));
    }
    if (this.index >= this.options.complaints) this.numberUpTo(Infinity);
    return { cases: this.ready.splice(0), front: this.front };
  }

  private numberUpTo(front: number): void {
    if (this.waiting.length === 0) return;
    const at = (g: GeneratedCase) => (g.registration as NonNullable<GeneratedCase['registration']>).at;
    this.waiting.sort((a, b) => at(a) - at(b) || a.index - b.index);
    let n = 0;
    while (n < this.waiting.length && at(this.waiting[n]) < front) n++;
    for (const generated of this.waiting.splice(0, n)) this.ready.push(this.chain(generated));
  }

  /** Numbers the registration (if any), reserves the number, and chains every command of the case. */
  private chain(generated: GeneratedCase): CaseWrites {
    const streamId = complaintStreamId(generated.complaintId);
    let reservation: CaseWrites['reservation'];
    const registration = generated.registration;
    if (registration) {
      const register = this.registers.get(registration.year);
      if (!register) throw new Error(`ledger generator: no register for ${registration.year}`);
      const sequence = ++register.lastSequence;
      const registerNumber = formatRegisterNumber(registration.year, sequence);
      (generated.steps[registration.stepIndex].events[0] as ComplaintRegistered).data.registerNumber = registerNumber;
      this.tally.registerNumbers[registration.year] = sequence;
      if (this.options.registerStreams) {
        // As the application reserves: the previous reservation was used, so the open ones are just this one.
        const reservedAt = new Date(registration.at).toISOString();
        const open: OpenReservation = { registerNumber, sequence, complaintId: generated.complaintId, commandId: registration.commandId, reservedAt };
        const event: RegisterNumberReserved = { type: 'RegisterNumberReserved', data: { ...open, year: registration.year, openReservations: [open] } };
        const [data] = chainEvents(registerStreamId(registration.year), register.tail, [{ ...event, schemaVersion: REGISTER_EVENT_SCHEMA_VERSIONS[event.type] }], {
          commandId: registration.commandId,
          correlationId: registration.correlationId,
          causationId: registration.commandId,
          actor: registration.actor,
          occurredAt: reservedAt,
          recordedAt: reservedAt,
        });
        register.tail = { revision: (register.tail?.revision ?? -1n) + 1n, hash: hashOf(data) };
        reservation = { year: registration.year, sequence, event: data, beforeCommand: registration.stepIndex };
      }
    }
    // What appendChained does, command by command, keeping each tail so that the next command links on.
    let tail: StreamTail;
    const key = this.options.sealed ? this.keyOf(generated.complaintId, generated.steps[0].envelope.recordedAt) : undefined;
    const commands = generated.steps.map((step) => {
      const events = chainEvents(
        streamId,
        tail,
        step.events.map((event) => {
          const versioned = { ...event, schemaVersion: COMPLAINT_EVENT_SCHEMA_VERSIONS[event.type] };
          // Sealed before chaining, as the API does: the hash chain covers the ciphertext.
          return key ? sealEvent(versioned, key) : versioned;
        }),
        step.envelope,
      );
      tail = { revision: (tail?.revision ?? -1n) + BigInt(events.length), hash: hashOf(events[events.length - 1]) };
      return events;
    });
    return { streamId, commands, times: generated.steps.map((step) => Date.parse(step.envelope.recordedAt)), reservation };
  }

  /** The complaint's data key: random, as the key store makes one, and kept for the summary. */
  private keyOf(subject: string, createdAt: string): Buffer {
    const key = randomBytes(32);
    (this.tally.keys ??= []).push({ subject, key, createdAt });
    return key;
  }

  private count(generated: GeneratedCase): void {
    const { tally } = this;
    const add = (record: Record<string | number, number>, key: string | number) => (record[key] = (record[key] ?? 0) + 1);
    tally.complaints += 1;
    tally.perStatus[generated.finalStatus as ComplaintStatus] += 1;
    tally.spread.answersLate += generated.lateAnswers;
    tally.spread.answersOnTime += generated.onTimeAnswers;
    for (const { events } of generated.steps)
      for (const event of events) {
        add(tally.perEventType, event.type);
        if (event.type === 'ComplaintRegistered') {
          add(tally.spread.categories, event.data.category);
          add(tally.spread.severities, event.data.severity);
        } else if (event.type === 'ComplaintInvestigated') add(tally.spread.verdicts, event.data.verdict);
        else if (event.type === 'InvestigationWaived') tally.spread.waived++;
        else if (event.type === 'AnswerDeadlineExtended') tally.spread.extensions++;
        else if (event.type === 'ComplaintReassigned') tally.spread.reassignments++;
        else if (event.type === 'ComplaintCompensated') add(tally.spread.compensationsByCurrency, event.data.amount?.currency ?? 'none');
        else if (event.type === 'FollowUpRecorded') add(tally.spread.satisfaction, event.data.satisfaction);
        else if (event.type === 'ComplaintReopened') tally.spread.reopened++;
        else if (event.type === 'ComplaintWithdrawn') tally.spread.withdrawn++;
      }
  }
}

const hashOf = (event: EventData): string => (event.metadata as unknown as EventMetadata).hash;

/** Batches of ready complaints, from this thread or from a worker thread. */
interface CaseSource {
  next(): Promise<ProducedBatch | null>;
  tally(): Promise<Tally>;
  close(): Promise<void>;
}

const BATCH = 128;
/** About this many events per chronological window of appends. */
const WINDOW_EVENTS = 1_000;
/** A complaint registers at most this long after its receipt (entered ≤ 72 h late, registered ≤ 7 days later). */
const MAX_REGISTRATION_DELAY = 11 * DAY;

const inThisThread = (options: ProducerOptions): CaseSource => {
  const producer = new LedgerProducer(options);
  return {
    next: async () => (producer.done ? null : producer.produce(BATCH)),
    tally: async () => producer.tally,
    close: async () => undefined,
  };
};

type ToWorker = { type: 'more' };
type FromWorker = { type: 'batch'; batch: ProducedBatch } | { type: 'end'; tally: Tally } | { type: 'error'; message: string };

/**
 * The producer in a worker thread: deciding and hashing (most of the CPU) run beside the writer,
 * which only appends. The worker keeps a few batches ahead of the writer.
 */
const inWorkerThread = (options: ProducerOptions): CaseSource => {
  const ts = __filename.endsWith('.ts');
  const worker = new Worker(__filename, {
    workerData: { ledgerProducer: options },
    // Loaded from TypeScript sources (ts-node, jest): the worker compiles them the same way.
    execArgv: ts ? ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'] : [],
    env: ts ? { ...process.env, TS_NODE_PROJECT: join(__dirname, '..', '..', 'tsconfig.json') } : process.env,
  });
  const batches: ProducedBatch[] = [];
  const waiters: Array<() => void> = [];
  let tally: Tally | undefined;
  let failure: Error | undefined;
  const wake = () => waiters.splice(0).forEach((resolve) => resolve());
  worker.on('message', (message: FromWorker) => {
    if (message.type === 'batch') batches.push(message.batch);
    else if (message.type === 'end') tally = message.tally;
    else failure = new Error(`ledger generator worker: ${message.message}`);
    wake();
  });
  worker.on('error', (error) => {
    failure = error;
    wake();
  });
  worker.on('exit', (code) => {
    if (tally === undefined && failure === undefined) failure = new Error(`ledger generator worker exited with ${code}`);
    wake();
  });
  const ask = () => worker.postMessage({ type: 'more' } satisfies ToWorker);
  for (let i = 0; i < 4; i++) ask(); // keep four batches in flight
  const arrival = () => new Promise<void>((resolve) => waiters.push(resolve));
  return {
    next: async () => {
      for (;;) {
        if (failure) throw failure;
        const batch = batches.shift();
        if (batch) {
          ask();
          return batch;
        }
        if (tally) return null;
        await arrival();
      }
    },
    tally: async () => {
      while (!tally && !failure) await arrival();
      if (failure) throw failure;
      return tally as Tally;
    },
    close: async () => {
      await worker.terminate();
    },
  };
};

if (!isMainThread && (workerData as { ledgerProducer?: ProducerOptions } | null)?.ledgerProducer) {
  const producer = new LedgerProducer((workerData as { ledgerProducer: ProducerOptions }).ledgerProducer);
  const port = parentPort as NonNullable<typeof parentPort>;
  port.on('message', (message: ToWorker) => {
    if (message.type !== 'more') return;
    try {
      if (producer.done) {
        port.postMessage({ type: 'end', tally: producer.tally } satisfies FromWorker);
        port.close();
        return;
      }
      port.postMessage({ type: 'batch', batch: producer.produce(BATCH) } satisfies FromWorker);
    } catch (error) {
      port.postMessage({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies FromWorker);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Writing into the store

/**
 * Generates `complaints` complaint histories received between `from` and `to` and appends them to
 * `store`: each command of a complaint as one hash-chained append (as the application's command
 * handler does), in the order the commands happened, up to `concurrency` appends at a time so that
 * they share group commits. With `workerThread`, deciding and hashing run in a worker thread while
 * this thread appends.
 */
export const generateLedger = async (store: EventStore, options: LedgerOptions): Promise<LedgerSummary> => {
  const started = performance.now();
  const from = instantOf(options.from, 'from');
  const to = instantOf(options.to, 'to');
  const horizon = options.now === undefined ? to : instantOf(options.now, 'now');
  if (!(to > from)) throw new RangeError('ledger generator: `to` must lie after `from`');
  const concurrency = options.concurrency ?? 128;
  const progressEvery = options.progressEvery ?? 50_000;

  // The register of each year continues from what the store already holds.
  interface Register {
    year: number;
    /** The last revision written to the store. */
    written: bigint | undefined;
  }
  const registers = new Map<number, Register>();
  const starts: RegisterStart[] = [];
  for (let year = new Date(from).getUTCFullYear(); year <= new Date(horizon).getUTCFullYear(); year++) {
    const last = await store.readStream(registerStreamId(year), { direction: 'backwards', maxCount: 1 });
    const tail = tailOf(last);
    starts.push({
      year,
      tail: tail ? { revision: tail.revision.toString(), hash: tail.hash } : null,
      lastSequence: registerYearFromTail(year, last[0] as unknown as RegisterEvent | undefined).lastSequence,
    });
    registers.set(year, { year, written: tail?.revision });
  }
  const producerOptions: ProducerOptions = {
    complaints: options.complaints,
    seed: options.seed,
    from,
    to,
    horizon,
    registerStreams: options.registerStreams ?? true,
    registers: starts,
    sealed: options.sealed ?? false,
  };
  const source = options.workerThread ? inWorkerThread(producerOptions) : inThisThread(producerOptions);

  const written = { events: 0, complaintEvents: 0, registerEvents: 0, appends: 0, complaints: 0 };
  let lastProgress = 0;
  const appended = (events: number) => {
    written.events += events;
    written.appends += 1;
    if (options.onProgress && written.events - lastProgress >= progressEvery) {
      lastProgress = written.events;
      options.onProgress({ events: written.events, complaints: written.complaints, seconds: (performance.now() - started) / 1000 });
    }
  };

  // Commands are appended in the order they happened, window by window of simulated time (about
  // WINDOW_EVENTS events each), as a ledger fills: `$all` interleaves the complaints as their commands
  // happened. No window waits for the one before: each command waits only for its complaint's previous
  // command (and a registration for its number's reservation), and at most `concurrency` appends are in
  // flight, taken in the order they were issued, so that they share the store's group commits.
  interface Pending {
    writes: CaseWrites;
    /** The revision the stream will have reached once the commands issued so far are appended, -1 before. */
    revision: number;
    /** The append of the command issued last. */
    last: Promise<void>;
  }
  const estimatedEvents = Math.max(1, options.complaints * 7);
  const windowMs = Math.max(HOUR, Math.ceil(((horizon - from) * WINDOW_EVENTS) / estimatedEvents));
  const windowOf = (time: number) => Math.max(0, Math.floor((time - from) / windowMs));
  const windows = new Map<number, Array<{ pending: Pending; command: number; time: number }>>();
  let front = -Infinity;
  const pull = async (): Promise<void> => {
    const batch = await source.next();
    if (batch === null) {
      front = Infinity;
      return;
    }
    front = batch.front;
    for (const writes of batch.cases) {
      const pending: Pending = { writes, revision: -1, last: Promise.resolve() };
      writes.times.forEach((time, command) => {
        const window = windowOf(time);
        const entries = windows.get(window) ?? [];
        entries.push({ pending, command, time });
        windows.set(window, entries);
      });
    }
  };

  // At most `concurrency` appends at a time, granted in the order asked for.
  let free = concurrency;
  const queue: Array<() => void> = [];
  const slot = (): Promise<void> => {
    if (free > 0) {
      free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => queue.push(resolve));
  };
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else free++;
  };
  let failure: unknown;
  let issued = 0;
  let settled = 0;
  let onSettled: (() => void) | undefined;
  const task = (work: () => Promise<void>): Promise<void> => {
    issued++;
    return work()
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => {
        settled++;
        onSettled?.();
      });
  };
  const backlogBelow = async (limit: number) => {
    while (issued - settled > limit) await new Promise<void>((resolve) => (onSettled = resolve));
    onSettled = undefined;
  };
  const appendOnce = async (streamId: string, events: EventData[], expectedRevision: bigint | 'no_stream') => {
    await slot();
    try {
      return await store.appendToStream(streamId, events, { expectedRevision });
    } finally {
      release();
    }
  };

  const registerWrites = new Map<number, Promise<void>>();
  const issueWindow = (entries: Array<{ pending: Pending; command: number; time: number }>): void => {
    entries.sort((a, b) => a.time - b.time || a.command - b.command);
    // The numbers reserved in this window, in the order they were chained: one append per year, after the year's previous one.
    const reservations = entries
      .filter(({ pending, command }) => pending.writes.reservation?.beforeCommand === command)
      .map(({ pending }) => pending.writes.reservation as NonNullable<CaseWrites['reservation']>)
      .sort((a, b) => a.year - b.year || a.sequence - b.sequence);
    const reserved = new Map<number, Promise<void>>();
    for (const year of new Set(reservations.map((r) => r.year))) {
      const batch = reservations.filter((r) => r.year === year);
      const register = registers.get(year) as Register;
      const reservationsWritten = (registerWrites.get(year) ?? Promise.resolve()).then(() =>
        task(async () => {
          if (failure !== undefined) return;
          const result = await appendOnce(registerStreamId(year), batch.map((r) => r.event), register.written ?? 'no_stream');
          register.written = result.nextExpectedRevision;
          written.registerEvents += batch.length;
          appended(batch.length);
        }),
      );
      registerWrites.set(year, reservationsWritten);
      reserved.set(year, reservationsWritten);
    }
    for (const { pending, command } of entries) {
      const events = pending.writes.commands[command];
      const previous = pending.last;
      const expectedRevision = pending.revision < 0 ? ('no_stream' as const) : BigInt(pending.revision);
      pending.revision += events.length;
      const reservation = pending.writes.reservation?.beforeCommand === command ? reserved.get(pending.writes.reservation.year) : undefined;
      pending.last = task(async () => {
        await previous;
        if (reservation) await reservation;
        if (failure !== undefined) return;
        await appendOnce(pending.writes.streamId, events, expectedRevision);
        written.complaintEvents += events.length;
        appended(events.length);
        if (command === pending.writes.commands.length - 1) written.complaints += 1;
      });
    }
  };

  try {
    for (let window = 0; failure === undefined; window++) {
      // Every complaint with a command in this window has been handed over once the producer is this far.
      while (front !== Infinity && front <= from + (window + 1) * windowMs + MAX_REGISTRATION_DELAY) await pull();
      if (front === Infinity && windows.size === 0) break;
      const entries = windows.get(window);
      windows.delete(window);
      if (entries) issueWindow(entries);
      await backlogBelow(4 * concurrency);
    }
    await backlogBelow(0);
    if (failure !== undefined) throw failure;
    const tally = await source.tally();
    const seconds = (performance.now() - started) / 1000;
    return { ...tally, ...written, complaints: tally.complaints, seconds, eventsPerSecond: Math.round(written.events / seconds) };
  } finally {
    await source.close();
  }
};
