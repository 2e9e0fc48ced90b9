import { DeadlineExplanation } from '../policies/deadlines';
import { Money } from '../shared/money';
import { IsoDateTime } from '../shared/time';
import { AnswerChannel, Channel, CompensationKind, ContactKind, FactSource, Referral, ResponsibleParty, Severity, Signature, Verdict } from '../shared/vocabulary';
import { Complainant, Subject } from './events';
import { Evidence } from './evidence';

export const COMPLAINT_STATUSES = [
  'received',
  'registered',
  'investigated',
  'answered',
  'followed-up',
  'closed',
  'reopened',
  'withdrawn',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export type Investigation =
  | {
      outcome: 'investigated';
      verdict: Verdict;
      findings: string;
      rootCause: string;
      responsibleParty: ResponsibleParty;
      correctiveAction?: string;
      investigatedBy: string;
      investigatedAt: IsoDateTime;
      sources?: FactSource[];
      rootCauseCode?: string;
      rootCauseTaxonomyVersion?: string;
      productReference?: string;
      lotNumber?: string;
    }
  | { outcome: 'waived'; reason: string; decidedBy: string; decidedAt: IsoDateTime };

export interface Answer {
  channel: AnswerChannel;
  summary: string;
  signedBy: string;
  /** Absent when the answer was recorded before signatures carried their meaning (schema version 1). */
  signature?: Signature;
  answeredAt: IsoDateTime;
}

export interface Compensation {
  kind: CompensationKind;
  amount?: Money;
  description: string;
  approvedBy: string;
  approval?: Signature;
  grantedAt: IsoDateTime;
}

export interface FollowUp {
  contactedAt: IsoDateTime;
  problemSolved: boolean;
  satisfaction: number;
  comment?: string;
}

export interface Contact {
  kind: ContactKind;
  channel: AnswerChannel;
  summary: string;
  contactedAt: IsoDateTime;
  contactedBy: string;
}

/** A complaint as folded from its events: everything the register knows about one case. */
export type ComplaintState =
  | { status: 'none' }
  | {
      status: ComplaintStatus;
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
      /** How each deadline was worked out (the policy recorded with the event that set it): the deadlines list shows it. */
      registrationDeadline?: DeadlineExplanation;
      acknowledgementDueAt?: IsoDateTime;
      acknowledgementDeadline?: DeadlineExplanation;
      /** The earliest acknowledgement contact. */
      acknowledgedAt?: IsoDateTime;
      contacts: Contact[];
      registration?: {
        registerNumber: string;
        registeredAt: IsoDateTime;
        category: string;
        categoryCatalogueVersion: string;
        severity: Severity;
      };
      responsibleOfficer?: string;
      answerDueAt?: IsoDateTime;
      answerDeadline?: DeadlineExplanation;
      /** Waiting on the complainant since: the answer clock stands still (issue 14). */
      awaitingComplainant?: { since: IsoDateTime; requestedBy: string };
      /** The first answer date promised at registration; extensions and reopenings never move it. */
      firstAnswerDueAt?: IsoDateTime;
      investigation?: Investigation;
      answer?: Answer;
      followUpDueAt?: IsoDateTime;
      followUpDeadline?: DeadlineExplanation;
      /** The first answer ever, and the answer deadline in force then: reopenings and extensions never move them. */
      firstAnswer?: { answeredAt: IsoDateTime; answerDueAt?: IsoDateTime };
      /** The conclusions of the latest investigation proper: neither a waiver nor a reopening clears them. */
      latestConclusions?: { verdict: Verdict; rootCause: string; responsibleParty: ResponsibleParty; rootCauseCode?: string };
      /** How long the answer clock stood still, over every wait on the complainant (set when the first wait ends). */
      answerPausedMs?: number;
      compensations: Compensation[];
      followUps: FollowUp[];
      /** The latest follow-up contact of this round (a reopening starts a new round); of two at one moment, the later recorded. */
      latestFollowUp?: FollowUp;
      /** Whether a follow-up after this round's answer came by the follow-up deadline; unset until one could be judged. */
      followUpKept?: boolean;
      closedAt?: IsoDateTime;
      /** How the current round was closed: whether the complainant accepted the outcome, any external referral. */
      closing?: { summary?: string; complainantAcceptedOutcome?: boolean; referral?: Referral };
      /** Set when the case was closed at first contact; a reopening clears it (the case then was not resolved). */
      firstContactResolution?: { resolution: string; resolvedBy: string; resolvedAt: IsoDateTime };
      reopenings: Array<{ reopenedAt: IsoDateTime; reason: string }>;
      withdrawal?: { withdrawnAt: IsoDateTime; reason: string };
      /** Files attached as evidence (absent until the first). */
      evidence?: Evidence[];
      /** When the complainant's personal data was erased on request. */
      personalDataErasedAt?: IsoDateTime;
    };

export type ReceivedComplaint = Exclude<ComplaintState, { status: 'none' }>;

export const initialState = (): ComplaintState => ({ status: 'none' });
