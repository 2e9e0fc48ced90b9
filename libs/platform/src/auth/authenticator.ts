import { Inject, Injectable, Logger } from '@nestjs/common';
import { looksLikeApiToken, UserDirectory } from '@app/security';
import type { Request } from 'express';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG, Clock, CLOCK } from '../infrastructure/tokens';
import { authenticateApiToken } from './api-token.authenticator';
import { KnownRoles } from './known-roles';
import { OidcAuthenticator } from './oidc.authenticator';
import { AuthenticationFailed, Principal } from './principal';

export const USER_DIRECTORY = Symbol('UserDirectory');

/** Turns a request's `Authorization: Bearer …` into a verified principal, or says why it cannot. */
@Injectable()
export class Authenticator {
  private readonly logger = new Logger('Access');
  private readonly oidc?: OidcAuthenticator;
  private readonly knownRoles: KnownRoles;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(USER_DIRECTORY) private readonly directory: UserDirectory,
    @Inject(CLOCK) clock: Clock,
  ) {
    if (config.auth.oidc) this.oidc = new OidcAuthenticator(config.auth.oidc, clock);
    this.knownRoles = new KnownRoles(directory);
  }

  async authenticate(request: Request): Promise<Principal> {
    const principal = await this.verify(request);
    const knownRole = this.knownRoles.changedRole(principal);
    if (knownRole)
      this.logger.warn({ msg: 'principal known with another role', actor: principal.id, role: principal.role, knownRole, via: principal.via });
    return principal;
  }

  private async verify(request: Request): Promise<Principal> {
    const header = request.header('authorization');
    if (!header) throw new AuthenticationFailed('missing-credentials', 'Send credentials: Authorization: Bearer <API token or OpenID Connect token>.');
    const match = /^Bearer +([\x21-\x7e]{1,8192})$/i.exec(header.trim());
    if (!match) throw new AuthenticationFailed('malformed-credentials', 'The Authorization header must be "Bearer <token>".');
    const token = match[1];
    if (looksLikeApiToken(token)) {
      if (!this.config.auth.apiTokens) throw new AuthenticationFailed('unknown-token', 'API tokens are turned off here; use a token of the OpenID Connect provider.');
      return authenticateApiToken(this.directory, token);
    }
    if (!this.oidc) throw new AuthenticationFailed('unknown-token', 'The token is not an API token, and no OpenID Connect provider is configured.');
    return this.oidc.authenticate(token);
  }
}
