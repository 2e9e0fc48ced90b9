import { IsoDateTime } from '../shared/time';
import { SignatureMeaning } from '../shared/vocabulary';
import {
  AnswerDeadlineExtended,
  ComplainantContacted,
  ComplaintAnswered,
  ComplaintClosed,
  ComplaintCompensated,
  ComplaintInvestigated,
  ComplaintReceived,
  ComplaintRegistered,
  FollowUpRecorded,
} from './events';
import { AttachEvidence } from './evidence';

// Commands are requests in the imperative. Times the person states (when the complaint was
// received, when the customer was called) are business times in the command; the moment of
// deciding is `now` in the DecisionContext, never read from the system clock here.
//
// A command asks for the fact its event records: its data is the event's data without what `decide`
// adds (the moment, the deadlines and why, the signature, what the case's history knows).

type Asking<E extends { data: object }, AddedByDecide extends keyof E['data']> = Omit<E['data'], AddedByDecide>;
/** Fields the person may leave out: a business time that defaults to now, or one the decider names when it is missing. */
type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

/** `receivedAt`: when the complaint reached the organisation; defaults to now. */
export type ReceiveComplaint = {
  type: 'ReceiveComplaint';
  data: Optional<Asking<ComplaintReceived, 'registrationDueAt' | 'registrationDeadline' | 'acknowledgementDueAt' | 'acknowledgementDeadline'>, 'receivedAt'>;
};

/** `registerNumber` is reserved in the register stream by the application before deciding. */
export type RegisterComplaint = {
  type: 'RegisterComplaint';
  data: Asking<ComplaintRegistered, 'registeredAt' | 'categoryCatalogueVersion' | 'answerDueAt' | 'answerDeadline'> & {
    /** An earlier answer date promised to the customer; defaults to the policy's deadline. */
    promisedAnswerBy?: IsoDateTime;
  };
};

/** `rootCauseCode`: a code of the deployment's root-cause taxonomy, whose version decide records. */
export type InvestigateComplaint = {
  type: 'InvestigateComplaint';
  data: Asking<ComplaintInvestigated, 'investigatedAt' | 'rootCauseTaxonomyVersion'>;
};

export type WaiveInvestigation = {
  type: 'WaiveInvestigation';
  data: { complaintId: string; reason: string; decidedBy: string };
};

export type AnswerComplaint = {
  type: 'AnswerComplaint';
  data: Asking<ComplaintAnswered, 'signature' | 'answeredAt' | 'followUpDueAt' | 'followUpDeadline'> & {
    /** What the manager's signature means; approval unless stated. */
    signatureMeaning?: SignatureMeaning;
  };
};

export type CompensateComplaint = { type: 'CompensateComplaint'; data: Asking<ComplaintCompensated, 'approval' | 'grantedAt'> };

/** `contactedAt`: when the customer was contacted; defaults to now. */
export type RecordFollowUp = { type: 'RecordFollowUp'; data: Optional<FollowUpRecorded['data'], 'contactedAt'> };

/**
 * A contact with the complainant: acknowledgement, progress update, request for information, holding letter, final response.
 * `summary`, what was said, is the complainant's personal data, sealed like the other free text; `contactedAt` defaults to now.
 */
export type RecordContact = { type: 'RecordContact'; data: Optional<ComplainantContacted['data'], 'contactedAt'> };

export type ReassignComplaint = {
  type: 'ReassignComplaint';
  data: { complaintId: string; to: string; reason: string };
};

/**
 * `customerInformedAt`, when the customer was told of the new deadline, is required: left open in the type so that
 * the decider names its absence (customer-informed-required).
 */
export type ExtendAnswerDeadline = {
  type: 'ExtendAnswerDeadline';
  data: Optional<Asking<AnswerDeadlineExtended, 'previousDueAt' | 'answerDeadline'>, 'customerInformedAt'>;
};

/** Whether the complainant accepted the outcome (absent when not known), and any referral to an external body with its reference. */
export type CloseComplaint = { type: 'CloseComplaint'; data: Asking<ComplaintClosed, 'closedAt'> };

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
