import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { NotBeforeFrom } from '../journal/period';

const ISO = { strict: true, strictSeparator: true };

export class AccessLogQueryDto {
  @ApiPropertyOptional({ description: 'Recorded on or after (a date is the start of that day, UTC); default: the start of the day of `to`', example: '2026-12-01' })
  @IsOptional()
  @IsISO8601(ISO)
  from?: string;

  @ApiPropertyOptional({ description: 'Recorded before the end of (a date includes that whole day, UTC); default: now. At most 367 days after from', example: '2026-12-07' })
  @IsOptional()
  @IsISO8601(ISO)
  @NotBeforeFrom()
  to?: string;

  @ApiPropertyOptional({ description: 'Only the reads of this person (their actor id)', example: 'officer-petrov' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  actor?: string;

  @ApiPropertyOptional({ description: 'At most this many entries, oldest first (truncated says when there were more)', minimum: 1, maximum: 10_000, default: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  limit?: number;
}
