/**
 * The read models on MongoDB as an operator sets it up (MONGODB_URI), through the MongoDB adapter and
 * the wire-protocol test server: where they live, and what a dropped connection in the middle of a
 * projection batch leaves behind (exactly what a run without the fault leaves).
 */
import { ALL_PROJECTIONS, CHECKPOINTS, DEADLINES, REGISTER_JOURNAL, STATISTICS } from '@app/projections';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Document, MongoClient } from 'mongodb';
import { READ_MODELS_FILE } from '@app/read-store/sqlite';
import { KEYS_COLLECTION } from '@app/security/key-stores';
import { ConfigError, loadConfig } from '@app/platform';
import { run as runCli } from '../../apps/ledger-cli/src/main';
import { eventually } from '../support/eventually';
import { DAY, FakeClock } from '../support/fake-clock';
import { aComplaintBody, anAnswerBody, anInvestigationBody, aRegistrationBody, clerk, manager, officer } from '../support/requests';
import { startTestApp, TestApp } from '../support/test-app';

const admin = { 'X-Actor-Id': 'admin-1', 'X-Actor-Role': 'administrator' };
const READ_MODELS = [REGISTER_JOURNAL, DEADLINES, STATISTICS];

describe('MONGODB_URI', () => {
  it('takes mongodb:// and mongodb+srv:// connection strings, and refuses anything else at start', () => {
    expect(loadConfig({ MONGODB_URI: 'mongodb://db-1:27017,db-2:27017/complaints?replicaSet=rs0' }).mongodbUri).toBe('mongodb://db-1:27017,db-2:27017/complaints?replicaSet=rs0');
    expect(loadConfig({ MONGODB_URI: 'mongodb+srv://ledger:secret@cluster0.example.net/complaints' }).mongodbUri).toMatch(/^mongodb\+srv:/);
    expect(loadConfig({ MONGODB_URI: '' }).mongodbUri).toBeUndefined();
    for (const wrong of ['http://db:27017', 'localhost:27017', 'mongodb://', 'mongodb:///complaints']) {
      const refused = (() => {
        try {
          loadConfig({ MONGODB_URI: wrong });
        } catch (error) {
          return error;
        }
      })();
      expect(refused).toBeInstanceOf(ConfigError);
      expect((refused as ConfigError).problems).toEqual([expect.stringMatching(/^MONGODB_URI must be a MongoDB connection string/)]);
    }
  });
});

