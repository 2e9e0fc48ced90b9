import { DeadlineExplanation } from '../policies/deadlines';
import { Money } from '../shared/money';
import { IsoDateTime } from '../shared/time';
import {
  AnswerChannel,
  Channel,
  CompensationKind,
  FactSource,
  ContactKind,
  Referral,
  ResponsibleParty,
  Severity,
  Signature,
  Verdict,
} from '../shared/vocabulary';
import type { EvidenceAttached } from './evidence';

// Events are facts in the past tense. Their data is what a register must hold; who recorded
// them, when, and why is metadata added by the application (see the event store's envelope).

export interface Complainant {
  /** A person's full name or an organisation's name: complaints are not anonymous. */
  name: string;
  kind: 'person' | 'organisation';
  email?: string;
  phone?: string;
  postalAddress?: string;
}

export interface Subject {
  /** The product or service the complaint is about. */
  productOrService: string;
  sku?: string;
  lotNumber?: string;
  serialNumber?: string;
  orderReference?: string;
}

export type ComplaintReceived = {
  type: 'ComplaintReceived';
  data: {
    complaintId: string;
    channel: Channel;
    complainant: Complainant;
    subject: Subject;
    description: string;
    desiredRemedy?: string;
    documents: string[];
    receivedAt: IsoDateTime;
    takenBy: string;
    primaryResponse: string;
    resolvedOnTheSpot: boolean;
    registrationDueAt: IsoDateTime;
    registrationDeadline: DeadlineExplanation;
    /** When the complainant must be acknowledged by (ISO 10002 8.4); absent in schema version 1. */
    acknowledgementDueAt?: IsoDateTime;
    acknowledgementDeadline?: DeadlineExplanation;
  };
};

export type ComplaintRegistered = {
  type: 'ComplaintRegistered';
  data: {
    complaintId: string;
    registerNumber: string;
    registeredAt: IsoDateTime;
    category: string;
    categoryCatalogueVersion: string;
    severity: Severity;
    responsibleOfficer: string;
    answerDueAt: IsoDateTime;
    answerDeadline: DeadlineExplanation;
  };
};

export type ComplaintInvestigated = {
  type: 'ComplaintInvestigated';
  data: {
    complaintId: string;
    verdict: Verdict;
    findings: string;
    rootCause: string;
    responsibleParty: ResponsibleParty;
    correctiveAction?: string;
    investigatedBy: string;
    investigatedAt: IsoDateTime;
    /** Schema version 2: where the facts came from, the root-cause code (with its taxonomy's version), the product or lot concerned. */
    sources?: FactSource[];
    rootCauseCode?: string;
    rootCauseTaxonomyVersion?: string;
    productReference?: string;
    lotNumber?: string;
  };
};

/** FDA 21 CFR 820.198: a complaint that is not investigated needs the reason and who decided. */
export type InvestigationWaived = {
  type: 'InvestigationWaived';
  data: { complaintId: string; reason: string; decidedBy: string; decidedAt: IsoDateTime };
};

export type ComplaintAnswered = {
  type: 'ComplaintAnswered';
  data: {
    complaintId: string;
    channel: AnswerChannel;
    summary: string;
    signedBy: string;
    /** Name, meaning and time of the manager's signature (21 CFR Part 11 §11.50); absent in schema version 1. */
    signature?: Signature;
    answeredAt: IsoDateTime;
    followUpDueAt: IsoDateTime;
    followUpDeadline: DeadlineExplanation;
  };
};

export type ComplaintCompensated = {
  type: 'ComplaintCompensated';
  data: {
    complaintId: string;
    kind: CompensationKind;
    amount?: Money;
    description: string;
    approvedBy: string;
    /** The approver's signature, meaning approval (21 CFR Part 11 §11.50); absent in schema version 1. */
    approval?: Signature;
    grantedAt: IsoDateTime;
  };
};

export type FollowUpRecorded = {
  type: 'FollowUpRecorded';
  data: {
    complaintId: string;
    contactedAt: IsoDateTime;
    problemSolved: boolean;
    satisfaction: 1 | 2 | 3 | 4 | 5;
    comment?: string;
  };
};

export type ComplainantContacted = {
  type: 'ComplainantContacted';
  data: {
    complaintId: string;
    kind: ContactKind;
    channel: AnswerChannel;
    summary: string;
    contactedAt: IsoDateTime;
    contactedBy: string;
  };
};

export type ComplaintReassigned = {
  type: 'ComplaintReassigned';
  data: { complaintId: string; from: string; to: string; reason: string; reassignedAt: IsoDateTime };
};

