import { statutoryAnswerLimit } from '../policies/deadlines';
import { IsoDateTime } from '../shared/time';
import { AwaitComplainant, ComplaintCommand, RecordComplainantInformation } from './commands';
import type { DecisionContext } from './decide';
import { DomainError, invalidInput, ruleViolated } from './errors';
import { AwaitingComplainant, ComplainantInformationReceived, ComplaintEvent } from './events';
import { ReceivedComplaint } from './state';

/**
 * Waiting on the complainant (issue 14): an officer asks the complainant for information, and the
 * answer clock stands still until it arrives. The answer deadline then moves by the time waited, never
 * past the statutory limit, and its explanation says so. While the case waits, the deadline is not
 * running: it is neither answered nor extended until the wait is recorded as over.
 */
export const decideWaiting = (
  command: AwaitComplainant | RecordComplainantInformation,
  complaint: ReceivedComplaint,
  context: DecisionContext,
): ComplaintEvent[] | DomainError => {
  const now = context.now.toISOString();
  if (command.type === 'AwaitComplainant') {
    const refused = refuseUnlessAnswerClockRuns(complaint);
    if (refused) return refused;
    if (complaint.awaitingComplainant)
      return ruleViolated('already-awaiting-complainant', `The case waits on the complainant since ${complaint.awaitingComplainant.since}.`);
    if (!command.data.requested?.trim()) return invalidInput('requested', 'requested-required', 'Say what was asked of the complainant.');
    if (complaint.answerDueAt && context.now.getTime() > Date.parse(complaint.answerDueAt))
      return ruleViolated('deadline-already-passed', `The deadline ${complaint.answerDueAt} has passed: a broken promise cannot be paused.`);
    const event: AwaitingComplainant = {
      type: 'AwaitingComplainant',
      data: { complaintId: command.data.complaintId, requested: command.data.requested, requestedBy: context.actor.id, awaitingSince: now },
    };
    return [event];
  }

  const waiting = complaint.awaitingComplainant;
  if (!waiting) return ruleViolated('not-awaiting-complainant', 'The case is not waiting on the complainant.');
  const previousDueAt = complaint.answerDueAt as IsoDateTime;
  const pausedMs = Math.max(0, context.now.getTime() - Date.parse(waiting.since));
  const roundStart = complaint.reopenings.at(-1)?.reopenedAt ?? complaint.receivedAt;
  const limit = statutoryAnswerLimit(context.deadlinePolicy, roundStart).dueAt;
  const moved = Date.parse(previousDueAt) + pausedMs;
  const capped = moved > Date.parse(limit);
  const answerDueAt = capped ? limit : new Date(moved).toISOString();
  const earlier = complaint.answerDeadline;
  const event: ComplainantInformationReceived = {
    type: 'ComplainantInformationReceived',
    data: {
      complaintId: command.data.complaintId,
      arrived: command.data.arrived ?? true,
      ...(command.data.summary !== undefined && { summary: command.data.summary }),
      recordedBy: context.actor.id,
      receivedAt: now,
      awaitingSince: waiting.since,
      pausedMs,
      previousDueAt,
      answerDueAt,
      answerDeadline: {
        ...(earlier ?? { policyVersion: context.deadlinePolicy.version, rule: 'calendar-days', from: complaint.receivedAt }),
        paused: {
          ms: pausedMs,
          totalMs: (earlier?.paused?.totalMs ?? 0) + pausedMs,
          from: waiting.since,
          until: now,
          previousDueAt,
          ...(capped && { cappedAt: limit }),
        },
      },
    },
  };
  return [event];
};

/** While the case waits on the complainant its answer clock stands still: no answer, no extension until the wait ends. */
export const refuseWhileWaiting = (command: ComplaintCommand, complaint: ReceivedComplaint): DomainError | undefined => {
  if (!complaint.awaitingComplainant) return undefined;
  if (command.type !== 'AnswerComplaint' && command.type !== 'ExtendAnswerDeadline') return undefined;
  return ruleViolated(
    'awaiting-complainant',
    `The case waits on the complainant since ${complaint.awaitingComplainant.since}: record that the information arrived (or that it did not) first.`,
  );
};

const refuseUnlessAnswerClockRuns = (complaint: ReceivedComplaint): DomainError | undefined => {
  switch (complaint.status) {
    case 'registered':
    case 'investigated':
    case 'reopened':
      return undefined;
    case 'received':
      return ruleViolated('registration-required', 'The answer clock starts when the complaint is registered.');
    default:
      return ruleViolated('complaint-already-answered', 'The complaint is already answered: its answer clock has stopped.');
  }
};

/** The state after a wait starts or ends (evolve). */
export const evolveWaiting = (state: ReceivedComplaint, event: AwaitingComplainant | ComplainantInformationReceived): ReceivedComplaint =>
  event.type === 'AwaitingComplainant'
    ? { ...state, awaitingComplainant: { since: event.data.awaitingSince, requestedBy: event.data.requestedBy } }
    : { ...state, awaitingComplainant: undefined, answerDueAt: event.data.answerDueAt, answerDeadline: event.data.answerDeadline };
