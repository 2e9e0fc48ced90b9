import {
  AnswerComplaint,
  AwaitComplainant,
  RecordComplainantInformation,
  CloseComplaint,
  CompensateComplaint,
  ExtendAnswerDeadline,
  InvestigateComplaint,
  ReassignComplaint,
  ReceiveComplaint,
  RecordContact,
  RecordFollowUp,
  RegisterComplaint,
  ReopenComplaint,
  WaiveInvestigation,
  WithdrawComplaint,
  ComplaintCommand,
} from '../complaint/commands';
import {
  AnswerDeadlineExtended,
  AwaitingComplainant,
  ComplainantInformationReceived,
  ComplainantContacted,
  ComplaintAnswered,
  ComplaintClosed,
  ComplaintCompensated,
  ComplaintEvent,
  ComplaintInvestigated,
  ComplaintReassigned,
  ComplaintReceived,
  ComplaintRegistered,
  ComplaintReopened,
  ComplaintResolvedAtFirstContact,
  ComplaintWithdrawn,
  FollowUpRecorded,
  InvestigationWaived,
} from '../complaint/events';
import { DEFAULT_CATEGORY_CATALOGUE } from '../policies/categories';
import { acknowledgementDeadline, answerDeadline, DEFAULT_DEADLINE_POLICY, DeadlinePolicy, followUpDeadline, registrationDeadline } from '../policies/deadlines';
import { IsoDateTime } from '../shared/time';

// One ordinary case, told the same way by the command builders and the event builder:
// received on Monday 2 March 2026, answered on Friday 6 March, followed up a month later.

export const COMPLAINT_ID = 'complaint-0001';

/** When each step of the ordinary case happens; every default of the builders below uses these. */
export const TIMELINE = {
  receivedAt: '2026-03-02T09:15:00.000Z',
  registeredAt: '2026-03-02T14:00:00.000Z',
  acknowledgedAt: '2026-03-02T10:00:00.000Z',
  reassignedAt: '2026-03-03T09:00:00.000Z',
  withdrawnAt: '2026-03-03T12:00:00.000Z',
  investigatedAt: '2026-03-04T11:00:00.000Z',
  answeredAt: '2026-03-06T15:00:00.000Z',
  compensatedAt: '2026-03-09T10:00:00.000Z',
  deadlineExtendedAt: '2026-03-10T09:30:00.000Z',
  awaitingSince: '2026-03-03T10:00:00.000Z',
  informationReceivedAt: '2026-03-05T16:00:00.000Z',
  customerInformedAt: '2026-03-10T09:00:00.000Z',
  contactedAt: '2026-04-06T10:00:00.000Z',
  closedAt: '2026-04-07T09:00:00.000Z',
  reopenedAt: '2026-04-20T08:30:00.000Z',
} as const satisfies Record<string, IsoDateTime>;

type Overrides<T extends { data: unknown }> = Partial<T['data']>;
/** A command whose business time is stated: the builders always state it, so specs never depend on a default. */
type Stated<T extends { data: object }, K extends keyof T['data']> = T & { data: Required<Pick<T['data'], K>> };

// ---- commands -------------------------------------------------------------------------------

/**
 * A builder of one command of the ordinary case: these defaults, with the fields a spec changes. The defaults are
 * checked against the command's type; TypeScript cannot relate the assembled object to a generic command, hence the cast.
 */
const commandOf =
  <C extends ComplaintCommand, K extends keyof C['data'] = never>(type: C['type'], defaults: Omit<Stated<C, K>['data'], 'complaintId'>) =>
  (overrides: Overrides<C> = {}): Stated<C, K> =>
    ({ type, data: { complaintId: COMPLAINT_ID, ...defaults, ...overrides } }) as unknown as Stated<C, K>;

export const receiveComplaint = commandOf<ReceiveComplaint, 'receivedAt'>('ReceiveComplaint', {
  channel: 'email',
  complainant: { name: 'Maria Ivanova', kind: 'person', email: 'maria.ivanova@example.com', phone: '+359 88 123 4567' },
  subject: { productOrService: 'Washing machine WM-300', serialNumber: 'WM300-88231', orderReference: 'ORD-2026-0311' },
  description: 'The drum stopped turning during the second wash.',
  desiredRemedy: 'Repair or replacement',
  documents: ['receipt-ORD-2026-0311.pdf'],
  receivedAt: TIMELINE.receivedAt,
  takenBy: 'clerk-petrov',
  primaryResponse: 'Apologised, logged the serial number and promised a written answer.',
  resolvedOnTheSpot: false,
});

export const registerComplaint = commandOf<RegisterComplaint>('RegisterComplaint', {
  registerNumber: '2026-000042',
  category: 'product-quality',
  severity: 'medium',
  responsibleOfficer: 'officer-georgieva',
});

