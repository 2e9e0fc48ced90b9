import { isComplaintEvent } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { CaseProjection } from '../projection';
import { ComplaintFacts, STATISTICS } from '../read-models';
import { COMPLAINT_EVENT_TYPES, complaintDocumentIds, isNotLaterThan } from '../read-models/complaint-stream-events';
import { foldCases, FoldedCase } from '../read-models/folded-case';

/**
 * The facts statistics need, one document per complaint; `summarizeStatistics` aggregates them.
 * `factsFromStream` gives the same document straight from a stream, for reports without any read model.
 */
export const statisticsProjection: CaseProjection<ComplaintFacts> = {
  name: STATISTICS,
  // 3: channel, product, officer, root-cause code, closing and acknowledgement (issue 14).
  version: 3,
  indexes: [{ keys: { receivedAt: 1 } }, { keys: { category: 1, receivedAt: 1 } }, { keys: { closedAt: 1 } }],
  eventTypes: COMPLAINT_EVENT_TYPES,
  documentIds: complaintDocumentIds,
  row: (folded) => statisticsRow(folded),
};

/** A complaint's category until it is registered. */
export const UNCATEGORISED = 'uncategorised';

/** A complaint's statistics facts from its folded case. Null for a complaint never received. */
export const statisticsRow = ({ state, position }: FoldedCase): ComplaintFacts | null => {
  if (state.status === 'none') return null;
  const { registration, firstAnswer, latestConclusions, followUps } = state;
  // The latest contact of any round; of two at the same moment, the one recorded later.
  const latestFollowUp = followUps.reduce<(typeof followUps)[number] | undefined>(
    (latest, followUp) => (!latest || Date.parse(followUp.contactedAt) >= Date.parse(latest.contactedAt) ? followUp : latest),
    undefined,
  );
  // The deadline in force at the first answer; until then, the one in force now.
  const answerDueAt = firstAnswer ? firstAnswer.answerDueAt : state.answerDueAt;
  const closedAt = state.status === 'closed' ? state.closedAt : undefined;
  return {
    _id: state.complaintId,
    _position: position,
    complaintId: state.complaintId,
    receivedAt: state.receivedAt,
    category: registration?.category ?? UNCATEGORISED,
    registeredAt: registration?.registeredAt ?? null,
    hoursToRegister: registration ? hoursBetween(state.receivedAt, registration.registeredAt) : null,
    answeredAt: firstAnswer?.answeredAt ?? null,
    hoursToAnswer: firstAnswer ? hoursBetween(state.receivedAt, firstAnswer.answeredAt) : null,
    answerDueAt: answerDueAt ?? null,
    answeredOnTime: firstAnswer && firstAnswer.answerDueAt ? isNotLaterThan(firstAnswer.answeredAt, firstAnswer.answerDueAt) : null,
    firstAnswerDueAt: state.firstAnswerDueAt ?? null,
    firstPromiseKept: firstAnswer && state.firstAnswerDueAt ? isNotLaterThan(firstAnswer.answeredAt, state.firstAnswerDueAt) : null,
    resolvedAtFirstContact: state.firstContactResolution !== undefined,
    verdict: latestConclusions?.verdict ?? null,
    rootCause: latestConclusions?.rootCause ?? null,
    responsibleParty: latestConclusions?.responsibleParty ?? null,
    compensations: state.compensations.map(({ kind, amount }) => ({ kind, currency: amount?.currency ?? null, amountMinor: amount?.amountMinor ?? null })),
    followedUpAt: latestFollowUp?.contactedAt ?? null,
    satisfaction: latestFollowUp?.satisfaction ?? null,
    problemSolved: latestFollowUp?.problemSolved ?? null,
    channel: state.channel,
    product: state.subject.productOrService,
    responsibleOfficer: state.responsibleOfficer ?? null,
    rootCauseCode: latestConclusions?.rootCauseCode ?? null,
    closedAt: closedAt ?? null,
    hoursToClose: closedAt ? hoursBetween(state.receivedAt, closedAt) : null,
    acknowledgementDueAt: state.acknowledgementDueAt ?? null,
    acknowledgedAt: state.acknowledgedAt ?? null,
    acknowledgedOnTime: state.acknowledgedAt && state.acknowledgementDueAt ? isNotLaterThan(state.acknowledgedAt, state.acknowledgementDueAt) : null,
  };
};

/** The facts of one complaint stream as read from the event store, without any read model: how the CLI computes reports. */
export const factsFromStream = (stream: readonly RecordedEvent[]): ComplaintFacts | null => {
  const [folded] = foldCases(stream.filter(isComplaintEvent)).values();
  return folded ? statisticsRow(folded) : null;
};

const HUNDREDTH_OF_AN_HOUR_MS = 36_000;

/** Decimal hours between two instants, rounded to two places (to the hundredth of an hour, 36 s). */
const hoursBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / HUNDREDTH_OF_AN_HOUR_MS) / 100;
