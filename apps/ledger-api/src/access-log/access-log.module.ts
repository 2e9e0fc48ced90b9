import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessLogController } from './access-log.controller';
import { AccessTrailInterceptor } from './access-trail.interceptor';
import { ReadAccessTrailHandler } from './read-access-trail.handler';

/** Records the reads of personal data (the interceptor) and lets auditors read that trail. */
@Module({
  imports: [CqrsModule],
  controllers: [AccessLogController],
  providers: [{ provide: APP_INTERCEPTOR, useClass: AccessTrailInterceptor }, ReadAccessTrailHandler],
})
export class AccessLogModule {}
