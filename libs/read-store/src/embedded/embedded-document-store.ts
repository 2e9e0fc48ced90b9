import Database, { Database as Db, Transaction } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  BulkWriteAllOptions,
  CollectionWrites,
  Document,
  DocumentCollection,
  DocumentStore,
  DocumentStoreUnavailableError,
  IndexSpec,
} from '../document-store.port';
import { CollectionState, IndexDefinition, indexNameOf } from './collection-state';
import { CollectionHost, EmbeddedCollection } from './embedded-collection';
import { DEFAULT_PLANNER } from './query-planner';
import { migrate } from './schema';
import { UnitOfWork } from './unit-of-work';
import { WalCheckpointer } from './wal-checkpointer';
import { applyOperation, emptyResult, WriteTarget } from './writes';

export interface EmbeddedDocumentStoreOptions {
  /** Off, every query is a plain mingo scan: the reference the planner is tested against. */
  planQueries?: boolean;
  /** Index slices at most this large are read whole rather than walked in sort order (tests lower it). */
  smallSlice?: number;
}

/** Orphaned documents of a dropped or replaced collection are deleted this many per step. */
const PURGE_BATCH = 2000;

/**
 * The embedded DocumentStore: collections in memory, queried with mingo through a small index-aware
 * planner, and persisted to one SQLite file (WAL; synced by a checkpoint thread) from which they are loaded at open.
 * Every call is synchronous inside, so no other call ever sees it half done; its writes reach SQLite
 * in one transaction before it resolves, and a failed transaction takes back the memory changes too.
 */
export class EmbeddedDocumentStore implements DocumentStore {
  private readonly db: Db;
  private readonly statements;
  private readonly persist: Transaction<(uow: UnitOfWork) => void>;
  private readonly collections = new Map<string, CollectionState>();
  private readonly host: CollectionHost;

