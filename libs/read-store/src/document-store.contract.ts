import { randomUUID } from 'node:crypto';
import { aStoreForTheSuite } from '../../../test/support/stores-per-test';
import { Document, DocumentCollection, DocumentStore, DuplicateKeyError, literalPattern } from './document-store.port';

/**
 * The behaviour every DocumentStore adapter must show, written against the port only, so that the very
 * same suite runs on the embedded store, on the MongoDB adapter through a wire-protocol test server,
 * and against a real MongoDB. What it asserts is what MongoDB does.
 *
 * Rules the suite keeps so that it can run against a shared, long-lived server:
 * - every test uses collections of its own, named with a random id, and only looks for those names;
 * - results are compared in an order the test fixes (a sort, or sorting ids), never in natural order;
 * - atomicity across collections is not asserted here (MongoDB without transactions has none): the
 *   embedded store's own spec does.
 */
export type DocumentStoreFactory = () => Promise<{ store: DocumentStore; dispose(): Promise<void> }>;

const uid = (): string => randomUUID().replace(/-/g, '').slice(0, 12);
const ids = (docs: readonly Document[]): string[] => docs.map((d) => d._id);
const sortedIds = (docs: readonly Document[]): string[] => ids(docs).sort();

/** Resolves with the error the promise rejects with; fails the test if it resolves. */
const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected a rejection, but the promise resolved.');
};

const expectDuplicateKey = async (promise: Promise<unknown>, collection: string, index: string, key: Record<string, unknown>) => {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(DuplicateKeyError);
  const { collection: c, index: i, key: k } = error as DuplicateKeyError;
  expect({ collection: c, index: i, key: k }).toEqual({ collection, index, key });
};

/** A journal row, the shape the read models use, with only the fields a test cares about. */
const aComplaint = (id: string, fields: Record<string, unknown> = {}): Document => ({ _id: id, ...fields });

/** Five complaints that exercise every kind of field: scalars, nulls, missing fields, nested objects, arrays. */
const fiveComplaints = (): Document[] => [
  aComplaint('c1', {
    category: 'delivery', severity: 2, status: 'open', receivedAt: '2025-01-05T10:00:00.000Z', answeredAt: null,
    complainant: { name: 'Ada Lovelace', kind: 'person' }, tags: ['late', 'parcel'],
    compensations: [{ currency: 'EUR', amountMinor: 500 }], searchText: 'r-2025-0001 ada lovelace late parcel (urgent)',
  }),
  aComplaint('c2', {
    category: 'delivery', severity: 3, status: 'closed', receivedAt: '2025-01-20T08:30:00.000Z', answeredAt: '2025-01-22T09:00:00.000Z',
    complainant: { name: 'Bob Builder', kind: 'organisation' }, tags: ['damaged'],
    compensations: [], searchText: 'r-2025-0002 bob builder damaged box',
  }),
  aComplaint('c3', {
    category: 'billing', severity: 1, status: 'open', receivedAt: '2025-02-02T12:00:00.000Z',
    complainant: { name: 'Cy Young', kind: 'person' }, tags: [],
    compensations: [{ currency: 'EUR', amountMinor: 1000 }, { currency: 'USD', amountMinor: 300 }], searchText: 'r-2025-0003 cy young invoice twice',
  }),
  aComplaint('c4', {
    category: 'quality', severity: 5, status: 'answered', receivedAt: '2025-02-15T16:45:00.000Z', answeredAt: '2025-02-20T10:00:00.000Z',
    complainant: { name: 'Dee Dee', kind: 'person' }, tags: ['damaged', 'parcel'],
    compensations: [{ currency: 'USD', amountMinor: 700 }], searchText: 'r-2025-0004 dee dee screen cracked',
  }),
  aComplaint('c5', {
    category: 'billing', severity: 4, status: 'withdrawn', receivedAt: '2025-03-01T07:15:00.000Z', answeredAt: null,
    complainant: { name: 'Eve Adams', kind: 'organisation' },
    compensations: [], searchText: 'r-2025-0005 eve adams a.c. adapter',
  }),
];

