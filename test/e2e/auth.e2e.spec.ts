import { Logger } from '@nestjs/common';
import { complaintStreamId } from '@app/domain';
import { UserDirectory } from '@app/security';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { USER_DIRECTORY } from '@app/platform';
import { freePort } from '../support/api-process';
import { LocalOidcProvider } from '../support/local-oidc-provider';
import { aComplaintBody } from '../support/requests';
import { headPosition, startTestApp, TestApp } from '../support/test-app';

const AUDIENCE = 'complaint-ledger';

describe('authentication: OpenID Connect bearer JWTs against a JWKS, and personal API tokens', () => {
  let oidc: LocalOidcProvider;
  let t: TestApp;

  beforeAll(async () => {
    oidc = await new LocalOidcProvider().start();
    t = await startTestApp({
      env: { OIDC_ISSUER: oidc.issuer, OIDC_AUDIENCE: AUDIENCE, OIDC_ROLE_CLAIM: 'ledger_roles', OIDC_JWKS_COOLDOWN_SECONDS: '0' },
    });
  });
  afterAll(async () => {
    await t.close();
    await oidc.stop();
  });

  const clerkClaims = { sub: 'clerk-maria', aud: AUDIENCE, ledger_roles: ['staff', 'intake-clerk'] };

  /** Receives a complaint with these credentials; asserts the status and that a refusal wrote nothing. */
  const receiveWith = async (authorization: string | undefined, status: number) => {
    const before = await headPosition(t.store);
    const call = t.anonymous.post('/complaints');
    if (authorization !== undefined) call.set('Authorization', authorization);
    const response = await call.send(aComplaintBody());
    expect({ status: response.status, body: response.body }).toEqual({ status, body: expect.anything() });
    if (status >= 400) {
      expect(await headPosition(t.store)).toBe(before);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts:\d+|stack/i);
    }
    return response;
  };

  it('accepts a valid token and records its subject and role as the actor of the event', async () => {
    const { body } = await receiveWith(`Bearer ${await oidc.sign(clerkClaims)}`, 201);
    const [event] = await t.store.readStream(complaintStreamId(body.complaintId));
    expect(event.metadata.actor).toEqual({ id: 'clerk-maria', role: 'intake-clerk' });
  });

  it.each([
    ['no Authorization header', async () => undefined, 'missing-credentials'],
    ['a header that is not Bearer', async () => 'Basic YWxpY2U6c2VjcmV0', 'malformed-credentials'],
    ['an expired token', async () => `Bearer ${await oidc.sign(clerkClaims, { expiresIn: Math.floor(Date.now() / 1000) - 60 })}`, 'token-expired'],
    ['a token not valid yet', async () => `Bearer ${await oidc.sign(clerkClaims, { notBefore: '10m' })}`, 'token-not-yet-valid'],
    ['another issuer', async () => `Bearer ${await oidc.sign({ ...clerkClaims, iss: 'https://evil.example.com' })}`, 'wrong-issuer'],
    ['another audience', async () => `Bearer ${await oidc.sign({ ...clerkClaims, aud: 'another-api' })}`, 'wrong-audience'],
    ['no known role in the role claim', async () => `Bearer ${await oidc.sign({ ...clerkClaims, ledger_roles: ['ceo'] })}`, 'no-role'],
    ['the role in another claim than the configured one', async () => `Bearer ${await oidc.sign({ sub: 'x', aud: AUDIENCE, roles: ['intake-clerk'] })}`, 'no-role'],
    ['an unsigned token (alg none)', async () => `Bearer ${unsigned({ ...clerkClaims, iss: oidc.issuer, exp: Math.floor(Date.now() / 1000) + 300 })}`, 'invalid-token'],
    ['garbage', async () => 'Bearer not.a.jwt', 'invalid-token'],
    ['an unknown API token', async () => 'Bearer clt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'unknown-token'],
    ['a token that never expires (no exp)', async () => `Bearer ${await oidc.sign(clerkClaims, { expiresIn: null })}`, 'token-without-expiry'],
    ['a token that lives longer than the maximum (exp - iat > 24 h)', async () => `Bearer ${await oidc.sign(clerkClaims, { issuedAt: now() - 60, expiresIn: now() + DAY_SECONDS })}`, 'token-lifetime-too-long'],
    ['a token without iat that expires too far ahead (exp - now > 24 h)', async () => `Bearer ${await oidc.sign(clerkClaims, { issuedAt: null, expiresIn: now() + DAY_SECONDS + 60 })}`, 'token-lifetime-too-long'],
    ['a token issued "in the future" to look short-lived', async () => `Bearer ${await oidc.sign(clerkClaims, { issuedAt: now() + 30 * DAY_SECONDS, expiresIn: now() + 30 * DAY_SECONDS + 60 })}`, 'token-lifetime-too-long'],
  ])('refuses %s: 401 with the reason, nothing written', async (_, header, code) => {
    const response = await receiveWith(await header(), 401);
    expect(response.body).toMatchObject({ status: 401, code });
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('accepts a token that lives up to the maximum, with or without iat', async () => {
    await receiveWith(`Bearer ${await oidc.sign(clerkClaims, { issuedAt: now(), expiresIn: now() + DAY_SECONDS })}`, 201);
    await receiveWith(`Bearer ${await oidc.sign(clerkClaims, { issuedAt: null, expiresIn: now() + DAY_SECONDS - 60 })}`, 201);
  });

  it('refuses tokens longer-lived than OIDC_MAX_TOKEN_LIFETIME_SECONDS', async () => {
    const strict = await startTestApp({ env: { OIDC_ISSUER: oidc.issuer, OIDC_AUDIENCE: AUDIENCE, OIDC_ROLE_CLAIM: 'ledger_roles', OIDC_MAX_TOKEN_LIFETIME_SECONDS: '600' } });
    try {
      const get = async (expiresIn: string) => strict.anonymous.get('/policies').set('Authorization', `Bearer ${await oidc.sign(clerkClaims, { expiresIn })}`);
      expect((await get('15m')).body).toMatchObject({ status: 401, code: 'token-lifetime-too-long' });
      expect((await get('10m')).status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('logs at warn a principal whose actor id is already known with another role, by either kind of token', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      const as = async (sub: string, role: string) => `Bearer ${await oidc.sign({ ...clerkClaims, sub, ledger_roles: [role] })}`;
      await t.anonymous.get('/policies').set('Authorization', await as('officer-nina', 'quality-officer')).expect(200);
      await t.anonymous.get('/policies').set('Authorization', await as('officer-nina', 'quality-officer')).expect(200);
      expect(roleChanges(warn)).toEqual([]);
      await t.anonymous.get('/policies').set('Authorization', await as('officer-nina', 'manager')).expect(200);
      t.tokenFor('auditor-vera', 'auditor'); // a personal API token: the directory knows her as an auditor
      await t.anonymous.get('/policies').set('Authorization', await as('auditor-vera', 'administrator')).expect(200);
      expect(roleChanges(warn)).toEqual([
        expect.objectContaining({ actor: 'officer-nina', role: 'manager', knownRole: 'quality-officer', via: 'oidc' }),
        expect.objectContaining({ actor: 'auditor-vera', role: 'administrator', knownRole: 'auditor', via: 'oidc' }),
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  it('refuses a token whose signature does not verify (signed by another key under a published kid)', async () => {
    const forged = await oidc.sign(clerkClaims, { key: { ...(await LocalOidcProvider.foreignKey('key-1')) } });
    expect((await receiveWith(`Bearer ${forged}`, 401)).body.code).toBe('bad-signature');
  });

  it('follows a key rotation: a token of the new key is accepted, one of the retired key no longer', async () => {
    const beforeRotation = await oidc.sign(clerkClaims);
    await receiveWith(`Bearer ${beforeRotation}`, 201);
    const fetches = oidc.jwksFetches;
    await oidc.rotate('key-2');
    await receiveWith(`Bearer ${await oidc.sign(clerkClaims)}`, 201);
    expect(oidc.jwksFetches).toBe(fetches + 1); // the unknown kid made the API fetch the key set again
    const stranger = await oidc.sign(clerkClaims, { key: await LocalOidcProvider.foreignKey('key-9') });
    expect((await receiveWith(`Bearer ${stranger}`, 401)).body.code).toBe('unknown-signing-key');
    expect((await receiveWith(`Bearer ${beforeRotation}`, 401)).body.code).toBe('unknown-signing-key');
  });

  it('API tokens: work until revoked, and are stored only as a hash', async () => {
    const token = t.tokenFor('clerk-ivan', 'intake-clerk');
    const { body } = await receiveWith(`Bearer ${token}`, 201);
    const [event] = await t.store.readStream(complaintStreamId(body.complaintId));
    expect(event.metadata.actor).toEqual({ id: 'clerk-ivan', role: 'intake-clerk' });
    for (const file of readdirSync(t.dataDir)) expect(readFileSync(join(t.dataDir, file)).includes(token)).toBe(false);
    t.app.get<UserDirectory>(USER_DIRECTORY).revoke('clerk-ivan', new Date());
    expect((await receiveWith(`Bearer ${token}`, 401)).body.code).toBe('unknown-token');
  });

  it('ignores the old actor headers: they are no credentials', async () => {
    const response = await t.anonymous.get('/policies').set({ 'X-Actor-Id': 'boss', 'X-Actor-Role': 'administrator' });
    expect(response.status).toBe(401);
  });

  it('answers 503 with Retry-After, not 401, when the identity provider cannot be reached', async () => {
    const unreachable = await startTestApp({ env: { OIDC_ISSUER: `http://127.0.0.1:${await freePort()}`, OIDC_AUDIENCE: AUDIENCE } });
    try {
      const response = await unreachable.anonymous.get('/policies').set('Authorization', `Bearer ${await oidc.sign(clerkClaims)}`).expect(503);
      expect(response.body.code).toBe('identity-provider-unavailable');
      expect(response.headers['retry-after']).toBeDefined();
    } finally {
      await unreachable.close();
    }
  });

  it('keeps the health check public', async () => {
    await t.anonymous.get('/health').expect(200);
  });
});

const DAY_SECONDS = 86_400;
const now = (): number => Math.floor(Date.now() / 1000);

const roleChanges = (warn: jest.SpyInstance): Array<Record<string, unknown>> =>
  warn.mock.calls.map(([line]) => line as Record<string, unknown>).filter((line) => line?.msg === 'principal known with another role');

const unsigned = (claims: object): string =>
  `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
