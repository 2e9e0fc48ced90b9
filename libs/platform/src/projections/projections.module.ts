import { BeforeApplicationShutdown, Global, Inject, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { EventStore } from '@app/event-store';
import { ALL_PROJECTIONS, ProjectionEngine } from '@app/projections';
import { DocumentStore } from '@app/read-store';
import { PersonalDataVault, UnsealingEventStore } from '@app/security';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG, Clock, CLOCK, DOCUMENT_STORE, EVENT_STORE, PROJECTION_ENGINE } from '../infrastructure/tokens';
import { ProjectionsController } from './projections.controller';
import { ReadYourWrites } from './read-your-writes';

/**
 * The projection engine: in-process by default (embedded mode: the API keeps its read models up to date
 * itself); with PROJECTIONS=external the projector writes them and this process follows its checkpoints.
 */
@Global()
@Module({
  controllers: [ProjectionsController],
  providers: [
    {
      provide: PROJECTION_ENGINE,
      inject: [EVENT_STORE, DOCUMENT_STORE, PersonalDataVault, APP_CONFIG, CLOCK],
      useFactory: (events: EventStore, documents: DocumentStore, vault: PersonalDataVault, config: AppConfig, clock: Clock) => {
        const logger = new Logger('Projections');
        return new ProjectionEngine({
          // Read models show personal data opened, and rewrite it as erased on PersonalDataErased.
          events: new UnsealingEventStore(events, vault),
          documents,
          projections: ALL_PROJECTIONS,
          runsProjections: config.projections === 'in-process',
          clock,
          log: (level, message, details) => (level === 'error' ? logger.error({ ...details, msg: message }) : logger.log(message)),
        });
      },
    },
    ReadYourWrites,
  ],
  exports: [PROJECTION_ENGINE, ReadYourWrites],
})
export class ProjectionsModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(PROJECTION_ENGINE) private readonly engine: ProjectionEngine) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.engine.start();
  }

  // Before the stores close: the runners finish their batch and save their checkpoints.
  async beforeApplicationShutdown(): Promise<void> {
    await this.engine.stop();
  }
}
