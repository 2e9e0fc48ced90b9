import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';

const STATUS = {
  'evidence-too-large': HttpStatus.PAYLOAD_TOO_LARGE,
  'unsupported-evidence-type': HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  'evidence-content-mismatch': HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  'evidence-refused-by-scanner': HttpStatus.UNPROCESSABLE_ENTITY,
  'evidence-not-found': HttpStatus.NOT_FOUND,
  'evidence-erased': HttpStatus.GONE,
  // The ledger's own copy fails its check: nothing the client can fix; the operator restores the blob.
  'evidence-corrupted': HttpStatus.INTERNAL_SERVER_ERROR,
  'evidence-bytes-missing': HttpStatus.INTERNAL_SERVER_ERROR,
  'evidence-key-missing': HttpStatus.INTERNAL_SERVER_ERROR,
  'blob-store-unavailable': HttpStatus.SERVICE_UNAVAILABLE,
  'virus-scanner-unavailable': HttpStatus.SERVICE_UNAVAILABLE,
} as const;

export type EvidenceErrorCode = keyof typeof STATUS;

/** A refusal of the evidence endpoints, with its code; the filter below answers it as problem+json. */
export class EvidenceError extends Error {
  constructor(
    readonly code: EvidenceErrorCode,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'EvidenceError';
  }
}

/**
 * Answers EvidenceError as application/problem+json, in the shape of http/problem-details.filter.ts (which
 * handles every other error of these endpoints). Failures of the ledger's own copy are logged as errors.
 */
@Catch(EvidenceError)
export class EvidenceErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Evidence');

  catch(error: EvidenceError, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const status = STATUS[error.code];
    if (status >= 500) this.logger.error({ msg: error.title, code: error.code, detail: error.detail, path: request.path });
    if (status === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', '5');
    // The download may have set a file's headers already: the problem replaces them.
    for (const header of ['Content-Disposition', 'Content-Length', 'Repr-Digest', 'ETag']) response.removeHeader(header);
    response.status(status).type('application/problem+json').send({
      type: `urn:complaint-ledger:problem:${error.code}`,
      title: error.title,
      status,
      detail: error.detail,
      instance: request.originalUrl,
      code: error.code,
    });
  }
}
