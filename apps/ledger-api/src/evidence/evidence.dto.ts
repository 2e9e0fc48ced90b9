import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { CommandResultDto } from '../http/openapi.decorators';

export class AttachEvidenceQueryDto {
  @ApiProperty({
    description: "The file's name as the complainant gave it (sealed with the case's key: it is personal data); 1–255 characters, no / or \\",
    example: 'receipt-118842.jpg',
  })
  @IsString()
  @Length(1, 255)
  filename: string;
}

export class EvidenceAttachedDto extends CommandResultDto {
  @ApiProperty({ description: "SHA-256 of the file's bytes: its name in /complaints/{id}/evidence/{sha256}", example: 'a3f1c6d6e0b2c5b3d1f6e7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8' })
  sha256: string;
}

export class EvidenceDto {
  @ApiProperty({ example: 'a3f1c6d6e0b2c5b3d1f6e7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8' }) sha256: string;
  @ApiProperty({ description: 'As sent; "[erased]" once the personal data is erased', example: 'receipt-118842.jpg' }) fileName: string;
  @ApiProperty({ example: 'image/jpeg' }) mediaType: string;
  @ApiProperty({ example: 48213 }) sizeBytes: number;
  @ApiProperty({ description: 'Who attached it (the principal)', example: 'clerk-anna' }) attachedBy: string;
  @ApiProperty({ example: '2026-12-07T09:30:00.000Z' }) attachedAt: string;
  @ApiProperty({ description: 'Where to download it', example: '/complaints/0b7c…/evidence/a3f1…' }) href: string;
}

export class EvidenceListDto {
  @ApiProperty({ format: 'uuid' }) complaintId: string;
  @ApiProperty({ type: [EvidenceDto] }) evidence: EvidenceDto[];
}
