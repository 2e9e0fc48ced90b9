import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, Observable } from 'rxjs';
import { journalCsv } from './journal-csv';
import { JournalExportQueryDto } from './journal-query.dto';
import { JournalExport } from './journal-query.handlers';
import { Reflecting } from './read-model-queries';

/**
 * Renders the journal export as the file asked for (?format=csv, the default, or json), an attachment
 * named by its period, with the position it reflects and its row count in headers (the access trail
 * records the count). The query string was validated before the handler ran.
 */
@Injectable()
export class JournalFileInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const query = context.switchToHttp().getRequest<Request>().query as JournalExportQueryDto;
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map(({ from, to, position, exportedAt, rows, voidedRegisterNumbers }: Reflecting<JournalExport>) => {
        response.setHeader('X-Ledger-Position', position ?? '');
        response.setHeader('X-Ledger-Rows', String(rows.length));
        const name = `register-journal_${from ?? 'start'}_${to ?? 'now'}`;
        if (query.format === 'json') {
          response.setHeader('Content-Disposition', `attachment; filename="${name}.json"`);
          return { from, to, position, exportedAt, rows, voidedRegisterNumbers };
        }
        response.setHeader('Content-Type', 'text/csv; charset=utf-8');
        response.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
        return journalCsv(rows, { lang: query.lang, separator: query.separator }, voidedRegisterNumbers);
      }),
    );
  }
}
