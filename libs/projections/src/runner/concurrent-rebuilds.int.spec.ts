import { EventStore, RecordedEvent } from '@app/event-store';
import { SqliteEventStore } from '@app/event-store/sqlite';
import { DocumentStore } from '@app/read-store';
import { EmbeddedDocumentStore } from '@app/read-store/sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProjectionDefinition } from '../projection';
import { ProjectionEngine, RebuildProgress } from './projection-engine';
import { RebuildPass } from './rebuild-pass';
import { CHECKPOINTS } from './checkpoints';
import { REBUILD_LOCK_ID } from './rebuild-lock';
import { machineClock } from '../testing/machine-clock';

/** Counts the events of its types per stream, and keeps their revisions: a lost or doubled event shows. */
const counting = (name: string, eventTypes: string[]): ProjectionDefinition => ({
  name,
  version: 1,
  indexes: [{ keys: { count: 1 } }],
  eventTypes,
  documentIds: (event: RecordedEvent) => [event.streamId],
  evolve: (document, event) =>
    ({ _id: event.streamId, count: (Number(document?.count) || 0) + 1, revisions: [...(document?.revisions ?? []), Number(event.revision)] }) as never,
});

const projections = () => [counting('counted', ['Counted']), counting('everything', ['Counted', 'Shipped'])];

