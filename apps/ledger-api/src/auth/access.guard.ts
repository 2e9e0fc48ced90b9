import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/tokens';
import { Authenticator } from './authenticator';
import { EndpointPermission, permissionFor } from './permissions';
import { AccessDenied, AuthenticationFailed, Principal, setPrincipal } from './principal';

/**
 * The one guard: authenticates the request, then checks the role against the permission table.
 * Every refusal is logged with who asked for what, and why (never the token).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly authenticator: Authenticator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const handler = `${context.getClass().name}.${context.getHandler().name}`;
    const permission = permissionFor(handler);
    if (permission?.roles === 'public') return true;
    let principal: Principal | undefined;
    try {
      principal = await this.authenticator.authenticate(request);
      setPrincipal(request, principal);
      this.authorize(permission, principal, request, handler);
      return true;
    } catch (error) {
      if (error instanceof AuthenticationFailed || error instanceof AccessDenied)
        this.logger.warn({ msg: 'request denied', code: error.code, method: request.method, path: request.path, actor: principal?.id, role: principal?.role });
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
