import { databaseOf, isMongoUnavailable } from '@app/read-store/mongo';
import { Collection, MongoClient, MongoServerError } from 'mongodb';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { KeyLookup, KeyStore, KeyStoreUnavailableError } from '../personal-data/key-store.port';

/** The collection of data keys in production, apart from the read models' collections and from the events. */
export const KEYS_COLLECTION = 'data_keys';

/** One subject's key (base64, so it reads back the same from every server), or its tombstone once erased. */
interface KeyDocument {
  _id: string;
  key?: string;
  createdAt: string;
  erasedAt?: string;
}

export interface MongoKeyStoreOptions {
  /** The database, when the connection string names none; defaults to `complaints`. */
  defaultDatabase?: string;
  serverSelectionTimeoutMS?: number;
}

const DUPLICATE_KEY = 11000;
/** How often a creator that lost the race looks for the winner's key before it is majority-committed. */
const WINNER_ATTEMPTS = 50;

/**
 * Data keys in a MongoDB collection, one document per subject (_id = subject). Writes wait for a
 * majority and the journal, and reads see only majority-committed keys: a key data was sealed with
 * can never be rolled back by a failover. Destroying a key replaces it by a tombstone {erasedAt}.
 */
export class MongoKeyStore implements KeyStore {
  private constructor(
    private readonly client: MongoClient,
    private readonly keys: Collection<KeyDocument>,
    readonly location: string,
  ) {}

  static async connect(uri: string, options: MongoKeyStoreOptions = {}): Promise<MongoKeyStore> {
    const client = new MongoClient(uri, {
      appName: 'complaint-ledger',
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
      writeConcern: { w: 'majority', journal: true },
      readConcern: { level: 'majority' },
    });
    await unavailableAsPort(() => client.connect());
    const db = client.db(databaseOf(uri) ?? options.defaultDatabase ?? 'complaints');
    return new MongoKeyStore(client, db.collection<KeyDocument>(KEYS_COLLECTION), `the ${KEYS_COLLECTION} collection of MongoDB database ${db.databaseName}`);
  }

  keyFor(subject: string, now: Date): Promise<Buffer | undefined> {
    return unavailableAsPort(() => this.createOrRead(subject, now));
  }

  existingKey(subject: string): Promise<Buffer | undefined> {
    return unavailableAsPort(async () => {
      const found = await this.keys.findOne({ _id: subject });
      return found ? keyOf(found) : undefined;
    });
  }

  lookup(subject: string): Promise<KeyLookup> {
    return unavailableAsPort(async () => {
      const found = await this.keys.findOne({ _id: subject });
      if (!found) return { state: 'missing' } as const;
      const key = keyOf(found);
      return key ? ({ state: 'present', key } as const) : ({ state: 'erased' } as const);
    });
  }

  lookupMany(subjects: readonly string[]): Promise<Map<string, KeyLookup>> {
    return unavailableAsPort(async () => {
      const found = new Map<string, KeyLookup>(subjects.map((subject) => [subject, { state: 'missing' } as const]));
      if (found.size === 0) return found;
      for await (const row of this.keys.find({ _id: { $in: [...found.keys()] } })) {
        const key = keyOf(row);
        found.set(row._id, key ? { state: 'present', key } : { state: 'erased' });
      }
      return found;
    });
  }

  destroy(subject: string, now: Date): Promise<boolean> {
    return unavailableAsPort(() => this.replaceByTombstone(subject, now));
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async createOrRead(subject: string, now: Date): Promise<Buffer | undefined> {
    const existing = await this.keys.findOne({ _id: subject });
    if (existing) return keyOf(existing);
    try {
      // Insert-if-absent on _id: of two concurrent creators one wins, and both use the winner's key.
      const key = randomBytes(32);
      await this.keys.insertOne({ _id: subject, key: key.toString('base64'), createdAt: now.toISOString() });
      return key;
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY)) throw error;
      return this.winnerOf(subject);
    }
  }

  private async replaceByTombstone(subject: string, now: Date): Promise<boolean> {
    // The key gives way to a tombstone, so the subject is never given a new key that would make new data readable again.
    const destroyKey = async () =>
      (await this.keys.updateOne({ _id: subject, key: { $exists: true } }, { $unset: { key: '' }, $set: { erasedAt: now.toISOString() } })).matchedCount > 0;
    if (await destroyKey()) return true;
    try {
      await this.keys.insertOne({ _id: subject, createdAt: now.toISOString(), erasedAt: now.toISOString() });
      return false;
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY)) throw error;
      return destroyKey(); // a tombstone already (false), or a key created meanwhile (destroyed now)
    }
  }

  /** The key another creator just inserted: readable once a majority has it. */
  private async winnerOf(subject: string): Promise<Buffer | undefined> {
    for (let attempt = 1; attempt <= WINNER_ATTEMPTS; attempt++) {
      const winner = await this.keys.findOne({ _id: subject });
      if (winner) return keyOf(winner);
      await sleep(20);
    }
    throw new KeyStoreUnavailableError(`The data key of ${subject} is not yet majority-committed after ${WINNER_ATTEMPTS} attempts.`);
  }
}

const keyOf = (document: KeyDocument): Buffer | undefined => (document.key === undefined ? undefined : Buffer.from(document.key, 'base64'));

/** Runs a driver call; an unreachable MongoDB becomes the port's KeyStoreUnavailableError. */
const unavailableAsPort = async <R>(call: () => Promise<R>): Promise<R> => {
  try {
    return await call();
  } catch (error) {
    if (isMongoUnavailable(error)) throw new KeyStoreUnavailableError(`The key store on MongoDB cannot be reached: ${(error as Error).message}`, error);
    throw error;
  }
};
