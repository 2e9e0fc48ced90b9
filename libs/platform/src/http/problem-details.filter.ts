import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '@app/event-store';
import { KeyStoreUnavailableError } from '@app/security';
import type { Request, Response } from 'express';
import { ApplicationError, CommandRejected, FieldProblem, InvalidRequest } from '../application/errors';
import { AccessDenied, AuthenticationFailed, TooManyFailedAuthentications } from '../auth/principal';
import { TooDeeplyNested, UnsupportedMediaType } from './json-body';

interface Problem {
  status: number;
  code: string;
  title: string;
  detail: string;
  errors?: FieldProblem[];
  headers?: Record<string, string>;
}

const APPLICATION_STATUS: Record<ApplicationError['code'], number> = {
  'complaint-not-found': HttpStatus.NOT_FOUND,
  'stale-revision': HttpStatus.PRECONDITION_FAILED,
  'concurrent-change': HttpStatus.CONFLICT,
  'idempotency-key-reused': HttpStatus.UNPROCESSABLE_ENTITY,
  'register-busy': HttpStatus.SERVICE_UNAVAILABLE,
  'read-model-behind': HttpStatus.SERVICE_UNAVAILABLE,
  'projection-not-found': HttpStatus.NOT_FOUND,
  'projections-run-elsewhere': HttpStatus.CONFLICT,
  'rebuild-in-progress': HttpStatus.CONFLICT,
  'invalid-request': HttpStatus.BAD_REQUEST,
};

const APPLICATION_DETAIL: Partial<Record<ApplicationError['code'], string>> = {
  'idempotency-key-reused':
    'This Idempotency-Key was used for a different request: another command, complaint or body, or another sender. A key is its sender\'s own; send a new one.',
};

/**
 * The one place where errors become HTTP responses: RFC 9457 problem details, with the rule or
 * the fields at fault. Anything unexpected is logged and answered 500 without internals.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(exception);
    if (problem.status >= 500 && problem.code === 'internal-error') this.logger.error(exception);
    for (const [name, value] of Object.entries(problem.headers ?? {})) response.setHeader(name, value);
    response
      .status(problem.status)
      .type('application/problem+json')
      .send({
        type: `urn:complaint-ledger:problem:${problem.code}`,
        title: problem.title,
        status: problem.status,
        detail: problem.detail,
        instance: request.originalUrl,
        code: problem.code,
        ...(problem.errors ? { errors: problem.errors } : {}),
      });
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof AuthenticationFailed)
      return exception.code === 'identity-provider-unavailable'
        ? { status: 503, code: exception.code, title: 'The identity provider is unavailable', detail: exception.message, headers: { 'Retry-After': '5' } }
        : {
            status: 401,
            code: exception.code,
            title: 'Authentication required',
            detail: exception.message,
            headers: { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${exception.code}"` },
          };
    if (exception instanceof TooManyFailedAuthentications)
      return { status: 429, code: exception.code, title: 'Too many requests', detail: exception.message, headers: { 'Retry-After': String(exception.retryAfterSeconds) } };
    if (exception instanceof AccessDenied)
      return { status: 403, code: exception.code, title: 'Not allowed for your role', detail: exception.message };
    if (exception instanceof InvalidRequest)
      return { status: 400, code: 'invalid-request', title: 'The request is invalid', detail: exception.message, errors: exception.problems };
    if (exception instanceof CommandRejected) {
      const { kind, code, message, field } = exception.reason;
      if (kind === 'not-permitted')
        return { status: 403, code, title: 'Not allowed for you', detail: message, ...(field ? { errors: [{ field, code, reason: message }] } : {}) };
      return kind === 'invalid-input'
        ? { status: 400, code, title: 'The request is invalid', detail: message, errors: [{ field: field ?? '', code, reason: message }] }
        : { status: 409, code, title: 'The complaint is not in a state that allows this', detail: message };
    }
    if (exception instanceof ApplicationError) {
      const status = APPLICATION_STATUS[exception.code];
      return {
        status,
        code: exception.code,
        title: exception.message,
        detail: APPLICATION_DETAIL[exception.code] ?? exception.message,
        headers: status === 503 ? { 'Retry-After': '1' } : undefined,
      };
    }
    if (exception instanceof WrongExpectedRevisionError)
      return { status: 409, code: 'concurrent-change', title: 'The complaint was changed concurrently', detail: 'Someone else changed this complaint at the same time; read it again and retry.' };
    if (exception instanceof EventStoreUnavailableError)
      return { status: 503, code: 'event-store-unavailable', title: 'The event store is unavailable', detail: 'Try again shortly.', headers: { 'Retry-After': '5' } };
    if (exception instanceof KeyStoreUnavailableError)
      return { status: 503, code: 'key-store-unavailable', title: 'The key store is unavailable', detail: 'Try again shortly.', headers: { 'Retry-After': '5' } };
    if (exception instanceof UnsupportedMediaType)
      return { status: 415, code: 'unsupported-media-type', title: 'The body is not JSON in UTF-8', detail: exception.message };
    if (exception instanceof TooDeeplyNested)
      return { status: 400, code: 'too-deeply-nested', title: 'The body is nested too deeply', detail: exception.message };
    // Body-parser errors: Nest turns a JSON SyntaxError into a bare 400; the others arrive raw, with a type.
    const bodyError = (exception as { type?: string })?.type;
    if (bodyError === 'entity.too.large')
      return { status: 413, code: 'body-too-large', title: 'The body is too large', detail: 'The request body exceeds the size limit.' };
    if (bodyError === 'charset.unsupported' || bodyError === 'encoding.unsupported')
      return { status: 415, code: 'unsupported-media-type', title: 'The body is not JSON in UTF-8', detail: 'Send the body as application/json in UTF-8, without a Content-Encoding.' };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 400)
        return { status, code: 'malformed-request', title: 'The request cannot be parsed', detail: 'The body is not valid JSON, or the URL is malformed.' };
      return { status, code: httpCode(status), title: exception.message, detail: exception.message };
    }
    return { status: 500, code: 'internal-error', title: 'Internal error', detail: 'The request failed unexpectedly; it has been logged.' };
  }
}

const httpCode = (status: number): string =>
  ({ 404: 'not-found', 405: 'method-not-allowed', 429: 'too-many-requests', 503: 'unavailable' })[status] ??
  `http-${status}`;