describe('rebuilds while events are written', () => {
  let dir: string;
  let events: EventStore;
  let documents: DocumentStore;
  let stopWriting: Array<() => Promise<number>>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'concurrent-rebuilds-'));
    events = new SqliteEventStore(join(dir, 'events.sqlite'));
    documents = new EmbeddedDocumentStore(join(dir, 'read-models.sqlite'));
    stopWriting = [];
    for (let i = 0; i < 600; i++) await append(i);
  });
  afterEach(async () => {
    for (const stop of stopWriting) await stop();
    await documents.close();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const append = (i: number) =>
    events.appendToStream(`s${i % 97}`, [{ eventId: crypto.randomUUID(), type: i % 3 === 0 ? 'Shipped' : 'Counted', data: { i }, metadata: {} }]);
  const head = async () => (await events.readAll({ direction: 'backwards', maxCount: 1 }))[0].position;
  const contents = async (collection: string) =>
    (await documents.collection(collection).find({}, { sort: { _id: 1 } })).map(({ _id, count, revisions }) => ({ _id, count, revisions }));

  /** What a fresh rebuild from the log makes of each read model, built beside them. */
  const freshRebuild = async () => {
    const targets = projections().map((projection) => ({ projection, collection: `${projection.name}__reference` }));
    const pass = new RebuildPass({ events, documents, targets });
    await pass.open();
    await pass.catchUp();
    return Object.fromEntries(await Promise.all(targets.map(async (t) => [t.projection.name, await contents(t.collection)])));
  };
  const live = async () => Object.fromEntries(await Promise.all(projections().map(async (p) => [p.name, await contents(p.name)])));
  /** Caught up with every write and stopped, the engine leaves each read model equal to a fresh rebuild's. */
  const endsAsAFreshRebuild = async (engine: ProjectionEngine) => {
    expect(await engine.waitFor(await head(), 10_000)).toBe(true);
    await engine.stop();
    expect(await live()).toEqual(await freshRebuild());
  };

  /** Appends events until stopped, one turn of the event loop apart, as an API taking commands does. */
  const writer = () => {
    let writing = true;
    let written = 0;
    const done = (async () => {
      while (writing) {
        await append(10_000 + written++);
        // Paced, not synchronised: a steady trickle of commands beside the rebuilds.
        await sleep(5);
      }
    })();
    const stop = async () => {
      writing = false;
      await done;
      return written;
    };
    stopWriting.push(stop);
    return { stop };
  };

  it('refuses a second rebuild while one runs, and every read model then equals a fresh rebuild', async () => {
    const engine = new ProjectionEngine({ events, documents, clock: machineClock, projections: projections(), idleMs: 5 });
    await engine.start();
    const writes = writer();
    // The second request comes while the first is well under way: it has written its fresh collections.
    let second: Promise<unknown> | undefined;
    const first = engine.rebuild('all', (p: RebuildProgress) => {
      if (p.state === 'indexing' && !second) second = engine.rebuild('all').then(() => 'done', (error: unknown) => error);
    });
    await first;
    const refused = await second;
    expect(await writes.stop()).toBeGreaterThan(0);
    expect(await engine.waitFor(await head(), 10_000)).toBe(true);
    expect(await live()).toEqual(await freshRebuild());
    expect(refused).toMatchObject({ code: 'rebuild-in-progress', rebuild: expect.objectContaining({ projection: 'all' }) });
    // Once the first is done, a rebuild may start again.
    await engine.rebuild('counted');
    await engine.stop();
    expect(await live()).toEqual(await freshRebuild());
  }, 120_000);

  it('loses nothing whichever way rebuilds, restarts and writes interleave', async () => {
    let engine = new ProjectionEngine({ events, documents, clock: machineClock, projections: projections(), idleMs: 5 });
    await engine.start();
    const writes = writer();
    const outcomes: unknown[] = [];
    const attempt = (name: string) => engine.rebuild(name).then(() => 'done', (error: unknown) => (error as { code?: string }).code ?? error);
    // Rebuilds asked at every stage of another one, with the process restarted in between.
    for (const stage of ['building', 'indexing', 'swapping', 'done'] as const) {
      let overlapping: Promise<unknown> | undefined;
      const first = engine.rebuild('all', (p) => {
        if (p.state === stage && !overlapping) overlapping = attempt(stage === 'done' ? 'all' : 'everything');
      });
      outcomes.push(await first.then(() => 'done'));
      if (overlapping) outcomes.push(await overlapping);
      await engine.stop();
      engine = new ProjectionEngine({ events, documents, clock: machineClock, projections: projections(), idleMs: 5 });
      await engine.start();
    }
    expect(outcomes).toContain('rebuild-in-progress');
    expect(outcomes.filter((o) => o !== 'done' && o !== 'rebuild-in-progress')).toEqual([]);
    await writes.stop();
    await endsAsAFreshRebuild(engine);
  }, 120_000);

  const lockRow = (fields: { host: string; heartbeatAt: string }) => ({
    _id: REBUILD_LOCK_ID,
    owner: 'another',
    projection: 'all',
    collections: ['counted__rebuild', 'everything__rebuild'],
    pid: 4242,
    startedAt: fields.heartbeatAt,
    ...fields,
  });

  it('refuses a rebuild while another process holds the lock, and takes over a lock its holder left by dying', async () => {
    const engine = new ProjectionEngine({ events, documents, clock: machineClock, projections: projections(), idleMs: 5, rebuildLock: { staleAfterMs: 60_000 } });
    await engine.start();
    await documents.collection(CHECKPOINTS).insertOne(lockRow({ host: 'projector-1', heartbeatAt: new Date().toISOString() }));
    await expect(engine.rebuild('counted')).rejects.toMatchObject({ code: 'rebuild-in-progress', rebuild: { projection: 'all', host: 'projector-1', pid: 4242 } });
    await expect(engine.restart('counted')).resolves.toBeUndefined();
    expect(await engine.rebuildProblems()).toEqual([]);

    // Its holder fell silent two minutes ago: interrupted, reported, and the next rebuild takes over.
    await documents.collection(CHECKPOINTS).replaceOne({ _id: REBUILD_LOCK_ID }, lockRow({ host: 'projector-1', heartbeatAt: new Date(Date.now() - 120_000).toISOString() }));
    expect(await engine.rebuildProblems()).toEqual([expect.stringMatching(/rebuild of all was interrupted \(process 4242 on projector-1/)]);
    await engine.rebuild('all');
    expect(await engine.rebuildProblems()).toEqual([]);
    expect(await documents.collection(CHECKPOINTS).findOne({ _id: REBUILD_LOCK_ID })).toBeNull();
    await endsAsAFreshRebuild(engine);
  }, 120_000);

  it('loses nothing when a rebuild dies right after renaming a fresh collection in, and is run again', async () => {
    let engine = new ProjectionEngine({ events, documents, clock: machineClock, projections: projections(), idleMs: 5 });
    await engine.start();
    const rename = documents.renameCollection.bind(documents);
    jest.spyOn(documents, 'renameCollection').mockImplementationOnce(async (from, to) => {
      await rename(from, to);
      throw new Error('the process died here');
    });
    await expect(engine.rebuild('counted')).rejects.toThrow('the process died here');
    expect(await engine.rebuildProblems()).toEqual([expect.stringMatching(/rebuild of counted failed: the process died here/)]);
    await engine.stop();
    await append(5000);
    engine = new ProjectionEngine({ events, documents, clock: machineClock, projections: projections(), idleMs: 5 });
    await engine.start();
    await engine.rebuild('counted');
    await endsAsAFreshRebuild(engine);
  }, 120_000);
});
