import { ICommand } from '@nestjs/cqrs';
import { ComplaintCommand, RegisterComplaint } from '@app/domain';
import { CommandRequest } from '@app/platform';

export type HandledRequest = CommandRequest & { requestHash: string };

/** Any complaint command that needs nothing but the case itself to be decided. */
export class ExecuteComplaintCommand implements ICommand {
  constructor(
    readonly complaintId: string,
    readonly command: ComplaintCommand,
    readonly request: HandledRequest,
  ) {}
}

/** Registration also needs a register number, reserved in the register stream before deciding. */
export class RegisterComplaintCommand implements ICommand {
  constructor(
    readonly complaintId: string,
    readonly data: Omit<RegisterComplaint['data'], 'registerNumber' | 'complaintId'>,
    readonly request: HandledRequest,
  ) {}
}
