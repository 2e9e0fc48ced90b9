import { Channel, ComplaintStatus, DeadlineExplanation, FactSource, ResponsibleParty, Severity, Verdict } from '@app/domain';
import { Projected } from './projection';

// The shapes of the read models. Field names are the register's words (docs/complaint-lifecycle.md); they are also
// the stable column names of the journal export.

export const REGISTER_JOURNAL = 'register_journal';
export const DEADLINES = 'deadlines';
export const STATISTICS = 'statistics';

export type DeadlineKind = 'acknowledgement' | 'registration' | 'answer' | 'follow-up';

/** One row per complaint: everything an auditor expects of a complaint register (ISO 10002, FDA 21 CFR 820.198). */
export interface JournalEntry extends Projected {
  _id: string;
  complaintId: string;
  registerNumber: string | null;
  status: ComplaintStatus;
  channel: Channel;
  receivedAt: string;
  takenBy: string;
  registeredAt: string | null;
  complainantName: string;
  complainantKind: 'person' | 'organisation';
  complainantEmail: string | null;
  complainantPhone: string | null;
  complainantPostalAddress: string | null;
  productOrService: string;
  sku: string | null;
  lotNumber: string | null;
  serialNumber: string | null;
  orderReference: string | null;
  category: string | null;
  categoryCatalogueVersion: string | null;
  severity: Severity | null;
  description: string;
  desiredRemedy: string | null;
  documents: string[];
  primaryResponse: string;
  resolvedOnTheSpot: boolean;
  responsibleOfficer: string | null;
  registrationDueAt: string;
  /** null while it can still be met; true/false once the step happened. */
  registrationMet: boolean | null;
  /** When the complainant was to be acknowledged by (ISO 10002 8.4), when they were first, and whether in time. */
  acknowledgementDueAt: string | null;
  acknowledgedAt: string | null;
  acknowledgementMet: boolean | null;
  answerDueAt: string | null;
  /** Judged at the answer against the deadline then in force; a reopening owes a new answer and resets it. */
  answerMet: boolean | null;
  followUpDueAt: string | null;
  /** Whether the earliest follow-up contact after the current answer came by its deadline. */
  followUpMet: boolean | null;
  /** Waiting on the complainant since then (the answer clock stands still), and the time it stood still so far (issue 14). */
  awaitingComplainantSince: string | null;
  answerPausedMs: number;
  /** The answer date first promised, at registration: extensions cannot move it (issue 14). */
  firstAnswerDueAt: string | null;
  /** Whether the first answer came by the first promise; judged once, a reopening keeps it. */
  firstPromiseKept: boolean | null;
  /** The next deadline of an open complaint, for the overdue list; null when none is pending. */
  nextDeadlineKind: DeadlineKind | null;
  nextDueAt: string | null;
  investigationOutcome: 'investigated' | 'waived' | null;
  verdict: Verdict | null;
  findings: string | null;
  rootCause: string | null;
  responsibleParty: ResponsibleParty | null;
  correctiveAction: string | null;
  investigationWaivedReason: string | null;
  /** Who investigated and when; for a waived investigation, who decided not to investigate and when (FDA 21 CFR 820.198). */
  investigatedBy: string | null;
  investigatedAt: string | null;
  answeredAt: string | null;
  answerChannel: string | null;
  answerSummary: string | null;
  answerSignedBy: string | null;
  /** What the answer's signature means and when it was given (21 CFR Part 11 §11.50); null before signatures carried them. */
  answerSignatureMeaning: string | null;
  answerSignedAt: string | null;
  compensations: Array<{
    kind: string;
    amountMinor: number | null;
    currency: string | null;
    description: string;
    approvedBy: string;
    /** The approver's signature meaning ('approval'); null for grants recorded before signatures carried it. */
    approvalMeaning: string | null;
    grantedAt: string;
  }>;
  /** Total granted per currency, in minor units. */
  compensationTotals: Array<{ currency: string; amountMinor: number }>;
  followUpContactedAt: string | null;
  problemSolved: boolean | null;
  satisfaction: number | null;
  followUpComment: string | null;
  closedAt: string | null;
  /** How the current round was closed (issue 14): the summary, whether the complainant accepted the outcome, an external referral. */
  closingSummary: string | null;
  complainantAcceptedOutcome: boolean | null;
  referralBody: string | null;
  referralName: string | null;
  referralReference: string | null;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  reopenedCount: number;
  /** Closed at first contact with the primary response as its resolution (seed 000); a reopening clears it. */
  resolvedAtFirstContact: boolean;
  /** Who registered the complaint and who closed the current round (the verified principal of the event's metadata). */
  registeredBy: string | null;
  closedBy: string | null;
  /** The reason of every reopening, oldest first (sealed free text: erased with the case). */
  reopeningReasons: string[];
  /** Of the current investigation (issue 14): the root-cause code and its taxonomy's version, the product and lot concerned, the sources of the facts. */
  rootCauseCode: string | null;
  rootCauseTaxonomyVersion: string | null;
  investigationProductReference: string | null;
  investigationLotNumber: string | null;
  factSources: FactSource[] | null;
  /** Lower-cased text of the case for word search (register number, names, product, description, findings). */
  searchText: string;
  /** The complaint stream's revision and the time of its last event. */
  revision: number;
  lastEventAt: string;
}

