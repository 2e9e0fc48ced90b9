import { MongoTestServer } from '../../../../test/support/mongo/mongo-test-server';
import { onRealServerWhenConfigured, onTestServer } from '../../../../test/support/real-server';
import { documentStoreContract } from '../document-store.contract';
import { Document, DocumentStoreUnavailableError } from '../document-store.port';
import { MongoClient } from 'mongodb';
import { MongoCollection } from './mongo-collection';
import { databaseOf, MongoDocumentStore } from './mongo-document-store';

documentStoreContract('MongoDocumentStore through the MongoDB wire-protocol test server', async () => {
  const server = await MongoTestServer.start();
  return onTestServer(await MongoDocumentStore.connect(server.uri('contract')), server);
});

onRealServerWhenConfigured(
  process.env.MONGODB_URI,
  { suite: 'MongoDocumentStore on a real MongoDB', howTo: 'runs the contract suite when MONGODB_URI is set (e.g. MONGODB_URI=mongodb://localhost:27017/contract npx jest mongo-document-store)' },
  (realMongo) =>
    documentStoreContract(`MongoDocumentStore on the real MongoDB at MONGODB_URI`, async () => {
      const store = await MongoDocumentStore.connect(realMongo, { defaultDatabase: 'complaint_ledger_contract' });
      return { store, dispose: () => store.close() };
    }),
);

describe('MongoDocumentStore', () => {
  let server: MongoTestServer;
  beforeEach(async () => {
    server = await MongoTestServer.start();
  });
  afterEach(() => server.close());

  it('uses the database the connection string names, else the default', () => {
    expect(databaseOf('mongodb://127.0.0.1:27017/complaints?directConnection=true')).toBe('complaints');
    expect(databaseOf('mongodb+srv://user:pw@cluster.example.net/ledger')).toBe('ledger');
    expect(databaseOf('mongodb://a:1,b:2/?replicaSet=rs')).toBeUndefined();
    expect(databaseOf('mongodb://localhost')).toBeUndefined();
  });

  it('replaces the target collection by a rename, keeping the renamed one\'s documents and indexes', async () => {
    const store = await MongoDocumentStore.connect(server.uri('rename'));
    try {
      await store.collection('journal').insertOne({ _id: 'old' });
      await store.collection('journal__rebuild').createIndex({ keys: { registerNumber: 1 }, unique: true });
      await store.collection('journal__rebuild').insertOne({ _id: 'new', registerNumber: 'R-1' });
      await store.renameCollection('journal__rebuild', 'journal');
      expect(await store.collection('journal__rebuild').countDocuments()).toBe(0);
      expect(await store.collection('journal').find({})).toEqual([{ _id: 'new', registerNumber: 'R-1' }]);
      await expect(store.collection('journal').insertOne({ _id: 'other', registerNumber: 'R-1' })).rejects.toMatchObject({ name: 'DuplicateKeyError', index: 'registerNumber_1' });
      await expect(store.renameCollection('missing', 'journal')).rejects.toThrow(/does not exist/);
    } finally {
      await store.close();
    }
  });

  it('takes an index that another instance dropped after its list as gone, not as a failure', async () => {
    const ours = await MongoClient.connect(server.uri('drops'));
    const theirs = await MongoClient.connect(server.uri('drops'));
    try {
      const journal = ours.db().collection<Document>('journal');
      await journal.insertOne({ _id: 'a', category: 'delivery' });
      await journal.createIndex({ category: 1 });
      // Our driver's collection, as it is, except that the other instance drops the index just after our list is read.
      const racing = new Proxy(journal, {
        get(target, key) {
          if (key === 'listIndexes')
            return () => ({
              toArray: async () => {
                const listed = await target.listIndexes().toArray();
                await theirs.db().collection('journal').dropIndex('category_1');
                return listed;
              },
            });
          const value = Reflect.get(target, key) as unknown;
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
      expect(await new MongoCollection(racing).dropIndexesExcept([])).toEqual([]);
      expect((await journal.listIndexes().toArray()).map((index) => index.name)).toEqual(['_id_']);
    } finally {
      await Promise.all([ours.close(), theirs.close()]);
    }
  });

  it('fails as unavailable when the server is gone, and when it drops the connection during a write', async () => {
    const store = await MongoDocumentStore.connect(server.uri('faults'), { serverSelectionTimeoutMS: 1500 });
    try {
      const dropped = server.dropConnection({ matches: (command) => 'update' in command, when: 'after-applying' });
      const write = store.bulkWriteAll([{ collection: 'journal', operations: [{ replaceOne: { filter: { _id: 'a' }, replacement: { _id: 'a', n: 1 }, upsert: true } }] }]);
      await expect(write).rejects.toBeInstanceOf(DocumentStoreUnavailableError);
      await dropped;
      // The write was applied before the connection dropped: writing it again is harmless (idempotent), and works.
      expect(await store.collection('journal').find({})).toEqual([{ _id: 'a', n: 1 }]);
      await server.close();
      await expect(store.ping()).rejects.toBeInstanceOf(DocumentStoreUnavailableError);
      await expect(store.collection('journal').find({})).rejects.toBeInstanceOf(DocumentStoreUnavailableError);
    } finally {
      await store.close();
    }
  });

  it('refuses to connect to nothing as unavailable', async () => {
    const port = server.port;
    await server.close();
    await expect(MongoDocumentStore.connect(`mongodb://127.0.0.1:${port}/x`, { serverSelectionTimeoutMS: 200 })).rejects.toBeInstanceOf(DocumentStoreUnavailableError);
  });
});
