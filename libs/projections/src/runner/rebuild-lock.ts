import { Clock } from '@app/domain';
import { DocumentStore, DuplicateKeyError } from '@app/read-store';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { CHECKPOINTS } from './checkpoints';

/**
 * The lock row every rebuild holds, kept with the checkpoints in the read-model store so that every
 * process sharing those read models (API, projector, CLI; on MongoDB across hosts) sees it. A `$`
 * cannot begin a collection name, so no checkpoint ever has this id.
 */
export const REBUILD_LOCK_ID = '$rebuild-lock';

/** Who is rebuilding what, since when, and when it last said it is alive. */
export interface RebuildHolder {
  /** The read model being rebuilt, or `all`. */
  projection: string;
  /** The fresh collections it builds (`<name>__rebuild`). */
  collections: string[];
  pid: number;
  host: string;
  startedAt: string;
  heartbeatAt: string;
}

interface RebuildLockDocument extends RebuildHolder {
  _id: typeof REBUILD_LOCK_ID;
  /** A token of the holder's own: only it renews or releases the lock. */
  owner: string;
}

export interface RebuildLockOptions {
  /** A holder not heard from for this long has died: its lock is taken over (and its rebuild resumed). */
  staleAfterMs?: number;
  /** How often the holder says it is alive. */
  heartbeatMs?: number;
  /** The application's clock: the times the lock records, and how long its holder has been silent. */
  clock: Clock;
}

/** Another rebuild holds the lock: only one rebuild runs at a time over the same read models. */
export class RebuildInProgressError extends Error {
  readonly code = 'rebuild-in-progress';
  constructor(readonly rebuild: RebuildHolder) {
    super(
      `A rebuild of ${rebuild.projection} is running (process ${rebuild.pid} on ${rebuild.host}, since ${rebuild.startedAt}, ` +
        `last heard from ${rebuild.heartbeatAt}); only one rebuild runs at a time. Follow it on GET /projections/${rebuild.projection}/rebuild, then ask again.`,
    );
    this.name = 'RebuildInProgressError';
  }
}

/** The lock was taken over (its holder was silent for too long): this rebuild must not swap anything in. */
export class RebuildLockLostError extends Error {
  readonly code = 'rebuild-lock-lost';
  constructor(projection: string) {
    super(`The rebuild of ${projection} lost its lock to another process (it was silent for too long); nothing was swapped in. Run it again.`);
    this.name = 'RebuildLockLostError';
  }
}

/** Owners held by this process: a lock row naming this pid and host but none of these is a previous life's. */
const heldHere = new Set<string>();

/**
 * An exclusive, cross-process lock on rebuilding, built from what every DocumentStore guarantees: an
 * insert of an existing _id fails (DuplicateKeyError), and an update matches only what its filter
 * names (so a takeover of a stale lock, conditional on the heartbeat seen, has exactly one winner).
 */
export class RebuildLock {
  private timer?: NodeJS.Timeout;
  private lost = false;

  private constructor(
    private readonly documents: DocumentStore,
    private readonly held: RebuildLockDocument,
    private readonly options: Required<RebuildLockOptions>,
    /** The interrupted rebuild whose stale lock this one took over, if any. */
    readonly tookOverFrom: RebuildHolder | null,
  ) {}

  static async acquire(documents: DocumentStore, projection: string, collections: string[], options: RebuildLockOptions): Promise<RebuildLock> {
    const settings = { staleAfterMs: 60_000, heartbeatMs: 5_000, ...options };
    const locks = documents.collection<RebuildLockDocument>(CHECKPOINTS);
    for (let attempt = 0; attempt < 5; attempt++) {
      const at = settings.clock.now().toISOString();
      const mine: RebuildLockDocument = { _id: REBUILD_LOCK_ID, owner: randomUUID(), projection, collections, pid: process.pid, host: hostname(), startedAt: at, heartbeatAt: at };
      try {
        await locks.insertOne(mine);
        return new RebuildLock(documents, mine, settings, null).started();
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
      const current = await locks.findOne({ _id: REBUILD_LOCK_ID });
      if (!current) continue; // released in between: try again
      if (!isStale(current, settings)) throw new RebuildInProgressError(holderOf(current));
      const { _id, ...fields } = mine;
      const { matchedCount } = await locks.updateOne({ _id, owner: current.owner, heartbeatAt: current.heartbeatAt }, { $set: fields });
      if (matchedCount === 1) return new RebuildLock(documents, mine, settings, holderOf(current)).started();
    }
    const current = await locks.findOne({ _id: REBUILD_LOCK_ID });
    throw new RebuildInProgressError(current ? holderOf(current) : { projection, collections, pid: 0, host: '?', startedAt: '?', heartbeatAt: '?' });
  }

  /** The rebuild holding the lock, and whether it has died (interrupted: its fresh collections are incomplete). */
  static async holder(documents: DocumentStore, options: RebuildLockOptions): Promise<(RebuildHolder & { stale: boolean }) | null> {
    const settings = { staleAfterMs: 60_000, heartbeatMs: 5_000, ...options };
    const current = await documents.collection<RebuildLockDocument>(CHECKPOINTS).findOne({ _id: REBUILD_LOCK_ID });
    return current ? { ...holderOf(current), stale: isStale(current, settings) } : null;
  }

  /** Renews the lock now; throws RebuildLockLostError when another process has taken it over. */
  async confirm(): Promise<void> {
    if (!this.lost) await this.renew();
    if (this.lost) throw new RebuildLockLostError(this.held.projection);
  }

  async release(): Promise<void> {
    clearInterval(this.timer);
    heldHere.delete(this.held.owner);
    await this.documents.bulkWriteAll([{ collection: CHECKPOINTS, operations: [{ deleteOne: { filter: { _id: REBUILD_LOCK_ID, owner: this.held.owner } } }] }]);
  }

  private started(): this {
    heldHere.add(this.held.owner);
    this.timer = setInterval(() => {
      this.renew().catch(() => undefined); // a store that does not answer: the next beat, or confirm(), tries again
    }, this.options.heartbeatMs);
    this.timer.unref();
    return this;
  }

  private async renew(): Promise<void> {
    const heartbeatAt = this.options.clock.now().toISOString();
    const { matchedCount } = await this.documents
      .collection<RebuildLockDocument>(CHECKPOINTS)
      .updateOne({ _id: REBUILD_LOCK_ID, owner: this.held.owner }, { $set: { heartbeatAt } });
    if (matchedCount === 0) {
      this.lost = true;
      clearInterval(this.timer);
    }
  }
}

const holderOf = ({ projection, collections, pid, host, startedAt, heartbeatAt }: RebuildLockDocument): RebuildHolder => ({
  projection,
  collections,
  pid,
  host,
  startedAt,
  heartbeatAt,
});

/** Silent for too long, or left by a process of this host that is gone (or by this process in a previous life). */
const isStale = (lock: RebuildLockDocument, { staleAfterMs, clock }: Required<RebuildLockOptions>): boolean => {
  if (clock.now().getTime() - Date.parse(lock.heartbeatAt) > staleAfterMs) return true;
  if (lock.host !== hostname()) return false;
  if (lock.pid === process.pid) return !heldHere.has(lock.owner);
  return !processAlive(lock.pid);
};

const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};
