import { RecordedEvent } from '@app/event-store';
import { ProjectionDefinition } from '../projection';
import { CHECKPOINTS } from './checkpoints';
import { ProjectionEngine, RebuildProgress } from './projection-engine';
import { ProjectionRunner } from './projection-runner';
import { RebuildPass } from './rebuild-pass';
import { freshStores } from '../testing/fresh-stores';
import { machineClock } from '../testing/machine-clock';

/** Counts the events of its types per stream, so a double application or a foreign event shows. */
const counting = (name: string, eventTypes: string[], poison?: { position: bigint | null }): ProjectionDefinition => ({
  name,
  version: 1,
  indexes: [{ keys: { count: 1 } }],
  eventTypes,
  documentIds: (event: RecordedEvent) => [event.streamId],
  evolve: (document, event) => {
    if (poison?.position === event.position) throw new Error('cannot handle this event');
    return { _id: event.streamId, count: (Number(document?.count) || 0) + 1, types: [...(document?.types ?? []), event.type] } as never;
  },
});

describe('rebuilding read models in one pass over $all', () => {
  const stores = freshStores('rebuild');

  beforeEach(async () => {
    // Interleaved streams and types: each read model must see exactly its own events, in order.
    for (let i = 0; i < 60; i++) {
      const stream = `s${i % 7}`;
      const type = i % 3 === 0 ? 'Shipped' : 'Counted';
      await stores.events.appendToStream(stream, [{ eventId: crypto.randomUUID(), type, data: { i }, metadata: {} }]);
    }
  });

  const contents = async (collection: string) =>
    (await stores.documents.collection(collection).find({}, { sort: { _id: 1 } })).map(({ _id, count, types }) => ({ _id, count, types }));

  /** What the live runner builds, one read model at a time: the reference a rebuild must equal. */
  const builtByRunner = async (projection: ProjectionDefinition) => {
    const runner = new ProjectionRunner({ ...stores, clock: machineClock, projection, batchSize: 4 });
    await runner.open();
    await runner.catchUp();
    return contents(projection.name);
  };

  it('builds every read model from one reading of each page, equal to building each alone', async () => {
    const counted = counting('counted', ['Counted']);
    const everything = counting('everything', ['Counted', 'Shipped']);
    const expected = { counted: await builtByRunner(counted), everything: await builtByRunner(everything) };
    const pass = new RebuildPass({
      events: stores.events,
      documents: stores.documents,
      targets: [
        { projection: counted, collection: 'counted_new' },
        { projection: everything, collection: 'everything_new' },
      ],
      pageSize: 4,
      // Written whenever more than three documents are held: several flushes, each of part of the stores.documents.
      maxCachedDocuments: 3,
    });
    const writes = jest.spyOn(stores.documents, 'bulkWriteAll');
    await pass.open();
    await pass.catchUp();
    const checkpointWrites = writes.mock.calls.filter(([batch]) => batch.some((w) => w.collection === CHECKPOINTS));
    expect(checkpointWrites.length).toBeGreaterThan(2);
    expect(await contents('counted_new')).toEqual(expected.counted);
    expect(await contents('everything_new')).toEqual(expected.everything);
    expect(expected.counted.map((d) => d.types.every((t: string) => t === 'Counted'))).not.toContain(false);
    const head = (await stores.events.readAll({ direction: 'backwards', maxCount: 1 }))[0].position;
    expect(pass.position).toBe(head);
    expect(await stores.documents.collection(CHECKPOINTS).find({ _id: { $in: ['counted_new', 'everything_new'] } }, { sort: { _id: 1 } })).toEqual([
      { _id: 'counted_new', position: head.toString().padStart(20, '0'), projectionVersion: 1 },
      { _id: 'everything_new', position: head.toString().padStart(20, '0'), projectionVersion: 1 },
    ]);
  });

  it('resumes an interrupted rebuild from its last written checkpoint, applying no event twice', async () => {
    const poison = { position: null as bigint | null };
    const projection = counting('everything', ['Counted', 'Shipped'], poison);
    const expected = await builtByRunner(counting('reference', ['Counted', 'Shipped']));
    poison.position = (await stores.events.readAll({ maxCount: 41 }))[40].position;
    const target = { projection, collection: 'everything_new' };
    // Written after every page (no time to wait for): the failing event finds checkpoints written before it.
    const interrupted = new RebuildPass({ ...stores, targets: [target], pageSize: 4, flushEveryMs: 0 });
    await interrupted.open();
    await expect(interrupted.catchUp()).rejects.toThrow(/cannot apply event Counted at position \d+ \(s5@5\): cannot handle this event/);
    // Written up to the last flush before the failing event, never past it.
    const checkpoint = await stores.documents.collection(CHECKPOINTS).findOne({ _id: 'everything_new' });
    expect(BigInt(checkpoint!.position)).toBeLessThan(poison.position);
    expect(BigInt(checkpoint!.position)).toBeGreaterThan(0n);

    poison.position = null; // fixed
    const resumed = new RebuildPass({ ...stores, targets: [target], pageSize: 4, flushEveryMs: 0 });
    await resumed.open();
    expect(resumed.position).toBe(BigInt(checkpoint!.position));
    await resumed.catchUp();
    expect(await contents('everything_new')).toEqual(expected);
  });

  it('resumes a pass cut short inside its first flush (documents written, no checkpoint yet) without storing any twice', async () => {
    const expected = await builtByRunner(counting('reference', ['Counted', 'Shipped']));
    // What the first chunks of a first flush left: documents with their positions, and no checkpoint.
    const written = await stores.documents.collection('reference').find({}, { sort: { _id: 1 } });
    await stores.documents.bulkWriteAll([{ collection: 'everything_new', operations: written.slice(0, 4).map((document) => ({ insertOne: { document } })) }]);
    const resumed = new RebuildPass({ events: stores.events, documents: stores.documents, targets: [{ projection: counting('everything', ['Counted', 'Shipped']), collection: 'everything_new' }], pageSize: 4 });
    await resumed.open();
    expect(resumed.position).toBeNull();
    await resumed.catchUp();
    expect(await contents('everything_new')).toEqual(expected);
  });

  it('rebuilds all read models through the engine, swaps each in, and reports progress under each name', async () => {
    const projections = [counting('counted', ['Counted']), counting('everything', ['Counted', 'Shipped'])];
    const engine = new ProjectionEngine({ ...stores, clock: machineClock, projections, idleMs: 5 });
    await engine.start();
    const head = (await stores.events.readAll({ direction: 'backwards', maxCount: 1 }))[0].position;
    await engine.waitFor(head, 5000);
    const live = { counted: await contents('counted'), everything: await contents('everything') };
    const seen: RebuildProgress[] = [];
    await engine.rebuild('all', (p) => seen.push(p));
    expect({ counted: await contents('counted'), everything: await contents('everything') }).toEqual(live);
    expect(seen.map((p) => p.state)).toContain('done');
    expect(engine.rebuildProgress('counted')).toMatchObject({ projection: 'all', state: 'done', processed: 60, fraction: 1 });
    expect(engine.rebuildProgress('everything')).toBe(engine.rebuildProgress('counted'));
    expect(await stores.documents.listCollections()).toEqual([CHECKPOINTS, 'counted', 'everything'].sort());
    // Both live runners follow on the swapped-in collections.
    await stores.events.appendToStream('s0', [{ eventId: crypto.randomUUID(), type: 'Counted', data: {}, metadata: {} }]);
    const next = (await stores.events.readAll({ direction: 'backwards', maxCount: 1 }))[0].position;
    expect(await engine.waitFor(next, 5000)).toBe(true);
    expect((await stores.documents.collection('everything').findOne({ _id: 's0' }))!.count).toBe(live.everything[0].count + 1);
    await engine.stop();
  });

  it('rebuilds read models of a log with none of their events: empty, swapped in, answering', async () => {
    const projections = [counting('nothing', ['NeverWritten'])];
    const engine = new ProjectionEngine({ ...stores, clock: machineClock, projections, idleMs: 5 });
    await engine.start();
    await engine.rebuild('all');
    expect(engine.rebuildProgress('nothing')).toMatchObject({ state: 'done' });
    expect(await stores.documents.collection('nothing').countDocuments({})).toBe(0);
    await engine.stop();
  });

  it('fails a rebuild whose handler throws, names the event, and leaves the live read model answering', async () => {
    const poison = { position: null as bigint | null };
    const engine = new ProjectionEngine({ ...stores, clock: machineClock, projections: [counting('everything', ['Counted', 'Shipped'], poison)], idleMs: 5 });
    await engine.start();
    const head = (await stores.events.readAll({ direction: 'backwards', maxCount: 1 }))[0].position;
    await engine.waitFor(head, 5000);
    const live = await contents('everything');
    poison.position = (await stores.events.readAll({ maxCount: 11 }))[10].position;
    await expect(engine.rebuild('everything')).rejects.toThrow(/cannot apply event/);
    expect(engine.rebuildProgress('everything')).toMatchObject({ state: 'failed', error: expect.stringMatching(/at position \d+ \(s3@1\)/) });
    expect(await contents('everything')).toEqual(live);
    expect((await engine.status())[0].state).not.toBe('failed');
    await engine.stop();
  });
});
