import { ComplaintEvent, ComplaintState, evolve, foldComplaint, initialState, Investigation, isComplaintEvent } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { positionKey } from '../projection';
import { ComplaintFacts } from '../read-models';
import { compensationFact, hoursBetween, UNCATEGORISED } from './facts';

// The second way to a complaint's statistics facts: from the case as the domain folds it, without
// any read model. A CLI computes reports this way straight from the events; a test proves it
// agrees with the statistics projection.

/**
 * What the folded case no longer says but statistics need: a reopening clears the answer and the
 * investigation, and extensions and reopenings replace the answer deadline.
 */
export interface EarlierRounds {
  /** The first answer and the answer deadline in force at that moment. */
  firstAnswer?: { answeredAt: string; answerDueAt?: string };
  /** The latest investigation proper (a waiver does not replace its findings). */
  latestInvestigation?: Extract<Investigation, { outcome: 'investigated' }>;
}

/** Replays the events with the domain's evolve, noting the case as it stood at each answer and investigation. */
export const earlierRounds = (events: Iterable<ComplaintEvent>): EarlierRounds => {
  const rounds: EarlierRounds = {};
  let state = initialState();
  for (const event of events) {
    const before = state;
    state = evolve(state, event);
    if (state.status === 'none') continue;
    if (event.type === 'ComplaintAnswered' && !rounds.firstAnswer && before.status !== 'none')
      rounds.firstAnswer = { answeredAt: event.data.answeredAt, answerDueAt: before.answerDueAt };
    if (event.type === 'ComplaintInvestigated' && state.investigation?.outcome === 'investigated')
      rounds.latestInvestigation = state.investigation;
  }
  return rounds;
};

/**
 * A complaint's statistics facts from its folded case (`foldComplaint`) and what the fold forgets
 * (`earlierRounds` of the same events). `position` is the `_position` the projection would give:
 * the position key of the stream's last event. Null for a complaint never received.
 */
export const factsFromCase = (state: ComplaintState, rounds: EarlierRounds, position: string): ComplaintFacts | null => {
  if (state.status === 'none') return null;
  const { registration, compensations, followUps } = state;
  const { firstAnswer, latestInvestigation } = rounds;
  // The latest contact; of two at the same moment, the one recorded later.
  const latestFollowUp = followUps.reduce<(typeof followUps)[number] | undefined>(
    (latest, followUp) => (!latest || Date.parse(followUp.contactedAt) >= Date.parse(latest.contactedAt) ? followUp : latest),
    undefined,
  );
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
    answeredOnTime:
      firstAnswer && firstAnswer.answerDueAt ? Date.parse(firstAnswer.answeredAt) <= Date.parse(firstAnswer.answerDueAt) : null,
    firstAnswerDueAt: state.firstAnswerDueAt ?? null,
    firstPromiseKept:
      firstAnswer && state.firstAnswerDueAt ? Date.parse(firstAnswer.answeredAt) <= Date.parse(state.firstAnswerDueAt) : null,
    resolvedAtFirstContact: state.firstContactResolution !== undefined,
    verdict: latestInvestigation?.verdict ?? null,
    rootCause: latestInvestigation?.rootCause ?? null,
    responsibleParty: latestInvestigation?.responsibleParty ?? null,
    compensations: compensations.map(compensationFact),
    followedUpAt: latestFollowUp?.contactedAt ?? null,
    satisfaction: latestFollowUp?.satisfaction ?? null,
    problemSolved: latestFollowUp?.problemSolved ?? null,
    channel: state.channel,
    product: state.subject.productOrService,
    responsibleOfficer: state.responsibleOfficer ?? null,
    rootCauseCode: latestInvestigation?.rootCauseCode ?? null,
    closedAt: closedAt ?? null,
    hoursToClose: closedAt ? hoursBetween(state.receivedAt, closedAt) : null,
    acknowledgementDueAt: state.acknowledgementDueAt ?? null,
    acknowledgedAt: state.acknowledgedAt ?? null,
    acknowledgedOnTime:
      state.acknowledgedAt && state.acknowledgementDueAt ? Date.parse(state.acknowledgedAt) <= Date.parse(state.acknowledgementDueAt) : null,
  };
};

/** The facts of one complaint stream as read from the event store: how the CLI uses factsFromCase. */
export const factsFromStream = (stream: readonly RecordedEvent[]): ComplaintFacts | null => {
  const events = stream.filter(isComplaintEvent).map((event) => ({ type: event.type, data: event.data }) as ComplaintEvent);
  const last = stream[stream.length - 1];
  if (!last) return null;
  return factsFromCase(foldComplaint(events), earlierRounds(events), positionKey(last.position));
};
