/**
 * One complaint's history, from receipt to wherever it ends (or the horizon stops it). Every command is decided by
 * the domain's own `decide`, on a clock that moves per complaint, with the default policies, so every history is one
 * the application could have written. Each step carries the metadata the application would record (actor with a
 * realistic role, commandId, correlationId, occurredAt, recordedAt = the simulated moment of the command).
 */
import {
  Actor,
  ComplaintCommand,
  ComplaintEvent,
  ComplaintRegistered,
  ComplaintState,
  ComplaintStatus,
  decide,
  DecisionContext,
  DEFAULT_CATEGORY_CATALOGUE,
  DEFAULT_COMPENSATION_APPROVAL_POLICY,
  DEFAULT_DEADLINE_POLICY,
  DEFAULT_ROOT_CAUSE_TAXONOMY,
  evolve,
  formatRegisterNumber,
  initialState,
  isDomainError,
  Money,
  Verdict,
} from '../../index';
import { caseSeed, Random, seededRandom } from './random';
import {
  ANSWER_CHANNEL_WEIGHTS,
  aPhoneNumber,
  Branch,
  BRANCHES,
  CATEGORY_WEIGHTS,
  CHANNEL_WEIGHTS,
  CLERKS,
  COMPENSATION_WEIGHTS,
  currencyAt,
  DAY,
  EXTENSION_REASONS,
  FOLLOW_UP_COMMENTS,
  HOUR,
  MANAGERS,
  MINUTE,
  MONETARY,
  OFFICERS,
  PRIMARY_RESPONSES,
  REASSIGN_REASONS,
  REOPEN_REASONS,
  ROOT_CAUSE_CODE_OF,
  SEVERITY_WEIGHTS,
  VERDICT_WEIGHTS,
  WAIVER_REASONS,
  WITHDRAWAL_REASONS,
  WORLD,
} from './world';

/** What the application records with a command's events (the event store's CommandEnvelope, without its types). */
export interface StepEnvelope {
  commandId: string;
  correlationId: string;
  causationId: string;
  actor: Actor;
  occurredAt: string;
  recordedAt: string;
}

/** One command decided: its events and the envelope they are appended with. */
export interface Step {
  events: ComplaintEvent[];
  envelope: StepEnvelope;
}

export interface GeneratedCase {
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
      throw new Error(`complaint generator: ${command.type} refused on ${this.complaintId}: ${decision.code} ${decision.message}`);
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

/**
 * Gives the case's registration its number, once every registration before it in time is known: each case is
 * decided with a placeholder (decide only checks the number's form).
 */
export const numberRegistration = (generated: GeneratedCase, sequence: number): string => {
  const registration = generated.registration;
  if (!registration) throw new Error(`complaint generator: ${generated.complaintId} was never registered`);
  const registerNumber = formatRegisterNumber(registration.year, sequence);
  (generated.steps[registration.stepIndex].events[0] as ComplaintRegistered).data.registerNumber = registerNumber;
  return registerNumber;
};

/** One complaint, from receipt to wherever its history ends (or the horizon stops it). */
export const generateCase = (index: number, seed: number, receivedAt: number, horizon: number): GeneratedCase => {
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
  const phone = channel === 'phone' || random.chance(0.55) ? aPhoneNumber(branch, random) : undefined;
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
      ? { amountMinor: random.integer(min, max) * 100 + random.pick([0, 0, 0, 50, 99]), currency: currencyAt(branch, at) }
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
export const receiptTimes = (random: Random, count: number, from: number, to: number): Float64Array => {
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

export const instantOf = (value: string, name: string): number => {
  const instant = Date.parse(/^\d{4}-\d{2}(-\d{2})?$/.test(value) ? `${value.length === 7 ? `${value}-01` : value}T00:00:00.000Z` : value);
  if (Number.isNaN(instant)) throw new RangeError(`complaint generator: ${name} "${value}" is not a date or an instant`);
  return instant;
};

