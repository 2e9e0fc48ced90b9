/** The key stores, each an adapter of the KeyStore port; apps reach them through openKeyStore, tests and the bench here. */
export { KEYS_COLLECTION, MongoKeyStore } from './mongo-key-store';
export type { MongoKeyStoreOptions } from './mongo-key-store';
export { KEYS_FILE, SqliteKeyStore } from './sqlite-key-store';
