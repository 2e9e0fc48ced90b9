import { randomUUID } from 'node:crypto';
import { aComplaintBody, aCompensationBody, anAnswerBody, anInvestigationBody, aRegistrationBody, clerk, manager, officer } from '../support/requests';
import { headPosition, startTestApp, TestApp } from '../support/test-app';

describe('bad input is answered with the right status, the field and the reason, and appends nothing', () => {
  let t: TestApp;
  let answered: string; // a complaint ready for compensation

  beforeAll(async () => {
    t = await startTestApp({ env: { BODY_LIMIT: '16kb' } });
    const { body } = await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201);
    answered = body.complaintId;
    await t.http.post(`/complaints/${answered}/registration`).set(officer).send(aRegistrationBody()).expect(200);
    await t.http.post(`/complaints/${answered}/investigation`).set(officer).send(anInvestigationBody()).expect(200);
    await t.http.post(`/complaints/${answered}/answer`).set(manager).send(anAnswerBody()).expect(200);
  });
  afterAll(() => t.close());

  const expectNothingAppended = async (send: () => Promise<{ status: number; body: Record<string, unknown>; headers: Record<string, string> }>, status: number) => {
    const before = await headPosition(t.store);
    const response = await send();
    expect({ status: response.status, body: response.body }).toMatchObject({ status, body: { status } });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await headPosition(t.store)).toBe(before);
    return response.body;
  };

  const fieldsOf = (body: Record<string, unknown>) => (body.errors as Array<{ field: string }>).map((e) => e.field);

  it.each([
    ['a wrong type', { channel: 42 }, 'channel'],
    ['an unknown channel', { channel: 'pigeon' }, 'channel'],
    ['an unknown field', { isVip: true }, 'isVip'],
    ['an unknown nested field', { complainant: { name: 'Maria Ivanova', kind: 'person', email: 'm@example.com', vip: true } }, 'complainant.vip'],
    ['a bad e-mail', { complainant: { name: 'Maria Ivanova', kind: 'person', email: 'not-an-email' } }, 'complainant.email'],
    ['a missing description', { description: undefined }, 'description'],
    ['an over-long description', { description: 'x'.repeat(5001) }, 'description'],
    ['a bad date', { receivedAt: '2026-02-30T10:00:00Z' }, 'receivedAt'],
    ['a date that is not ISO-8601', { receivedAt: 'yesterday' }, 'receivedAt'],
    ['a date in the future', { receivedAt: '2099-01-01T00:00:00Z' }, 'receivedAt'],
    ['no way to reply', { complainant: { name: 'Maria Ivanova', kind: 'person' } }, 'complainant'],
    ['an operator instead of a value', { channel: { $ne: null } }, 'channel'],
  ])('receiving with %s: 400 naming the field', async (_case, overrides, field) => {
    const body = await expectNothingAppended(() => t.http.post('/complaints').set(clerk).send(aComplaintBody(overrides)), 400);
    expect(fieldsOf(body)).toContain(field);
  });

  it.each([
    ['a negative amount', { amount: { amountMinor: -100, currency: 'EUR' } }, 'amount.amountMinor'],
    ['a fractional amount', { amount: { amountMinor: 10.5, currency: 'EUR' } }, 'amount.amountMinor'],
    ['an amount given as a string', { amount: { amountMinor: '100', currency: 'EUR' } }, 'amount.amountMinor'],
    ['an unknown currency', { amount: { amountMinor: 100, currency: 'XYZ' } }, 'amount.currency'],
    ['a currency in lower case', { amount: { amountMinor: 100, currency: 'eur' } }, 'amount.currency'],
    ['a refund without an amount', { amount: undefined }, 'amount'],
    ['an unknown kind', { kind: 'cash-in-envelope' }, 'kind'],
  ])('compensating with %s: 400 naming the field', async (_case, overrides, field) => {
    const body = await expectNothingAppended(() => t.http.post(`/complaints/${answered}/compensations`).set(manager).send(aCompensationBody(overrides)), 400);
    expect(fieldsOf(body)).toContain(field);
  });

  it('a satisfaction out of range: 400', async () => {
    const body = await expectNothingAppended(() => t.http.post(`/complaints/${answered}/follow-ups`).set(officer).send({ problemSolved: true, satisfaction: 6 }), 400);
    expect(fieldsOf(body)).toContain('satisfaction');
  });

  it('an unknown category: 400 naming the field', async () => {
    const { body: received } = await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201);
    const body = await expectNothingAppended(
      () => t.http.post(`/complaints/${received.complaintId}/registration`).set(officer).send(aRegistrationBody({ category: 'weather' })),
      400,
    );
    expect(body).toMatchObject({ code: 'unknown-category', errors: [{ field: 'category' }] });
  });

  it('malformed JSON: 400', async () => {
    const body = await expectNothingAppended(
      () => t.http.post('/complaints').set(clerk).set('Content-Type', 'application/json').send('{"channel": "phone",'),
      400,
    );
    expect(body.code).toBe('malformed-request');
  });

  it.each([
    ['a charset other than UTF-8, on a command', (agent: TestApp['http']) => agent.post('/complaints').set(clerk), 'application/json; charset=iso-8859-1'],
    ['a charset other than UTF-8, without a token', (agent: TestApp['http']) => agent.post('/complaints'), 'application/json; charset=iso-8859-1'],
    ['a charset other than UTF-8, on a public path', (agent: TestApp['http']) => agent.post('/health'), 'application/json; charset=iso-8859-1'],
    ['a media type other than JSON', (agent: TestApp['http']) => agent.post('/complaints').set(clerk), 'text/plain'],
    ['a JSON-based media type the API does not read', (agent: TestApp['http']) => agent.post('/complaints').set(clerk), 'application/merge-patch+json'],
  ])('%s: 415', async (_case, call, contentType) => {
    const body = await expectNothingAppended(() => call(t.http).set('Content-Type', contentType).send(JSON.stringify(aComplaintBody())), 415);
    expect(body.code).toBe('unsupported-media-type');
  });

  it('JSON with a UTF-8 charset, in any spelling, is accepted', async () => {
    await t.http.post('/complaints').set(clerk).set('Content-Type', 'application/json; charset=UTF-8').send(JSON.stringify(aComplaintBody())).expect(201);
  });

  it('JSON nested 5,000 levels deep: 400 naming the depth limit, not a crash', async () => {
    const deep = `{"description":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    for (const agent of [t.http.post('/complaints').set(clerk), t.anonymous.post('/complaints')]) {
      const body = await expectNothingAppended(() => agent.set('Content-Type', 'application/json').send(deep), 400);
      expect(body).toMatchObject({ code: 'too-deeply-nested', detail: expect.stringContaining('32') });
    }
  });

  it('JSON nested just within the depth limit is judged on its fields as usual', async () => {
    const nested = (levels: number): unknown => (levels === 0 ? 'x' : { a: nested(levels - 1) });
    const body = await expectNothingAppended(() => t.http.post('/complaints').set(clerk).send(aComplaintBody({ subject: nested(31) })), 400);
    expect(fieldsOf(body)).toContain('subject.a');
  });

  it('a body that is not an object: 400', async () => {
    await expectNothingAppended(() => t.http.post('/complaints').set(clerk).set('Content-Type', 'application/json').send('[1,2,3]'), 400);
  });

  it('a huge body: 413', async () => {
    const body = await expectNothingAppended(() => t.http.post('/complaints').set(clerk).send(aComplaintBody({ description: 'x'.repeat(100_000) })), 413);
    expect(body.code).toBe('body-too-large');
  });

  it('no credentials: 401 with the reason', async () => {
    const body = await expectNothingAppended(() => t.anonymous.post('/complaints').send(aComplaintBody()), 401);
    expect(body.code).toBe('missing-credentials');
  });

  it('actor headers are no credentials: 401', async () => {
    const body = await expectNothingAppended(() => t.anonymous.post('/complaints').set(clerk).send(aComplaintBody()), 401);
    expect(body.code).toBe('missing-credentials');
  });

  it('a malformed If-Match: 400', async () => {
    const body = await expectNothingAppended(() => t.http.post(`/complaints/${answered}/follow-ups`).set(officer).set('If-Match', 'yesterday').send({ problemSolved: true, satisfaction: 3 }), 400);
    expect(fieldsOf(body)).toEqual(['If-Match']);
  });

  it('an unknown complaint: 404, for commands and queries', async () => {
    const unknown = randomUUID();
    await expectNothingAppended(() => t.http.post(`/complaints/${unknown}/registration`).set(officer).send(aRegistrationBody()), 404);
    for (const path of ['', '/history', '/verification']) {
      const response = await t.http.get(`/complaints/${unknown}${path}`).expect(404);
      expect(response.body.code).toBe('complaint-not-found');
    }
  });

  it('an id that is not a UUID: 400 naming it', async () => {
    const body = await expectNothingAppended(() => t.http.post('/complaints/1%20OR%201=1/registration').set(officer).send(aRegistrationBody()), 400);
    expect(fieldsOf(body)).toEqual(['id']);
  });

  it('a bad asOf: 400; an unknown query parameter: 400', async () => {
    expect((await t.http.get(`/complaints/${answered}/history`).query({ asOf: 'last week' }).expect(400)).body.errors[0].field).toBe('asOf');
    expect((await t.http.get(`/complaints/${answered}/history`).query({ 'asOf[$gt]': '' }).expect(400)).body.status).toBe(400);
  });
});