describe('read models on MongoDB', () => {
  let t: TestApp;
  let mongo: MongoClient;
  const clock = new FakeClock('2026-11-16T09:00:00.000Z');
  let lastPosition = '0';

  const post = async (path: string, actor: Record<string, string>, body: object) => {
    const response = await t.http.post(path).set(actor).send(body);
    expect({ path, status: response.status }).toEqual({ path, status: path === '/complaints' ? 201 : 200 });
    lastPosition = response.body.position;
    return response.body;
  };
  /** Some complaints through their whole life, some left half-way. */
  const handleComplaints = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const { complaintId } = await post('/complaints', clerk, aComplaintBody({ description: `Complaint number ${i} about the heating.` }));
      if (i % 3 === 0) continue;
      await post(`/complaints/${complaintId}/registration`, officer, aRegistrationBody({ severity: i % 2 ? 'high' : 'low' }));
      if (i % 3 === 1) continue;
      await post(`/complaints/${complaintId}/investigation`, officer, anInvestigationBody());
      await post(`/complaints/${complaintId}/answer`, manager, anAnswerBody());
      clock.advance(DAY / 4);
    }
  };
  /** Every document of every read model, by collection, in _id order. */
  const snapshot = async (): Promise<Record<string, Document[]>> => {
    const db = mongo.db('complaints');
    const entries = await Promise.all(READ_MODELS.map(async (name) => [name, await db.collection(name).find({}, { sort: { _id: 1 } }).toArray()] as const));
    return Object.fromEntries(entries);
  };
  // A query with minPosition waits for the read models itself, and answers 503 when they are not there yet.
  const caughtUp = () =>
    eventually(async () => (await t.http.get('/complaints').query({ minPosition: lastPosition })).status === 200, 20_000, 'the read models to catch up');
  const rebuildAll = async () => {
    await t.http.post('/projections/all/rebuild').set(admin).expect(202);
    for (const name of READ_MODELS)
      await eventually(
        async () => {
          const { body } = await t.http.get(`/projections/${name}/rebuild`).expect(200);
          if (body.state === 'failed') throw new Error(`The rebuild of ${name} failed: ${JSON.stringify(body)}`);
          return body.state === 'done';
        },
        10_000,
        `the rebuild of ${name} to finish`,
      );
  };

  beforeEach(async () => {
    t = await startTestApp({ clock, documentStore: 'mongo' });
    mongo = await MongoClient.connect(t.mongo!.uri('complaints'));
  });
  afterEach(async () => {
    await mongo.close();
    await t.close();
  });

  it('keeps them in the database MONGODB_URI names, with their checkpoints, and none in the data directory', async () => {
    await handleComplaints(3);
    await caughtUp();
    const collections = (await mongo.db('complaints').listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
    expect(collections).toEqual([...READ_MODELS, CHECKPOINTS, KEYS_COLLECTION].sort()); // the data keys share the database (ADR 0014)
    expect(await mongo.db('complaints').collection(REGISTER_JOURNAL).countDocuments()).toBe(3);
    expect(existsSync(join(t.dataDir, READ_MODELS_FILE))).toBe(false);
    expect((await t.http.get('/health').expect(200)).body).toMatchObject({ status: 'ok', readModels: 'up' });
  });

  it('creates at start the indexes each read model defines, and keeps them through a rebuild', async () => {
    const sorted = (indexes: Array<{ key: unknown; unique: boolean }>) => indexes.map((i) => JSON.stringify(i)).sort();
    const expected = Object.fromEntries(
      ALL_PROJECTIONS.map((p) => [p.name, sorted([{ key: { _id: 1 }, unique: false }, ...p.indexes.map((i) => ({ key: i.keys, unique: i.unique === true }))])]),
    );
    const indexes = async () => {
      const db = mongo.db('complaints');
      const entries = await Promise.all(
        ALL_PROJECTIONS.map(async (p) => [p.name, sorted((await db.collection(p.name).indexes()).map((i) => ({ key: i.key, unique: i.unique === true })))] as const),
      );
      return Object.fromEntries(entries);
    };
    expect(await indexes()).toEqual(expected);
    await handleComplaints(2);
    await caughtUp();
    await rebuildAll();
    expect(await indexes()).toEqual(expected);
  });

  it('ends, after connections dropped in the middle of projection batches, exactly as a rebuild without faults', async () => {
    // Documents written but the checkpoint not (the connection drops after the documents' write), and a
    // write lost before it was applied: the runner must try again from its checkpoint, and its writes are idempotent.
    const faults = [
      t.mongo!.dropConnection({ matches: (command) => command.update === REGISTER_JOURNAL, when: 'after-applying' }),
      t.mongo!.dropConnection({ matches: (command) => command.update === STATISTICS, when: 'before-applying' }),
      t.mongo!.dropConnection({ matches: (command) => command.update === CHECKPOINTS, when: 'before-applying' }),
    ];
    await handleComplaints(9);
    await Promise.all(faults);
    await caughtUp();
    const afterFaults = await snapshot();
    expect(afterFaults[REGISTER_JOURNAL]).toHaveLength(9);
    expect(afterFaults[STATISTICS].length).toBeGreaterThan(0);

    await rebuildAll();
    expect(await snapshot()).toEqual(afterFaults);
    const projections = await t.http.get('/projections').expect(200);
    expect(JSON.stringify(projections.body)).not.toContain('"failed"');
  }, 60_000);

  it('is rebuilt by the CLI in its own process when no API runs, into the same documents', async () => {
    await handleComplaints(4);
    await caughtUp();
    const before = await snapshot();
    await t.app.close();
    const env = { MONGODB_URI: process.env.MONGODB_URI, PORT: process.env.PORT };
    Object.assign(process.env, { MONGODB_URI: t.mongo!.uri('complaints'), PORT: '1' }); // nothing answers on port 1
    const progress: string[] = [];
    const sink = { write: (text: string) => progress.push(text) } as unknown as NodeJS.WritableStream;
    try {
      expect(await runCli(['rebuild', 'all', '--data-dir', t.dataDir], sink, sink)).toBe(0);
    } finally {
      for (const [name, value] of Object.entries(env)) if (value === undefined) delete process.env[name]; else process.env[name] = value;
    }
    expect(progress.join('')).toMatch(/all .*100%.*done/);
    expect(await snapshot()).toEqual(before);
    const collections = (await mongo.db('complaints').listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
    expect(collections).toEqual([...READ_MODELS, CHECKPOINTS, KEYS_COLLECTION].sort()); // the data keys share the database (ADR 0014)
  });
});
