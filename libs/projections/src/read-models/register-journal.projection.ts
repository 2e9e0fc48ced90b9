import { ComplaintEvent, ComplaintReceived, ERASED } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { positionKey, ProjectionDefinition } from '../projection';
import { JournalEntry, REGISTER_JOURNAL } from '../read-models';
import {
  alreadyApplied,
  COMPLAINT_EVENT_TYPES,
  complaintDocumentIds,
  complaintEventOf,
  isNotLaterThan,
  recordedAtOf,
} from './complaint-stream-events';
import { acknowledgementPending, pendingDeadlineKind } from './pending-deadline';

/**
 * The complaint register: one row per complaint, as the case stands now (the same case that
 * `foldComplaint` gives), plus the deadlines and whether each was met. A reopening starts a new
 * round: the investigation, the answer, the closing and the follow-up of the round before stay in
 * the stream, not in the row.
 */
export const registerJournalProjection: ProjectionDefinition<JournalEntry> = {
  name: REGISTER_JOURNAL,
  // 3: who registered and closed, the reopening reasons, the investigation's code, product, lot and sources (issue 14).
  // 4: waiting on the complainant (issue 14, calendar).
  version: 4,
  indexes: [
    { keys: { registerNumber: 1 } },
    { keys: { receivedAt: 1 } },
    { keys: { category: 1, receivedAt: 1 } },
    { keys: { status: 1 } },
    { keys: { responsibleOfficer: 1 } },
    { keys: { verdict: 1 } },
    { keys: { nextDueAt: 1 } },
    // `q`: the embedded store finds substrings through FTS5 trigrams; MongoDB keeps a text index (docs/read-side.md).
    { keys: { searchText: 'text' } },
  ],
  eventTypes: COMPLAINT_EVENT_TYPES,
  documentIds: complaintDocumentIds,
  evolve: (entry, recorded) => {
    const event = complaintEventOf(recorded);
    if (!event || alreadyApplied(entry, recorded)) return entry;
    if (event.type === 'ComplaintReceived') return entry ?? finish(received(event), recorded, null);
    if (!entry) return null; // nothing comes before the receipt in a valid stream
    return finish(withWhoActed(evolveEntry(entry, event), event, recorded), recorded, entry);
  },
};

const received = ({ data }: ComplaintReceived): JournalEntry => ({
  _id: data.complaintId,
  _position: '',
  complaintId: data.complaintId,
  registerNumber: null,
  status: 'received',
  channel: data.channel,
  receivedAt: data.receivedAt,
  takenBy: data.takenBy,
  registeredAt: null,
  complainantName: data.complainant.name,
  complainantKind: data.complainant.kind,
  complainantEmail: data.complainant.email ?? null,
  complainantPhone: data.complainant.phone ?? null,
  complainantPostalAddress: data.complainant.postalAddress ?? null,
  productOrService: data.subject.productOrService,
  sku: data.subject.sku ?? null,
  lotNumber: data.subject.lotNumber ?? null,
  serialNumber: data.subject.serialNumber ?? null,
  orderReference: data.subject.orderReference ?? null,
  category: null,
  categoryCatalogueVersion: null,
  severity: null,
  description: data.description,
  desiredRemedy: data.desiredRemedy ?? null,
  documents: [...data.documents],
  primaryResponse: data.primaryResponse,
  resolvedOnTheSpot: data.resolvedOnTheSpot,
  responsibleOfficer: null,
  registrationDueAt: data.registrationDueAt,
  registrationMet: null,
  acknowledgementDueAt: data.acknowledgementDueAt ?? null,
  acknowledgedAt: null,
  acknowledgementMet: null,
  answerDueAt: null,
  answerMet: null,
  followUpDueAt: null,
  followUpMet: null,
  awaitingComplainantSince: null,
  answerPausedMs: 0,
  firstAnswerDueAt: null,
  firstPromiseKept: null,
  nextDeadlineKind: null,
  nextDueAt: null,
  ...NO_INVESTIGATION,
  ...NO_ANSWER,
  compensations: [],
  compensationTotals: [],
  ...NO_FOLLOW_UP,
  closedAt: null,
  ...NOT_CLOSED,
  withdrawnAt: null,
  withdrawalReason: null,
  reopenedCount: 0,
  resolvedAtFirstContact: false,
  registeredBy: null,
  closedBy: null,
  reopeningReasons: [],
  searchText: '',
  revision: 0,
  lastEventAt: '',
});

