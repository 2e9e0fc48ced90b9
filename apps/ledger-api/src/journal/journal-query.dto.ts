import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { COMPLAINT_STATUSES, ComplaintStatus, VERDICTS, Verdict } from '@app/domain';
import { STATISTICS_BASES, STATISTICS_BREAKDOWNS, StatisticsBasis, StatisticsBreakdown } from '@app/projections';
import { CSV_SEPARATORS, CsvSeparator } from './journal-csv';
import { CSV_HEADER_LANGUAGES, CsvHeaderLanguage } from './journal-csv-headers';
import { NotBeforeFrom } from './period';
import { OptionalInteger, OptionalTime, OptionalOneOf } from '../http/fields';

/** `minPosition`: read your own writes (see README). */
export class ConsistentQueryDto {
  @ApiPropertyOptional({ description: 'Wait (up to 5 s) until the read models reflect this global position, as returned by a command; else 503 with Retry-After', example: '42' })
  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: 'minPosition must be a position returned by a command (digits)' })
  minPosition?: string;
}

export class PeriodQueryDto extends ConsistentQueryDto {
  @OptionalTime({ description: 'Received on or after (a date is the start of that day, UTC)', example: '2026-11-01' })
  from?: string;

  @OptionalTime({ description: 'Received before the end of (a date includes that whole day, UTC); not earlier than from', example: '2026-11-30' })
  @NotBeforeFrom()
  to?: string;
}

export const JOURNAL_SORTS = ['-receivedAt', 'receivedAt', 'registerNumber', '-registerNumber', 'nextDueAt', '-lastEventAt'] as const;

export class JournalQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ example: '2026-000042' })
  @IsOptional()
  @Matches(/^\d{4}-\d{6}$/, { message: 'registerNumber reads YYYY-NNNNNN' })
  registerNumber?: string;

  @ApiPropertyOptional({ example: 'product-quality' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,40}$/, { message: 'category is a category key (lower-case letters, digits, -)' })
  category?: string;

  @OptionalOneOf(COMPLAINT_STATUSES)
  status?: ComplaintStatus;

  @ApiPropertyOptional({ description: 'Responsible officer', example: 'officer-petrov' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  officer?: string;

  @OptionalOneOf(VERDICTS)
  verdict?: Verdict;

  @ApiPropertyOptional({ description: 'Only cases whose next deadline has passed (true) or has not (false)', enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'A word or phrase of the case (number, names, product, description, findings), matched literally', example: 'heating' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @OptionalOneOf(JOURNAL_SORTS, { default: '-receivedAt' })
  sort?: (typeof JOURNAL_SORTS)[number];

  @OptionalInteger(1, 100_000, { minimum: 1, default: 1 })
  page?: number;

  @OptionalInteger(1, 200, { minimum: 1, maximum: 200, default: 50 })
  pageSize?: number;
}

export class OverdueQueryDto extends ConsistentQueryDto {
  @OptionalInteger(1, 24 * 90, { description: 'What counts as due soon, in hours from now (default from DUE_SOON_HOURS)', example: 48 })
  horizonHours?: number;

  @ApiPropertyOptional({ description: 'Only this responsible officer', example: 'officer-petrov' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  officer?: string;

  @OptionalInteger(1, 1000, { description: 'The most urgent this many of each list (the totals count all)', minimum: 1, maximum: 1000, default: 100 })
  limit?: number;
}

export class StatisticsQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ enum: ['day', 'month', 'year'], default: 'month' })
  @IsOptional()
  @IsIn(['day', 'month', 'year'])
  groupBy?: 'day' | 'month' | 'year';

  @ApiPropertyOptional({ description: 'What the rows are broken down by beside the period (issue 14)', enum: STATISTICS_BREAKDOWNS, default: 'category' })
  @IsOptional()
  @IsIn(STATISTICS_BREAKDOWNS)
  breakdown?: StatisticsBreakdown;

  @ApiPropertyOptional({
    description: 'Which date puts a complaint in a period and in from/to: its receipt, or its closing (then only complaints closed now count)',
    enum: STATISTICS_BASES,
    default: 'received',
  })
  @IsOptional()
  @IsIn(STATISTICS_BASES)
  basis?: StatisticsBasis;
}

export class JournalExportQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'json'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'json'])
  format?: 'csv' | 'json';

  @ApiPropertyOptional({ description: "CSV: the column headers in this language (default: the stable column names scripts rely on)", enum: CSV_HEADER_LANGUAGES })
  @IsOptional()
  @IsIn(CSV_HEADER_LANGUAGES)
  lang?: CsvHeaderLanguage;

  @ApiPropertyOptional({ description: 'CSV: the field separator; `;` for spreadsheets in locales whose decimal mark is a comma (bg, ru, hy)', enum: CSV_SEPARATORS, default: ',' })
  @IsOptional()
  @IsIn(CSV_SEPARATORS)
  separator?: CsvSeparator;
}
