import {
  CHANNELS,
  CompensationKind,
  ComplaintCommand,
  ComplaintEvent,
  ComplaintState,
  decide,
  DEFAULT_CATEGORY_CATALOGUE,
  DEFAULT_COMPENSATION_APPROVAL_POLICY,
  DEFAULT_ROOT_CAUSE_TAXONOMY,
  DEFAULT_DEADLINE_POLICY,
  evolve,
  formatRegisterNumber,
  initialState,
  isDomainError,
  ResponsibleParty,
  Verdict,
} from '@app/domain';

// A register of a few thousand complaints with a realistic spread, each history decided by the
// domain's own decider (so every stream is one the ledger could hold): categories, late
// registrations and answers, extensions, waived investigations, compensations in several
// currencies, follow-ups, closures, reopenings and withdrawals at every stage.

export interface GeneratedComplaint {
  complaintId: string;
  events: ComplaintEvent[];
  /** When each event was recorded: the moment its command was decided. */
  recordedAt: string[];
}

/** A small, seeded generator (mulberry32): the same seed gives the same register on every machine. */
export const seededRandom = (seed: number) => {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
  };
};
type Random = ReturnType<typeof seededRandom>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse('2025-01-01T00:00:00.000Z');
const SPAN = Date.parse('2026-10-31T00:00:00.000Z') - START;

const CATEGORIES: ReadonlyArray<readonly [string, number]> = [
  ['product-quality', 40],
  ['delivery', 25],
  ['staff-conduct', 15],
  ['organisation', 12],
  ['other', 8],
];
const VERDICTS: ReadonlyArray<readonly [Verdict, number]> = [
  ['founded', 50],
  ['partly-founded', 25],
  ['unfounded', 25],
];
const ROOT_CAUSES: ReadonlyArray<readonly [string, ResponsibleParty]> = [
  ['Defective bearings in supplier batch B-17', 'supplier'],
  ['Courier missed the promised delivery window', 'external'],
  ['Cashier was rude to the customer', 'staff'],
  ['Returns process not explained at the till', 'process'],
  ['Product used against the instructions', 'customer'],
  ['Expired goods left on the shelf', 'process'],
];
const CURRENCIES = ['EUR', 'BGN', 'USD', 'RUB', 'AMD'] as const;
const COMPENSATIONS: ReadonlyArray<readonly [CompensationKind, number]> = [
  ['refund', 30],
  ['voucher', 15],
  ['price-difference', 8],
  ['apology', 20],
  ['replacement', 10],
  ['repair', 8],
  ['discount', 5],
  ['free-service', 4],
];
const MONETARY: readonly CompensationKind[] = ['refund', 'voucher', 'price-difference'];

/** Decides commands one after another on one case, as the application would, at stated moments. */
class CaseTimeline {
  readonly events: ComplaintEvent[] = [];
  readonly recordedAt: string[] = [];
  private state: ComplaintState = initialState();
  constructor(
    readonly complaintId: string,
    public now: number,
  ) {}

  get case(): Exclude<ComplaintState, { status: 'none' }> {
    if (this.state.status === 'none') throw new Error('not received');
    return this.state;
  }

  /** Moves the clock on by `ms` and decides the command then. */
  at(ms: number, command: (now: string) => ComplaintCommand): this {
    this.now += Math.max(60_000, Math.round(ms));
    const now = new Date(this.now);
    const decision = decide(command(now.toISOString()), this.state, {
      now,
      // The generated cases are handled by managers, whom no compensation threshold stops.
      actor: { id: 'manager-dimitrov', role: 'manager' },
      deadlinePolicy: DEFAULT_DEADLINE_POLICY,
      categories: DEFAULT_CATEGORY_CATALOGUE,
      compensationApproval: DEFAULT_COMPENSATION_APPROVAL_POLICY,
      rootCauses: DEFAULT_ROOT_CAUSE_TAXONOMY,
    });
    if (isDomainError(decision)) throw new Error(`${this.complaintId}: ${decision.code} ${decision.message}`);
    for (const event of decision) {
      this.state = evolve(this.state, event);
      this.events.push(event);
      this.recordedAt.push(now.toISOString());
    }
    return this;
  }
}

/** `count` complaints received between January 2025 and October 2026. */
export const generateComplaints = (count: number, seed = 20260301): GeneratedComplaint[] => {
  const random = seededRandom(seed);
  const sequences = new Map<number, number>();
  const nextRegisterNumber = (year: number): string => {
    const sequence = (sequences.get(year) ?? 0) + 1;
    sequences.set(year, sequence);
    return formatRegisterNumber(year, sequence);
  };
  return Array.from({ length: count }, (_, index) => generateCase(random, `gen-${String(index).padStart(5, '0')}`, nextRegisterNumber));
};

