import { EventStore } from '@app/event-store';
import { EVENTS_FILE } from '@app/event-store/sqlite';
import { createEventStore, openDocumentStore } from '@app/platform';
import { DocumentStore, DocumentStoreUnavailableError } from '@app/read-store';
import { KeyLookup, KeyStore, KeyStoreNotFoundError, openKeyStore } from '@app/security';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The event store the API uses (the platform picks it: EventStoreDB when EVENTSTORE_CONNECTION_STRING is
 * set, else the embedded one); refuses to create an embedded store where there is none.
 */
export const openEventStore = (dataDir: string, connectionString = process.env.EVENTSTORE_CONNECTION_STRING): EventStore => {
  const path = join(resolve(dataDir), EVENTS_FILE);
  if (!connectionString && !existsSync(path)) throw new UsageError(`No event store at ${path}; set DATA_DIR or --data-dir.`);
  return createEventStore({ eventStoreConnectionString: connectionString, dataDir: resolve(dataDir) });
};

/** Opens the embedded read models of a data directory (only while no API holds them). */
export const openEmbeddedReadModels = (dataDir: string): Promise<DocumentStore> => openReadModels(dataDir, '');

/** The read models the API uses (the platform picks them: on MongoDB when MONGODB_URI is set, else the embedded ones). */
export const openReadModels = async (dataDir: string, mongodbUri = process.env.MONGODB_URI): Promise<DocumentStore> => {
  try {
    return await openDocumentStore({ mongodbUri: mongodbUri || undefined, dataDir: resolve(dataDir) });
  } catch (error) {
    if (mongodbUri) throw new UsageError(`The read models on MongoDB (MONGODB_URI) cannot be opened: ${(error as Error).message}`);
    if (!(error instanceof DocumentStoreUnavailableError)) throw error;
    throw new UsageError(`${error.message} Name the running API with --api <url>, and it will rebuild them.`);
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
  lookupMany: async (subjects) => new Map(subjects.map((subject) => [subject, { state: 'missing' } as const])),
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
