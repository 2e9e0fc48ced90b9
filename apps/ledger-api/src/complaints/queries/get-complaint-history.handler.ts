import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ComplaintState } from '@app/domain';
import { HistoryEntry, toHistoryEntry } from '@app/event-store';
import { foldRecorded, metadataOf } from '../complaint-events';
import { GetComplaintHistoryQuery } from './complaint-queries';
import { ComplaintStreamReader } from './complaint-stream.reader';

export interface ComplaintHistoryView {
  complaintId: string;
  asOf?: string;
  /** The case folded from the events listed (all of them, or those recorded up to asOf). */
  complaint: ComplaintState;
  events: HistoryEntry[];
}

@QueryHandler(GetComplaintHistoryQuery)
export class GetComplaintHistoryHandler implements IQueryHandler<GetComplaintHistoryQuery, ComplaintHistoryView> {
  constructor(private readonly streams: ComplaintStreamReader) {}

  async execute({ complaintId, asOf }: GetComplaintHistoryQuery): Promise<ComplaintHistoryView> {
    const all = await this.streams.readOpened(complaintId);
    // recordedAt in the metadata is covered by the hash chain, so "as of" cannot be shifted silently.
    const events = asOf ? all.filter((event) => Date.parse(metadataOf(event).recordedAt) <= asOf.getTime()) : all;
    return {
      complaintId,
      asOf: asOf?.toISOString(),
      complaint: foldRecorded(events),
      events: events.map(toHistoryEntry),
    };
  }
}
