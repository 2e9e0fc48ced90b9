import { Clock } from '@app/domain';
import { EventStore, RecordedEvent } from '@app/event-store';
import { BulkOperation, CollectionWrites, DocumentStore, DuplicateKeyError } from '@app/read-store';
import { setImmediate as yieldToEventLoop, setTimeout as sleep } from 'node:timers/promises';
import { isCaseProjection, positionKey, positionOf, ProjectionDefinition } from '../projection';
import { CaseCache, loadCases } from '../read-models/folded-case';
import { applyEvents, DocumentCache, loadTouched, writesOf } from './apply-events';
import { Checkpoint, CHECKPOINTS, readCheckpoint } from './checkpoints';
import { aheadOf, countChange, presentIn } from './document-count';

export interface ProjectionFailure {
  position: string;
  streamId: string;
  revision: string;
  eventId: string;
  type: string;
  error: string;
  failedAt: string;
}

export interface ProjectionStatus {
  name: string;
  collection: string;
  /** `external`: run by another process (the projector); this one only follows its checkpoint. */
  state: 'starting' | 'catching-up' | 'live' | 'failed' | 'stopped' | 'external';
  /** The last `$all` position this projection has reached; decimal string, null before the first event. */
  position: string | null;
  eventsProcessed: number;
  failure: ProjectionFailure | null;
  /** The read model was built by another version of its projection: rebuild it. */
  needsRebuild: boolean;
}

export interface RunnerOptions {
  events: EventStore;
  documents: DocumentStore;
  projection: ProjectionDefinition;
  /** Defaults to the projection's name; a rebuild writes into a fresh collection instead. */
  collection?: string;
  /** Defaults to the collection's name. */
  checkpointId?: string;
  batchSize?: number;
  /** How long to wait before looking again once caught up. */
  idleMs?: number;
  log?: (level: 'info' | 'error', message: string, details?: Record<string, unknown>) => void;
  /** The application's clock, for every time the runner records (a failure's, a rebuild's, its presence). */
  clock: Clock;
}

/**
 * Keeps one read model up to date: reads `$all` after its checkpoint in batches, evolves the
 * documents each event touches, and writes documents and checkpoint in one bulkWriteAll (at least
 * once; documents skip events at or before their `_position`, so replays never double-apply).
 * An event whose handler throws stops the projection at that event, reported, never skipped.
 */
export class ProjectionRunner {
  private readonly collection: string;
  private readonly checkpointId: string;
  private readonly batchSize: number;
  private readonly idleMs: number;
  private running = false;
  private loop?: Promise<void>;
  private reached: bigint | null = null;
  /** Documents the collection holds as far as this runner wrote them; null: unknown (an old checkpoint). */
  private documentCount: number | null = null;
  private readonly waiters = new Set<{ position: bigint; resolve: () => void }>();
  private readonly current: ProjectionStatus;

  constructor(private readonly options: RunnerOptions) {
    this.collection = options.collection ?? options.projection.name;
    this.checkpointId = options.checkpointId ?? this.collection;
    this.batchSize = options.batchSize ?? 500;
    this.idleMs = options.idleMs ?? 50;
    this.current = { name: options.projection.name, collection: this.collection, state: 'stopped', position: null, eventsProcessed: 0, failure: null, needsRebuild: false };
  }

  get status(): ProjectionStatus {
    return { ...this.current, position: this.reached?.toString() ?? null };
  }

  /** The last position reached, or null. */
  get position(): bigint | null {
    return this.reached;
  }

  /** Creates the read model's indexes and loads the checkpoint; start() and catchUp() need it first. */
  async open(): Promise<void> {
    const { documents, projection } = this.options;
    const collection = documents.collection(this.collection);
    const declared: string[] = [];
    for (const index of projection.indexes) declared.push(await collection.createIndex(index));
    // An index an older version declared (ADR 0024 replaced the journal's `status`) would cost every write.
    const dropped = await collection.dropIndexesExcept(declared);
    if (dropped.length > 0) this.options.log?.('info', `Read model ${this.collection}: dropped the indexes its projection no longer declares: ${dropped.join(', ')}.`);
    const checkpoint = await readCheckpoint(documents, this.checkpointId);
    this.reached = checkpoint ? positionOf(checkpoint.position) : null;
    // No checkpoint: the run starts from the first event, and makes whatever the collection holds right.
    this.documentCount = checkpoint ? (checkpoint.documents ?? null) : await documents.collection(this.collection).countDocuments();
    this.current.needsRebuild = checkpoint !== null && checkpoint.projectionVersion !== projection.version;
    if (this.current.needsRebuild)
      this.options.log?.('error', `Read model ${this.collection} was built by version ${checkpoint?.projectionVersion} of its projection, now ${projection.version}: rebuild it.`);
    this.current.state = 'starting';
    this.current.failure = null;
  }

