/** The EventStoreDB adapter's own entry (the library's index exports the port). */
export { EsdbEventStore } from './esdb-event-store';
