import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AccessLogController } from './access-log.controller';
import { AccessTrailInterceptor } from './access-trail.interceptor';

/** Records the reads of personal data (the interceptor) and lets auditors read that trail. */
@Module({
  controllers: [AccessLogController],
  providers: [{ provide: APP_INTERCEPTOR, useClass: AccessTrailInterceptor }],
})
export class AccessLogModule {}
