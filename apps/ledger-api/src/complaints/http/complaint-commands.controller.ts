import { applyDecorators, Body, Controller, HttpCode, Inject, Param, Post, Res, Type } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ComplaintCommand } from '@app/domain';
import { AppConfig, APP_CONFIG, ApiAuthenticated, ApiCommandHeaders, CommandResultDto, CommandRequest, FromCommandRequest } from '@app/platform';
import type { Response } from 'express';
import { ComplaintIdPipe } from '../../http/complaint-id.pipe';
import { CommandResult } from '../commands/command-result';
import { ComplaintCommandService } from '../commands/complaint-command.service';
import { COMMAND_ROUTES, CommandData, CommandRoute } from './complaint-command-routes';

/**
 * One endpoint per command of a complaint's life, each declared by its row of COMMAND_ROUTES: the controller
 * only turns the request into the command and answers where its events landed (ETag, and Location for a new case).
 */
@ApiTags('Complaint commands')
@ApiAuthenticated()
@ApiCommandHeaders()
@Controller('complaints')
export class ComplaintCommandsController {
  constructor(
    private readonly commands: ComplaintCommandService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(route: CommandRoute, complaintId: string, body: object, request: CommandRequest, response: Response): Promise<CommandResult> {
    const data = route.data(body, request.actor, this.config);
    const result =
      route.command === 'ReceiveComplaint'
        ? await this.commands.receive(data as CommandData<'ReceiveComplaint'>, request, body)
        : route.command === 'RegisterComplaint'
          ? await this.commands.register(complaintId, data as CommandData<'RegisterComplaint'>, request, body)
          : await this.commands.execute(complaintId, { type: route.command, data: { ...data, complaintId } } as ComplaintCommand, request, body);
    response.setHeader('ETag', `"${result.revision}"`);
    if (route.command === 'ReceiveComplaint') response.location(`/complaints/${result.complaintId}`);
    return result;
  }
}

/**
 * Nest needs a method with decorators per route: each row becomes one, named by its handler, taking the case
 * from the path (checked by ComplaintIdPipe), the body validated as the row's DTO, and the command request.
 */
const declare = (controller: Type<ComplaintCommandsController>, route: CommandRoute): void => {
  const { prototype } = controller;
  const name = route.handler;
  const endpoint = {
    [name](this: ComplaintCommandsController, complaintId: string, body: object, request: CommandRequest, response: Response) {
      return this.run(route, complaintId, body, request, response);
    },
  }[name];
  Object.defineProperty(prototype, name, { value: endpoint, writable: true, configurable: true });
  // What TypeScript would have emitted for the parameters: the validation pipe and OpenAPI read the body's DTO from it.
  Reflect.defineMetadata('design:paramtypes', [String, route.dto, Object, Object], prototype, name);
  if (route.path !== '') Param('id', ComplaintIdPipe)(prototype, name, 0);
  Body()(prototype, name, 1);
  FromCommandRequest()(prototype, name, 2);
  Res({ passthrough: true })(prototype, name, 3);
  applyDecorators(
    Post(route.path),
    HttpCode(route.status),
    ApiOperation({ summary: route.summary, ...(route.description ? { description: route.description } : {}) }),
    route.status === 201 ? ApiCreatedResponse({ type: CommandResultDto, description: route.created }) : ApiOkResponse({ type: CommandResultDto }),
    ...(route.optionalBody ? [ApiBody({ type: route.dto, required: false })] : []),
  )(prototype, name, Object.getOwnPropertyDescriptor(prototype, name)!);
};

for (const route of COMMAND_ROUTES) declare(ComplaintCommandsController, route);
