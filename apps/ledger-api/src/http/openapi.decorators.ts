import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiProperty, ApiResponse } from '@nestjs/swagger';
import { ACTOR_ROLES } from '@app/domain';

/** Who acts: required on every request that changes something. */
export const ApiActorHeaders = () =>
  applyDecorators(
    ApiHeader({ name: 'X-Actor-Id', required: true, description: 'Who is acting; recorded in every event', example: 'officer-petrov' }),
    ApiHeader({ name: 'X-Actor-Role', required: true, description: `The acting person's role: ${ACTOR_ROLES.join(', ')}`, enum: ACTOR_ROLES, example: 'quality-officer' }),
  );

/** The headers every command takes: who acts, and how a retry or a stale copy is recognised. */
export const ApiCommandHeaders = () =>
  applyDecorators(
    ApiActorHeaders(),
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
}
