import { Type } from '@nestjs/common';
import { Actor, ComplaintCommand, endOfDateIn, isIsoDate, notPermitted } from '@app/domain';
import { AppConfig, CommandRejected } from '@app/platform';
import { CloseComplaintDto, ExtendAnswerDeadlineDto, ReasonDto, ReassignComplaintDto } from '../dto/administration.dto';
import {
  AnswerComplaintDto,
  CompensateComplaintDto,
  InvestigateComplaintDto,
  RecordContactDto,
  RecordFollowUpDto,
  WaiveInvestigationDto,
} from '../dto/handling.dto';
import { ReceiveComplaintDto, RegisterComplaintDto } from '../dto/intake.dto';
import { AwaitComplainantDto, RecordComplainantInformationDto } from '../dto/waiting.dto';

/** What a command's body becomes: its data without the case (from the path) and, for a registration, without the number (reserved later). */
export type CommandData<T extends ComplaintCommand['type']> = Omit<Extract<ComplaintCommand, { type: T }>['data'], 'complaintId' | 'registerNumber'>;

/** One endpoint of a complaint's life: POST /complaints/{path}, its body, its OpenAPI text, and how the body becomes the command. */
export interface CommandRoute<T extends ComplaintCommand['type'] = ComplaintCommand['type'], Dto extends object = object> {
  command: T;
  /** The handler's name, by which PERMISSIONS and the access guard know the endpoint. */
  handler: string;
  /** Under /complaints; '' receives a new case, every other path starts with the case (`:id/…`). */
  path: string;
  dto: Type<Dto>;
  status: 200 | 201;
  summary: string;
  description?: string;
  /** The 201's description (a new case's Location). */
  created?: string;
  /** The body may be left out altogether. */
  optionalBody?: true;
  data(body: Dto, actor: Actor, config: AppConfig): CommandData<T>;
}

const route = <T extends ComplaintCommand['type'], Dto extends object>(entry: CommandRoute<T, Dto>): CommandRoute => entry as unknown as CommandRoute;

// The people a command records come from the verified principal, never from the body.
const RECORDED = 'The signed-in principal is recorded as the person who performed this (a body naming someone else is refused 403 not-the-principal)';

