import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { CHANNELS, Channel, EXTERNAL_BODIES, ExternalBody } from '@app/domain';

const ISO = { strict: true, strictSeparator: true };

export class ReassignComplaintDto {
  @ApiProperty({ description: 'The new responsible officer: a known person with the quality-officer role; 400 unknown-officer otherwise', example: 'officer-dimitrova', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  to: string;

  @ApiProperty({ example: 'Officer Petrov is on leave.', maxLength: 1000 })
  @IsString()
  @Length(2, 1000)
  reason: string;
}

export class ExtendAnswerDeadlineDto {
  // Examples of times are set when the document is served (http/openapi-examples.ts), so they stay valid.
  @ApiProperty({
    description: 'The new answer deadline (ISO-8601); later than the current one, which must not have passed, and within the statutory limit (GET /policies: statutoryLimitDays from receipt)',
    format: 'date-time',
  })
  @IsISO8601(ISO)
  answerDueAt: string;

  @ApiProperty({ example: 'Waiting for the supplier laboratory report.', maxLength: 1000 })
  @IsString()
  @Length(2, 1000)
  reason: string;

  @ApiProperty({ description: 'When the customer was told of the new deadline (ISO-8601); required: a promise moves only once the customer knows. Not in the future.', format: 'date-time' })
  @IsISO8601(ISO)
  customerInformedAt: string;

  @ApiProperty({ enum: CHANNELS, example: 'phone', description: 'How the customer was told' })
  @IsIn(CHANNELS)
  customerInformedVia: Channel;
}

export class ReferralDto {
  @ApiProperty({ enum: EXTERNAL_BODIES, example: 'ombudsman' })
  @IsIn(EXTERNAL_BODIES)
  body: ExternalBody;

  @ApiProperty({ example: 'Financial Ombudsman Service', maxLength: 200 })
  @IsString()
  @Length(2, 200)
  name: string;

  @ApiProperty({ description: "The external body's own reference for the complaint", example: 'FOS-2026-1234', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  reference: string;
}

export class CloseComplaintDto {
  @ApiPropertyOptional({ example: 'Customer satisfied; corrective action tracked as CA-2026-17.', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(2, 2000)
  summary?: string;

  @ApiPropertyOptional({ description: 'Whether the complainant accepted the outcome; omit when not known', example: true })
  @IsOptional()
  @IsBoolean()
  complainantAcceptedOutcome?: boolean;

  @ApiPropertyOptional({ type: ReferralDto, description: 'A referral of the complaint to an external body (ombudsman, regulator, court), with its reference' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReferralDto)
  referral?: ReferralDto;
}

export class ReasonDto {
  @ApiProperty({ example: 'The customer reports the fault again.', maxLength: 2000 })
  @IsString()
  @Length(2, 2000)
  reason: string;
}
