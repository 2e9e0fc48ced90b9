import { Db, MongoClient, MongoClientOptions } from 'mongodb';
import { BulkWriteAllOptions, CollectionWrites, Document, DocumentCollection, DocumentStore } from '../document-store.port';
import { MongoCollection } from './mongo-collection';
import { translated } from './mongo-errors';

export interface MongoDocumentStoreOptions {
  /** How long an operation waits for an unreachable server before it fails as unavailable (the driver's default is 30 s). */
  serverSelectionTimeoutMS?: number;
  /** The database, when the connection string names none; defaults to `complaints`. */
  defaultDatabase?: string;
}

/** The database a connection string names (`mongodb://host/complaints?…`), if any. */
export const databaseOf = (uri: string): string | undefined => {
  const path = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]*)/.exec(uri)?.[1];
  return path ? decodeURIComponent(path) : undefined;
};

/**
 * The DocumentStore on MongoDB through the official driver. Needs no transactions, so a standalone
 * server works: bulkWriteAll writes collection after collection in the order given (the runner puts
 * the checkpoint last), and every projection write is idempotent.
 */
export class MongoDocumentStore implements DocumentStore {
  private readonly db: Db;

  private constructor(private readonly client: MongoClient, database: string) {
    this.db = client.db(database);
  }

  /** Connects (and fails as unavailable when the server cannot be reached). */
  static async connect(uri: string, options: MongoDocumentStoreOptions = {}): Promise<MongoDocumentStore> {
    const clientOptions: MongoClientOptions = { serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000, appName: 'complaint-ledger' };
    const client = new MongoClient(uri, clientOptions);
    await translated(() => client.connect());
    return new MongoDocumentStore(client, databaseOf(uri) ?? options.defaultDatabase ?? 'complaints');
  }

  get databaseName(): string {
    return this.db.databaseName;
  }

  collection<T extends Document = Document>(name: string): DocumentCollection<T> {
    return new MongoCollection<T>(this.db.collection<Document>(name));
  }

  /** The driver sends copies (BSON) either way: a hand-over changes nothing here. */
  async bulkWriteAll(writes: CollectionWrites[], _options?: BulkWriteAllOptions): Promise<void> {
    for (const { collection, operations } of writes) await this.collection(collection).bulkWrite(operations);
  }

  /** One step, with dropTarget: queries answer from the old collection until the new one takes its name. */
  async renameCollection(from: string, to: string): Promise<void> {
    await translated(() => this.db.renameCollection(from, to, { dropTarget: true }));
  }

  async ping(): Promise<void> {
    await translated(() => this.db.command({ ping: 1 }));
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
