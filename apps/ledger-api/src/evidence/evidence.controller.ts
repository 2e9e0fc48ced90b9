import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, StreamableFile, UseFilters } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppConfig } from '../config/app-config';
import { ComplaintIdPipe } from '../http/complaint-id.pipe';
import { ApiAuthenticated, ApiCommandHeaders } from '../http/openapi.decorators';
import { CommandRequest, FromCommandRequest } from '../http/request-context';
import { APP_CONFIG } from '../infrastructure/tokens';
import { DEFAULT_EVIDENCE_MEDIA_TYPES } from './evidence-config';
import { EvidenceError, EvidenceErrorFilter } from './evidence-errors';
import { AttachEvidenceQueryDto, EvidenceAttachedDto, EvidenceListDto } from './evidence.dto';
import { EvidenceService } from './evidence.service';
import { contentMatchesType } from './media-signatures';

const NO_SUCH_COMPLAINT = { description: 'No complaint with this id: problem+json, code complaint-not-found' };

/**
 * Evidence files of a case: uploaded as the raw request body (curl --data-binary @photo.jpg, or a browser's
 * fetch(url, { method: 'POST', body: file })) with the file's own Content-Type and ?filename=; listed; and
 * downloaded after the bytes were checked against the hash the chain recorded.
 */
@ApiTags('Evidence')
@ApiAuthenticated()
@UseFilters(EvidenceErrorFilter)
@Controller('complaints')
export class EvidenceController {
  constructor(
    private readonly evidence: EvidenceService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post(':id/evidence')
  @HttpCode(201)
  @ApiCommandHeaders()
  @ApiOperation({
    summary: 'Attach an evidence file (photo, receipt, letter): the raw bytes as the body, with their Content-Type and ?filename=',
    description:
      'The body is the file itself, not JSON and not multipart: `curl --data-binary @receipt.jpg -H "Content-Type: image/jpeg" ".../evidence?filename=receipt.jpg"`. ' +
      'Stored sealed with the case\'s data key (erasing the personal data makes it unreadable), named by its SHA-256, which the hash-chained ' +
      'EvidenceAttached event records with the size, the media type and the principal who attached it. The same bytes twice are refused (409 evidence-already-attached). ' +
      `Accepted types: EVIDENCE_MEDIA_TYPES (default ${DEFAULT_EVIDENCE_MEDIA_TYPES.join(', ')}); size: EVIDENCE_MAX_BYTES (default 10 MiB).`,
  })
  @ApiConsumes(...DEFAULT_EVIDENCE_MEDIA_TYPES)
  @ApiBody({ description: "The file's bytes", schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: EvidenceAttachedDto, description: 'Location names the file; ETag is the complaint\'s revision' })
  @ApiResponse({ status: 413, description: 'The file is larger than EVIDENCE_MAX_BYTES (evidence-too-large)' })
  @ApiResponse({ status: 415, description: 'A type not in EVIDENCE_MEDIA_TYPES (unsupported-evidence-type), or bytes that are not of the type sent (evidence-content-mismatch)' })
  @ApiResponse({ status: 422, description: 'The virus scanner refused the file (evidence-refused-by-scanner); or an Idempotency-Key reused' })
  @ApiResponse({ status: 503, description: 'The blob store or the virus scanner cannot be reached (blob-store-unavailable, virus-scanner-unavailable); nothing was stored' })
  async attach(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Query() query: AttachEvidenceQueryDto,
    @FromCommandRequest() request: CommandRequest,
    @Req() http: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<EvidenceAttachedDto> {
    const { maxBytes, mediaTypes } = this.config.evidence;
    const mediaType = (http.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!mediaTypes.includes(mediaType))
      throw new EvidenceError(
        'unsupported-evidence-type',
        'This type of file is not accepted',
        `${mediaType ? `"${mediaType.slice(0, 80)}" is not accepted` : 'Send the file with its Content-Type'}; accepted: ${mediaTypes.join(', ')}.`,
      );
    const encoding = (http.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity')
      throw new EvidenceError('unsupported-evidence-type', 'Compressed uploads are not accepted', `Send the file as it is, without Content-Encoding (not "${encoding.slice(0, 40)}").`);
    const bytes = await readBody(http, maxBytes);
    if (!contentMatchesType(bytes, mediaType))
      throw new EvidenceError('evidence-content-mismatch', 'The file is not of the type sent', `The bytes are not a ${mediaType} file; send the file's own Content-Type.`);
    const result = await this.evidence.attach(complaintId, { fileName: query.filename, mediaType, bytes }, request);
    response.setHeader('ETag', `"${result.revision}"`);
    response.location(`/complaints/${complaintId}/evidence/${result.sha256}`);
    return result;
  }

  @Get(':id/evidence')
  @ApiOperation({ summary: "The case's evidence files, in the order attached (names opened, or [erased]); recorded as an access event" })
  @ApiOkResponse({ type: EvidenceListDto })
  @ApiNotFoundResponse(NO_SUCH_COMPLAINT)
  async list(@Param('id', ComplaintIdPipe) complaintId: string): Promise<EvidenceListDto> {
    const files = await this.evidence.list(complaintId);
    return { complaintId, evidence: files.map((file) => ({ ...file, href: `/complaints/${complaintId}/evidence/${file.sha256}` })) };
  }

  @Get(':id/evidence/:sha256')
  @ApiOperation({
    summary: 'Download an evidence file, checked against the SHA-256 the chain recorded; recorded as an access event',
    description:
      'Served as an attachment with its media type and Repr-Digest. Refused when the stored bytes do not match the recorded hash ' +
      '(500 evidence-corrupted: altered or damaged in the blob store), and once the personal data was erased (410 evidence-erased).',
  })
  @ApiProduces('application/octet-stream', ...DEFAULT_EVIDENCE_MEDIA_TYPES)
  @ApiOkResponse({ description: "The file's bytes", content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  @ApiResponse({ status: 400, description: 'The sha256 is not 64 lowercase hexadecimal digits' })
  @ApiNotFoundResponse({ description: 'No such complaint (complaint-not-found), or no such file attached to it (evidence-not-found)' })
  @ApiResponse({ status: 410, description: "Erased with the complainant's personal data (evidence-erased)" })
  @ApiResponse({ status: 500, description: 'The stored bytes fail the hash check (evidence-corrupted), are missing (evidence-bytes-missing), or their key is (evidence-key-missing)' })
  async download(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Param('sha256') sha256: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { file, bytes } = await this.evidence.download(complaintId, sha256);
    response.locals.complaintId = complaintId; // for the access trail
    response.setHeader('Content-Type', file.mediaType);
    response.setHeader('Content-Disposition', attachment(file.fileName));
    response.setHeader('Content-Length', String(bytes.length));
    response.setHeader('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
    response.setHeader('ETag', `"${file.sha256}"`);
    // Personal data: never kept by a shared cache; never rendered as a page of this origin.
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    return new StreamableFile(bytes);
  }
}

/** Reads the raw body up to the limit; one byte more is a 413, refused as soon as it is known (Content-Length) or seen. */
const readBody = async (request: Request, maxBytes: number): Promise<Buffer> => {
  const tooLarge = () => new EvidenceError('evidence-too-large', 'The file is too large', `An evidence file may hold at most ${maxBytes} bytes (EVIDENCE_MAX_BYTES).`);
  if (Number(request.headers['content-length'] ?? 0) > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

/** Content-Disposition for any name: an ASCII fallback, and the name itself in RFC 5987's UTF-8 form. */
const attachment = (name: string): string => {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
};
