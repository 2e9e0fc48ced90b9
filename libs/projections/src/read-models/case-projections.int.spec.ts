import { complaintStreamId } from '@app/domain';
import { aComplaint } from '@app/domain/testing';
import { Document } from '@app/read-store';
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
});

const byId = (a: Document, b: Document) => (a._id < b._id ? -1 : 1);
