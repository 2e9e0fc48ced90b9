import { complaintStreamId } from '@app/domain';
import { aComplaint } from '@app/domain/testing';
import { EventStore, ReadAllOptions } from '@app/event-store';
import { BulkOperation, Document } from '@app/read-store';
import { positionKey, ProjectionDefinition } from '../projection';
import { CHECKPOINTS } from '../runner/checkpoints';
import { ProjectionRunner } from '../runner/projection-runner';
import { RebuildPass } from '../runner/rebuild-pass';
import { statisticsProjection } from '../statistics/statistics.projection';
import { deadlinesProjection } from './deadlines.projection';
import { registerJournalProjection } from './register-journal.projection';
import { project } from './testing/recorded';
import { freshStores } from '../testing/fresh-stores';
import { machineClock } from '../testing/machine-clock';

// The complaint read models on a real store, in batches far smaller than a case: each batch (or page)
// must see every case as folded from its stream up to there, whether it folded the events before or
// read them back through the EventStore port.

const CASE_PROJECTIONS: ProjectionDefinition[] = [registerJournalProjection, deadlinesProjection, statisticsProjection];

describe('the complaint read models, folded across batches on a real store', () => {
  const stores = freshStores('case-projections');

  beforeEach(async () => {
    const histories = [
      aComplaint({ complaintId: 'complaint-a' }).received().registered().investigated().answered().compensated().followedUp().closed().reopened(),
      aComplaint({ complaintId: 'complaint-b' }).received().acknowledged().registered().awaitingComplainant().complainantInformationReceived(),
      aComplaint({ complaintId: 'complaint-c' }).received().registered().withdrawn(),
    ].map((history) => history.events());
    // Interleaved, one append per event, as commands arrive.
    for (let i = 0; i < Math.max(...histories.map((h) => h.length)); i++)
      for (const history of histories)
        if (history[i])
          await stores.events.appendToStream(complaintStreamId(history[i].data.complaintId), [
            { eventId: crypto.randomUUID(), type: history[i].type, data: history[i].data, metadata: { actor: { id: 'officer-georgieva', role: 'quality-officer' } } },
          ]);
  });

  const expected = async () => {
    const all = await stores.events.readAll({ fromPosition: 'start', maxCount: 1_000 });
    return CASE_PROJECTIONS.map((projection) => [...project(projection, all).values()].sort(byId));
  };
  const contents = (collections: string[]) => Promise.all(collections.map(async (name) => (await stores.documents.collection<Document>(name).find({})).sort(byId)));

  it('the live runner, three events a batch, builds what the whole stream folds to', async () => {
    for (const projection of CASE_PROJECTIONS) {
      const runner = new ProjectionRunner({ ...stores, clock: machineClock, projection, batchSize: 3 });
      await runner.open();
      await runner.catchUp();
    }
    const built = await contents(CASE_PROJECTIONS.map((p) => p.name));
    expect(built).toStrictEqual(await expected());
    expect(built[0].map((entry) => entry.status)).toStrictEqual(['reopened', 'registered', 'withdrawn']);
    expect(built[1].map((entry) => entry._id)).toStrictEqual(['complaint-a', 'complaint-b']); // the withdrawn one has no deadline
  });

  it('the live runner, replaying from an earlier checkpoint (a crash before it was saved), ends the same', async () => {
    const runner = new ProjectionRunner({ ...stores, clock: machineClock, projection: registerJournalProjection, batchSize: 3 });
    await runner.open();
    await runner.catchUp();
    const [third] = (await stores.events.readAll({ fromPosition: 'start', maxCount: 4 })).slice(3);
    await stores.documents.collection(CHECKPOINTS).replaceOne(
      { _id: registerJournalProjection.name },
      { _id: registerJournalProjection.name, position: positionKey(third.position), projectionVersion: registerJournalProjection.version },
    );
    const again = new ProjectionRunner({ ...stores, clock: machineClock, projection: registerJournalProjection, batchSize: 2 });
    await again.open();
    await again.catchUp();
    expect((await contents([registerJournalProjection.name]))[0]).toStrictEqual((await expected())[0]);
  });

  it('a rebuild that forgets its cases after every page (flushing) reads them back and builds the same', async () => {
    const targets = CASE_PROJECTIONS.map((projection) => ({ projection, collection: `${projection.name}__rebuild` }));
    const pass = new RebuildPass({ ...stores, targets, pageSize: 2, maxCachedDocuments: 0 });
    await pass.open();
    await pass.catchUp();
    expect(await contents(targets.map((t) => t.collection))).toStrictEqual(await expected());
  });

  const caseTargets = () => CASE_PROJECTIONS.map((projection) => ({ projection, collection: `${projection.name}__rebuild` }));

  /** The rows of one case each write of these collections stored. */
  const rowsStored = (calls: Array<[Array<{ collection: string; operations: BulkOperation[] }>]>, id: string) =>
    calls.flatMap(([writes]) => writes.filter((w) => w.collection.endsWith('__rebuild')).flatMap((w) => w.operations)).filter((operation) => {
      const document = 'insertOne' in operation ? operation.insertOne.document : 'replaceOne' in operation ? operation.replaceOne.replacement : undefined;
      return (document as Document | undefined)?._id === id;
    }).length;

  it('a rebuild holds an open case through its flushes and stores its rows once', async () => {
    // complaint-d's events one after the other at the end of the log: it takes an event in every page from its first.
    for (const event of aComplaint({ complaintId: 'complaint-d' }).received().registered().investigated().answered().events())
      await stores.events.appendToStream(complaintStreamId('complaint-d'), [{ eventId: crypto.randomUUID(), type: event.type, data: event.data, metadata: {} }]);
    const targets = caseTargets();
    const writes = jest.spyOn(stores.documents, 'bulkWriteAll');
    // A flush after every event.
    const pass = new RebuildPass({ ...stores, targets, pageSize: 1, maxCachedDocuments: 0 });
    await pass.open();
    await pass.catchUp();
    expect(await contents(targets.map((t) => t.collection))).toStrictEqual(await expected());
    // One row per read model (journal, deadlines, statistics), not one per flush.
    expect(rowsStored(writes.mock.calls as never, 'complaint-d')).toBe(3);
  });

  it('a rebuild interrupted while it holds open cases unwritten resumes them from their streams', async () => {
    const all = await stores.events.readAll({ fromPosition: 'start', maxCount: 1_000 });
    const lastOfB = all.filter((event) => event.streamId === complaintStreamId('complaint-b')).at(-1)!.position;
    // The log as a store that fails past complaint-b's last event: the pass stops after flushing the page that holds it.
    const failing = new Proxy(stores.events, {
      get: (store, key: keyof EventStore) => {
        if (key === 'readAllAhead') return undefined;
        if (key === 'readAll')
          return (options: ReadAllOptions = {}) =>
            typeof options.fromPosition === 'bigint' && options.fromPosition > lastOfB && options.direction !== 'backwards'
              ? Promise.reject(new Error('the disk went away'))
              : store.readAll(options);
        const value = store[key];
        return typeof value === 'function' ? value.bind(store) : value;
      },
    });
    const targets = caseTargets();
    const interrupted = new RebuildPass({ events: failing, documents: stores.documents, targets, pageSize: 2, maxCachedDocuments: 0 });
    await interrupted.open();
    await expect(interrupted.catchUp()).rejects.toThrow('the disk went away');
    const checkpoint = await stores.documents.collection(CHECKPOINTS).findOne({ _id: targets[0].collection });
    expect(checkpoint?.pending).toContain('complaint-b');
    // Held, not written: the collection does not hold complaint-b as of its last event.
    expect((await stores.documents.collection(targets[0].collection).findOne({ _id: 'complaint-b' }))?._position).not.toBe(positionKey(lastOfB));

    const resumed = new RebuildPass({ ...stores, targets, pageSize: 2, maxCachedDocuments: 0 });
    await resumed.open();
    await resumed.catchUp();
    // complaint-b takes no event after the checkpoint: only the pending list brings it back.
    expect(await contents(targets.map((t) => t.collection))).toStrictEqual(await expected());
    expect((await stores.documents.collection(CHECKPOINTS).findOne({ _id: targets[0].collection }))?.pending).toBeUndefined();
  });
});

const byId = (a: Document, b: Document) => (a._id < b._id ? -1 : 1);
