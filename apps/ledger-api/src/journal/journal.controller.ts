import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { StatisticsRow } from '@app/projections';
import type { Response } from 'express';
import { AppConfig } from '../config/app-config';
import { ApiAuthenticated } from '../http/openapi.decorators';
import { APP_CONFIG, Clock, CLOCK } from '../infrastructure/tokens';
import { ReadYourWrites } from '../projections/read-your-writes';
import { journalCsv } from './journal-csv';
import { ComplaintStatisticsQuery, ExportJournalQuery, ListDeadlinesQuery, SearchJournalQuery } from './journal-queries';
import { DeadlineList, JournalExport, JournalPage } from './journal-query.handlers';
import { JournalExportQueryDto, JournalQueryDto, OverdueQueryDto, StatisticsQueryDto } from './journal-query.dto';

/** The register journal, deadline lists and reports: answered from the read models. */
@ApiTags('Register journal and reports')
@ApiAuthenticated()
@Controller()
export class JournalController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('complaints')
  @ApiOperation({ summary: 'The register journal: filter by number, period, category, status, officer, verdict, overdue, a word; sorted and paged with a total' })
  async search(@Query() query: JournalQueryDto): Promise<JournalPage & { position: string | null }> {
    await this.readYourWrites.reach(query.minPosition);
    const page: JournalPage = await this.queryBus.execute(new SearchJournalQuery(query));
    return { ...page, position: this.readYourWrites.position };
  }

  @Get('complaints/overdue')
  @ApiOperation({ summary: 'Open complaints whose next deadline has passed, and those due soon, each with the policy that set the date' })
  async overdue(@Query() query: OverdueQueryDto): Promise<DeadlineList & { position: string | null }> {
    await this.readYourWrites.reach(query.minPosition);
    const list: DeadlineList = await this.queryBus.execute(new ListDeadlinesQuery(query.horizonHours ?? this.config.dueSoonHours, query.officer, query.limit));
    return { ...list, position: this.readYourWrites.position };
  }

  @Get('reports/statistics')
  @ApiOperation({ summary: 'Complaint statistics per period (of receipt or of closing) and category, product, channel, officer or root-cause code: volumes, time to register, answer and close, acknowledgement and first promise kept, first-contact resolution, verdicts, compensation, satisfaction, causes' })
  async statistics(@Query() query: StatisticsQueryDto) {
    await this.readYourWrites.reach(query.minPosition);
    const groupBy = query.groupBy ?? 'month';
    const breakdown = query.breakdown ?? 'category';
    const basis = query.basis ?? 'received';
    const rows: StatisticsRow[] = await this.queryBus.execute(new ComplaintStatisticsQuery(groupBy, query.from, query.to, breakdown, basis));
    return { from: query.from ?? null, to: query.to ?? null, groupBy, breakdown, basis, rows, position: this.readYourWrites.position };
  }

  @Get('reports/journal')
  @ApiOperation({ summary: 'Audit export of the journal for a period: CSV (UTF-8 with BOM, stable columns; ?lang= for translated headers, ?separator=;) or JSON, with the $all position it reflects and every voided register number with its reason' })
  @ApiProduces('text/csv', 'application/json')
  async export(@Query() query: JournalExportQueryDto, @Res({ passthrough: true }) response: Response) {
    await this.readYourWrites.reach(query.minPosition);
    const position = this.readYourWrites.position;
    const { rows, voidedRegisterNumbers }: JournalExport = await this.queryBus.execute(new ExportJournalQuery(query.from, query.to));
    const format = query.format ?? 'csv';
    response.setHeader('X-Ledger-Position', position ?? '');
    response.setHeader('X-Ledger-Rows', String(rows.length)); // also what the access trail records

    const name = `register-journal_${query.from ?? 'start'}_${query.to ?? 'now'}`;
    if (query.format === 'json') {
      response.setHeader('Content-Disposition', `attachment; filename="${name}.json"`);
      return { from: query.from ?? null, to: query.to ?? null, position, exportedAt: this.clock.now().toISOString(), rows, voidedRegisterNumbers };
    }
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
    return journalCsv(rows, { lang: query.lang, separator: query.separator }, voidedRegisterNumbers);
  }
}
