import { LocalOidcProvider } from '../../../../test/support/local-oidc-provider';
import { FakeClock } from '../../../../test/support/fake-clock';
import { OidcAuthenticator } from './oidc.authenticator';
import { OidcConfig } from './auth-config';

const HOUR_SECONDS = 3600;
const seconds = (date: Date): number => Math.floor(date.getTime() / 1000);

// Whether a token has expired is a question of the ledger's time: the Clock, not the machine's.
describe('OidcAuthenticator on the ledger Clock', () => {
  let provider: LocalOidcProvider;
  let config: OidcConfig;

  beforeAll(async () => {
    provider = await new LocalOidcProvider().start();
    config = {
      issuer: provider.issuer,
      audience: 'complaint-ledger',
      roleClaim: 'roles',
      actorClaim: 'sub',
      jwksCooldownMs: 0,
      clockToleranceSeconds: 5,
      maxTokenLifetimeSeconds: 2 * HOUR_SECONDS,
      spaScope: 'openid',
    };
  });
  afterAll(() => provider.stop());

  const claims = { sub: 'clerk-maria', aud: 'complaint-ledger', roles: ['intake-clerk'] };

  it('refuses a token that expired by the Clock, though not yet by the machine', async () => {
    const clock = new FakeClock(new Date(Date.now() + 2 * HOUR_SECONDS * 1000).toISOString());
    const token = await provider.sign(claims, { issuedAt: seconds(new Date()), expiresIn: seconds(new Date()) + HOUR_SECONDS });
    await expect(new OidcAuthenticator(config, clock).authenticate(token)).rejects.toMatchObject({ code: 'token-expired' });
  });

  it('accepts a token valid by the Clock, though expired by the machine, and measures its lifetime from the Clock', async () => {
    const clock = new FakeClock(new Date(Date.now() - 3 * HOUR_SECONDS * 1000).toISOString());
    const issued = seconds(clock.now());
    const token = await provider.sign(claims, { issuedAt: null, expiresIn: issued + HOUR_SECONDS });
    await expect(new OidcAuthenticator(config, clock).authenticate(token)).resolves.toMatchObject({ id: 'clerk-maria', role: 'intake-clerk', via: 'oidc' });
  });
});
