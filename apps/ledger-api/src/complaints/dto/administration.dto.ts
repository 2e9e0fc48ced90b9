import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, ValidateNested } from 'class-validator';
import { CHANNELS, Channel, EXTERNAL_BODIES, ExternalBody } from '@app/domain';
import { Text, OptionalText, OneOf, Time } from '../../http/fields';

export class ReassignComplaintDto {
  @Text(1, 100, { description: 'The new responsible officer: a known person with the quality-officer role; 400 unknown-officer otherwise', example: 'officer-dimitrova' })
  to: string;

  @Text(2, 1000, { example: 'Officer Petrov is on leave.' })
  reason: string;
}

export class ExtendAnswerDeadlineDto {
  // Examples of times are set when the document is served (http/openapi-examples.ts), so they stay valid.
  @Time({
    description: 'The new answer deadline (ISO-8601); later than the current one, which must not have passed, and within the statutory limit (GET /policies: statutoryLimitDays from receipt)',
    format: 'date-time',
  })
  answerDueAt: string;

  @Text(2, 1000, { example: 'Waiting for the supplier laboratory report.' })
  reason: string;

  @Time({ description: 'When the customer was told of the new deadline (ISO-8601); required: a promise moves only once the customer knows. Not in the future.', format: 'date-time' })
  customerInformedAt: string;

  @OneOf(CHANNELS, { example: 'phone', description: 'How the customer was told' })
  customerInformedVia: Channel;
}

export class ReferralDto {
  @OneOf(EXTERNAL_BODIES, { example: 'ombudsman' })
  body: ExternalBody;

  @Text(2, 200, { example: 'Financial Ombudsman Service' })
  name: string;

  @Text(1, 100, { description: "The external body's own reference for the complaint", example: 'FOS-2026-1234' })
  reference: string;
}

export class CloseComplaintDto {
  @OptionalText(2, 2000, { example: 'Customer satisfied; corrective action tracked as CA-2026-17.' })
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
  @Text(2, 2000, { example: 'The customer reports the fault again.' })
  reason: string;
}
