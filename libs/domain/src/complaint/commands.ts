import { Money } from '../shared/money';
import { IsoDateTime } from '../shared/time';
import {
  AnswerChannel,
  Channel,
  CompensationKind,
  ContactKind,
  FactSource,
  Referral,
  ResponsibleParty,
  Severity,
  SignatureMeaning,
  Verdict,
} from '../shared/vocabulary';
import { Complainant, Subject } from './events';
import { AttachEvidence } from './evidence';

// Commands are requests in the imperative. Times the person states (when the complaint was
// received, when the customer was called) are business times in the command; the moment of
// deciding is `now` in the DecisionContext, never read from the system clock here.

export type ReceiveComplaint = {
  type: 'ReceiveComplaint';
  data: {
    complaintId: string;
    channel: Channel;
    complainant: Complainant;
    subject: Subject;
    description: string;
    desiredRemedy?: string;
    documents: string[];
    /** When the complaint reached the organisation; defaults to now. */
    receivedAt?: IsoDateTime;
    takenBy: string;
    primaryResponse: string;
    resolvedOnTheSpot: boolean;
  };
};

export type RegisterComplaint = {
  type: 'RegisterComplaint';
  data: {
    complaintId: string;
    /** Reserved in the register stream by the application before deciding. */
    registerNumber: string;
    category: string;
    severity: Severity;
    responsibleOfficer: string;
    /** An earlier answer date promised to the customer; defaults to the policy's deadline. */
    promisedAnswerBy?: IsoDateTime;
  };
};

export type InvestigateComplaint = {
  type: 'InvestigateComplaint';
  data: {
    complaintId: string;
    verdict: Verdict;
    findings: string;
    rootCause: string;
    responsibleParty: ResponsibleParty;
    correctiveAction?: string;
    investigatedBy: string;
    sources?: FactSource[];
    /** A code of the deployment's root-cause taxonomy. */
    rootCauseCode?: string;
    productReference?: string;
    lotNumber?: string;
  };
};

export type WaiveInvestigation = {
  type: 'WaiveInvestigation';
  data: { complaintId: string; reason: string; decidedBy: string };
};

export type AnswerComplaint = {
  type: 'AnswerComplaint';
  data: {
    complaintId: string;
    channel: AnswerChannel;
    summary: string;
    signedBy: string;
    /** What the manager's signature means; approval unless stated. */
    signatureMeaning?: SignatureMeaning;
  };
};

export type CompensateComplaint = {
  type: 'CompensateComplaint';
  data: { complaintId: string; kind: CompensationKind; amount?: Money; description: string; approvedBy: string };
};

export type RecordFollowUp = {
  type: 'RecordFollowUp';
  data: {
    complaintId: string;
    /** When the customer was contacted; defaults to now. */
    contactedAt?: IsoDateTime;
    problemSolved: boolean;
    satisfaction: 1 | 2 | 3 | 4 | 5;
    comment?: string;
  };
};

/** A contact with the complainant: acknowledgement, progress update, request for information, holding letter, final response. */
export type RecordContact = {
  type: 'RecordContact';
  data: {
    complaintId: string;
    kind: ContactKind;
    channel: AnswerChannel;
    /** What was said; the complainant's personal data, sealed like the other free text. */
    summary: string;
    /** When the complainant was contacted; defaults to now. */
    contactedAt?: IsoDateTime;
    contactedBy: string;
  };
};

export type ReassignComplaint = {
  type: 'ReassignComplaint';
  data: { complaintId: string; to: string; reason: string };
};

export type ExtendAnswerDeadline = {
  type: 'ExtendAnswerDeadline';
  data: {
    complaintId: string;
    answerDueAt: IsoDateTime;
    reason: string;
    /** When the customer was told of the new deadline. Required: left open in the type so that the decider names its absence (customer-informed-required). */
    customerInformedAt?: IsoDateTime;
    customerInformedVia: Channel;
  };
};

export type CloseComplaint = {
  type: 'CloseComplaint';
  data: {
    complaintId: string;
    summary?: string;
    /** Whether the complainant accepted the outcome; absent when not known. */
    complainantAcceptedOutcome?: boolean;
    /** A referral to an external body (ombudsman, regulator), with its reference. */
    referral?: Referral;
  };
};

/** The officer asked the complainant for information; the answer clock stands still until it arrives (issue 14). */
export type AwaitComplainant = {
  type: 'AwaitComplainant';
  /** `requested`: what was asked, free text (sealed). */
  data: { complaintId: string; requested: string };
};

/** The information asked for arrived (or, `arrived: false`, the wait is given up); the answer clock runs again. */
export type RecordComplainantInformation = {
  type: 'RecordComplainantInformation';
  data: { complaintId: string; arrived?: boolean; summary?: string };
};

export type ReopenComplaint = { type: 'ReopenComplaint'; data: { complaintId: string; reason: string } };

export type WithdrawComplaint = { type: 'WithdrawComplaint'; data: { complaintId: string; reason: string } };

export type ComplaintCommand =
  | ReceiveComplaint
  | RegisterComplaint
  | InvestigateComplaint
  | WaiveInvestigation
  | AnswerComplaint
  | CompensateComplaint
  | RecordFollowUp
  | RecordContact
  | ReassignComplaint
  | ExtendAnswerDeadline
  | AwaitComplainant
  | RecordComplainantInformation
  | CloseComplaint
  | ReopenComplaint
  | WithdrawComplaint
  | AttachEvidence;
