import { ComplaintEvent } from '@app/domain';
import { positionKey, ProjectionDefinition } from '../projection';
import { DEADLINES, DeadlineEntry } from '../read-models';
import { alreadyApplied, COMPLAINT_EVENT_TYPES, complaintDocumentIds, complaintEventOf } from './complaint-stream-events';

/**
 * The pending deadline of every open complaint, with the explanation recorded by the event that
 * set it: registration until registered, the answer until answered (moved by extensions, set again
 * by a reopening), the follow-up after the answer until the first follow-up. When nothing is pending
 * (followed up, closed) the entry stays with no deadline, so that a reopening still knows the case;
 * a withdrawal, which is final, deletes it.
 */
export const deadlinesProjection: ProjectionDefinition<DeadlineEntry> = {
  name: DEADLINES,
  version: 1,
  indexes: [{ keys: { dueAt: 1 } }, { keys: { responsibleOfficer: 1 } }],
  eventTypes: COMPLAINT_EVENT_TYPES,
  documentIds: complaintDocumentIds,
  evolve: (entry, recorded) => {
    const event = complaintEventOf(recorded);
    if (!event || alreadyApplied(entry, recorded)) return entry;
    const next = evolveEntry(entry, event);
    return next && { ...next, _position: positionKey(recorded.position) };
  },
};

const evolveEntry = (entry: DeadlineEntry | null, event: ComplaintEvent): DeadlineEntry | null => {
  switch (event.type) {
    case 'ComplaintReceived': {
      const { data } = event;
      return (
        entry ?? {
          _id: data.complaintId,
          _position: '',
          complaintId: data.complaintId,
          registerNumber: null,
          status: 'received',
          category: null,
          responsibleOfficer: null,
          receivedAt: data.receivedAt,
          kind: 'registration',
          dueAt: data.registrationDueAt,
          explanation: data.registrationDeadline,
        }
      );
    }
    case 'ComplaintReopened': {
      // The closed case kept its entry (without a deadline); only a replay after a deletion finds none.
      const { data } = event;
      return {
        ...(entry ?? {
          _id: data.complaintId,
          _position: '',
          complaintId: data.complaintId,
          registerNumber: null,
          category: null,
          responsibleOfficer: null,
          receivedAt: null,
        }),
        status: 'reopened',
        kind: 'answer',
        dueAt: data.answerDueAt,
        explanation: data.answerDeadline,
      };
    }
    default:
      // Any other event finds no entry only when nothing is pending (or in a replay after a deletion).
      return entry && evolvePending(entry, event);
  }
};

const evolvePending = (entry: DeadlineEntry, event: ComplaintEvent): DeadlineEntry | null => {
  switch (event.type) {
    case 'ComplaintRegistered': {
      const { data } = event;
      return {
        ...entry,
        status: 'registered',
        registerNumber: data.registerNumber,
        category: data.category,
        responsibleOfficer: data.responsibleOfficer,
        kind: 'answer',
        dueAt: data.answerDueAt,
        explanation: data.answerDeadline,
      };
    }
    case 'ComplaintInvestigated':
    case 'InvestigationWaived':
      return { ...entry, status: 'investigated' };
    case 'ComplaintAnswered':
      return {
        ...entry,
        status: 'answered',
        kind: 'follow-up',
        dueAt: event.data.followUpDueAt,
        explanation: event.data.followUpDeadline,
      };
    case 'AnswerDeadlineExtended':
      return entry.kind === 'answer' ? { ...entry, dueAt: event.data.answerDueAt, explanation: event.data.answerDeadline } : entry;
    case 'ComplaintReassigned':
      return { ...entry, responsibleOfficer: event.data.to };
    case 'ComplaintCompensated':
    case 'PersonalDataErased':
    case 'EvidenceAttached':
      return entry;
    case 'FollowUpRecorded':
      return { ...entry, status: 'followed-up', kind: null, dueAt: null, explanation: null };
    case 'ComplaintClosed':
      return { ...entry, status: 'closed', kind: null, dueAt: null, explanation: null };
    case 'ComplaintWithdrawn':
      return null;
    case 'ComplaintReceived':
    case 'ComplaintReopened':
      return entry; // handled above
  }
};
