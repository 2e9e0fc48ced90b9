import { ComplaintEvent, ComplaintReceived } from '@app/domain';
import { positionKey, ProjectionDefinition } from '../projection';
import { ComplaintFacts, STATISTICS } from '../read-models';
import { alreadyApplied, COMPLAINT_EVENT_TYPES, complaintDocumentIds, complaintEventOf, isNotLaterThan } from '../read-models/complaint-stream-events';
import { compensationFact, hoursBetween, UNCATEGORISED } from './facts';

/**
 * The facts statistics need, one document per complaint; `summarizeStatistics` aggregates them.
 * `factsFromCase` computes the same document from the folded case, for reports straight from the events.
 */
export const statisticsProjection: ProjectionDefinition<ComplaintFacts> = {
  name: STATISTICS,
  // 3: channel, product, officer, root-cause code, closing and acknowledgement (issue 14).
  version: 3,
  indexes: [{ keys: { receivedAt: 1 } }, { keys: { category: 1, receivedAt: 1 } }, { keys: { closedAt: 1 } }],
  eventTypes: COMPLAINT_EVENT_TYPES,
  documentIds: complaintDocumentIds,
  evolve: (facts, recorded) => {
    const event = complaintEventOf(recorded);
    if (!event || alreadyApplied(facts, recorded)) return facts;
    const next = event.type === 'ComplaintReceived' ? (facts ?? received(event.data)) : facts && evolveFacts(facts, event);
    return next && { ...next, _position: positionKey(recorded.position) };
  },
};

const received = (data: ComplaintReceived['data']): ComplaintFacts => ({
  _id: data.complaintId,
  _position: '',
  complaintId: data.complaintId,
  receivedAt: data.receivedAt,
  category: UNCATEGORISED,
  registeredAt: null,
  hoursToRegister: null,
  answeredAt: null,
  hoursToAnswer: null,
  answerDueAt: null,
  answeredOnTime: null,
  firstAnswerDueAt: null,
  firstPromiseKept: null,
  resolvedAtFirstContact: false,
  verdict: null,
  rootCause: null,
  responsibleParty: null,
  compensations: [],
  followedUpAt: null,
  satisfaction: null,
  problemSolved: null,
  channel: data.channel,
  product: data.subject.productOrService,
  responsibleOfficer: null,
  rootCauseCode: null,
  closedAt: null,
  hoursToClose: null,
  acknowledgementDueAt: data.acknowledgementDueAt ?? null,
  acknowledgedAt: null,
  acknowledgedOnTime: null,
});

const evolveFacts = (facts: ComplaintFacts, event: ComplaintEvent): ComplaintFacts => {
  switch (event.type) {
    case 'ComplaintRegistered':
      return {
        ...facts,
        category: event.data.category,
        registeredAt: event.data.registeredAt,
        hoursToRegister: hoursBetween(facts.receivedAt, event.data.registeredAt),
        answerDueAt: facts.answeredAt === null ? event.data.answerDueAt : facts.answerDueAt,
        firstAnswerDueAt: event.data.answerDueAt,
        responsibleOfficer: event.data.responsibleOfficer,
      };
    case 'AnswerDeadlineExtended':
    case 'ComplainantInformationReceived': // the deadline moved by the time the case waited on the complainant
      // Only the deadline in force at the first answer counts; later ones belong to a later round.
      return facts.answeredAt === null ? { ...facts, answerDueAt: event.data.answerDueAt } : facts;
    case 'ComplaintReopened': {
      // A reopened case was not resolved at first contact, and is not closed.
      const reopened = { ...facts, resolvedAtFirstContact: false, closedAt: null, hoursToClose: null };
      return facts.answeredAt === null ? { ...reopened, answerDueAt: event.data.answerDueAt } : reopened;
    }
    case 'ComplaintResolvedAtFirstContact':
      return { ...closed(facts, event.data.closedAt), resolvedAtFirstContact: true };
    case 'ComplaintClosed':
      return closed(facts, event.data.closedAt);
    case 'ComplaintReassigned':
      return { ...facts, responsibleOfficer: event.data.to };
    case 'ComplainantContacted': {
      const { kind, contactedAt } = event.data;
      // The earliest acknowledgement counts, whatever order they were entered in.
      if (kind !== 'acknowledgement' || (facts.acknowledgedAt !== null && isNotLaterThan(facts.acknowledgedAt, contactedAt))) return facts;
      const onTime = facts.acknowledgementDueAt === null ? null : isNotLaterThan(contactedAt, facts.acknowledgementDueAt);
      return { ...facts, acknowledgedAt: contactedAt, acknowledgedOnTime: onTime };
    }
    case 'ComplaintAnswered': {
      if (facts.answeredAt !== null) return facts;
      const { answeredAt } = event.data;
      return {
        ...facts,
        answeredAt,
        hoursToAnswer: hoursBetween(facts.receivedAt, answeredAt),
        answeredOnTime: facts.answerDueAt === null ? null : isNotLaterThan(answeredAt, facts.answerDueAt),
        firstPromiseKept: facts.firstAnswerDueAt === null ? null : isNotLaterThan(answeredAt, facts.firstAnswerDueAt),
      };
    }
    case 'ComplaintInvestigated':
      return {
        ...facts,
        verdict: event.data.verdict,
        rootCause: event.data.rootCause,
        responsibleParty: event.data.responsibleParty,
        rootCauseCode: event.data.rootCauseCode ?? null,
      };
    case 'ComplaintCompensated':
      return { ...facts, compensations: [...facts.compensations, compensationFact(event.data)] };
    case 'FollowUpRecorded': {
      const { contactedAt, satisfaction, problemSolved } = event.data;
      const isLatest = facts.followedUpAt === null || isNotLaterThan(facts.followedUpAt, contactedAt);
      return isLatest ? { ...facts, followedUpAt: contactedAt, satisfaction, problemSolved } : facts;
    }
    case 'ComplaintReceived':
    case 'AwaitingComplainant':
    case 'InvestigationWaived':
    case 'ComplaintWithdrawn':
    case 'PersonalDataErased':
    case 'EvidenceAttached':
      return facts;
  }
};

const closed = (facts: ComplaintFacts, closedAt: string): ComplaintFacts => ({ ...facts, closedAt, hoursToClose: hoursBetween(facts.receivedAt, closedAt) });
