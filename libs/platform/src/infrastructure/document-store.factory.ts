import { DocumentStore, EmbeddedDocumentStore, MongoDocumentStore, READ_MODELS_FILE } from '@app/read-store';
import { join } from 'node:path';

/** The read models' store: MongoDB when MONGODB_URI is set (production), else the embedded store under DATA_DIR. */
export const openDocumentStore = async (config: { mongodbUri?: string; dataDir: string }): Promise<DocumentStore> =>
  config.mongodbUri ? MongoDocumentStore.connect(config.mongodbUri) : new EmbeddedDocumentStore(join(config.dataDir, READ_MODELS_FILE));
