import { EventStore } from '@app/event-store';
import { DocumentStore } from '@app/read-store';
import { ProjectionDefinition } from '../projection';
import { CHECKPOINTS, readCheckpoint } from './checkpoints';
import { ProjectionRunner, ProjectionStatus, RunnerOptions } from './projection-runner';

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
  state: 'building' | 'swapping' | 'done' | 'failed';
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

/**
 * Runs every projection of a process, answers their status and lag, lets queries wait for a
 * position (read-your-writes), and rebuilds a read model beside the live one before swapping it in.
 */
export class ProjectionEngine {
  private readonly runners = new Map<string, ProjectionRunner>();
  private readonly rebuilds = new Map<string, RebuildProgress>();

  constructor(
    private readonly options: Omit<RunnerOptions, 'projection' | 'collection' | 'checkpointId'> & {
      projections: ProjectionDefinition[];
    },
  ) {
    for (const projection of options.projections) this.runners.set(projection.name, this.runnerFor(projection));
  }

  get names(): string[] {
    return [...this.runners.keys()];
  }

  async start(): Promise<void> {
    for (const runner of this.runners.values()) await runner.start();
  }

  async stop(): Promise<void> {
    for (const runner of this.runners.values()) await runner.stop();
  }

  /** Restarts a projection that stopped at a poison event (after a fix), from its checkpoint. */
  async restart(name: string): Promise<void> {
    const runner = this.runner(name);
    await runner.stop();
    await runner.start();
  }

  /** Resolves true once every projection has reached `position`, false after `timeoutMs`. */
  async waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (const runner of this.runners.values())
      if (!(await runner.waitFor(position, Math.max(0, deadline - Date.now())))) return false;
    return true;
  }

  /** The lowest position every projection has reached: what a query answer reflects. */
  get position(): bigint | null {
    const positions = [...this.runners.values()].map((runner) => runner.position);
    if (positions.some((p) => p === null)) return null;
    return (positions as bigint[]).reduce((a, b) => (b < a ? b : a));
  }

  async status(): Promise<Array<ProjectionStatus & { lag: ProjectionLag; rebuild: RebuildProgress | null }>> {
    return Promise.all(
      [...this.runners.values()].map(async (runner) => ({
        ...runner.status,
        lag: await this.lagOf(runner),
        rebuild: this.rebuilds.get(runner.status.name) ?? null,
      })),
    );
  }

  rebuildProgress(name: string): RebuildProgress | null {
    return this.rebuilds.get(name) ?? null;
  }

  /**
   * Rebuilds a read model from position zero into a fresh collection while the live one keeps
   * answering, then swaps it in. Resumable: an interrupted rebuild continues from its own checkpoint.
   */
  async rebuild(name: string, onProgress?: (progress: RebuildProgress) => void): Promise<void> {
    const live = this.runner(name);
    const projection = this.options.projections.find((p) => p.name === name) as ProjectionDefinition;
    const temporary = `${name}${REBUILD_SUFFIX}`;
    const builder = new ProjectionRunner({ ...this.options, projection, collection: temporary, checkpointId: temporary, batchSize: 1000 });
    const started = Date.now();
    const progress: RebuildProgress = {
      projection: name,
      state: 'building',
      processed: 0,
      fraction: 0,
      eventsPerSecond: 0,
      secondsLeft: null,
      startedAt: new Date(started).toISOString(),
      finishedAt: null,
      error: null,
    };
    this.rebuilds.set(name, progress);
    const report = async () => {
      const head = await this.head();
      const seconds = (Date.now() - started) / 1000;
      progress.processed = builder.status.eventsProcessed;
      progress.eventsPerSecond = seconds > 0 ? Math.round(progress.processed / seconds) : 0;
      progress.fraction = head && builder.position ? Math.min(1, Number(builder.position) / Number(head)) : 0;
      progress.secondsLeft = progress.fraction > 0 ? Math.round((seconds / progress.fraction) * (1 - progress.fraction)) : null;
      onProgress?.({ ...progress });
    };
    try {
      await builder.open();
      await builder.catchUp(() => void report());
      // Swap: the live runner pauses, the rebuild takes the last events, and replaces the live collection.
      progress.state = 'swapping';
      await live.stop();
      await builder.catchUp();
      const checkpoint = await readCheckpoint(this.options.documents, temporary);
      await this.options.documents.renameCollection(temporary, name);
      await this.options.documents.bulkWriteAll([
        {
          collection: CHECKPOINTS,
          operations: [
            ...(checkpoint ? [{ replaceOne: { filter: { _id: name }, replacement: { ...checkpoint, _id: name }, upsert: true } }] : []),
            { deleteOne: { filter: { _id: temporary } } },
          ],
        },
      ]);
      await live.start();
      progress.state = 'done';
      progress.fraction = 1;
      progress.secondsLeft = 0;
    } catch (error) {
      progress.state = 'failed';
      progress.error = error instanceof Error ? error.message : String(error);
      await live.start();
      throw error;
    } finally {
      progress.finishedAt = new Date().toISOString();
      progress.processed = builder.status.eventsProcessed;
      onProgress?.({ ...progress });
    }
  }

  private async lagOf(runner: ProjectionRunner): Promise<ProjectionLag> {
    const after = runner.position;
    const pending = await this.options.events.readAll({ fromPosition: after ?? 'start', maxCount: LAG_COUNT_LIMIT + 1 });
    const behind = pending.filter((event) => after === null || event.position > after);
    const head = behind[behind.length - 1];
    const seconds = behind.length > 0 ? Math.max(0, (head.recordedAt.getTime() - behind[0].recordedAt.getTime()) / 1000) : 0;
    return { events: Math.min(behind.length, LAG_COUNT_LIMIT), eventsAtLeast: behind.length > LAG_COUNT_LIMIT, seconds };
  }

  private async head(): Promise<bigint | null> {
    const [last] = await this.options.events.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 });
    return last?.position ?? null;
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
