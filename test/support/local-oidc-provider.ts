import { exportJWK, generateKeyPair, JWTPayload, KeyLike, SignJWT } from 'jose';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicJwk: Record<string, unknown>;
}

/**
 * An OpenID Connect provider for tests: serves a discovery document and a JWKS on loopback, signs
 * tokens, and rotates its keys. Real HTTP, so the API fetches and caches keys exactly as in production.
 */
export class LocalOidcProvider {
  private keys: SigningKey[] = [];
  private server?: Server;
  issuer = '';
  /** How many times the JWKS was fetched: shows caching and re-fetching on rotation. */
  jwksFetches = 0;

  async start(): Promise<this> {
    this.keys = [await newKey('key-1')];
    this.server = createServer((request, response) => {
      if (request.url === '/.well-known/openid-configuration') return json(response, { issuer: this.issuer, jwks_uri: `${this.issuer}/jwks` });
      if (request.url === '/jwks') {
        this.jwksFetches++;
        return json(response, { keys: this.keys.map((k) => k.publicJwk) });
      }
      response.writeHead(404).end();
    });
    await new Promise<void>((done) => this.server?.listen(0, '127.0.0.1', done));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Replaces the published keys by a new one; tokens of the old key stop verifying once the API re-fetches. */
  async rotate(kid: string): Promise<void> {
    this.keys = [await newKey(kid)];
  }

  /**
   * A token signed with the current key; `claims` override the defaults. `expiresIn` and `issuedAt` null
   * leave `exp` and `iat` out (a number is seconds since the epoch).
   */
  sign(
    claims: JWTPayload,
    options: { expiresIn?: string | number | null; issuedAt?: number | null; notBefore?: string | number; key?: SigningKey } = {},
  ): Promise<string> {
    const key = options.key ?? this.keys[0];
    const jwt = new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256', kid: key.kid }).setIssuer(claims.iss ?? this.issuer);
    if (options.issuedAt !== null) jwt.setIssuedAt(options.issuedAt);
    if (options.expiresIn !== null) jwt.setExpirationTime(options.expiresIn ?? '5m');
    if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
    return jwt.sign(key.privateKey);
  }

  /** A key this provider never published: for bad-signature and unknown-key tokens. */
  static foreignKey = (kid: string): Promise<SigningKey> => newKey(kid);

  async stop(): Promise<void> {
    await new Promise<void>((done) => this.server?.close(() => done()));
  }
}

const newKey = async (kid: string): Promise<SigningKey> => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
};

const json = (response: import('node:http').ServerResponse, body: unknown): void => {
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};
