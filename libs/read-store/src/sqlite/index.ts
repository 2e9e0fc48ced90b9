/** The embedded (SQLite) adapter's own entry (the library's index exports the port). */
export { SqliteDocumentStore } from './sqlite-document-store';
export type { SqliteDocumentStoreOptions } from './sqlite-document-store';
/** The embedded store (the default, under DATA_DIR) is the SQLite one (ADR 0011). */
export { SqliteDocumentStore as EmbeddedDocumentStore } from './sqlite-document-store';
export { READ_MODELS_FILE } from './schema';