export const investigateComplaint = commandOf<InvestigateComplaint>('InvestigateComplaint', {
  verdict: 'founded',
  findings: 'The drum bearing seized; the same batch failed twice last month.',
  rootCause: 'Defective bearings in supplier batch B-17',
  responsibleParty: 'supplier',
  correctiveAction: 'Inspect every machine of batch B-17 before sale',
  investigatedBy: 'officer-georgieva',
});

export const waiveInvestigation = commandOf<WaiveInvestigation>('WaiveInvestigation', {
  reason: 'A known defect of batch B-17, already investigated under 2026-000031.',
  decidedBy: 'manager-dimitrov',
});

export const answerComplaint = commandOf<AnswerComplaint>('AnswerComplaint', {
  channel: 'letter',
  summary: 'We apologise: the bearing was defective. The machine is replaced and batch B-17 inspected.',
  signedBy: 'manager-dimitrov',
});

export const compensateComplaint = commandOf<CompensateComplaint>('CompensateComplaint', {
  kind: 'refund',
  amount: { amountMinor: 4_999, currency: 'EUR' },
  description: 'Refund of the delivery fee',
  approvedBy: 'director-koleva',
});

export const recordFollowUp = commandOf<RecordFollowUp, 'contactedAt'>('RecordFollowUp', {
  contactedAt: TIMELINE.contactedAt,
  problemSolved: true,
  satisfaction: 4,
  comment: 'The new machine works; delivery was late again.',
});

/** The acknowledgement (ISO 10002 8.4): the clerk confirms receipt by e-mail, 45 minutes after it arrived. */
export const recordContact = commandOf<RecordContact, 'contactedAt'>('RecordContact', {
  kind: 'acknowledgement',
  channel: 'email',
  summary: 'Confirmed receipt and named the officer in charge.',
  contactedAt: TIMELINE.acknowledgedAt,
  contactedBy: 'clerk-petrov',
});

export const reassignComplaint = commandOf<ReassignComplaint>('ReassignComplaint', { to: 'officer-stoyanov', reason: 'Officer Georgieva is on leave.' });

export const extendAnswerDeadline = commandOf<ExtendAnswerDeadline, 'customerInformedAt'>('ExtendAnswerDeadline', {
  answerDueAt: '2026-03-20T23:59:59.999Z',
  reason: "Waiting for the supplier's laboratory report.",
  customerInformedAt: TIMELINE.customerInformedAt,
  customerInformedVia: 'phone',
});

export const awaitComplainant = commandOf<AwaitComplainant>('AwaitComplainant', { requested: 'A photo of the serial-number plate.' });

export const recordComplainantInformation = commandOf<RecordComplainantInformation>('RecordComplainantInformation', { summary: 'The photo arrived by e-mail.' });

export const closeComplaint = commandOf<CloseComplaint>('CloseComplaint', { summary: 'Machine replaced, customer satisfied.' });

export const reopenComplaint = commandOf<ReopenComplaint>('ReopenComplaint', { reason: 'The replacement machine fails the same way.' });

export const withdrawComplaint = commandOf<WithdrawComplaint>('WithdrawComplaint', { reason: 'The customer repaired the machine privately.' });

// ---- events ---------------------------------------------------------------------------------

/** What the history so far says that later events repeat (who is responsible, the current deadline). */
interface CaseFacts {
  receivedAt?: IsoDateTime;
  responsibleOfficer?: string;
  answerDueAt?: IsoDateTime;
}

/**
 * The events of one case, step by step: `aComplaint().received().registered().investigated()`.
 * Immutable: every step returns a new builder, so a case at one stage can be the start of several specs.
 * Derived fields (deadlines, `from`, `previousDueAt`) are filled from the history and the policy.
 */
export class ComplaintHistoryBuilder {
  constructor(
    private readonly options: { complaintId: string; policy: DeadlinePolicy },
    private readonly history: readonly ComplaintEvent[] = [],
    private readonly facts: CaseFacts = {},
  ) {}

  events(): ComplaintEvent[] {
    return [...this.history];
  }

  received(overrides: Overrides<ComplaintReceived> = {}): ComplaintHistoryBuilder {
    const { type: _type, data: command } = receiveComplaint({ complaintId: this.options.complaintId });
    const receivedAt = overrides.receivedAt ?? command.receivedAt;
    const deadline = registrationDeadline(this.options.policy, receivedAt);
    const acknowledgement = acknowledgementDeadline(this.options.policy, receivedAt);
    return this.with(
      {
        type: 'ComplaintReceived',
        data: {
          ...command,
          registrationDueAt: deadline.dueAt,
          registrationDeadline: deadline.explanation,
          acknowledgementDueAt: acknowledgement.dueAt,
          acknowledgementDeadline: acknowledgement.explanation,
          ...overrides,
        },
      },
      { receivedAt },
    );
  }