export function documentStoreContract(name: string, createStore: DocumentStoreFactory): void {
  describe(`DocumentStore contract: ${name}`, () => {
    let store: DocumentStore;
    aStoreForTheSuite(createStore, (created) => (store = created));

    const collectionName = (label: string): string => `contract_${label}_${uid()}`;
    const emptyCollection = (label: string): DocumentCollection => store.collection(collectionName(label));
    const complaints = async (): Promise<DocumentCollection> => {
      const collection = emptyCollection('complaints');
      await collection.bulkWrite(fiveComplaints().map((document) => ({ insertOne: { document } })));
      return collection;
    };

    describe('filters', () => {
      let journal: DocumentCollection;
      beforeAll(async () => {
        journal = await complaints();
      });
      const matching = async (filter: Record<string, unknown>): Promise<string[]> => sortedIds(await journal.find(filter));

      it('finds everything with an empty filter, and by equality', async () => {
        expect(await matching({})).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
        expect(await matching({ category: 'billing' })).toEqual(['c3', 'c5']);
        expect(await matching({ category: 'billing', status: 'open' })).toEqual(['c3']);
        expect(await matching({ _id: 'c4' })).toEqual(['c4']);
        expect(await matching({ category: 'nothing' })).toEqual([]);
      });

      it('matches $in and $ne ($ne also matches documents without the field)', async () => {
        expect(await matching({ status: { $in: ['open', 'closed'] } })).toEqual(['c1', 'c2', 'c3']);
        expect(await matching({ _id: { $in: ['c2', 'c5', 'missing'] } })).toEqual(['c2', 'c5']);
        expect(await matching({ status: { $in: [] } })).toEqual([]);
        expect(await matching({ category: { $ne: 'billing' } })).toEqual(['c1', 'c2', 'c4']);
        expect(await matching({ answeredAt: { $ne: null } })).toEqual(['c2', 'c4']);
      });

      it('compares with $gt, $gte, $lt, $lte on numbers and ISO timestamps', async () => {
        expect(await matching({ severity: { $gt: 2 } })).toEqual(['c2', 'c4', 'c5']);
        expect(await matching({ severity: { $gte: 2, $lte: 4 } })).toEqual(['c1', 'c2', 'c5']);
        expect(await matching({ severity: { $lt: 2 } })).toEqual(['c3']);
        expect(await matching({ receivedAt: { $gte: '2025-02-01T00:00:00.000Z', $lt: '2025-03-01T00:00:00.000Z' } })).toEqual(['c3', 'c4']);
        expect(await matching({ receivedAt: { $lt: '2025-01-20T08:30:00.000Z' } })).toEqual(['c1']);
      });

      it('compares only values of the same type (a number bound never matches strings, nulls or missing fields)', async () => {
        const mixed = emptyCollection('mixed');
        await mixed.bulkWrite(
          [aComplaint('n', { score: 5 }), aComplaint('s', { score: '7' }), aComplaint('z', { score: null }), aComplaint('m')].map((document) => ({
            insertOne: { document },
          })),
        );
        expect(sortedIds(await mixed.find({ score: { $gt: 1 } }))).toEqual(['n']);
        expect(sortedIds(await mixed.find({ score: { $gte: '0' } }))).toEqual(['s']);
        expect(sortedIds(await mixed.find({ score: { $lt: 100 } }))).toEqual(['n']);
        expect(sortedIds(await mixed.find({ score: 5 }))).toEqual(['n']);
        expect(sortedIds(await mixed.find({ score: '5' }))).toEqual([]);
      });

      it('matches null against null and missing fields, and tells them apart with $exists', async () => {
        expect(await matching({ answeredAt: null })).toEqual(['c1', 'c3', 'c5']);
        expect(await matching({ answeredAt: { $exists: false } })).toEqual(['c3']);
        expect(await matching({ answeredAt: { $exists: true } })).toEqual(['c1', 'c2', 'c4', 'c5']);
        expect(await matching({ tags: { $exists: false } })).toEqual(['c5']);
      });

      it('matches $regex, as a pattern with $options or as a RegExp, and user text literally through literalPattern', async () => {
        expect(await matching({ searchText: { $regex: 'parcel' } })).toEqual(['c1']);
        expect(await matching({ searchText: { $regex: '^r-2025-000[12] ' } })).toEqual(['c1', 'c2']);
        expect(await matching({ 'complainant.name': { $regex: 'ADA', $options: 'i' } })).toEqual(['c1', 'c5']);
        expect(await matching({ 'complainant.name': /^d/i })).toEqual(['c4']);
        expect(await matching({ searchText: { $regex: literalPattern('a.c.') } })).toEqual(['c5']);
        expect(await matching({ searchText: { $regex: literalPattern('(urgent)') } })).toEqual(['c1']);
        expect(await matching({ searchText: { $regex: 'a.c.' } })).toEqual(['c1', 'c5']);
        expect(await matching({ searchText: { $regex: literalPattern('.*') } })).toEqual([]);
      });

      it('combines conditions with $and and $or', async () => {
        expect(await matching({ $or: [{ category: 'quality' }, { severity: { $lte: 1 } }] })).toEqual(['c3', 'c4']);
        expect(await matching({ $and: [{ category: 'delivery' }, { severity: { $gte: 3 } }] })).toEqual(['c2']);
        expect(await matching({ category: 'billing', $or: [{ status: 'open' }, { severity: 5 }] })).toEqual(['c3']);
        expect(await matching({ $and: [{ severity: { $gt: 1 } }, { severity: { $lt: 4 } }] })).toEqual(['c1', 'c2']);
      });

      it('reaches into nested objects and arrays of objects with dotted fields, and $elemMatch', async () => {
        expect(await matching({ 'complainant.kind': 'organisation' })).toEqual(['c2', 'c5']);
        expect(await matching({ 'compensations.currency': 'USD' })).toEqual(['c3', 'c4']);
        expect(await matching({ 'compensations.amountMinor': { $gte: 700 } })).toEqual(['c3', 'c4']);
        expect(await matching({ compensations: { $elemMatch: { currency: 'EUR', amountMinor: { $gt: 600 } } } })).toEqual(['c3']);
        expect(await matching({ complainant: { name: 'Cy Young', kind: 'person' } })).toEqual(['c3']);
      });

      it('matches arrays by element, by $in on elements, and as a whole', async () => {
        expect(await matching({ tags: 'parcel' })).toEqual(['c1', 'c4']);
        expect(await matching({ tags: { $in: ['late', 'damaged'] } })).toEqual(['c1', 'c2', 'c4']);
        expect(await matching({ tags: ['damaged', 'parcel'] })).toEqual(['c4']);
        expect(await matching({ tags: ['parcel', 'damaged'] })).toEqual([]);
        expect(await matching({ tags: [] })).toEqual(['c3']);
        expect(await matching({ tags: { $size: 2 } })).toEqual(['c1', 'c4']);
      });

      it('counts documents with and without a filter', async () => {
        expect(await journal.countDocuments()).toBe(5);
        expect(await journal.countDocuments({ category: 'delivery' })).toBe(2);
        expect(await journal.countDocuments({ severity: { $gt: 100 } })).toBe(0);
        expect(await emptyCollection('never-written').countDocuments()).toBe(0);
      });

      it('counts up to a limit, and no further', async () => {
        expect(await journal.countDocuments({}, { limit: 3 })).toBe(3);
        expect(await journal.countDocuments({}, { limit: 5 })).toBe(5);
        expect(await journal.countDocuments({}, { limit: 10 })).toBe(5);
        expect(await journal.countDocuments({ category: 'delivery' }, { limit: 1 })).toBe(1);
        expect(await journal.countDocuments({ tags: 'parcel' }, { limit: 1 })).toBe(1);
        expect(await journal.countDocuments({ searchText: { $regex: literalPattern('r-2025-000') } }, { limit: 4 })).toBe(4);
        expect(await journal.countDocuments({ searchText: { $regex: literalPattern('twice') } }, { limit: 4 })).toBe(1);
        expect(await emptyCollection('never-written').countDocuments({}, { limit: 1 })).toBe(0);
      });

      it('refuses a count limit that is not a positive integer', async () => {
        for (const limit of [0, -1, 1.5, Number.NaN]) await expect(journal.countDocuments({}, { limit })).rejects.toThrow(/limit/);
      });

      it('answers a collection that was never written as empty', async () => {
        const nothing = emptyCollection('never-written');
        expect(await nothing.find({})).toEqual([]);
        expect(await nothing.findOne({ _id: 'x' })).toBeNull();
      });
    });

    describe('sort, skip, limit and projection', () => {
      let journal: DocumentCollection;
      beforeAll(async () => {
        journal = await complaints();
      });

      it('sorts by several keys, ascending and descending', async () => {
        expect(ids(await journal.find({}, { sort: { receivedAt: -1 } }))).toEqual(['c5', 'c4', 'c3', 'c2', 'c1']);
        expect(ids(await journal.find({}, { sort: { category: 1, receivedAt: -1 } }))).toEqual(['c5', 'c3', 'c2', 'c1', 'c4']);
        expect(ids(await journal.find({}, { sort: { category: -1, severity: 1 } }))).toEqual(['c4', 'c1', 'c2', 'c3', 'c5']);
        expect(ids(await journal.find({ category: 'delivery' }, { sort: { severity: -1 } }))).toEqual(['c2', 'c1']);
      });

      it('sorts missing fields before every value ascending, and after them descending', async () => {
        const sparse = emptyCollection('sparse');
        await sparse.bulkWrite([aComplaint('a', { n: 2 }), aComplaint('b'), aComplaint('c', { n: 1 })].map((document) => ({ insertOne: { document } })));
        expect(ids(await sparse.find({}, { sort: { n: 1 } }))).toEqual(['b', 'c', 'a']);
        expect(ids(await sparse.find({}, { sort: { n: -1 } }))).toEqual(['a', 'c', 'b']);
      });

      it('pages with skip and limit after sorting; a limit of 0 means none', async () => {
        const page = (skip: number, limit: number) => journal.find({}, { sort: { receivedAt: 1 }, skip, limit });
        expect(ids(await page(0, 2))).toEqual(['c1', 'c2']);
        expect(ids(await page(2, 2))).toEqual(['c3', 'c4']);
        expect(ids(await page(4, 2))).toEqual(['c5']);
        expect(ids(await page(6, 2))).toEqual([]);
        expect(ids(await page(1, 0))).toEqual(['c2', 'c3', 'c4', 'c5']);
        expect(await journal.find({ category: 'billing' }, { limit: 1 })).toHaveLength(1);
      });

      it('returns the first document in sort order from findOne', async () => {
        expect((await journal.findOne({ category: 'delivery' }, { sort: { receivedAt: -1 } }))?._id).toBe('c2');
        expect((await journal.findOne({}, { sort: { severity: -1 }, skip: 1 }))?._id).toBe('c5');
        expect(await journal.findOne({ category: 'nothing' })).toBeNull();
      });

      it('projects included fields (with _id unless excluded), nested fields, and excluded fields', async () => {
        expect(await journal.find({ _id: 'c1' }, { projection: { category: 1, 'complainant.name': 1 } })).toEqual([
          { _id: 'c1', category: 'delivery', complainant: { name: 'Ada Lovelace' } },
        ]);
        expect(await journal.find({ _id: 'c2' }, { projection: { _id: 0, status: 1 } })).toEqual([{ status: 'closed' }]);
        expect(await journal.find({ _id: 'c5' }, { projection: { complainant: 0, compensations: 0, searchText: 0 } })).toEqual([
          { _id: 'c5', category: 'billing', severity: 4, status: 'withdrawn', receivedAt: '2025-03-01T07:15:00.000Z', answeredAt: null },
        ]);
        expect(ids(await journal.find({}, { projection: { _id: 1 }, sort: { severity: 1 }, limit: 2 }))).toEqual(['c3', 'c1']);
      });
    });

    describe('updates', () => {
      it('inserts a document and refuses a second one with the same _id', async () => {
        const name = collectionName('insert');
        const collection = store.collection(name);
        await collection.insertOne(aComplaint('a', { n: 1 }));
        await expectDuplicateKey(collection.insertOne(aComplaint('a', { n: 2 })), name, '_id_', { _id: 'a' });
        expect(await collection.find({})).toEqual([{ _id: 'a', n: 1 }]);
      });

      it('applies $set (creating nested fields), $unset, $inc, $push, $max and $min', async () => {
        const collection = emptyCollection('operators');
        await collection.insertOne(aComplaint('a', { n: 1, gone: true, history: ['registered'], first: '2025-02-01', last: '2025-02-01' }));
        const result = await collection.updateOne(
          { _id: 'a' },
          {
            $set: { status: 'answered', 'answer.channel': 'email' },
            $unset: { gone: '' },
            $inc: { n: 2, reopenedCount: 1 },
            $push: { history: 'answered', notes: { $each: ['x', 'y'] } },
            $max: { last: '2025-03-01', highest: 7 },
            $min: { first: '2025-01-01' },
          },
        );
        expect(result).toEqual({ insertedCount: 0, matchedCount: 1, modifiedCount: 1, upsertedCount: 0, deletedCount: 0 });
        expect(await collection.findOne({ _id: 'a' })).toEqual({
          _id: 'a', n: 3, reopenedCount: 1, status: 'answered', answer: { channel: 'email' }, history: ['registered', 'answered'],
          notes: ['x', 'y'], first: '2025-01-01', last: '2025-03-01', highest: 7,
        });
        await collection.updateOne({ _id: 'a' }, { $max: { last: '2024-12-31' }, $min: { first: '2025-06-01' } });
        expect(await collection.findOne({ _id: 'a' }, { projection: { _id: 0, first: 1, last: 1 } })).toEqual({ first: '2025-01-01', last: '2025-03-01' });
      });

      it('counts a match that changes nothing as not modified, and a miss as nothing at all', async () => {
        const collection = emptyCollection('counts');
        await collection.insertOne(aComplaint('a', { status: 'open', n: 5 }));
        expect(await collection.updateOne({ _id: 'a' }, { $set: { status: 'open' }, $max: { n: 1 } })).toMatchObject({ matchedCount: 1, modifiedCount: 0, upsertedCount: 0 });
        expect(await collection.updateOne({ _id: 'zzz' }, { $set: { status: 'open' } })).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 0 });
        expect(await collection.countDocuments()).toBe(1);
      });

      it('updates only the first match of updateOne', async () => {
        const collection = emptyCollection('first');
        await collection.bulkWrite([aComplaint('a', { k: 1 }), aComplaint('b', { k: 1 })].map((document) => ({ insertOne: { document } })));
        expect(await collection.updateOne({ k: 1 }, { $set: { touched: true } })).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
        expect(await collection.countDocuments({ touched: true })).toBe(1);
      });

      it('upserts by _id: creates that _id the first time, matches it afterwards', async () => {
        const collection = emptyCollection('upsert');
        const first = await collection.updateOne({ _id: 'c-1' }, { $set: { status: 'received' }, $inc: { events: 1 } }, { upsert: true });
        expect(first).toEqual({ insertedCount: 0, matchedCount: 0, modifiedCount: 0, upsertedCount: 1, deletedCount: 0 });
        const second = await collection.updateOne({ _id: 'c-1' }, { $set: { status: 'registered' }, $inc: { events: 1 } }, { upsert: true });
        expect(second).toEqual({ insertedCount: 0, matchedCount: 1, modifiedCount: 1, upsertedCount: 0, deletedCount: 0 });
        expect(await collection.find({})).toEqual([{ _id: 'c-1', status: 'registered', events: 2 }]);
      });

      it('upserts with an equality filter: the new document takes the filter\'s equality fields', async () => {
        const collection = emptyCollection('upsert-equality');
        await collection.updateOne(
          { _id: 'c-9', 'period.month': '2025-02', category: { $eq: 'billing' }, severity: { $gt: 1 } },
          { $set: { received: 1 } },
          { upsert: true },
        );
        expect(await collection.find({})).toEqual([{ _id: 'c-9', period: { month: '2025-02' }, category: 'billing', received: 1 }]);
        await collection.updateOne({ registerNumber: 'R-7' }, { $set: { status: 'open' } }, { upsert: true });
        const created = await collection.findOne({ registerNumber: 'R-7' }, { projection: { _id: 0 } });
        expect(created).toEqual({ registerNumber: 'R-7', status: 'open' });
      });

      it('refuses an update that would change _id, and changes nothing', async () => {
        const collection = emptyCollection('immutable-id');
        await collection.insertOne(aComplaint('a', { n: 1 }));
        await expect(collection.updateOne({ _id: 'a' }, { $set: { _id: 'b', n: 2 } })).rejects.toThrow();
        expect(await collection.find({})).toEqual([{ _id: 'a', n: 1 }]);
      });

      it('replaces a whole document, keeping its _id, and upserts a replacement', async () => {
        const collection = emptyCollection('replace');
        await collection.insertOne(aComplaint('a', { old: true, n: 1 }));
        expect(await collection.replaceOne({ _id: 'a' }, aComplaint('a', { n: 2 }))).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
        expect(await collection.find({})).toEqual([{ _id: 'a', n: 2 }]);
        expect(await collection.replaceOne({ _id: 'a' }, aComplaint('a', { n: 2 }))).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
        expect(await collection.replaceOne({ _id: 'b' }, aComplaint('b', { n: 3 }), { upsert: true })).toMatchObject({ matchedCount: 0, upsertedCount: 1 });
        expect(await collection.replaceOne({ _id: 'c' }, aComplaint('c', { n: 4 }))).toMatchObject({ matchedCount: 0, upsertedCount: 0 });
        expect(await collection.find({}, { sort: { _id: 1 } })).toEqual([aComplaint('a', { n: 2 }), aComplaint('b', { n: 3 })]);
      });

      it('deletes every match with deleteMany, and reports how many', async () => {
        const journal = await complaints();
        expect(await journal.deleteMany({ category: 'delivery' })).toEqual({ deletedCount: 2 });
        expect(await journal.deleteMany({ category: 'delivery' })).toEqual({ deletedCount: 0 });
        expect(sortedIds(await journal.find({}))).toEqual(['c3', 'c4', 'c5']);
      });

      it('keeps stored documents apart from the objects passed in and handed out', async () => {
        const collection = emptyCollection('copies');
        const document = aComplaint('a', { nested: { n: 1 }, list: [1] });
        await collection.insertOne(document);
        (document.nested as { n: number }).n = 99;
        const found = await collection.findOne({ _id: 'a' });
        (found!.list as number[]).push(2);
        (found!.nested as { n: number }).n = 42;
        const [listed] = await collection.find({});
        (listed.list as number[]).push(3);
        expect(await collection.findOne({ _id: 'a' })).toEqual({ _id: 'a', nested: { n: 1 }, list: [1] });
      });
    });

    describe('bulkWrite', () => {
      it('applies the operations in order and counts each kind', async () => {
        const collection = emptyCollection('bulk');
        await collection.insertOne(aComplaint('old', { n: 0 }));
        const result = await collection.bulkWrite([
          { insertOne: { document: aComplaint('a', { n: 1 }) } },
          { insertOne: { document: aComplaint('b', { n: 2 }) } },
          { updateOne: { filter: { _id: 'a' }, update: { $inc: { n: 10 } } } },
          { updateOne: { filter: { _id: 'c' }, update: { $set: { n: 3 } }, upsert: true } },
          { replaceOne: { filter: { _id: 'b' }, replacement: aComplaint('b', { n: 20 }) } },
          { deleteOne: { filter: { n: { $lte: 0 } } } },
          { deleteMany: { filter: { n: { $gte: 11 } } } },
        ]);
        expect(result).toEqual({ insertedCount: 2, matchedCount: 2, modifiedCount: 2, upsertedCount: 1, deletedCount: 3 });
        expect(await collection.find({}, { sort: { _id: 1 } })).toEqual([aComplaint('c', { n: 3 })]);
      });

      it('deletes one document of many with deleteOne', async () => {
        const collection = emptyCollection('delete-one');
        await collection.bulkWrite([aComplaint('a', { k: 1 }), aComplaint('b', { k: 1 }), aComplaint('c', { k: 2 })].map((document) => ({ insertOne: { document } })));
        expect(await collection.bulkWrite([{ deleteOne: { filter: { k: 1 } } }])).toMatchObject({ deletedCount: 1 });
        expect(await collection.countDocuments({ k: 1 })).toBe(1);
        expect(await collection.countDocuments({ k: 2 })).toBe(1);
      });

      it('stops at the first failing operation: those before it stay applied, it and those after do not', async () => {
        const name = collectionName('bulk-ordered');
        const collection = store.collection(name);
        await collection.insertOne(aComplaint('b', { n: 0 }));
        await expectDuplicateKey(
          collection.bulkWrite([
            { insertOne: { document: aComplaint('a', { n: 1 }) } },
            { updateOne: { filter: { _id: 'b' }, update: { $set: { n: 2 } } } },
            { insertOne: { document: aComplaint('b', { n: 3 }) } },
            { insertOne: { document: aComplaint('c', { n: 4 }) } },
          ]),
          name,
          '_id_',
          { _id: 'b' },
        );
        expect(await collection.find({}, { sort: { _id: 1 } })).toEqual([aComplaint('a', { n: 1 }), aComplaint('b', { n: 2 })]);
      });
    });

    describe('indexes', () => {
      it('names an index as MongoDB does, and creating it again is a no-op', async () => {
        const collection = emptyCollection('index-names');
        expect(await collection.createIndex({ keys: { category: 1, receivedAt: -1 } })).toBe('category_1_receivedAt_-1');
        expect(await collection.createIndex({ keys: { category: 1, receivedAt: -1 } })).toBe('category_1_receivedAt_-1');
        expect(await collection.createIndex({ keys: { nextDueAt: 1 }, name: 'overdue' })).toBe('overdue');
        expect(await collection.createIndex({ keys: { nextDueAt: 1 }, name: 'overdue' })).toBe('overdue');
      });

      it('refuses a second index of the same name with other keys', async () => {
        const collection = emptyCollection('index-conflict');
        await collection.createIndex({ keys: { a: 1 }, name: 'by_thing' });
        await expect(collection.createIndex({ keys: { b: 1 }, name: 'by_thing' })).rejects.toThrow();
      });

      it('drops the indexes not kept, never _id_, and answers and writes as before without them', async () => {
        const journal = await complaints();
        await journal.createIndex({ keys: { category: 1, receivedAt: -1 } });
        await journal.createIndex({ keys: { receivedAt: 1 }, name: 'oldest' });
        await journal.createIndex({ keys: { searchText: 'text' } });
        expect((await journal.dropIndexesExcept(['oldest', 'not-there'])).sort()).toEqual(['category_1_receivedAt_-1', 'searchText_text']);
        expect(await journal.dropIndexesExcept(['oldest'])).toEqual([]);
        expect(ids(await journal.find({ category: { $in: ['billing', 'quality'] } }, { sort: { receivedAt: 1 } }))).toEqual(['c3', 'c4', 'c5']);
        await journal.updateOne({ _id: 'c2' }, { $set: { searchText: 'r-2025-0002 bob builder parcel lost' } });
        expect(sortedIds(await journal.find({ searchText: { $regex: 'parcel' } }))).toEqual(['c1', 'c2']);
        // A dropped index can be made again, with the documents written since.
        expect(await journal.createIndex({ keys: { searchText: 'text' } })).toBe('searchText_text');
        expect(sortedIds(await journal.find({ searchText: { $regex: 'parcel' } }))).toEqual(['c1', 'c2']);
        expect((await journal.dropIndexesExcept([])).sort()).toEqual(['oldest', 'searchText_text']);
        expect(await emptyCollection('never-written').dropIndexesExcept([])).toEqual([]);
      });

      it('answers queries the same with indexes as without', async () => {
        const journal = await complaints();
        await journal.createIndex({ keys: { receivedAt: -1 } });
        await journal.createIndex({ keys: { category: 1, receivedAt: -1 } });
        await journal.createIndex({ keys: { 'compensations.currency': 1 } });
        const period = { receivedAt: { $gte: '2025-01-01T00:00:00.000Z', $lt: '2025-03-01T00:00:00.000Z' } };
        expect(ids(await journal.find({ ...period, category: 'delivery' }, { sort: { receivedAt: -1 }, limit: 1 }))).toEqual(['c2']);
        expect(await journal.countDocuments({ ...period, category: 'delivery' })).toBe(2);
        expect(ids(await journal.find({ category: { $in: ['billing', 'quality'] } }, { sort: { receivedAt: 1 } }))).toEqual(['c3', 'c4', 'c5']);
        expect(sortedIds(await journal.find({ 'compensations.currency': 'EUR' }))).toEqual(['c1', 'c3']);
        await journal.updateOne({ _id: 'c1' }, { $set: { category: 'quality' } });
        expect(ids(await journal.find({ category: 'quality' }, { sort: { receivedAt: 1 } }))).toEqual(['c1', 'c4']);
      });

      it('pages a text search in a sort\'s order as a plain sort would, however many documents hold the text and wherever they are', async () => {
        // 200 complaints, newest last: 'common' in nine of ten, spread evenly; 'early' in the oldest 120 only.
        const journal = emptyCollection('text-pages');
        await journal.createIndex({ keys: { receivedAt: 1 } });
        await journal.createIndex({ keys: { searchText: 'text' } });
        const day = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString();
        const documents = Array.from({ length: 200 }, (_, i) =>
          aComplaint(`k${String(i).padStart(3, '0')}`, { receivedAt: day(Math.floor(i / 2)), searchText: `${i % 10 === 0 ? 'rare' : 'common'} ${i < 120 ? 'early' : 'late'}` }),
        );
        await journal.bulkWrite(documents.map((document) => ({ insertOne: { document } })));
        const newestFirst = [...documents].sort((a, b) => (a.receivedAt === b.receivedAt ? (a._id < b._id ? -1 : 1) : a.receivedAt < b.receivedAt ? 1 : -1));
        for (const word of ['common', 'early', 'rare']) {
          const holding = newestFirst.filter((d) => (d.searchText as string).includes(word));
          for (const skip of [0, 10, 20, 110]) {
            const page = await journal.find({ searchText: { $regex: literalPattern(word) } }, { sort: { receivedAt: -1, _id: 1 }, skip, limit: 10 });
            expect({ word, skip, page: ids(page) }).toEqual({ word, skip, page: ids(holding.slice(skip, skip + 10)) });
          }
        }
      });

      describe('unique', () => {
        it('refuses a document whose key is taken, with the index and the key, and applies nothing of it', async () => {
          const name = collectionName('unique');
          const collection = store.collection(name);
          expect(await collection.createIndex({ keys: { registerNumber: 1 }, unique: true })).toBe('registerNumber_1');
          await collection.insertOne(aComplaint('a', { registerNumber: 'R-1' }));
          await collection.insertOne(aComplaint('b', { registerNumber: 'R-2' }));
          await expectDuplicateKey(collection.insertOne(aComplaint('c', { registerNumber: 'R-1' })), name, 'registerNumber_1', { registerNumber: 'R-1' });
          await expectDuplicateKey(
            collection.updateOne({ _id: 'b' }, { $set: { registerNumber: 'R-1', touched: true } }),
            name,
            'registerNumber_1',
            { registerNumber: 'R-1' },
          );
          await expectDuplicateKey(
            collection.updateOne({ _id: 'd' }, { $set: { registerNumber: 'R-2' } }, { upsert: true }),
            name,
            'registerNumber_1',
            { registerNumber: 'R-2' },
          );
          expect(await collection.find({}, { sort: { _id: 1 } })).toEqual([
            aComplaint('a', { registerNumber: 'R-1' }),
            aComplaint('b', { registerNumber: 'R-2' }),
          ]);
        });

        it('lets a document keep its own key, and frees a key when its document moves on', async () => {
          const collection = emptyCollection('unique-own');
          await collection.createIndex({ keys: { registerNumber: 1 }, unique: true });
          await collection.insertOne(aComplaint('a', { registerNumber: 'R-1', n: 1 }));
          await collection.updateOne({ _id: 'a' }, { $set: { registerNumber: 'R-1', n: 2 } });
          await collection.updateOne({ _id: 'a' }, { $set: { registerNumber: 'R-9' } });
          await collection.insertOne(aComplaint('b', { registerNumber: 'R-1' }));
          await collection.deleteMany({ _id: 'a' });
          await collection.insertOne(aComplaint('c', { registerNumber: 'R-9' }));
          expect(await collection.countDocuments()).toBe(2);
        });

        it('keys compound indexes on all their fields', async () => {
          const name = collectionName('unique-compound');
          const collection = store.collection(name);
          await collection.createIndex({ keys: { period: 1, category: 1 }, unique: true, name: 'period_category' });
          await collection.insertOne(aComplaint('a', { period: '2025-01', category: 'billing' }));
          await collection.insertOne(aComplaint('b', { period: '2025-01', category: 'delivery' }));
          await collection.insertOne(aComplaint('c', { period: '2025-02', category: 'billing' }));
          await expectDuplicateKey(collection.insertOne(aComplaint('d', { period: '2025-02', category: 'billing' })), name, 'period_category', {
            period: '2025-02',
            category: 'billing',
          });
        });

        it('counts a missing field as null: two documents without it collide', async () => {
          const name = collectionName('unique-missing');
          const collection = store.collection(name);
          await collection.createIndex({ keys: { registerNumber: 1 }, unique: true });
          await collection.insertOne(aComplaint('a'));
          await expectDuplicateKey(collection.insertOne(aComplaint('b', { registerNumber: null })), name, 'registerNumber_1', { registerNumber: null });
        });

        it('refuses to create a unique index over duplicates, and then does not enforce it', async () => {
          const name = collectionName('unique-late');
          const collection = store.collection(name);
          await collection.insertOne(aComplaint('a', { email: 'x@example.com' }));
          await collection.insertOne(aComplaint('b', { email: 'x@example.com' }));
          await expectDuplicateKey(collection.createIndex({ keys: { email: 1 }, unique: true }), name, 'email_1', { email: 'x@example.com' });
          await collection.insertOne(aComplaint('c', { email: 'x@example.com' }));
          expect(await collection.countDocuments({ email: 'x@example.com' })).toBe(3);
        });
      });
    });

    describe('collections', () => {
      it('renames a rebuilt collection over the live one in one step, indexes included (blue-green swap)', async () => {
        const live = collectionName('live');
        const rebuild = collectionName('rebuild');
        const reader = store.collection(live);
        await reader.insertOne(aComplaint('old-1', { registerNumber: 'R-1' }));
        await reader.createIndex({ keys: { legacy: 1 }, unique: true });
        await store.collection(rebuild).createIndex({ keys: { registerNumber: 1 }, unique: true });
        await store.collection(rebuild).bulkWrite([aComplaint('new-1', { registerNumber: 'R-1' }), aComplaint('new-2', { registerNumber: 'R-2' })].map((document) => ({ insertOne: { document } })));

        await store.renameCollection(rebuild, live);

        expect(sortedIds(await reader.find({}))).toEqual(['new-1', 'new-2']);
        expect(await store.collection(rebuild).countDocuments()).toBe(0);
        await expectDuplicateKey(reader.insertOne(aComplaint('new-3', { registerNumber: 'R-2' })), live, 'registerNumber_1', { registerNumber: 'R-2' });
        await reader.insertOne(aComplaint('new-4', { registerNumber: 'R-4' }));
        await reader.insertOne(aComplaint('new-5', { registerNumber: 'R-5' }));
      });

      it('renames to a name not yet taken', async () => {
        const from = collectionName('from');
        const to = collectionName('to');
        await store.collection(from).insertOne(aComplaint('a'));
        await store.renameCollection(from, to);
        expect(ids(await store.collection(to).find({}))).toEqual(['a']);
        expect(await store.collection(from).countDocuments()).toBe(0);
      });

      it('refuses to rename a collection that does not exist', async () => {
        await expect(store.renameCollection(collectionName('ghost'), collectionName('target'))).rejects.toThrow();
      });
    });

    describe('bulkWriteAll', () => {
      it('writes to several collections in one call, each in the order given', async () => {
        const journal = collectionName('all-journal');
        const checkpoints = collectionName('all-checkpoints');
        await store.bulkWriteAll([
          {
            collection: journal,
            operations: [
              { updateOne: { filter: { _id: 'c1' }, update: { $set: { status: 'received' } }, upsert: true } },
              { updateOne: { filter: { _id: 'c1' }, update: { $set: { status: 'registered' } }, upsert: true } },
              { insertOne: { document: aComplaint('c2', { status: 'received' }) } },
            ],
          },
          { collection: checkpoints, operations: [{ replaceOne: { filter: { _id: 'journal' }, replacement: aComplaint('journal', { position: '00000000000000000042' }), upsert: true } }] },
        ]);
        expect(await store.collection(journal).find({}, { sort: { _id: 1 } })).toEqual([
          aComplaint('c1', { status: 'registered' }),
          aComplaint('c2', { status: 'received' }),
        ]);
        expect(await store.collection(checkpoints).findOne({ _id: 'journal' })).toEqual(aComplaint('journal', { position: '00000000000000000042' }));
      });

      it('rejects with the DuplicateKeyError of the failing operation', async () => {
        const name = collectionName('all-failing');
        await store.collection(name).insertOne(aComplaint('a'));
        await expectDuplicateKey(store.bulkWriteAll([{ collection: name, operations: [{ insertOne: { document: aComplaint('a') } }] }]), name, '_id_', { _id: 'a' });
      });
    });

    it('answers ping while open', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
