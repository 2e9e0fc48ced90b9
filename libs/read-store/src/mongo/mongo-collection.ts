import { AnyBulkWriteOperation, BulkWriteResult as DriverBulkWriteResult, Collection, UpdateFilter as DriverUpdateFilter, UpdateResult } from 'mongodb';
import {
  BulkOperation,
  BulkWriteResult,
  CountOptions,
  countLimitOf,
  Document,
  DocumentCollection,
  Filter,
  FindOptions,
  IndexSpec,
  UpdateFilter,
} from '../document-store.port';
import { isIndexNotFound, isNamespaceNotFound, translated } from './mongo-errors';

const fromUpdate = (result: UpdateResult): BulkWriteResult => ({
  insertedCount: 0,
  matchedCount: result.matchedCount,
  modifiedCount: result.modifiedCount,
  upsertedCount: result.upsertedCount,
  deletedCount: 0,
});

const fromBulk = (result: DriverBulkWriteResult): BulkWriteResult => ({
  insertedCount: result.insertedCount,
  matchedCount: result.matchedCount,
  modifiedCount: result.modifiedCount,
  upsertedCount: result.upsertedCount,
  deletedCount: result.deletedCount,
});

/** A DocumentCollection on a MongoDB collection: the port is MongoDB's API, so this only translates results and errors. */
export class MongoCollection<T extends Document = Document> implements DocumentCollection<T> {
  constructor(private readonly collection: Collection<Document>) {}

  get name(): string {
    return this.collection.collectionName;
  }

  find(filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    return translated(() => this.collection.find(filter, { ...options }).toArray() as Promise<T[]>);
  }

  findOne(filter: Filter, options: Omit<FindOptions, 'limit'> = {}): Promise<T | null> {
    return translated(() => this.collection.findOne(filter, { ...options }) as Promise<T | null>);
  }

  async countDocuments(filter: Filter = {}, options: CountOptions = {}): Promise<number> {
    // The driver counts with an aggregation ($match, then $limit when given): the server stops at the limit.
    const limit = countLimitOf(options);
    return translated(() => this.collection.countDocuments(filter, limit === undefined ? {} : { limit }));
  }

  async insertOne(document: T): Promise<void> {
    // The driver would add an _id to the caller's object; it gets a copy.
    await translated(() => this.collection.insertOne({ ...document }), this.name);
  }

  updateOne(filter: Filter, update: UpdateFilter, options: { upsert?: boolean } = {}): Promise<BulkWriteResult> {
    return translated(async () => fromUpdate(await this.collection.updateOne(filter, update as DriverUpdateFilter<Document>, { upsert: options.upsert === true })), this.name);
  }

  replaceOne(filter: Filter, replacement: T, options: { upsert?: boolean } = {}): Promise<BulkWriteResult> {
    return translated(async () => fromUpdate((await this.collection.replaceOne(filter, replacement, { upsert: options.upsert === true })) as UpdateResult), this.name);
  }

  async bulkWrite(operations: BulkOperation<T>[]): Promise<BulkWriteResult> {
    if (operations.length === 0) return { insertedCount: 0, matchedCount: 0, modifiedCount: 0, upsertedCount: 0, deletedCount: 0 };
    const copies = operations.map((operation) =>
      'insertOne' in operation ? { insertOne: { document: { ...operation.insertOne.document } } } : operation,
    ) as AnyBulkWriteOperation<Document>[];
    return translated(async () => fromBulk(await this.collection.bulkWrite(copies, { ordered: true })), this.name);
  }

  deleteMany(filter: Filter): Promise<{ deletedCount: number }> {
    return translated(async () => ({ deletedCount: (await this.collection.deleteMany(filter)).deletedCount }));
  }

  createIndex(spec: IndexSpec): Promise<string> {
    // A text index without a language: no stemming and no stop words, since the texts come in several languages.
    const text = Object.values(spec.keys).includes('text') ? { default_language: 'none' } : {};
    return translated(
      () => this.collection.createIndex(spec.keys, { ...(spec.unique ? { unique: true } : {}), ...(spec.name ? { name: spec.name } : {}), ...text }),
      this.name,
    );
  }

  dropIndexesExcept(keep: readonly string[]): Promise<string[]> {
    return translated(async () => {
      const indexes = await this.collection
        .listIndexes()
        .toArray()
        // A collection that does not exist yet has no indexes to drop.
        .catch((error: unknown) => (isNamespaceNotFound(error) ? [] : Promise.reject(error)));
      const names = indexes.map((index) => String(index.name));
      const dropped: string[] = [];
      for (const name of names.filter((name) => name !== '_id_' && !keep.includes(name))) {
        // Another instance starting at the same time may have dropped it since the list (IndexNotFound): it is gone either way.
        const gone = await this.collection.dropIndex(name).then(
          () => true,
          (error: unknown) => (isIndexNotFound(error) ? false : Promise.reject(error)),
        );
        if (gone) dropped.push(name);
      }
      return dropped;
    }, this.name);
  }
}
