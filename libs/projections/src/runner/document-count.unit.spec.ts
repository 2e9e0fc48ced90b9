import { DocumentStore } from '@app/read-store';
import { Checkpoint } from './checkpoints';
import { readDocumentCount } from './document-count';

/**
 * A read-model store whose checkpoint and collection change as a script says, call by call: how the
 * writes of a store without transactions (MongoDB: documents first, checkpoint last) look to a reader.
 */
const scripted = (steps: { checkpoint: Partial<Checkpoint> | null; found: number }[]) => {
  let step = 0;
  let reads = 0;
  const at = () => steps[Math.min(step, steps.length - 1)];
  const store = {
    collection: () => ({
      // Every second checkpoint read (the one after the count) moves the script on: the next writes land.
      findOne: async () => {
        const { checkpoint } = at();
        if (++reads % 2 === 0) step++;
        return checkpoint;
      },
      countDocuments: async () => at().found,
    }),
  };
  return store as unknown as DocumentStore;
};

describe('reading a read model against its count', () => {
  it('does not take a batch whose documents landed before its checkpoint for a loss', async () => {
    const store = scripted([
      { checkpoint: { position: '1', documents: 4 }, found: 5 },
      { checkpoint: { position: '2', documents: 5 }, found: 5 },
    ]);
    expect(await readDocumentCount(store, 'cases')).toEqual({ expected: 5, found: 5 });
  });

  it('reads again when a checkpoint is written while it counts', async () => {
    let reads = 0;
    const store = {
      collection: () => ({
        findOne: async () => (++reads === 1 ? { position: '1', documents: 4 } : { position: '2', documents: 6 }),
        countDocuments: async () => 6,
      }),
    } as unknown as DocumentStore;
    expect(await readDocumentCount(store, 'cases')).toEqual({ expected: 6, found: 6 });
  });

  it('reports a difference that stays', async () => {
    const store = scripted([{ checkpoint: { position: '1', documents: 4 }, found: 3 }]);
    expect(await readDocumentCount(store, 'cases')).toEqual({ expected: 4, found: 3 });
  });

  it('reports a difference that moves with the writes rather than calling it agreement', async () => {
    const store = scripted([
      { checkpoint: { position: '1', documents: 4 }, found: 3 },
      { checkpoint: { position: '2', documents: 6 }, found: 4 },
      { checkpoint: { position: '3', documents: 8 }, found: 5 },
      { checkpoint: { position: '4', documents: 10 }, found: 6 },
    ]);
    expect(await readDocumentCount(store, 'cases')).toMatchObject({ expected: 10, found: 6 });
  });

  it('knows no count in a checkpoint written before it was kept', async () => {
    const store = scripted([{ checkpoint: { position: '1' }, found: 3 }]);
    expect(await readDocumentCount(store, 'cases')).toEqual({ expected: null, found: 3 });
  });
});
