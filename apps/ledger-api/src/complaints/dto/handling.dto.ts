import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import {
  ANSWER_CHANNELS,
  AnswerChannel,
  CONTACT_KINDS,
  ContactKind,
  COMPENSATION_KINDS,
  CompensationKind,
  FACT_SOURCE_KINDS,
  FactSourceKind,
  RESPONSIBLE_PARTIES,
  ResponsibleParty,
  SIGNATURE_MEANINGS,
  SignatureMeaning,
  VERDICTS,
  Verdict,
} from '@app/domain';
import { Text, OptionalText, OptionalTime, OneOf, Time } from '../../http/fields';

/** Where a fact of the investigation came from (seeds 000 and 001). */
export class FactSourceDto {
  @OneOf(FACT_SOURCE_KINDS, { example: 'employee-concerned' })
  kind: FactSourceKind;

  @OptionalText(1, 200, { description: 'A staff id, a process, supplier or document name; never the customer', example: 'seller-petrov' })
  reference?: string;

  @Text(2, 5000, { description: 'What the source stated or showed (sealed: erased with the case)', example: 'I told the customer that returns need the manager, who was out.' })
  statement: string;

  @Time({ example: '2026-03-03T11:00:00Z', description: 'When the statement was obtained' })
  obtainedAt: string;
}

export class InvestigateComplaintDto {
  @OneOf(VERDICTS, { example: 'founded' })
  verdict: Verdict;

  @Text(2, 5000, { example: 'The heating element was faulty; the same lot shows a 4% failure rate.' })
  findings: string;

  @Text(2, 1000, { example: 'Defective heating elements from one supplier batch' })
  rootCause: string;

  @OneOf(RESPONSIBLE_PARTIES, { example: 'supplier' })
  responsibleParty: ResponsibleParty;

  @OptionalText(2, 2000, { example: 'Quarantine lot L2026-45 and add an incoming heating test.' })
  correctiveAction?: string;

  @ApiPropertyOptional({ type: [FactSourceDto], description: 'The sources of the facts: the complainant, the employee who took it, the one concerned, a process…' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FactSourceDto)
  sources?: FactSourceDto[];

  @OptionalText(1, 60, { description: "A code of the deployment's root-cause taxonomy (GET /policies); recurring causes count together", example: 'supplier-defect' })
  rootCauseCode?: string;

  @OptionalText(1, 200, { description: 'The product concerned (SKU or product code)', example: 'KTL-200' })
  productReference?: string;

  @OptionalText(1, 200, { description: 'The production lot concerned', example: 'L2026-45' })
  lotNumber?: string;

  // Recorded from the signed-in principal. Accepted only when it names that principal (older clients
  // send it); undocumented, so that Swagger UI never sends a placeholder that names someone else.
  @ApiHideProperty()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  investigatedBy?: string;
}

export class WaiveInvestigationDto {
  @Text(2, 2000, { description: 'Why the complaint is not investigated (FDA 21 CFR 820.198)', example: 'Identical to complaint 2026-000041, already investigated.' })
  reason: string;

  // Recorded from the signed-in principal. Accepted only when it names that principal (older clients
  // send it); undocumented, so that Swagger UI never sends a placeholder that names someone else.
  @ApiHideProperty()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  decidedBy?: string;
}

export class AnswerComplaintDto {
  @OneOf(ANSWER_CHANNELS, { example: 'letter' })
  channel: AnswerChannel;

  @ApiProperty({
    description: 'The reasoned reply: thanks, what was found, what was done, what prevents a repeat',
    example: 'Thank you for telling us. We found a faulty heating element, replaced your machine and changed our incoming inspection.',
    maxLength: 10000,
  })
  @IsString()
  @Length(10, 10000)
  summary: string;

  @ApiPropertyOptional({
    enum: SIGNATURE_MEANINGS,
    example: 'approval',
    description: "What the signing manager's signature means (21 CFR Part 11 §11.50): approval (default), authorship or review",
  })
  @IsOptional()
  @IsIn(SIGNATURE_MEANINGS)
  signatureMeaning?: SignatureMeaning;

  // Recorded from the signed-in principal. Accepted only when it names that principal (older clients
  // send it); undocumented, so that Swagger UI never sends a placeholder that names someone else.
  @ApiHideProperty()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  signedBy?: string;
}

export class MoneyDto {
  @ApiProperty({ description: 'Integer minor units (cents)', example: 24900, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000_000)
  amountMinor: number;

  @ApiProperty({ description: 'ISO 4217 code', example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code, e.g. EUR' })
  currency: string;
}

export class CompensateComplaintDto {
  @OneOf(COMPENSATION_KINDS, { example: 'refund' })
  kind: CompensationKind;

  @ApiPropertyOptional({
    type: MoneyDto,
    description: 'Required for refund, price-difference and voucher',
    example: { amountMinor: 24900, currency: 'EUR' },
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyDto)
  amount?: MoneyDto;

  @Text(2, 2000, { example: 'Full refund of the purchase price' })
  description: string;

  // Recorded from the signed-in principal. Accepted only when it names that principal (older clients
  // send it); undocumented, so that Swagger UI never sends a placeholder that names someone else.
  @ApiHideProperty()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  approvedBy?: string;
}

export class RecordFollowUpDto {
  // The example is set when the document is served (http/openapi-examples.ts): a few minutes after that moment.
  @OptionalTime({ description: 'When the customer was contacted (ISO-8601); defaults to now. Not before the answer, not in the future.', format: 'date-time' })
  contactedAt?: string;

  @ApiProperty({ example: true })
  @IsBoolean()
  problemSolved: boolean;

  @ApiProperty({ minimum: 1, maximum: 5, example: 4 })
  @IsInt()
  @Min(1)
  @Max(5)
  satisfaction: 1 | 2 | 3 | 4 | 5;

  @OptionalText(1, 2000, { example: 'Happy with the new machine.' })
  comment?: string;
}

export class RecordContactDto {
  @OneOf(CONTACT_KINDS, { example: 'acknowledgement', description: 'Why the complainant was contacted; an acknowledgement meets the acknowledgement deadline (GET /policies)' })
  kind: ContactKind;

  @OneOf(ANSWER_CHANNELS, { example: 'email' })
  channel: AnswerChannel;

  @ApiProperty({
    description: "What was said; the complainant's personal data, sealed and erasable like the other free text",
    example: 'Confirmed receipt, named the officer in charge and the date of our answer.',
    maxLength: 2000,
  })
  @IsString()
  @Length(2, 2000)
  summary: string;

  // The example is set when the document is served (http/openapi-examples.ts): that moment.
  @OptionalTime({ description: 'When the complainant was contacted (ISO-8601); defaults to now. Not before the receipt, not in the future.', format: 'date-time' })
  contactedAt?: string;
}
