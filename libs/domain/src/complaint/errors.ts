/**
 * A domain error is a value: a stable code (the rule's name), a sentence a person understands,
 * and, for bad input, the field at fault. The HTTP layer maps kinds to statuses in one place.
 */
export class DomainError {
  constructor(
    readonly kind: 'rule-violated' | 'invalid-input' | 'not-permitted',
    readonly code: string,
    readonly message: string,
    readonly field?: string,
  ) {}
}

export const ruleViolated = (code: string, message: string) => new DomainError('rule-violated', code, message);

export const invalidInput = (field: string, code: string, message: string) =>
  new DomainError('invalid-input', code, message, field);

/** The rule depends on who acts: someone else (e.g. a manager) may do what this actor may not. */
export const notPermitted = (code: string, message: string, field?: string) => new DomainError('not-permitted', code, message, field);

export const isDomainError = (value: unknown): value is DomainError => value instanceof DomainError;
