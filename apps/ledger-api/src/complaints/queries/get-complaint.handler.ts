import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ComplaintState } from '@app/domain';
import { foldRecorded } from '../complaint-events';
import { GetComplaintQuery } from './complaint-queries';
import { ComplaintStreamReader } from './complaint-stream.reader';

export interface ComplaintView {
  revision: string;
  complaint: ComplaintState;
}

@QueryHandler(GetComplaintQuery)
export class GetComplaintHandler implements IQueryHandler<GetComplaintQuery, ComplaintView> {
  constructor(private readonly streams: ComplaintStreamReader) {}

  async execute({ complaintId }: GetComplaintQuery): Promise<ComplaintView> {
    const events = await this.streams.readOpened(complaintId);
    return { revision: events[events.length - 1].revision.toString(), complaint: foldRecorded(events) };
  }
}
