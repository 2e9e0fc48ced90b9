import { LocalOidcProvider } from '../support/local-oidc-provider';
import { aComplaintBody, aRegistrationBody, clerk, officer } from '../support/requests';
import { headPosition, startTestApp, TestApp } from '../support/test-app';

// Issue 14: the responsible officer and reassignment targets are known people with the quality-officer role.
const AUDIENCE = 'complaint-ledger';

const receive = async (t: TestApp) => (await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body.complaintId as string;

const expectUnknownOfficer = (response: { status: number; headers: Record<string, string>; body: { code: string; errors: unknown } }, field: string) => {
  expect(response.status).toBe(400);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ code: 'unknown-officer', errors: [{ field, reason: expect.stringContaining('is not a known quality officer') }] });
};

describe('the responsible officer, in the embedded user directory', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    t.tokenFor('manager-ivanova', 'manager');
  });
  afterAll(() => t.close());

  it.each([
    ['nobody the directory knows', 'officer-nobody'],
    ['a user without the quality-officer role', 'manager-ivanova'],
  ])('refuses to register with %s: 400 naming responsibleOfficer, nothing written', async (_who, id) => {
    const complaintId = await receive(t);
    const before = await headPosition(t.store);
    expectUnknownOfficer(await t.http.post(`/complaints/${complaintId}/registration`).set(officer).send(aRegistrationBody({ responsibleOfficer: id })), 'responsibleOfficer');
    expect(await headPosition(t.store)).toBe(before);
  });

  it('refuses to reassign to an unknown officer (400 naming `to`) and accepts a known one', async () => {
    const complaintId = await receive(t);
    await t.http.post(`/complaints/${complaintId}/registration`).set(officer).send(aRegistrationBody()).expect(200);
    const refused = await t.http.post(`/complaints/${complaintId}/reassignment`).set(officer).send({ to: 'officer-nobody', reason: 'On leave.' });
    expectUnknownOfficer(refused, 'to');
    t.tokenFor('officer-new', 'quality-officer'); // as `ledger-cli users add officer-new --role quality-officer` does
    await t.http.post(`/complaints/${complaintId}/reassignment`).set(officer).send({ to: 'officer-new', reason: 'On leave.' }).expect(200);
  });
});

describe('the responsible officer, from OFFICERS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { OFFICERS: 'officer-petrov,officer-external' } });
  });
  afterAll(() => t.close());

  it('accepts only those listed, whatever the directory holds', async () => {
    const listed = await receive(t);
    await t.http.post(`/complaints/${listed}/registration`).set(officer).send(aRegistrationBody({ responsibleOfficer: 'officer-external' })).expect(200);
    const unlisted = await receive(t);
    // officer-dimitrova is a quality officer of the test app's directory, but not on the list.
    expectUnknownOfficer(await t.http.post(`/complaints/${unlisted}/registration`).set(officer).send(aRegistrationBody({ responsibleOfficer: 'officer-dimitrova' })), 'responsibleOfficer');
  });
});

describe('the responsible officer, with OpenID Connect: the people seen', () => {
  let oidc: LocalOidcProvider;
  let t: TestApp;
  beforeAll(async () => {
    oidc = await new LocalOidcProvider().start();
    t = await startTestApp({ env: { OIDC_ISSUER: oidc.issuer, OIDC_AUDIENCE: AUDIENCE, OIDC_ROLE_CLAIM: 'ledger_roles' } });
  });
  afterAll(async () => {
    await t.close();
    await oidc.stop();
  });

  it('knows a quality officer once the provider has signed them in, and not before', async () => {
    const complaintId = await receive(t);
    const register = () => t.http.post(`/complaints/${complaintId}/registration`).set(officer).send(aRegistrationBody({ responsibleOfficer: 'officer-oidc' }));
    expectUnknownOfficer(await register(), 'responsibleOfficer');

    const token = await oidc.sign({ sub: 'officer-oidc', aud: AUDIENCE, ledger_roles: ['quality-officer'] });
    await t.anonymous.get('/me').set('Authorization', `Bearer ${token}`).expect(200);
    await register().expect(200);
  });

  it('does not count someone the provider signed in with another role', async () => {
    const token = await oidc.sign({ sub: 'clerk-oidc', aud: AUDIENCE, ledger_roles: ['intake-clerk'] });
    await t.anonymous.get('/me').set('Authorization', `Bearer ${token}`).expect(200);
    const complaintId = await receive(t);
    expectUnknownOfficer(await t.http.post(`/complaints/${complaintId}/registration`).set(officer).send(aRegistrationBody({ responsibleOfficer: 'clerk-oidc' })), 'responsibleOfficer');
  });
});
