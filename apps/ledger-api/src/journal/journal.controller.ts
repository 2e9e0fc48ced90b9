import { Controller, Get, Inject, Query, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AppConfig, ApiAuthenticated, APP_CONFIG } from '@app/platform';
import { JournalFileInterceptor } from './journal-file.interceptor';
import { JournalPageDto } from './journal-page.dto';
import { ComplaintStatisticsQuery, ExportJournalQuery, ListDeadlinesQuery, SearchJournalQuery } from './journal-queries';
import { DeadlineList, JournalExport, JournalPage, StatisticsReport } from './journal-query.handlers';
import { JournalExportQueryDto, JournalQueryDto, OverdueQueryDto, StatisticsQueryDto } from './journal-query.dto';
import { ReadModelQueries, Reflecting } from './read-model-queries';

/** The register journal, deadline lists and reports: each a query of the read models, after the client's own writes. */
@ApiTags('Register journal and reports')
@ApiAuthenticated()
@Controller()
export class JournalController {
  constructor(
    private readonly queries: ReadModelQueries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('complaints')
  @ApiOperation({ summary: 'The register journal: filter by number, period, category, status, officer, verdict, overdue, a word; sorted and paged with a total' })
  @ApiOkResponse({ type: JournalPageDto })
  search(@Query() query: JournalQueryDto): Promise<Reflecting<JournalPage>> {
    return this.queries.ask(new SearchJournalQuery(query), query.minPosition);
  }

  @Get('complaints/overdue')
  @ApiOperation({ summary: 'Open complaints whose next deadline has passed, and those due soon, each with the policy that set the date' })
  overdue(@Query() query: OverdueQueryDto): Promise<Reflecting<DeadlineList>> {
    return this.queries.ask(new ListDeadlinesQuery(query.horizonHours ?? this.config.dueSoonHours, query.officer, query.limit), query.minPosition);
  }

  @Get('reports/statistics')
  @ApiOperation({ summary: 'Complaint statistics per period (of receipt or of closing) and category, product, channel, officer or root-cause code: volumes, time to register, answer and close, acknowledgement and first promise kept, first-contact resolution, verdicts, compensation, satisfaction, causes' })
  statistics(@Query() query: StatisticsQueryDto): Promise<Reflecting<StatisticsReport>> {
    const statistics = new ComplaintStatisticsQuery(query.groupBy ?? 'month', query.from, query.to, query.breakdown ?? 'category', query.basis ?? 'received');
    return this.queries.ask(statistics, query.minPosition);
  }

  @Get('reports/journal')
  @ApiOperation({ summary: 'Audit export of the journal for a period: CSV (UTF-8 with BOM, stable columns; ?lang= for translated headers, ?separator=;) or JSON, with the $all position it reflects and every voided register number with its reason' })
  @ApiProduces('text/csv', 'application/json')
  @UseInterceptors(JournalFileInterceptor)
  export(@Query() query: JournalExportQueryDto): Promise<Reflecting<JournalExport>> {
    return this.queries.ask(new ExportJournalQuery(query.from, query.to), query.minPosition);
  }
}
