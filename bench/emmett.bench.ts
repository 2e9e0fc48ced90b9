import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store/sqlite';
import { sampleEvent } from './sample';
import { Measurement, now, summarize } from './stats';

/**
 * A peer side by side: Emmett's SQLite event store (`@event-driven-io/emmett-sqlite`, a bench-only
 * devDependency on the `sqlite3` driver) on the same events, the same disk, in the same run as ours:
 * sequential appends, 64 concurrent writers, 100-event batches, and reading back the same 20,000 events. Emmett is
 * used as its README shows (getSQLiteEventStore on a file; it opens a connection per operation, WAL,
 * SQLite's default synchronous); its settings are read back and reported, not changed.
 */

// Emmett lives in its own bench-only package (bench/peers, installed by `npm run bench:peers`), so that npm ci does
// not compile its sqlite3 driver for every install; it is loaded from there, typed by the little this bench uses.
type EmmettEvent = { type: string; data: unknown; metadata?: unknown };
interface EmmettStore {
  appendToStream(stream: string, events: EmmettEvent[]): Promise<unknown>;
  close(): Promise<void>;
}
interface EmmettConnection {
  querySingle<T>(sql: string): Promise<T | null>;
  close(): void;
}
interface EmmettSqlite {
  getSQLiteEventStore(options: { fileName: string }): EmmettStore;
  sqliteConnection(options: { fileName: string }): EmmettConnection;
  readMessagesBatch(
    connection: EmmettConnection,
    options: { after?: bigint; batchSize: number },
  ): Promise<{ messages: unknown[]; areEventsLeft: boolean; currentGlobalPosition: bigint }>;
}
const PEERS = join(__dirname, 'peers', 'node_modules', '@event-driven-io', 'emmett-sqlite');
const loadEmmett = (): EmmettSqlite => {
  if (!existsSync(PEERS)) throw new Error('Emmett is not installed for the bench: run `npm run bench:peers` once (it compiles sqlite3).');
  return require(PEERS) as EmmettSqlite; // eslint-disable-line @typescript-eslint/no-require-imports
};
let loaded: EmmettSqlite | undefined;
const peer = (): EmmettSqlite => (loaded ??= loadEmmett());
type Case = (store: EmmettStore, until: number) => Promise<{ events: number; latencies: number[]; failures: number; firstFailure?: string }>;

/** The sample event as Emmett takes it: type, data, metadata (its own ids and positions are its own). */
const emmettEvent = () => {
  const { type, data, metadata } = sampleEvent();
  return { type, data, metadata };
};

const describe = (error: unknown) => String((error as { code?: string }).code ?? (error instanceof Error ? error.message : error));

/** Appends until `until`, one call after the other; a failed append is counted (not retried) and the loop goes on. */
const oneAfterAnother = async (store: EmmettStore, until: number, stream: string, size: number) => {
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  while (now() < until) {
    const batch = Array.from({ length: size }, emmettEvent);
    const t0 = now();
    try {
      await store.appendToStream(stream, batch);
      latencies.push(now() - t0);
    } catch (error) {
      failures++;
      firstFailure ??= describe(error);
    }
  }
  return { events: latencies.length * size, latencies, failures, firstFailure };
};

const sequential: Case = (store, until) => oneAfterAnother(store, until, `seq-${Math.random()}`, 1);

/** 64 writers, each on its own stream; a failed append is counted (not retried) and the writer goes on. */
const concurrent: Case = async (store, until) => {
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  const writer = async (w: number) => {
    const stream = `writer-${w}-${Math.random()}`;
    while (now() < until) {
      const t0 = now();
      try {
        await store.appendToStream(stream, [emmettEvent()]);
        latencies.push(now() - t0);
      } catch (error) {
        failures++;
        firstFailure ??= describe(error);
      }
    }
  };
  await Promise.all(Array.from({ length: 64 }, (_, w) => writer(w)));
  return { events: latencies.length, latencies, failures, firstFailure };
};

const batches: Case = (store, until) => oneAfterAnother(store, until, `batch-${Math.random()}`, 100);

export interface PeerFigures {
  emmett: { sequential: Measurement; concurrent: Measurement & { failures: number; firstFailure?: string }; batches: Measurement; readAll: Measurement };
  ours: { readAll: Measurement };
  /** What each store's acknowledgement means on disk, read from the connections. */
  durability: { emmett: string; ours: string };
}

/** Reads every event of a file back through the store's own paged read, 1,000 at a time. */
const readAllEmmett = async (file: string): Promise<{ events: number; ms: number }> => {
  const connection = peer().sqliteConnection({ fileName: file });
  try {
    const t0 = now();
    let after = 0n;
    let events = 0;
    for (;;) {
      const { messages, areEventsLeft, currentGlobalPosition } = await peer().readMessagesBatch(connection, { after, batchSize: 1000 });
      events += messages.length;
      if (!areEventsLeft || messages.length === 0) break;
      after = currentGlobalPosition;
    }
    return { events, ms: now() - t0 };
  } finally {
    connection.close();
  }
};

