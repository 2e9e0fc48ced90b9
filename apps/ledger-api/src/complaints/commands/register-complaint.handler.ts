import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { complaintStreamId, decide, formatRegisterNumber, isDomainError, RegisterComplaint } from '@app/domain';
import { EventStore } from '@app/event-store';
import { CommandRejected, EVENT_STORE } from '@app/platform';
import { CommandResult } from './command-result';
import { RegisterComplaintCommand } from './complaint-commands';
import { ComplaintCommandService } from './complaint-command.service';
import { RegisterNumbers } from './register-numbers.service';

@CommandHandler(RegisterComplaintCommand)
export class RegisterComplaintHandler implements ICommandHandler<RegisterComplaintCommand, CommandResult> {
  constructor(
    private readonly commands: ComplaintCommandService,
    private readonly registerNumbers: RegisterNumbers,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ complaintId, data, request }: RegisterComplaintCommand): Promise<CommandResult> {
    let registerNumber: string | undefined;
    const result = await this.commands.handle(complaintId, request, async (state, { commandId, now }) => {
      const year = now.getUTCFullYear();
      const command = (registerNumber: string): RegisterComplaint => ({
        type: 'RegisterComplaint',
        data: { ...data, complaintId, registerNumber },
      });
      // Refuse before reserving, so that a number is only taken by a registration that can succeed.
      const precheck = decide(command(formatRegisterNumber(year, 1)), state, this.commands.decisionContext(now, request.actor));
      if (isDomainError(precheck)) throw new CommandRejected(precheck);
      registerNumber = await this.registerNumbers.reserve({
        year,
        complaintId,
        commandId,
        now,
        actor: request.actor,
        correlationId: request.correlationId,
      });
      return command(registerNumber);
    });
    // An idempotent retry appends nothing: the number is the one its first attempt recorded.
    registerNumber ??= (await this.store.readStream(complaintStreamId(complaintId)))
      .map((event) => (event.type === 'ComplaintRegistered' ? (event.data as { registerNumber?: string }).registerNumber : undefined))
      .find((number) => number !== undefined);
    return { ...result, registerNumber };
  }
}