  /**
   * The collections live in this process's memory: a second process opening the same file would work
   * on a copy that silently diverges. A lock file beside it is therefore held exclusively for as long
   * as the store is open (not the database itself: the checkpoint thread has a connection to it too).
   */
  private static lockFor(path: string): Db {
    const lock = new Database(`${path}.lock`, { timeout: 200 });
    try {
      lock.pragma('journal_mode = MEMORY'); // an empty file that is only ever locked needs no journal beside it
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
  private readonly lock?: Db;
  /** Started by the first write of a store in a file. */
  private checkpointer?: WalCheckpointer;
  private nextCid = 1;
  private closed = false;
  private purging?: NodeJS.Immediate;

  constructor(readonly path: string, options: EmbeddedDocumentStoreOptions = {}) {
    const inFile = path !== ':memory:';
    if (inFile) mkdirSync(dirname(path), { recursive: true });
    this.lock = inFile ? EmbeddedDocumentStore.lockFor(path) : undefined;
    try {
      this.db = new Database(path, { timeout: 10_000 });
    } catch (error) {
      this.lock?.close();
      throw error;
    }
    this.db.pragma('journal_mode = WAL');
    // Commits do not wait for the disk; the checkpoint thread syncs the WAL and the file (ADR 0009).
    this.db.pragma('synchronous = NORMAL');
    if (inFile) this.db.pragma('wal_autocheckpoint = 0');
    this.db.pragma('journal_size_limit = 67108864');
    this.db.pragma('secure_delete = ON'); // erased personal data must not linger in freed pages
    // The documents' (cid, id) index is read on every write: keep more of it in memory than the 2 MiB default.
    this.db.pragma('cache_size = -32768');
    migrate(this.db);
    this.statements = {
      ping: this.db.prepare('SELECT 1'),
      insertCollection: this.db.prepare('INSERT INTO collections (cid, name) VALUES (?, ?)'),
      renameCollection: this.db.prepare('UPDATE collections SET name = ? WHERE cid = ?'),
      deleteCollection: this.db.prepare('DELETE FROM collections WHERE cid = ?'),
      deleteIndexes: this.db.prepare('DELETE FROM indexes WHERE cid = ?'),
      insertIndex: this.db.prepare('INSERT INTO indexes (cid, name, spec) VALUES (?, ?, ?)'),
      upsertDocument: this.db.prepare(
        'INSERT INTO documents (cid, id, document) VALUES (?, ?, ?) ON CONFLICT (cid, id) DO UPDATE SET document = excluded.document',
      ),
      deleteDocument: this.db.prepare('DELETE FROM documents WHERE cid = ? AND id = ?'),
      insertPurge: this.db.prepare('INSERT OR IGNORE INTO purges (cid) VALUES (?)'),
      nextPurge: this.db.prepare('SELECT cid FROM purges LIMIT 1'),
      purgeDocuments: this.db.prepare('DELETE FROM documents WHERE rowid IN (SELECT rowid FROM documents WHERE cid = ? LIMIT ?)'),
      endPurge: this.db.prepare('DELETE FROM purges WHERE cid = ?'),
    };
    this.persist = this.db.transaction((uow: UnitOfWork) => {
      for (const state of uow.createdCollections) this.statements.insertCollection.run(state.cid, state.name);
      for (const { state, definition } of uow.createdIndexes) {
        this.statements.insertIndex.run(state.cid, definition.name, JSON.stringify(definition));
      }
      for (const [state, rows] of uow.documents) {
        for (const [id, json] of rows) {
          if (json === null) this.statements.deleteDocument.run(state.cid, id);
          else this.statements.upsertDocument.run(state.cid, id, json);
        }
      }
    });
    this.load();
    this.host = {
      planning: options.planQueries === false ? false : { smallSlice: options.smallSlice ?? DEFAULT_PLANNER.smallSlice },
      stateOf: (name) => {
        this.assertOpen();
        return this.collections.get(name);
      },
      write: (apply, atomic) => this.write(apply, atomic),
      createIndex: (name, spec) => this.createIndex(name, spec),
    };
    this.schedulePurge();
  }

  collection<T extends Document = Document>(name: string): DocumentCollection<T> {
    assertCollectionName(name);
    return new EmbeddedCollection<T>(this.host, name);
  }

  async bulkWriteAll(writes: CollectionWrites[], options: BulkWriteAllOptions = {}): Promise<void> {
    for (const { collection } of writes) assertCollectionName(collection);
    this.write(
      (targetOf) => {
        for (const { collection, operations } of writes) {
          const target = targetOf(collection);
          const result = emptyResult();
          for (const operation of operations) applyOperation(target, operation, result);
        }
      },
      true,
      options.handOver === true,
    );
  }

  async listCollections(): Promise<string[]> {
    this.assertOpen();
    return [...this.collections.keys()].sort();
  }

  async dropCollection(name: string): Promise<void> {
    this.assertOpen();
    const state = this.collections.get(name);
    if (!state) return;
    this.transaction(() => this.forget(state));
    this.collections.delete(name);
    state.dispose();
    this.schedulePurge();
  }

  async renameCollection(from: string, to: string): Promise<void> {
    this.assertOpen();
    assertCollectionName(to);
    const source = this.collections.get(from);
    if (!source) throw new Error(`Cannot rename the collection '${from}': it does not exist.`);
    if (from === to) throw new Error(`Cannot rename the collection '${from}' to itself.`);
    const replaced = this.collections.get(to);
    // The swapped-in collection answers its first query at full speed.
    source.prepareIndexes();
    const searched = replaced?.searchedText;
    if (searched !== undefined) source.searchesText(searched);
    this.transaction(() => {
      if (replaced) this.forget(replaced);
      this.statements.renameCollection.run(to, source.cid);
    });
    replaced?.dispose();
    this.collections.delete(to);
    this.collections.delete(from);
    source.name = to;
    this.collections.set(to, source);
    this.schedulePurge();
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.statements.ping.get();
    const failure = this.checkpointer?.failure;
    if (failure) throw new DocumentStoreUnavailableError(`The read store cannot move its WAL into ${this.path}: ${failure}`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.purging) clearImmediate(this.purging);
    for (const state of this.collections.values()) state.dispose();
    this.collections.clear();
    // The checkpoint thread's connection first: the last connection to close checkpoints what is left.
    await this.checkpointer?.close();
    this.db.close();
    this.lock?.close();
  }

  /** After every write that committed: the checkpoint thread syncs it to disk and moves it into the file. */
  private committed(): void {
    if (this.path === ':memory:' || this.closed) return;
    (this.checkpointer ??= new WalCheckpointer(this.path)).request();
  }

  private assertOpen(): void {
    if (this.closed) throw new DocumentStoreUnavailableError('The document store is closed.');
  }

  private load(): void {
    const byCid = new Map<number, CollectionState>();
    const collections = this.db.prepare('SELECT cid, name FROM collections').all() as Array<{ cid: number; name: string }>;
    for (const { cid, name } of collections) {
      const state = new CollectionState(cid, name);
      byCid.set(cid, state);
      this.collections.set(name, state);
    }
    const sequence = this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'collections'").get() as { seq: number } | undefined;
    this.nextCid = (sequence?.seq ?? 0) + 1;
    const rows = this.db.prepare('SELECT cid, id, document FROM documents').raw().iterate() as IterableIterator<[number, string, string]>;
    for (const [cid, id, document] of rows) byCid.get(cid)?.put(id, JSON.parse(document) as Document);
    const indexes = this.db.prepare('SELECT cid, spec FROM indexes ORDER BY rowid').all() as Array<{ cid: number; spec: string }>;
    for (const { cid, spec } of indexes) byCid.get(cid)?.addIndex(JSON.parse(spec) as IndexDefinition);
  }

  private write(apply: (targetOf: (name: string) => WriteTarget) => void, atomic: boolean, handOver = false): void {
    this.assertOpen();
    const uow = new UnitOfWork();
    const planning = this.host.planning;
    const targetOf = (name: string): WriteTarget => ({
      name,
      uow,
      planning,
      handOver,
      state: () => this.collections.get(name),
      create: () => this.createCollection(name, uow),
    });
    try {
      apply(targetOf);
    } catch (error) {
      if (atomic) uow.rollback();
      else this.commit(uow);
      throw error;
    }
    this.commit(uow);
  }

  private commit(uow: UnitOfWork): void {
    if (uow.isEmpty) return;
    try {
      this.persist.immediate(uow);
    } catch (error) {
      uow.rollback();
      throw new DocumentStoreUnavailableError(`The read store could not write to ${this.path}: ${String(error)}`, error);
    }
    this.committed();
  }

  private createCollection(name: string, uow: UnitOfWork): CollectionState {
    const state = new CollectionState(this.nextCid++, name);
    this.collections.set(name, state);
    uow.collectionCreated(state, () => this.collections.delete(name));
    return state;
  }

  private createIndex(name: string, spec: IndexSpec): string {
    this.assertOpen();
    const fields = Object.entries(spec.keys ?? {});
    if (fields.length === 0 || fields.some(([, direction]) => direction !== 1 && direction !== -1)) {
      throw new Error(`An index needs fields with direction 1 or -1, got ${JSON.stringify(spec.keys)}.`);
    }
    if (fields.length === 1 && fields[0][0] === '_id') return '_id_';
    const definition: IndexDefinition = { name: indexNameOf(spec), keys: { ...spec.keys } as Record<string, 1 | -1>, unique: spec.unique === true };
    const existing = this.collections.get(name)?.indexes.find((d) => d.name === definition.name || sameKeys(d.keys, definition.keys));
    if (existing) {
      if (existing.name === definition.name && sameKeys(existing.keys, definition.keys) && existing.unique === definition.unique) {
        return existing.name;
      }
      throw new Error(`An index conflicting with ${JSON.stringify(definition)} exists on ${name}: ${JSON.stringify(existing)}.`);
    }
    const uow = new UnitOfWork();
    try {
      const state = this.collections.get(name) ?? this.createCollection(name, uow);
      state.addIndex(definition);
      uow.indexCreated(state, definition);
    } catch (error) {
      uow.rollback();
      throw error;
    }
    this.commit(uow);
    return definition.name;
  }

  /** Deletes a collection's rows (its documents later, by the purge); inside a transaction. */
  private forget(state: CollectionState): void {
    this.statements.deleteCollection.run(state.cid);
    this.statements.deleteIndexes.run(state.cid);
    this.statements.insertPurge.run(state.cid);
  }

  private transaction(work: () => void): void {
    try {
      this.db.transaction(work).immediate();
    } catch (error) {
      throw new DocumentStoreUnavailableError(`The read store could not write to ${this.path}: ${String(error)}`, error);
    }
    this.committed();
  }

  /**
   * Deletes orphaned documents a batch per turn of the event loop, so a large drop never blocks it.
   * The immediate is not unref'd (that would leave it waiting for other work to wake the loop); the
   * chain ends when nothing is left, or at close.
   */
  private schedulePurge(): void {
    if (this.purging || this.closed) return;
    this.purging = setImmediate(() => {
      this.purging = undefined;
      if (this.closed) return;
      try {
        const next = this.statements.nextPurge.get() as { cid: number } | undefined;
        if (!next) return;
        const deleted = this.statements.purgeDocuments.run(next.cid, PURGE_BATCH).changes;
        if (deleted < PURGE_BATCH) this.statements.endPurge.run(next.cid);
        this.committed();
        this.schedulePurge();
      } catch {
        // Busy or failing: the orphans wait for the next drop, rename or open.
      }
    });
  }
}

const sameKeys = (a: Record<string, 1 | -1>, b: Record<string, 1 | -1>): boolean => JSON.stringify(a) === JSON.stringify(b);

/** MongoDB's rules for collection names, the ones that matter here. */
const assertCollectionName = (name: string): void => {
  if (typeof name !== 'string' || name.length === 0 || name.includes('$') || name.includes('\0') || name.startsWith('system.')) {
    throw new Error(`Invalid collection name: ${JSON.stringify(name)}.`);
  }
};