const generateCase = (random: Random, complaintId: string, nextRegisterNumber: (year: number) => string): GeneratedComplaint => {
  const receivedAt = START + Math.floor(random.next() * SPAN);
  const timeline = new CaseTimeline(complaintId, receivedAt);
  const id = { complaintId };
  const done = () => ({ complaintId, events: timeline.events, recordedAt: timeline.recordedAt });
  const withdraw = (chance: number): boolean => {
    if (!random.chance(chance)) return false;
    timeline.at(random.between(1, 72) * HOUR, () => ({
      type: 'WithdrawComplaint',
      data: { ...id, reason: 'The customer no longer wishes to pursue it.' },
    }));
    return true;
  };

  // Received: stated up to a day before it was entered.
  timeline.at(random.between(0, random.chance(0.2) ? 24 : 0.5) * HOUR, () => ({
    type: 'ReceiveComplaint',
    data: {
      ...id,
      channel: random.pick(CHANNELS),
      complainant: { name: `Customer ${complaintId}`, kind: random.chance(0.8) ? 'person' : 'organisation', email: `${complaintId}@example.com` },
      subject: { productOrService: random.pick(PRODUCTS), sku: `SKU-${random.integer(100, 999)}` },
      description: 'What went wrong, in the customer’s words.',
      desiredRemedy: random.chance(0.7) ? 'Refund' : undefined,
      documents: [],
      receivedAt: new Date(receivedAt).toISOString(),
      takenBy: random.pick(['clerk-petrov', 'clerk-ivanova', 'clerk-sarkisyan']),
      primaryResponse: 'Apologised and promised a written answer.',
      resolvedOnTheSpot: random.chance(0.1),
    },
  }));
  // Acknowledged, mostly within the working day the policy allows; some never.
  if (random.chance(0.75))
    timeline.at(random.between(0.2, random.chance(0.8) ? 20 : 60) * HOUR, () => ({
      type: 'RecordContact',
      data: { ...id, kind: 'acknowledgement', channel: 'email', summary: 'Receipt confirmed.', contactedBy: 'clerk-petrov' },
    }));
  if (withdraw(0.03) || random.chance(0.03)) return done();

  // Registered: usually the same or the next day, sometimes late.
  const registerAfter = random.chance(0.85) ? random.between(0.5, 20) * HOUR : random.between(30, 120) * HOUR;
  const year = new Date(timeline.now + registerAfter).getUTCFullYear();
  const promise = random.chance(0.1);
  timeline.at(registerAfter, (now) => ({
    type: 'RegisterComplaint',
    data: {
      ...id,
      registerNumber: nextRegisterNumber(year),
      category: random.weighted(CATEGORIES),
      severity: random.pick(['low', 'medium', 'high', 'critical'] as const),
      responsibleOfficer: random.pick(OFFICERS),
      promisedAnswerBy: promise ? `${now.slice(0, 10)}T23:59:59.999Z` : undefined,
    },
  }));
  if (timeline.case.status === 'closed') return done(); // resolved on the spot: closed when registered
  if (random.chance(0.15)) reassign(random, timeline);
  if (random.chance(0.1)) extend(random, timeline);
  if (withdraw(0.02) || random.chance(0.03)) return done();

  let round = 0;
  for (;;) {
    investigateAndAnswer(random, timeline);
    if (timeline.case.status !== 'answered') return done(); // left open, unanswered
    for (let n = random.weighted([[0, 55], [1, 35], [2, 8], [3, 2]] as const); n > 0; n--) compensate(random, timeline);
    for (let n = random.weighted([[0, 35], [1, 55], [2, 10]] as const); n > 0; n--) followUp(random, timeline);
    if (withdraw(0.02) || !random.chance(0.7)) return done();
    timeline.at(random.between(1, 10) * DAY, () => ({ type: 'CloseComplaint', data: { ...id, summary: 'Resolved.' } }));
    if (round++ > 1 || !random.chance(0.12)) return done();
    timeline.at(random.between(2, 40) * DAY, () => ({ type: 'ReopenComplaint', data: { ...id, reason: 'The problem came back.' } }));
    if (random.chance(0.1)) extend(random, timeline);
    if (withdraw(0.05)) return done();
  }
};

