/**
 * Reads of personal data leave a trail an auditor can read: GET /access-log and the CLI's access-log.
 */
import { ACCESS_TRAIL_STREAM_PREFIX } from '@app/event-store';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { run } from '../../apps/ledger-cli/src/main';
import { AccessLog } from '@app/platform';
import { delegatingStore } from '../support/delegating-store';
import { aComplaintBody, aRegistrationBody, clerk, officer } from '../support/requests';
import { startTestApp, TestApp } from '../support/test-app';

const auditor = { 'X-Actor-Id': 'auditor-ilieva', 'X-Actor-Role': 'auditor' };
const analyst = { 'X-Actor-Id': 'analyst-nikolov', 'X-Actor-Role': 'analyst' };
const admin = { 'X-Actor-Id': 'admin-1', 'X-Actor-Role': 'administrator' };

describe('the access trail', () => {
  let t: TestApp;
  let complaintId: string;
  const today = () => new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await startTestApp();
    complaintId = (await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body.complaintId;
    const registered = await t.http.post(`/complaints/${complaintId}/registration`).set(officer).send(aRegistrationBody()).expect(200);
    // The officer reads the case every way there is; the analyst exports.
    await t.http.get(`/complaints/${complaintId}`).set(officer).expect(200);
    await t.http.get(`/complaints/${complaintId}/history`).set(officer).expect(200);
    await t.http.get(`/complaints/${complaintId}/verification`).set(officer).expect(200);
    await t.http.get('/complaints').query({ q: 'Ivanova', status: 'registered', minPosition: registered.body.position }).set(officer).expect(200);
    await t.http.get('/reports/journal').query({ format: 'json' }).set(analyst).expect(200);
  });
  afterAll(() => t.close());

  it("lists one person's reads of a case and of the journal, oldest first, with who and when", async () => {
    const trail = (await t.http.get('/access-log').query({ from: today(), to: today(), actor: 'officer-petrov' }).set(auditor).expect(200)).body;
    expect(trail.entries.map((e: { type: string; data: unknown; actor: unknown }) => ({ type: e.type, data: e.data, actor: e.actor }))).toEqual([
      { type: 'CaseRead', data: { complaintId }, actor: { id: 'officer-petrov', role: 'quality-officer' } },
      { type: 'CaseHistoryRead', data: { complaintId }, actor: { id: 'officer-petrov', role: 'quality-officer' } },
      { type: 'CaseVerified', data: { complaintId }, actor: { id: 'officer-petrov', role: 'quality-officer' } },
      {
        type: 'JournalSearched',
        data: { criteria: { status: 'registered' }, textSearch: true, complaintIds: [complaintId], total: 1 },
        actor: { id: 'officer-petrov', role: 'quality-officer' },
      },
    ]);
    expect(trail.truncated).toBe(false);
    for (const entry of trail.entries) expect(Date.parse(entry.recordedAt)).not.toBeNaN();
  });

  it('without an actor, lists everyone (the export too); an administrator may read it; the searched text is not kept', async () => {
    const trail = (await t.http.get('/access-log').set(admin).expect(200)).body;
    expect(trail.entries.map((e: { type: string }) => e.type)).toEqual(['CaseRead', 'CaseHistoryRead', 'CaseVerified', 'JournalSearched', 'JournalExported']);
    expect(trail.entries[4]).toMatchObject({ actor: { id: 'analyst-nikolov' }, data: { format: 'json', rows: 1 } });
    const stored = await t.store.readAll({ filter: { streamPrefixes: [ACCESS_TRAIL_STREAM_PREFIX] } });
    expect(stored).toHaveLength(5);
    expect(JSON.stringify(stored.map((e) => [e.data, e.metadata]))).not.toContain('Ivanova');
  });

  it.each([officer, analyst, clerk])('is refused to %j (403)', async (who) => {
    expect((await t.http.get('/access-log').set(who).expect(403)).body.code).toBe('forbidden');
  });

  it.each([
    [{ from: '2026-12-02', to: '2026-12-01' }, 'must not be earlier than from', 'notBeforeFrom'],
    [{ from: '2024-01-01', to: '2026-12-01' }, 'must be at most 367 days after from', undefined],
    [{ from: '07.12.2026' }, expect.stringMatching(/ISO 8601/), 'isIso8601'],
  ])('answers 400 problem+json for %j', async (query, reason, code) => {
    const response = await t.http.get('/access-log').query(query).set(auditor).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors).toEqual([{ field: Object.keys(query).length === 1 ? 'from' : 'to', code, reason }]);
  });

  it('batches: reads that arrive while an append is on its way share the next one, and each is recorded before its answer', async () => {
    // Appends take a few milliseconds, as on a networked store (EventStoreDB).
    const slow = await startTestApp({
      wrapStore: (inner) =>
        delegatingStore(inner, {
          appendToStream: async (...args) => {
            if (args[0].startsWith(ACCESS_TRAIL_STREAM_PREFIX)) await sleep(50);
            return inner.appendToStream(...args);
          },
        }),
    });
    try {
      const id = (await slow.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body.complaintId;
      const accessLog = slow.app.get(AccessLog);
      await Promise.all(Array.from({ length: 40 }, () => slow.http.get(`/complaints/${id}`).set(auditor).expect(200)));
      expect(accessLog.stats.recorded).toBe(40);
      expect(accessLog.stats.appends).toBeLessThan(20);
      const mine = (await slow.http.get('/access-log').query({ actor: 'auditor-ilieva' }).set(auditor).expect(200)).body.entries;
      expect(mine.filter((e: { type: string }) => e.type === 'CaseRead')).toHaveLength(40);
    } finally {
      await slow.close();
    }
  });

  it('the CLI prints the same trail (access-log --actor), and refuses a date that is not ISO 8601', async () => {
    const cli = async (...args: string[]) => {
      const [out, err] = [new PassThrough(), new PassThrough()];
      const code = await run([...args, '--data-dir', t.dataDir], out, err);
      return { code, out: String(out.read() ?? ''), err: String(err.read() ?? '') };
    };
    const printed = await cli('access-log', '--from', today(), '--to', today(), '--actor', 'officer-petrov', '--json');
    expect(printed.code).toBe(0);
    const lines = printed.out.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l: { type: string }) => l.type)).toEqual(['CaseRead', 'CaseHistoryRead', 'CaseVerified', 'JournalSearched']);
    const refused = await cli('access-log', '--from', '07.12.2026');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/ISO 8601.*2026-12-01/);
    expect((await cli('access-log', '--from', '2026-12-02', '--to', '2026-12-01')).code).toBe(2);
    // Each batch continues the day stream's hash chain, one event per read.
    const verified = await cli('verify', '--stream', `access-log-${today()}`);
    expect({ code: verified.code, err: verified.err }).toEqual({ code: 0, err: expect.any(String) });
  });
});
