import { Body, Controller, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ComplaintCommand, endOfDateIn, isIsoDate, notPermitted } from '@app/domain';
import { AppConfig, APP_CONFIG, ApiAuthenticated, ApiCommandHeaders, CommandResultDto, CommandRequest, FromCommandRequest, CommandRejected } from '@app/platform';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { ComplaintIdPipe } from '../../http/complaint-id.pipe';
import { CommandResult } from '../commands/command-result';
import { ComplaintCommandService } from '../commands/complaint-command.service';
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
import { complaintIdForKey, handledRequest } from './handled-request';

// The people a command records come from the verified principal, never from the body.
const RECORDED = 'The signed-in principal is recorded as the person who performed this (a body naming someone else is refused 403 not-the-principal)';

type CommandData<T extends ComplaintCommand['type']> = Omit<Extract<ComplaintCommand, { type: T }>['data'], 'complaintId'>;

/** One endpoint per command of a complaint's life; each answers where its events landed. */
@ApiTags('Complaint commands')
@ApiAuthenticated()
@ApiCommandHeaders()
@Controller('complaints')
export class ComplaintCommandsController {
  constructor(
    private readonly commands: ComplaintCommandService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Receive a complaint (any channel); it gets its id and registration deadline', description: `${RECORDED}: the one who took the complaint.` })
  @ApiCreatedResponse({ type: CommandResultDto, description: 'Location names the new complaint; ETag is its revision' })
  async receive(
    @Body() body: ReceiveComplaintDto,
    @FromCommandRequest() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const complaintId = request.idempotencyKey ? complaintIdForKey(request.actor.id, request.idempotencyKey) : randomUUID();
    const data: CommandData<'ReceiveComplaint'> = {
      ...body,
      documents: body.documents ?? [],
      receivedAt: utc(body.receivedAt),
      takenBy: performer('takenBy', body.takenBy, request.actor),
      resolvedOnTheSpot: body.resolvedOnTheSpot ?? false,
    };
    const result = await this.run(response, complaintId, request, { type: 'ReceiveComplaint', data: { ...data, complaintId } }, body);
    response.location(`/complaints/${complaintId}`);
    return result;
  }

  @Post(':id/registration')
  @HttpCode(200)
  @ApiOperation({ summary: 'Register the complaint in the journal under the next register number of the year' })
  @ApiOkResponse({ type: CommandResultDto })
  async register(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: RegisterComplaintDto,
    @FromCommandRequest() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const data = { ...body, promisedAnswerBy: deadline(body.promisedAnswerBy, this.config) };
    const handled = handledRequest(request, 'RegisterComplaint', complaintId, body);
    return withETag(response, await this.commands.register(complaintId, data, handled));
  }

  @Post(':id/investigation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the investigation: verdict, findings, root cause, responsible party, corrective action', description: `${RECORDED}: the investigator.` })
  @ApiOkResponse({ type: CommandResultDto })
  investigate(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: InvestigateComplaintDto,
    @FromCommandRequest() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const data = { ...body, investigatedBy: performer('investigatedBy', body.investigatedBy, request.actor) };
    return this.run(response, complaintId, request, { type: 'InvestigateComplaint', data: { ...data, complaintId } }, body);
  }

  @Post(':id/investigation-waiver')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the decision not to investigate, with the reason and who decided', description: `${RECORDED}: the one who decided.` })
  @ApiOkResponse({ type: CommandResultDto })
  waiveInvestigation(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: WaiveInvestigationDto,
    @FromCommandRequest() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const data = { ...body, decidedBy: performer('decidedBy', body.decidedBy, request.actor) };
    return this.run(response, complaintId, request, { type: 'WaiveInvestigation', data: { ...data, complaintId } }, body);
  }

