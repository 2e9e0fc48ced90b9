import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { EventStore, EVENTS_FILE, SqliteEventStore } from '@app/event-store';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG, Clock, CLOCK, EVENT_STORE, systemClock } from './tokens';

export interface InfrastructureOptions {
  config: AppConfig;
  clock?: Clock;
  /** An event store to use instead of the embedded one (tests, other adapters). */
  eventStore?: EventStore;
}

/** Provides the ports: configuration, clock, event store. Closes the store on shutdown. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(options: InfrastructureOptions): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        {
          provide: EVENT_STORE,
          useFactory: () => options.eventStore ?? new SqliteEventStore(join(options.config.dataDir, EVENTS_FILE)),
        },
      ],
      exports: [APP_CONFIG, CLOCK, EVENT_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
