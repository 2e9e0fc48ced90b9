import Database, { Database as Db, Statement } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  BulkOperation,
  BulkWriteAllOptions,
  BulkWriteResult,
  CollectionWrites,
  CountOptions,
  countLimitOf,
  Document,
  DocumentCollection,
  DocumentStore,
  DocumentStoreUnavailableError,
  DuplicateKeyError,
  Filter,
  FindOptions,
  IndexSpec,
  UpdateFilter,
} from '../document-store.port';
import { WalCheckpointer } from './wal-checkpointer';
import { jsonPathOf } from './filter-sql';
import { migrate, tableOf, textTableOf } from './schema';
import { Shapes } from './shapes';
import { count, find } from './sqlite-reads';
import { applyOperation, emptyResult, WriteTarget } from './sqlite-writes';

export interface IndexDefinition {
  readonly name: string;
  readonly keys: Record<string, 1 | -1 | 'text'>;
  readonly unique: boolean;
  /** The SQLite index (or, for a text index, the FTS5 table) that holds it. */
  readonly sqlName: string;
}

/** A collection as the store knows it: its table, indexes, the types its fields held, its full-text table. */
export interface CollectionInfo {
  readonly cid: number;
  readonly name: string;
  readonly table: string;
  readonly indexes: IndexDefinition[];
  readonly shapes: Shapes;
  text?: { field: string; table: string; matchSql: string };
}

export interface SqlRunner {
  statement(sql: string): Statement;
}

/** Rows of a dropped or replaced collection deleted per turn of the event loop. */
const PURGE_BATCH = 2000;
/** Prepared statements kept (they are keyed by their text: filters of other shapes make others). */
const STATEMENT_CACHE = 500;

export interface SqliteDocumentStoreOptions {
  /** SQLite's page cache of the store's connection, in MiB: what bounds its memory. Default 64. */
  cacheMiB?: number;
}

/**
 * The embedded DocumentStore on SQLite's own engine: one table of JSON documents per collection,
 * queried in SQL (filters, sorts and counts through expression indexes, text through FTS5 trigrams),
 * so that memory is SQLite's page cache, not the size of the read models. Every call runs in one
 * transaction, synchronously: no other call sees it half done. Commits do not wait for the disk; a
 * checkpoint thread syncs them (ADR 0009).
 */
export class SqliteDocumentStore implements DocumentStore, SqlRunner {
  private readonly db: Db;
  private readonly lock?: Db;
  private readonly statements = new Map<string, Statement>();
  private collections = new Map<string, CollectionInfo>();
  private checkpointer?: WalCheckpointer;
  private closed = false;
  private purging?: NodeJS.Immediate;

  /**
   * A second process writing the same read models would race this one's projections: a lock file
   * beside the store is held exclusively while it is open (the checkpoint thread has a connection to
   * the database itself, so the database cannot be opened in exclusive mode).
   */
  private static lockFor(path: string): Db {
    const lock = new Database(`${path}.lock`, { timeout: 200 });
    try {
      lock.pragma('journal_mode = MEMORY');
      lock.pragma('locking_mode = EXCLUSIVE');
      lock.exec('BEGIN EXCLUSIVE; COMMIT');
      return lock;
    } catch (error) {
      lock.close();
      throw new DocumentStoreUnavailableError(
        `The read models in ${path} are open in another process (the API?); they belong to one process at a time.`,
        error,
      );
    }
  }

