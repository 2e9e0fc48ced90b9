import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandResult } from './command-result';
import { ExecuteComplaintCommand } from './complaint-commands';
import { ComplaintCommandService } from './complaint-command.service';

@CommandHandler(ExecuteComplaintCommand)
export class ExecuteComplaintCommandHandler implements ICommandHandler<ExecuteComplaintCommand, CommandResult> {
  constructor(private readonly commands: ComplaintCommandService) {}

  execute({ complaintId, command, request }: ExecuteComplaintCommand): Promise<CommandResult> {
    return this.commands.handle(complaintId, request, () => command, {
      createsComplaint: command.type === 'ReceiveComplaint',
    });
  }
}
