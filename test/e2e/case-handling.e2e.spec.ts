import { PassThrough } from 'node:stream';
import { run } from '../../apps/ledger-cli/src/main';
import { DAY, FakeClock, MINUTE } from '../support/fake-clock';
import { aCompensationBody, aComplaintBody, anAnswerBody, anInvestigationBody, aRegistrationBody, clerk, manager, officer } from '../support/requests';
import { headPosition, startTestApp, TestApp } from '../support/test-app';

// Issue 14 through HTTP: what was done, by whom and what it means; the steps the seeds describe.
describe('audit-grade case handling, over HTTP', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const cli = async (...args: string[]) => {
    const [out, err] = [new PassThrough(), new PassThrough()];
    const code = await run([...args, '--data-dir', t.dataDir], out, err);
    return { code, out: out.read()?.toString() ?? '', err: err.read()?.toString() ?? '' };
  };
  const reached = async () => ({ minPosition: String(await headPosition(t.store)) });
  const journalRow = async (id: string) => {
    const { rows } = (await t.http.get('/reports/journal').query({ format: 'json', ...(await reached()) }).expect(200)).body;
    return rows.find((row: { complaintId: string }) => row.complaintId === id);
  };
  const csvRow = async (id: string): Promise<Record<string, string>> => {
    const [header, ...lines] = (await t.http.get('/reports/journal').query({ format: 'csv', ...(await reached()) }).expect(200)).text.replace(/^\uFEFF/, '').trim().split('\r\n');
    const line = lines.find((l) => l.includes(id)) as string;
    // The rows of these tests hold no quoted commas in the columns read here.
    const columns = header.split(',');
    return Object.fromEntries(line.split(',').map((value, i) => [columns[i], value]));
  };
  const anInvestigatedComplaint = async (): Promise<string> => {
    const id = (await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body.complaintId;
    await t.http.post(`/complaints/${id}/registration`).set(officer).send(aRegistrationBody()).expect(200);
    await t.http.post(`/complaints/${id}/investigation`).set(officer).send(anInvestigationBody()).expect(200);
    return id;
  };

  it('records the signature of the answer and of the approval: name, meaning and time, in history, replay and exports (21 CFR Part 11 §11.50)', async () => {
    const id = await anInvestigatedComplaint();
    await t.http.post(`/complaints/${id}/answer`).set(manager).send(anAnswerBody({ signatureMeaning: 'authorship' })).expect(200);
    await t.http.post(`/complaints/${id}/compensations`).set(manager).send(aCompensationBody()).expect(200);

    const { events } = (await t.http.get(`/complaints/${id}/history`).expect(200)).body;
    const answered = events.find((e: { type: string }) => e.type === 'ComplaintAnswered');
    const compensated = events.find((e: { type: string }) => e.type === 'ComplaintCompensated');
    expect(answered).toMatchObject({ schemaVersion: 2, data: { signature: { signedBy: 'manager-georgieva', meaning: 'authorship', signedAt: answered.data.answeredAt } } });
    expect(compensated).toMatchObject({ schemaVersion: 2, data: { approval: { signedBy: 'manager-georgieva', meaning: 'approval', signedAt: compensated.data.grantedAt } } });

    const replay = (await cli('replay', id)).out;
    expect(replay).toContain(`signed by manager-georgieva, meaning authorship, at ${answered.data.answeredAt}`);
    expect(replay).toContain(`signed by manager-georgieva, meaning approval, at ${compensated.data.grantedAt}`);

    expect(await journalRow(id)).toMatchObject({
      answerSignedBy: 'manager-georgieva',
      answerSignatureMeaning: 'authorship',
      answerSignedAt: answered.data.answeredAt,
      compensations: [{ approvedBy: 'manager-georgieva', approvalMeaning: 'approval' }],
    });
    expect(await csvRow(id)).toMatchObject({ answerSignedBy: 'manager-georgieva', answerSignatureMeaning: 'authorship', answerSignedAt: answered.data.answeredAt });
    // The first promise and whether it was kept travel in both exports (issue 14).
    const registered = events.find((e: { type: string }) => e.type === 'ComplaintRegistered');
    expect(await journalRow(id)).toMatchObject({ firstAnswerDueAt: registered.data.answerDueAt, firstPromiseKept: true });
    expect(await csvRow(id)).toMatchObject({ firstAnswerDueAt: registered.data.answerDueAt, firstPromiseKept: 'true' });
  });

  it('resolves a complaint at first contact: numbered, closed with the primary response, no manager, not overdue, counted as first-contact resolution', async () => {
    const primaryResponse = 'Replaced the kettle from stock on the spot and apologised.';
    const id = (await t.http.post('/complaints').set(clerk).send(aComplaintBody({ primaryResponse, resolvedOnTheSpot: true })).expect(201)).body.complaintId;
    await t.http.post(`/complaints/${id}/registration`).set(clerk).send(aRegistrationBody()).expect(200);

    const { complaint } = (await t.http.get(`/complaints/${id}`).expect(200)).body;
    expect(complaint).toMatchObject({
      status: 'closed',
      registration: { registerNumber: expect.stringMatching(/^\d{4}-\d{6}$/) },
      firstContactResolution: { resolution: primaryResponse, resolvedBy: 'clerk-anna', resolvedAt: complaint.receivedAt },
    });
    expect(complaint).not.toHaveProperty('answer');
    const refused = await t.http.post(`/complaints/${id}/investigation`).set(officer).send(anInvestigationBody()).expect(409);
    expect(refused.body.code).toBe('complaint-closed');

    expect(await journalRow(id)).toMatchObject({ status: 'closed', resolvedAtFirstContact: true, nextDueAt: null, answerSignedBy: null });
    expect((await csvRow(id)).resolvedAtFirstContact).toBe('true');
    const overdue = (await t.http.get('/complaints/overdue').query({ horizonHours: 24 * 90, ...(await reached()) }).expect(200)).body;
    expect(JSON.stringify([...overdue.overdue, ...overdue.dueSoon])).not.toContain(id);
    const rows = (await t.http.get('/reports/statistics').query({ groupBy: 'year', ...(await reached()) }).expect(200)).body.rows;
    expect(rows.reduce((sum: number, row: { resolvedAtFirstContact: number }) => sum + row.resolvedAtFirstContact, 0)).toBe(1);
    // The same figure straight from the events, as the CLI computes it.
    const fromEvents = JSON.parse((await cli('stats', '--group-by', 'year', '--json')).out);
    expect(fromEvents.reduce((sum: number, row: { resolvedAtFirstContact: number }) => sum + row.resolvedAtFirstContact, 0)).toBe(1);
    expect((await cli('stats', '--group-by', 'year')).out).toContain('first-contact');
  });

  it('records contacts with the complainant: the acknowledgement date in the journal, the summary sealed as personal data, also on a closed case', async () => {
    const id = (await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body.complaintId;
    const summary = 'Told Mrs Quillwort her kettle goes to the lab on Tuesday.';
    const acknowledged = await t.http.post(`/complaints/${id}/contacts`).set(clerk).send({ kind: 'acknowledgement', channel: 'phone', summary }).expect(200);
    expect(acknowledged.body.revision).toBe('1');
    const bad = await t.http.post(`/complaints/${id}/contacts`).set(clerk).send({ kind: 'postcard', channel: 'phone', summary }).expect(400);
    expect(bad.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'kind' })]));
    await t.http.post(`/complaints/${id}/contacts`).set(manager).send({ kind: 'progress-update', channel: 'phone', summary }).expect(403);

    const [, contacted] = await t.store.readStream(`complaint-${id}`);
    expect(contacted).toMatchObject({ type: 'ComplainantContacted', data: { kind: 'acknowledgement', channel: 'phone', contactedBy: 'clerk-anna' } });
    expect(contacted.data as { summary: string; _sealed: string }).toMatchObject({ summary: 'sealed:v2', _sealed: expect.stringMatching(/^sealed:v2:/) });
    const { complaint } = (await t.http.get(`/complaints/${id}`).expect(200)).body;
    expect(complaint).toMatchObject({ acknowledgedAt: complaint.contacts[0].contactedAt, contacts: [{ kind: 'acknowledgement', summary }] });
    expect(await journalRow(id)).toMatchObject({
      acknowledgementDueAt: complaint.acknowledgementDueAt,
      acknowledgedAt: complaint.acknowledgedAt,
      acknowledgementMet: true,
    });
    expect(await csvRow(id)).toMatchObject({ acknowledgedAt: complaint.acknowledgedAt, acknowledgementMet: 'true' });

    await t.http.post(`/complaints/${id}/registration`).set(officer).send(aRegistrationBody()).expect(200);
    await t.http.post(`/complaints/${id}/investigation`).set(officer).send(anInvestigationBody()).expect(200);
    await t.http.post(`/complaints/${id}/answer`).set(manager).send(anAnswerBody()).expect(200);
    await t.http.post(`/complaints/${id}/closure`).set(officer).send({}).expect(200);
    await t.http.post(`/complaints/${id}/contacts`).set(officer).send({ kind: 'final-response', channel: 'letter', summary: 'Sent the final response letter.' }).expect(200);
    expect((await t.http.get(`/complaints/${id}`).expect(200)).body.complaint).toMatchObject({ status: 'closed', contacts: [{}, { kind: 'final-response' }] });
  });

  it('closes with the outcome accepted or not and a referral to an external body; a follow-up after closing does not reopen the case', async () => {
    const id = await anInvestigatedComplaint();
    await t.http.post(`/complaints/${id}/answer`).set(manager).send(anAnswerBody()).expect(200);
    const referral = { body: 'ombudsman', name: 'Financial Ombudsman Service', reference: 'FOS-2026-1234' };
    const noReference = await t.http.post(`/complaints/${id}/closure`).set(officer).send({ referral: { ...referral, reference: undefined } }).expect(400);
    expect(noReference.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: expect.stringContaining('reference') })]));
    await t.http.post(`/complaints/${id}/closure`).set(officer).send({ summary: 'Refused the refund.', complainantAcceptedOutcome: false, referral }).expect(200);
    // Before issue 14: refused with complaint-closed.
    await t.http.post(`/complaints/${id}/follow-ups`).set(officer).send({ problemSolved: false, satisfaction: 2, comment: 'Went to the ombudsman.' }).expect(200);

    const { complaint } = (await t.http.get(`/complaints/${id}`).expect(200)).body;
    expect(complaint).toMatchObject({ status: 'closed', closing: { complainantAcceptedOutcome: false, referral }, followUps: [{ satisfaction: 2 }] });
    expect(await journalRow(id)).toMatchObject({
      status: 'closed',
      closingSummary: 'Refused the refund.',
      complainantAcceptedOutcome: false,
      referralBody: 'ombudsman',
      referralReference: 'FOS-2026-1234',
      satisfaction: 2,
    });
    expect(await csvRow(id)).toMatchObject({ complainantAcceptedOutcome: 'false', referralBody: 'ombudsman', referralReference: 'FOS-2026-1234' });
  });
});

