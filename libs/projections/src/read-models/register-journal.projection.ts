import { CaseProjection } from '../projection';
import { JournalEntry, REGISTER_JOURNAL } from '../read-models';
import { COMPLAINT_EVENT_TYPES, complaintDocumentIds, isNotLaterThan } from './complaint-stream-events';
import { FoldedCase } from './folded-case';
import { acknowledgementPending, pendingDeadlineKind } from './pending-deadline';

/**
 * The complaint register: one row per complaint, as the case stands now (the same case that
 * `foldComplaint` gives), plus the deadlines and whether each was met. A reopening starts a new
 * round: the investigation, the answer, the closing and the follow-up of the round before stay in
 * the stream, not in the row.
 */
export const registerJournalProjection: CaseProjection<JournalEntry> = {
  name: REGISTER_JOURNAL,
  // 3: who registered and closed, the reopening reasons, the investigation's code, product, lot and sources (issue 14).
  // 4: waiting on the complainant (issue 14, calendar).
  version: 4,
  indexes: [
    { keys: { registerNumber: 1 } },
    { keys: { receivedAt: 1 } },
    { keys: { category: 1, receivedAt: 1 } },
    // A status in the order of receipt: the journal of one status, a word among them (ADR 0024).
    { keys: { status: 1, receivedAt: 1 } },
    { keys: { responsibleOfficer: 1 } },
    { keys: { verdict: 1 } },
    { keys: { nextDueAt: 1 } },
    // `q`: the embedded store finds substrings through FTS5 trigrams; MongoDB keeps a text index (docs/read-side.md).
    { keys: { searchText: 'text' } },
  ],
  eventTypes: COMPLAINT_EVENT_TYPES,
  documentIds: complaintDocumentIds,
  row: (folded) => journalRow(folded),
};

