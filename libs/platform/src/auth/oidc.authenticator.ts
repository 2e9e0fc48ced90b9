import { ACTOR_ROLES, ActorRole } from '@app/domain';
import { USER_ID } from '@app/security';
import { createRemoteJWKSet, errors, JWTPayload, jwtVerify } from 'jose';
import { Clock } from '../infrastructure/tokens';
import { OidcConfig } from './auth-config';
import { AuthenticationFailed, Principal } from './principal';

type KeySet = ReturnType<typeof createRemoteJWKSet>;

/**
 * Verifies bearer JWTs of the organisation's OpenID Connect provider with jose: signature against
 * the issuer's JWKS (cached; an unknown key id fetches it again, which is how rotation arrives),
 * then exp (required, and within the maximum lifetime), nbf, iss and aud. The role comes from a
 * configurable claim.
 */
export class OidcAuthenticator {
  private keySet?: Promise<KeySet>;

  constructor(
    private readonly config: OidcConfig,
    private readonly clock: Clock,
  ) {}

  async authenticate(token: string): Promise<Principal> {
    const keys = await this.keys();
    // Expiry and lifetime are judged by the ledger's time, the Clock.
    const now = this.clock.now();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        currentDate: now,
        issuer: this.config.issuer,
        audience: this.config.audience,
        clockTolerance: this.config.clockToleranceSeconds,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      throw failureOf(error);
    }
    this.checkLifetime(payload as JWTPayload & { exp: number }, Math.floor(now.getTime() / 1000));
    return { id: this.actorOf(payload), role: this.roleOf(payload), via: 'oidc' };
  }

  /** A stolen token is good until it expires: so it must expire, and soon. An iat in the future shortens nothing. */
  private checkLifetime({ exp, iat }: JWTPayload & { exp: number }, now: number): void {
    const lifetime = Math.max(exp - now, typeof iat === 'number' ? exp - iat : 0);
    if (lifetime > this.config.maxTokenLifetimeSeconds)
      throw new AuthenticationFailed(
        'token-lifetime-too-long',
        `The token lives ${lifetime} s; this API accepts tokens that expire at most ${this.config.maxTokenLifetimeSeconds} s after they are issued.`,
      );
  }

  private actorOf(payload: JWTPayload): string {
    const id = payload[this.config.actorClaim];
    if (typeof id !== 'string' || !USER_ID.test(id))
      throw new AuthenticationFailed('invalid-token', `The token's "${this.config.actorClaim}" claim does not name a person (1–100 letters, digits or . _ @ + -).`);
    return id;
  }

  private roleOf(payload: JWTPayload): ActorRole {
    const claim = payload[this.config.roleClaim];
    const values = Array.isArray(claim) ? claim : [claim];
    const role = values.find((value): value is ActorRole => ACTOR_ROLES.includes(value as ActorRole));
    if (!role)
      throw new AuthenticationFailed('no-role', `The token's "${this.config.roleClaim}" claim holds none of the roles ${ACTOR_ROLES.join(', ')}.`);
    return role;
  }

  private keys(): Promise<KeySet> {
    this.keySet ??= this.jwksUri().then((uri) =>
      createRemoteJWKSet(new URL(uri), { cooldownDuration: this.config.jwksCooldownMs, cacheMaxAge: 10 * 60_000 }),
    );
    // A failed discovery is not remembered: the next request tries again.
    this.keySet.catch(() => (this.keySet = undefined));
    return this.keySet;
  }

  private async jwksUri(): Promise<string> {
    if (this.config.jwksUri) return this.config.jwksUri;
    const discovery = `${this.config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    try {
      const response = await fetch(discovery, { signal: AbortSignal.timeout(5000) });
      const document = (await response.json()) as { jwks_uri?: unknown };
      if (!response.ok || typeof document.jwks_uri !== 'string') throw new Error(`${discovery} answered ${response.status} without jwks_uri`);
      return document.jwks_uri;
    } catch (error) {
      throw new AuthenticationFailed('identity-provider-unavailable', `The identity provider's keys cannot be found: ${(error as Error).message}.`);
    }
  }
}

/** jose's errors, told apart so that the 401 says what is wrong with the token. */
const failureOf = (error: unknown): AuthenticationFailed => {
  if (error instanceof AuthenticationFailed) return error;
  if (error instanceof errors.JWTExpired) return new AuthenticationFailed('token-expired', 'The token has expired.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'exp') return new AuthenticationFailed('token-without-expiry', 'The token must expire: it has no valid "exp" claim.');
    if (error.claim === 'iss') return new AuthenticationFailed('wrong-issuer', 'The token was not issued by the configured issuer.');
    if (error.claim === 'aud') return new AuthenticationFailed('wrong-audience', 'The token is not meant for this API (audience).');
    if (error.claim === 'nbf') return new AuthenticationFailed('token-not-yet-valid', 'The token is not valid yet (nbf).');
    return new AuthenticationFailed('invalid-token', `The token's "${error.claim}" claim is invalid.`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return new AuthenticationFailed('bad-signature', 'The token signature does not verify.');
  if (error instanceof errors.JWKSNoMatchingKey) return new AuthenticationFailed('unknown-signing-key', "The token is signed with a key the issuer's key set does not hold.");
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JOSEError && error.code === 'ERR_JWKS_INVALID')
    return new AuthenticationFailed('identity-provider-unavailable', "The identity provider's key set cannot be read.");
  if (error instanceof errors.JOSEError) return new AuthenticationFailed('invalid-token', 'The token is not a valid signed JWT.');
  return new AuthenticationFailed('identity-provider-unavailable', "The identity provider's key set cannot be read.");
};
