import { AllFilter, EventStore, matchesFilter, readAllPages, RecordedEvent } from '@app/event-store';
import { BulkOperation, CollectionWrites, DocumentStore } from '@app/read-store';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { isCaseProjection, positionKey, positionOf, ProjectionDefinition } from '../projection';
import { CaseCache, FoldedCase, foldRecorded, loadCases, loadCasesUpTo } from '../read-models/folded-case';
import { applyEvents, DocumentCache, loadTouched, writesOf } from './apply-events';
import { Checkpoint, CHECKPOINTS, readCheckpoint } from './checkpoints';
import { WrittenIds } from './written-ids';

/**
 * Documents per write while flushing: small enough that one write holds up the API for a few
 * milliseconds, and that its JSON dies young; commits are cheap (the store syncs in a thread: ADR 0009).
 */
const WRITE_CHUNK = 2000;

/**
 * Open cases a flush may leave unwritten (their ids go into the checkpoint, which MongoDB caps at 16 MB):
 * past this many, the rest are written as before.
 */
const MAX_DEFERRED = 100_000;

/** A read model being rebuilt: its projection, the fresh collection it is built in, and that one's checkpoint. */
export interface RebuildTarget {
  projection: ProjectionDefinition;
  collection: string;
}

export interface RebuildPassOptions {
  events: EventStore;
  documents: DocumentStore;
  targets: RebuildTarget[];
  /** Events read from `$all` at a time. */
  pageSize?: number;
  /** Documents and checkpoints are written once the targets hold more documents (or newly folded cases) than this in memory… */
  maxCachedDocuments?: number;
  /** …or this long after they were last written (what an interruption can lose), and when caught up. */
  flushEveryMs?: number;
}

/**
 * Builds several read models in one pass over `$all`: each page is read once and handed to every
 * projection that reads its event types. The evolved documents stay in memory and are written, then
 * the checkpoints, when too many are held or too long after the last write: nobody queries a
 * collection being built, so it need not be written per page, and a document is written once per
 * flush however many events changed it. The complaint read models share one fold: each event is
 * folded into its case once, and its documents are mapped from it when it is done with: closed, idle
 * for a whole flush, or at the end. A case still open and taking events is held, not written (written at
 * every flush, a case of a dense register was stored again and again: ~2–3 times each at 600,000
 * complaints); the checkpoint names it as pending. An interrupted pass resumes from its checkpoints: a
 * pending case, or one seen first after them, is read from its stream.
 */
export class RebuildPass {
  private readonly pageSize: number;
  private readonly maxCachedDocuments: number;
  private readonly flushEveryMs: number;
  private readonly filter: AllFilter;
  /** Per target, the events its projection reads. */
  private readonly filters: Map<RebuildTarget, AllFilter>;
  /** Per target, the last position its documents and checkpoint were written at (null: none yet). */
  private readonly written = new Map<RebuildTarget, bigint | null>();
  /**
   * Per target, the ids of the documents this pass stored in its collection, when the pass began on an
   * empty one; undefined when it began on a collection holding documents (a resumed pass). Documents
   * not in it are neither looked up nor upserted: inserted.
   */
  private readonly stored = new Map<RebuildTarget, WrittenIds | undefined>();
  private reached: bigint | null = null;
  private processed = 0;
  /** The cases the complaint read models map, folded once for all of them; at each flush, those done with are forgotten. */
  private readonly cases: CaseCache = new Map();
  /** Cases kept through the last flush (open, and taking events): they count again once they take more. */
  private keptCases = 0;
  /** Per target, the cases whose documents it owes: held through a flush (open, taking events), or pending in the checkpoint resumed from. */
  private readonly deferred = new Map<RebuildTarget, Set<string>>();
  private readonly foldsCases: boolean;

  constructor(private readonly options: RebuildPassOptions) {
    this.pageSize = options.pageSize ?? 1000;
    // A folded case holds its complaint's texts: 150,000 of them took 860 MiB of heap (bench, 2026-12-07).
    // Written every 40,000 new cases, a rebuild's memory stays flat whatever the register's size.
    this.maxCachedDocuments = options.maxCachedDocuments ?? 40_000;
    this.flushEveryMs = options.flushEveryMs ?? 120_000;
    this.filter = { eventTypePrefixes: [...new Set(options.targets.flatMap((t) => t.projection.eventTypes))] };
    this.filters = new Map(options.targets.map((t) => [t, { eventTypePrefixes: [...t.projection.eventTypes] }]));
    this.foldsCases = options.targets.some((t) => isCaseProjection(t.projection));
  }

  /** The last position every target has reached, or null before the first. */
  get position(): bigint | null {
    return this.reached;
  }

