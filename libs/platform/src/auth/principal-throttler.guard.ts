import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import { principalOf } from './principal';

/** Rate limits per verified principal (after the access guard); requests of no one count per address. */
@Injectable()
export class PrincipalThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const principal = principalOf(request as unknown as Request);
    return principal ? `principal:${principal.id}` : `ip:${String(request.ip)}`;
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return principalOf(context.switchToHttp().getRequest<Request>()) === undefined;
  }
}
