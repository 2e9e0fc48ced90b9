import { isIP } from 'node:net';

/** How principals prove who they are (both ways may be on at once; a token's shape says which applies), and how clients that fail are held back. */
export interface AuthConfig {
  /** Personal API tokens from `ledger-cli users add` (the embedded default). */
  apiTokens: boolean;
  /** Bearer JWTs from the organisation's OpenID Connect provider, when OIDC_ISSUER is set. */
  oidc?: OidcConfig;
  /** Requests without valid credentials per client address per minute; beyond, 429 before authentication. 0: no limit. */
  unauthenticatedPerMinute: number;
  /** Which proxies' X-Forwarded-For names the client (Express's `trust proxy`); false: the TCP peer is the client. */
  trustProxy: false | number | string[];
}

export interface OidcConfig {
  issuer: string;
  audience: string;
  /** The claim holding the role (a string, or an array whose first known role counts). */
  roleClaim: string;
  /** The claim naming the person, recorded as the actor of every event. */
  actorClaim: string;
  /** Where the signing keys are; when unset, found through the issuer's discovery document. */
  jwksUri?: string;
  /** How soon an unknown key id may make the key set be fetched again (key rotation). */
  jwksCooldownMs: number;
  clockToleranceSeconds: number;
  /** Longest lifetime accepted: exp - iat, and exp - now (a token without exp is refused). */
  maxTokenLifetimeSeconds: number;
  /** The workspace's public client at the provider (OIDC_SPA_CLIENT_ID): with it, the sign-in page offers "Sign in with …". */
  spaClientId?: string;
  /** The scopes the workspace asks for (OIDC_SPA_SCOPE), so that the provider issues an access token for this API. */
  spaScope: string;
}

type IntegerSetting = (name: string, fallback: number, min: number, max: number) => number;

/** Reads the authentication settings; adds one line per bad value to `problems`. */
export const loadAuthConfig = (env: NodeJS.ProcessEnv, problems: string[], integer: IntegerSetting): AuthConfig => {
  const apiTokens = env.API_TOKENS ?? 'on';
  if (apiTokens !== 'on' && apiTokens !== 'off') problems.push(`API_TOKENS="${apiTokens}" must be on or off.`);
  const issuer = env.OIDC_ISSUER?.trim();
  const audience = env.OIDC_AUDIENCE?.trim();
  const jwksUri = env.OIDC_JWKS_URI?.trim() || undefined;
  if (!issuer && (audience || jwksUri)) problems.push('OIDC_AUDIENCE and OIDC_JWKS_URI need OIDC_ISSUER.');
  if (issuer && !audience) problems.push('OIDC_ISSUER needs OIDC_AUDIENCE: the audience this API accepts tokens for.');
  for (const [name, url] of [['OIDC_ISSUER', issuer], ['OIDC_JWKS_URI', jwksUri]] as const)
    if (url && !isHttpUrl(url)) problems.push(`${name}="${url}" must be an http(s) URL.`);
  const oidc: OidcConfig | undefined =
    issuer && audience
      ? {
          issuer,
          audience,
          roleClaim: env.OIDC_ROLE_CLAIM?.trim() || 'roles',
          actorClaim: env.OIDC_ACTOR_CLAIM?.trim() || 'sub',
          jwksUri,
          jwksCooldownMs: integer('OIDC_JWKS_COOLDOWN_SECONDS', 30, 0, 86_400) * 1000,
          clockToleranceSeconds: integer('OIDC_CLOCK_TOLERANCE_SECONDS', 5, 0, 300),
          maxTokenLifetimeSeconds: integer('OIDC_MAX_TOKEN_LIFETIME_SECONDS', 86_400, 60, 30 * 86_400),
          spaClientId: env.OIDC_SPA_CLIENT_ID?.trim() || undefined,
          spaScope: env.OIDC_SPA_SCOPE?.trim() || 'openid',
        }
      : undefined;
  if (apiTokens === 'off' && !oidc) problems.push('API_TOKENS=off needs OIDC_ISSUER and OIDC_AUDIENCE: nobody could sign in.');
  const unauthenticatedPerMinute = integer('RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE', 30, 0, 1_000_000);
  return { apiTokens: apiTokens !== 'off', oidc, unauthenticatedPerMinute, trustProxy: trustProxy(env.TRUST_PROXY, problems) };
};

// Client addresses decide rate limits: trusting X-Forwarded-For from anyone would let a client pick its own.
const trustProxy = (raw: string | undefined, problems: string[]): false | number | string[] => {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'off') return false;
  if (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 10) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  const bad = entries.filter((entry) => !['loopback', 'linklocal', 'uniquelocal'].includes(entry) && !isAddressOrRange(entry));
  if (bad.length > 0 || entries.length === 0) {
    problems.push(`TRUST_PROXY="${value}" must be off, a number of proxies (1 to 10), or addresses/ranges of the proxies (10.0.0.0/8, loopback, uniquelocal).`);
    return false;
  }
  return entries;
};

const isAddressOrRange = (entry: string): boolean => {
  const [address, bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
};

const isHttpUrl = (value: string): boolean => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};