const PRODUCTS = ['Washing machine WM-300', 'Home delivery', 'Store visit', 'Coffee grinder CG-2'];
const OFFICERS = ['officer-georgieva', 'officer-stoyanov', 'officer-haddad', 'officer-petrosyan'];

const reassign = (random: Random, timeline: CaseTimeline) => {
  const to = random.pick(OFFICERS.filter((officer) => officer !== timeline.case.responsibleOfficer));
  timeline.at(random.between(1, 30) * HOUR, () => ({
    type: 'ReassignComplaint',
    data: { complaintId: timeline.complaintId, to, reason: 'Workload.' },
  }));
};

const extend = (random: Random, timeline: CaseTimeline) => {
  const dueAt = Date.parse(timeline.case.answerDueAt ?? '') || timeline.now;
  const moved = new Date(Math.max(dueAt, timeline.now) + random.integer(3, 14) * DAY).toISOString().slice(0, 10);
  const delay = random.between(1, 48) * HOUR;
  // A deadline already passed cannot be extended (issue 14): the officer missed the moment.
  if (timeline.now + Math.max(60_000, Math.round(delay)) > dueAt) return;
  timeline.at(delay, (now) => ({
    type: 'ExtendAnswerDeadline',
    data: {
      complaintId: timeline.complaintId,
      answerDueAt: `${moved}T23:59:59.999Z`,
      reason: 'Waiting for the supplier.',
      customerInformedAt: now,
      customerInformedVia: 'phone',
    },
  }));
};

const investigateAndAnswer = (random: Random, timeline: CaseTimeline) => {
  const complaintId = timeline.complaintId;
  const outcome = random.weighted([['investigated', 85], ['waived', 10], ['open', 5]] as const);
  if (outcome === 'open') return;
  if (outcome === 'waived')
    timeline.at(random.between(2, 72) * HOUR, () => ({
      type: 'WaiveInvestigation',
      data: { complaintId, reason: 'A known defect.', decidedBy: 'manager-dimitrov' },
    }));
  else {
    const [rootCause, responsibleParty] = random.pick(ROOT_CAUSES);
    timeline.at(random.between(2, 96) * HOUR, () => ({
      type: 'InvestigateComplaint',
      data: {
        complaintId,
        verdict: random.weighted(VERDICTS),
        findings: 'Facts gathered from all sides.',
        rootCause,
        responsibleParty,
        investigatedBy: timeline.case.responsibleOfficer ?? 'officer',
      },
    }));
  }
  if (random.chance(0.05)) return; // investigated, not yet answered
  // About one answer in five comes after its deadline.
  const dueAt = Date.parse(timeline.case.answerDueAt ?? '');
  const late = random.chance(0.2);
  const answerAt = late ? dueAt + random.between(1, 240) * HOUR : timeline.now + random.next() * Math.max(0, dueAt - timeline.now);
  timeline.at(answerAt - timeline.now, () => ({
    type: 'AnswerComplaint',
    data: { complaintId, channel: random.pick(['letter', 'email', 'phone'] as const), summary: 'Our answer.', signedBy: 'manager-dimitrov' },
  }));
};

const compensate = (random: Random, timeline: CaseTimeline) => {
  const kind = random.weighted(COMPENSATIONS);
  const amount =
    MONETARY.includes(kind) || random.chance(0.1)
      ? { amountMinor: random.integer(1, 500) * 100 - random.integer(0, 1), currency: random.pick(CURRENCIES) }
      : undefined;
  timeline.at(random.between(1, 120) * HOUR, () => ({
    type: 'CompensateComplaint',
    data: { complaintId: timeline.complaintId, kind, amount, description: `A ${kind}.`, approvedBy: 'director-koleva' },
  }));
};

const followUp = (random: Random, timeline: CaseTimeline) => {
  const answeredAt = Date.parse(timeline.case.answer?.answeredAt ?? '');
  const advance = random.between(20, 40) * DAY;
  // The contact is stated: it may lie before the moment it is entered, even before an earlier entry.
  const contactedAt = Math.max(answeredAt, timeline.now + advance - random.between(0, 10) * DAY);
  timeline.at(advance, () => ({
    type: 'RecordFollowUp',
    data: {
      complaintId: timeline.complaintId,
      contactedAt: new Date(contactedAt).toISOString(),
      problemSolved: random.chance(0.75),
      satisfaction: random.weighted([[1, 5], [2, 10], [3, 20], [4, 35], [5, 30]] as const),
      comment: random.chance(0.5) ? 'Thanks.' : undefined,
    },
  }));
};
