import {
  BulkOperation,
  BulkWriteResult,
  Document,
  DocumentCollection,
  Filter,
  FindOptions,
  IndexSpec,
  UpdateFilter,
} from '../document-store.port';
import { CollectionState } from './collection-state';
import { aggregate, count, find, Planning } from './reads';
import { applyOperation, emptyResult, WriteTarget } from './writes';

/** What a collection handle needs of its store. */
export interface CollectionHost {
  readonly planning: Planning;
  /** The collection's current state (undefined while it does not exist); throws once the store is closed. */
  stateOf(name: string): CollectionState | undefined;
  /** Runs the writes of one call; `atomic`: a failure undoes all of them, else the ones before it are kept. */
  write(apply: (targetOf: (name: string) => WriteTarget) => void, atomic: boolean): void;
  createIndex(name: string, spec: IndexSpec): string;
}

/**
 * A handle on a collection by name: every call looks the collection up anew, so a handle keeps
 * answering from whatever collection holds the name now (after a rename swapped a rebuild in).
 */
export class EmbeddedCollection<T extends Document = Document> implements DocumentCollection<T> {
  constructor(private readonly host: CollectionHost, readonly name: string) {}

  async find(filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    return find(this.host.stateOf(this.name), filter, options, this.host.planning) as T[];
  }

  async findOne(filter: Filter, options: Omit<FindOptions, 'limit'> = {}): Promise<T | null> {
    return (find(this.host.stateOf(this.name), filter, { ...options, limit: 1 }, this.host.planning)[0] as T) ?? null;
  }

  async countDocuments(filter: Filter = {}): Promise<number> {
    return count(this.host.stateOf(this.name), filter, this.host.planning);
  }

  async aggregate<R = Document>(pipeline: Record<string, unknown>[]): Promise<R[]> {
    return aggregate<R>(this.host.stateOf(this.name), pipeline, this.host.planning);
  }

  async insertOne(document: T): Promise<void> {
    await this.bulkWrite([{ insertOne: { document } }]);
  }

  updateOne(filter: Filter, update: UpdateFilter, options: { upsert?: boolean } = {}): Promise<BulkWriteResult> {
    return this.bulkWrite([{ updateOne: { filter, update, upsert: options.upsert } }]);
  }

  replaceOne(filter: Filter, replacement: T, options: { upsert?: boolean } = {}): Promise<BulkWriteResult> {
    return this.bulkWrite([{ replaceOne: { filter, replacement, upsert: options.upsert } }]);
  }

  async bulkWrite(operations: BulkOperation<T>[]): Promise<BulkWriteResult> {
    const result = emptyResult();
    this.host.write((targetOf) => {
      const target = targetOf(this.name);
      for (const operation of operations) applyOperation(target, operation, result);
    }, false);
    return result;
  }

  async deleteMany(filter: Filter): Promise<{ deletedCount: number }> {
    const { deletedCount } = await this.bulkWrite([{ deleteMany: { filter } }]);
    return { deletedCount };
  }

  async createIndex(spec: IndexSpec): Promise<string> {
    return this.host.createIndex(this.name, spec);
  }
}
