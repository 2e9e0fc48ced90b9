import { CategoryCatalogue, hasCategory } from '../policies/categories';
import { hasRootCause, RootCauseTaxonomy } from '../policies/root-causes';
import { CompensationApprovalPolicy, compensationApproval } from '../policies/compensation-approval';
import { acknowledgementDeadline, answerDeadline, DeadlinePolicy, followUpDeadline, registrationDeadline, statutoryAnswerLimit } from '../policies/deadlines';
import { OfficerRoster, refuseUnknownOfficer } from '../policies/officers';
import { isRegisterNumber } from '../register/register-number';
import { isCurrency } from '../shared/money';
import { IsoDateTime } from '../shared/time';
import { Actor, FACT_SOURCE_KINDS, MONETARY_COMPENSATION_KINDS } from '../shared/vocabulary';
import { decideWaiting, refuseWhileWaiting } from './awaiting-complainant';
import { ComplaintCommand, InvestigateComplaint, ReceiveComplaint } from './commands';
import { DomainError, invalidInput, notPermitted, ruleViolated } from './errors';
import { decideAttachEvidence } from './evidence';
import { ComplaintEvent } from './events';
import { ComplaintState, ComplaintStatus, ReceivedComplaint } from './state';

/** What a decision may depend on besides the command and the state: the time, who acts, and the deployment's policies. */
export interface DecisionContext {
  now: Date;
  /** The verified principal performing the command. */
  actor: Actor;
  deadlinePolicy: DeadlinePolicy;
  categories: CategoryCatalogue;
  compensationApproval: CompensationApprovalPolicy;
  rootCauses: RootCauseTaxonomy;
  /** Who may be made responsible for a case; absent: not checked (replays of recorded decisions). */
  officers?: OfficerRoster;
}

/** How far in the future a stated business time may lie (clocks of phones and PCs drift). */
const CLOCK_SKEW_MS = 5 * 60_000;

type Decision = ComplaintEvent[] | DomainError;