export type AnswerDeadlineExtended = {
  type: 'AnswerDeadlineExtended';
  data: {
    complaintId: string;
    previousDueAt: IsoDateTime;
    answerDueAt: IsoDateTime;
    answerDeadline: DeadlineExplanation;
    reason: string;
    /** When and how the customer was told: a promise may only move if the customer knows. */
    customerInformedAt: IsoDateTime;
    customerInformedVia: Channel;
  };
};

/** The case waits for information from the complainant: the answer clock stands still (issue 14). */
export type AwaitingComplainant = {
  type: 'AwaitingComplainant';
  data: { complaintId: string; requested: string; requestedBy: string; awaitingSince: IsoDateTime };
};

/**
 * The wait is over: the information arrived (or, `arrived: false`, did not and the officer goes on without it).
 * The answer deadline moves by `pausedMs`, never past the statutory limit; `answerDeadline.paused` explains it.
 */
export type ComplainantInformationReceived = {
  type: 'ComplainantInformationReceived';
  data: {
    complaintId: string;
    arrived: boolean;
    summary?: string;
    recordedBy: string;
    receivedAt: IsoDateTime;
    awaitingSince: IsoDateTime;
    pausedMs: number;
    previousDueAt: IsoDateTime;
    answerDueAt: IsoDateTime;
    answerDeadline: DeadlineExplanation;
  };
};

export type ComplaintClosed = {
  type: 'ComplaintClosed';
  data: {
    complaintId: string;
    closedAt: IsoDateTime;
    summary?: string;
    /** Whether the complainant accepted the outcome, and any referral to an external body; schema version 2. */
    complainantAcceptedOutcome?: boolean;
    referral?: Referral;
  };
};

/**
 * Seed 000: fixed on the spot at intake. Recorded with the registration (every complaint is numbered),
 * it closes the case with the primary response as its resolution: no investigation, no signed answer. The event names
 * no text of its own: the resolution is the receipt's (sealed) primary response, which commands see only sealed.
 */
export type ComplaintResolvedAtFirstContact = {
  type: 'ComplaintResolvedAtFirstContact';
  data: { complaintId: string; resolvedBy: string; resolvedAt: IsoDateTime; closedAt: IsoDateTime };
};

export type ComplaintReopened = {
  type: 'ComplaintReopened';
  data: {
    complaintId: string;
    reopenedAt: IsoDateTime;
    reason: string;
    answerDueAt: IsoDateTime;
    answerDeadline: DeadlineExplanation;
  };
};

export type ComplaintWithdrawn = {
  type: 'ComplaintWithdrawn';
  data: { complaintId: string; withdrawnAt: IsoDateTime; reason: string };
};

/** The complainant's personal data was erased on request: its key is destroyed, the fields read as erased. */
export type PersonalDataErased = {
  type: 'PersonalDataErased';
  data: { complaintId: string; erasedAt: IsoDateTime; reason: string };
};

export type ComplaintEvent =
  | ComplaintReceived
  | ComplaintRegistered
  | ComplaintInvestigated
  | InvestigationWaived
  | ComplaintAnswered
  | ComplaintCompensated
  | FollowUpRecorded
  | ComplainantContacted
  | ComplaintReassigned
  | AnswerDeadlineExtended
  | AwaitingComplainant
  | ComplainantInformationReceived
  | ComplaintClosed
  | ComplaintResolvedAtFirstContact
  | ComplaintReopened
  | ComplaintWithdrawn
  | PersonalDataErased
  | EvidenceAttached;

export type ComplaintEventType = ComplaintEvent['type'];

/** The schema version of each event type; bump it when a type's data changes shape and add an upcaster. */
export const COMPLAINT_EVENT_SCHEMA_VERSIONS: Record<ComplaintEventType, number> = {
  // 2: the acknowledgement deadline.
  ComplaintReceived: 2,
  ComplaintRegistered: 1,
  // 2: sources of the facts, the root-cause code, the product or lot concerned (all optional: version 1 reads as is).
  ComplaintInvestigated: 2,
  InvestigationWaived: 1,
  // 2: the signature (who, meaning, when); version 1 events have only signedBy / approvedBy.
  ComplaintAnswered: 2,
  ComplaintCompensated: 2,
  FollowUpRecorded: 1,
  ComplainantContacted: 1,
  ComplaintReassigned: 1,
  AnswerDeadlineExtended: 1,
  AwaitingComplainant: 1,
  ComplainantInformationReceived: 1,
  // 2: the complainant's acceptance of the outcome and a referral to an external body.
  ComplaintClosed: 2,
  ComplaintResolvedAtFirstContact: 1,
  ComplaintReopened: 1,
  ComplaintWithdrawn: 1,
  PersonalDataErased: 1,
  EvidenceAttached: 1,
};

export const isComplaintEvent = (event: { type: string }): event is ComplaintEvent =>
  Object.prototype.hasOwnProperty.call(COMPLAINT_EVENT_SCHEMA_VERSIONS, event.type);
