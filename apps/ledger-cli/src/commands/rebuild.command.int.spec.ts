import { SqliteEventStore } from '@app/event-store/sqlite';
import { ALL_PROJECTIONS, CHECKPOINTS, ProjectionEngine, REBUILD_LOCK_ID, REGISTER_JOURNAL } from '@app/projections';
import { machineClock } from '@app/projections/testing';
import { DocumentStore } from '@app/read-store';
import { EmbeddedDocumentStore } from '@app/read-store/sqlite';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { textSink as sink } from '../../../../test/support/text-sink';
import { rebuildHere } from './rebuild.command';

describe('ledger-cli rebuild, in its own process', () => {
  let dir: string;
  let events: SqliteEventStore;
  let documents: DocumentStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cli-rebuild-'));
    events = new SqliteEventStore(join(dir, 'events.sqlite'));
    documents = new EmbeddedDocumentStore(join(dir, 'read-models.sqlite'));
  });
  afterEach(async () => {
    await documents.close();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const lockOf = (pid: number, host: string) => {
    const now = new Date().toISOString();
    return { _id: REBUILD_LOCK_ID, owner: 'the-projector', projection: 'all', collections: [], pid, host, startedAt: now, heartbeatAt: now };
  };

  it('respects the rebuild lock another process holds: not started, exit 1, naming it', async () => {
    await documents.collection(CHECKPOINTS).insertOne(lockOf(4242, 'projector-1'));
    const out = sink();
    expect(await rebuildHere(events, documents, REGISTER_JOURNAL, out.stream)).toBe(1);
    expect(out.text()).toMatch(/^Not started: A rebuild of all is running \(process 4242 on projector-1, since /);
    expect(await documents.collection(CHECKPOINTS).findOne({ _id: REBUILD_LOCK_ID })).toMatchObject({ owner: 'the-projector' });
  });

  it('takes over a lock whose process on this host is gone, rebuilds, and releases it', async () => {
    // A process that has exited: its pid names nobody now.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await documents.collection(CHECKPOINTS).insertOne(lockOf(Number(gone.stdout), hostname()));
    const out = sink();
    expect(await rebuildHere(events, documents, REGISTER_JOURNAL, out.stream)).toBe(0);
    expect(await documents.collection(CHECKPOINTS).findOne({ _id: REBUILD_LOCK_ID })).toBeNull();
  });

  it('does not rebuild under live projections another process runs (it could not pause them for the swap)', async () => {
    const engine = new ProjectionEngine({ events, documents, projections: ALL_PROJECTIONS, idleMs: 5, clock: machineClock });
    await engine.start(); // as the projector would, on the same MongoDB
    try {
      const out = sink();
      expect(await rebuildHere(events, documents, 'all', out.stream)).toBe(1);
      expect(out.text()).toMatch(/^Not started: The live projections on these read models run in process \d+ on .*: a rebuild must pause them/);
      expect(await documents.collection(CHECKPOINTS).findOne({ _id: REBUILD_LOCK_ID })).toBeNull();
    } finally {
      await engine.stop();
    }
    expect(await rebuildHere(events, documents, 'all', sink().stream)).toBe(0);
  });
});
