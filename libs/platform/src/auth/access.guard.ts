import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG, Clock, CLOCK } from '../infrastructure/tokens';
import { Authenticator } from './authenticator';
import { FailedAuthentications } from './failed-authentications';
import { OfficerRosters } from './officer-roster';
import { EndpointPermission, permissionFor } from './permissions';
import { AccessDenied, AuthenticationFailed, Principal, setPrincipal, TooManyFailedAuthentications } from './principal';

/**
 * The one guard: authenticates the request, then checks the role against the permission table.
 * Every refusal is logged with who asked for what, and why (never the token). An address that sent
 * too many requests without valid credentials is held back before authentication.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');
  private readonly failures: FailedAuthentications;

  constructor(
    private readonly authenticator: Authenticator,
    private readonly rosters: OfficerRosters,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.failures = new FailedAuthentications(config.auth.unauthenticatedPerMinute);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const handler = `${context.getClass().name}.${context.getHandler().name}`;
    const permission = permissionFor(handler);
    if (permission?.roles === 'public') return true;
    const now = this.clock.now().getTime();
    const wait = this.failures.retryAfterSeconds(request.ip, now);
    // Not logged one by one: under a flood that would be a second flood. Logged when an address is held back.
    if (wait !== undefined) throw new TooManyFailedAuthentications(wait);
    let principal: Principal | undefined;
    try {
      principal = await this.authenticator.authenticate(request);
      setPrincipal(request, principal);
      this.rosters.sawSignedIn(principal, new Date(now)); // with OIDC, the people seen are the roster of officers
      this.authorize(permission, principal, request, handler);
      return true;
    } catch (error) {
      if (error instanceof AuthenticationFailed || error instanceof AccessDenied)
        this.logger.warn({ msg: 'request denied', code: error.code, method: request.method, path: request.path, actor: principal?.id, role: principal?.role });
      if (error instanceof AuthenticationFailed && error.code !== 'identity-provider-unavailable' && this.failures.record(request.ip, now))
        this.logger.warn({ msg: 'address held back', address: request.ip, limitPerMinute: this.config.auth.unauthenticatedPerMinute });
      throw error;
    }
  }

  private authorize(permission: EndpointPermission | undefined, principal: Principal, request: Request, handler: string): void {
    if (!permission) {
      this.logger.error(`No permission rule for ${handler}: refused to everyone until one is added to auth/permissions.ts.`);
      throw new AccessDenied('forbidden', 'This endpoint is not open to anyone.');
    }
    if (permission.roles === 'public') return;
    if (!permission.roles.includes(principal.role))
      throw new AccessDenied('forbidden', `A ${principal.role} may not ${permission.what}; allowed: ${permission.roles.join(', ')}.`);
  }
}
