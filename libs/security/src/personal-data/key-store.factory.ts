import { join } from 'node:path';
import { KeyStore } from './key-store.port';
import { KEYS_FILE, MongoKeyStore, SqliteKeyStore } from '../key-stores';

/**
 * The data keys where the API and the CLI both look for them: the data_keys collection of MONGODB_URI's
 * database in production, else keys.sqlite under DATA_DIR. Both processes must agree, or an erasure misses.
 * The API creates keys.sqlite; the CLI opens it with `create: false`, so a wrong or backup directory is told, not filled.
 */
export const openKeyStore = async (config: { mongodbUri?: string; dataDir: string; create?: boolean }): Promise<KeyStore> =>
  config.mongodbUri ? MongoKeyStore.connect(config.mongodbUri) : new SqliteKeyStore(join(config.dataDir, KEYS_FILE), { create: config.create });
