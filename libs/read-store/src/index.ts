export * from './document-store.port';
export { EmbeddedDocumentStore } from './embedded/embedded-document-store';
export type { EmbeddedDocumentStoreOptions } from './embedded/embedded-document-store';
export { READ_MODELS_FILE } from './embedded/schema';
export { SqliteDocumentStore } from './sqlite/sqlite-document-store';
export type { SqliteDocumentStoreOptions } from './sqlite/sqlite-document-store';
export { databaseOf, MongoDocumentStore } from './mongo/mongo-document-store';
export type { MongoDocumentStoreOptions } from './mongo/mongo-document-store';
export { isUnavailable as isMongoUnavailable } from './mongo/mongo-errors';
