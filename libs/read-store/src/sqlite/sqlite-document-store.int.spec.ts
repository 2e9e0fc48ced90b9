import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedAfterEach } from '../../../../test/support/stores-per-test';
import { Query } from 'mingo';
import { documentStoreContract } from '../document-store.contract';
import { Document, DocumentStoreUnavailableError, DuplicateKeyError, Filter, FindOptions, literalPattern } from '../document-store.port';
import { INDEXED_FIELDS, randomDocument, randomFilter, randomFindOptions, randomWrite, seeded } from './random-queries';
import { compileFilter } from './filter-sql';
import { SqliteDocumentStore } from './sqlite-document-store';

const dir = mkdtempSync(join(tmpdir(), 'sqlite-document-store-'));
let files = 0;
const newPath = (): string => join(dir, `read-models-${++files}.sqlite`);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

documentStoreContract('SqliteDocumentStore', async () => {
  const store = new SqliteDocumentStore(newPath());
  return { store, dispose: () => store.close() };
});

/** JSON with the keys of every object sorted: equal for equal values, whatever their order of keys. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );

/** What mingo answers over the documents, in their natural order: MongoDB's semantics, the reference. */
const mingoFind = (docs: Document[], filter: Filter, options: FindOptions): unknown => {
  try {
    const cursor = new Query(filter, {}).find(docs, options.projection);
    if (options.sort && Object.keys(options.sort).length > 0) cursor.sort(options.sort);
    if (options.skip) cursor.skip(options.skip);
    if (options.limit) cursor.limit(Math.abs(options.limit));
    return { value: cursor.all() };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

describe('SqliteDocumentStore', () => {
  const open = closedAfterEach((path: string = newPath()) => new SqliteDocumentStore(path));

  it('belongs to one process at a time: a second opening of the same file is refused, and allowed after close', async () => {
    const path = newPath();
    const first = open(path);
    await first.collection('journal').insertOne({ _id: 'a' });
    expect(() => open(path)).toThrow(/open in another process/);
    await first.close();
    expect(await open(path).collection('journal').countDocuments()).toBe(1);
  });

  it('finds collections, documents, indexes and text indexes again after a reopen', async () => {
    const path = newPath();
    const before = open(path);
    const journal = before.collection('journal');
    await journal.createIndex({ keys: { registerNumber: 1 }, unique: true });
    await journal.createIndex({ keys: { searchText: 'text' } });
    await journal.bulkWrite([
      { insertOne: { document: { _id: 'a', registerNumber: 'R-1', searchText: 'late parcel', nested: { list: [1, 2] } } } },
      { insertOne: { document: { _id: 'b', registerNumber: 'R-2', searchText: 'broken screen' } } },
    ]);
    await before.collection('renamed-from').insertOne({ _id: 'z' });
    await before.renameCollection('renamed-from', 'renamed-to');
    await before.close();

    const after = open(path);
    expect(await after.listCollections()).toEqual(['journal', 'renamed-to']);
    expect(await after.collection('journal').find({ searchText: { $regex: literalPattern('parcel') } })).toEqual([
      { _id: 'a', registerNumber: 'R-1', searchText: 'late parcel', nested: { list: [1, 2] } },
    ]);
    await expect(after.collection('journal').insertOne({ _id: 'c', registerNumber: 'R-1' })).rejects.toBeInstanceOf(DuplicateKeyError);
    expect(await after.collection('journal').find({ 'nested.list': 2 }, { projection: { _id: 1 } })).toEqual([{ _id: 'a' }]);
  });

  it('drops a dropped index\'s SQLite index or FTS5 table, and its catalog entry stays gone after a reopen', async () => {
    const path = newPath();
    const before = open(path);
    const journal = before.collection('journal');
    await journal.createIndex({ keys: { status: 1, receivedAt: 1 } });
    await journal.createIndex({ keys: { status: 1 } });
    await journal.createIndex({ keys: { searchText: 'text' } });
    await journal.insertOne({ _id: 'a', status: 'closed', receivedAt: '2026-01-01', searchText: 'late parcel' });
    const schema = (store: SqliteDocumentStore) =>
      store.statement("SELECT count(*) FROM sqlite_master WHERE name GLOB 'c[0-9]*_x*' OR name GLOB 'c[0-9]*_text'").pluck().get() as number;
    expect(schema(before)).toBe(3);
    expect((await journal.dropIndexesExcept(['status_1_receivedAt_1'])).sort()).toEqual(['searchText_text', 'status_1']);
    expect(schema(before)).toBe(1);
    await before.close();

    const after = open(path);
    expect(schema(after)).toBe(1);
    expect(await after.collection('journal').dropIndexesExcept(['status_1_receivedAt_1'])).toEqual([]);
    await after.collection('journal').insertOne({ _id: 'b', status: 'closed', receivedAt: '2026-01-02', searchText: 'parcel lost' });
    expect(await after.collection('journal').countDocuments({ searchText: { $regex: literalPattern('parcel') }, status: 'closed' })).toBe(2);
  });

  it('empties and drops the table of a replaced collection in the background, a batch at a time', async () => {
    const store = open();
    const documents = Array.from({ length: 4500 }, (_, i) => ({ insertOne: { document: { _id: `d${i}`, n: i } } }));
    await store.collection('live').bulkWrite(documents);
    await store.collection('rebuild').insertOne({ _id: 'new' });
    await store.renameCollection('rebuild', 'live');
    expect(await store.collection('live').find({})).toEqual([{ _id: 'new' }]);
    const tables = () => store.statement("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name GLOB 'c[0-9]*'").pluck().get() as number;
    expect(tables()).toBe(2);
    while (tables() > 1) await new Promise(setImmediate);
    expect(await store.collection('live').countDocuments()).toBe(1);
  });

  it('refuses every call once closed', async () => {
    const store = open();
    await store.close();
    await expect(store.collection('c').find({})).rejects.toBeInstanceOf(DocumentStoreUnavailableError);
    await expect(store.ping()).rejects.toBeInstanceOf(DocumentStoreUnavailableError);
  });

  it('applies nothing of bulkWriteAll when an operation in a later collection fails', async () => {
    const store = open();
    await store.collection('b').insertOne({ _id: 'taken' });
    await expect(
      store.bulkWriteAll([
        { collection: 'a', operations: [{ insertOne: { document: { _id: 'x' } } }] },
        { collection: 'b', operations: [{ insertOne: { document: { _id: 'taken' } } }] },
      ]),
    ).rejects.toBeInstanceOf(DuplicateKeyError);
    expect(await store.listCollections()).toEqual(['b']);
    await store.collection('a').insertOne({ _id: 'x' });
    expect(await store.collection('a').countDocuments()).toBe(1);
  });

  it('never turns a field name into SQL: an odd path is evaluated in JavaScript, a path in an index is refused', async () => {
    const collection = open().collection('c');
    await collection.insertOne({ _id: 'a', "x') OR 1=1 --": 1 });
    await collection.insertOne({ _id: 'b' });
    expect(await collection.find({ "x') OR 1=1 --": 1 })).toEqual([{ _id: 'a', "x') OR 1=1 --": 1 }]);
    await expect(collection.createIndex({ keys: { "x') --": 1 } })).rejects.toThrow(/only dotted names/);
  });

  it("answers the journal's queries through its expression indexes and its trigram table, not by reading every row", async () => {
    const store = open();
    const journal = store.collection('journal');
    await journal.createIndex({ keys: { category: 1, receivedAt: 1 } });
    await journal.createIndex({ keys: { nextDueAt: 1 } });
    await journal.createIndex({ keys: { searchText: 'text' } });
    await journal.insertOne({ _id: 'a', category: 'quality', receivedAt: '2026-01-05T00:00:00.000Z', nextDueAt: null, searchText: 'отопление спря' });
    const info = store.info('journal')!;
    const plan = (filter: Filter, order = 'ORDER BY rid') => {
      const { where, params, exact } = compileFilter(filter, info);
      expect(exact).toBe(true);
      return (store.statement(`EXPLAIN QUERY PLAN SELECT rid, doc FROM ${info.table} WHERE ${where} ${order}`).all(...params) as Array<{ detail: string }>)
        .map((row) => row.detail)
        .join('; ');
    };
    const [byCategory, byDue] = info.indexes.map((index) => index.sqlName);
    expect(plan({ category: 'quality', receivedAt: { $gte: '2026-01-01', $lt: '2026-02-01' } })).toContain(`USING INDEX ${byCategory}`);
    expect(plan({ nextDueAt: { $lt: '2026-02-01' } }, 'ORDER BY json_extract(doc, \'$.nextDueAt\'), id')).toContain(`USING INDEX ${byDue}`);
    expect(plan({ searchText: { $regex: literalPattern('отопление') } })).toContain(`VIRTUAL TABLE INDEX`);
    expect(await journal.countDocuments({ searchText: { $regex: literalPattern('топлен') } })).toBe(1);
  });

  it('pages a text most rows hold in the order of the sort, as mingo does (walking the index, not sorting every match)', async () => {
    const collection = open().collection('journal');
    await collection.createIndex({ keys: { receivedAt: 1 } });
    await collection.createIndex({ keys: { searchText: 'text' } });
    const random = seeded(5);
    const documents = Array.from({ length: 1500 }, (_, i) => ({
      _id: `d${(i * 7919) % 1500}`,
      receivedAt: `2025-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-01`,
      searchText: random() < 0.6 ? 'the courier was late' : random() < 0.5 ? 'heating' : 'a broken courie',
    }));
    await collection.bulkWrite(documents.map((document) => ({ insertOne: { document } })));
    const all = await collection.find({});
    for (const word of ['courier', 'courie', 'heating', 'nothing']) {
      for (const options of [{ sort: { receivedAt: -1, _id: 1 }, limit: 50 }, { sort: { receivedAt: 1 }, skip: 40, limit: 20 }] as FindOptions[]) {
        const filter = { searchText: { $regex: literalPattern(word) } };
        expect({ word, options, ids: (await collection.find(filter, options)).map((d) => d._id) }).toEqual({
          word,
          options,
          ids: (mingoFind(all, filter, options) as { value: Document[] }).value.map((d) => d._id),
        });
        expect(await collection.countDocuments(filter)).toBe(new Query(filter, {}).find(all).all().length);
      }
    }
  });

  it('pages a common text with a status by walking the index of both in the order of the sort, as mingo does', async () => {
    const store = open();
    const collection = store.collection('journal');
    await collection.createIndex({ keys: { status: 1, receivedAt: 1 } });
    await collection.createIndex({ keys: { searchText: 'text' } });
    const random = seeded(7);
    const documents = Array.from({ length: 1500 }, (_, i) => ({
      _id: `d${(i * 7919) % 1500}`,
      receivedAt: `2025-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
      status: random() < 0.7 ? 'closed' : random() < 0.9 ? 'registered' : 'withdrawn',
      searchText: random() < 0.6 ? 'the courier was late' : 'heating',
    }));
    await collection.bulkWrite(documents.map((document) => ({ insertOne: { document } })));
    const all = await collection.find({});
    const statements = jest.spyOn(store, 'statement');
    for (const status of ['closed', 'registered', 'withdrawn', 'nobody'])
      for (const options of [{ sort: { receivedAt: -1, _id: 1 }, limit: 50 }, { sort: { receivedAt: 1 }, skip: 30, limit: 20 }] as FindOptions[]) {
        const filter = { searchText: { $regex: literalPattern('courier') }, status };
        statements.mockClear();
        const ids = (await collection.find(filter, options)).map((d) => d._id);
        expect({ status, options, ids }).toEqual({ status, options, ids: (mingoFind(all, filter, options) as { value: Document[] }).value.map((d) => d._id) });
        // The closed rows hold the word as often as any: their page comes from the walk, not from sorting all of them.
        if (status === 'closed') expect(statements.mock.calls.map(([sql]) => sql)).toContainEqual(expect.stringMatching(/^SELECT rid, CASE WHEN .* WHERE /));
      }
  });

  it("counts a common text with an indexed condition in that condition's index, and with an unindexed one from the text's set", async () => {
    const store = open();
    const collection = store.collection('journal');
    const random = seeded(11);
    const documents = Array.from({ length: 1500 }, (_, i) => ({
      _id: `d${i}`,
      status: random() < 0.7 ? 'closed' : 'registered',
      channel: random() < 0.5 ? 'email' : 'phone',
      searchText: random() < 0.6 ? 'the courier was late' : 'heating',
    }));
    await collection.bulkWrite(documents.map((document) => ({ insertOne: { document } })));
    await collection.createIndex({ keys: { status: 1 } });
    await collection.createIndex({ keys: { searchText: 'text' } });
    const info = store.info('journal')!;
    const counts = jest.spyOn(store, 'statement');
    const counted = (filter: Filter, limit?: number) => {
      counts.mockClear();
      const n = collection.countDocuments(filter, { limit });
      // The statement that counts (not the probe of the text's set, not the plan asked for).
      return { n, sql: counts.mock.calls.map(([sql]) => sql).filter((sql) => !sql.startsWith('EXPLAIN') && sql.includes(`FROM ${info.table} WHERE`)) };
    };
    const courier = { $regex: literalPattern('courier') };
    for (const limit of [undefined, 100]) {
      const byStatus = counted({ searchText: courier, status: 'closed' }, limit);
      const expected = documents.filter((d) => d.status === 'closed' && d.searchText.includes('courier')).length;
      expect(await byStatus.n).toBe(limit === undefined ? expected : Math.min(limit, expected));
      // Each closed row's rid looked up in the text's set, not each of the text's ~900 rows read from the table.
      expect(byStatus.sql).toEqual([expect.stringContaining('+rid IN')]);
      const byChannel = counted({ searchText: courier, channel: 'email' }, limit);
      const inChannel = documents.filter((d) => d.channel === 'email' && d.searchText.includes('courier')).length;
      expect(await byChannel.n).toBe(limit === undefined ? inChannel : Math.min(limit, inChannel));
      // No index on channel: the text's set leads, rather than a read of the whole table.
      expect(byChannel.sql).toEqual([expect.not.stringContaining('+rid IN')]);
    }
  });

  describe('against mingo over the same documents', () => {
    it.each([
      [1, 'before'],
      [2, 'before'],
      [3, 'after'],
      [4, 'after'],
    ] as const)('answers every query as mingo does, between random writes (seed %i, indexes %s the documents)', async (seed, indexes) => {
      const store = open();
      const c = store.collection('c');
      const createIndexes = async () => {
        for (const field of INDEXED_FIELDS) await c.createIndex({ keys: { [field]: 1 } });
        await c.createIndex({ keys: { rank: -1, day: 1 } });
        await c.createIndex({ keys: { code: 'text' } });
      };
      if (indexes === 'before') await createIndexes();
      const random = seeded(seed);
      const documents = Array.from({ length: 300 }, (_, i) => randomDocument(random, `d${(i * 7919) % 300}`));
      await c.bulkWrite(documents.map((document) => ({ insertOne: { document } })));
      if (indexes === 'after') await createIndexes();
      let inserted = 0;
      const nextId = () => `n${seed}-${inserted++}`;
      for (let round = 0; round < 10; round++) {
        // Every document in natural order, read back as a plain scan: what mingo evaluates.
        const all = await c.find({});
        for (let q = 0; q < 20; q++) {
          const filter = randomFilter(random);
          const options = randomFindOptions(random);
          const context = JSON.stringify({ seed, round, filter, options });
          const answer = await c.find(filter, options).then((value) => ({ value }), (error: Error) => ({ error: error.message }));
          const expected = mingoFind(all, filter, options);
          if (canonical(answer) !== canonical(expected)) {
            throw new Error(`SQL differs from mingo for ${context}\nsql:   ${canonical(answer).slice(0, 2000)}\nmingo: ${canonical(expected).slice(0, 2000)}`);
          }
          if ('value' in (expected as object)) {
            const counted = await c.countDocuments(filter);
            expect({ context, counted }).toEqual({ context, counted: new Query(filter, {}).find(all).all().length });
          }
        }
        const writes = Array.from({ length: round % 3 === 0 ? 80 : 1 + Math.floor(random() * 5) }, () => randomWrite(random, nextId));
        await c.bulkWrite(writes).catch(() => undefined);
      }
    });
  });
});
