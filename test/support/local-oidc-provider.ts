import { exportJWK, generateKeyPair, JWTPayload, KeyLike, SignJWT } from 'jose';
import { createHash, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
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
  /**
   * Who the authorization endpoint signs in, and the claims of the access token it then issues (with `aud`): there is
   * no login form, the test decides who the person is. Unset: the authorization endpoint refuses.
   */
  signInAs?: JWTPayload;
  private codes = new Map<string, { clientId: string; redirectUri: string; challenge: string; scope: string }>();

  async start(): Promise<this> {
    this.keys = [await newKey('key-1')];
    this.server = createServer((request, response) => {
      if (request.url === '/.well-known/openid-configuration')
        return json(response, {
          issuer: this.issuer,
          jwks_uri: `${this.issuer}/jwks`,
          authorization_endpoint: `${this.issuer}/authorize`,
          token_endpoint: `${this.issuer}/token`,
          response_types_supported: ['code'],
          code_challenge_methods_supported: ['S256'],
        });
      if (request.method === 'OPTIONS')
        return void response
          .writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': 'content-type, accept' })
          .end();
      if (request.url?.startsWith('/authorize?')) return this.authorize(new URL(request.url, this.issuer).searchParams, response);
      if (request.url === '/token' && request.method === 'POST') return void this.token(request, response);
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

  /** Authorization Code with PKCE (S256 only), as a browser application uses it: a code back to the redirect URI. */
  private authorize(params: URLSearchParams, response: import('node:http').ServerResponse): void {
    const [clientId, redirectUri, state, challenge] = ['client_id', 'redirect_uri', 'state', 'code_challenge'].map((name) => params.get(name));
    if (!this.signInAs || params.get('response_type') !== 'code' || params.get('code_challenge_method') !== 'S256' || !clientId || !redirectUri || !state || !challenge)
      return void response.writeHead(400).end('invalid authorization request');
    const code = randomUUID();
    this.codes.set(code, { clientId, redirectUri, challenge, scope: params.get('scope') ?? 'openid' });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', state);
    response.writeHead(302, { location: back.toString() }).end();
  }

  /** The code for tokens, once, only with the verifier whose S256 hash was the challenge. */
  private async token(request: IncomingMessage, response: import('node:http').ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    const params = new URLSearchParams(body);
    const grant = this.codes.get(params.get('code') ?? '');
    this.codes.delete(params.get('code') ?? '');
    const verifier = params.get('code_verifier') ?? '';
    const hash = createHash('sha256').update(verifier).digest('base64url');
    if (!grant || params.get('grant_type') !== 'authorization_code' || params.get('redirect_uri') !== grant.redirectUri || params.get('client_id') !== grant.clientId || hash !== grant.challenge)
      return json(response, { error: 'invalid_grant' }, 400);
    const claims = this.signInAs as JWTPayload;
    const [accessToken, idToken] = await Promise.all([this.sign(claims), this.sign({ sub: claims.sub, aud: grant.clientId })]);
    json(response, { access_token: accessToken, id_token: idToken, token_type: 'Bearer', expires_in: 300, scope: grant.scope });
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

// Any origin may read: a browser application fetches the discovery document and the token endpoint itself.
const json = (response: import('node:http').ServerResponse, body: unknown, status = 200): void => {
  response.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end(JSON.stringify(body));
};
