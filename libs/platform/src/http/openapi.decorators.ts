import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** Who acts: the bearer token's principal, recorded in every event; its role decides what it may do. */
export const ApiAuthenticated = () =>
  applyDecorators(
    ApiBearerAuth(),
    ApiResponse({ status: 401, description: 'No valid credentials: problem+json whose `code` says why (e.g. token-expired)' }),
    ApiResponse({
      status: 403,
      description:
        "The principal's role may not do this (see docs/security.md); or the body names another person than the principal " +
        '(`not-the-principal`); or a compensation above the threshold needs a manager (`manager-approval-required`)',
    }),
  );

/** The headers every command takes: who acts, and how a retry or a stale copy is recognised. */
export const ApiCommandHeaders = () =>
  applyDecorators(
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key with the same request returns the first result and appends nothing; with a different request: 422' }),
    ApiHeader({ name: 'If-Match', required: false, description: 'The ETag (revision) last read; a stale one is answered 412' }),
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'Correlates the events of one business conversation; generated when absent' }),
    ApiResponse({ status: 400, description: 'Invalid input: problem+json with each offending field and the reason' }),
    ApiResponse({ status: 404, description: 'No such complaint' }),
    ApiResponse({ status: 409, description: 'The case does not allow this (the rule is named in `code`), or a concurrent change' }),
    ApiResponse({ status: 412, description: 'If-Match is stale' }),
    ApiResponse({ status: 422, description: 'Idempotency-Key reused for a different request' }),
  );

export class CommandResultDto {
  @ApiProperty({ format: 'uuid' })
  complaintId: string;
  @ApiProperty({ description: "The complaint stream's revision after the command (the new ETag)", example: '1' })
  revision: string;
  @ApiProperty({ description: 'Global position of the last event written, a decimal string', example: '42' })
  position: string;
  @ApiProperty({ description: 'True when an Idempotency-Key matched an earlier identical request' })
  replayed: boolean;
  @ApiPropertyOptional({ description: 'Registration only: the register number the complaint holds', example: '2026-000042' })
  registerNumber?: string;
}
