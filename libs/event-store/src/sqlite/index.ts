/** The SQLite adapter's own entry (the library's index exports the port; the bench also needs the schema). */
export { SqliteEventStore } from './sqlite-event-store';
export { EVENTS_FILE, migrate } from './schema';