/** The register's row of a case, as the domain folds it. */
export const journalRow = ({ state, revision, position, lastEventAt, registeredBy, closedBy }: FoldedCase): JournalEntry | null => {
  if (state.status === 'none') return null;
  const { complainant, subject, registration, investigation, answer, closing, latestFollowUp } = state;
  const investigated = investigation?.outcome === 'investigated' ? investigation : undefined;
  const waived = investigation?.outcome === 'waived' ? investigation : undefined;
  const compensations = state.compensations.map((compensation) => ({
    kind: compensation.kind,
    amountMinor: compensation.amount?.amountMinor ?? null,
    currency: compensation.amount?.currency ?? null,
    description: compensation.description,
    approvedBy: compensation.approvedBy,
    approvalMeaning: compensation.approval?.meaning ?? null,
    grantedAt: compensation.grantedAt,
  }));
  const entry: JournalEntry = {
    _id: state.complaintId,
    _position: position,
    complaintId: state.complaintId,
    registerNumber: registration?.registerNumber ?? null,
    status: state.status,
    channel: state.channel,
    receivedAt: state.receivedAt,
    takenBy: state.takenBy,
    registeredAt: registration?.registeredAt ?? null,
    complainantName: complainant.name,
    complainantKind: complainant.kind,
    complainantEmail: complainant.email ?? null,
    complainantPhone: complainant.phone ?? null,
    complainantPostalAddress: complainant.postalAddress ?? null,
    productOrService: subject.productOrService,
    sku: subject.sku ?? null,
    lotNumber: subject.lotNumber ?? null,
    serialNumber: subject.serialNumber ?? null,
    orderReference: subject.orderReference ?? null,
    category: registration?.category ?? null,
    categoryCatalogueVersion: registration?.categoryCatalogueVersion ?? null,
    severity: registration?.severity ?? null,
    description: state.description,
    desiredRemedy: state.desiredRemedy ?? null,
    documents: state.documents,
    primaryResponse: state.primaryResponse,
    resolvedOnTheSpot: state.resolvedOnTheSpot,
    responsibleOfficer: state.responsibleOfficer ?? null,
    registrationDueAt: state.registrationDueAt,
    registrationMet: registration ? isNotLaterThan(registration.registeredAt, state.registrationDueAt) : null,
    acknowledgementDueAt: state.acknowledgementDueAt ?? null,
    acknowledgedAt: state.acknowledgedAt ?? null,
    acknowledgementMet: state.acknowledgedAt && state.acknowledgementDueAt ? isNotLaterThan(state.acknowledgedAt, state.acknowledgementDueAt) : null,
    answerDueAt: state.answerDueAt ?? null,
    // Judged against the deadline in force at the answer: it cannot move once answered.
    answerMet: answer && state.answerDueAt ? isNotLaterThan(answer.answeredAt, state.answerDueAt) : null,
    followUpDueAt: state.followUpDueAt ?? null,
    followUpMet: state.followUpKept ?? null,
    awaitingComplainantSince: state.awaitingComplainant?.since ?? null,
    answerPausedMs: state.answerPausedMs ?? 0,
    firstAnswerDueAt: state.firstAnswerDueAt ?? null,
    firstPromiseKept: state.firstAnswer && state.firstAnswerDueAt ? isNotLaterThan(state.firstAnswer.answeredAt, state.firstAnswerDueAt) : null,
    nextDeadlineKind: null,
    nextDueAt: null,
    investigationOutcome: investigation?.outcome ?? null,
    verdict: investigated?.verdict ?? null,
    findings: investigated?.findings ?? null,
    rootCause: investigated?.rootCause ?? null,
    responsibleParty: investigated?.responsibleParty ?? null,
    correctiveAction: investigated?.correctiveAction ?? null,
    investigationWaivedReason: waived?.reason ?? null,
    investigatedBy: investigated?.investigatedBy ?? waived?.decidedBy ?? null,
    investigatedAt: investigated?.investigatedAt ?? waived?.decidedAt ?? null,
    answeredAt: answer?.answeredAt ?? null,
    answerChannel: answer?.channel ?? null,
    answerSummary: answer?.summary ?? null,
    answerSignedBy: answer?.signedBy ?? null,
    answerSignatureMeaning: answer?.signature?.meaning ?? null,
    answerSignedAt: answer?.signature?.signedAt ?? null,
    compensations,
    compensationTotals: totalsPerCurrency(compensations),
    followUpContactedAt: latestFollowUp?.contactedAt ?? null,
    problemSolved: latestFollowUp?.problemSolved ?? null,
    satisfaction: latestFollowUp?.satisfaction ?? null,
    followUpComment: latestFollowUp?.comment ?? null,
    closedAt: state.closedAt ?? null,
    closingSummary: closing?.summary ?? null,
    complainantAcceptedOutcome: closing?.complainantAcceptedOutcome ?? null,
    referralBody: closing?.referral?.body ?? null,
    referralName: closing?.referral?.name ?? null,
    referralReference: closing?.referral?.reference ?? null,
    withdrawnAt: state.withdrawal?.withdrawnAt ?? null,
    withdrawalReason: state.withdrawal?.reason ?? null,
    reopenedCount: state.reopenings.length,
    resolvedAtFirstContact: state.firstContactResolution !== undefined,
    registeredBy,
    closedBy,
    reopeningReasons: state.reopenings.map((reopening) => reopening.reason),
    rootCauseCode: investigated?.rootCauseCode ?? null,
    rootCauseTaxonomyVersion: investigated?.rootCauseTaxonomyVersion ?? null,
    investigationProductReference: investigated?.productReference ?? null,
    investigationLotNumber: investigated?.lotNumber ?? null,
    factSources: investigated ? (investigated.sources ?? []) : null,
    searchText: '',
    revision,
    lastEventAt,
  };
  entry.searchText = searchTextOf(entry);
  return Object.assign(entry, nextDeadline(entry));
};

/** The next deadline of an open case, for the overdue list: the step's, or the acknowledgement when owed and due earlier. */
const nextDeadline = (entry: JournalEntry): Pick<JournalEntry, 'nextDeadlineKind' | 'nextDueAt'> => {
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
  return { nextDeadlineKind: nextDueAt ? nextDeadlineKind : null, nextDueAt: nextDueAt || null };
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
