import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decide, formatRegisterNumber, isDomainError, RegisterComplaint } from '@app/domain';
import { CommandRejected } from '../../application/errors';
import { CommandResult } from './command-result';
import { RegisterComplaintCommand } from './complaint-commands';
import { ComplaintCommandService } from './complaint-command.service';
import { RegisterNumbers } from './register-numbers.service';

@CommandHandler(RegisterComplaintCommand)
export class RegisterComplaintHandler implements ICommandHandler<RegisterComplaintCommand, CommandResult> {
  constructor(
    private readonly commands: ComplaintCommandService,
    private readonly registerNumbers: RegisterNumbers,
  ) {}

  execute({ complaintId, data, request }: RegisterComplaintCommand): Promise<CommandResult> {
    return this.commands.handle(complaintId, request, async (state, { commandId, now }) => {
      const year = now.getUTCFullYear();
      const command = (registerNumber: string): RegisterComplaint => ({
        type: 'RegisterComplaint',
        data: { ...data, complaintId, registerNumber },
      });
      // Refuse before reserving, so that a number is only taken by a registration that can succeed.
      const precheck = decide(command(formatRegisterNumber(year, 1)), state, this.commands.decisionContext(now, request.actor));
      if (isDomainError(precheck)) throw new CommandRejected(precheck);
      const registerNumber = await this.registerNumbers.reserve({
        year,
        complaintId,
        commandId,
        now,
        actor: request.actor,
        correlationId: request.correlationId,
      });
      return command(registerNumber);
    });
  }
}
