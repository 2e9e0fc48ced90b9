import { BeforeApplicationShutdown, DynamicModule, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule, HealthController, InfrastructureModule, InfrastructureOptions, PersonalDataModule, ProjectionsModule } from '@app/platform';

/**
 * The projection worker: the API's stores and projection engine, without its commands and queries.
 * GET /health (stores and each read model's lag) and GET /projections answer over HTTP; rebuilds and
 * restarts (POST /projections/...) need an administrator, as on the API.
 */
@Module({})
export class ProjectorModule implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');

  static forRoot(options: InfrastructureOptions): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: { level: options.config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] } }),
        // The projector is the process that writes the read models, whatever PROJECTIONS says.
        InfrastructureModule.forRoot({ ...options, config: { ...options.config, projections: 'in-process' } }),
        // Its rebuild and restart endpoints are an administrator's, as on the API.
        AuthModule,
        // Projections read personal data opened (and erase it from the read models on PersonalDataErased).
        PersonalDataModule,
        ProjectionsModule,
      ],
      controllers: [HealthController],
    };
  }

  beforeApplicationShutdown(signal?: string): void {
    this.logger.log(`Stopping (${signal ?? 'closed'}): each projection finishes its batch and saves its checkpoint.`);
  }

  onApplicationShutdown(): void {
    this.logger.log('Stopped; checkpoints saved, stores closed.');
  }
}
