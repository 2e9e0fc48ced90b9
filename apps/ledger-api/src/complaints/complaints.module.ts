import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ComplaintCommandService } from './commands/complaint-command.service';
import { RegisterNumbers, RegisterSweeper } from './commands/register-numbers.service';
import { ComplaintCommandsController } from './http/complaint-commands.controller';
import { ComplaintQueriesController } from './http/complaint-queries.controller';
import { ComplaintStreamReader } from './queries/complaint-stream.reader';
import { GetComplaintHistoryHandler } from './queries/get-complaint-history.handler';
import { GetComplaintHandler } from './queries/get-complaint.handler';
import { VerifyComplaintHandler } from './queries/verify-complaint.handler';

@Module({
  imports: [CqrsModule],
  controllers: [ComplaintCommandsController, ComplaintQueriesController],
  providers: [
    ComplaintCommandService,
    RegisterNumbers,
    RegisterSweeper,
    ComplaintStreamReader,
    GetComplaintHandler,
    GetComplaintHistoryHandler,
    VerifyComplaintHandler,
  ],
  exports: [ComplaintCommandService, ComplaintStreamReader],
})
export class ComplaintsModule {}
