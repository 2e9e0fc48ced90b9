import { DomainError } from '@app/domain';

/**
 * Errors of the application layer, each with a stable code. The HTTP layer maps codes to statuses
 * in one place (http/problem-details.filter.ts); nothing here knows about HTTP.
 */
export class ApplicationError extends Error {
  constructor(
    readonly code:
      | 'complaint-not-found'
      | 'stale-revision'
      | 'concurrent-change'
      | 'idempotency-key-reused'
      | 'register-busy'
      | 'read-model-behind'
      | 'projection-not-found'
      | 'projections-run-elsewhere'
      | 'rebuild-in-progress'
      | 'invalid-request',
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApplicationError';
  }
}

/** A command refused by the decider: carries the domain's error value. */
export class CommandRejected extends Error {
  constructor(readonly reason: DomainError) {
    super(reason.message);
    this.name = 'CommandRejected';
  }
}

export interface FieldProblem {
  field: string;
  /** The rule the field broke, for clients that word it themselves: a class-validator constraint (isLength, isIn) or a domain code. */
  code?: string;
  reason: string;
}

/** Input that fails validation before it reaches a handler: one entry per offending field. */
export class InvalidRequest extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.reason}`).join('; '));
    this.name = 'InvalidRequest';
  }
}
