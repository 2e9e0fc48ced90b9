import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppConfig, ApiAuthenticated, APP_CONFIG } from '@app/platform';
import { ComplaintIdPipe } from '../../http/complaint-id.pipe';
import { GetComplaintQuery, GetComplaintHistoryQuery, VerifyComplaintQuery } from '../queries/complaint-queries';
import { ComplaintHistoryView } from '../queries/get-complaint-history.handler';
import { ComplaintView } from '../queries/get-complaint.handler';
import { ComplaintVerification } from '../queries/verify-complaint.handler';
import { complaintHistorySchema, complaintViewSchema, policiesSchema } from './complaint-query.responses';
import { OptionalTime } from '../../http/fields';

const NO_SUCH_COMPLAINT = { description: 'No complaint with this id: problem+json, code complaint-not-found' };

export class HistoryQueryDto {
  @OptionalTime({ description: 'Show the case as it stood at this time (events recorded up to it)', example: '2026-11-25T12:00:00Z' })
  asOf?: string;
}

class VerificationDto {
  @ApiProperty() complaintId: string;
  @ApiProperty({ description: 'Whether every event still matches its hash and links to the one before' }) valid: boolean;
  @ApiProperty() eventsChecked: number;
  @ApiPropertyOptional({ description: 'When invalid: the first revision that fails' }) revision?: string;
  @ApiPropertyOptional({ enum: ['hash-mismatch', 'broken-link', 'missing-revision'] }) reason?: string;
  @ApiPropertyOptional() message?: string;
}

@ApiTags('Complaint queries')
@ApiAuthenticated()
@Controller()
export class ComplaintQueriesController {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('complaints/:id')
  @ApiOperation({ summary: 'The case as folded from its events; ETag is its revision (for If-Match)' })
  @ApiOkResponse({ schema: complaintViewSchema })
  @ApiNotFoundResponse(NO_SUCH_COMPLAINT)
  async get(@Param('id', ComplaintIdPipe) complaintId: string, @Res({ passthrough: true }) response: Response): Promise<ComplaintView> {
    const view: ComplaintView = await this.queryBus.execute(new GetComplaintQuery(complaintId));
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }

  @Get('complaints/:id/history')
  @ApiOperation({ summary: 'Every event of the case with who, when and why, in order; ?asOf= for the case as it stood then' })
  @ApiOkResponse({ schema: complaintHistorySchema })
  @ApiNotFoundResponse(NO_SUCH_COMPLAINT)
  async history(
    @Param('id', ComplaintIdPipe) complaintId: string,
    @Query() query: HistoryQueryDto,
  ): Promise<ComplaintHistoryView> {
    // Recorded as an access event by the access trail (access-log/access-trail.interceptor.ts).
    return this.queryBus.execute(new GetComplaintHistoryQuery(complaintId, query.asOf ? new Date(query.asOf) : undefined));
  }

  @Get('complaints/:id/verification')
  @ApiOperation({ summary: "Recomputes the case's hash chain: valid, or the first revision that fails" })
  @ApiOkResponse({ type: VerificationDto })
  @ApiNotFoundResponse(NO_SUCH_COMPLAINT)
  verify(@Param('id', ComplaintIdPipe) complaintId: string): Promise<ComplaintVerification> {
    return this.queryBus.execute(new VerifyComplaintQuery(complaintId));
  }

  @Get('policies')
  @ApiOperation({ summary: 'The deadline policy and category catalogue in force, with their versions' })
  @ApiOkResponse({ schema: policiesSchema })
  policies() {
    return { deadlinePolicy: this.config.deadlinePolicy, categories: this.config.categories, rootCauses: this.config.rootCauses };
  }
}
