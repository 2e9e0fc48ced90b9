import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store/sqlite';
import { sampleEvent } from './sample';
import { Measurement, now, summarize } from './stats';

/**
 * Counts the store's group commits by wrapping its (private) flush: how many appends each commit
 * carried and how long the event loop was held by it. Observation only; nothing is changed.
 */
export const watchCommits = (store: SqliteEventStore) => {
  const stats = { commits: 0, appends: 0, busyMs: 0 };
  const target = store as unknown as { flush?: () => void; queue?: unknown[] };
  const flush = target.flush;
  if (typeof flush !== 'function') return { stats, reset: () => undefined };
  target.flush = function (this: unknown) {
    stats.commits += 1;
    stats.appends += target.queue?.length ?? 0;
    const t0 = now();
    try {
      return flush.call(store);
    } finally {
      stats.busyMs += now() - t0;
    }
  };
  const reset = () => Object.assign(stats, { commits: 0, appends: 0, busyMs: 0 });
  return { stats, reset };
};

type Case = (store: SqliteEventStore, until: number) => Promise<{ events: number; latencies: number[] }>;

/** One writer, one stream, one event per append, each awaited. */
const sequential: Case = async (store, until) => {
  const latencies: number[] = [];
  const stream = `seq-${Math.random()}`;
  let revision: bigint | 'no_stream' = 'no_stream';
  while (now() < until) {
    const t0 = now();
    revision = (await store.appendToStream(stream, [sampleEvent()], { expectedRevision: revision })).nextExpectedRevision;
    latencies.push(now() - t0);
  }
  return { events: latencies.length, latencies };
};

/** 64 writers, each appending one event at a time to its own stream with the exact expected revision. */
const concurrent: Case = async (store, until) => {
  const latencies: number[] = [];
  const writer = async (w: number) => {
    const stream = `writer-${w}-${Math.random()}`;
    let revision: bigint | 'no_stream' = 'no_stream';
    while (now() < until) {
      const t0 = now();
      revision = (await store.appendToStream(stream, [sampleEvent()], { expectedRevision: revision })).nextExpectedRevision;
      latencies.push(now() - t0);
    }
  };
  await Promise.all(Array.from({ length: 64 }, (_, w) => writer(w)));
  return { events: latencies.length, latencies };
};

/** One writer appending batches of 100 events to one stream (an import), each awaited. */
const batches: Case = async (store, until) => {
  const latencies: number[] = [];
  const stream = `batch-${Math.random()}`;
  let revision: bigint | 'no_stream' = 'no_stream';
  while (now() < until) {
    const batch = Array.from({ length: 100 }, sampleEvent);
    const t0 = now();
    revision = (await store.appendToStream(stream, batch, { expectedRevision: revision })).nextExpectedRevision;
    latencies.push(now() - t0);
  }
  return { events: latencies.length * 100, latencies };
};

export const eventStoreBench = async (dir: string, seconds: number, warmupSeconds: number): Promise<Measurement[]> => {
  const run = async (name: string, file: string, body: Case, latencyOf: string): Promise<Measurement> => {
    const store = new SqliteEventStore(join(dir, file));
    const { stats, reset } = watchCommits(store);
    await body(store, now() + warmupSeconds * 1000);
    reset();
    const start = now();
    const { events, latencies } = await body(store, start + seconds * 1000);
    const elapsed = now() - start;
    await store.close();
    const perCommit = stats.commits ? (stats.appends / stats.commits).toFixed(1) : '?';
    const note = `${latencyOf}; ${stats.commits} commits, ${perCommit} appends/commit, loop blocked in commits ${((100 * stats.busyMs) / elapsed).toFixed(0)}%`;
    return summarize(name, events, elapsed, latencies, note);
  };
  return [
    await run('SqliteEventStore, sequential single-event appends', 'seq.sqlite', sequential, 'latency per append'),
    await run('SqliteEventStore, 64 concurrent writers', 'concurrent.sqlite', concurrent, 'latency per append'),
    await run('SqliteEventStore, 100-event batches', 'batches.sqlite', batches, 'latency per batch'),
  ];
};
