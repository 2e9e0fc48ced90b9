import { ConfigError, loadConfig } from '../config/app-config';

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe('authentication and hardening settings', () => {
  it('default to API tokens only, no CORS, rate limits and a compensation threshold', () => {
    expect(loadConfig({})).toMatchObject({
      auth: { apiTokens: true, oidc: undefined, unauthenticatedPerMinute: 30, trustProxy: false },
      corsOrigins: [],
      rateLimitPerMinute: 600,
      compensationApproval: { thresholdsMinor: { EUR: 50_000 } },
    });
  });

  it('trust no proxy unless told: a number of hops, or the proxies by address', () => {
    expect(loadConfig({}).auth.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).auth.trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::1' }).auth.trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::1']);
  });

  it('read OpenID Connect with its defaults', () => {
    expect(loadConfig({ OIDC_ISSUER: 'https://id.example.com/realms/staff', OIDC_AUDIENCE: 'ledger' }).auth.oidc).toEqual({
      issuer: 'https://id.example.com/realms/staff',
      audience: 'ledger',
      roleClaim: 'roles',
      actorClaim: 'sub',
      jwksUri: undefined,
      jwksCooldownMs: 30_000,
      clockToleranceSeconds: 5,
      maxTokenLifetimeSeconds: 86_400,
      spaClientId: undefined,
      spaScope: 'openid',
    });
  });

  it("reads the workspace's public client, which turns on its \"Sign in with …\"", () => {
    const env = { OIDC_ISSUER: 'https://id.example.com', OIDC_AUDIENCE: 'ledger', OIDC_SPA_CLIENT_ID: ' ledger-workspace ', OIDC_SPA_SCOPE: 'openid ledger' };
    expect(loadConfig(env).auth.oidc).toMatchObject({ spaClientId: 'ledger-workspace', spaScope: 'openid ledger' });
  });

  it.each([
    [{ OIDC_ISSUER: 'https://id.example.com' }, 'OIDC_ISSUER needs OIDC_AUDIENCE'],
    [{ OIDC_AUDIENCE: 'ledger' }, 'need OIDC_ISSUER'],
    [{ OIDC_ISSUER: 'id.example.com', OIDC_AUDIENCE: 'ledger' }, 'must be an http(s) URL'],
    [{ API_TOKENS: 'off' }, 'nobody could sign in'],
    [{ OIDC_ISSUER: 'https://id.example.com', OIDC_AUDIENCE: 'ledger', OIDC_MAX_TOKEN_LIFETIME_SECONDS: '0' }, 'OIDC_MAX_TOKEN_LIFETIME_SECONDS'],
    [{ API_TOKENS: 'maybe' }, 'must be on or off'],
    [{ CORS_ORIGINS: 'https://ok.example.com,*' }, 'CORS_ORIGINS contains "*"'],
    [{ RATE_LIMIT_PER_MINUTE: '-1' }, 'RATE_LIMIT_PER_MINUTE'],
    [{ COMPENSATION_APPROVAL_THRESHOLD: '10000' }, 'replaced by COMPENSATION_APPROVAL_THRESHOLDS'],
    [{ COMPENSATION_APPROVAL_THRESHOLDS: 'EUR:10.5' }, 'COMPENSATION_APPROVAL_THRESHOLDS: "EUR:10.5" is not CURRENCY:AMOUNT'],
    [{ COMPENSATION_APPROVAL_THRESHOLDS: 'EURO:100' }, 'COMPENSATION_APPROVAL_THRESHOLDS: "EURO:100" is not CURRENCY:AMOUNT'],
    [{ RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE: 'many' }, 'RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE'],
    [{ TRUST_PROXY: 'everyone' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '0' }, 'TRUST_PROXY'],
  ])('refuse %j with a clear line', (env, message) => {
    expect(problemsOf(env)).toEqual([expect.stringContaining(message)]);
  });
});
