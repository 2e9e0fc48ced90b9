import { RecordedEvent } from '@app/event-store';
import { hostname } from 'node:os';
import { ProjectionDefinition } from '../projection';
import { CHECKPOINTS, readCheckpoint } from './checkpoints';
import { disagrees, DocumentCount, readDocumentCount } from './document-count';
import { ProjectionRunner, ProjectionStatus, RunnerOptions } from './projection-runner';
import { RebuildPass, RebuildTarget } from './rebuild-pass';
import { RebuildHolder, RebuildInProgressError, RebuildLock, RebuildLockOptions } from './rebuild-lock';
import { ProjectionsRunElsewhereError, RunnerPresence } from './runner-presence';

/** How far a projection is behind the head of `$all`. */
export interface ProjectionLag {
  /** Events still to apply, counted up to LAG_COUNT_LIMIT (`eventsAtLeast` says when the count stopped there). */
  events: number;
  eventsAtLeast: boolean;
  /** Between the oldest event still to apply and the newest event in the store. */
  seconds: number;
}

export interface RebuildProgress {
  projection: string;
  state: 'building' | 'indexing' | 'swapping' | 'done' | 'failed';
  processed: number;
  /** 0–1, estimated from positions (EventStoreDB's are byte offsets): a progress estimate, never a count. */
  fraction: number;
  eventsPerSecond: number;
  secondsLeft: number | null;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

const LAG_COUNT_LIMIT = 10_000;
export const REBUILD_SUFFIX = '__rebuild';
/** The name that rebuilds every read model at once. */
export const ALL = 'all';

/**
 * Runs every projection of a process, answers their status and lag, lets queries wait for a
 * position (read-your-writes), and rebuilds a read model beside the live one before swapping it in.
 */
export class ProjectionEngine {
  private readonly runners = new Map<string, ProjectionRunner>();
  private readonly rebuilds = new Map<string, RebuildProgress>();
  /** The rebuild this process runs: set before the first await, so that two requests never both start one. */
  private running: RebuildHolder | null = null;
  /** The last rebuild this process ran, when it failed: the read models may need it run again. */
  private lastFailed: RebuildProgress | null = null;
  /** Set while this process runs the live projections (and says so to the others). */
  private presence: RunnerPresence | null = null;
  /** Between stop() and start(): a rebuild still finishing must not start the live runners again. */
  private stopped = false;

  constructor(
    private readonly options: Omit<RunnerOptions, 'projection' | 'collection' | 'checkpointId'> & {
      projections: ProjectionDefinition[];
      /** False where another process (the projector) runs the projections: this one follows their checkpoints. */
      runsProjections?: boolean;
      /** When a silent rebuild counts as dead (its lock is taken over); for tests. */
      rebuildLock?: Omit<RebuildLockOptions, 'clock'>;
    },
  ) {
    for (const projection of options.projections) this.runners.set(projection.name, this.runnerFor(projection));
  }

  get names(): string[] {
    return [...this.runners.keys()];
  }

  /** Whether this process writes the read models (else the projector does, and rebuilds and restarts are its). */
  get runsProjections(): boolean {
    return this.options.runsProjections !== false;
  }

  async start(): Promise<void> {
    this.stopped = false;
    if (this.runsProjections && !this.presence) {
      this.presence = new RunnerPresence(this.options.documents, this.names, this.options.clock);
      await this.presence.announce();
    }
    for (const runner of this.runners.values()) await (this.runsProjections ? runner.start() : runner.watch());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const runner of this.runners.values()) await runner.stop();
    await this.presence?.withdraw();
    this.presence = null;
  }

  /** Restarts a projection that stopped at a poison event (after a fix), from its checkpoint. */
  async restart(name: string): Promise<void> {
    this.assertRunsProjections();
    const runner = this.runner(name);
    // A rebuild stops and starts the live runners itself; a restart in between would write during its swap.
    if (this.running) throw new RebuildInProgressError(this.running);
    await runner.stop();
    await runner.start();
  }

