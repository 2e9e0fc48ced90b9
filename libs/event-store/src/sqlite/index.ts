/** The SQLite adapter's own entry (the library's index re-exports what the apps use; the bench also needs the schema). */
export { SqliteEventStore } from './sqlite-event-store';
export { EVENTS_FILE, migrate } from './schema';