  /** Follows `$all` in the background until stop(). */
  async start(): Promise<void> {
    if (this.running) return;
    await this.open();
    this.running = true;
    this.loop = this.run();
  }

  /**
   * Follows the checkpoint that another process (the projector) writes, without projecting: queries
   * can then wait for a position and read the status, while one process alone writes the read model.
   */
  async watch(): Promise<void> {
    if (this.running) return;
    this.reached = await this.checkpointPosition();
    this.current.state = 'external';
    this.current.failure = null;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        await sleep(this.idleMs);
        try {
          const latest = await this.checkpointPosition();
          if (latest !== null) this.advanceTo(latest);
        } catch (error) {
          this.options.log?.('error', `Read model ${this.collection}: its checkpoint cannot be read: ${String(error)}`);
        }
      }
    })();
  }

  private async checkpointPosition(): Promise<bigint | null> {
    const checkpoint = await readCheckpoint(this.options.documents, this.checkpointId);
    return checkpoint ? positionOf(checkpoint.position) : null;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    if (this.current.state !== 'failed') this.current.state = 'stopped';
  }

  /** Resolves once the projection has reached `position`, or after `timeoutMs` with false. */
  async waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.reached !== null && this.reached >= position) return true;
    return new Promise((resolve) => {
      const waiter = { position, resolve: () => resolve(true) };
      this.waiters.add(waiter);
      setTimeout(() => {
        if (this.waiters.delete(waiter)) resolve(false);
      }, timeoutMs).unref();
    });
  }

  /** Runs in the foreground until it has reached the head of `$all` (read anew after each batch). */
  async catchUp(onProgress?: (processed: number) => void): Promise<void> {
    for (;;) {
      const head = await this.head();
      if (head === null || (this.reached !== null && this.reached >= head)) return;
      await this.step();
      onProgress?.(this.current.eventsProcessed);
      if (this.current.failure) throw new Error(`Projection ${this.options.projection.name} failed: ${this.current.failure.error}`);
      // The stores answer in microtasks: without this, a long catch-up would starve timers and I/O (HTTP included).
      await yieldToEventLoop();
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const progressed = await this.step();
        failures = 0;
        if (this.current.state === 'failed') return;
        if (!progressed) await sleep(this.idleMs);
        // Between batches, let timers and I/O (HTTP requests) run: the stores answer in microtasks.
        else await yieldToEventLoop();
      } catch (error) {
        // A store is unreachable or busy: try again from the stored checkpoint, waiting longer each time.
        const delay = retryDelay(failures++, this.idleMs);
        this.options.log?.('error', `Projection ${this.options.projection.name} cannot read or write (attempt ${failures}, next in ${delay} ms): ${String(error)}`);
        await sleep(delay);
      }
    }
  }

  /** One batch. Returns whether there was anything to do. */
  private async step(): Promise<boolean> {
    const { events, projection } = this.options;
    // The head is read first: every event up to it is in this page or already applied.
    const head = await this.head();
    const after = this.reached;
    const read = await events.readAll({
      fromPosition: after ?? 'start',
      maxCount: this.batchSize + 1,
      filter: { eventTypePrefixes: [...projection.eventTypes] },
    });
    const page = read.filter((event) => after === null || event.position > after).slice(0, this.batchSize);
    const caughtUp = page.length < this.batchSize;
    if (page.length === 0) {
      this.current.state = 'live';
      // Nothing for this projection up to the head: it has reached the head (what read-your-writes waits for).
      if (head !== null && (after === null || head > after)) await this.saveCheckpoint(head, [], 0);
      return false;
    }
    this.current.state = caughtUp ? 'live' : 'catching-up';
    const { applied, failure, operations, added, ahead } = await this.apply(page);
    // Documents past the checkpoint: a batch whose checkpoint was lost (MongoDB writes them first), or a swap cut
    // short. The count never saw them: it starts again from what the collection holds.
    if (ahead && this.documentCount !== null) this.documentCount = await this.options.documents.collection(this.collection).countDocuments();
    const lastApplied = applied[applied.length - 1];
    const reachedAt = !failure && caughtUp && head !== null && head > page[page.length - 1].position ? head : lastApplied?.position;
    try {
      if (reachedAt !== undefined) await this.saveCheckpoint(reachedAt, operations, added);
    } catch (error) {
      // A unique index refuses what the events make: retrying cannot help, so stop at the batch's first event.
      if (!(error instanceof DuplicateKeyError)) throw error;
      this.fail({ event: page[0], error });
      return true;
    }
    this.current.eventsProcessed += applied.length;
    if (failure) this.fail(failure);
    return true;
  }

  /** Evolves the documents the page touches, in order, up to the first event whose handler throws. */
  private async apply(
    page: RecordedEvent[],
  ): Promise<{ applied: RecordedEvent[]; operations: BulkOperation[]; added: number; ahead: boolean; failure?: { event: RecordedEvent; error: unknown } }> {
    const { projection, documents } = this.options;
    const cache: DocumentCache = new Map();
    await loadTouched(documents, this.collection, projection, page, cache);
    const present = presentIn(cache);
    const ahead = this.reached !== null && aheadOf(cache, positionKey(this.reached));
    // A case projection's documents come from the cases, each folded from its stream up to this page.
    const cases: CaseCache = new Map();
    if (isCaseProjection(projection)) await loadCases(this.options.events, page, cases);
    const touched = new Set<string>();
    const { applied, failure } = applyEvents(projection, page, cache, touched, cases);
    return { applied: page.slice(0, applied), operations: writesOf(touched, cache), added: countChange(touched, cache, present), ahead, failure };
  }

  /** Writes the documents and the checkpoint, with the document count the writes leave (`added` to it). */
  private async saveCheckpoint(position: bigint, operations: BulkOperation[], added: number): Promise<void> {
    const count = this.documentCount === null ? null : this.documentCount + added;
    const checkpoint: Checkpoint = { _id: this.checkpointId, position: positionKey(position), projectionVersion: this.options.projection.version };
    if (count !== null) checkpoint.documents = count;
    const saveCheckpoint: BulkOperation = { replaceOne: { filter: { _id: this.checkpointId }, replacement: checkpoint, upsert: true } };
    const writes: CollectionWrites[] = [{ collection: CHECKPOINTS, operations: [saveCheckpoint] }];
    // Documents first, checkpoint last: a store without transactions then never gets ahead of its documents.
    if (operations.length > 0) writes.unshift({ collection: this.collection, operations });
    // The batch's documents are not used again (a retry evolves them anew): the store may keep them rather than copies.
    await this.options.documents.bulkWriteAll(writes, { handOver: true });
    this.documentCount = count;
    this.advanceTo(position);
  }

  private advanceTo(position: bigint): void {
    this.reached = position;
    for (const waiter of this.waiters)
      if (position >= waiter.position) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
  }

  private fail({ event, error }: { event: RecordedEvent; error: unknown }): void {
    this.current.state = 'failed';
    this.running = false;
    this.current.failure = {
      position: event.position.toString(),
      streamId: event.streamId,
      revision: event.revision.toString(),
      eventId: event.eventId,
      type: event.type,
      error: error instanceof Error ? error.message : String(error),
      failedAt: this.options.clock.now().toISOString(),
    };
    this.options.log?.('error', `Projection ${this.options.projection.name} stopped at a poison event`, { ...this.current.failure });
  }

  private async head(): Promise<bigint | null> {
    const [last] = await this.options.events.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 });
    return last?.position ?? null;
  }
}

/** Exponential backoff from 250 ms to 30 s, with jitter so that several projections do not retry in step. */
export const retryDelay = (failures: number, minimumMs: number): number => {
  const ceiling = Math.min(30_000, 250 * 2 ** Math.min(failures, 7));
  return Math.max(minimumMs, Math.round(ceiling * (0.5 + Math.random() / 2)));
};