  /** Resolves true once every projection has reached `position`, false after `timeoutMs`. */
  async waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    for (const runner of this.runners.values())
      if (!(await runner.waitFor(position, Math.max(0, deadline - performance.now())))) return false;
    return true;
  }

  /** The lowest position every projection has reached: what a query answer reflects. */
  get position(): bigint | null {
    const positions = [...this.runners.values()].map((runner) => runner.position);
    if (positions.some((p) => p === null)) return null;
    return (positions as bigint[]).reduce((a, b) => (b < a ? b : a));
  }

  /** Each read model's state and lag, and whether it holds the documents its projection wrote (else it needs a rebuild). */
  async status(): Promise<Array<ProjectionStatus & { lag: ProjectionLag; rebuild: RebuildProgress | null; documents: DocumentCount }>> {
    const runners = [...this.runners.values()];
    const pending = await this.pendingAfter(this.position);
    return Promise.all(
      runners.map(async (runner) => {
        const documents = await readDocumentCount(this.options.documents, runner.status.collection);
        return {
          ...runner.status,
          needsRebuild: runner.status.needsRebuild || disagrees(documents),
          lag: lagOf(runner.position, pending),
          rebuild: this.rebuilds.get(runner.status.name) ?? null,
          documents,
        };
      }),
    );
  }

  rebuildProgress(name: string): RebuildProgress | null {
    return this.rebuilds.get(name) ?? null;
  }

  /**
   * Rebuilds a read model (or `all` of them, in one pass over `$all`) from position zero into fresh
   * collections while the live ones keep answering, then swaps them in. Resumable: an interrupted
   * rebuild continues from its own checkpoints.
   */
  async rebuild(name: string, onProgress?: (progress: RebuildProgress) => void): Promise<void> {
    const { finished } = await this.startRebuild(name, onProgress);
    await finished;
  }

  /**
   * Starts a rebuild once it holds the rebuild lock, and answers then (`finished` settles when it is
   * done): refused with RebuildInProgressError while another rebuild runs, here or in another process.
   */
  async startRebuild(name: string, onProgress?: (progress: RebuildProgress) => void): Promise<{ finished: Promise<void> }> {
    this.assertRunsProjections();
    const names = name === ALL ? this.names : [this.runner(name).status.name];
    const targets: RebuildTarget[] = names.map((n) => ({
      projection: this.options.projections.find((p) => p.name === n) as ProjectionDefinition,
      collection: `${n}${REBUILD_SUFFIX}`,
    }));
    // One rebuild at a time: two would build (and swap in) the same fresh collections, each behind the
    // other's back — the second resumed from the first's checkpoint and swapped in only what it had seen.
    if (this.running) throw new RebuildInProgressError(this.running);
    const at = this.now().toISOString();
    this.running = { projection: name, collections: targets.map((t) => t.collection), pid: process.pid, host: hostname(), startedAt: at, heartbeatAt: at };
    let lock: RebuildLock;
    try {
      // …and across processes (the CLI, the projector, another API on the same MongoDB).
      lock = await RebuildLock.acquire(this.options.documents, name, this.running.collections, this.lockOptions);
    } catch (error) {
      this.running = null;
      throw error;
    }
    // A process that does not run the live projections (the CLI) cannot pause those another one runs.
    try {
      const elsewhere = this.presence ? [] : await RunnerPresence.others(this.options.documents, this.options.clock);
      if (elsewhere.length > 0) throw new ProjectionsRunElsewhereError(elsewhere[0]);
    } catch (error) {
      this.running = null;
      await lock.release();
      throw error;
    }
    if (lock.tookOverFrom)
      this.options.log?.('info', `Rebuild of ${name}: took over the lock of an interrupted rebuild of ${lock.tookOverFrom.projection} (process ${lock.tookOverFrom.pid} on ${lock.tookOverFrom.host}, last heard from ${lock.tookOverFrom.heartbeatAt}).`);
    const finished = (async () => {
      try {
        await this.rebuildLocked(name, names, targets, lock, onProgress);
        this.lastFailed = null;
      } finally {
        this.running = null;
        await lock.release().catch((error: unknown) => this.options.log?.('error', `Rebuild of ${name}: its lock cannot be released: ${String(error)}`));
      }
    })();
    return { finished };
  }

  /**
   * Why the read models cannot be trusted to equal the log right now, besides a projection stopped at an
   * event: a rebuild interrupted (its lock left behind by a process that died) or failed here.
   */
  async rebuildProblems(): Promise<string[]> {
    const problems: string[] = [];
    const holder = await RebuildLock.holder(this.options.documents, this.lockOptions);
    if (holder?.stale)
      problems.push(
        `A rebuild of ${holder.projection} was interrupted (process ${holder.pid} on ${holder.host}, last heard from ${holder.heartbeatAt}); run it again: it resumes.`,
      );
    if (this.lastFailed) problems.push(`The rebuild of ${this.lastFailed.projection} failed: ${this.lastFailed.error}; run it again once fixed.`);
    return problems;
  }

  private async rebuildLocked(name: string, names: string[], targets: RebuildTarget[], lock: RebuildLock, onProgress?: (progress: RebuildProgress) => void): Promise<void> {
    const pass = new RebuildPass({ events: this.options.events, documents: this.options.documents, targets });
    const started = performance.now();
    const progress: RebuildProgress = {
      projection: name,
      state: 'building',
      processed: 0,
      fraction: 0,
      eventsPerSecond: 0,
      secondsLeft: null,
      startedAt: this.now().toISOString(),
      finishedAt: null,
      error: null,
    };
    for (const n of names) this.rebuilds.set(n, progress);
    if (name === ALL) this.rebuilds.set(ALL, progress);
    let head: bigint | null = null;
    const report = () => {
      const seconds = (performance.now() - started) / 1000;
      progress.processed = pass.eventsProcessed;
      progress.eventsPerSecond = seconds > 0 ? Math.round(progress.processed / seconds) : 0;
      progress.fraction = head && pass.position ? Math.min(1, Number(pass.position) / Number(head)) : 0;
      progress.secondsLeft = progress.fraction > 0 ? Math.round((seconds / progress.fraction) * (1 - progress.fraction)) : null;
      onProgress?.({ ...progress });
    };
    const live = names.map((n) => this.runner(n));
    try {
      head = await this.head();
      await pass.open();
      await pass.catchUp(report);
      progress.state = 'indexing';
      onProgress?.({ ...progress });
      await pass.createIndexes();
      // Swap: the live runners pause, the rebuild takes the last events, and replaces the live collections.
      progress.state = 'swapping';
      onProgress?.({ ...progress });
      for (const runner of live) await runner.stop();
      await pass.catchUp();
      // Still ours (not taken over while this process was silent): only the holder swaps anything in.
      await lock.confirm();
      for (const { collection } of targets) await this.swapIn(collection, collection.slice(0, -REBUILD_SUFFIX.length));
      progress.state = 'done';
      progress.fraction = 1;
      progress.secondsLeft = 0;
    } catch (error) {
      progress.state = 'failed';
      progress.error = error instanceof Error ? error.message : String(error);
      this.lastFailed = progress;
      throw error;
    } finally {
      if (!this.stopped) for (const runner of live) await runner.start();
      progress.finishedAt = this.now().toISOString();
      progress.processed = pass.eventsProcessed;
      onProgress?.({ ...progress });
    }
  }

  private assertRunsProjections(): void {
    if (!this.runsProjections) throw new Error('This process follows projections another process runs: rebuild or restart them there.');
  }

  /**
   * Replaces the live read model `name` with the rebuilt `collection`, checkpoint included. The fresh
   * checkpoint goes first: a crash after the rename must not leave it naming a position for a fresh
   * collection that no longer holds the documents (a later rebuild would resume from it with none).
   * A crash before the live checkpoint is written leaves the old one, behind the documents: the live
   * runner replays from it, and the documents skip what they hold.
   */
  private async swapIn(collection: string, name: string): Promise<void> {
    const checkpoint = await readCheckpoint(this.options.documents, collection);
    // Nothing writes the fresh collection now: what it holds is what the read model should hold from here on.
    if (checkpoint) checkpoint.documents = await this.options.documents.collection(collection).countDocuments();
    await this.options.documents.bulkWriteAll([{ collection: CHECKPOINTS, operations: [{ deleteOne: { filter: { _id: collection } } }] }]);
    await this.options.documents.renameCollection(collection, name);
    if (checkpoint)
      await this.options.documents.bulkWriteAll([
        { collection: CHECKPOINTS, operations: [{ replaceOne: { filter: { _id: name }, replacement: { ...checkpoint, _id: name }, upsert: true } }] },
      ]);
  }

  /** The events after `position` (all of them from null), up to one past LAG_COUNT_LIMIT: read once for every runner. */
  private async pendingAfter(position: bigint | null): Promise<RecordedEvent[]> {
    const pending = await this.options.events.readAll({ fromPosition: position ?? 'start', maxCount: LAG_COUNT_LIMIT + 1 });
    return pending.filter((event) => position === null || event.position > position);
  }

  private async head(): Promise<bigint | null> {
    const [last] = await this.options.events.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 });
    return last?.position ?? null;
  }

  /** The time a rebuild or a failure is recorded at (durations and rates are measured on the machine's monotonic clock). */
  private now(): Date {
    return this.options.clock.now();
  }

  private get lockOptions(): RebuildLockOptions {
    return { clock: this.options.clock, ...this.options.rebuildLock };
  }

  private runner(name: string): ProjectionRunner {
    const runner = this.runners.get(name);
    if (!runner) throw new Error(`No projection ${name}; there are: ${this.names.join(', ')}.`);
    return runner;
  }

  private runnerFor(projection: ProjectionDefinition): ProjectionRunner {
    return new ProjectionRunner({ ...this.options, projection });
  }
}

/**
 * How far a projection at `position` is behind, from the events pending after the lowest projection's
 * position; when those were cut at the limit, more follow, so the count is a lower bound.
 */
const lagOf = (position: bigint | null, pending: readonly RecordedEvent[]): ProjectionLag => {
  const behind = position === null ? pending : pending.filter((event) => event.position > position);
  const seconds = behind.length > 0 ? Math.max(0, (behind[behind.length - 1].recordedAt.getTime() - behind[0].recordedAt.getTime()) / 1000) : 0;
  return { events: Math.min(behind.length, LAG_COUNT_LIMIT), eventsAtLeast: pending.length > LAG_COUNT_LIMIT, seconds };
};
