import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { JournalController } from './journal.controller';
import { ReadModelQueries } from './read-model-queries';
import { ComplaintStatisticsHandler, ExportJournalHandler, ListDeadlinesHandler, SearchJournalHandler } from './journal-query.handlers';

@Module({
  imports: [CqrsModule],
  controllers: [JournalController],
  providers: [ReadModelQueries, SearchJournalHandler, ListDeadlinesHandler, ComplaintStatisticsHandler, ExportJournalHandler],
})
export class JournalModule {}
