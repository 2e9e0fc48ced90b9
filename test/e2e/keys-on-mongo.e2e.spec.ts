/**
 * The data keys in production (MONGODB_URI): in MongoDB's data_keys collection, through the MongoDB key
 * store and the wire-protocol test server, where the API and ledger-cli erase (two processes) both find them.
 */
import { ERASED } from '@app/domain';
import { KEYS_COLLECTION, KEYS_FILE } from '@app/security/key-stores';
import { MongoClient } from 'mongodb';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { run } from '../../apps/ledger-cli/src/main';
import { aComplaintBody, clerk } from '../support/requests';
import { headPosition, startTestApp, TestApp } from '../support/test-app';

describe('data keys on MongoDB', () => {
  let t: TestApp;
  let mongo: MongoClient;

  /** ledger-cli as an operator runs it next to the API: the same DATA_DIR and MONGODB_URI. */
  const cli = async (...args: string[]) => {
    const [out, err] = [new PassThrough(), new PassThrough()];
    const saved = process.env.MONGODB_URI;
    process.env.MONGODB_URI = t.mongo?.uri('complaints');
    try {
      const code = await run([...args, '--data-dir', t.dataDir], out, err);
      return { code, out: out.read()?.toString() ?? '', err: err.read()?.toString() ?? '' };
    } finally {
      if (saved === undefined) delete process.env.MONGODB_URI;
      else process.env.MONGODB_URI = saved;
    }
  };

  beforeAll(async () => {
    t = await startTestApp({ documentStore: 'mongo' });
    mongo = await new MongoClient(t.mongo?.uri('complaints') as string).connect();
  });
  afterAll(async () => {
    await mongo.close();
    await t.close();
  });

  it('keeps each complaint’s key in data_keys (none under DATA_DIR), and ledger-cli erase destroys it there while the API runs', async () => {
    const complainant = { name: 'Zoya Quillfeather-Marchetti', kind: 'person', email: 'zoya@example.org' };
    const id = (await t.http.post('/complaints').set(clerk).send(aComplaintBody({ complainant })).expect(201)).body.complaintId;
    const keys = mongo.db('complaints').collection(KEYS_COLLECTION);
    expect(await keys.find({}).toArray()).toEqual([{ _id: id, key: expect.any(String), createdAt: expect.any(String) }]);
    expect(existsSync(join(t.dataDir, KEYS_FILE))).toBe(false);
    expect((await t.http.get(`/complaints/${id}`).expect(200)).body.complaint.complainant).toMatchObject({ name: complainant.name });

    const erased = await cli('erase', id, '--actor', 'admin-dpo');
    expect(erased).toMatchObject({ code: 0, out: expect.stringContaining('key is destroyed') });
    expect(erased.out).toContain('read models on MongoDB');
    expect(await keys.find({}).toArray()).toEqual([{ _id: id, createdAt: expect.any(String), erasedAt: expect.any(String) }]);
    expect(existsSync(join(t.dataDir, KEYS_FILE))).toBe(false);

    expect((await t.http.get(`/complaints/${id}`).expect(200)).body.complaint.complainant).toMatchObject({ name: ERASED, email: ERASED, kind: 'person' });
    const journal = (await t.http.get(`/complaints?minPosition=${await headPosition(t.store)}`).expect(200)).body.items;
    expect(journal).toEqual([expect.objectContaining({ complaintId: id, complainantName: ERASED, complainantEmail: ERASED })]);
  });

  it('appends nothing and answers 503 when a new key cannot be stored (the connection drops on its insert)', async () => {
    const before = await headPosition(t.store);
    const dropped = t.mongo?.dropConnection({ matches: (command) => command.insert === KEYS_COLLECTION, when: 'before-applying' });
    const response = await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(503);
    await dropped;
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'key-store-unavailable' });
    expect(await headPosition(t.store)).toBe(before);
    await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201); // and works again once it can
  });
});