const NO_INVESTIGATION = {
  investigationOutcome: null,
  verdict: null,
  findings: null,
  rootCause: null,
  responsibleParty: null,
  correctiveAction: null,
  investigationWaivedReason: null,
  investigatedBy: null,
  investigatedAt: null,
  rootCauseCode: null,
  rootCauseTaxonomyVersion: null,
  investigationProductReference: null,
  investigationLotNumber: null,
  factSources: null,
} as const satisfies Partial<JournalEntry>;

/** No follow-up in this round: a reopening owes the customer a new one (issue 14). */
const NO_FOLLOW_UP = {
  followUpContactedAt: null,
  problemSolved: null,
  satisfaction: null,
  followUpComment: null,
} as const satisfies Partial<JournalEntry>;

const NOT_CLOSED = {
  closingSummary: null,
  complainantAcceptedOutcome: null,
  referralBody: null,
  referralName: null,
  referralReference: null,
} as const satisfies Partial<JournalEntry>;

const NO_ANSWER = {
  answeredAt: null,
  answerChannel: null,
  answerSummary: null,
  answerSignedBy: null,
  answerSignatureMeaning: null,
  answerSignedAt: null,
} as const satisfies Partial<JournalEntry>;

const evolveEntry = (entry: JournalEntry, event: Exclude<ComplaintEvent, ComplaintReceived>): JournalEntry => {
  switch (event.type) {
    case 'ComplaintRegistered': {
      const { data } = event;
      return {
        ...entry,
        status: 'registered',
        registerNumber: data.registerNumber,
        registeredAt: data.registeredAt,
        registrationMet: isNotLaterThan(data.registeredAt, entry.registrationDueAt),
        category: data.category,
        categoryCatalogueVersion: data.categoryCatalogueVersion,
        severity: data.severity,
        responsibleOfficer: data.responsibleOfficer,
        answerDueAt: data.answerDueAt,
        firstAnswerDueAt: data.answerDueAt,
      };
    }
    case 'ComplaintInvestigated': {
      const { data } = event;
      return {
        ...entry,
        ...NO_INVESTIGATION,
        status: 'investigated',
        investigationOutcome: 'investigated',
        verdict: data.verdict,
        findings: data.findings,
        rootCause: data.rootCause,
        responsibleParty: data.responsibleParty,
        correctiveAction: data.correctiveAction ?? null,
        investigatedBy: data.investigatedBy,
        investigatedAt: data.investigatedAt,
        rootCauseCode: data.rootCauseCode ?? null,
        rootCauseTaxonomyVersion: data.rootCauseTaxonomyVersion ?? null,
        investigationProductReference: data.productReference ?? null,
        investigationLotNumber: data.lotNumber ?? null,
        factSources: data.sources ? data.sources.map((source) => ({ ...source })) : [],
      };
    }
    case 'InvestigationWaived': {
      const { data } = event;
      return {
        ...entry,
        ...NO_INVESTIGATION,
        status: 'investigated',
        investigationOutcome: 'waived',
        investigationWaivedReason: data.reason,
        investigatedBy: data.decidedBy,
        investigatedAt: data.decidedAt,
      };
    }
    case 'ComplaintAnswered': {
      const { data } = event;
      return {
        ...entry,
        status: 'answered',
        answeredAt: data.answeredAt,
        answerChannel: data.channel,
        answerSummary: data.summary,
        answerSignedBy: data.signedBy,
        answerSignatureMeaning: data.signature?.meaning ?? null,
        answerSignedAt: data.signature?.signedAt ?? null,
        answerMet: entry.answerDueAt === null ? null : isNotLaterThan(data.answeredAt, entry.answerDueAt),
        firstPromiseKept:
          entry.firstPromiseKept ?? (entry.firstAnswerDueAt === null ? null : isNotLaterThan(data.answeredAt, entry.firstAnswerDueAt)),
        followUpDueAt: data.followUpDueAt,
        followUpMet: null,
      };
    }
    case 'ComplaintCompensated': {
      const { data } = event;
      const compensations = [
        ...entry.compensations,
        {
          kind: data.kind,
          amountMinor: data.amount?.amountMinor ?? null,
          currency: data.amount?.currency ?? null,
          description: data.description,
          approvedBy: data.approvedBy,
          approvalMeaning: data.approval?.meaning ?? null,
          grantedAt: data.grantedAt,
        },
      ];
      return { ...entry, compensations, compensationTotals: totalsPerCurrency(compensations) };
    }
    case 'FollowUpRecorded': {
      const { data } = event;
      // Follow-ups may be entered out of order: the latest contact is shown, and the deadline is
      // met when any contact (so the earliest) came by it.
      const isLatest = entry.followUpContactedAt === null || isNotLaterThan(entry.followUpContactedAt, data.contactedAt);
      const metNow = entry.followUpDueAt === null ? null : isNotLaterThan(data.contactedAt, entry.followUpDueAt);
      return {
        ...entry,
        status: entry.status === 'closed' ? 'closed' : 'followed-up', // a follow-up after closing does not reopen
        followUpMet: entry.followUpMet === true || metNow,
        ...(isLatest && {
          followUpContactedAt: data.contactedAt,
          problemSolved: data.problemSolved,
          satisfaction: data.satisfaction,
          followUpComment: data.comment ?? null,
        }),
      };
    }
    case 'ComplainantContacted': {
      const { kind, contactedAt } = event.data;
      if (kind !== 'acknowledgement' || (entry.acknowledgedAt !== null && isNotLaterThan(entry.acknowledgedAt, contactedAt))) return { ...entry };
      return {
        ...entry,
        acknowledgedAt: contactedAt,
        acknowledgementMet: entry.acknowledgementDueAt === null ? null : isNotLaterThan(contactedAt, entry.acknowledgementDueAt),
      };
    }
    case 'ComplaintReassigned':
      return { ...entry, responsibleOfficer: event.data.to };
    case 'AnswerDeadlineExtended':
      return { ...entry, answerDueAt: event.data.answerDueAt };
    case 'AwaitingComplainant':
      return { ...entry, awaitingComplainantSince: event.data.awaitingSince };
    case 'ComplainantInformationReceived':
      return {
        ...entry,
        awaitingComplainantSince: null,
        answerDueAt: event.data.answerDueAt,
        answerPausedMs: (entry.answerPausedMs ?? 0) + event.data.pausedMs,
      };
    case 'ComplaintClosed': {
      const { closedAt, summary, complainantAcceptedOutcome, referral } = event.data;
      return {
        ...entry,
        status: 'closed',
        closedAt,
        closingSummary: summary ?? null,
        complainantAcceptedOutcome: complainantAcceptedOutcome ?? null,
        referralBody: referral?.body ?? null,
        referralName: referral?.name ?? null,
        referralReference: referral?.reference ?? null,
      };
    }
    case 'ComplaintResolvedAtFirstContact':
      return { ...entry, status: 'closed', closedAt: event.data.closedAt, resolvedAtFirstContact: true };
    case 'ComplaintReopened':
      return {
        ...entry,
        ...NO_INVESTIGATION,
        ...NO_ANSWER,
        ...NOT_CLOSED,
        ...NO_FOLLOW_UP,
        status: 'reopened',
        closedAt: null,
        answerDueAt: event.data.answerDueAt,
        answerMet: null,
        followUpDueAt: null,
        followUpMet: null,
        reopenedCount: entry.reopenedCount + 1,
        reopeningReasons: [...entry.reopeningReasons, event.data.reason],
        resolvedAtFirstContact: false,
      };
    case 'ComplaintWithdrawn':
      return { ...entry, status: 'withdrawn', withdrawnAt: event.data.withdrawnAt, withdrawalReason: event.data.reason };
    case 'PersonalDataErased':
      return erasedEntry(entry);
    case 'EvidenceAttached':
      return entry;
  }
};

