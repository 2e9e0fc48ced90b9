/** The MongoDB adapter's own entry: the store, and the driver facts another MongoDB adapter (the key store) shares. */
export { databaseOf, MongoDocumentStore } from './mongo-document-store';
export type { MongoDocumentStoreOptions } from './mongo-document-store';
export { isUnavailable as isMongoUnavailable } from './mongo-errors';
