import { EventStore, RecordedEvent } from '@app/event-store';
import { DocumentStore } from '@app/read-store';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ProjectionDefinition } from '../projection';
import { machineClock } from '../testing/machine-clock';
import { tempStores, TempStores } from '../testing/temp-stores';
import { Checkpoint, CHECKPOINTS, readCheckpoint } from './checkpoints';
import { disagrees, readDocumentCount } from './document-count';
import { ProjectionEngine } from './projection-engine';
import { ProjectionRunner } from './projection-runner';

/** A case per stream: opened creates its document, noted changes it, closed deletes it (as a withdrawal deletes a deadline). */
const cases: ProjectionDefinition = {
  name: 'cases',
  version: 1,
  indexes: [],
  eventTypes: ['Opened', 'Noted', 'Closed'],
  documentIds: (event: RecordedEvent) => [event.streamId],
  evolve: (document, event) => {
    if (event.type === 'Closed') return null;
    return { _id: event.streamId, notes: (Number(document?.notes) || 0) + (event.type === 'Noted' ? 1 : 0) } as never;
  },
};

describe('the document count kept with each checkpoint', () => {
  let stores: TempStores;
  let events: EventStore;
  let documents: DocumentStore;

  beforeEach(() => {
    stores = tempStores('document-count-');
    ({ events, documents } = stores);
  });
  afterEach(() => stores.close());

  const append = async (stream: string, ...types: string[]) => {
    for (const type of types) await events.appendToStream(stream, [{ eventId: crypto.randomUUID(), type, data: {}, metadata: { recordedAt: new Date().toISOString() } }]);
  };
  const caughtUp = async (batchSize = 3) => {
    const runner = new ProjectionRunner({ events, documents, clock: machineClock, projection: cases, batchSize });
    await runner.open();
    await runner.catchUp();
  };
  const deleteBehindTheRunner = (id: string) => documents.collection('cases').bulkWrite([{ deleteOne: { filter: { _id: id } } }]);

  it('counts documents created minus deleted, across batches, a case opened and closed in one batch, and replays', async () => {
    await append('a', 'Opened', 'Noted', 'Noted');
    await append('b', 'Opened', 'Closed');
    await append('c', 'Opened');
    await caughtUp();
    expect(await readDocumentCount(documents, 'cases')).toEqual({ expected: 2, found: 2 });

    await append('c', 'Noted', 'Closed');
    await append('d', 'Opened', 'Closed', 'Opened'); // reopened: one document
    await caughtUp(10);
    expect(await readDocumentCount(documents, 'cases')).toEqual({ expected: 2, found: 2 });

    // The checkpoint lost: the runner replays from the first event onto the documents it holds.
    await documents.collection(CHECKPOINTS).deleteMany({});
    await append('e', 'Opened');
    await caughtUp(2);
    expect(await readDocumentCount(documents, 'cases')).toEqual({ expected: 3, found: 3 });
  });

  it('raises no alarm when documents got ahead of their checkpoint (MongoDB: a crash between the two writes)', async () => {
    await append('a', 'Opened');
    await caughtUp();
    const behind = await readCheckpoint(documents, 'cases');
    await append('b', 'Opened', 'Noted');
    await append('c', 'Opened');
    await append('a', 'Closed');
    await caughtUp(10);
    // As if the last batch's documents were written and its checkpoint was not.
    await documents.collection(CHECKPOINTS).replaceOne({ _id: 'cases' }, behind as Checkpoint);
    await append('d', 'Opened');
    await caughtUp(10);
    expect(await readDocumentCount(documents, 'cases')).toEqual({ expected: 3, found: 3 });
    await deleteBehindTheRunner('d');
    expect(await readDocumentCount(documents, 'cases')).toEqual({ expected: 3, found: 2 });
  });

  it('shows a document deleted behind the runner until a rebuild, however many events follow', async () => {
    await append('a', 'Opened');
    await append('b', 'Opened');
    await append('c', 'Opened');
    const engine = new ProjectionEngine({ events, documents, clock: machineClock, projections: [cases], idleMs: 5 });
    await engine.start();
    try {
      await engine.waitFor((await events.readAll({ direction: 'backwards', maxCount: 1 }))[0].position, 5000);
      expect((await engine.status())[0]).toMatchObject({ documents: { expected: 3, found: 3 }, needsRebuild: false });

      await deleteBehindTheRunner('b');
      expect((await engine.status())[0]).toMatchObject({ documents: { expected: 3, found: 2 }, needsRebuild: true });
      // The runner writes the lost case again when it changes, from nothing: still not what the log says.
      await append('b', 'Noted');
      await append('d', 'Opened');
      await engine.waitFor((await events.readAll({ direction: 'backwards', maxCount: 1 }))[0].position, 5000);
      expect((await engine.status())[0]).toMatchObject({ documents: { expected: 5, found: 4 }, needsRebuild: true });

      await engine.rebuild('cases');
      expect((await engine.status())[0]).toMatchObject({ documents: { expected: 4, found: 4 }, needsRebuild: false });
      expect(await documents.collection('cases').findOne({ _id: 'b' })).toMatchObject({ notes: 1 });
      await append('a', 'Closed');
      await engine.waitFor((await events.readAll({ direction: 'backwards', maxCount: 1 }))[0].position, 5000);
      expect((await engine.status())[0]).toMatchObject({ documents: { expected: 3, found: 3 }, needsRebuild: false });
    } finally {
      await engine.stop();
    }
  });

  it('treats a checkpoint written before the count was kept as unknown (no alarm) until the next rebuild', async () => {
    await append('a', 'Opened');
    await append('b', 'Opened');
    await caughtUp();
    const { documents: _count, ...old } = (await readCheckpoint(documents, 'cases')) as Checkpoint;
    await documents.collection(CHECKPOINTS).replaceOne({ _id: 'cases' }, old);
    await deleteBehindTheRunner('a');
    await append('c', 'Opened');
    await caughtUp();
    expect(await readCheckpoint(documents, 'cases')).not.toHaveProperty('documents');
    expect(await readDocumentCount(documents, 'cases')).toEqual({ expected: null, found: 2 });

    const engine = new ProjectionEngine({ events, documents, clock: machineClock, projections: [cases], idleMs: 5 });
    try {
      expect((await engine.status())[0]).toMatchObject({ needsRebuild: false });
      await engine.rebuild('cases');
      expect(await readDocumentCount(documents, 'cases')).toEqual({ expected: 3, found: 3 });
    } finally {
      await engine.stop(); // the rebuild starts the live runner after its swap
    }
  });

  it('never reports a disagreement while the runner writes, creates and deletes', async () => {
    const engine = new ProjectionEngine({ events, documents, clock: machineClock, projections: [cases], idleMs: 1 });
    await engine.start();
    let writing = true;
    let written = 0;
    const writes = (async () => {
      for (; writing; written++) {
        await append(`s${written}`, 'Opened', ...(written % 3 === 0 ? ['Closed'] : ['Noted']));
        await yieldToEventLoop(); // the stores answer in microtasks: let the runner's timers run
      }
    })();
    try {
      const readings = [];
      // Read while the runner has written a good many batches (each a checkpoint with its count).
      while (written < 300 || readings.filter((reading) => reading.expected !== null).length < 40) {
        readings.push((await engine.status())[0].documents);
        await yieldToEventLoop();
      }
      expect(readings.filter(disagrees)).toEqual([]);
      expect(readings[readings.length - 1].found).toBeGreaterThan(0);
    } finally {
      writing = false;
      await writes;
      await engine.stop();
    }
  });
});
