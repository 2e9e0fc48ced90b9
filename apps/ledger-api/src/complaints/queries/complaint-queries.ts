import { IQuery } from '@nestjs/cqrs';

export class GetComplaintQuery implements IQuery {
  constructor(readonly complaintId: string) {}
}

/** Every event of a case in order; with `asOf`, only those recorded up to then and the case as it stood. */
export class GetComplaintHistoryQuery implements IQuery {
  constructor(
    readonly complaintId: string,
    readonly asOf?: Date,
  ) {}
}

export class VerifyComplaintQuery implements IQuery {
  constructor(readonly complaintId: string) {}
}