/** One document per complaint not withdrawn: its pending deadline, explained by the policy recorded with it. */
export interface DeadlineEntry extends Projected {
  _id: string;
  complaintId: string;
  registerNumber: string | null;
  status: ComplaintStatus;
  category: string | null;
  responsibleOfficer: string | null;
  receivedAt: string | null;
  /** The earliest pending deadline; all three null while nothing is pending (followed up, closed). */
  kind: DeadlineKind | null;
  dueAt: string | null;
  explanation: DeadlineExplanation | null;
  /** The acknowledgement still owed (until the first acknowledgement or the answer), beside the step's deadline. */
  acknowledgement: { dueAt: string; explanation: DeadlineExplanation } | null;
  /** The deadline of the case's next step (registration, answer, follow-up), shown unless the acknowledgement is due earlier. */
  step: { kind: Exclude<DeadlineKind, 'acknowledgement'>; dueAt: string; explanation: DeadlineExplanation } | null;
  /** Waiting on the complainant since then: the answer clock stands still, no answer deadline is shown (issue 14). */
  awaitingComplainantSince?: string | null;
}

/**
 * The facts statistics need, one document per complaint (exact medians and percentiles need the
 * raw durations; per-complaint documents keep replays idempotent). Reports aggregate them by
 * period (of receipt) and category.
 */
export interface ComplaintFacts extends Projected {
  _id: string;
  complaintId: string;
  receivedAt: string;
  /** 'uncategorised' until registered. */
  category: string;
  registeredAt: string | null;
  hoursToRegister: number | null;
  /** The first answer: how quickly the complaint as received was answered (a reopening does not move it). */
  answeredAt: string | null;
  hoursToAnswer: number | null;
  /** The answer deadline in force at the first answer; until then, the one in force now. */
  answerDueAt: string | null;
  answeredOnTime: boolean | null;
  /** The answer date first promised, at registration, and whether the first answer kept it (issue 14). */
  firstAnswerDueAt: string | null;
  firstPromiseKept: boolean | null;
  /** Closed at first contact, and not reopened since: the first-contact resolution KPI. */
  resolvedAtFirstContact: boolean;
  /** Of the latest investigation; a waiver does not replace an earlier investigation's findings. */
  verdict: Verdict | null;
  rootCause: string | null;
  responsibleParty: ResponsibleParty | null;
  compensations: Array<{ kind: string; currency: string | null; amountMinor: number | null }>;
  /** The latest follow-up contact, and what the customer said then. */
  followedUpAt: string | null;
  satisfaction: number | null;
  problemSolved: boolean | null;
  /** Issue 14, for the breakdowns: how it came in, the product or service it is about, the officer now responsible, the latest investigation's root-cause code. */
  channel: Channel;
  product: string;
  responsibleOfficer: string | null;
  rootCauseCode: string | null;
  /** When the current round was closed (null while open, reopened or withdrawn), and how long after receipt. */
  closedAt: string | null;
  hoursToClose: number | null;
  /** The acknowledgement deadline, the earliest acknowledgement, and whether it came by the deadline (null until acknowledged). */
  acknowledgementDueAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedOnTime: boolean | null;
}

export type StatisticsGrouping = 'day' | 'month' | 'year';

/** What the rows of a report are broken down by, beside the period (issue 14). */
export const STATISTICS_BREAKDOWNS = ['category', 'product', 'channel', 'responsibleOfficer', 'rootCauseCode'] as const;
export type StatisticsBreakdown = (typeof STATISTICS_BREAKDOWNS)[number];

/** Which date puts a complaint in a period (and in `from`/`to`): its receipt, or its closing (then only closed ones count). */
export const STATISTICS_BASES = ['received', 'closed'] as const;
export type StatisticsBasis = (typeof STATISTICS_BASES)[number];

/** The breakdown value of complaints that have none (no officer yet, no root-cause code recorded). */
export const NOT_RECORDED = '(none)';

export interface StatisticsRow {
  period: string;
  /** The category, when the report is broken down by category (the default); `*` otherwise. */
  category: string;
  /** What the row groups, beside the period: `{ by: 'category', value: 'delivery' }`, `{ by: 'product', value: 'Kettle' }`… */
  breakdown: { by: StatisticsBreakdown; value: string };
  received: number;
  registered: number;
  answered: number;
  answeredOnTime: number;
  /** Answered by the date first promised at registration, whatever the extensions. */
  firstPromiseKept: number;
  /** Closed at first contact (not reopened), and their share of those received: the first-contact resolution rate. */
  resolvedAtFirstContact: number;
  firstContactResolutionRate: number | null;
  hoursToRegister: { median: number | null; p90: number | null };
  hoursToAnswer: { median: number | null; p90: number | null };
  /** Of these complaints, how many are closed now, and how long from receipt to closing (issue 14). */
  closed: number;
  hoursToClose: { median: number | null; p90: number | null };
  /** Acknowledged by the acknowledgement deadline, or after it; the rate is of those acknowledged (pending ones show in the deadlines list). */
  acknowledgedOnTime: number;
  acknowledgedLate: number;
  acknowledgementOnTimeRate: number | null;
  /** firstPromiseKept as a share of those answered that had a first promise. */
  firstPromiseKeptRate: number | null;
  verdicts: { founded: number; partlyFounded: number; unfounded: number };
  /** Totals per currency and kind, in minor units; `count` includes non-monetary compensations. */
  compensation: Array<{ currency: string | null; kind: string; count: number; amountMinor: number }>;
  satisfaction: { responses: number; average: number | null; shareSolved: number | null };
  rootCauses: Array<{ value: string; count: number }>;
  responsibleParties: Array<{ value: string; count: number }>;
}
