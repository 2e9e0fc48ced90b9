import { CaseProjection } from '../projection';
import { DEADLINES, DeadlineEntry } from '../read-models';
import { COMPLAINT_EVENT_TYPES, complaintDocumentIds } from './complaint-stream-events';
import { FoldedCase } from './folded-case';
import { acknowledgementPending } from './pending-deadline';

/**
 * The pending deadline of every open complaint, with the explanation recorded by the event that
 * set it: registration until registered, the answer until answered (moved by extensions, set again
 * by a reopening), the follow-up after the answer until the first follow-up. When nothing is pending
 * (followed up, closed) the entry stays with no deadline; a withdrawal, which is final, deletes it.
 * Beside the step, the acknowledgement to the complainant is owed from receipt until the first
 * acknowledgement (or the answer); the entry shows whichever is due first. While the case waits on
 * the complainant its answer deadline is not shown (the clock stands still).
 */
export const deadlinesProjection: CaseProjection<DeadlineEntry> = {
  name: DEADLINES,
  version: 3, // 3: waiting on the complainant
  indexes: [{ keys: { dueAt: 1 } }, { keys: { responsibleOfficer: 1 } }],
  eventTypes: COMPLAINT_EVENT_TYPES,
  documentIds: complaintDocumentIds,
  row: (folded) => deadlineRow(folded),
};

/** The deadlines entry of a case, as the domain folds it; null once withdrawn. */
export const deadlineRow = ({ state, position }: FoldedCase): DeadlineEntry | null => {
  if (state.status === 'none' || state.status === 'withdrawn') return null;
  const step = stepOf(state);
  // Owed once: the first answer (or the closing) makes it moot for good, a reopening included.
  const owed = acknowledgementPending(state.status, state.acknowledgedAt) && state.reopenings.length === 0;
  const acknowledgement =
    owed && state.acknowledgementDueAt && state.acknowledgementDeadline
      ? { dueAt: state.acknowledgementDueAt, explanation: state.acknowledgementDeadline }
      : null;
  // The earlier of the two is shown (the step on a tie).
  const shown = acknowledgement && (!step || Date.parse(acknowledgement.dueAt) < Date.parse(step.dueAt)) ? { kind: 'acknowledgement' as const, ...acknowledgement } : step;
  return {
    _id: state.complaintId,
    _position: position,
    complaintId: state.complaintId,
    registerNumber: state.registration?.registerNumber ?? null,
    status: state.status,
    category: state.registration?.category ?? null,
    responsibleOfficer: state.responsibleOfficer ?? null,
    receivedAt: state.receivedAt,
    kind: shown?.kind ?? null,
    dueAt: shown?.dueAt ?? null,
    explanation: shown?.explanation ?? null,
    acknowledgement,
    step,
    // Present once the case has waited on the complainant: the answer clock stood still since then, or runs again (null).
    ...((state.awaitingComplainant || state.answerPausedMs !== undefined) && { awaitingComplainantSince: state.awaitingComplainant?.since ?? null }),
  };
};

type Folded = Exclude<FoldedCase['state'], { status: 'none' }>;

/** The deadline of the case's next step, by its status; none while it waits on the complainant. */
const stepOf = (state: Folded): DeadlineEntry['step'] => {
  switch (state.status) {
    case 'received':
      return state.registrationDeadline ? { kind: 'registration', dueAt: state.registrationDueAt, explanation: state.registrationDeadline } : null;
    case 'registered':
    case 'investigated':
    case 'reopened':
      return !state.awaitingComplainant && state.answerDueAt && state.answerDeadline
        ? { kind: 'answer', dueAt: state.answerDueAt, explanation: state.answerDeadline }
        : null;
    case 'answered':
      return state.followUpDueAt && state.followUpDeadline ? { kind: 'follow-up', dueAt: state.followUpDueAt, explanation: state.followUpDeadline } : null;
    default:
      return null;
  }
};
