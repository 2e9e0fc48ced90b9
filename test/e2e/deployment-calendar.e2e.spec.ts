import { DAY, FakeClock } from '../support/fake-clock';
import { aComplaintBody, aRegistrationBody, clerk, officer } from '../support/requests';
import { headPosition, startTestApp, TestApp } from '../support/test-app';

// Issue 14: a deployment in Sofia counts its deadlines, filters and reports in Sofia's days.
describe('the deployment’s calendar, over HTTP (Europe/Sofia)', () => {
  let t: TestApp;
  // Friday 6 March 2026, 23:30 UTC: already Saturday 7 March, 01:30, in Sofia.
  const clock = new FakeClock('2026-03-06T23:30:00.000Z');

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      env: {
        LEDGER_TIME_ZONE: 'Europe/Sofia',
        HOLIDAYS: '2026-03-09',
        ANSWER_PERIOD: '1 month',
        ANSWER_PERIOD_BY_CATEGORY: 'delivery:5 working-days',
      },
    });
  });
  afterAll(() => t.close());

  const reached = async () => ({ minPosition: String(await headPosition(t.store)) });
  const receive = async () => (await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body.complaintId as string;
  const complaint = async (id: string) => (await t.http.get(`/complaints/${id}`).expect(200)).body.complaint;

  it('counts from the Sofia day of receipt and ends each deadline at midnight in Sofia, explained with the zone', async () => {
    const id = await receive();
    // Received on Saturday in Sofia; Sunday and the holiday on Monday are skipped: registration by Tuesday.
    expect(await complaint(id)).toMatchObject({
      registrationDueAt: '2026-03-10T21:59:59.999Z',
    });

    await t.http.post(`/complaints/${id}/registration`).set(officer).send(aRegistrationBody({ category: 'delivery' })).expect(200);
    const { events } = (await t.http.get(`/complaints/${id}/history`).expect(200)).body;
    const registered = events.find((e: { type: string }) => e.type === 'ComplaintRegistered');
    expect(registered.data).toMatchObject({
      answerDueAt: '2026-03-16T21:59:59.999Z',
      answerDeadline: {
        rule: 'working-days',
        days: 5,
        timeZone: 'Europe/Sofia',
        appliesTo: 'category:delivery',
        skippedDays: ['2026-03-08', '2026-03-09', '2026-03-14', '2026-03-15'],
      },
    });
  });

  it('gives other categories the general period of one calendar month', async () => {
    const id = await receive();
    await t.http.post(`/complaints/${id}/registration`).set(officer).send(aRegistrationBody()).expect(200);
    expect(await complaint(id)).toMatchObject({ answerDueAt: '2026-04-07T20:59:59.999Z' });
  });

  it('reads a promised date alone as the end of that day in Sofia', async () => {
    const id = await receive();
    await t.http.post(`/complaints/${id}/registration`).set(officer).send(aRegistrationBody({ promisedAnswerBy: '2026-03-20' })).expect(200);
    expect(await complaint(id)).toMatchObject({ answerDueAt: '2026-03-20T21:59:59.999Z' });
  });

  it('filters the journal and groups the statistics by Sofia days', async () => {
    const id = await receive();
    clock.advance(DAY);
    const journal = async (query: Record<string, string>) =>
      (await t.http.get('/complaints').query({ ...query, ...(await reached()) }).expect(200)).body.items.map((row: { complaintId: string }) => row.complaintId);
    // Received at 23:30 UTC on 6 March: 7 March in Sofia.
    expect(await journal({ from: '2026-03-07', to: '2026-03-07' })).toContain(id);
    expect(await journal({ from: '2026-03-06', to: '2026-03-06' })).not.toContain(id);

    const { rows } = (await t.http.get('/reports/statistics').query({ groupBy: 'day', ...(await reached()) }).expect(200)).body;
    expect([...new Set(rows.map((row: { period: string }) => row.period))]).toStrictEqual(['2026-03-07']);
  });
});