  /** The complainant acknowledged (ISO 10002 8.4) by the clerk, as `recordContact()` asks. */
  acknowledged(overrides: Overrides<ComplainantContacted> = {}): ComplaintHistoryBuilder {
    const { data } = recordContact({ complaintId: this.options.complaintId });
    return this.with({ type: 'ComplainantContacted', data: { ...data, ...overrides } });
  }

  registered(overrides: Overrides<ComplaintRegistered> = {}): ComplaintHistoryBuilder {
    const { type: _type, data: command } = registerComplaint({ complaintId: this.options.complaintId });
    const deadline = answerDeadline(this.options.policy, this.facts.receivedAt ?? TIMELINE.receivedAt, {
      category: overrides.category ?? command.category,
      severity: overrides.severity ?? command.severity,
    });
    const event: ComplaintRegistered = {
      type: 'ComplaintRegistered',
      data: {
        complaintId: command.complaintId,
        registerNumber: command.registerNumber,
        registeredAt: TIMELINE.registeredAt,
        category: command.category,
        categoryCatalogueVersion: DEFAULT_CATEGORY_CATALOGUE.version,
        severity: command.severity,
        responsibleOfficer: command.responsibleOfficer,
        answerDueAt: deadline.dueAt,
        answerDeadline: deadline.explanation,
        ...overrides,
      },
    };
    return this.with(event, { responsibleOfficer: event.data.responsibleOfficer, answerDueAt: event.data.answerDueAt });
  }

  investigated(overrides: Overrides<ComplaintInvestigated> = {}): ComplaintHistoryBuilder {
    const { data } = investigateComplaint({ complaintId: this.options.complaintId });
    return this.with({ type: 'ComplaintInvestigated', data: { ...data, investigatedAt: TIMELINE.investigatedAt, ...overrides } });
  }

  investigationWaived(overrides: Overrides<InvestigationWaived> = {}): ComplaintHistoryBuilder {
    const { data } = waiveInvestigation({ complaintId: this.options.complaintId });
    return this.with({ type: 'InvestigationWaived', data: { ...data, decidedAt: TIMELINE.investigatedAt, ...overrides } });
  }

  answered(overrides: Overrides<ComplaintAnswered> = {}): ComplaintHistoryBuilder {
    const { data } = answerComplaint({ complaintId: this.options.complaintId });
    const answeredAt = overrides.answeredAt ?? TIMELINE.answeredAt;
    const signedBy = overrides.signedBy ?? data.signedBy;
    const followUp = followUpDeadline(this.options.policy, answeredAt);
    return this.with({
      type: 'ComplaintAnswered',
      data: {
        ...data,
        signature: { signedBy, meaning: 'approval', signedAt: answeredAt },
        answeredAt,
        followUpDueAt: followUp.dueAt,
        followUpDeadline: followUp.explanation,
        ...overrides,
      },
    });
  }

  compensated(overrides: Overrides<ComplaintCompensated> = {}): ComplaintHistoryBuilder {
    const { data } = compensateComplaint({ complaintId: this.options.complaintId });
    const grantedAt = overrides.grantedAt ?? TIMELINE.compensatedAt;
    const approval = { signedBy: overrides.approvedBy ?? data.approvedBy, meaning: 'approval' as const, signedAt: grantedAt };
    return this.with({ type: 'ComplaintCompensated', data: { ...data, approval, grantedAt, ...overrides } });
  }

  followedUp(overrides: Overrides<FollowUpRecorded> = {}): ComplaintHistoryBuilder {
    const { data } = recordFollowUp({ complaintId: this.options.complaintId });
    return this.with({ type: 'FollowUpRecorded', data: { ...data, ...overrides } });
  }

  reassigned(overrides: Overrides<ComplaintReassigned> = {}): ComplaintHistoryBuilder {
    const { data } = reassignComplaint({ complaintId: this.options.complaintId });
    const event: ComplaintReassigned = {
      type: 'ComplaintReassigned',
      data: { ...data, from: this.facts.responsibleOfficer ?? 'officer-georgieva', reassignedAt: TIMELINE.reassignedAt, ...overrides },
    };
    return this.with(event, { responsibleOfficer: event.data.to });
  }

  deadlineExtended(overrides: Overrides<AnswerDeadlineExtended> = {}): ComplaintHistoryBuilder {
    const { data } = extendAnswerDeadline({ complaintId: this.options.complaintId });
    const event: AnswerDeadlineExtended = {
      type: 'AnswerDeadlineExtended',
      data: {
        ...data,
        previousDueAt: this.facts.answerDueAt ?? '2026-03-12T23:59:59.999Z',
        answerDeadline: { policyVersion: this.options.policy.version, rule: 'extended', from: TIMELINE.deadlineExtendedAt },
        ...overrides,
      },
    };
    return this.with(event, { answerDueAt: event.data.answerDueAt });
  }

