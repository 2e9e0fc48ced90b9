import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Request } from 'express';
import { AccessLogModule } from './access-log/access-log.module';
import { AuthModule } from './auth/auth.module';
import { principalOf } from './auth/principal';
import { ComplaintsModule } from './complaints/complaints.module';
import { EvidenceModule } from './evidence/evidence.module';
import { HealthController } from './health/health.controller';
import { InfrastructureModule, InfrastructureOptions } from './infrastructure/infrastructure.module';
import { JournalModule } from './journal/journal.module';
import { PersonalDataModule } from './personal-data/personal-data.module';
import { ProjectionsModule } from './projections/projections.module';
import { WebModule } from './web/web.module';

@Module({})
export class AppModule {
  static forRoot(options: InfrastructureOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: options.config.logLevel,
            // Request logs name the verified actor and correlation id; bodies hold personal data and stay out.
            customProps: (req) => ({ actor: principalOf(req as Request)?.id, correlationId: req.headers['x-correlation-id'] }),
            redact: ['req.headers.authorization', 'req.headers.cookie'],
          },
        }),
        InfrastructureModule.forRoot(options),
        AuthModule,
        PersonalDataModule,
        ProjectionsModule,
        // Before ComplaintsModule: /complaints/overdue must not be taken for /complaints/:id.
        JournalModule,
        ComplaintsModule,
        EvidenceModule,
        AccessLogModule,
        WebModule.forRoot(),
      ],
      controllers: [HealthController],
    };
  }
}