  @Post(':id/answer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the reasoned answer sent to the customer; sets the follow-up deadline', description: `${RECORDED}: the manager who signs.` })
  @ApiOkResponse({ type: CommandResultDto })
  answer(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: AnswerComplaintDto,
    @FromCommandRequest() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const data = { ...body, signedBy: performer('signedBy', body.signedBy, request.actor) };
    return this.run(response, complaintId, request, { type: 'AnswerComplaint', data: { ...data, complaintId } }, body);
  }

  @Post(':id/compensations')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Grant a compensation (any number of times, after the answer)',
    description:
      `${RECORDED}: the approver. A quality officer grants alone while the case's total in that currency stays within ` +
      'COMPENSATION_APPROVAL_THRESHOLDS; beyond it, or in a currency without a threshold, a manager must (403 manager-approval-required).',
  })
  @ApiOkResponse({ type: CommandResultDto })
  compensate(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: CompensateComplaintDto,
    @FromCommandRequest() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const data = { ...body, amount: body.amount && { ...body.amount }, approvedBy: performer('approvedBy', body.approvedBy, request.actor) };
    return this.run(response, complaintId, request, { type: 'CompensateComplaint', data: { ...data, complaintId } }, body);
  }

  @Post(':id/follow-ups')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record a follow-up contact: problem solved, satisfaction 1–5; also on a closed case, which it does not reopen' })
  @ApiOkResponse({ type: CommandResultDto })
  followUp(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: RecordFollowUpDto,
    @FromCommandRequest() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const data = { ...body, contactedAt: utc(body.contactedAt) };
    return this.run(response, complaintId, request, { type: 'RecordFollowUp', data: { ...data, complaintId } }, body);
  }

  @Post(':id/contacts')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record a contact with the complainant: acknowledgement, progress update, request for information, holding letter, final response',
    description: `${RECORDED}: the one who made the contact. Also on a closed case, which it does not reopen.`,
  })
  @ApiOkResponse({ type: CommandResultDto })
  contact(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: RecordContactDto,
    @FromCommandRequest() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const data = { ...body, contactedAt: utc(body.contactedAt), contactedBy: request.actor.id };
    return this.run(response, complaintId, request, { type: 'RecordContact', data: { ...data, complaintId } }, body);
  }

  @Post(':id/reassignment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hand the complaint to another responsible officer' })
  @ApiOkResponse({ type: CommandResultDto })
  reassign(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: ReassignComplaintDto,
    @FromCommandRequest() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    return this.run(response, complaintId, request, { type: 'ReassignComplaint', data: { ...body, complaintId } }, body);
  }

  @Post(':id/deadline-extensions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the answer deadline, with the reason and how the customer was told' })
  @ApiOkResponse({ type: CommandResultDto })
  extendDeadline(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: ExtendAnswerDeadlineDto,
    @FromCommandRequest() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const data = { ...body, answerDueAt: deadline(body.answerDueAt, this.config) as string, customerInformedAt: utc(body.customerInformedAt) };
    return this.run(response, complaintId, request, { type: 'ExtendAnswerDeadline', data: { ...data, complaintId } }, body);
  }

  @Post(':id/awaiting-complainant')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record that the case waits on information from the complainant: the answer clock stands still until it arrives',
    description: `${RECORDED}: the officer who asked. Refused once the answer deadline has passed (409 deadline-already-passed).`,
  })
  @ApiOkResponse({ type: CommandResultDto })
  awaitComplainant(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: AwaitComplainantDto,
    @FromCommandRequest() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    return this.run(response, complaintId, request, { type: 'AwaitComplainant', data: { ...body, complaintId } }, body);
  }

  @Post(':id/complainant-information')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record that the information asked for arrived (or did not): the answer deadline moves by the time waited, never past the statutory limit',
    description: `${RECORDED}: the officer who records it.`,
  })
  @ApiOkResponse({ type: CommandResultDto })
  @ApiBody({ type: RecordComplainantInformationDto, required: false })
  complainantInformation(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: RecordComplainantInformationDto,
    @FromCommandRequest() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    return this.run(response, complaintId, request, { type: 'RecordComplainantInformation', data: { ...body, complaintId } }, body);
  }

  @Post(':id/closure')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the complaint (after the answer): whether the complainant accepted the outcome, any referral to an external body' })
  @ApiOkResponse({ type: CommandResultDto })
  @ApiBody({ type: CloseComplaintDto, required: false })
  close(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: CloseComplaintDto,
    @FromCommandRequest() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const data = { ...body, referral: body.referral && { ...body.referral } };
    return this.run(response, complaintId, request, { type: 'CloseComplaint', data: { ...data, complaintId } }, body);
  }

  @Post(':id/reopening')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a closed complaint, with the reason; it is investigated and answered again' })
  @ApiOkResponse({ type: CommandResultDto })
  reopen(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: ReasonDto,
    @FromCommandRequest() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    return this.run(response, complaintId, request, { type: 'ReopenComplaint', data: { ...body, complaintId } }, body);
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that the customer withdrew the complaint; nothing more can be recorded after it' })
  @ApiOkResponse({ type: CommandResultDto })
  withdraw(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: ReasonDto,
    @FromCommandRequest() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    return this.run(response, complaintId, request, { type: 'WithdrawComplaint', data: { ...body, complaintId } }, body);
  }

  private async run(
    response: Response,
    complaintId: string,
    request: CommandRequest,
    command: ComplaintCommand,
    body: object,
  ): Promise<CommandResult> {
    const handled = handledRequest(request, command.type, complaintId, body);
    return withETag(response, await this.commands.execute(complaintId, command, handled));
  }
}

const withETag = (response: Response, result: CommandResult): CommandResult => {
  response.setHeader('ETag', `"${result.revision}"`);
  return result;
};

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