/** Decides which events a command causes on a complaint, or which rule it breaks. */
export const decide = (command: ComplaintCommand, state: ComplaintState, context: DecisionContext): Decision => {
  const now = context.now.toISOString();
  if (command.type === 'ReceiveComplaint') {
    if (state.status !== 'none') return ruleViolated('complaint-already-received', 'This complaint was already received.');
    return receive({ ...command.data, receivedAt: command.data.receivedAt ?? now }, context);
  }
  const refusal = refuseUnlessOpen(state);
  // A closed case may be reopened; the complainant may still be contacted and followed up, which does not reopen it.
  const allowedWhenClosed = command.type === 'ReopenComplaint' || command.type === 'RecordContact' || command.type === 'RecordFollowUp';
  if (refusal && !(allowedWhenClosed && state.status === 'closed')) return refusal;
  const complaint = state as ReceivedComplaint;
  const waiting = refuseWhileWaiting(command, complaint);
  if (waiting) return waiting;
  const { complaintId } = command.data;

  switch (command.type) {
    case 'RegisterComplaint': {
      if (complaint.registration)
        return ruleViolated('complaint-already-registered', `This complaint is already registered as ${complaint.registration.registerNumber}.`);
      const { registerNumber, category, severity, responsibleOfficer, promisedAnswerBy } = command.data;
      if (!isRegisterNumber(registerNumber))
        return invalidInput('registerNumber', 'invalid-register-number', 'A register number reads YYYY-NNNNNN.');
      if (!hasCategory(context.categories, category))
        return invalidInput('category', 'unknown-category', `"${category}" is not a category of catalogue ${context.categories.version}.`);
      const unknownOfficer = refuseUnknownOfficer(context.officers, 'responsibleOfficer', responsibleOfficer);
      if (unknownOfficer) return unknownOfficer;
      const policyDeadline = answerDeadline(context.deadlinePolicy, complaint.receivedAt, { category, severity });
      if (promisedAnswerBy !== undefined) {
        const invalid = refuseInvalidTime('promisedAnswerBy', promisedAnswerBy);
        if (invalid) return invalid;
        if (instant(promisedAnswerBy) > instant(policyDeadline.dueAt))
          return invalidInput('promisedAnswerBy', 'deadline-beyond-policy', `The policy requires an answer by ${policyDeadline.dueAt}.`);
        if (instant(promisedAnswerBy) < context.now.getTime())
          return invalidInput('promisedAnswerBy', 'deadline-in-past', 'A promised answer date cannot lie in the past.');
      }
      const registered: ComplaintEvent = {
        type: 'ComplaintRegistered',
        data: {
          complaintId,
          registerNumber,
          registeredAt: now,
          category,
          categoryCatalogueVersion: context.categories.version,
          severity,
          responsibleOfficer,
          answerDueAt: promisedAnswerBy ?? policyDeadline.dueAt,
          answerDeadline: promisedAnswerBy
            ? { policyVersion: context.deadlinePolicy.version, rule: 'promised-by-officer', from: now }
            : policyDeadline.explanation,
        },
      };
      if (!complaint.resolvedOnTheSpot) return [registered];
      // Resolved on the spot at intake: numbered, then closed with the primary response as the resolution.
      return [
        registered,
        {
          type: 'ComplaintResolvedAtFirstContact',
          data: {
            complaintId,
            resolvedBy: complaint.takenBy,
            resolvedAt: complaint.receivedAt,
            closedAt: now,
          },
        },
      ];
    }

    case 'InvestigateComplaint':
    case 'WaiveInvestigation': {
      const refused = requireStatus(complaint, ['registered', 'reopened'], {
        received: ['registration-required', 'A complaint is registered before it is investigated.'],
        investigated: ['investigation-already-recorded', 'The investigation of this complaint is already recorded.'],
        answered: ['complaint-already-answered', 'This complaint is answered; reopen it to investigate again.'],
        'followed-up': ['complaint-already-answered', 'This complaint is answered; reopen it to investigate again.'],
      });
      if (refused) return refused;
      if (command.type === 'WaiveInvestigation')
        return [{ type: 'InvestigationWaived', data: { ...command.data, decidedAt: now } }];
      return investigate(command.data, context);
    }

    case 'AnswerComplaint': {
      const refused = requireStatus(complaint, ['investigated'], {
        received: ['investigation-required', 'A complaint is registered and investigated (or the decision not to investigate recorded) before it is answered.'],
        registered: ['investigation-required', 'Record the investigation, or the decision not to investigate, before answering.'],
        reopened: ['investigation-required', 'Record the new investigation, or the decision not to investigate, before answering.'],
        answered: ['complaint-already-answered', 'This complaint is already answered.'],
        'followed-up': ['complaint-already-answered', 'This complaint is already answered.'],
      });
      if (refused) return refused;
      // The written answer is signed by a manager (docs/complaint-lifecycle.md); the signature says what it means, and when.
      if (context.actor.role !== 'manager')
        return notPermitted('manager-signature-required', 'The answer is signed by a manager.');
      const { signatureMeaning, ...answer } = command.data;
      const followUp = followUpDeadline(context.deadlinePolicy, now);
      return [
        {
          type: 'ComplaintAnswered',
          data: {
            ...answer,
            signature: { signedBy: answer.signedBy, meaning: signatureMeaning ?? 'approval', signedAt: now },
            answeredAt: now,
            followUpDueAt: followUp.dueAt,
            followUpDeadline: followUp.explanation,
          },
        },
      ];
    }

    case 'CompensateComplaint': {
      const refused = requireAnswered(complaint, 'Compensation is granted after the answer.');
      if (refused) return refused;
      const { kind, amount } = command.data;
      if (!amount && MONETARY_COMPENSATION_KINDS.includes(kind))
        return invalidInput('amount', 'amount-required', `A ${kind} needs an amount.`);
      if (amount && !(Number.isSafeInteger(amount.amountMinor) && amount.amountMinor > 0))
        return invalidInput('amount.amountMinor', 'invalid-amount', 'An amount is a positive whole number of minor units.');
      if (amount && !isCurrency(amount.currency))
        return invalidInput('amount.currency', 'unknown-currency', `"${amount.currency}" is not an ISO 4217 currency code.`);
      const approval = compensationApproval(context.compensationApproval, context.actor.role, complaint.compensations, amount);
      if (!approval.approved)
        return notPermitted(
          'manager-approval-required',
          approval.threshold === undefined
            ? `No approval threshold is configured for ${approval.currency}: a manager must grant any compensation in it.`
            : `This case's compensation in ${approval.currency} would reach ${approval.cumulativeMinor} minor units, above the threshold of ${approval.threshold}: a manager must grant it.`,
        );
      const signature = { signedBy: command.data.approvedBy, meaning: 'approval' as const, signedAt: now };
      return [{ type: 'ComplaintCompensated', data: { ...command.data, approval: signature, grantedAt: now } }];
    }

    case 'RecordFollowUp': {
      const refused = complaint.status === 'closed' ? undefined : requireAnswered(complaint, 'The follow-up comes after the answer.');
      if (refused) return refused;
      const { satisfaction } = command.data;
      const contactedAt = command.data.contactedAt ?? now;
      const future = refuseFuture('contactedAt', contactedAt, context.now);
      if (future) return future;
      if (complaint.answer && instant(contactedAt) < instant(complaint.answer.answeredAt))
        return invalidInput('contactedAt', 'follow-up-before-answer', `The customer was answered at ${complaint.answer.answeredAt}.`);
      if (!Number.isInteger(satisfaction) || satisfaction < 1 || satisfaction > 5)
        return invalidInput('satisfaction', 'invalid-satisfaction', 'Satisfaction is a whole number from 1 to 5.');
      return [{ type: 'FollowUpRecorded', data: { ...command.data, contactedAt } }];
    }

    case 'RecordContact': {
      const contactedAt = command.data.contactedAt ?? now;
      const future = refuseFuture('contactedAt', contactedAt, context.now);
      if (future) return future;
      if (instant(contactedAt) < instant(complaint.receivedAt))
        return invalidInput('contactedAt', 'contact-before-receipt', `The complaint was received at ${complaint.receivedAt}.`);
      return [{ type: 'ComplainantContacted', data: { ...command.data, contactedAt } }];
    }

    case 'ReassignComplaint': {
      if (!complaint.responsibleOfficer)
        return ruleViolated('registration-required', 'A complaint gets a responsible officer when it is registered.');
      if (complaint.responsibleOfficer === command.data.to)
        return ruleViolated('already-assigned', `The complaint is already assigned to ${command.data.to}.`);
      const unknownTarget = refuseUnknownOfficer(context.officers, 'to', command.data.to);
      if (unknownTarget) return unknownTarget;
      return [
        { type: 'ComplaintReassigned', data: { ...command.data, from: complaint.responsibleOfficer, reassignedAt: now } },
      ];
    }

    case 'ExtendAnswerDeadline': {
      const refused = requireStatus(complaint, ['registered', 'investigated', 'reopened'], {
        received: ['registration-required', 'The answer deadline is set when the complaint is registered.'],
        answered: ['complaint-already-answered', 'The complaint is already answered.'],
        'followed-up': ['complaint-already-answered', 'The complaint is already answered.'],
      });
      if (refused) return refused;
      const { answerDueAt, reason, customerInformedAt } = command.data;
      // A promise moves only before it is broken, with a reason, once the customer knows (issue 14).
      if (!reason?.trim()) return invalidInput('reason', 'reason-required', 'Say why the deadline moves.');
      if (customerInformedAt === undefined)
        return invalidInput('customerInformedAt', 'customer-informed-required', 'Tell the customer of the new deadline first, and say when.');
      const invalid = refuseInvalidTime('answerDueAt', answerDueAt);
      if (invalid) return invalid;
      if (complaint.answerDueAt && context.now.getTime() > instant(complaint.answerDueAt))
        return ruleViolated('deadline-already-passed', `The deadline ${complaint.answerDueAt} has passed: a broken promise cannot be extended.`);
      if (complaint.answerDueAt && instant(answerDueAt) <= instant(complaint.answerDueAt))
        return invalidInput('answerDueAt', 'deadline-not-later', `An extension must move the deadline past ${complaint.answerDueAt}.`);
      const roundStart = complaint.reopenings.at(-1)?.reopenedAt ?? complaint.receivedAt;
      const limit = statutoryAnswerLimit(context.deadlinePolicy, roundStart);
      if (instant(answerDueAt) > instant(limit.dueAt))
        return ruleViolated(
          'beyond-statutory-limit',
          `No extension passes ${limit.dueAt}: ${context.deadlinePolicy.statutoryLimitDays} calendar days from ${roundStart} (policy ${context.deadlinePolicy.version}).`,
        );
      const future = refuseFuture('customerInformedAt', customerInformedAt, context.now);
      if (future) return future;
      return [
        {
          type: 'AnswerDeadlineExtended',
          data: {
            ...command.data,
            customerInformedAt,
            previousDueAt: complaint.answerDueAt as IsoDateTime,
            answerDeadline: { policyVersion: context.deadlinePolicy.version, rule: 'extended', from: now },
          },
        },
      ];
    }

    case 'AwaitComplainant':
    case 'RecordComplainantInformation':
      return decideWaiting(command, complaint, context);

    case 'CloseComplaint': {
      const refused = requireAnswered(complaint, 'A complaint is closed after it is answered.');
      if (refused) return refused;
      const { referral } = command.data;
      if (referral && !referral.reference?.trim())
        return invalidInput('referral.reference', 'referral-reference-required', `Give the reference the ${referral.body} gave the complaint.`);
      return [{ type: 'ComplaintClosed', data: { ...command.data, closedAt: now } }];
    }

    case 'ReopenComplaint':
      if (complaint.status !== 'closed')
        return ruleViolated('complaint-not-closed', 'Only a closed complaint can be reopened.');
    {
      // A reopened case is answered again: the customer is owed a new answer within the policy's period.
      const deadline = answerDeadline(context.deadlinePolicy, now, complaint.registration ?? {});
      return [
        {
          type: 'ComplaintReopened',
          data: { ...command.data, reopenedAt: now, answerDueAt: deadline.dueAt, answerDeadline: deadline.explanation },
        },
      ];
    }

    case 'WithdrawComplaint':
      return [{ type: 'ComplaintWithdrawn', data: { ...command.data, withdrawnAt: now } }];

    case 'AttachEvidence':
      return decideAttachEvidence(command, complaint, now);
  }
};

