import { ACTOR_ROLES, ActorRole } from '@app/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EndpointPermission, PERMISSIONS, roleEndpointTable } from '@app/platform';
import { aCaseIn, CaseState } from '../support/cases';
import { eventually } from '../support/eventually';
import { FakeClock } from '../support/fake-clock';
import { aCompensationBody, aComplaintBody, aFollowUpBody, anAnswerBody, anInvestigationBody, aRegistrationBody, clerk } from '../support/requests';
import { headPosition, useTestApp } from '../support/test-app';

const THRESHOLD = 10_000;
// Monday 2 March 2026, 09:15 UTC: the answer of a case received now is due 12 March.
const NOW = '2026-03-02T09:15:00.000Z';
const A_JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(400, 7)]);

/**
 * What each endpoint needs for an allowed role to succeed, and the status it then answers: the case in the state
 * the command needs (each call sets up its own), a valid body, and for a download a file attached first.
 */
interface Scenario {
  status: number;
  given?: CaseState;
  body?: object;
  /** Sent as the raw bytes of a JPEG (evidence), not as JSON. */
  file?: true;
  /** A file attached to the case, whose hash fills :sha256. */
  attached?: true;
}

const SCENARIOS: Record<string, Scenario> = {
  'POST /complaints': { status: 201, body: aComplaintBody() },
  'POST /complaints/:id/registration': { status: 200, given: 'received', body: aRegistrationBody() },
  'POST /complaints/:id/investigation': { status: 200, given: 'registered', body: anInvestigationBody() },
  'POST /complaints/:id/investigation-waiver': { status: 200, given: 'registered', body: { reason: 'Same fault as already investigated.' } },
  'POST /complaints/:id/answer': { status: 200, given: 'investigated', body: anAnswerBody() },
  'POST /complaints/:id/compensations': { status: 200, given: 'answered', body: aCompensationBody({ amount: { amountMinor: THRESHOLD, currency: 'EUR' } }) },
  'POST /complaints/:id/follow-ups': { status: 200, given: 'answered', body: aFollowUpBody() },
  'POST /complaints/:id/contacts': { status: 200, given: 'registered', body: { kind: 'progress-update', channel: 'phone', summary: 'The lab report is due Monday.' } },
  'POST /complaints/:id/reassignment': { status: 200, given: 'registered', body: { to: 'officer-dimitrova', reason: 'Leave' } },
  'POST /complaints/:id/deadline-extensions': {
    status: 200,
    given: 'registered',
    body: { answerDueAt: '2026-03-31T23:59:59.999Z', reason: 'Waiting for the supplier', customerInformedAt: NOW, customerInformedVia: 'phone' },
  },
  'POST /complaints/:id/awaiting-complainant': { status: 200, given: 'registered', body: { requested: 'A photo of the serial-number plate.' } },
  'POST /complaints/:id/complainant-information': { status: 200, given: 'awaiting-complainant', body: { summary: 'The photo arrived by e-mail.' } },
  'POST /complaints/:id/closure': { status: 200, given: 'answered', body: {} },
  'POST /complaints/:id/reopening': { status: 200, given: 'closed', body: { reason: 'The fault came back.' } },
  'POST /complaints/:id/withdrawal': { status: 200, given: 'registered', body: { reason: 'Solved it myself.' } },
  'POST /complaints/:id/evidence': { status: 201, given: 'received', file: true },
  'GET /complaints/:id/evidence/:sha256': { status: 200, given: 'received', attached: true },
  'POST /projections/:name/rebuild': { status: 202 },
  'POST /projections/:name/restart': { status: 200 },
};

const endpoint = (permission: EndpointPermission) => `${permission.method} ${permission.path}`;

/** Every command has its scenario above; a read answers 200, on a case received for it where its path names one. */
const scenarioOf = (permission: EndpointPermission): Scenario | undefined =>
  SCENARIOS[endpoint(permission)] ?? (permission.method === 'GET' ? { status: 200, given: permission.path.includes(':id') ? 'received' : undefined } : undefined);