const readAllOurs = async (file: string): Promise<{ events: number; ms: number }> => {
  const store = new SqliteEventStore(file);
  try {
    const t0 = now();
    let events = 0;
    for (let after: bigint | undefined; ; ) {
      const read = await store.readAll({ fromPosition: after ?? 'start', maxCount: after === undefined ? 1000 : 1001 });
      const page = after === undefined ? read : read.slice(1);
      if (page.length === 0) break;
      events += page.length;
      after = page[page.length - 1].position;
    }
    return { events, ms: now() - t0 };
  } finally {
    await store.close();
  }
};

const synchronousOf = async (file: string): Promise<string> => {
  const connection = peer().sqliteConnection({ fileName: file });
  try {
    const mode = (await connection.querySingle<{ journal_mode: string }>('PRAGMA journal_mode')) as { journal_mode: string };
    const sync = (await connection.querySingle<{ synchronous: number }>('PRAGMA synchronous')) as { synchronous: number };
    return `journal_mode=${mode.journal_mode}, synchronous=${['OFF', 'NORMAL', 'FULL', 'EXTRA'][sync.synchronous] ?? sync.synchronous}`;
  } finally {
    connection.close();
  }
};

/** Events each store holds for the read-back: the same events, written as 100-event batches into a fresh file each. */
const READ_BACK_EVENTS = 20_000;

const fillForReadBack = async (dir: string): Promise<{ ours: string; emmett: string }> => {
  const events = Array.from({ length: READ_BACK_EVENTS }, sampleEvent);
  const ours = new SqliteEventStore(join(dir, 'read-back-ours.sqlite'));
  const emmett = peer().getSQLiteEventStore({ fileName: join(dir, 'read-back-emmett.sqlite') });
  let revision: bigint | 'no_stream' = 'no_stream';
  for (let i = 0; i < events.length; i += 100) {
    const batch = events.slice(i, i + 100);
    revision = (await ours.appendToStream('read-back', batch, { expectedRevision: revision })).nextExpectedRevision;
    // Retried: under load Emmett's commit can fail (SQLITE_BUSY); the read-back needs all the events.
    for (let attempt = 1; ; attempt++) {
      try {
        await emmett.appendToStream('read-back', batch.map(({ type, data, metadata }) => ({ type, data, metadata })));
        break;
      } catch (error) {
        if (attempt >= 5) throw error;
      }
    }
  }
  await ours.close();
  return { ours: join(dir, 'read-back-ours.sqlite'), emmett: join(dir, 'read-back-emmett.sqlite') };
};

/** Emmett's cases, then reading back the same 20,000 events from each store. */
export const emmettBench = async (dir: string, seconds: number, warmupSeconds: number): Promise<PeerFigures> => {
  const run = async (name: string, file: string, body: Case, latencyOf: string) => {
    const store = peer().getSQLiteEventStore({ fileName: join(dir, file) });
    // Emmett logs every failed transaction with console.log; counted here instead (the table says how many).
    const log = console.log;
    console.log = () => undefined;
    let result: Awaited<ReturnType<Case>>;
    let start: number;
    let elapsed: number;
    try {
      await body(store, now() + warmupSeconds * 1000);
      start = now();
      result = await body(store, start + seconds * 1000);
      elapsed = now() - start;
    } finally {
      console.log = log;
    }
    const failed = result.failures ? `; ${result.failures} appends FAILED (first: ${result.firstFailure})` : '';
    return { ...summarize(name, result.events, elapsed, result.latencies, `${latencyOf}${failed}`), failures: result.failures, firstFailure: result.firstFailure };
  };
  const sequentialM = await run('Emmett SQLite, sequential single-event appends', 'emmett-seq.sqlite', sequential, 'latency per append');
  const concurrentM = await run('Emmett SQLite, 64 concurrent writers', 'emmett-concurrent.sqlite', concurrent, 'latency per acknowledged append');
  const batchesM = await run('Emmett SQLite, 100-event batches', 'emmett-batches.sqlite', batches, 'latency per batch');
  const files = await fillForReadBack(dir);
  // Each read twice, alternating; the faster of the two counts (the machine is shared).
  const emmettRead = [await readAllEmmett(files.emmett)];
  const oursRead = [await readAllOurs(files.ours)];
  emmettRead.push(await readAllEmmett(files.emmett));
  oursRead.push(await readAllOurs(files.ours));
  const best = (reads: Array<{ events: number; ms: number }>) => reads.reduce((a, b) => (b.ms < a.ms ? b : a));
  const readM = (name: string, read: { events: number; ms: number }) => summarize(name, read.events, read.ms, [], `the same ${read.events.toLocaleString('en')} events, pages of 1,000; the faster of two reads`);
  return {
    emmett: {
      sequential: sequentialM,
      concurrent: concurrentM,
      batches: batchesM,
      readAll: readM('Emmett SQLite, read everything back (readMessagesBatch)', best(emmettRead)),
    },
    ours: { readAll: readM('SqliteEventStore, read everything back (readAll)', best(oursRead)) },
    durability: {
      emmett: `${await synchronousOf(join(dir, 'emmett-seq.sqlite'))} (SQLite's defaults as the sqlite3 driver builds it; in WAL mode FULL syncs the WAL at every commit)`,
      ours: 'journal_mode=WAL, synchronous=FULL: every append is acknowledged after its group commit is synced (ADR 0003)',
    },
  };
};
