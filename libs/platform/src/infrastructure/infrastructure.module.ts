import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '@app/event-store';
import { DocumentStore } from '@app/read-store';
import { AppConfig } from '../config/app-config';
import { openDocumentStore } from './document-store.factory';
import { createEventStore } from './event-store.factory';
import { APP_CONFIG, Clock, CLOCK, DOCUMENT_STORE, EVENT_STORE, systemClock } from './tokens';

export interface InfrastructureOptions {
  config: AppConfig;
  clock?: Clock;
  /** An event store to use instead of the embedded one (tests, other adapters). */
  eventStore?: EventStore;
  /** A document store to use instead of the configured one. */
  documentStore?: DocumentStore;
}

/** Provides the ports: configuration, clock, event store, document store. Closes the stores on shutdown. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
  ) {}

  static forRoot(options: InfrastructureOptions): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        {
          provide: EVENT_STORE,
          useFactory: () => options.eventStore ?? createEventStore(options.config),
        },
        {
          provide: DOCUMENT_STORE,
          useFactory: () => options.documentStore ?? openDocumentStore(options.config),
        },
      ],
      exports: [APP_CONFIG, CLOCK, EVENT_STORE, DOCUMENT_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.documents.close();
    await this.store.close();
  }
}
