import { readAllPages, RecordedEvent } from '@app/event-store';
import { SqliteEventStore } from '@app/event-store/sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLedger, LedgerOptions } from './ledger-generator';

// The same seed gives the same ledger, whether deciding runs in this thread or in a worker: only the store's
// own positions and recordedAt column, and the interleaving of streams in $all, depend on the run.

const OPTIONS: LedgerOptions = { complaints: 120, seed: 515, from: '2025-06-01', to: '2026-03-31', concurrency: 8 };

const ledgerOf = async (options: LedgerOptions) => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-generator-'));
  const store = new SqliteEventStore(join(dir, 'events.sqlite'));
  try {
    const summary = await generateLedger(store, options);
    const streams = new Map<string, Array<Pick<RecordedEvent, 'revision' | 'eventId' | 'type' | 'data' | 'metadata'>>>();
    for await (const page of readAllPages(store))
      for (const { streamId, revision, eventId, type, data, metadata } of page)
        streams.set(streamId, [...(streams.get(streamId) ?? []), { revision, eventId, type, data, metadata }]);
    return { summary: { ...summary, seconds: 0, eventsPerSecond: 0 }, streams: [...streams.entries()].sort(([a], [b]) => (a < b ? -1 : 1)) };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

describe('the generated ledger', () => {
  it('is the same for the same seed, in this thread and in a worker thread, and another for another seed', async () => {
    const first = await ledgerOf(OPTIONS);
    expect(first.summary.complaints).toBe(120);
    expect(first.streams.filter(([streamId]) => streamId.startsWith('register-')).map(([streamId]) => streamId)).toEqual(['register-2025', 'register-2026']);
    expect(await ledgerOf({ ...OPTIONS, workerThread: true })).toStrictEqual(first);
    const other = await ledgerOf({ ...OPTIONS, seed: 516 });
    expect(other.streams.map(([streamId]) => streamId)).not.toEqual(first.streams.map(([streamId]) => streamId));
  }, 120_000);
});
