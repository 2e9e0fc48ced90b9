import { DeadlineExplanation } from '../policies/deadlines';
import { Money } from '../shared/money';
import { IsoDateTime } from '../shared/time';
import { AnswerChannel, Channel, CompensationKind, ResponsibleParty, Severity, Verdict } from '../shared/vocabulary';
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
    }
  | { outcome: 'waived'; reason: string; decidedBy: string; decidedAt: IsoDateTime };

export interface Answer {
  channel: AnswerChannel;
  summary: string;
  signedBy: string;
  answeredAt: IsoDateTime;
}

export interface Compensation {
  kind: CompensationKind;
  amount?: Money;
  description: string;
  approvedBy: string;
  grantedAt: IsoDateTime;
}

export interface FollowUp {
  contactedAt: IsoDateTime;
  problemSolved: boolean;
  satisfaction: number;
  comment?: string;
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
      investigation?: Investigation;
      answer?: Answer;
      followUpDueAt?: IsoDateTime;
      compensations: Compensation[];
      followUps: FollowUp[];
      closedAt?: IsoDateTime;
      reopenings: Array<{ reopenedAt: IsoDateTime; reason: string }>;
      withdrawal?: { withdrawnAt: IsoDateTime; reason: string };
      /** Files attached as evidence (absent until the first). */
      evidence?: Evidence[];
      /** When the complainant's personal data was erased on request. */
      personalDataErasedAt?: IsoDateTime;
    };

export type ReceivedComplaint = Exclude<ComplaintState, { status: 'none' }>;

export const initialState = (): ComplaintState => ({ status: 'none' });
