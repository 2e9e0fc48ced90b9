import * as domain from '@app/domain';
import { randomBytes } from 'node:crypto';
import { aComplaintBody, aRegistrationBody, clerk } from '../support/requests';
import { startTestApp, TestApp } from '../support/test-app';

/** A JPEG as far as the signature check goes. */
const aPhoto = (): Buffer => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(600)]);

// The rules as the app imports them, counted when called directly (outside the decider the handler runs).
jest.mock('@app/domain', () => {
  const actual = jest.requireActual('@app/domain');
  return { ...actual, decide: jest.fn(actual.decide) };
});

// Every command is decided once, by the one command handler: a second decision elsewhere is a second place its rules could drift.
describe('each command through HTTP is decided once', () => {
  let t: TestApp;
  let byHandler: jest.SpyInstance;
  const direct = domain.decide as unknown as jest.Mock;
  const decided = (type: string): number =>
    [...byHandler.mock.calls, ...direct.mock.calls].filter(([command]) => (command as { type: string }).type === type).length;

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(() => {
    byHandler = jest.spyOn(domain.complaintDecider, 'decide');
    direct.mockClear();
  });
  afterEach(() => byHandler.mockRestore());
  afterAll(() => t.close());

  it('receives and registers a complaint deciding each once', async () => {
    const { complaintId } = (await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body;
    await t.http.post(`/complaints/${complaintId}/registration`).set(clerk).send(aRegistrationBody()).expect(200);
    expect([decided('ReceiveComplaint'), decided('RegisterComplaint')]).toEqual([1, 1]);
  });

  it('attaches an evidence file deciding AttachEvidence once', async () => {
    const { complaintId } = (await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body;
    await t.http.post(`/complaints/${complaintId}/evidence`).query({ filename: 'receipt.jpg' }).set(clerk).set('Content-Type', 'image/jpeg').send(aPhoto()).expect(201);
    expect(decided('AttachEvidence')).toBe(1);
  });

  it('refuses an evidence file on a withdrawn case deciding once, and stores nothing', async () => {
    const { complaintId } = (await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body;
    await t.http.post(`/complaints/${complaintId}/withdrawal`).set(clerk).send({ reason: 'The customer withdrew it.' }).expect(200);
    byHandler.mockClear();
    direct.mockClear();
    const refused = await t.http.post(`/complaints/${complaintId}/evidence`).query({ filename: 'receipt.jpg' }).set(clerk).set('Content-Type', 'image/jpeg').send(aPhoto());
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(decided('AttachEvidence')).toBe(1);
    expect((await t.http.get(`/complaints/${complaintId}/evidence`).set(clerk).expect(200)).body.evidence).toEqual([]);
  });
});