const receive = (
  data: ReceiveComplaint['data'] & { receivedAt: IsoDateTime },
  context: DecisionContext,
): Decision => {
  const { complainant } = data;
  if (!complainant.email && !complainant.phone && !complainant.postalAddress)
    return invalidInput('complainant', 'no-way-to-reply', 'Give at least one way to reply: e-mail, phone or postal address.');
  const future = refuseFuture('receivedAt', data.receivedAt, context.now);
  if (future) return future;
  const deadline = registrationDeadline(context.deadlinePolicy, data.receivedAt);
  const acknowledgement = acknowledgementDeadline(context.deadlinePolicy, data.receivedAt);
  return [
    {
      type: 'ComplaintReceived',
      data: {
        ...data,
        registrationDueAt: deadline.dueAt,
        registrationDeadline: deadline.explanation,
        acknowledgementDueAt: acknowledgement.dueAt,
        acknowledgementDeadline: acknowledgement.explanation,
      },
    },
  ];
};

/** Nothing happens to a complaint that was never received, is closed (but reopening) or was withdrawn. */
const refuseUnlessOpen = (state: ComplaintState): DomainError | undefined => {
  if (state.status === 'none') return ruleViolated('complaint-not-received', 'No complaint was received under this id.');
  if (state.status === 'withdrawn')
    return ruleViolated('complaint-withdrawn', 'The customer withdrew this complaint; nothing more can be recorded.');
  if (state.status === 'closed')
    return ruleViolated('complaint-closed', 'This complaint is closed; only reopening is possible.');
  return undefined;
};

