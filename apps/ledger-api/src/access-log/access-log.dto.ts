import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { NotBeforeFrom } from '../journal/period';
import { OptionalInteger, OptionalTime } from '../http/fields';

export class AccessLogQueryDto {
  @OptionalTime({ description: 'Recorded on or after (a date is the start of that day, UTC); default: the start of the day of `to`', example: '2026-12-01' })
  from?: string;

  @OptionalTime({ description: 'Recorded before the end of (a date includes that whole day, UTC); default: now. At most 367 days after from', example: '2026-12-07' })
  @NotBeforeFrom()
  to?: string;

  @ApiPropertyOptional({ description: 'Only the reads of this person (their actor id)', example: 'officer-petrov' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  actor?: string;

  @OptionalInteger(1, 10_000, { description: 'At most this many entries, oldest first (truncated says when there were more)', minimum: 1, maximum: 10_000, default: 1000 })
  limit?: number;
}