  awaitingComplainant(overrides: Overrides<AwaitingComplainant> = {}): ComplaintHistoryBuilder {
    const { data } = awaitComplainant({ complaintId: this.options.complaintId });
    return this.with({
      type: 'AwaitingComplainant',
      data: { ...data, requestedBy: 'officer-georgieva', awaitingSince: TIMELINE.awaitingSince, ...overrides },
    });
  }

  /** The wait from `awaitingComplainant()` ends; the deadline moves by the time waited (no statutory cap in the default case). */
  complainantInformationReceived(overrides: Overrides<ComplainantInformationReceived> = {}): ComplaintHistoryBuilder {
    const awaiting = [...this.history].reverse().find((event): event is AwaitingComplainant => event.type === 'AwaitingComplainant');
    const awaitingSince = awaiting?.data.awaitingSince ?? TIMELINE.awaitingSince;
    const receivedAt = overrides.receivedAt ?? TIMELINE.informationReceivedAt;
    const pausedMs = Date.parse(receivedAt) - Date.parse(awaitingSince);
    const previousDueAt = this.facts.answerDueAt ?? '2026-03-12T23:59:59.999Z';
    const answerDueAt = new Date(Date.parse(previousDueAt) + pausedMs).toISOString();
    const policyDeadline = answerDeadline(this.options.policy, this.facts.receivedAt ?? TIMELINE.receivedAt).explanation;
    const event: ComplainantInformationReceived = {
      type: 'ComplainantInformationReceived',
      data: {
        complaintId: this.options.complaintId,
        arrived: true,
        summary: 'The photo arrived by e-mail.',
        recordedBy: 'officer-georgieva',
        receivedAt,
        awaitingSince,
        pausedMs,
        previousDueAt,
        answerDueAt,
        answerDeadline: { ...policyDeadline, paused: { ms: pausedMs, totalMs: pausedMs, from: awaitingSince, until: receivedAt, previousDueAt } },
        ...overrides,
      },
    };
    return this.with(event, { answerDueAt: event.data.answerDueAt });
  }

  closed(overrides: Overrides<ComplaintClosed> = {}): ComplaintHistoryBuilder {
    const { data } = closeComplaint({ complaintId: this.options.complaintId });
    return this.with({ type: 'ComplaintClosed', data: { ...data, closedAt: TIMELINE.closedAt, ...overrides } });
  }

  /** Follows `received({ resolvedOnTheSpot: true }).registered()`, as the decider does. */
  resolvedAtFirstContact(overrides: Overrides<ComplaintResolvedAtFirstContact> = {}): ComplaintHistoryBuilder {
    const received = this.history.find((event): event is ComplaintReceived => event.type === 'ComplaintReceived');
    if (!received) throw new Error('A complaint is resolved at first contact after it is received.');
    const { takenBy: resolvedBy, receivedAt: resolvedAt } = received.data;
    return this.with({
      type: 'ComplaintResolvedAtFirstContact',
      data: { complaintId: this.options.complaintId, resolvedBy, resolvedAt, closedAt: TIMELINE.registeredAt, ...overrides },
    });
  }

  reopened(overrides: Overrides<ComplaintReopened> = {}): ComplaintHistoryBuilder {
    const { data } = reopenComplaint({ complaintId: this.options.complaintId });
    const reopenedAt = overrides.reopenedAt ?? TIMELINE.reopenedAt;
    const { category, severity } = registerComplaint({ complaintId: this.options.complaintId }).data;
    const deadline = answerDeadline(this.options.policy, reopenedAt, { category, severity });
    const event: ComplaintReopened = {
      type: 'ComplaintReopened',
      data: { ...data, reopenedAt, answerDueAt: deadline.dueAt, answerDeadline: deadline.explanation, ...overrides },
    };
    return this.with(event, { answerDueAt: event.data.answerDueAt });
  }

  withdrawn(overrides: Overrides<ComplaintWithdrawn> = {}): ComplaintHistoryBuilder {
    const { data } = withdrawComplaint({ complaintId: this.options.complaintId });
    return this.with({ type: 'ComplaintWithdrawn', data: { ...data, withdrawnAt: TIMELINE.withdrawnAt, ...overrides } });
  }

  private with(event: ComplaintEvent, facts: CaseFacts = {}): ComplaintHistoryBuilder {
    return new ComplaintHistoryBuilder(this.options, [...this.history, event], { ...this.facts, ...facts });
  }
}

export const aComplaint = (options: { complaintId?: string; policy?: DeadlinePolicy } = {}): ComplaintHistoryBuilder =>
  new ComplaintHistoryBuilder({ complaintId: options.complaintId ?? COMPLAINT_ID, policy: options.policy ?? DEFAULT_DEADLINE_POLICY });
