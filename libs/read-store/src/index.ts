export * from './document-store.port';
export { EmbeddedDocumentStore } from './embedded/embedded-document-store';
export type { EmbeddedDocumentStoreOptions } from './embedded/embedded-document-store';
export { READ_MODELS_FILE } from './embedded/schema';
export { MongoDocumentStore } from './mongo';
export type { MongoDocumentStoreOptions } from './mongo';
