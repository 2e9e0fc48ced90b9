import { RecordedEvent } from '@app/event-store';
import { ProjectionDefinition } from '../projection';
import { CHECKPOINTS } from './checkpoints';
import { ProjectionEngine } from './projection-engine';
import { ProjectionRunner, retryDelay } from './projection-runner';
import { REBUILD_LOCK_ID } from './rebuild-lock';
import { freshStores } from '../testing/fresh-stores';
import { machineClock } from '../testing/machine-clock';

/** A counter per stream: counts every event it is given, so a double application shows. */
const counting = (poison?: { type: string; active: boolean }): ProjectionDefinition => ({
  name: 'counters',
  version: 1,
  indexes: [],
  eventTypes: ['Counted', 'Poison'],
  documentIds: (event: RecordedEvent) => [event.streamId],
  evolve: (document, event) => {
    if (poison?.active && event.type === poison.type) throw new Error('cannot handle this event');
    return { _id: event.streamId, count: (Number(document?.count) || 0) + 1, lastRevision: Number(event.revision) } as never;
  },
});

describe('the projection runner', () => {
  const stores = freshStores('runner');

  const append = async (stream: string, count: number, type = 'Counted') => {
    for (let i = 0; i < count; i++) await stores.events.appendToStream(stream, [{ eventId: crypto.randomUUID(), type, data: { i }, metadata: { recordedAt: new Date().toISOString() } }]);
  };
  const counts = async () =>
    Object.fromEntries((await stores.documents.collection('counters').find({}, { sort: { _id: 1 } })).map((d) => [d._id, d.count]));

  it('applies every event once, in batches, and stores the checkpoint with the documents', async () => {
    await append('a', 7);
    await append('b', 5);
    await append('other', 3, 'Ignored');
    const runner = new ProjectionRunner({ ...stores, clock: machineClock, projection: counting(), batchSize: 4 });
    await runner.open();
    await runner.catchUp();
    expect(await counts()).toEqual({ a: 7, b: 5 });
    const head = (await stores.events.readAll({ direction: 'backwards', maxCount: 1 }))[0].position;
    // It has scanned to the head, past the events it does not read.
    expect(runner.position).toBe(head);
    expect(await stores.documents.collection(CHECKPOINTS).findOne({ _id: 'counters' })).toMatchObject({ position: head.toString().padStart(20, '0') });
  });

  it('never applies an event twice, even when its checkpoint is lost (replay from zero)', async () => {
    await append('a', 10);
    const first = new ProjectionRunner({ ...stores, clock: machineClock, projection: counting(), batchSize: 3 });
    await first.open();
    await first.catchUp();
    await stores.documents.collection(CHECKPOINTS).deleteMany({});
    await append('a', 2);
    const replay = new ProjectionRunner({ ...stores, clock: machineClock, projection: counting(), batchSize: 3 });
    await replay.open();
    await replay.catchUp();
    expect(await counts()).toEqual({ a: 12 });
  });

  it('keeps the indexes its projection declares and drops one that an older version declared', async () => {
    await append('a', 2);
    const older: ProjectionDefinition = { ...counting(), indexes: [{ keys: { count: 1 } }, { keys: { lastRevision: 1 } }] };
    const first = new ProjectionRunner({ ...stores, clock: machineClock, projection: older });
    await first.open();
    await first.catchUp();
    const logged: string[] = [];
    const newer: ProjectionDefinition = { ...counting(), indexes: [{ keys: { count: 1 } }, { keys: { count: 1, lastRevision: 1 } }] };
    const next = new ProjectionRunner({ ...stores, clock: machineClock, projection: newer, log: (_level, message) => logged.push(message) });
    await next.open();
    // Nothing left to drop beside what the newer version declares: lastRevision_1 is gone, count_1 stayed.
    expect(await stores.documents.collection('counters').dropIndexesExcept(['count_1', 'count_1_lastRevision_1'])).toEqual([]);
    expect(logged).toEqual(['Read model counters: dropped the indexes its projection no longer declares: lastRevision_1.']);
    await append('a', 1);
    await next.catchUp();
    expect(await counts()).toEqual({ a: 3 });
  });

  it('says when it failed by the clock it is given, not by the machine clock', async () => {
    await append('a', 1, 'Poison');
    const now = () => new Date('2031-03-04T05:06:07.000Z');
    const engine = new ProjectionEngine({ ...stores, clock: { now }, projections: [counting({ type: 'Poison', active: true })], idleMs: 5 });
    await engine.start();
    await waitUntil(async () => (await engine.status())[0].state === 'failed');
    expect((await engine.status())[0].failure?.failedAt).toBe('2031-03-04T05:06:07.000Z');
    await engine.stop();
  });

  it('records its presence and its rebuild lock at the time of the clock it is given', async () => {
    await append('a', 2);
    const now = () => new Date('2031-03-04T05:06:07.000Z');
    const engine = new ProjectionEngine({ ...stores, clock: { now }, projections: [counting()], idleMs: 5 });
    await engine.start();
    const [presence] = await stores.documents.collection(CHECKPOINTS).find({ _id: { $regex: '^\\$runner:' } });
    expect(presence).toMatchObject({ heartbeatAt: '2031-03-04T05:06:07.000Z' });
    const { finished } = await engine.startRebuild('counters');
    expect(await stores.documents.collection(CHECKPOINTS).findOne({ _id: REBUILD_LOCK_ID })).toMatchObject({ startedAt: '2031-03-04T05:06:07.000Z', heartbeatAt: '2031-03-04T05:06:07.000Z' });
    await finished;
    await engine.stop();
  });

  it('stops at an event its handler cannot take, reports it, and resumes there after a fix', async () => {
    const poison = { type: 'Poison', active: true };
    await append('a', 3);
    await append('a', 1, 'Poison');
    await append('a', 2);
    const engine = new ProjectionEngine({ ...stores, clock: machineClock, projections: [counting(poison)], idleMs: 5 });
    await engine.start();
    await waitUntil(async () => (await engine.status())[0].state === 'failed');
    const [status] = await engine.status();
    const poisonEvent = (await stores.events.readStream('a'))[3];
    expect(status.failure).toMatchObject({ position: poisonEvent.position.toString(), streamId: 'a', revision: '3', type: 'Poison', error: 'cannot handle this event' });
    // Stopped before it: the three events before are applied, nothing after, and it does not spin.
    expect(await counts()).toEqual({ a: 3 });
    expect(status.lag.events).toBe(3);
    poison.active = false;
    await engine.restart('counters');
    await waitUntil(async () => (await counts()).a === 6);
    expect((await engine.status())[0].failure).toBeNull();
    await engine.stop();
  });

  it('stops, never spins, when a unique index refuses what the events make, and reports where', async () => {
    const sameCode: ProjectionDefinition = {
      ...counting(),
      indexes: [{ keys: { code: 1 }, unique: true }],
      evolve: (document, event) => ({ _id: event.streamId, code: 'same', count: (Number(document?.count) || 0) + 1 }) as never,
    };
    await append('a', 2);
    await append('b', 1);
    const logged: string[] = [];
    const engine = new ProjectionEngine({ ...stores, clock: machineClock, projections: [sameCode], idleMs: 5, log: (_level, message) => logged.push(message) });
    await engine.start();
    await waitUntil(async () => (await engine.status())[0].state === 'failed');
    const [status] = await engine.status();
    const first = (await stores.events.readStream('a'))[0];
    expect(status.failure).toMatchObject({ position: first.position.toString(), streamId: 'a', error: expect.stringMatching(/Duplicate key/) });
    expect(await counts()).toEqual({});
    expect(logged.filter((m) => m.includes('cannot read or write'))).toEqual([]);
    await engine.stop();
  });

  it('waits longer after each failure to reach a store, from 250 ms up to 30 s, with jitter', () => {
    const delays = (failures: number) => Array.from({ length: 200 }, () => retryDelay(failures, 50));
    for (const [failures, ceiling] of [[0, 250], [1, 500], [3, 2000], [7, 30_000], [20, 30_000]]) {
      const seen = delays(failures);
      expect(Math.max(...seen)).toBeLessThanOrEqual(ceiling);
      expect(Math.min(...seen)).toBeGreaterThanOrEqual(ceiling / 2);
      expect(new Set(seen).size).toBeGreaterThan(1);
    }
    expect(retryDelay(0, 1000)).toBeGreaterThanOrEqual(1000);
  });

  it('lets a reader wait for a position (read your own writes)', async () => {
    const engine = new ProjectionEngine({ ...stores, clock: machineClock, projections: [counting()], idleMs: 5 });
    await engine.start();
    await append('a', 1);
    const position = (await stores.events.readStream('a'))[0].position;
    expect(await engine.waitFor(position, 2000)).toBe(true);
    expect(await counts()).toEqual({ a: 1 });
    expect(await engine.waitFor(position + 1000n, 50)).toBe(false);
    await engine.stop();
  });

  it('rebuilds beside the live read model and swaps it in with the same result', async () => {
    await append('a', 20);
    await append('b', 10);
    const engine = new ProjectionEngine({ ...stores, clock: machineClock, projections: [counting()], idleMs: 5 });
    await engine.start();
    const head = (await stores.events.readAll({ direction: 'backwards', maxCount: 1 }))[0].position;
    await engine.waitFor(head, 2000);
    const live = await counts();
    const progress: string[] = [];
    await engine.rebuild('counters', (p) => progress.push(p.state));
    expect(await counts()).toEqual(live);
    expect(progress).toContain('done');
    expect(await stores.documents.listCollections()).not.toContain('counters__rebuild');
    await append('a', 1); // the live runner follows on the swapped-in collection
    await waitUntil(async () => (await counts()).a === 21);
    await engine.stop();
  });
});

const waitUntil = async (condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
