import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { CHANNELS, Channel, SEVERITIES, Severity } from '@app/domain';
import { Text, OptionalText, OptionalTime, OneOf } from '../../http/fields';

const ISO = { strict: true, strictSeparator: true };

export class ComplainantDto {
  @Text(2, 200, { description: "A person's full name or an organisation's name", example: 'Maria Ivanova' })
  name: string;

  @ApiProperty({ enum: ['person', 'organisation'], example: 'person' })
  @IsIn(['person', 'organisation'])
  kind: 'person' | 'organisation';

  @ApiPropertyOptional({ description: 'At least one of email, phone, postalAddress is required', example: 'maria.ivanova@example.com' })
  @IsOptional()
  @IsEmail()
  @Length(3, 254)
  email?: string;

  @ApiPropertyOptional({ example: '+359 88 123 4567' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,30}$/, { message: 'phone must be 5–30 digits, spaces, ( ) - with an optional leading +' })
  phone?: string;

  @OptionalText(5, 500, { example: '12 Vitosha Blvd, 1000 Sofia, Bulgaria' })
  postalAddress?: string;
}

export class SubjectDto {
  @Text(2, 200, { description: 'The product or service the complaint is about', example: 'Espresso machine EM-200' })
  productOrService: string;

  @OptionalText(1, 100, { example: 'EM-200-BLK' })
  sku?: string;

  @OptionalText(1, 100, { example: 'L2026-45' })
  lotNumber?: string;

  @OptionalText(1, 100, { example: 'SN-88412093' })
  serialNumber?: string;

  @OptionalText(1, 100, { description: 'Order or receipt reference', example: 'ORD-2026-118842' })
  orderReference?: string;
}

export class ReceiveComplaintDto {
  @OneOf(CHANNELS, { example: 'in-person' })
  channel: Channel;

  @ApiProperty({ type: ComplainantDto })
  @ValidateNested()
  @Type(() => ComplainantDto)
  complainant: ComplainantDto;

  @ApiProperty({ type: SubjectDto })
  @ValidateNested()
  @Type(() => SubjectDto)
  subject: SubjectDto;

  @Text(5, 5000, { description: 'What happened, in the customer\'s words', example: 'The machine stopped heating after two weeks of use.' })
  description: string;

  @OptionalText(1, 1000, { description: 'What the customer asks for', example: 'Replacement or full refund' })
  desiredRemedy?: string;

  @ApiPropertyOptional({ description: 'References to documents handed in (not the documents)', example: ['receipt-118842.pdf'], type: [String] })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 300, { each: true })
  documents?: string[];

  // Examples of times are set when the document is served (http/openapi-examples.ts), so they stay valid.
  @OptionalTime({ description: 'When it was received (ISO-8601); defaults to now. Not in the future.', format: 'date-time' })
  receivedAt?: string;

  // Recorded from the signed-in principal. Accepted only when it names that principal (older clients
  // send it); undocumented, so that Swagger UI never sends a placeholder that names someone else.
  @ApiHideProperty()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  takenBy?: string;

  @Text(2, 2000, { description: 'The primary response given at once', example: 'Apologised and offered to check the machine in the service centre.' })
  primaryResponse: string;

  @ApiPropertyOptional({ description:
      'Whether the problem was fixed on the spot (first-contact resolution): the registration then closes the case with the primary response as its resolution, with no investigation or signed answer',
    example: false, default: false })
  @IsOptional()
  @IsBoolean()
  resolvedOnTheSpot?: boolean;
}

export class RegisterComplaintDto {
  @Text(1, 40, { description: 'A category key of the configured catalogue (GET /policies)', example: 'product-quality' })
  category: string;

  @OneOf(SEVERITIES, { example: 'medium' })
  severity: Severity;

  @Text(1, 100, { description: 'The responsible officer: a known person with the quality-officer role (OFFICERS, or the user directory); 400 unknown-officer otherwise', example: 'officer-petrov' })
  responsibleOfficer: string;

  @ApiPropertyOptional({
    description: "An answer date promised to the customer (ISO-8601; a date alone is the end of that day in the deployment's time zone), not in the past and no later than the policy's deadline; defaults to the policy's deadline",
    format: 'date-time',
  })
  @IsOptional()
  @IsISO8601(ISO)
  promisedAnswerBy?: string;
}
