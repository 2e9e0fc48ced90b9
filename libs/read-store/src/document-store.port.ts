// The DocumentStore port: the subset of MongoDB's collection API that projections and queries use
// (nothing else: no aggregate, no listing or dropping of collections — a method no read model or
// query calls is a method every adapter would have to keep).
// Queries are written once, in MongoDB's query language; the mongo adapter runs them natively, the
// embedded (SQLite) adapter translates them to SQL, and mingo where SQL cannot answer exactly. Keep to
// operators both support (no $text, no $setOnInsert).

// `any` rather than `unknown` so that read-model interfaces (which have no index signature) are Documents.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Document = { _id: string; [field: string]: any };
export type Filter = Record<string, unknown>;
export type Sort = Record<string, 1 | -1>;
export type Projection = Record<string, 0 | 1>;

export interface CountOptions {
  /**
   * Counts up to this many (a positive integer) and stops: the answer is min(matches, limit), as
   * MongoDB's countDocuments with `limit`. A bound on the work, for totals nobody needs exactly.
   */
  limit?: number;
}

export interface FindOptions {
  sort?: Sort;
  skip?: number;
  limit?: number;
  projection?: Projection;
}

/** Update operators both sides support. */
export interface UpdateFilter {
  $set?: Record<string, unknown>;
  $unset?: Record<string, '' | 1 | true>;
  $inc?: Record<string, number>;
  $push?: Record<string, unknown>;
  $max?: Record<string, unknown>;
  $min?: Record<string, unknown>;
}

export type BulkOperation<T extends Document = Document> =
  | { insertOne: { document: T } }
  | { replaceOne: { filter: Filter; replacement: T; upsert?: boolean } }
  | { updateOne: { filter: Filter; update: UpdateFilter; upsert?: boolean } }
  | { deleteOne: { filter: Filter } }
  | { deleteMany: { filter: Filter } };

export interface BulkWriteResult {
  insertedCount: number;
  matchedCount: number;
  modifiedCount: number;
  upsertedCount: number;
  deletedCount: number;
}

export interface IndexSpec {
  /**
   * Field → 1 (ascending) or -1 (descending), as in MongoDB; or one field → 'text': a full-text index
   * (embedded: FTS5 trigrams that answer literal $regex searches; MongoDB: its text index).
   */
  keys: Record<string, 1 | -1 | 'text'>;
  unique?: boolean;
  name?: string;
}

export interface DocumentCollection<T extends Document = Document> {
  readonly name: string;
  find(filter?: Filter, options?: FindOptions): Promise<T[]>;
  findOne(filter: Filter, options?: Omit<FindOptions, 'limit'>): Promise<T | null>;
  countDocuments(filter?: Filter, options?: CountOptions): Promise<number>;
  insertOne(document: T): Promise<void>;
  updateOne(filter: Filter, update: UpdateFilter, options?: { upsert?: boolean }): Promise<BulkWriteResult>;
  replaceOne(filter: Filter, replacement: T, options?: { upsert?: boolean }): Promise<BulkWriteResult>;
  /** Applies the operations in order; the first that fails stops the rest (ordered, as MongoDB's default). */
  bulkWrite(operations: BulkOperation<T>[]): Promise<BulkWriteResult>;
  deleteMany(filter: Filter): Promise<{ deletedCount: number }>;
  createIndex(spec: IndexSpec): Promise<string>;
  /**
   * Drops every index of the collection but `_id_` and those named in `keep`; resolves to the names dropped.
   * A projection keeps only the indexes it declares: one it no longer declares would still cost every write.
   */
  dropIndexesExcept(keep: readonly string[]): Promise<string[]>;
}

export interface CollectionWrites {
  collection: string;
  operations: BulkOperation[];
}

export interface BulkWriteAllOptions {
  /**
   * The caller never touches the written documents again (a projection's batch, once written): a
   * store that keeps documents in memory may keep these instead of copies. Neither adapter does now
   * (the embedded store writes them to SQLite), so both ignore it.
   */
  handOver?: boolean;
}

export interface DocumentStore {
  collection<T extends Document = Document>(name: string): DocumentCollection<T>;
  /**
   * Writes to several collections as one step: atomically and durably where the store can (embedded:
   * one SQLite transaction), otherwise in the order given (MongoDB without transactions: put the
   * checkpoint last, and keep every write idempotent).
   */
  bulkWriteAll(writes: CollectionWrites[], options?: BulkWriteAllOptions): Promise<void>;
  /** Replaces `to` with `from` in one step (MongoDB's renameCollection with dropTarget). */
  renameCollection(from: string, to: string): Promise<void>;
  ping(): Promise<void>;
  /**
   * Leaves no copy of deleted documents in the store's files (after an erasure). Only a store that keeps
   * freed pages on disk has it (embedded: VACUUM and an emptied WAL); on MongoDB the server manages its files.
   */
  compact?(): Promise<void>;
  close(): Promise<void>;
}

/** A unique index refused a document (MongoDB's E11000). */
export class DuplicateKeyError extends Error {
  constructor(
    readonly collection: string,
    readonly index: string,
    readonly key: Record<string, unknown>,
  ) {
    super(`Duplicate key in ${collection} for index ${index}: ${JSON.stringify(key)}`);
    this.name = 'DuplicateKeyError';
  }
}

/** The store cannot be reached or failed; the operation may be retried. */
export class DocumentStoreUnavailableError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'DocumentStoreUnavailableError';
  }
}

/** The limit of a count, checked alike by every adapter (MongoDB refuses a $limit that is not positive). */
export const countLimitOf = (options: CountOptions = {}): number | undefined => {
  const { limit } = options;
  if (limit === undefined) return undefined;
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`A count's limit must be a positive integer, got ${String(limit)}.`);
  return limit;
};

/** Escapes text for use inside a $regex, so that user input is matched literally, never as a pattern. */
export const literalPattern = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
