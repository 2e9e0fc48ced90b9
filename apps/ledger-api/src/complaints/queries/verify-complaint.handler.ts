import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ChainVerdict, verifyChain } from '@app/event-store';
import { VerifyComplaintQuery } from './complaint-queries';
import { ComplaintStreamReader } from './complaint-stream.reader';

export type ComplaintVerification = ChainVerdict & { complaintId: string };

@QueryHandler(VerifyComplaintQuery)
export class VerifyComplaintHandler implements IQueryHandler<VerifyComplaintQuery, ComplaintVerification> {
  constructor(private readonly streams: ComplaintStreamReader) {}

  async execute({ complaintId }: VerifyComplaintQuery): Promise<ComplaintVerification> {
    const verdict = verifyChain(await this.streams.read(complaintId));
    return { complaintId, ...verdict };
  }
}
