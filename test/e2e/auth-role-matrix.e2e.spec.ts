import { ACTOR_ROLES, ActorRole } from '@app/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EndpointPermission, PERMISSIONS, roleEndpointTable } from '@app/platform';
import {
  aCompensationBody,
  aComplaintBody,
  aFollowUpBody,
  anAnswerBody,
  anInvestigationBody,
  aRegistrationBody,
  clerk,
  manager,
  officer,
} from '../support/requests';
import { headPosition, startTestApp, TestApp } from '../support/test-app';

const THRESHOLD = 10_000;

/** A valid body for each command, so that an allowed role gets past validation to the rules of the case. */
const BODIES: Record<string, object> = {
  '/complaints': aComplaintBody(),
  '/complaints/:id/registration': aRegistrationBody(),
  '/complaints/:id/investigation': anInvestigationBody(),
  '/complaints/:id/investigation-waiver': { reason: 'Same fault as already investigated.' },
  '/complaints/:id/answer': anAnswerBody(),
  '/complaints/:id/compensations': aCompensationBody({ amount: { amountMinor: THRESHOLD, currency: 'EUR' } }),
  '/complaints/:id/follow-ups': aFollowUpBody(),
  '/complaints/:id/contacts': { kind: 'progress-update', channel: 'phone', summary: 'The lab report is due Monday.' },
  '/complaints/:id/reassignment': { to: 'officer-dimitrova', reason: 'Leave' },
  '/complaints/:id/deadline-extensions': { answerDueAt: '2030-01-01T00:00:00Z', reason: 'Waiting for the supplier', customerInformedAt: '2026-01-01T00:00:00Z', customerInformedVia: 'phone' },
  '/complaints/:id/closure': {},
  '/complaints/:id/reopening': { reason: 'The fault came back.' },
  '/complaints/:id/withdrawal': { reason: 'Solved it myself.' },
};

describe('the role matrix: every role against every endpoint', () => {
  let t: TestApp;
  let complaintId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { COMPENSATION_APPROVAL_THRESHOLDS: `EUR:${THRESHOLD}` } });
    complaintId = await anAnsweredComplaint();
  });
  afterAll(() => t.close());

  const anAnsweredComplaint = async (): Promise<string> => {
    const id = (await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body.complaintId;
    await t.http.post(`/complaints/${id}/registration`).set(officer).send(aRegistrationBody()).expect(200);
    await t.http.post(`/complaints/${id}/investigation`).set(officer).send(anInvestigationBody()).expect(200);
    await t.http.post(`/complaints/${id}/answer`).set(manager).send(anAnswerBody()).expect(200);
    return id;
  };

  const call = (permission: EndpointPermission, role: ActorRole, body?: object) => {
    const path = permission.path.replace(':id', complaintId).replace(':name', 'statistics');
    const request = permission.method === 'GET' ? t.anonymous.get(path) : t.anonymous.post(path).send(body ?? BODIES[permission.path] ?? {});
    return request.set('Authorization', `Bearer ${t.tokenFor(`${role}-1`, role)}`);
  };

  const cases = PERMISSIONS.flatMap((permission) => ACTOR_ROLES.map((role) => [`${permission.method} ${permission.path}`, role, permission] as const));

  it.each(cases)('%s as %s: 403 where the table says so, never a 500', async (_, role, permission) => {
    const before = await headPosition(t.store);
    const response = await call(permission, role);
    const allowed = permission.roles === 'public' || permission.roles.includes(role);
    if (allowed) {
      expect({ status: response.status, body: response.body }).toEqual({ status: expect.any(Number), body: expect.anything() });
      expect([401, 403]).not.toContain(response.status);
    } else {
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 403, code: 'forbidden' });
      if (permission.method === 'POST') expect(await headPosition(t.store)).toBe(before);
    }
    expect(response.status).toBeLessThan(500);
  });

  it('a compensation above the threshold needs a manager; up to it a quality officer may grant it', async () => {
    const officerAlone = await anAnsweredComplaint();
    const onOfficerAlone = { ...(PERMISSIONS.find((p) => p.path === '/complaints/:id/compensations') as EndpointPermission) };
    onOfficerAlone.path = onOfficerAlone.path.replace(':id', officerAlone);
    await call(onOfficerAlone, 'quality-officer', aCompensationBody({ amount: { amountMinor: THRESHOLD, currency: 'EUR' } })).expect(200);
    complaintId = await anAnsweredComplaint(); // the matrix withdrew the first one
    const compensations = PERMISSIONS.find((p) => p.path === '/complaints/:id/compensations') as EndpointPermission;
    const above = aCompensationBody({ amount: { amountMinor: THRESHOLD + 1, currency: 'EUR' } });
    const before = await headPosition(t.store);
    const refused = await call(compensations, 'quality-officer', above).expect(403);
    expect(refused.body.code).toBe('manager-approval-required');
    expect(await headPosition(t.store)).toBe(before);
    await call(compensations, 'manager', above).expect(200);
    // The case now holds more than the threshold: any further grant needs a manager.
    await call(compensations, 'quality-officer', aCompensationBody({ amount: { amountMinor: 1, currency: 'EUR' } })).expect(403);
  });

  it('covers every endpoint the API documents, and nothing it does not', async () => {
    const spec = (await t.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(spec.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(PERMISSIONS.map((p) => `${p.method} ${p.path}`).sort()).toEqual(documented.sort());
  });

  it('docs/security.md shows the very table the guard enforces', () => {
    expect(readFileSync(join(__dirname, '../../docs/security.md'), 'utf8')).toContain(roleEndpointTable());
  });
});