  /** Events applied (by at least one target) so far. */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Loads the fresh collections' checkpoints (a resumed rebuild continues from them). */
  async open(): Promise<void> {
    const { documents, targets } = this.options;
    for (const target of targets) {
      const checkpoint = await readCheckpoint(documents, target.collection);
      this.written.set(target, checkpoint ? positionOf(checkpoint.position) : null);
      this.deferred.set(target, new Set(checkpoint?.pending ?? []));
      // Empty, not merely without a checkpoint: a pass cut short between two chunks of its first flush left documents.
      const empty = (await documents.collection(target.collection).countDocuments({})) === 0;
      this.stored.set(target, empty ? new WrittenIds() : undefined);
    }
    const positions = [...this.written.values()];
    this.reached = positions.some((p) => p === null) ? null : (positions as bigint[]).reduce((a, b) => (b < a ? b : a));
  }

  /**
   * Reads and applies `$all` up to its head as it is now (and whatever the pages bring past it), then
   * writes everything. One round: under steady writes, chasing the head would never end; what comes
   * after is the live runner's, which continues from the checkpoint this writes.
   */
  async catchUp(onProgress?: () => void): Promise<void> {
    const caches = new Map(this.options.targets.map((target) => [target, { documents: new Map() as DocumentCache, touched: new Set<string>() }]));
    let flushedAt = performance.now();
    const head = await this.head();
    // A resumed pass holds its pending cases again, as they stood at its checkpoints, to write them.
    const pending = [...this.deferred.values()].flatMap((ids) => [...ids]);
    if (this.foldsCases && this.reached !== null && pending.length > 0) await loadCasesUpTo(this.options.events, pending, this.reached, this.cases);
    if (head !== null && (this.reached === null || this.reached < head)) {
      // Read (ahead, where the store can) until a short page: every event for these read models up to `head`.
      const pages = readAllPages(this.options.events, { after: this.reached ?? undefined, pageSize: this.pageSize, filter: this.filter });
      for await (const page of pages) {
        if (this.foldsCases) {
          await loadCases(this.options.events, page, this.cases);
          for (const event of page) foldRecorded(this.cases, event);
        }
        for (const target of this.options.targets) await this.applyTo(target, page, caches.get(target)!);
        this.reached = page[page.length - 1].position;
        this.processed += page.length;
        const cached = [...caches.values()].reduce((sum, cache) => sum + cache.documents.size, this.cases.size - this.keptCases);
        if (cached > this.maxCachedDocuments || performance.now() - flushedAt >= this.flushEveryMs) {
          await this.flush(caches);
          flushedAt = performance.now();
        }
        onProgress?.();
        // The stores answer in microtasks: without this, a long pass would starve timers and I/O (HTTP included).
        await yieldToEventLoop();
      }
      // Nothing for these read models up to the head: it is reached (what a checkpoint then says).
      if (this.reached === null || head > this.reached) this.reached = head;
    }
    await this.flush(caches, true);
  }


  /**
   * Creates the read models' indexes, once the documents are in: one sort per index instead of an
   * index update per document version (and MongoDB, too, builds an index faster over loaded data).
   */
  async createIndexes(): Promise<void> {
    for (const { projection, collection } of this.options.targets)
      for (const index of projection.indexes) await this.options.documents.collection(collection).createIndex(index);
  }

  private async applyTo(target: RebuildTarget, page: RecordedEvent[], cache: { documents: DocumentCache; touched: Set<string> }): Promise<void> {
    const { projection, collection } = target;
    const from = this.written.get(target) ?? null;
    const reads = this.filters.get(target);
    const events = page.filter((event) => (from === null || event.position > from) && matchesFilter(reads, event.streamId, event.type));
    if (events.length === 0) return;
    if (isCaseProjection(projection)) {
      // Mapped from the folded cases when flushed: once per case, however many events it took.
      for (const event of events) for (const id of projection.documentIds(event)) cache.touched.add(id);
      return;
    }
    await loadTouched(this.options.documents, collection, projection, events, cache.documents, this.mayBeStored(target));
    const { failure } = applyEvents(projection, events, cache.documents, cache.touched);
    if (failure) {
      const { event, error } = failure;
      throw new Error(
        `Read model ${projection.name} cannot apply event ${event.type} at position ${event.position} (${event.streamId}@${event.revision}): ` +
          (error instanceof Error ? error.message : String(error)),
      );
    }
  }

