import { DAY, FakeClock } from '../support/fake-clock';
import { aComplaintBody, anAnswerBody, anInvestigationBody, aRegistrationBody, clerk, manager, officer } from '../support/requests';
import { headPosition, useTestApp } from '../support/test-app';

// Issue 14 through HTTP: the case waits on the complainant, its answer clock stands still.
describe('waiting on the complainant, over HTTP', () => {
  // Monday 2 March 2026, 09:15 UTC; the default policy answers within 10 calendar days (12 March, 23:59:59.999 UTC).
  const clock = new FakeClock('2026-03-02T09:15:00.000Z');
  const t = useTestApp({ clock });

  const reached = async () => ({ minPosition: String(await headPosition(t.store)) });
  const aRegisteredCase = async (): Promise<string> => {
    const id = (await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body.complaintId;
    // Acknowledged at once: that deadline does not pause, and would otherwise show as overdue by itself.
    await t.http.post(`/complaints/${id}/contacts`).set(clerk).send({ kind: 'acknowledgement', channel: 'email', summary: 'Confirmed receipt.' }).expect(200);
    await t.http.post(`/complaints/${id}/registration`).set(officer).send(aRegistrationBody()).expect(200);
    return id;
  };
  const overdueIds = async () => {
    const { overdue, dueSoon } = (await t.http.get('/complaints/overdue').query({ horizonHours: 24 * 60, ...(await reached()) }).expect(200)).body;
    return { overdue: overdue.map((e: { complaintId: string }) => e.complaintId), dueSoon: dueSoon.map((e: { complaintId: string }) => e.complaintId) };
  };

  it('pauses the answer clock: not overdue while waiting, the deadline moved by the time waited when the information arrives', async () => {
    const id = await aRegisteredCase();
    clock.advance(DAY); // 3 March 09:15
    await t.http.post(`/complaints/${id}/awaiting-complainant`).set(officer).send({ requested: 'A photo of the serial-number plate.' }).expect(200);

    expect((await t.http.get(`/complaints/${id}`).expect(200)).body.complaint.awaitingComplainant).toStrictEqual({ since: '2026-03-03T09:15:00.000Z', requestedBy: 'officer-petrov' });

    clock.advance(14 * DAY); // 17 March: the first deadline (12 March) has passed, but the clock stands still
    expect((await overdueIds()).overdue).not.toContain(id);
    expect((await overdueIds()).dueSoon).not.toContain(id);
    const { items } = (await t.http.get('/complaints').query({ overdue: 'true', ...(await reached()) }).expect(200)).body;
    expect(items.map((row: { complaintId: string }) => row.complaintId)).not.toContain(id);
    // Answering waits for the end of the wait.
    await t.http.post(`/complaints/${id}/investigation`).set(officer).send(anInvestigationBody()).expect(200);
    const refused = await t.http.post(`/complaints/${id}/answer`).set(manager).send(anAnswerBody()).expect(409);
    expect(refused.body).toMatchObject({ code: 'awaiting-complainant' });

    await t.http.post(`/complaints/${id}/complainant-information`).set(officer).send({ summary: 'The photo arrived by e-mail.' }).expect(200);
    const { events } = (await t.http.get(`/complaints/${id}/history`).expect(200)).body;
    const resumed = events.find((e: { type: string }) => e.type === 'ComplainantInformationReceived');
    expect(resumed).toMatchObject({
      schemaVersion: 1,
      data: {
        arrived: true,
        summary: 'The photo arrived by e-mail.',
        recordedBy: 'officer-petrov',
        pausedMs: 14 * DAY,
        previousDueAt: '2026-03-12T23:59:59.999Z',
        answerDueAt: '2026-03-26T23:59:59.999Z',
        answerDeadline: { rule: 'calendar-days', paused: { ms: 14 * DAY, totalMs: 14 * DAY, previousDueAt: '2026-03-12T23:59:59.999Z' } },
      },
    });
    expect(events.find((e: { type: string }) => e.type === 'AwaitingComplainant')).toMatchObject({
      data: { requested: 'A photo of the serial-number plate.', requestedBy: 'officer-petrov', awaitingSince: '2026-03-03T09:15:00.000Z' },
    });
    expect((await overdueIds()).dueSoon).toContain(id);

    await t.http.post(`/complaints/${id}/answer`).set(manager).send(anAnswerBody()).expect(200);
    const { rows } = (await t.http.get('/reports/journal').query({ format: 'json', ...(await reached()) }).expect(200)).body;
    expect(rows.find((row: { complaintId: string }) => row.complaintId === id)).toMatchObject({
      answerDueAt: '2026-03-26T23:59:59.999Z',
      answerMet: true,
      answerPausedMs: 14 * DAY,
      awaitingComplainantSince: null,
    });
    const csv = (await t.http.get('/reports/journal').query({ format: 'csv', ...(await reached()) }).expect(200)).text;
    const [header] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(header.split(',').slice(-4)).toStrictEqual(['awaitingComplainantSince', 'answerPausedMs', 'voidedAt', 'voidReason']);
    expect(csv).toContain(String(14 * DAY));
  });

  it('never moves the deadline past the statutory limit (56 days from receipt)', async () => {
    const id = await aRegisteredCase(); // received 17 March 09:15: due 27 March, limit 12 May
    await t.http.post(`/complaints/${id}/awaiting-complainant`).set(officer).send({ requested: 'The receipt.' }).expect(200);
    clock.advance(50 * DAY);
    await t.http.post(`/complaints/${id}/complainant-information`).set(officer).send({ arrived: false }).expect(200);
    const { complaint } = (await t.http.get(`/complaints/${id}`).expect(200)).body;
    expect(complaint.answerDueAt).toBe('2026-05-12T23:59:59.999Z');
  });

  it('refuses what the client got wrong: 400 for a missing request, 409 out of turn, 403 for a clerk', async () => {
    const id = await aRegisteredCase();
    const missing = await t.http.post(`/complaints/${id}/awaiting-complainant`).set(officer).send({}).expect(400);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'requested' })]));
    const notWaiting = await t.http.post(`/complaints/${id}/complainant-information`).set(officer).send({}).expect(409);
    expect(notWaiting.body).toMatchObject({ code: 'not-awaiting-complainant' });
    await t.http.post(`/complaints/${id}/awaiting-complainant`).set(clerk).send({ requested: 'The receipt.' }).expect(403);
    const wrongType = await t.http.post(`/complaints/${id}/complainant-information`).set(officer).send({ arrived: 'yes' }).expect(400);
    expect(wrongType.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'arrived' })]));
  });
});
