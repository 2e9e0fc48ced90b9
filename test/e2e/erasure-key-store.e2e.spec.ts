/**
 * The production shape: events on EventStoreDB, keys in MongoDB (data_keys), both through the test servers.
 * ledger-cli must erase or replay with the keys where the API keeps them, or refuse (exit 3) and touch nothing:
 * never report an erasure it did not make, never show "no key here" as erased, never create a key store.
 */
import { ERASED } from '@app/domain';
import { KEY_MISSING } from '@app/security';
import { KEYS_FILE, SqliteKeyStore } from '@app/security/key-stores';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { run } from '../../apps/ledger-cli/src/main';
import { aComplaintBody, clerk } from '../support/requests';
import { headPosition, startTestApp, TestApp } from '../support/test-app';

const NAME = 'Zoya Quillfeather-Marchetti';

describe('ledger-cli erase and replay find the keys where the API keeps them, or refuse', () => {
  let t: TestApp;
  let id: string;
  let backup: string; // a directory with no key store in it, as a restored backup of the events would be
  const previous = process.env.E2E_EVENT_STORE;

  /** ledger-cli with the events on EventStoreDB, and MONGODB_URI only when given (the mistake under test is leaving it out). */
  const cli = async (env: { MONGODB_URI?: string }, ...args: string[]) => {
    const saved = { EVENTSTORE_CONNECTION_STRING: process.env.EVENTSTORE_CONNECTION_STRING, MONGODB_URI: process.env.MONGODB_URI };
    process.env.EVENTSTORE_CONNECTION_STRING = t.eventStoreConnectionString;
    if (env.MONGODB_URI) process.env.MONGODB_URI = env.MONGODB_URI;
    else delete process.env.MONGODB_URI;
    const [out, err] = [new PassThrough(), new PassThrough()];
    let [outText, errText] = ['', ''];
    out.on('data', (chunk) => (outText += chunk));
    err.on('data', (chunk) => (errText += chunk));
    try {
      return { code: await run(args, out, err), out: outText, err: errText };
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  };
  const withoutMongo = {};
  const withMongo = () => ({ MONGODB_URI: t.mongo?.uri('complaints') });
  const complainantSeenByTheApi = async () => (await t.http.get(`/complaints/${id}`).expect(200)).body.complaint.complainant.name;

  beforeAll(async () => {
    process.env.E2E_EVENT_STORE = 'esdb';
    t = await startTestApp({ documentStore: 'mongo' });
    id = (await t.http.post('/complaints').set(clerk).send(aComplaintBody({ complainant: { name: NAME, kind: 'person', email: 'zoya@example.org' } })).expect(201)).body.complaintId;
    backup = mkdtempSync(join(tmpdir(), 'complaint-ledger-backup-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(backup, { recursive: true, force: true });
    if (previous === undefined) delete process.env.E2E_EVENT_STORE;
    else process.env.E2E_EVENT_STORE = previous;
  });

  it('refuses to erase without MONGODB_URI (exit 3, a message that says where the keys are), records nothing and creates no keys.sqlite', async () => {
    const head = await headPosition(t.store);
    for (const dataDir of [backup, t.dataDir]) {
      const erased = await cli(withoutMongo, 'erase', id, '--data-dir', dataDir);
      expect(erased.code).toBe(3);
      expect(erased.out).not.toContain('destroyed');
      expect(erased.err).toContain('MONGODB_URI');
      expect(erased.err).toContain('Nothing was');
      expect(existsSync(join(dataDir, KEYS_FILE))).toBe(false);
    }
    expect(await headPosition(t.store)).toBe(head);
    expect(await complainantSeenByTheApi()).toBe(NAME);
  });

  it('refuses to erase or replay with a key store that never had the case’s key, and history says so once, never as erased', async () => {
    const other = new SqliteKeyStore(join(backup, KEYS_FILE)); // the keys of some other deployment
    await other.keyFor('another-complaint', new Date());
    await other.close();
    const head = await headPosition(t.store);

    const erased = await cli(withoutMongo, 'erase', id, '--data-dir', backup);
    expect(erased).toMatchObject({ code: 3, err: expect.stringContaining(`holds no key for complaint ${id}`) });
    const replayed = await cli(withoutMongo, 'replay', id, '--data-dir', backup);
    expect(replayed.code).toBe(3);
    expect(replayed.out + replayed.err).not.toContain(ERASED);

    const history = await cli(withoutMongo, 'history', id, '--data-dir', backup);
    expect(history.code).toBe(0);
    expect(history.out).toContain(KEY_MISSING);
    expect(history.out).not.toContain(ERASED);
    expect(history.err.match(/WARNING/g)).toHaveLength(1);
    expect(history.err).toContain('NOT erased');

    expect(await headPosition(t.store)).toBe(head);
    expect(await complainantSeenByTheApi()).toBe(NAME);
  });

  it('erases with the API’s key store (MONGODB_URI set); afterwards the wrong key store still does not call the data erased', async () => {
    const erased = await cli(withMongo(), 'erase', id, '--data-dir', t.dataDir);
    expect(erased).toMatchObject({ code: 0, out: expect.stringContaining('key is destroyed') });
    expect(erased.out).toContain('data_keys');
    expect(await complainantSeenByTheApi()).toBe(ERASED);
    expect(existsSync(join(t.dataDir, KEYS_FILE))).toBe(false);

    const replayed = await cli(withMongo(), 'replay', id, '--data-dir', t.dataDir);
    expect(replayed.code).toBe(0);
    expect(replayed.out).toContain(ERASED);
    expect(replayed.out).not.toContain(NAME);
    expect((await cli(withoutMongo, 'replay', id, '--data-dir', t.dataDir)).code).toBe(3);
    expect((await cli(withMongo(), 'erase', id, '--data-dir', t.dataDir)).out).toContain('already erased');
  });
});
