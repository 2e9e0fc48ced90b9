import { eventually } from '../support/eventually';
import { DAY, FakeClock, MINUTE } from '../support/fake-clock';
import { aComplaintBody, anAnswerBody, anInvestigationBody, aRegistrationBody, clerk, manager, officer } from '../support/requests';
import { startTestApp, TestApp } from '../support/test-app';

const admin = { 'X-Actor-Id': 'admin-1', 'X-Actor-Role': 'administrator' };

describe('the register journal, deadlines and reports, over HTTP', () => {
  let t: TestApp;
  const clock = new FakeClock('2026-11-16T09:00:00.000Z'); // a Monday
  const ids: Record<string, string> = {};
  let lastPosition = '0';

  const post = async (path: string, actor: Record<string, string>, body: object) => {
    const response = await t.http.post(path).set(actor).send(body);
    expect({ path, status: response.status, body: response.body }).toMatchObject({ status: path === '/complaints' ? 201 : 200 });
    lastPosition = response.body.position;
    return response.body;
  };

  beforeAll(async () => {
    // A text search counts up to SEARCH_TOTAL_LIMIT: 2 here, so that three complaints pass it.
    t = await startTestApp({ clock, env: { SEARCH_TOTAL_LIMIT: '2' } });
    // heating: received, registered, investigated, answered on time
    ids.heating = (await post('/complaints', clerk, aComplaintBody({ description: 'The machine stopped HEATING after two weeks.' }))).complaintId;
    await post(`/complaints/${ids.heating}/registration`, officer, aRegistrationBody());
    await post(`/complaints/${ids.heating}/investigation`, officer, anInvestigationBody({ verdict: 'partly-founded' }));
    await post(`/complaints/${ids.heating}/answer`, manager, anAnswerBody());
    // rude: registered, staff conduct, another officer, still open
    clock.advance(DAY);
    ids.rude = (await post('/complaints', clerk, aComplaintBody({ channel: 'phone', description: 'The cashier was rude to me.', subject: { productOrService: 'Store 12 checkout' } }))).complaintId;
    await post(`/complaints/${ids.rude}/contacts`, clerk, { kind: 'acknowledgement', channel: 'phone', summary: 'Receipt confirmed on the phone.' });
    await post(`/complaints/${ids.rude}/registration`, officer, aRegistrationBody({ category: 'staff-conduct', responsibleOfficer: 'officer-dimitrova' }));
    // late: received, never registered
    clock.advance(DAY);
    ids.late = (await post('/complaints', clerk, aComplaintBody({ description: 'Parcel promised in 24 hours came after 5 days.', subject: { productOrService: 'Delivery' } }))).complaintId;
    clock.advance(3 * DAY + 30 * MINUTE);
  });
  afterAll(() => t.close());

  it("finds the command's effect once the read models reach its position (minPosition)", async () => {
    const page = await t.http.get('/complaints').query({ minPosition: lastPosition }).expect(200);
    expect(page.body.total).toBe(3);
    expect(BigInt(page.body.position)).toBeGreaterThanOrEqual(BigInt(lastPosition));
    expect(page.body.items.map((row: { complaintId: string }) => row.complaintId)).toEqual([ids.late, ids.rude, ids.heating]);
  });

  it('answers 503 with Retry-After when the read models cannot reach the position in time', async () => {
    const response = await t.http.get('/complaints').query({ minPosition: '999999999' }).expect(503);
    expect(response.headers['retry-after']).toBeDefined();
    expect(response.body.code).toBe('read-model-behind');
  }, 15_000);

  it.each([
    [{ registerNumber: '2026-000001' }, ['heating']],
    [{ category: 'staff-conduct' }, ['rude']],
    [{ status: 'received' }, ['late']],
    [{ officer: 'officer-dimitrova' }, ['rude']],
    [{ verdict: 'partly-founded' }, ['heating']],
    [{ q: 'heating' }, ['heating']],
    [{ q: 'RUDE' }, ['rude']],
    [{ q: '.*' }, []], // matched literally, not as a pattern
    [{ from: '2026-11-17', to: '2026-11-17' }, ['rude']],
    [{ from: '2026-11-17' }, ['late', 'rude']],
    [{ overdue: 'true' }, ['late']], // registration was due the next working day
    [{ overdue: 'false', status: 'answered' }, ['heating']],
  ])('filters the journal by %j', async (query, expected) => {
    const page = await t.http.get('/complaints').query({ ...query, minPosition: lastPosition }).expect(200);
    expect(page.body.items.map((row: { complaintId: string }) => Object.keys(ids).find((k) => ids[k] === row.complaintId))).toEqual(expected);
    expect(page.body.total).toBe(expected.length);
  });

  it('counts a text search up to SEARCH_TOTAL_LIMIT and says when more match; every other total is exact', async () => {
    const everyone = await t.http.get('/complaints').query({ q: 'ivanova', minPosition: lastPosition }).expect(200); // the complainant of all three
    expect({ total: everyone.body.total, totalExact: everyone.body.totalExact, items: everyone.body.items.length }).toEqual({ total: 2, totalExact: false, items: 3 });
    expect((await t.http.get('/complaints').query({ q: 'heating' }).expect(200)).body).toMatchObject({ total: 1, totalExact: true });
    expect((await t.http.get('/complaints').query({ q: 'nowhere' }).expect(200)).body).toMatchObject({ total: 0, totalExact: true });
    expect((await t.http.get('/complaints').expect(200)).body).toMatchObject({ total: 3, totalExact: true });
    expect((await t.http.get('/complaints').query({ category: 'staff-conduct' }).expect(200)).body).toMatchObject({ total: 1, totalExact: true });
  });

  it('pages with a total and a stable order', async () => {
    const first = await t.http.get('/complaints').query({ pageSize: 2, sort: 'receivedAt' }).expect(200);
    const second = await t.http.get('/complaints').query({ pageSize: 2, page: 2, sort: 'receivedAt' }).expect(200);
    expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect([...first.body.items, ...second.body.items].map((r: { complaintId: string }) => r.complaintId)).toEqual([ids.heating, ids.rude, ids.late]);
  });

  it.each([
    ['status', '{"$ne":null}'],
    ['category', '{"$gt":""}'],
    ['registerNumber', '{"$regex":".*"}'],
    ['verdict', 'founded" || "1'],
    ['sort', '{"$natural":1}'],
    ['page', '-1'],
    ['pageSize', '100000'],
    ['minPosition', '{"$gt":0}'],
    ['overdue', 'yes'],
    ['from', 'last week'],
  ])('rejects an injection or a bad value in %s', async (field, value) => {
    const response = await t.http.get('/complaints').query({ [field]: value }).expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('rejects operators smuggled in as nested query keys', async () => {
    const response = await t.http.get('/complaints?status[$ne]=x&category[$gt]=').expect(400);
    expect(response.body.code).toBe('invalid-request');
  });

  it('lists what is overdue and what is due soon, with the policy that set each date', async () => {
    const list = await t.http.get('/complaints/overdue').query({ horizonHours: 24 * 30 }).expect(200);
    expect(list.body.overdue.map((d: { complaintId: string }) => d.complaintId)).toEqual([ids.late]);
    expect(list.body.overdue[0]).toMatchObject({ kind: 'registration', dueAt: '2026-11-19T23:59:59.999Z', explanation: { rule: 'next-working-day', policyVersion: 'default-1' } });
    expect(list.body.dueSoon.map((d: { complaintId: string; kind: string }) => [d.complaintId, d.kind])).toEqual([
      [ids.rude, 'answer'], // received 17 November: answer due 27 November
      [ids.heating, 'follow-up'], // answered 16 November: follow-up due 16 December
    ]);
    expect([list.body.overdueTotal, list.body.dueSoonTotal]).toEqual([1, 2]);
    const soon = await t.http.get('/complaints/overdue').query({ horizonHours: 24 * 10 }).expect(200);
    expect(soon.body.dueSoon.map((d: { complaintId: string }) => d.complaintId)).toEqual([ids.rude]);
    const first = await t.http.get('/complaints/overdue').query({ horizonHours: 24 * 30, limit: 1 }).expect(200);
    expect(first.body).toMatchObject({ overdueTotal: 1, dueSoonTotal: 2 });
    expect(first.body.dueSoon.map((d: { complaintId: string }) => d.complaintId)).toEqual([ids.rude]);
  });

  it('reports statistics per period and category', async () => {
    const report = await t.http.get('/reports/statistics').query({ from: '2026-11-01', to: '2026-11-30', groupBy: 'month' }).expect(200);
    const byCategory = Object.fromEntries(report.body.rows.map((row: { category: string }) => [row.category, row]));
    expect(Object.keys(byCategory).sort()).toEqual(['product-quality', 'staff-conduct', 'uncategorised']);
    expect(byCategory['product-quality']).toMatchObject({ period: '2026-11', received: 1, registered: 1, answered: 1, answeredOnTime: 1, verdicts: { partlyFounded: 1 } });
    expect(byCategory['staff-conduct']).toMatchObject({ received: 1, registered: 1, answered: 0 });
  });

  it('exports the journal as CSV with a BOM, stable columns and the position it reflects', async () => {
    const response = await t.http.get('/reports/journal').query({ from: '2026-11-01', to: '2026-11-30', format: 'csv' }).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers['x-ledger-position']).toMatch(/^\d+$/);
    const bytes = response.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0].split(',').slice(0, 4)).toEqual(['registerNumber', 'complaintId', 'status', 'receivedAt']);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('2026-000001');
  });

  it('exports JSON with the same rows', async () => {
    const response = await t.http.get('/reports/journal').query({ format: 'json' }).expect(200);
    expect(response.body.rows).toHaveLength(3);
    expect(response.body.position).toMatch(/^\d+$/);
    expect(response.body.rows[0]).not.toHaveProperty('searchText');
  });

  it('rebuilds every read model while answering, with the same figures', async () => {
    const before = await t.http.get('/reports/journal').query({ format: 'json' }).expect(200);
    const statsBefore = await t.http.get('/reports/statistics').expect(200);
    await t.http.post('/projections/all/rebuild').set(admin).expect(202);
    const progress = await eventually(
      async () => {
        // Still answering meanwhile (the overdue list: a journal search would append an access event each time).
        await t.http.get('/complaints/overdue').expect(200);
        const { body } = await t.http.get('/projections/all/rebuild').expect(200);
        return ['done', 'failed'].includes(body.state) && body;
      },
      10_000,
      'the rebuild to end',
    );
    expect(progress).toMatchObject({ projection: 'all', state: 'done', fraction: 1 });
    expect(progress.processed).toBeGreaterThan(0);
    // One pass built every read model: each reports that same rebuild.
    for (const name of ['register_journal', 'deadlines', 'statistics'])
      expect((await t.http.get(`/projections/${name}/rebuild`).expect(200)).body).toMatchObject({ projection: 'all', state: 'done' });
    const after = await t.http.get('/reports/journal').query({ format: 'json' }).expect(200);
    expect(after.body.rows).toEqual(before.body.rows);
    expect((await t.http.get('/reports/statistics').expect(200)).body.rows).toEqual(statsBefore.body.rows);
  });

  it('refuses an unknown read model', async () => {
    expect((await t.http.post('/projections/nonsense/rebuild').set(admin).expect(404)).body.code).toBe('projection-not-found');
  });
});
