import Database from 'better-sqlite3';
import { join } from 'node:path';
import { migrate } from '@app/event-store/sqlite';
import { sampleEvent } from './sample';
import { Measurement, now, summarize } from './stats';

/**
 * The ceiling: better-sqlite3 alone, same durability (WAL, synchronous=FULL) and the same table
 * (the event store's own migration), no event store code around it.
 */
export const rawSqliteBench = (dir: string, seconds: number, warmupSeconds: number): Measurement[] => {
  const open = (name: string, synchronous: 'FULL' | 'OFF') => {
    const db = new Database(join(dir, name));
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    migrate(db);
    const insert = db.prepare(
      `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const begin = db.prepare('BEGIN IMMEDIATE');
    const commit = db.prepare('COMMIT');
    let revision = 0;
    // One transaction of `size` inserts, rows serialised as the event store serialises them.
    const transaction = (size: number) => {
      begin.run();
      for (let i = 0; i < size; i++) {
        const e = sampleEvent();
        insert.run('raw-1', revision++, e.eventId, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), new Date().toISOString());
      }
      commit.run();
    };
    return { db, transaction };
  };

  const run = (name: string, file: string, size: number, synchronous: 'FULL' | 'OFF' = 'FULL'): Measurement => {
    const { db, transaction } = open(file, synchronous);
    for (const end = now() + warmupSeconds * 1000; now() < end; ) transaction(size);
    const latencies: number[] = [];
    const start = now();
    const end = start + seconds * 1000;
    let events = 0;
    while (now() < end) {
      const t0 = now();
      transaction(size);
      latencies.push(now() - t0);
      events += size;
    }
    const notes = [size > 1 && `latency per transaction of ${size}`, synchronous === 'OFF' && 'NOT durable: shows what the fsync costs'];
    const m = summarize(name, events, now() - start, latencies, notes.filter(Boolean).join('; '));
    db.close();
    return m;
  };

  return [
    run('raw better-sqlite3, 1 insert/transaction', 'raw-1.sqlite', 1),
    run('raw better-sqlite3, 64 inserts/transaction', 'raw-64.sqlite', 64),
    run('raw better-sqlite3, 100 inserts/transaction', 'raw-100.sqlite', 100),
    // References only (no target): the same loops without fsync, to tell disk time from CPU time.
    run('(reference) raw, 1 insert/transaction, synchronous=OFF', 'raw-1-off.sqlite', 1, 'OFF'),
    run('(reference) raw, 64 inserts/transaction, synchronous=OFF', 'raw-64-off.sqlite', 64, 'OFF'),
  ];
};
