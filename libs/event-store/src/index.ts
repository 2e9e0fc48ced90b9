export * from './event-store.port';
export * from './integrity/canonical-json';
export * from './integrity/hash-chain';
export * from './integrity/history-entry';
export * from './read-all-pages';
export { EVENTS_FILE } from './sqlite/schema';
export * from './sqlite/sqlite-event-store';
export * from './esdb/esdb-event-store';
export * from './access-trail';
