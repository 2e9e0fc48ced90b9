import { join } from 'node:path';
import { KeyStore } from './key-store.port';
import { MongoKeyStore } from './mongo-key-store';
import { KEYS_FILE, SqliteKeyStore } from './sqlite-key-store';

/**
 * The data keys where the API and the CLI both look for them: the data_keys collection of MONGODB_URI's
 * database in production, else keys.sqlite under DATA_DIR. Both processes must agree, or an erasure misses.
 */
export const openKeyStore = (config: { mongodbUri?: string; dataDir: string }): Promise<KeyStore> =>
  config.mongodbUri ? MongoKeyStore.connect(config.mongodbUri) : Promise.resolve(new SqliteKeyStore(join(config.dataDir, KEYS_FILE)));