/** Every command endpoint of a complaint, in the order the OpenAPI page lists them. */
export const COMMAND_ROUTES: readonly CommandRoute[] = [
  route({
    command: 'ReceiveComplaint',
    handler: 'receive',
    path: '',
    dto: ReceiveComplaintDto,
    status: 201,
    summary: 'Receive a complaint (any channel); it gets its id and registration deadline',
    description: `${RECORDED}: the one who took the complaint.`,
    created: 'Location names the new complaint; ETag is its revision',
    data: (body, actor) => ({
      ...body,
      documents: body.documents ?? [],
      receivedAt: utc(body.receivedAt),
      takenBy: performer('takenBy', body.takenBy, actor),
      resolvedOnTheSpot: body.resolvedOnTheSpot ?? false,
    }),
  }),
  route({
    command: 'RegisterComplaint',
    handler: 'register',
    path: ':id/registration',
    dto: RegisterComplaintDto,
    status: 200,
    summary: 'Register the complaint in the journal under the next register number of the year',
    data: (body, _actor, config) => ({ ...body, promisedAnswerBy: deadline(body.promisedAnswerBy, config) }),
  }),
  route({
    command: 'InvestigateComplaint',
    handler: 'investigate',
    path: ':id/investigation',
    dto: InvestigateComplaintDto,
    status: 200,
    summary: 'Record the investigation: verdict, findings, root cause, responsible party, corrective action',
    description: `${RECORDED}: the investigator.`,
    data: (body, actor) => ({ ...body, investigatedBy: performer('investigatedBy', body.investigatedBy, actor) }),
  }),
  route({
    command: 'WaiveInvestigation',
    handler: 'waiveInvestigation',
    path: ':id/investigation-waiver',
    dto: WaiveInvestigationDto,
    status: 200,
    summary: 'Record the decision not to investigate, with the reason and who decided',
    description: `${RECORDED}: the one who decided.`,
    data: (body, actor) => ({ ...body, decidedBy: performer('decidedBy', body.decidedBy, actor) }),
  }),
  route({
    command: 'AnswerComplaint',
    handler: 'answer',
    path: ':id/answer',
    dto: AnswerComplaintDto,
    status: 200,
    summary: 'Record the reasoned answer sent to the customer; sets the follow-up deadline',
    description: `${RECORDED}: the manager who signs.`,
    data: (body, actor) => ({ ...body, signedBy: performer('signedBy', body.signedBy, actor) }),
  }),
  route({
    command: 'CompensateComplaint',
    handler: 'compensate',
    path: ':id/compensations',
    dto: CompensateComplaintDto,
    status: 200,
    summary: 'Grant a compensation (any number of times, after the answer)',
    description:
      `${RECORDED}: the approver. A quality officer grants alone while the case's total in that currency stays within ` +
      'COMPENSATION_APPROVAL_THRESHOLDS; beyond it, or in a currency without a threshold, a manager must (403 manager-approval-required).',
    data: (body, actor) => ({ ...body, amount: body.amount && { ...body.amount }, approvedBy: performer('approvedBy', body.approvedBy, actor) }),
  }),
  route({
    command: 'RecordFollowUp',
    handler: 'followUp',
    path: ':id/follow-ups',
    dto: RecordFollowUpDto,
    status: 200,
    summary: 'Record a follow-up contact: problem solved, satisfaction 1–5; also on a closed case, which it does not reopen',
    data: (body) => ({ ...body, contactedAt: utc(body.contactedAt) }),
  }),
  route({
    command: 'RecordContact',
    handler: 'contact',
    path: ':id/contacts',
    dto: RecordContactDto,
    status: 200,
    summary: 'Record a contact with the complainant: acknowledgement, progress update, request for information, holding letter, final response',
    description: `${RECORDED}: the one who made the contact. Also on a closed case, which it does not reopen.`,
    data: (body, actor) => ({ ...body, contactedAt: utc(body.contactedAt) as string, contactedBy: actor.id }),
  }),
  route({
    command: 'ReassignComplaint',
    handler: 'reassign',
    path: ':id/reassignment',
    dto: ReassignComplaintDto,
    status: 200,
    summary: 'Hand the complaint to another responsible officer',
    data: (body) => ({ ...body }),
  }),
  route({
    command: 'ExtendAnswerDeadline',
    handler: 'extendDeadline',
    path: ':id/deadline-extensions',
    dto: ExtendAnswerDeadlineDto,
    status: 200,
    summary: 'Move the answer deadline, with the reason and how the customer was told',
    data: (body, _actor, config) => ({ ...body, answerDueAt: deadline(body.answerDueAt, config) as string, customerInformedAt: utc(body.customerInformedAt) }),
  }),
  route({
    command: 'AwaitComplainant',
    handler: 'awaitComplainant',
    path: ':id/awaiting-complainant',
    dto: AwaitComplainantDto,
    status: 200,
    summary: 'Record that the case waits on information from the complainant: the answer clock stands still until it arrives',
    description: `${RECORDED}: the officer who asked. Refused once the answer deadline has passed (409 deadline-already-passed).`,
    data: (body) => ({ ...body }),
  }),
  route({
    command: 'RecordComplainantInformation',
    handler: 'complainantInformation',
    path: ':id/complainant-information',
    dto: RecordComplainantInformationDto,
    status: 200,
    summary: 'Record that the information asked for arrived (or did not): the answer deadline moves by the time waited, never past the statutory limit',
    description: `${RECORDED}: the officer who records it.`,
    optionalBody: true,
    data: (body) => ({ ...body }),
  }),
  route({
    command: 'CloseComplaint',
    handler: 'close',
    path: ':id/closure',
    dto: CloseComplaintDto,
    status: 200,
    summary: 'Close the complaint (after the answer): whether the complainant accepted the outcome, any referral to an external body',
    optionalBody: true,
    data: (body) => ({ ...body, referral: body.referral && { ...body.referral } }),
  }),
  route({
    command: 'ReopenComplaint',
    handler: 'reopen',
    path: ':id/reopening',
    dto: ReasonDto,
    status: 200,
    summary: 'Reopen a closed complaint, with the reason; it is investigated and answered again',
    data: (body) => ({ ...body }),
  }),
  route({
    command: 'WithdrawComplaint',
    handler: 'withdraw',
    path: ':id/withdrawal',
    dto: ReasonDto,
    status: 200,
    summary: 'Record that the customer withdrew the complaint; nothing more can be recorded after it',
    data: (body) => ({ ...body }),
  }),
];

/**
 * Whoever performs a command is the person it records, from the verified principal. A body may repeat
 * that id (older clients send it), never name someone else: a signature or approval cannot be borrowed.
 */
const performer = (field: string, named: string | undefined, actor: Actor): string => {
  if (named !== undefined && named !== actor.id)
    throw new CommandRejected(
      notPermitted('not-the-principal', `${field} names "${named}", but you are ${actor.id}: the ledger records whoever performs the command. Omit ${field}.`, field),
    );
  return actor.id;
};

/** Times travel as ISO-8601 UTC in events, whatever offset the client wrote. */
const utc = (value: string | undefined): string | undefined => (value === undefined ? undefined : new Date(value).toISOString());

/** A deadline given as a date alone is met until the end of that day in the deployment's zone, as the policy's deadlines are. */
const deadline = (value: string | undefined, config: AppConfig): string | undefined =>
  value !== undefined && isIsoDate(value) ? endOfDateIn(config.deadlinePolicy, value) : utc(value);
