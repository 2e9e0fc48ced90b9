import { COMPLAINT_STREAM_PREFIX } from '@app/domain';
import { EventStore, readAllPages, RecordedEvent } from '@app/event-store';
import { ComplaintFacts, factsFromStream, StatisticsRow, summarizeStatistics, SummaryOptions } from '@app/projections';

/**
 * Statistics straight from the events, without any read model: each complaint's stream is folded
 * with the domain's own evolve, then summarised. An analyst's cross-check of the projected report.
 */
export const statisticsFromEvents = async (
  store: EventStore,
  options: SummaryOptions,
): Promise<StatisticsRow[]> => {
  const streams = new Map<string, RecordedEvent[]>();
  for await (const page of readAllPages(store, { filter: { streamPrefixes: [COMPLAINT_STREAM_PREFIX] } }))
    for (const event of page) {
      const stream = streams.get(event.streamId) ?? [];
      stream.push(event);
      streams.set(event.streamId, stream);
    }
  const facts = [...streams.values()].map(factsFromStream).filter((f): f is ComplaintFacts => f !== null);
  return summarizeStatistics(facts, options);
};

export const stats = async (store: EventStore, options: SummaryOptions & { json: boolean }, out: NodeJS.WritableStream): Promise<number> => {
  const rows = await statisticsFromEvents(store, options);
  if (options.json) {
    out.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const by = options.breakdown ?? 'category';
  out.write(
    `period      ${by.padEnd(21)} received registered answered on-time 1st-kept first-contact  h-to-register(med/p90)  h-to-answer(med/p90)  closed  h-to-close(med/p90)  ack-on-time/late  founded/partly/unfounded  satisfaction\n`,
  );
  for (const row of rows)
    out.write(
      [
        row.period.padEnd(11),
        row.breakdown.value.padEnd(21),
        String(row.received).padStart(8),
        String(row.registered).padStart(10),
        String(row.answered).padStart(8),
        String(row.answeredOnTime).padStart(8),
        String(row.firstPromiseKept).padStart(8),
        String(row.resolvedAtFirstContact).padStart(13),
        `${row.hoursToRegister.median ?? '-'}/${row.hoursToRegister.p90 ?? '-'}`.padStart(24),
        `${row.hoursToAnswer.median ?? '-'}/${row.hoursToAnswer.p90 ?? '-'}`.padStart(21),
        String(row.closed).padStart(7),
        `${row.hoursToClose.median ?? '-'}/${row.hoursToClose.p90 ?? '-'}`.padStart(20),
        `${row.acknowledgedOnTime}/${row.acknowledgedLate}`.padStart(17),
        `${row.verdicts.founded}/${row.verdicts.partlyFounded}/${row.verdicts.unfounded}`.padStart(25),
        `${row.satisfaction.average ?? '-'}`.padStart(13),
      ].join(' ') + '\n',
    );
  return 0;
};
