import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ComplaintCommand } from '@app/domain';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { ComplaintIdPipe } from '../../http/complaint-id.pipe';
import { ApiAuthenticated, ApiCommandHeaders, CommandResultDto } from '../../http/openapi.decorators';
import { CommandRequest, FromCommandRequest } from '../../http/request-context';
import { CommandResult } from '../commands/command-result';
import { ExecuteComplaintCommand, RegisterComplaintCommand } from '../commands/complaint-commands';
import { CloseComplaintDto, ExtendAnswerDeadlineDto, ReasonDto, ReassignComplaintDto } from '../dto/administration.dto';
import {
  AnswerComplaintDto,
  CompensateComplaintDto,
  InvestigateComplaintDto,
  RecordFollowUpDto,
  WaiveInvestigationDto,
} from '../dto/handling.dto';
import { ReceiveComplaintDto, RegisterComplaintDto } from '../dto/intake.dto';
import { complaintIdForKey, handledRequest } from './handled-request';

type CommandData<T extends ComplaintCommand['type']> = Omit<Extract<ComplaintCommand, { type: T }>['data'], 'complaintId'>;

/** One endpoint per command of a complaint's life; each answers where its events landed. */
@ApiTags('Complaint commands')
@ApiAuthenticated()
@ApiCommandHeaders()
@Controller('complaints')
export class ComplaintCommandsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Receive a complaint (any channel); it gets its id and registration deadline' })
  @ApiCreatedResponse({ type: CommandResultDto, description: 'Location names the new complaint; ETag is its revision' })
  async receive(
    @Body() body: ReceiveComplaintDto,
    @FromCommandRequest() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const complaintId = request.idempotencyKey ? complaintIdForKey(request.idempotencyKey) : randomUUID();
    const data: CommandData<'ReceiveComplaint'> = {
      ...body,
      documents: body.documents ?? [],
      receivedAt: utc(body.receivedAt),
      takenBy: body.takenBy ?? request.actor.id,
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
    const data = { ...body, promisedAnswerBy: utc(body.promisedAnswerBy) };
    const handled = handledRequest(request, 'RegisterComplaint', complaintId, body);
    return withETag(response, await this.commandBus.execute(new RegisterComplaintCommand(complaintId, data, handled)));
  }

  @Post(':id/investigation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the investigation: verdict, findings, root cause, responsible party, corrective action' })
  @ApiOkResponse({ type: CommandResultDto })
  investigate(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: InvestigateComplaintDto,
    @FromCommandRequest() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const data = { ...body, investigatedBy: body.investigatedBy ?? request.actor.id };
    return this.run(response, complaintId, request, { type: 'InvestigateComplaint', data: { ...data, complaintId } }, body);
  }

  @Post(':id/investigation-waiver')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the decision not to investigate, with the reason and who decided' })
  @ApiOkResponse({ type: CommandResultDto })
  waiveInvestigation(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: WaiveInvestigationDto,
    @FromCommandRequest() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const data = { ...body, decidedBy: body.decidedBy ?? request.actor.id };
    return this.run(response, complaintId, request, { type: 'WaiveInvestigation', data: { ...data, complaintId } }, body);
  }

  @Post(':id/answer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the reasoned answer sent to the customer; sets the follow-up deadline' })
  @ApiOkResponse({ type: CommandResultDto })
  answer(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: AnswerComplaintDto,
    @FromCommandRequest() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const data = { ...body, signedBy: body.signedBy ?? request.actor.id };
    return this.run(response, complaintId, request, { type: 'AnswerComplaint', data: { ...data, complaintId } }, body);
  }

  @Post(':id/compensations')
  @HttpCode(200)
  @ApiOperation({ summary: 'Grant a compensation (any number of times, after the answer)' })
  @ApiOkResponse({ type: CommandResultDto })
  compensate(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: CompensateComplaintDto,
    @FromCommandRequest() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    const data = { ...body, amount: body.amount && { ...body.amount }, approvedBy: body.approvedBy ?? request.actor.id };
    return this.run(response, complaintId, request, { type: 'CompensateComplaint', data: { ...data, complaintId } }, body);
  }

  @Post(':id/follow-ups')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record a follow-up contact: problem solved, satisfaction 1–5' })
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
    const data = { ...body, answerDueAt: utc(body.answerDueAt) as string, customerInformedAt: utc(body.customerInformedAt) };
    return this.run(response, complaintId, request, { type: 'ExtendAnswerDeadline', data: { ...data, complaintId } }, body);
  }

  @Post(':id/closure')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the complaint (after the answer)' })
  @ApiOkResponse({ type: CommandResultDto })
  @ApiBody({ type: CloseComplaintDto, required: false })
  close(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Body() body: CloseComplaintDto,
    @FromCommandRequest() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResult> {
    return this.run(response, complaintId, request, { type: 'CloseComplaint', data: { ...body, complaintId } }, body);
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
    return withETag(response, await this.commandBus.execute(new ExecuteComplaintCommand(complaintId, command, handled)));
  }
}

const withETag = (response: Response, result: CommandResult): CommandResult => {
  response.setHeader('ETag', `"${result.revision}"`);
  return result;
};

/** Times travel as ISO-8601 UTC in events, whatever offset the client wrote. */
const utc = (value: string | undefined): string | undefined => (value === undefined ? undefined : new Date(value).toISOString());
