import { EventStore, EVENTS_FILE, SqliteEventStore } from '@app/event-store';
import { DocumentStore, DocumentStoreUnavailableError, EmbeddedDocumentStore, MongoDocumentStore, READ_MODELS_FILE } from '@app/read-store';
import { KeyLookup, KeyStore, KeyStoreNotFoundError, openKeyStore } from '@app/security';
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

/**
 * The data keys the API uses: MongoDB's data_keys collection when MONGODB_URI is set, else keys.sqlite of the
 * data directory. Never creates a key store: a directory without one (a backup, a wrong --data-dir) is refused.
 */
export const openKeys = async (dataDir: string, mongodbUri = process.env.MONGODB_URI || undefined): Promise<KeyStore> => {
  try {
    return await openKeyStore({ mongodbUri, dataDir: resolve(dataDir), create: false });
  } catch (error) {
    if (error instanceof KeyStoreNotFoundError) throw new KeysNotFoundError(`${error.message} Nothing was done. ${whereTheApiKeepsItsKeys()}`);
    if (!mongodbUri) throw error;
    throw new UsageError(`The data keys on MongoDB (MONGODB_URI) cannot be opened: ${(error as Error).message}`);
  }
};

/** For a reader that may go on without keys (history): no key store at all answers "missing" for every subject, and writes nothing. */
export const NO_KEY_STORE: KeyStore = {
  location: 'no key store',
  keyFor: async () => {
    throw new KeysNotFoundError('There is no key store to seal with.');
  },
  existingKey: async () => undefined,
  lookup: async (): Promise<KeyLookup> => ({ state: 'missing' }),
  destroy: async () => {
    throw new KeysNotFoundError('There is no key store to erase in.');
  },
  close: async () => undefined,
};

/** The data keys as openKeys finds them, or NO_KEY_STORE where there are none (for a reader that shows what it has). */
export const openKeysIfAny = (dataDir: string): Promise<KeyStore> =>
  openKeys(dataDir).catch((error: unknown) => (error instanceof KeysNotFoundError ? NO_KEY_STORE : Promise.reject(error)));

/** The hint every "no key here" message ends with: where the API keeps its keys, and how to point the CLI there. */
export const whereTheApiKeepsItsKeys = (): string =>
  process.env.EVENTSTORE_CONNECTION_STRING && !process.env.MONGODB_URI
    ? 'The events are on EventStoreDB (EVENTSTORE_CONNECTION_STRING): in the production shape the API keeps the keys in MongoDB, so set MONGODB_URI as the API has it (or, if the API keeps them in keys.sqlite, name its data directory).'
    : 'Name the data directory the API uses (--data-dir or DATA_DIR), or set MONGODB_URI when the API keeps its keys in MongoDB.';

/** The keys are not where this command looked: nothing was done; exit code 3. */
export class KeysNotFoundError extends Error {}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}
