import { DocumentStore } from '@app/read-store';
import { MongoDocumentStore } from '@app/read-store/mongo';
import { READ_MODELS_FILE, SqliteDocumentStore } from '@app/read-store/sqlite';
import { join } from 'node:path';

/** The read models' store: MongoDB when MONGODB_URI is set (production), else the embedded SQLite store under DATA_DIR. */
export const openDocumentStore = async (config: { mongodbUri?: string; dataDir: string }): Promise<DocumentStore> =>
  config.mongodbUri ? MongoDocumentStore.connect(config.mongodbUri) : new SqliteDocumentStore(join(config.dataDir, READ_MODELS_FILE));
