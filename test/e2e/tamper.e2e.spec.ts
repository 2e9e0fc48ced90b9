import Database from 'better-sqlite3';
import { EVENTS_FILE } from '@app/event-store/sqlite';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { run } from '../../apps/ledger-cli/src/main';
import { aComplaintBody, anInvestigationBody, aRegistrationBody, clerk, officer } from '../support/requests';
import { startTestApp, TestApp } from '../support/test-app';

/** Runs the CLI in-process and collects what it prints. */
const cli = async (...args: string[]) => {
  const out = new PassThrough();
  const err = new PassThrough();
  let text = '';
  out.on('data', (chunk) => (text += chunk));
  const code = await run(args, out, err);
  return { code, text };
};

describe('an edited, removed or reordered event is detected by replaying the chain', () => {
  let t: TestApp;
  let id: string;
  let dbFile: string;

  beforeEach(async () => {
    t = await startTestApp();
    dbFile = join(t.dataDir, EVENTS_FILE);
    id = (await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body.complaintId;
    await t.http.post(`/complaints/${id}/registration`).set(officer).send(aRegistrationBody()).expect(200);
    await t.http.post(`/complaints/${id}/investigation`).set(officer).send(anInvestigationBody({ verdict: 'founded' })).expect(200);
  });
  afterEach(() => t.close());

  /** Changes the SQLite file behind the application's back, as someone with disk access could. */
  const tamper = (sql: string) => {
    const db = new Database(dbFile);
    const changed = db.prepare(sql).run(`complaint-${id}`).changes;
    db.close();
    expect(changed).toBe(1);
  };

  it('is intact when nobody touched it', async () => {
    expect((await t.http.get(`/complaints/${id}/verification`).expect(200)).body).toMatchObject({ valid: true, eventsChecked: 3 });
    expect(await cli('verify', '--data-dir', t.dataDir)).toMatchObject({ code: 0, text: expect.stringContaining('chain intact') });
    expect(await cli('verify', '--stream', id, '--data-dir', t.dataDir)).toMatchObject({ code: 0 });
  });

  it('an edited verdict fails verification at that revision, over HTTP and in the CLI', async () => {
    tamper(`UPDATE events SET data = json_set(data, '$.verdict', 'unfounded') WHERE stream_id = ? AND revision = 2`);
    const verification = await t.http.get(`/complaints/${id}/verification`).expect(200);
    expect(verification.body).toMatchObject({ valid: false, revision: '2', reason: 'hash-mismatch', eventsChecked: 2 });
    const all = await cli('verify', '--data-dir', t.dataDir);
    expect(all.code).toBe(1);
    expect(all.text).toContain(`complaint-${id}: chain BROKEN at revision 2 (hash-mismatch)`);
    expect((await cli('verify', '--stream', id, '--data-dir', t.dataDir)).code).toBe(1);
  });

  it('an edited actor in the metadata fails verification', async () => {
    tamper(`UPDATE events SET metadata = json_set(metadata, '$.actor.id', 'someone-else') WHERE stream_id = ? AND revision = 1`);
    expect((await t.http.get(`/complaints/${id}/verification`).expect(200)).body).toMatchObject({ valid: false, revision: '1', reason: 'hash-mismatch' });
  });

  it('a deleted event in the middle breaks the chain where it was', async () => {
    tamper(`DELETE FROM events WHERE stream_id = ? AND revision = 1`);
    expect((await t.http.get(`/complaints/${id}/verification`).expect(200)).body).toMatchObject({ valid: false, revision: '2', reason: 'missing-revision' });
  });

  it('a recomputed hash without the chain being rebuilt breaks the link to the next event', async () => {
    // Someone edits revision 1 and fixes up its own hash, but cannot fix what revision 2 recorded as prevHash.
    tamper(`UPDATE events SET metadata = json_set(metadata, '$.hash', '${'f'.repeat(64)}') WHERE stream_id = ? AND revision = 1`);
    const verdict = (await t.http.get(`/complaints/${id}/verification`).expect(200)).body;
    expect(verdict).toMatchObject({ valid: false, revision: '1', reason: 'hash-mismatch' });
  });
});
