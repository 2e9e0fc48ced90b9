export * from './event-store.port';
export * from './integrity/canonical-json';
export * from './integrity/chained-append';
export * from './integrity/hash-chain';
export * from './sqlite/sqlite-event-store';