describe('the acknowledgement deadline, over HTTP', () => {
  let t: TestApp;
  const clock = new FakeClock('2026-11-16T09:00:00.000Z'); // a Monday

  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());

  it('is tracked like the other deadlines: overdue until the complainant is acknowledged, then the answer is next', async () => {
    const id = (await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body.complaintId;
    clock.advance(2 * 60 * MINUTE);
    await t.http.post(`/complaints/${id}/registration`).set(officer).send(aRegistrationBody()).expect(200);
    clock.advance(2 * DAY); // Wednesday: the acknowledgement was due by the end of Tuesday
    const overdue = async () => {
      const minPosition = String(await headPosition(t.store));
      return (await t.http.get('/complaints/overdue').query({ horizonHours: 24 * 30, minPosition }).expect(200)).body;
    };
    expect((await overdue()).overdue).toEqual([
      expect.objectContaining({ complaintId: id, kind: 'acknowledgement', dueAt: '2026-11-17T23:59:59.999Z', explanation: expect.objectContaining({ rule: 'working-days', days: 1 }) }),
    ]);
    await t.http.post(`/complaints/${id}/contacts`).set(clerk).send({ kind: 'acknowledgement', channel: 'email', summary: 'Sorry for the delay: we have your complaint.' }).expect(200);
    const after = await overdue();
    expect(after.overdue).toEqual([]);
    expect(after.dueSoon).toEqual([expect.objectContaining({ complaintId: id, kind: 'answer', dueAt: '2026-11-26T23:59:59.999Z' })]);
    const { rows } = (await t.http.get('/reports/journal').query({ format: 'json', minPosition: String(await headPosition(t.store)) }).expect(200)).body;
    expect(rows[0]).toMatchObject({ acknowledgedAt: '2026-11-18T11:00:00.000Z', acknowledgementMet: false });
  });
});

