import { PassThrough } from 'node:stream';
import { run } from '../../apps/ledger-cli/src/main';
import { DAY, FakeClock } from '../support/fake-clock';
import { aComplaintBody, aRegistrationBody, clerk, officer } from '../support/requests';
import { startTestApp, TestApp } from '../support/test-app';

/** What a new user tries first: the register number printed on a letter, and dates as they write them. */
describe('register numbers and dates, through the API and the CLI', () => {
  let t: TestApp;
  // Monday 7 December 2026, 09:00 UTC
  const clock = new FakeClock('2026-12-07T09:00:00.000Z');
  let id: string;
  let registerNumber: string;

  const cli = async (...args: string[]): Promise<{ code: number; out: string; err: string }> => {
    const [out, err] = [new PassThrough(), new PassThrough()];
    const code = await run([...args, '--data-dir', t.dataDir], out, err);
    return { code, out: out.read()?.toString() ?? '', err: err.read()?.toString() ?? '' };
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    id = (await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body.complaintId;
    const registered = await t.http.post(`/complaints/${id}/registration`).set(officer).send(aRegistrationBody()).expect(200);
    registerNumber = registered.body.registerNumber;
  });
  afterAll(() => t.close());

  it('answers the registration with the register number it handed out, and again on an idempotent retry', async () => {
    expect(registerNumber).toMatch(/^2026-\d{6}$/);
    const other = (await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body.complaintId;
    const send = () => t.http.post(`/complaints/${other}/registration`).set(officer).set('Idempotency-Key', 'register-other-once').send(aRegistrationBody());
    const first = (await send().expect(200)).body;
    const retry = (await send().expect(200)).body;
    expect(retry).toMatchObject({ replayed: true, registerNumber: first.registerNumber });
    expect(first.registerNumber).not.toBe(registerNumber);
  });

  it('finds a case by its register number wherever a complaint id is accepted', async () => {
    const byNumber = await t.http.get(`/complaints/${registerNumber}`).expect(200);
    const byId = await t.http.get(`/complaints/${id}`).expect(200);
    expect(byNumber.body).toEqual(byId.body);
    expect(byNumber.body.complaint).toMatchObject({ complaintId: id, registration: { registerNumber } });
    await t.http.get(`/complaints/${registerNumber}/verification`).expect(200);
    // A command addressed by register number lands in the case it names.
    await t.http.post(`/complaints/${registerNumber}/reassignment`).set(officer).send({ to: 'officer-dimitrova', reason: 'Leave' }).expect(200);
    expect((await t.http.get(`/complaints/${id}`).expect(200)).body.complaint.responsibleOfficer).toBe('officer-dimitrova');
  });

  it('answers 404 problem+json for a register number nobody holds, 400 for neither an id nor a number', async () => {
    const missing = await t.http.get('/complaints/2026-000999').expect(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.body.code).toBe('complaint-not-found');
    await t.http.get('/complaints/1999-000001').expect(404);
    const bad = await t.http.get('/complaints/2026-1').expect(400);
    expect(bad.body.errors).toEqual([{ field: 'id', reason: expect.stringContaining('register number') }]);
  });

  it('CLI history and verify take the register number too', async () => {
    const byNumber = await cli('history', registerNumber, '--json');
    expect(byNumber).toMatchObject({ code: 0 });
    expect(byNumber.out).toBe((await cli('history', id, '--json')).out);
    expect(byNumber.out).toContain('"ComplaintRegistered"');
    expect(await cli('verify', '--stream', registerNumber)).toMatchObject({ code: 0, out: expect.stringContaining(`complaint-${id}: chain intact`) });
    expect(await cli('history', '2026-000999')).toMatchObject({ code: 2, err: expect.stringContaining('No complaint 2026-000999') });
  });

  it('CLI dates are ISO 8601 only: anything else is a usage error (exit 2) with an example, never a crash', async () => {
    for (const args of [['stats', '--from', '01.12.2026'], ['stats', '--to', '07.12.2026'], ['replay', id, '--as-of', '07.12.2026']]) {
      const result = await cli(...args);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/is not an ISO 8601 date; write e\.g\. 2026-12-01/);
    }
    expect(await cli('stats', '--from', '2026-12-08', '--to', '2026-12-07')).toMatchObject({ code: 2, err: expect.stringContaining('is after --to') });
    const stats = await cli('stats', '--from', '2026-12-07', '--to', '2026-12-07', '--group-by', 'day', '--json');
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.out)).toEqual([expect.objectContaining({ period: '2026-12-07', received: 2, registered: 2 })]);
  });

  it('a date-only deadline extension means the end of that day, as policy deadlines do', async () => {
    clock.advance(DAY);
    await t.http
      .post(`/complaints/${id}/deadline-extensions`)
      .set(officer)
      .send({ answerDueAt: '2027-01-29', reason: 'Waiting for the lab report.', customerInformedVia: 'phone', customerInformedAt: new Date().toISOString() })
      .expect(200);
    expect((await t.http.get(`/complaints/${id}`).expect(200)).body.complaint.answerDueAt).toBe('2027-01-29T23:59:59.999Z');
  });

  it('so does a date-only promised answer at registration', async () => {
    const other = (await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body.complaintId;
    await t.http.post(`/complaints/${other}/registration`).set(officer).send(aRegistrationBody({ promisedAnswerBy: '2026-12-10' })).expect(200);
    expect((await t.http.get(`/complaints/${other}`).expect(200)).body.complaint.answerDueAt).toBe('2026-12-10T23:59:59.999Z');
  });
});
