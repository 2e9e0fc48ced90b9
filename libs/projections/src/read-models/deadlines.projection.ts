import { ComplaintEvent } from '@app/domain';
import { positionKey, ProjectionDefinition } from '../projection';
import { DEADLINES, DeadlineEntry } from '../read-models';
import { alreadyApplied, COMPLAINT_EVENT_TYPES, complaintDocumentIds, complaintEventOf } from './complaint-stream-events';
import { acknowledgementPending } from './pending-deadline';

/**
 * The pending deadline of every open complaint, with the explanation recorded by the event that
 * set it: registration until registered, the answer until answered (moved by extensions, set again
 * by a reopening), the follow-up after the answer until the first follow-up. When nothing is pending
 * (followed up, closed) the entry stays with no deadline, so that a reopening still knows the case;
 * a withdrawal, which is final, deletes it. Beside the step, the acknowledgement to the complainant is
 * owed from receipt until the first acknowledgement (or the answer); the entry shows whichever is due first.
 * While the case waits on the complainant its answer deadline is not shown (the clock stands still).
 */
export const deadlinesProjection: ProjectionDefinition<DeadlineEntry> = {
  name: DEADLINES,
  version: 3, // 3: waiting on the complainant
  indexes: [{ keys: { dueAt: 1 } }, { keys: { responsibleOfficer: 1 } }],
  eventTypes: COMPLAINT_EVENT_TYPES,
  documentIds: complaintDocumentIds,
  evolve: (entry, recorded) => {
    const event = complaintEventOf(recorded);
    if (!event || alreadyApplied(entry, recorded)) return entry;
    // The step's rules below see the step's deadline; the acknowledgement is kept beside it.
    const next = evolveEntry(entry && withStepShown(entry), event);
    if (!next) return null;
    const acknowledgement = acknowledgementAfter(entry?.acknowledgement ?? null, event, next.status);
    return { ...earliestShown(next, acknowledgement), _position: positionKey(recorded.position) };
  },
};

const withStepShown = (entry: DeadlineEntry): DeadlineEntry => ({
  ...entry,
  kind: entry.step?.kind ?? null,
  dueAt: entry.step?.dueAt ?? null,
  explanation: entry.step?.explanation ?? null,
});

/** Shows the earlier of the step's deadline and the acknowledgement owed (the step on a tie), keeping both. */
const earliestShown = (entry: DeadlineEntry, acknowledgement: DeadlineEntry['acknowledgement']): DeadlineEntry => {
  const step = entry.kind && entry.kind !== 'acknowledgement' && entry.dueAt && entry.explanation
    ? { kind: entry.kind, dueAt: entry.dueAt, explanation: entry.explanation }
    : null;
  const acknowledgementFirst = acknowledgement && (!step || Date.parse(acknowledgement.dueAt) < Date.parse(step.dueAt));
  return acknowledgementFirst
    ? { ...entry, step, acknowledgement, kind: 'acknowledgement', dueAt: acknowledgement.dueAt, explanation: acknowledgement.explanation }
    : { ...entry, step, acknowledgement };
};

const acknowledgementAfter = (
  owed: DeadlineEntry['acknowledgement'],
  event: ComplaintEvent,
  status: DeadlineEntry['status'],
): DeadlineEntry['acknowledgement'] => {
  if (event.type === 'ComplaintReceived') {
    const { acknowledgementDueAt, acknowledgementDeadline } = event.data;
    owed ??= acknowledgementDueAt && acknowledgementDeadline ? { dueAt: acknowledgementDueAt, explanation: acknowledgementDeadline } : null;
  }
  if (event.type === 'ComplainantContacted' && event.data.kind === 'acknowledgement') return null;
  return acknowledgementPending(status, null) ? owed : null;
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
          acknowledgement: null,
          step: null,
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
          acknowledgement: null,
          step: null,
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
    // Waiting on the complainant, the answer clock stands still: no answer deadline to be overdue (issue 14).
    case 'AwaitingComplainant':
      return entry.kind === 'answer' ? { ...entry, kind: null, dueAt: null, explanation: null, awaitingComplainantSince: event.data.awaitingSince } : entry;
    case 'ComplainantInformationReceived':
      return { ...entry, kind: 'answer', dueAt: event.data.answerDueAt, explanation: event.data.answerDeadline, awaitingComplainantSince: null };
    case 'ComplaintCompensated':
    case 'ComplainantContacted':
    case 'PersonalDataErased':
    case 'EvidenceAttached':
      return entry;
    case 'FollowUpRecorded':
      return { ...entry, status: entry.status === 'closed' ? 'closed' : 'followed-up', kind: null, dueAt: null, explanation: null };
    case 'ComplaintClosed':
    case 'ComplaintResolvedAtFirstContact':
      return { ...entry, status: 'closed', kind: null, dueAt: null, explanation: null };
    case 'ComplaintWithdrawn':
      return null;
    case 'ComplaintReceived':
    case 'ComplaintReopened':
      return entry; // handled above
  }
};
