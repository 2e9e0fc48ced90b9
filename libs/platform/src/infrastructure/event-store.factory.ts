import { EventStore } from '@app/event-store';
import { EsdbEventStore } from '@app/event-store/esdb';
import { EVENTS_FILE, SqliteEventStore } from '@app/event-store/sqlite';
import { join } from 'node:path';

/** The one place that picks the event store: EventStoreDB when a connection string is set, else the embedded SQLite file. */
export const createEventStore = (config: { eventStoreConnectionString?: string; dataDir: string }): EventStore =>
  config.eventStoreConnectionString
    ? new EsdbEventStore(config.eventStoreConnectionString)
    : new SqliteEventStore(join(config.dataDir, EVENTS_FILE));
