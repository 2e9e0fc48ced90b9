import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Actor, ACTOR_ROLES, ActorRole } from '@app/domain';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { FieldProblem, InvalidRequest } from '../application/errors';

// Until authentication arrives, the acting person is named by two headers. Every event records them.
export const ACTOR_ID_HEADER = 'x-actor-id';
export const ACTOR_ROLE_HEADER = 'x-actor-role';

const TOKEN = /^[\p{L}\p{N}._@+\- ]{1,100}$/u;

export const readActor = (request: Request): Actor => {
  const id = request.header(ACTOR_ID_HEADER)?.trim();
  const role = request.header(ACTOR_ROLE_HEADER)?.trim();
  const problems: FieldProblem[] = [];
  if (!id) problems.push({ field: 'X-Actor-Id', reason: 'is required: who is acting (1–100 letters, digits, . _ @ + -)' });
  else if (!TOKEN.test(id)) problems.push({ field: 'X-Actor-Id', reason: 'must be 1–100 letters, digits, spaces or . _ @ + -' });
  if (!role) problems.push({ field: 'X-Actor-Role', reason: `is required: one of ${ACTOR_ROLES.join(', ')}` });
  else if (!ACTOR_ROLES.includes(role as ActorRole)) problems.push({ field: 'X-Actor-Role', reason: `must be one of ${ACTOR_ROLES.join(', ')}` });
  if (problems.length) throw new InvalidRequest(problems);
  return { id: id as string, role: role as ActorRole };
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