  /**
   * Writes every target's evolved documents, then the checkpoints, and forgets the documents. The
   * documents go in chunks with a turn of the event loop between them, so that the API keeps answering;
   * a crash between chunks leaves documents ahead of their checkpoint, which a resumed rebuild skips
   * (each document remembers its position). Open cases that took events since the last flush are held
   * unwritten and named in the checkpoint, unless `final`.
   */
  private async flush(caches: Map<RebuildTarget, { documents: DocumentCache; touched: Set<string> }>, final = false): Promise<void> {
    const reached = this.reached;
    if (reached === null) return;
    const due = [...caches].filter(([target]) => this.written.get(target) !== reached || (final && this.deferred.get(target)!.size > 0));
    if (due.length === 0) return;
    // Documents evolved event by event: the cache forgets them after the flush, so the store may keep them rather than copies.
    for (const [target, cache] of due)
      if (!isCaseProjection(target.projection))
        await this.writeInChunks([...cache.touched], WRITE_CHUNK, (ids) => {
          const operations = writesOf(ids, cache.documents, this.mayBeStored(target));
          this.remember(target, ids, (id) => Boolean(cache.documents.get(id)));
          return [{ collection: target.collection, operations }];
        });
    const mapped = due.filter(([target]) => isCaseProjection(target.projection));
    if (mapped.length > 0) await this.writeCases(mapped, final);
    const operations = due.map(([target]): BulkOperation => {
      const pending = this.deferred.get(target)!;
      const checkpoint: Checkpoint = {
        _id: target.collection,
        position: positionKey(reached),
        projectionVersion: target.projection.version,
        ...(pending.size > 0 && { pending: [...pending] }),
      };
      return { replaceOne: { filter: { _id: checkpoint._id }, replacement: checkpoint, upsert: true } };
    });
    await this.options.documents.bulkWriteAll([{ collection: CHECKPOINTS, operations }]);
    for (const [target, cache] of caches) {
      this.written.set(target, reached);
      cache.documents.clear();
      cache.touched.clear();
    }
    this.keptCases = this.cases.size;
  }

  /**
   * Writes the rows the case read models owe: of the cases done with (closed, or idle since the last
   * flush) and, at the end, of every case. Every read model's rows of some cases at once, then the cases
   * done with are forgotten, so that the cases and all their rows are never in memory together.
   */
  private async writeCases(mapped: Array<[RebuildTarget, { touched: Set<string> }]>, final: boolean): Promise<void> {
    const touched = new Set(mapped.flatMap(([, cache]) => [...cache.touched]));
    // Still open and taking events: its next event would change the rows again.
    const held = new Set<string>();
    if (!final) for (const id of touched) if (held.size < MAX_DEFERRED && !doneWith(this.cases.get(id))) held.add(id);
    const owed = new Map(mapped.map(([target, cache]) => [target, new Set([...this.deferred.get(target)!, ...cache.touched])]));
    const due = new Set([...owed.values()].flatMap((ids) => [...ids]).filter((id) => !held.has(id)));
    // Idle since the last flush, and written then: forgotten (its next event, if any, reads its stream back).
    for (const id of this.cases.keys()) if (!touched.has(id) && !due.has(id)) this.cases.delete(id);
    await this.writeInChunks([...due], Math.ceil(WRITE_CHUNK / mapped.length), (ids) => {
      const writes = mapped.map(([target]) => ({ collection: target.collection, operations: this.rowsOf(target, ids.filter((id) => owed.get(target)!.has(id))) }));
      for (const id of ids) if (!touched.has(id) || doneWith(this.cases.get(id))) this.cases.delete(id);
      return writes.filter((write) => write.operations.length > 0);
    });
    for (const [target] of mapped) this.deferred.set(target, new Set([...owed.get(target)!].filter((id) => held.has(id))));
  }

  /** Writes in chunks, with a turn of the event loop between them so that the API keeps answering. */
  private async writeInChunks(ids: string[], size: number, writes: (ids: string[]) => CollectionWrites[]): Promise<void> {
    for (let start = 0; start < ids.length; start += size) {
      await this.options.documents.bulkWriteAll(writes(ids.slice(start, start + size)), { handOver: true });
      await yieldToEventLoop();
    }
  }

  /** The writes of these cases' documents, mapped from the folded cases. */
  private rowsOf(target: RebuildTarget, ids: string[]): BulkOperation[] {
    const { projection } = target;
    if (!isCaseProjection(projection)) return [];
    const rows = new Map(ids.map((id) => [id, projection.row(this.cases.get(id)!)]));
    const operations = writesOf(ids, rows, this.mayBeStored(target));
    this.remember(target, ids, (id) => Boolean(rows.get(id)));
    return operations;
  }

  /**
   * Notes which of these documents the collection holds once they are written (where the pass keeps count).
   * One deleted stays noted: it is then deleted or upserted again, never inserted twice.
   */
  private remember(target: RebuildTarget, ids: string[], holds: (id: string) => boolean): void {
    const stored = this.stored.get(target);
    if (stored) for (const id of ids) if (holds(id)) stored.add(id);
  }

  private mayBeStored(target: RebuildTarget): (id: string) => boolean {
    const stored = this.stored.get(target);
    return stored ? (id) => stored.mayHold(id) : () => true;
  }

  private async head(): Promise<bigint | null> {
    const [last] = await this.options.events.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 });
    return last?.position ?? null;
  }
}

/** A case closed for good (or never folded): a rebuild keeps no memory of it after writing its rows. */
const doneWith = (folded: FoldedCase | undefined): boolean => !folded || folded.state.status === 'closed' || folded.state.status === 'withdrawn';
