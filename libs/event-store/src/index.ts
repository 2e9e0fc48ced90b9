export * from './event-store.port';
export * from './integrity/canonical-json';
export * from './integrity/hash-chain';
export * from './integrity/history-entry';
export * from './read-all-pages';
export * from './access-trail';
