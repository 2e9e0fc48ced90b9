import { MongoClient } from 'mongodb';
import { MongoTestServer } from '../../../../test/support/mongo/mongo-test-server';
import { onRealServerWhenConfigured } from '../../../../test/support/real-server';
import { keyStoreContract } from '../personal-data/key-store.contract';
import { KeyStoreUnavailableError } from '../personal-data/key-store.port';
import { KEYS_COLLECTION, MongoKeyStore } from './mongo-key-store';

keyStoreContract('MongoKeyStore through the MongoDB wire-protocol test server', async () => {
  const server = await MongoTestServer.start();
  return { open: () => MongoKeyStore.connect(server.uri('keys')), dispose: () => server.close() };
});

onRealServerWhenConfigured(
  process.env.MONGODB_URI,
  { suite: 'MongoKeyStore on a real MongoDB', howTo: 'runs the key store contract when MONGODB_URI is set (e.g. MONGODB_URI=mongodb://localhost:27017/contract npx jest mongo-key-store)' },
  (realMongo) =>
    keyStoreContract('MongoKeyStore on the real MongoDB at MONGODB_URI', async () => ({
      open: () => MongoKeyStore.connect(realMongo, { defaultDatabase: 'complaint_ledger_contract' }),
      dispose: async () => undefined,
    })),
);

describe('MongoKeyStore', () => {
  let server: MongoTestServer;
  let keys: MongoKeyStore;
  let mongo: MongoClient;
  beforeEach(async () => {
    server = await MongoTestServer.start();
    keys = await MongoKeyStore.connect(server.uri('complaints'));
    mongo = await new MongoClient(server.uri('complaints')).connect();
  });
  afterEach(async () => {
    await mongo.close(true);
    await keys.close();
    await server.close();
  });

  it(`keeps one document per subject in ${KEYS_COLLECTION}, and replaces its key by a tombstone on erasure`, async () => {
    const key = (await keys.keyFor('c-1', new Date('2026-11-25T10:00:00Z'))) as Buffer;
    const collection = mongo.db('complaints').collection(KEYS_COLLECTION);
    expect(await collection.find({}).toArray()).toEqual([{ _id: 'c-1', key: key.toString('base64'), createdAt: '2026-11-25T10:00:00.000Z' }]);
    await keys.destroy('c-1', new Date('2026-11-26T08:00:00Z'));
    expect(await collection.find({}).toArray()).toEqual([{ _id: 'c-1', createdAt: '2026-11-25T10:00:00.000Z', erasedAt: '2026-11-26T08:00:00.000Z' }]);
  });

  it('fails as unavailable rather than hand out a key it could not store, and when the server is gone', async () => {
    const dropped = server.dropConnection({ matches: (command) => 'insert' in command, when: 'before-applying' });
    await expect(keys.keyFor('c-1', new Date())).rejects.toBeInstanceOf(KeyStoreUnavailableError);
    await dropped;
    expect(await keys.existingKey('c-1')).toBeUndefined();
    await keys.close();
    keys = await MongoKeyStore.connect(server.uri('complaints'), { serverSelectionTimeoutMS: 1500 });
    await server.close();
    await expect(keys.existingKey('c-1')).rejects.toBeInstanceOf(KeyStoreUnavailableError);
    await expect(keys.destroy('c-1', new Date())).rejects.toBeInstanceOf(KeyStoreUnavailableError);
  });
});
