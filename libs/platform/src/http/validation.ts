import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem, InvalidRequest } from '../application/errors';

/** Flattens class-validator's tree into one problem per broken constraint, with dotted paths (complainant.email). */
const flatten = (errors: ValidationError[], parent = ''): FieldProblem[] =>
  errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([code, reason]) => ({ field, code, reason }));
    return [...own, ...flatten(error.children ?? [], field)];
  });

/** Every body and query is whitelisted: an unknown field is an error, never silently kept or dropped. */
export const requestValidationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new InvalidRequest(flatten(errors)),
  });