/** The row with every field that holds a sealed value (PERSONAL_DATA) read as erased; the search text follows in `finish`. */
const erasedEntry = (entry: JournalEntry): JournalEntry => {
  const erased = <T>(value: T | null): typeof ERASED | null => (value === null ? null : ERASED);
  return {
    ...entry,
    complainantName: ERASED,
    complainantEmail: erased(entry.complainantEmail),
    complainantPhone: erased(entry.complainantPhone),
    complainantPostalAddress: erased(entry.complainantPostalAddress),
    serialNumber: erased(entry.serialNumber),
    orderReference: erased(entry.orderReference),
    description: ERASED,
    desiredRemedy: erased(entry.desiredRemedy),
    documents: entry.documents.map(() => ERASED),
    primaryResponse: ERASED,
    findings: erased(entry.findings),
    correctiveAction: erased(entry.correctiveAction),
    investigationWaivedReason: erased(entry.investigationWaivedReason),
    answerSummary: erased(entry.answerSummary),
    compensations: entry.compensations.map((compensation) => ({ ...compensation, description: ERASED })),
    followUpComment: erased(entry.followUpComment),
    withdrawalReason: erased(entry.withdrawalReason),
    closingSummary: erased(entry.closingSummary),
    referralReference: erased(entry.referralReference),
    reopeningReasons: entry.reopeningReasons.map(() => ERASED),
    factSources: entry.factSources && entry.factSources.map((source) => ({ ...source, statement: ERASED })),
  };
};