const requireStatus = (
  complaint: ReceivedComplaint,
  allowed: ComplaintStatus[],
  refusals: Partial<Record<ComplaintStatus, [code: string, message: string]>>,
): DomainError | undefined => {
  if (allowed.includes(complaint.status)) return undefined;
  const [code, message] = refusals[complaint.status] ?? ['invalid-transition', `Not possible while the complaint is ${complaint.status}.`];
  return ruleViolated(code, message);
};

const requireAnswered = (complaint: ReceivedComplaint, message: string) =>
  requireStatus(complaint, ['answered', 'followed-up'], {
    received: ['answer-required', message],
    registered: ['answer-required', message],
    investigated: ['answer-required', message],
    reopened: ['answer-required', message],
  });

// Stated times are compared as instants, not as text: ISO-8601 also writes `…:59Z` without milliseconds
// and `+02:00` offsets, which sort wrongly as strings. An unreadable time is refused, never thrown on.
const instant = (value: IsoDateTime): number => Date.parse(value);

/** The investigation with its sources and root-cause code checked; the code is recorded with its taxonomy's version. */
const investigate = (data: InvestigateComplaint['data'], context: DecisionContext): Decision => {
  const { rootCauseCode, sources } = data;
  if (rootCauseCode !== undefined && !hasRootCause(context.rootCauses, rootCauseCode))
    return invalidInput('rootCauseCode', 'unknown-root-cause', `"${rootCauseCode}" is not a root cause of taxonomy ${context.rootCauses.version}.`);
  for (const [i, source] of (sources ?? []).entries()) {
    if (!(FACT_SOURCE_KINDS as readonly string[]).includes(source.kind))
      return invalidInput(`sources.${i}.kind`, 'unknown-source-kind', `A source is one of: ${FACT_SOURCE_KINDS.join(', ')}.`);
    if (source.statement.trim() === '')
      return invalidInput(`sources.${i}.statement`, 'statement-required', 'A source of facts says what it stated or showed.');
    const refused = refuseFuture(`sources.${i}.obtainedAt`, source.obtainedAt, context.now);
    if (refused) return refused;
  }
  return [
    {
      type: 'ComplaintInvestigated',
      data: {
        ...data,
        ...(rootCauseCode !== undefined && { rootCauseTaxonomyVersion: context.rootCauses.version }),
        investigatedAt: context.now.toISOString(),
      },
    },
  ];
};

const refuseInvalidTime = (field: string, value: IsoDateTime): DomainError | undefined =>
  Number.isNaN(instant(value)) ? invalidInput(field, 'invalid-time', `${field} is not a date and time.`) : undefined;

const refuseFuture = (field: string, value: IsoDateTime, now: Date): DomainError | undefined =>
  refuseInvalidTime(field, value) ??
  (instant(value) > now.getTime() + CLOCK_SKEW_MS ? invalidInput(field, 'time-in-future', `${field} lies in the future.`) : undefined);
