export * from './document-store.port';
export { SqliteDocumentStore } from './sqlite/sqlite-document-store';
export type { SqliteDocumentStoreOptions } from './sqlite/sqlite-document-store';
/** The embedded store (the default, under DATA_DIR) is the SQLite one (ADR 0011). */
export { SqliteDocumentStore as EmbeddedDocumentStore } from './sqlite/sqlite-document-store';
export { READ_MODELS_FILE } from './sqlite/schema';
export { MongoDocumentStore } from './mongo';
export type { MongoDocumentStoreOptions } from './mongo';
