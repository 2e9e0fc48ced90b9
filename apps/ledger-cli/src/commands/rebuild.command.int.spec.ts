import { ALL_PROJECTIONS, CHECKPOINTS, ProjectionEngine, REBUILD_LOCK_ID, REGISTER_JOURNAL } from '@app/projections';
import { machineClock } from '@app/projections/testing';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { embeddedStores, freshPerTest } from '../../../../test/support/fresh-per-test';
import { textSink as sink } from '../../../../test/support/text-sink';
import { rebuildHere } from './rebuild.command';

describe('ledger-cli rebuild, in its own process', () => {
  const t = freshPerTest('cli-rebuild-', embeddedStores);

  const lockOf = (pid: number, host: string) => {
    const now = new Date().toISOString();
    return { _id: REBUILD_LOCK_ID, owner: 'the-projector', projection: 'all', collections: [], pid, host, startedAt: now, heartbeatAt: now };
  };

  it('respects the rebuild lock another process holds: not started, exit 1, naming it', async () => {
    await t.documents.collection(CHECKPOINTS).insertOne(lockOf(4242, 'projector-1'));
    const out = sink();
    expect(await rebuildHere(t.events, t.documents, REGISTER_JOURNAL, out.stream)).toBe(1);
    expect(out.text()).toMatch(/^Not started: A rebuild of all is running \(process 4242 on projector-1, since /);
    expect(await t.documents.collection(CHECKPOINTS).findOne({ _id: REBUILD_LOCK_ID })).toMatchObject({ owner: 'the-projector' });
  });

  it('takes over a lock whose process on this host is gone, rebuilds, and releases it', async () => {
    // A process that has exited: its pid names nobody now.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await t.documents.collection(CHECKPOINTS).insertOne(lockOf(Number(gone.stdout), hostname()));
    const out = sink();
    expect(await rebuildHere(t.events, t.documents, REGISTER_JOURNAL, out.stream)).toBe(0);
    expect(await t.documents.collection(CHECKPOINTS).findOne({ _id: REBUILD_LOCK_ID })).toBeNull();
  });

  it('does not rebuild under live projections another process runs (it could not pause them for the swap)', async () => {
    const engine = new ProjectionEngine({ events: t.events, documents: t.documents, projections: ALL_PROJECTIONS, idleMs: 5, clock: machineClock });
    await engine.start(); // as the projector would, on the same MongoDB
    try {
      const out = sink();
      expect(await rebuildHere(t.events, t.documents, 'all', out.stream)).toBe(1);
      expect(out.text()).toMatch(/^Not started: The live projections on these read models run in process \d+ on .*: a rebuild must pause them/);
      expect(await t.documents.collection(CHECKPOINTS).findOne({ _id: REBUILD_LOCK_ID })).toBeNull();
    } finally {
      await engine.stop();
    }
    expect(await rebuildHere(t.events, t.documents, 'all', sink().stream)).toBe(0);
  });
});
