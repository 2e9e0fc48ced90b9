import { EventStore, EVENTS_FILE, SqliteEventStore } from '@app/event-store';
import { DocumentStore, DocumentStoreUnavailableError, EmbeddedDocumentStore, MongoDocumentStore, READ_MODELS_FILE } from '@app/read-store';
import { KeyStore, openKeyStore } from '@app/security';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createEventStore } from '../../ledger-api/src/infrastructure/event-store.factory';

/** The event store the API uses: EventStoreDB when EVENTSTORE_CONNECTION_STRING is set, else the embedded one. */
export const openEventStore = (dataDir: string, connectionString = process.env.EVENTSTORE_CONNECTION_STRING): EventStore =>
  connectionString ? createEventStore({ eventStoreConnectionString: connectionString, dataDir }) : openEmbeddedStore(dataDir);

/** Opens the embedded event store of a data directory; refuses to create one where there is none. */
export const openEmbeddedStore = (dataDir: string): SqliteEventStore => {
  const path = join(resolve(dataDir), EVENTS_FILE);
  if (!existsSync(path)) throw new UsageError(`No event store at ${path}; set DATA_DIR or --data-dir.`);
  return new SqliteEventStore(path);
};

/** Opens the embedded read models of a data directory (only while no API holds them). */
export const openEmbeddedReadModels = (dataDir: string): EmbeddedDocumentStore => {
  try {
    return new EmbeddedDocumentStore(join(resolve(dataDir), READ_MODELS_FILE));
  } catch (error) {
    if (!(error instanceof DocumentStoreUnavailableError)) throw error;
    throw new UsageError(`${error.message} Name the running API with --api <url>, and it will rebuild them.`);
  }
};

/** The read models the API uses: on MongoDB when MONGODB_URI is set, else the embedded ones of the data directory. */
export const openReadModels = async (dataDir: string, mongodbUri = process.env.MONGODB_URI): Promise<DocumentStore> => {
  if (!mongodbUri) return openEmbeddedReadModels(dataDir);
  try {
    return await MongoDocumentStore.connect(mongodbUri);
  } catch (error) {
    throw new UsageError(`The read models on MongoDB (MONGODB_URI) cannot be opened: ${(error as Error).message}`);
  }
};

/** The data keys the API uses: MongoDB's data_keys collection when MONGODB_URI is set, else keys.sqlite of the data directory. */
export const openKeys = async (dataDir: string, mongodbUri = process.env.MONGODB_URI || undefined): Promise<KeyStore> => {
  try {
    return await openKeyStore({ mongodbUri, dataDir: resolve(dataDir) });
  } catch (error) {
    if (!mongodbUri) throw error;
    throw new UsageError(`The data keys on MongoDB (MONGODB_URI) cannot be opened: ${(error as Error).message}`);
  }
};

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}
