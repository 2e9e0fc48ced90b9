import { MongoClient, MongoServerError } from 'mongodb';
import { connect } from 'node:net';
import { MongoTestServer } from './mongo-test-server';

/** The test server through the official driver, for what the DocumentStore contract does not reach. */
describe('MongoTestServer', () => {
  let server: MongoTestServer;
  let client: MongoClient;
  beforeEach(async () => {
    server = await MongoTestServer.start();
    client = await MongoClient.connect(server.uri('wire'), { serverSelectionTimeoutMS: 1000 });
  });
  afterEach(async () => {
    await client.close();
    await server.close();
  });

  it('answers an unsupported command with a MongoDB error instead of hanging', async () => {
    const error = await client.db().command({ replSetGetStatus: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error).toMatchObject({ code: 59, codeName: 'CommandNotFound' });
    await expect(client.db().collection('c').updateMany({}, { $set: { a: 1 } })).rejects.toMatchObject({ code: 115 });
    await expect(client.db().command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
  });

  it('pages a find through a real cursor: getMore with 64-bit ids, and killCursors for one left early', async () => {
    const c = client.db().collection<{ _id: string; i: number }>('c');
    await c.insertMany(Array.from({ length: 25 }, (_, i) => ({ _id: `d${String(i).padStart(2, '0')}`, i })));
    const all = await c.find({}, { batchSize: 10, sort: { i: 1 } }).toArray();
    expect(all.map((d) => d.i)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(server.openCursors).toBe(0);
    const cursor = c.find({ i: { $gte: 5 } }, { batchSize: 3, sort: { i: -1 } });
    expect((await cursor.next())?.i).toBe(24);
    expect(server.openCursors).toBe(1);
    await cursor.close();
    expect(server.openCursors).toBe(0);
  });

  it('takes unacknowledged writes (moreToCome) without answering them', async () => {
    const c = client.db().collection('unacknowledged');
    await c.insertOne({ _id: 'a' } as never, { writeConcern: { w: 0 } });
    await expect(c.countDocuments()).resolves.toBe(1);
  });

  it('runs findAndModify, count and aggregate as MongoDB does', async () => {
    const c = client.db().collection<{ _id: string; n: number; tag?: string }>('c');
    await c.insertMany([{ _id: 'a', n: 1 }, { _id: 'b', n: 2 }]);
    expect(await c.findOneAndUpdate({ n: { $gte: 1 } }, { $inc: { n: 10 } }, { sort: { n: -1 }, returnDocument: 'after' })).toEqual({ _id: 'b', n: 12 });
    expect(await c.findOneAndUpdate({ _id: 'z' }, { $set: { n: 5 } }, { upsert: true, returnDocument: 'before' })).toBeNull();
    expect(await c.findOneAndDelete({ _id: 'a' })).toEqual({ _id: 'a', n: 1 });
    expect(await client.db().command({ count: 'c', query: { n: { $gt: 4 } } })).toMatchObject({ n: 2, ok: 1 });
    expect(await c.aggregate([{ $group: { _id: null, total: { $sum: '$n' } } }]).toArray()).toEqual([{ _id: null, total: 17 }]);
    expect(await c.aggregate([{ $match: { n: { $gt: 4 } } }, { $count: 'big' }]).toArray()).toEqual([{ big: 2 }]);
    expect(await c.aggregate([{ $match: { n: { $gt: 100 } } }, { $count: 'big' }]).toArray()).toEqual([]);
    expect(await c.countDocuments({ n: { $gt: 4 } })).toBe(2);
  });

  it('ends every connection when it closes, and refuses new ones', async () => {
    await client.db().command({ ping: 1 });
    expect(server.connections).toBeGreaterThan(0);
    await server.close();
    expect(server.connections).toBe(0);
    await expect(client.db().command({ ping: 1 })).rejects.toThrow();
  });

  it('closes a connection that does not speak the protocol, and keeps serving the others', async () => {
    const closed = await new Promise<boolean>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.write(Buffer.from([8, 0, 0, 0, 1, 2, 3, 4]))); // a length below a header's
      socket.on('close', () => resolve(true));
      socket.on('error', () => undefined);
      setTimeout(() => resolve(false), 2000).unref();
    });
    expect(closed).toBe(true);
    await expect(client.db().command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
  });

  it('lists the indexes created through it, and none of a collection that does not exist', async () => {
    const c = client.db().collection('indexed');
    await c.createIndex({ registerNumber: 1 }, { unique: true });
    await c.createIndex({ category: 1, receivedAt: -1 });
    expect((await c.indexes()).map(({ key, name, unique }) => ({ key, name, unique }))).toEqual([
      { key: { _id: 1 }, name: '_id_', unique: undefined },
      { key: { registerNumber: 1 }, name: 'registerNumber_1', unique: true },
      { key: { category: 1, receivedAt: -1 }, name: 'category_1_receivedAt_-1', unique: undefined },
    ]);
    await expect(client.db().collection('nothing').indexes()).rejects.toMatchObject({ code: 26 });
  });
});
