import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Actor } from '@app/domain';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { FieldProblem, InvalidRequest } from '../application/errors';
import { AuthenticationFailed, principalOf } from '../auth/principal';

/** The verified principal of the request (set by the access guard): the only source of the actor. */
export const readActor = (request: Request): Actor => {
  const principal = principalOf(request);
  if (!principal) throw new AuthenticationFailed('missing-credentials', 'Send credentials: Authorization: Bearer <token>.');
  return { id: principal.id, role: principal.role };
};

/** What the HTTP request says about a command besides its body. */
export interface CommandRequest {
  actor: Actor;
  /** From `Idempotency-Key`: the same key with the same request returns the first result. */
  idempotencyKey?: string;
  /** From `If-Match`: the revision (ETag) the client last saw; '*' means "it must exist". */
  ifMatch?: bigint;
  correlationId: string;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export const readCommandRequest = (request: Request): CommandRequest => {
  const actor = readActor(request);
  const problems: FieldProblem[] = [];
  const idempotencyKey = request.header('idempotency-key');
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey))
    problems.push({ field: 'Idempotency-Key', reason: 'must be 1–200 visible ASCII characters' });
  const ifMatchHeader = request.header('if-match');
  let ifMatch: bigint | undefined;
  if (ifMatchHeader !== undefined && ifMatchHeader.trim() !== '*') {
    const match = /^\s*"?(\d{1,18})"?\s*$/.exec(ifMatchHeader);
    if (match) ifMatch = BigInt(match[1]);
    else problems.push({ field: 'If-Match', reason: 'must be an ETag given by this API, e.g. "3"' });
  }
  const correlationId = request.header('x-correlation-id') ?? randomUUID();
  if (!IDEMPOTENCY_KEY.test(correlationId)) problems.push({ field: 'X-Correlation-Id', reason: 'must be 1–200 visible ASCII characters' });
  if (problems.length) throw new InvalidRequest(problems);
  return { actor, idempotencyKey, ifMatch, correlationId };
};

/** Injects the validated CommandRequest of the current request. */
export const FromCommandRequest = createParamDecorator((_: unknown, context: ExecutionContext) =>
  readCommandRequest(context.switchToHttp().getRequest<Request>()),
);

/** Injects the validated actor of the current request. */
export const FromActor = createParamDecorator((_: unknown, context: ExecutionContext) =>
  readActor(context.switchToHttp().getRequest<Request>()),
);
