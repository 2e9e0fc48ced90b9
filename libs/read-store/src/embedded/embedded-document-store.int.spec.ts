import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentStoreContract } from '../document-store.contract';
import { BulkOperation, Document, DocumentStore, DocumentStoreUnavailableError, DuplicateKeyError, Filter, FindOptions, literalPattern } from '../document-store.port';
import { EmbeddedDocumentStore, EmbeddedDocumentStoreOptions } from './embedded-document-store';
import { INDEXED_FIELDS, randomDocument, randomFilter, randomFindOptions, randomWrite, seeded } from './random-queries';

const dir = mkdtempSync(join(tmpdir(), 'embedded-document-store-'));
let files = 0;
const newPath = (): string => join(dir, `read-models-${++files}.sqlite`);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

documentStoreContract('EmbeddedDocumentStore', async () => {
  const store = new EmbeddedDocumentStore(newPath());
  return { store, dispose: () => store.close() };
});

const insertAll = (documents: Document[]): BulkOperation[] => documents.map((document) => ({ insertOne: { document } }));

/** JSON with the keys of every object sorted: equal for equal values, whatever their order of keys. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );

describe('EmbeddedDocumentStore', () => {
  const opened: EmbeddedDocumentStore[] = [];
  const open = (path = newPath(), options?: EmbeddedDocumentStoreOptions): EmbeddedDocumentStore => {
    const store = new EmbeddedDocumentStore(path, options);
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  it('belongs to one process at a time: a second opening of the same file is refused, and allowed after close', async () => {
    const path = newPath();
    const first = open(path);
    await first.collection('journal').insertOne({ _id: 'a' });
    expect(() => open(path)).toThrow(/open in another process/);
    await first.close();
    expect(await open(path).collection('journal').countDocuments()).toBe(1);
  });

  describe('durability', () => {
    it('loads documents, collections and indexes back at open', async () => {
      const path = newPath();
      const before = open(path);
      const journal = before.collection('journal');
      await journal.createIndex({ keys: { registerNumber: 1 }, unique: true });
      await journal.createIndex({ keys: { receivedAt: -1 } });
      await journal.bulkWrite(insertAll([
        { _id: 'a', registerNumber: 'R-1', receivedAt: '2025-01-01', nested: { list: [1, 2] } },
        { _id: 'b', registerNumber: 'R-2', receivedAt: '2025-01-02' },
      ]));
      await journal.updateOne({ _id: 'a' }, { $push: { 'nested.list': 3 } });
      await before.collection('emptied').insertOne({ _id: 'x' });
      await before.collection('emptied').deleteMany({});
      await before.collection('dropped').insertOne({ _id: 'y' });
      await before.dropCollection('dropped');
      await before.collection('renamed-from').insertOne({ _id: 'z' });
      await before.renameCollection('renamed-from', 'renamed-to');
      await before.close();

      const after = open(path);
      expect(await after.listCollections()).toEqual(['emptied', 'journal', 'renamed-to']);
      expect(await after.collection('journal').find({}, { sort: { receivedAt: -1 } })).toEqual([
        { _id: 'b', registerNumber: 'R-2', receivedAt: '2025-01-02' },
        { _id: 'a', registerNumber: 'R-1', receivedAt: '2025-01-01', nested: { list: [1, 2, 3] } },
      ]);
      expect(await after.collection('renamed-to').find({})).toEqual([{ _id: 'z' }]);
      const refused = after.collection('journal').insertOne({ _id: 'c', registerNumber: 'R-1' });
      await expect(refused).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await after.collection('journal').createIndex({ keys: { receivedAt: -1 } })).toBe('receivedAt_-1');
    });

    it('stores documents as JSON: memory holds what a reopen loads', async () => {
      const path = newPath();
      const store = open(path);
      await store.collection('c').insertOne({ _id: 'a', at: new Date('2025-01-01T00:00:00.000Z'), gone: undefined, list: [undefined] } as unknown as Document);
      const inMemory = await store.collection('c').findOne({ _id: 'a' });
      await store.close();
      expect(inMemory).toEqual({ _id: 'a', at: '2025-01-01T00:00:00.000Z', list: [null] });
      expect(await open(path).collection('c').findOne({ _id: 'a' })).toEqual(inMemory);
    });

    it('moves its writes from the WAL into the database file in the background, soon after they commit', async () => {
      const path = newPath();
      const store = open(path);
      await store.collection('c').insertOne({ _id: 'a', n: 1 });
      // The file alone, without its WAL, as a copy: it holds the write once the checkpoint thread ran.
      const fileHolds = () => {
        const copy = `${path}.copy`;
        copyFileSync(path, copy);
        const db = new Database(copy, { readonly: true });
        try {
          return (db.prepare("SELECT count(*) AS n FROM documents WHERE id = 'a'").get() as { n: number }).n === 1;
        } catch {
          return false; // not even the table yet
        } finally {
          db.close();
          rmSync(copy, { force: true });
        }
      };
      const until = Date.now() + 5000;
      while (!fileHolds() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(fileHolds()).toBe(true);
      await store.ping();
    });

    it('deletes the documents of a dropped collection in the background, a batch at a time', async () => {
      const path = newPath();
      const store = open(path);
      await store.collection('big').bulkWrite(insertAll(Array.from({ length: 4500 }, (_, i) => ({ _id: `d${i}`, i }))));
      await store.collection('kept').insertOne({ _id: 'k' });
      await store.dropCollection('big');
      // The file is locked while open: give the background purge a few turns, close, then look inside.
      await new Promise((resolve) => setTimeout(resolve, 250));
      await store.close();
      const rows = new Database(path, { readonly: true });
      try {
        expect((rows.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n).toBe(1);
      } finally {
        rows.close();
      }
    });

    it('refuses every call once closed', async () => {
      const store = open();
      const collection = store.collection('c');
      await store.close();
      await expect(collection.find({})).rejects.toBeInstanceOf(DocumentStoreUnavailableError);
      await expect(collection.insertOne({ _id: 'a' })).rejects.toBeInstanceOf(DocumentStoreUnavailableError);
      await expect(store.ping()).rejects.toBeInstanceOf(DocumentStoreUnavailableError);
    });
  });

  describe('bulkWriteAll', () => {
    const seed = async (store: DocumentStore): Promise<void> => {
      await store.collection('journal').insertOne({ _id: 'c1', status: 'received' });
      await store.collection('checkpoints').createIndex({ keys: { projection: 1 }, unique: true });
      await store.collection('checkpoints').insertOne({ _id: 'journal', projection: 'journal', position: '0001' });
    };
    const failingBatch = () =>
      store().bulkWriteAll([
        {
          collection: 'journal',
          operations: [
            { updateOne: { filter: { _id: 'c1' }, update: { $set: { status: 'registered' } } } },
            { insertOne: { document: { _id: 'c2', status: 'received' } } },
          ],
        },
        { collection: 'fresh', operations: [{ insertOne: { document: { _id: 'f1' } } }] },
        {
          collection: 'checkpoints',
          operations: [
            { updateOne: { filter: { _id: 'journal' }, update: { $set: { position: '0002' } } } },
            { insertOne: { document: { _id: 'other', projection: 'journal' } } },
          ],
        },
      ]);
    let current: EmbeddedDocumentStore;
    const store = () => current;

    const expectUntouched = async (s: DocumentStore): Promise<void> => {
      expect(await s.collection('journal').find({})).toEqual([{ _id: 'c1', status: 'received' }]);
      expect(await s.collection('checkpoints').find({})).toEqual([{ _id: 'journal', projection: 'journal', position: '0001' }]);
      expect(await s.listCollections()).toEqual(['checkpoints', 'journal']);
    };

    it('applies nothing, in memory nor on disk, when an operation in a later collection fails', async () => {
      const path = newPath();
      current = open(path);
      await seed(current);
      const error = await failingBatch().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateKeyError);
      expect(error).toMatchObject({ collection: 'checkpoints', index: 'projection_1', key: { projection: 'journal' } });
      await expectUntouched(current);
      // The indexes were taken back too: what the failed batch wrote is free again.
      await current.collection('journal').insertOne({ _id: 'c2', status: 'received' });
      await current.collection('journal').deleteMany({ _id: 'c2' });
      await current.close();
      await expectUntouched(open(path));
    });

    it('takes the memory changes back when the SQLite transaction fails', async () => {
      current = open();
      await seed(current);
      const internals = current as unknown as { persist: { immediate: () => void } };
      const persist = internals.persist;
      internals.persist = { immediate: () => { throw new Error('disk I/O error'); } };
      const error = await current.collection('journal').bulkWrite([{ insertOne: { document: { _id: 'c9' } } }]).catch((e: unknown) => e);
      internals.persist = persist;
      expect(error).toBeInstanceOf(DocumentStoreUnavailableError);
      await expectUntouched(current);
    });
  });

  it('hands out copies, and keeps none of the objects it is given', async () => {
    const store = open();
    const collection = store.collection('copies');
    await collection.createIndex({ keys: { at: 1 } });
    const update = { $set: { nested: { list: [1] } } };
    await collection.updateOne({ _id: 'a' }, update, { upsert: true });
    update.$set.nested.list.push(99);
    const [found] = await collection.find({ at: null }, { sort: { at: 1 }, limit: 1 });
    (found.nested as { list: number[] }).list.push(2);
    const [grouped] = await collection.aggregate<{ lists: number[][] }>([{ $group: { _id: null, lists: { $push: '$nested.list' } } }]);
    grouped.lists[0].push(3);
    expect(await collection.findOne({ _id: 'a' })).toEqual({ _id: 'a', nested: { list: [1] } });
  });

  describe('documents handed over (bulkWriteAll with handOver)', () => {
    it('keeps them frozen instead of copies: a later change fails and reaches nothing stored', async () => {
      const path = newPath();
      const store = open(path);
      const document = { _id: 'a', status: 'open', items: [{ amount: 1 }] };
      await store.bulkWriteAll([{ collection: 'c', operations: [{ replaceOne: { filter: { _id: 'a' }, replacement: document, upsert: true } }] }], { handOver: true });
      expect(() => document.items.push({ amount: 2 })).toThrow(TypeError);
      expect(() => (document.status = 'closed')).toThrow(TypeError);
      await store.close();
      expect(await open(path).collection('c').findOne({ _id: 'a' })).toEqual({ _id: 'a', status: 'open', items: [{ amount: 1 }] });
    });

    it('copies what JSON would change, so that memory still holds what a reopen loads', async () => {
      const store = open();
      const document = { _id: 'a', at: new Date('2025-01-01T00:00:00.000Z'), gone: undefined };
      await store.bulkWriteAll([{ collection: 'c', operations: [{ insertOne: { document } }] }], { handOver: true });
      expect(Object.isFrozen(document)).toBe(false);
      expect(await store.collection('c').findOne({ _id: 'a' })).toEqual({ _id: 'a', at: '2025-01-01T00:00:00.000Z' });
    });

    it("never freezes an update's values, which stay the caller's", async () => {
      const store = open();
      const update = { $set: { nested: { list: [1] } } };
      await store.bulkWriteAll([{ collection: 'c', operations: [{ updateOne: { filter: { _id: 'a' }, update, upsert: true } }] }], { handOver: true });
      await store.bulkWriteAll([{ collection: 'c', operations: [{ updateOne: { filter: { _id: 'a' }, update, upsert: true } }] }], { handOver: true });
      update.$set.nested.list.push(2);
      expect(await store.collection('c').findOne({ _id: 'a' })).toEqual({ _id: 'a', nested: { list: [1] } });
    });
  });

  describe('the query planner', () => {
    /**
     * Three stores with the same data: a plain mingo scan, and the planner preferring index slices or
     * index walks. The indexes are kept up per write, or built over the documents in (as a rebuild does).
     */
    const trio = async (seed: number, indexes: 'before' | 'after') => {
      const scan = open(':memory:', { planQueries: false });
      const slices = open(':memory:');
      const walks = open(':memory:', { smallSlice: 0 });
      const stores = [scan, slices, walks];
      const createIndexes = async (store: EmbeddedDocumentStore) => {
        for (const field of INDEXED_FIELDS) await store.collection('c').createIndex({ keys: { [field]: 1 } });
        await store.collection('c').createIndex({ keys: { rank: -1, day: 1 } });
      };
      if (indexes === 'before') for (const store of stores) await createIndexes(store);
      const random = seeded(seed);
      // Inserted out of _id order, so that an index must order equal keys by _id itself.
      const documents = Array.from({ length: 300 }, (_, i) => randomDocument(random, `d${(i * 7919) % 300}`));
      for (const store of stores) await store.collection('c').bulkWrite(insertAll(documents));
      if (indexes === 'after') for (const store of stores) await createIndexes(store);
      return { random, stores };
    };
    const outcome = (promise: Promise<unknown>) => promise.then((value) => ({ value }), (error: Error) => ({ error: error.message }));
    /** Deep equality, also of the order of the results, not of keys (jest's toEqual is slow on hundreds of documents). */
    const expectSame = (context: unknown, answer: unknown, expected: unknown): void => {
      const [planned, scanned] = [canonical(answer), canonical(expected)];
      if (planned !== scanned) {
        throw new Error(`The planned answer differs from the plain scan for ${JSON.stringify(context)}\nplanned: ${planned.slice(0, 3000)}\nscan:    ${scanned.slice(0, 3000)}`);
      }
    };

    it.each([
      [1, 'before'],
      [2, 'before'],
      [3, 'after'],
      [4, 'after'],
    ] as const)('answers every query exactly as a plain mingo scan, between random writes (seed %i, indexes %s the documents)', async (seed, indexes) => {
      const { random, stores } = await trio(seed, indexes);
      let inserted = 0;
      const nextId = () => `n${seed}-${inserted++}`;
      let asked: Array<{ filter: Filter; options: FindOptions }> = [];
      for (let round = 0; round < 10; round++) {
        // The last round's queries again, its very last first (the planner must not answer them from
        // before the writes), then new ones.
        const queries = asked.slice(-6).reverse();
        while (queries.length < 20) queries.push({ filter: randomFilter(random), options: randomFindOptions(random) });
        asked = queries;
        for (const { filter, options } of queries) {
          const [expected, ...planned] = await Promise.all(stores.map((s) => outcome(s.collection('c').find(filter, options))));
          const context = JSON.stringify({ seed, round, filter, options });
          for (const answer of planned) expectSame(context, answer, expected);
          const counts = await Promise.all(stores.map((s) => s.collection('c').countDocuments(filter)));
          expectSame(context, counts, [counts[0], counts[0], counts[0]]);
        }
        // Small batches are spliced into the indexes, large ones merged.
        const writes = Array.from({ length: round % 3 === 0 ? 80 : 1 + Math.floor(random() * 5) }, () => randomWrite(random, nextId));
        const results = await Promise.all(stores.map((s) => outcome(s.collection('c').bulkWrite(writes))));
        await new Promise(setImmediate); // lets background work run (text signatures)
        expectSame({ seed, round, writes }, results, [results[0], results[0], results[0]]);
      }
      const [all, ...rest] = await Promise.all(stores.map((s) => s.collection('c').find({}, { sort: { _id: 1 } })));
      for (const other of rest) expectSame({ seed }, other, all);
    });

    it('never answers from the matches it found before a write', async () => {
      const collection = open().collection('c');
      await collection.createIndex({ keys: { status: 1 } });
      await collection.bulkWrite(insertAll([{ _id: 'a', status: 'open' }, { _id: 'b', status: 'closed' }]));
      expect(await collection.countDocuments({ status: 'open' })).toBe(1);
      await collection.updateOne({ _id: 'b' }, { $set: { status: 'open' } });
      expect(await collection.countDocuments({ status: 'open' })).toBe(2);
      await collection.deleteMany({ status: 'open' });
      expect(await collection.find({ status: 'open' })).toEqual([]);
    });

    it('finds literal text the same with trigram signatures as without, before and after they are built', async () => {
      const random = seeded(11);
      const words = ['parcel', 'late', 'damaged', 'screen', 'refund', 'r-2025-0001', 'r-2025-0012', 'ada', 'lovelace', 'a.c.'];
      const text = () => Array.from({ length: 3 + Math.floor(random() * 12) }, () => words[Math.floor(random() * words.length)]).join(' ');
      const stores = [open(':memory:', { planQueries: false }), open(':memory:')];
      const documents = Array.from({ length: 400 }, (_, i) => ({ _id: `d${i}`, searchText: text(), receivedAt: `2025-01-${String(1 + (i % 28)).padStart(2, '0')}` }));
      for (const store of stores) {
        await store.collection('c').createIndex({ keys: { receivedAt: 1 } });
        await store.collection('c').bulkWrite(insertAll(documents));
      }
      const terms = ['parcel', 'r-2025-0001', 'r-2025-00', 'ada love', 'lovelace late', 'a.c.', 'zebra', 'ce r', 'e d'];
      const ask = async (when: string) => {
        for (const term of terms) {
          const filter = { searchText: { $regex: literalPattern(term) } };
          const [scan, planned] = await Promise.all(stores.map((s) => s.collection('c').find(filter, { sort: { receivedAt: -1, _id: 1 }, limit: 20 })));
          expect({ when, term, ids: planned.map((d) => d._id) }).toEqual({ when, term, ids: scan.map((d) => d._id) });
          const counts = await Promise.all(stores.map((s) => s.collection('c').countDocuments(filter)));
          expect({ when, term, count: counts[1] }).toEqual({ when, term, count: counts[0] });
        }
      };
      await ask('before signing');
      for (let turn = 0; turn < 3; turn++) await new Promise(setImmediate);
      await ask('signed in the background');
      const rewrites = Array.from({ length: 60 }, (_, i): BulkOperation => ({ updateOne: { filter: { _id: `d${i * 5}` }, update: { $set: { searchText: text() } } } }));
      for (const store of stores) await store.collection('c').bulkWrite(rewrites);
      await ask('signed when written');
    });

    it('answers a leading $match of an aggregation as a plain mingo scan', async () => {
      const { random, stores } = await trio(7, 'before');
      for (let q = 0; q < 60; q++) {
        const pipeline = [{ $match: randomFilter(random) }, { $group: { _id: '$kind', n: { $sum: 1 }, ids: { $push: '$_id' } } }, { $sort: { _id: 1 } }];
        const [expected, ...planned] = await Promise.all(stores.map((s) => s.collection('c').aggregate(pipeline)));
        for (const answer of planned) expectSame(pipeline, answer, expected);
      }
    });
  });
});
