import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, Observable, switchMap } from 'rxjs';
import { AccessEvent, AccessLog } from '../auth/access-log';
import { readActor } from '../http/request-context';

type Describe = (request: Request, result: unknown, response: Response) => AccessEvent;

const caseId = (request: Request, result: unknown): string =>
  (result as { complaintId?: string; complaint?: { complaintId?: string } })?.complaintId ??
  (result as { complaint?: { complaintId?: string } })?.complaint?.complaintId ??
  String(request.params.id);

// Search criteria as recorded: everything but paging, and the free text replaced by the fact that there was one.
const criteriaOf = (query: Request['query']): Record<string, string | number> =>
  Object.fromEntries(Object.entries(query).filter(([key, value]) => typeof value === 'string' && !['q', 'page', 'pageSize', 'minPosition'].includes(key))) as Record<string, string>;

/**
 * The reads that hand out personal data, by handler: each answered one becomes an access event
 * (who, what, when). The controllers stay free of it; refused reads never get here (the guard runs
 * first) and failed ones record nothing.
 */
const RECORDED: Record<string, Describe> = {
  'ComplaintQueriesController.get': (request, result) => ({ type: 'CaseRead', data: { complaintId: caseId(request, result) } }),
  'ComplaintQueriesController.history': (request, result) => ({
    type: 'CaseHistoryRead',
    data: { complaintId: caseId(request, result), ...(typeof request.query.asOf === 'string' ? { asOf: request.query.asOf } : {}) },
  }),
  'ComplaintQueriesController.verify': (request, result) => ({ type: 'CaseVerified', data: { complaintId: caseId(request, result) } }),
  'EvidenceController.list': (request, result) => ({ type: 'EvidenceListed', data: { complaintId: caseId(request, result) } }),
  // The case as the path's pipe resolved it (an id, or a register number looked up), kept by the handler.
  'EvidenceController.download': (request, _result, response) => ({
    type: 'EvidenceRead',
    data: { complaintId: String(response.locals.complaintId ?? request.params.id), sha256: String(request.params.sha256) },
  }),
  'JournalController.search': (request, result) => {
    const page = result as { items: Array<{ complaintId: string }>; total: number };
    return {
      type: 'JournalSearched',
      data: { criteria: criteriaOf(request.query), textSearch: typeof request.query.q === 'string', complaintIds: page.items.map((item) => item.complaintId), total: page.total },
    };
  },
  'JournalController.export': (request, _result, response) => {
    const rows = Number(response.getHeader('X-Ledger-Rows') ?? 0);
    const { from, to } = request.query as Record<string, string | undefined>;
    return { type: 'JournalExported', data: { ...(from ? { from } : {}), ...(to ? { to } : {}), format: request.query.format === 'json' ? 'json' : 'csv', rows } };
  },
};

@Injectable()
export class AccessTrailInterceptor implements NestInterceptor {
  constructor(private readonly accessLog: AccessLog) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const describe = RECORDED[`${context.getClass().name}.${context.getHandler().name}`];
    if (!describe) return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    // Recorded before the answer leaves: the response waits for the batch its read is in.
    return next.handle().pipe(
      switchMap((result) =>
        from(this.accessLog.record(describe(request, result, response), readActor(request), request.header('x-correlation-id')).then(() => result)),
      ),
    );
  }
}
