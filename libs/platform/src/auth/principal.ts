import { Actor } from '@app/domain';
import type { Request } from 'express';

/** Who a request's verified credentials belong to: the only source of the actor recorded in events. */
export interface Principal extends Actor {
  via: 'api-token' | 'oidc';
}

/** Why credentials were refused: the `code` of the 401 problem. */
export type AuthenticationFailure =
  | 'missing-credentials'
  | 'malformed-credentials'
  | 'unknown-token'
  | 'token-expired'
  | 'token-without-expiry'
  | 'token-lifetime-too-long'
  | 'token-not-yet-valid'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'bad-signature'
  | 'unknown-signing-key'
  | 'invalid-token'
  | 'no-role'
  | 'identity-provider-unavailable';

/** The request carries no valid credentials (401). */
export class AuthenticationFailed extends Error {
  constructor(
    readonly code: AuthenticationFailure,
    message: string,
  ) {
    super(message);
    this.name = 'AuthenticationFailed';
  }
}

/** This client address sent too many requests without valid credentials lately (429); not even authenticated. */
export class TooManyFailedAuthentications extends Error {
  readonly code = 'too-many-requests';

  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests without valid credentials from this address; try again in ${retryAfterSeconds} s.`);
    this.name = 'TooManyFailedAuthentications';
  }
}

/** The principal's role may not do this (403). */
export class AccessDenied extends Error {
  constructor(
    readonly code: 'forbidden' | 'manager-approval-required',
    message: string,
  ) {
    super(message);
    this.name = 'AccessDenied';
  }
}

type AuthenticatedRequest = Request & { principal?: Principal };

export const principalOf = (request: Request): Principal | undefined => (request as AuthenticatedRequest).principal;

export const setPrincipal = (request: Request, principal: Principal): void => {
  (request as AuthenticatedRequest).principal = principal;
};