describe('the role matrix: every role against every endpoint', () => {
  const t = useTestApp({ clock: new FakeClock(NOW), env: { COMPENSATION_APPROVAL_THRESHOLDS: `EUR:${THRESHOLD}` } });

  const asRole = <R extends { set(field: string, value: string): R }>(request: R, role: ActorRole): R =>
    request.set('Authorization', `Bearer ${t.tokenFor(`${role}-1`, role)}`);

  /** The endpoint's path for a case set up as the scenario says. */
  const pathFor = async (permission: EndpointPermission, scenario: Scenario): Promise<string> => {
    const id = scenario.given ? await aCaseIn(t.http, scenario.given) : 'no-case';
    let sha256 = 'no-file';
    if (scenario.attached) {
      const attached = await t.http.post(`/complaints/${id}/evidence`).query({ filename: 'plate.jpg' }).set(clerk).set('Content-Type', 'image/jpeg').send(A_JPEG).expect(201);
      sha256 = (attached.headers.location as string).split('/').pop() as string;
    }
    return permission.path.replace(':id', id).replace(':name', 'statistics').replace(':sha256', sha256);
  };

  const call = (permission: EndpointPermission, path: string, role: ActorRole, scenario: Scenario) => {
    if (permission.method === 'GET') return asRole(t.anonymous.get(path), role);
    const post = asRole(t.anonymous.post(path), role);
    return scenario.file ? post.query({ filename: 'receipt.jpg' }).set('Content-Type', 'image/jpeg').send(A_JPEG) : post.send(scenario.body ?? {});
  };

  const cases = PERMISSIONS.flatMap((permission) => ACTOR_ROLES.map((role) => [endpoint(permission), role, permission] as const));

  it('has a scenario for every endpoint of the table, and none for an endpoint it lacks', () => {
    expect(PERMISSIONS.filter((permission) => !scenarioOf(permission)).map(endpoint)).toEqual([]);
    expect(Object.keys(SCENARIOS).filter((name) => !PERMISSIONS.some((permission) => endpoint(permission) === name))).toEqual([]);
  });

  it.each(cases)('%s as %s: its success status where the table allows it, else 403 and nothing appended', async (name, role, permission) => {
    const scenario = scenarioOf(permission) as Scenario;
    const path = await pathFor(permission, scenario);
    const before = await headPosition(t.store);
    const response = await call(permission, path, role, scenario);
    const allowed = permission.roles === 'public' || permission.roles.includes(role);
    if (allowed) {
      expect({ status: response.status, code: response.body.code }).toEqual({ status: scenario.status, code: undefined });
      // A rebuild runs on after its 202: wait for it to end, so that no other case meets it.
      if (name === 'POST /projections/:name/rebuild')
        await eventually(async () => ['done', 'failed'].includes((await t.http.get(path).expect(200)).body.state), 10_000, 'the rebuild to end');
    } else {
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 403, code: 'forbidden' });
      if (permission.method === 'POST') expect(await headPosition(t.store)).toBe(before);
    }
  });

  it('a compensation above the threshold needs a manager; up to it a quality officer may grant it', async () => {
    const compensate = (id: string, role: ActorRole, amountMinor: number) =>
      asRole(t.anonymous.post(`/complaints/${id}/compensations`), role).send(aCompensationBody({ amount: { amountMinor, currency: 'EUR' } }));
    await compensate(await aCaseIn(t.http, 'answered'), 'quality-officer', THRESHOLD).expect(200);
    const id = await aCaseIn(t.http, 'answered');
    const before = await headPosition(t.store);
    const refused = await compensate(id, 'quality-officer', THRESHOLD + 1).expect(403);
    expect(refused.body.code).toBe('manager-approval-required');
    expect(await headPosition(t.store)).toBe(before);
    await compensate(id, 'manager', THRESHOLD + 1).expect(200);
    // The case now holds more than the threshold: any further grant needs a manager.
    expect((await compensate(id, 'quality-officer', 1).expect(403)).body.code).toBe('manager-approval-required');
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
