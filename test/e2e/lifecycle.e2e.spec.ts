import { DAY, FakeClock, MINUTE } from '../support/fake-clock';
import {
  aComplaintBody,
  aCompensationBody,
  aFollowUpBody,
  anAnswerBody,
  anInvestigationBody,
  aRegistrationBody,
  clerk,
  manager,
  officer,
} from '../support/requests';
import { headPosition, useTestApp } from '../support/test-app';

describe('a complaint through its whole life, over HTTP', () => {
  // Friday 20 November 2026, 09:00 UTC
  const clock = new FakeClock('2026-11-20T09:00:00.000Z');
  const t = useTestApp({ clock });

  it('records every step as an event, and the auditor reads it back verified', async () => {
    const received = await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201);
    const id: string = received.body.complaintId;
    expect(received.headers.location).toBe(`/complaints/${id}`);
    expect(received.headers.etag).toBe('"0"');
    expect(received.body).toEqual({ complaintId: id, revision: '0', position: expect.stringMatching(/^\d+$/), replayed: false });

    clock.advance(2 * 60 * MINUTE);
    const registered = await t.http.post(`/complaints/${id}/registration`).set(officer).send(aRegistrationBody()).expect(200);
    expect(registered.body.revision).toBe('1');
    expect(BigInt(registered.body.position)).toBeGreaterThan(BigInt(received.body.position));
    const afterRegistration = clock.now().toISOString();

    clock.advance(DAY);
    await t.http
      .post(`/complaints/${id}/deadline-extensions`)
      .set(officer)
      .set('If-Match', '"1"')
      .send({ answerDueAt: '2026-12-15T23:59:59.999Z', reason: 'Waiting for the lab report.', customerInformedAt: clock.now().toISOString(), customerInformedVia: 'phone' })
      .expect(200);
    await t.http.post(`/complaints/${id}/reassignment`).set(officer).send({ to: 'officer-dimitrova', reason: 'Leave' }).expect(200);
    await t.http.post(`/complaints/${id}/investigation`).set(officer).send(anInvestigationBody()).expect(200);

    // A stale If-Match is refused and writes nothing.
    const before = await headPosition(t.store);
    const stale = await t.http.post(`/complaints/${id}/answer`).set(manager).set('If-Match', '"2"').send(anAnswerBody()).expect(412);
    expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(stale.body.code).toBe('stale-revision');
    expect(await headPosition(t.store)).toBe(before);

    await t.http.post(`/complaints/${id}/answer`).set(manager).set('If-Match', '"4"').send(anAnswerBody()).expect(200);
    await t.http.post(`/complaints/${id}/compensations`).set(manager).send(aCompensationBody()).expect(200);
    await t.http.post(`/complaints/${id}/compensations`).set(manager).send(aCompensationBody({ kind: 'apology', amount: undefined, description: 'Letter of apology' })).expect(200);
    await t.http.post(`/complaints/${id}/follow-ups`).set(officer).send(aFollowUpBody()).expect(200);
    await t.http.post(`/complaints/${id}/closure`).set(officer).send({ summary: 'Solved.' }).expect(200);
    await t.http.post(`/complaints/${id}/reopening`).set(officer).send({ reason: 'The fault came back.' }).expect(200);
    await t.http.post(`/complaints/${id}/investigation-waiver`).set(officer).send({ reason: 'Same fault as already investigated.' }).expect(200);
    await t.http.post(`/complaints/${id}/answer`).set(manager).send(anAnswerBody({ summary: 'We replace the machine a second time.' })).expect(200);
    const closed = await t.http.post(`/complaints/${id}/closure`).set(officer).send({}).expect(200);
    expect(closed.body.revision).toBe('13');

    const current = await t.http.get(`/complaints/${id}`).expect(200);
    expect(current.headers.etag).toBe('"13"');
    expect(current.body.complaint).toMatchObject({
      status: 'closed',
      registration: { registerNumber: '2026-000001', category: 'product-quality', categoryCatalogueVersion: 'default-1' },
      registrationDueAt: '2026-11-23T23:59:59.999Z', // Friday's complaint: Monday
      answerDueAt: '2026-12-01T23:59:59.999Z', // reopened on Saturday 21 November: a new answer is owed 10 days later
      responsibleOfficer: 'officer-dimitrova',
      investigation: { outcome: 'waived', decidedBy: 'officer-petrov' },
      compensations: [{ kind: 'refund', amount: { amountMinor: 24900, currency: 'EUR' } }, { kind: 'apology' }],
      reopenings: [{ reason: 'The fault came back.' }],
    });

    const history = await t.http.get(`/complaints/${id}/history`).expect(200);
    const events = history.body.events;
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'ComplaintReceived',
      'ComplaintRegistered',
      'AnswerDeadlineExtended',
      'ComplaintReassigned',
      'ComplaintInvestigated',
      'ComplaintAnswered',
      'ComplaintCompensated',
      'ComplaintCompensated',
      'FollowUpRecorded',
      'ComplaintClosed',
      'ComplaintReopened',
      'InvestigationWaived',
      'ComplaintAnswered',
      'ComplaintClosed',
    ]);
    expect(events[0]).toMatchObject({ revision: '0', actor: { id: 'clerk-anna', role: 'intake-clerk' }, schemaVersion: 2 });
    expect(events[5]).toMatchObject({ actor: { id: 'manager-georgieva', role: 'manager' } });
    for (const [i, event] of events.entries()) {
      expect(event).toEqual(
        expect.objectContaining({ eventId: expect.any(String), commandId: expect.any(String), correlationId: expect.any(String), hash: expect.stringMatching(/^[0-9a-f]{64}$/) }),
      );
      if (i > 0) expect(event.prevHash).toBe(events[i - 1].hash);
    }

    const asOf = await t.http.get(`/complaints/${id}/history`).query({ asOf: afterRegistration }).expect(200);
    expect(asOf.body.events).toHaveLength(2);
    expect(asOf.body.complaint.status).toBe('registered');
    expect(asOf.body.complaint.responsibleOfficer).toBe('officer-petrov');

    const verification = await t.http.get(`/complaints/${id}/verification`).expect(200);
    expect(verification.body).toMatchObject({ complaintId: id, valid: true, eventsChecked: 14 });
  });

  it('refuses anything after a withdrawal, naming the rule', async () => {
    const { body } = await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201);
    await t.http.post(`/complaints/${body.complaintId}/withdrawal`).set(clerk).send({ reason: 'Solved it myself.' }).expect(200);
    const refused = await t.http.post(`/complaints/${body.complaintId}/registration`).set(officer).send(aRegistrationBody()).expect(409);
    expect(refused.body).toMatchObject({ status: 409, code: 'complaint-withdrawn' });
  });

  it('bends no deadline: an extension needs the customer told, stays within the statutory limit and comes before the deadline passes', async () => {
    const { body } = await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201);
    const id = body.complaintId;
    await t.http.post(`/complaints/${id}/registration`).set(officer).send(aRegistrationBody()).expect(200);
    const { answerDueAt } = (await t.http.get(`/complaints/${id}`).expect(200)).body.complaint;
    const extension = (overrides: object) => ({
      answerDueAt: new Date(Date.parse(answerDueAt) + 7 * DAY).toISOString(),
      reason: 'Waiting for the lab report.',
      customerInformedAt: clock.now().toISOString(),
      customerInformedVia: 'phone',
      ...overrides,
    });
    const uninformed = await t.http.post(`/complaints/${id}/deadline-extensions`).set(officer).send(extension({ customerInformedAt: undefined })).expect(400);
    expect(uninformed.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'customerInformedAt' })]));
    const tooFar = await t.http.post(`/complaints/${id}/deadline-extensions`).set(officer).send(extension({ answerDueAt: '2027-12-31T23:59:59.999Z' })).expect(409);
    expect(tooFar.body.code).toBe('beyond-statutory-limit');

    clock.advance(Date.parse(answerDueAt) - clock.now().getTime() + MINUTE);
    const late = await t.http.post(`/complaints/${id}/deadline-extensions`).set(officer).send(extension({})).expect(409);
    expect(late.body).toMatchObject({ status: 409, code: 'deadline-already-passed' });
  });

  it('names the rule when a step comes too early', async () => {
    const { body } = await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201);
    const refused = await t.http.post(`/complaints/${body.complaintId}/answer`).set(manager).send(anAnswerBody()).expect(409);
    expect(refused.body.code).toBe('investigation-required');
  });
});