  constructor(readonly path: string, options: SqliteDocumentStoreOptions = {}) {
    const inFile = path !== ':memory:';
    if (inFile) mkdirSync(dirname(path), { recursive: true });
    this.lock = inFile ? SqliteDocumentStore.lockFor(path) : undefined;
    try {
      this.db = new Database(path, { timeout: 10_000 });
    } catch (error) {
      this.lock?.close();
      throw error;
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    if (inFile) this.db.pragma('wal_autocheckpoint = 0');
    this.db.pragma('journal_size_limit = 67108864');
    this.db.pragma('secure_delete = ON'); // erased personal data must not linger in freed pages
    this.db.pragma(`cache_size = -${(options.cacheMiB ?? 64) * 1024}`);
    this.db.pragma('temp_store = MEMORY');
    const patterns = new Map<string, RegExp>();
    // $regex in SQL: JavaScript's regular expressions, as mingo and the query layer use; pattern and flags are parameters.
    this.db.function('ledger_regexp', { deterministic: true }, (pattern: unknown, flags: unknown, value: unknown) => {
      if (typeof value !== 'string') return 0;
      const key = `${String(flags)}/${String(pattern)}`;
      let regex = patterns.get(key);
      if (!regex) {
        if (patterns.size >= 256) patterns.clear();
        regex = new RegExp(String(pattern), String(flags));
        patterns.set(key, regex);
      }
      return regex.test(value) ? 1 : 0;
    });
    migrate(this.db);
    this.load();
    this.schedulePurge();
  }

  statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  collection<T extends Document = Document>(name: string): DocumentCollection<T> {
    assertCollectionName(name);
    return new SqliteCollection<T>(this, name);
  }

  /** The collection's current state; undefined while it does not exist. */
  info(name: string): CollectionInfo | undefined {
    this.assertOpen();
    return this.collections.get(name);
  }

  async bulkWriteAll(writes: CollectionWrites[], _options: BulkWriteAllOptions = {}): Promise<void> {
    for (const { collection } of writes) assertCollectionName(collection);
    this.transact(() => {
      for (const { collection, operations } of writes) {
        const target = this.targetOf(collection);
        const result = emptyResult();
        for (const operation of operations) applyOperation(target, operation, result);
      }
    });
  }

  /** Ordered, as MongoDB's bulkWrite: the operations before a failing one stay applied. */
  bulkWrite(name: string, operations: BulkOperation[]): BulkWriteResult {
    const result = emptyResult();
    let failure: unknown;
    const target = this.targetOf(name);
    this.transact(() => {
      for (const operation of operations) {
        try {
          this.db.transaction(() => applyOperation(target, operation, result))(); // a savepoint: a failure takes back this operation only
        } catch (error) {
          failure = error;
          return;
        }
      }
    });
    if (failure !== undefined) {
      this.load(); // a collection created by the failed operation is gone again
      throw failure;
    }
    return result;
  }

  /**
   * The collections there are, by name. Not on the port (no read model or query lists collections):
   * for the MongoDB test server's catalog commands and for tests that look at every read model.
   */
  async listCollections(): Promise<string[]> {
    this.assertOpen();
    return [...this.collections.keys()].sort();
  }

  /** The blue-green swap: the catalog row of `from` takes the name `to` in one transaction; `to`'s table is purged later. */
  async renameCollection(from: string, to: string): Promise<void> {
    this.assertOpen();
    assertCollectionName(to);
    const source = this.collections.get(from);
    if (!source) throw new Error(`Cannot rename the collection '${from}': it does not exist.`);
    if (from === to) throw new Error(`Cannot rename the collection '${from}' to itself.`);
    const replaced = this.collections.get(to);
    this.transact(() => {
      if (replaced) this.forget(replaced);
      this.statement('UPDATE store_collections SET name = ? WHERE cid = ?').run(to, source.cid);
    });
    this.collections.delete(from);
    this.collections.set(to, { ...source, name: to });
    this.schedulePurge();
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.statement('SELECT 1').get();
    const failure = this.checkpointer?.failure;
    if (failure) throw new DocumentStoreUnavailableError(`The read store cannot move its WAL into ${this.path}: ${failure}`);
  }

  /**
   * Leaves no byte of a deleted document on disk (after an erasure): what dropped or replaced collections
   * left is purged now rather than a batch per turn, then the file is rewritten without free pages and the WAL emptied.
   */
  async compact(): Promise<void> {
    this.assertOpen();
    if (this.purging) clearImmediate(this.purging);
    this.purging = undefined;
    for (let cid = this.pendingPurge(); cid !== undefined; cid = this.pendingPurge()) {
      const [table, text] = [tableOf(cid), textTableOf(cid)];
      this.db.transaction(() => {
        this.db.exec(`DROP TABLE IF EXISTS ${table}; DROP TABLE IF EXISTS ${text};`);
        this.statement('DELETE FROM store_purges WHERE cid = ?').run(cid);
      }).immediate();
      for (const sql of this.statements.keys()) if (sql.includes(` ${table} `) || sql.includes(` ${text} `)) this.statements.delete(sql);
    }
    this.db.exec('VACUUM');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  private pendingPurge(): number | undefined {
    return this.statement('SELECT cid FROM store_purges LIMIT 1').pluck().get() as number | undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.purging) clearImmediate(this.purging);
    // The checkpoint thread's connection first: the last connection to close checkpoints what is left.
    await this.checkpointer?.close();
    this.db.close();
    this.lock?.close();
  }

  createIndex(name: string, spec: IndexSpec): string {
    this.assertOpen();
    const fields = Object.entries(spec.keys ?? {}) as Array<[string, unknown]>;
    const text = fields.some(([, direction]) => direction === 'text');
    if (fields.length === 0 || (text ? fields.length !== 1 : fields.some(([, direction]) => direction !== 1 && direction !== -1))) {
      throw new Error(`An index needs fields with direction 1 or -1 (or one field 'text'), got ${JSON.stringify(spec.keys)}.`);
    }
    for (const [field] of fields) if (!jsonPathOf(field)) throw new Error(`Cannot index the field ${JSON.stringify(field)}: only dotted names.`);
    if (fields.length === 1 && fields[0][0] === '_id') return '_id_';
    const indexName = spec.name ?? fields.map(([field, direction]) => `${field}_${String(direction)}`).join('_');
    const keys = { ...spec.keys };
    const unique = spec.unique === true;
    const existing = this.collections.get(name)?.indexes.find((d) => d.name === indexName || sameKeys(d.keys, keys));
    if (existing) {
      if (existing.name === indexName && sameKeys(existing.keys, keys) && existing.unique === unique) return existing.name;
      throw new Error(`An index conflicting with ${JSON.stringify({ name: indexName, keys, unique })} exists on ${name}: ${JSON.stringify(existing)}.`);
    }
    if (text && this.collections.get(name)?.text) throw new Error(`The collection ${name} has a text index already.`);
    try {
      this.transact(() => {
        const info = this.collections.get(name) ?? this.create(name);
        const definition: IndexDefinition = { name: indexName, keys, unique, sqlName: text ? textTableOf(info.cid) : `${info.table}_x${info.indexes.length + 1}_${Date.now().toString(36)}` };
        if (text) this.createTextIndex(info, fields[0][0]);
        else {
          // Unique: json_quote keeps types apart and makes a missing field collide with null, as MongoDB does.
          const columns = fields.map(([field, direction]) =>
            unique ? `json_quote(json_extract(doc, ${jsonPathOf(field)}))` : `json_extract(doc, ${jsonPathOf(field)})${direction === -1 ? ' DESC' : ''}`,
          );
          try {
            this.db.exec(`CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${definition.sqlName} ON ${info.table} (${columns.join(', ')}${unique ? '' : ', id'})`);
          } catch (error) {
            if ((error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) throw this.duplicateOf(info, definition, columns);
            throw error;
          }
        }
        this.statement('INSERT INTO store_indexes (cid, name, spec) VALUES (?, ?, ?)').run(info.cid, indexName, JSON.stringify(definition));
        info.indexes.push(definition);
      });
    } catch (error) {
      this.load();
      throw error;
    }
    return indexName;
  }

  dropIndexesExcept(name: string, keep: readonly string[]): string[] {
    this.assertOpen();
    const info = this.collections.get(name);
    const dropped = (info?.indexes ?? []).filter((definition) => !keep.includes(definition.name));
    if (!info || dropped.length === 0) return [];
    this.transact(() => {
      for (const definition of dropped) {
        // A text index is its FTS5 table; every other one a SQLite index. secure_delete zeroes the freed pages.
        this.db.exec(info.text?.table === definition.sqlName ? `DROP TABLE ${definition.sqlName}` : `DROP INDEX ${definition.sqlName}`);
        this.statement('DELETE FROM store_indexes WHERE cid = ? AND name = ?').run(info.cid, definition.name);
      }
    });
    this.load(); // the catalog as it now stands (transact reloads it itself when it fails)
    return dropped.map((definition) => definition.name);
  }

  private createTextIndex(info: CollectionInfo, field: string): void {
    const table = textTableOf(info.cid);
    // Trigrams: any substring of three characters or more is found, as the $regex it answers; case
    // sensitive, since the text and the searched words are lower-cased (in every script) before.
    this.db.exec(`CREATE VIRTUAL TABLE ${table} USING fts5(text, content='', contentless_delete=1, tokenize='trigram case_sensitive 1')`);
    const path = jsonPathOf(field);
    this.db.exec(`INSERT INTO ${table} (rowid, text) SELECT rid, json_extract(doc, ${path}) FROM ${info.table} WHERE json_type(doc, ${path}) = 'text'`);
    info.text = textOf(info.cid, field);
  }

  private duplicateOf(info: CollectionInfo, definition: IndexDefinition, columns: string[]): DuplicateKeyError {
    const raw = Object.keys(definition.keys).map((field) => `json_extract(doc, ${jsonPathOf(field)})`);
    const row = this.db
      .prepare(`SELECT ${raw.map((column, i) => `${column} AS k${i}`).join(', ')} FROM ${info.table} GROUP BY ${columns.join(', ')} HAVING count(*) > 1 LIMIT 1`)
      .get() as Record<string, unknown>;
    const fields = Object.keys(definition.keys);
    return new DuplicateKeyError(info.name, definition.name, Object.fromEntries(fields.map((field, i) => [field, row?.[`k${i}`] ?? null])));
  }

  private targetOf(name: string): WriteTarget {
    return {
      name,
      sql: this,
      info: () => this.info(name),
      create: () => this.create(name),
      observe: (info, doc) =>
        info.shapes.observe(doc, (path, types) =>
          this.statement('INSERT INTO store_paths (cid, path, types) VALUES (?, ?, ?) ON CONFLICT (cid, path) DO UPDATE SET types = excluded.types').run(info.cid, path, types),
        ),
    };
  }

  /** Creates a collection; inside a transaction. */
  private create(name: string): CollectionInfo {
    const cid = Number(this.statement('INSERT INTO store_collections (name) VALUES (?)').run(name).lastInsertRowid);
    const table = tableOf(cid);
    this.db.exec(`CREATE TABLE ${table} (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc BLOB NOT NULL)`);
    const info: CollectionInfo = { cid, name, table, indexes: [], shapes: new Shapes() };
    this.collections.set(name, info);
    return info;
  }

  /** Removes a collection from the catalog; its rows are purged later. Inside a transaction. */
  private forget(info: CollectionInfo): void {
    this.statement('DELETE FROM store_collections WHERE cid = ?').run(info.cid);
    this.statement('DELETE FROM store_indexes WHERE cid = ?').run(info.cid);
    this.statement('DELETE FROM store_paths WHERE cid = ?').run(info.cid);
    this.statement('INSERT OR IGNORE INTO store_purges (cid) VALUES (?)').run(info.cid);
  }

  /** (Re)reads the catalog: at open, and after a failed write took back what it had created. */
  private load(): void {
    const collections = new Map<string, CollectionInfo>();
    const byCid = new Map<number, CollectionInfo>();
    const paths = new Map<number, Array<[string, number]>>();
    for (const { cid, path, types } of this.db.prepare('SELECT cid, path, types FROM store_paths').all() as Array<{ cid: number; path: string; types: number }>) {
      if (!paths.has(cid)) paths.set(cid, []);
      paths.get(cid)!.push([path, types]);
    }
    for (const { cid, name } of this.db.prepare('SELECT cid, name FROM store_collections').all() as Array<{ cid: number; name: string }>) {
      const info: CollectionInfo = { cid, name, table: tableOf(cid), indexes: [], shapes: new Shapes(paths.get(cid)) };
      collections.set(name, info);
      byCid.set(cid, info);
    }
    for (const { cid, spec } of this.db.prepare('SELECT cid, spec FROM store_indexes ORDER BY rowid').all() as Array<{ cid: number; spec: string }>) {
      const info = byCid.get(cid);
      if (!info) continue;
      const definition = JSON.parse(spec) as IndexDefinition;
      info.indexes.push(definition);
      const textField = Object.entries(definition.keys).find(([, direction]) => direction === 'text')?.[0];
      if (textField) info.text = textOf(cid, textField);
    }
    this.collections = collections;
  }

  private transact<T>(work: () => T): T {
    this.assertOpen();
    let result: T;
    try {
      result = this.db.transaction(work).immediate();
    } catch (error) {
      this.load();
      const code = (error as { code?: string }).code;
      if (error instanceof Database.SqliteError && !code?.startsWith('SQLITE_CONSTRAINT') && code !== 'SQLITE_ERROR') {
        throw new DocumentStoreUnavailableError(`The read store could not write to ${this.path}: ${String(error)}`, error);
      }
      throw error;
    }
    this.committed();
    return result;
  }

  /** After every write that committed: the checkpoint thread syncs it to disk and moves it into the file. */
  private committed(): void {
    if (this.path === ':memory:' || this.closed) return;
    (this.checkpointer ??= new WalCheckpointer(this.path)).request();
  }

  private assertOpen(): void {
    if (this.closed) throw new DocumentStoreUnavailableError('The document store is closed.');
  }

  /**
   * Empties the tables of dropped or replaced collections a batch per turn of the event loop, so a
   * large drop never blocks it, then drops them. The chain ends when nothing is left, or at close.
   */
  private schedulePurge(): void {
    if (this.purging || this.closed) return;
    this.purging = setImmediate(() => {
      this.purging = undefined;
      if (this.closed) return;
      try {
        const cid = this.statement('SELECT cid FROM store_purges LIMIT 1').pluck().get() as number | undefined;
        if (cid === undefined) return;
        const [table, text] = [tableOf(cid), textTableOf(cid)];
        const exists = (name: string) => this.statement("SELECT 1 FROM sqlite_master WHERE name = ?").get(name) !== undefined;
        this.db.transaction(() => {
          const hasText = exists(text);
          const batch = exists(table) ? (this.db.prepare(`SELECT rid FROM ${table} LIMIT ${PURGE_BATCH}`).pluck().all() as number[]) : [];
          if (batch.length > 0) {
            const list = JSON.stringify(batch);
            if (hasText) this.db.prepare(`DELETE FROM ${text} WHERE rowid IN (SELECT value FROM json_each(?))`).run(list);
            this.db.prepare(`DELETE FROM ${table} WHERE rid IN (SELECT value FROM json_each(?))`).run(list);
          }
          if (batch.length < PURGE_BATCH) {
            this.db.exec(`DROP TABLE IF EXISTS ${table}; DROP TABLE IF EXISTS ${text};`);
            this.statement('DELETE FROM store_purges WHERE cid = ?').run(cid);
            for (const sql of this.statements.keys()) if (sql.includes(` ${table} `) || sql.includes(` ${text} `)) this.statements.delete(sql);
          }
        }).immediate();
        this.committed();
        this.schedulePurge();
      } catch {
        // Busy or failing: the orphans wait for the next drop, rename or open.
      }
    });
  }
}

const textOf = (cid: number, field: string): CollectionInfo['text'] => ({
  field,
  table: textTableOf(cid),
  matchSql: `SELECT rowid FROM ${textTableOf(cid)} WHERE ${textTableOf(cid)} MATCH ?`,
});

const sameKeys = (a: Record<string, unknown>, b: Record<string, unknown>): boolean => JSON.stringify(a) === JSON.stringify(b);

/** MongoDB's rules for collection names, the ones that matter here. */
const assertCollectionName = (name: string): void => {
  if (typeof name !== 'string' || name.length === 0 || name.includes('$') || name.includes('\0') || name.startsWith('system.')) {
    throw new Error(`Invalid collection name: ${JSON.stringify(name)}.`);
  }
};

/**
 * A handle on a collection by name: every call looks the collection up anew, so a handle keeps
 * answering from whatever collection holds the name now (after a rename swapped a rebuild in).
 */
class SqliteCollection<T extends Document = Document> implements DocumentCollection<T> {
  constructor(private readonly store: SqliteDocumentStore, readonly name: string) {}

  async find(filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    return find(this.store, this.store.info(this.name), filter, options) as T[];
  }

  async findOne(filter: Filter, options: Omit<FindOptions, 'limit'> = {}): Promise<T | null> {
    return (find(this.store, this.store.info(this.name), filter, { ...options, limit: 1 })[0] as T) ?? null;
  }

  async countDocuments(filter: Filter = {}, options: CountOptions = {}): Promise<number> {
    return count(this.store, this.store.info(this.name), filter, countLimitOf(options));
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
    return this.store.bulkWrite(this.name, operations as BulkOperation[]);
  }

  async deleteMany(filter: Filter): Promise<{ deletedCount: number }> {
    const { deletedCount } = await this.bulkWrite([{ deleteMany: { filter } }]);
    return { deletedCount };
  }

  async createIndex(spec: IndexSpec): Promise<string> {
    return this.store.createIndex(this.name, spec);
  }

  async dropIndexesExcept(keep: readonly string[]): Promise<string[]> {
    return this.store.dropIndexesExcept(this.name, keep);
  }
}