/** Who registered and who closed: the verified principal the application recorded in the event's metadata. */
const withWhoActed = (entry: JournalEntry, event: ComplaintEvent, recorded: RecordedEvent): JournalEntry => {
  const actor = recorded.metadata.actor as { id?: unknown } | undefined;
  const who = typeof actor?.id === 'string' ? actor.id : null;
  switch (event.type) {
    case 'ComplaintRegistered':
      return { ...entry, registeredBy: who };
    case 'ComplaintClosed':
      return { ...entry, closedBy: who };
    case 'ComplaintResolvedAtFirstContact':
      // Closed with the registration, by whoever resolved it at the counter.
      return { ...entry, closedBy: who ?? event.data.resolvedBy };
    case 'ComplaintReopened':
      return { ...entry, closedBy: null };
    default:
      return entry;
  }
};

/**
 * What every event refreshes: the next deadline, the search text and where the row stands in the stream.
 * `entry` is the fresh row `received`/`evolveEntry` just made from `before`, so it is completed in place:
 * a second copy of ~60 fields per event is a rebuild's largest avoidable cost.
 */
const finish = (entry: JournalEntry, recorded: RecordedEvent, before: JournalEntry | null): JournalEntry => {
  const stepKind = pendingDeadlineKind(entry.status);
  const dueAt = {
    acknowledgement: entry.acknowledgementDueAt,
    registration: entry.registrationDueAt,
    answer: entry.answerDueAt,
    'follow-up': entry.followUpDueAt,
  } as const;
  // Waiting on the complainant, the answer clock stands still: nothing is due, nothing overdue (issue 14).
  const stepDueAt = stepKind && !(stepKind === 'answer' && entry.awaitingComplainantSince) && dueAt[stepKind];
  // The acknowledgement is next when it is owed and due before the step (on a tie, the step is shown).
  const acknowledgementFirst =
    acknowledgementPending(entry.status, entry.acknowledgedAt) &&
    entry.reopenedCount === 0 && // owed once: the first answer (or the closing) made it moot for good
    entry.acknowledgementDueAt !== null &&
    (!stepDueAt || Date.parse(entry.acknowledgementDueAt) < Date.parse(stepDueAt));
  const nextDeadlineKind = acknowledgementFirst ? 'acknowledgement' : stepKind;
  const nextDueAt = acknowledgementFirst ? entry.acknowledgementDueAt : stepDueAt;
  return Object.assign(entry, {
    nextDeadlineKind: nextDueAt ? nextDeadlineKind : null,
    nextDueAt: nextDueAt || null,
    // Most events change none of the searched fields: the text (a large string) is then the one before.
    searchText: before && SEARCHED_FIELDS.every((field) => entry[field] === before[field]) ? before.searchText : searchTextOf(entry),
    revision: Number(recorded.revision),
    lastEventAt: recordedAtOf(recorded),
    _position: positionKey(recorded.position),
  });
};

/** The fields a text search (`q`) looks in. */
const SEARCHED_FIELDS = [
  'registerNumber',
  'complainantName',
  'productOrService',
  'sku',
  'lotNumber',
  'serialNumber',
  'orderReference',
  'description',
  'desiredRemedy',
  'findings',
  'rootCause',
] as const satisfies ReadonlyArray<keyof JournalEntry>;

const searchTextOf = (entry: JournalEntry): string =>
  SEARCHED_FIELDS.map((field) => entry[field])
    .filter((text): text is string => Boolean(text))
    .join(' ')
    .toLowerCase();

export const totalsPerCurrency = (
  compensations: ReadonlyArray<{ amountMinor: number | null; currency: string | null }>,
): JournalEntry['compensationTotals'] => {
  const totals = new Map<string, number>();
  for (const { amountMinor, currency } of compensations)
    if (currency !== null && amountMinor !== null) totals.set(currency, (totals.get(currency) ?? 0) + amountMinor);
  return [...totals.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, amountMinor]) => ({ currency, amountMinor }));
};
