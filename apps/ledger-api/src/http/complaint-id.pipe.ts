import { Inject, Injectable, PipeTransform } from '@nestjs/common';
import { isRegisterNumber } from '@app/domain';
import { EventStore } from '@app/event-store';
import { complaintIdByRegisterNumber, isComplaintId } from '@app/projections';
import { ApplicationError, InvalidRequest, EVENT_STORE } from '@app/platform';

/**
 * A complaint in a path is named by its id (UUID) or by its register number (`2026-000042`, what the
 * customer's letter shows); the number is looked up in the event store, so it works right after
 * registration. Anything else is a 400 naming the parameter; a number no case holds is a 404.
 */
@Injectable()
export class ComplaintIdPipe implements PipeTransform<string, Promise<string>> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async transform(value: string): Promise<string> {
    if (isComplaintId(value)) return value.toLowerCase();
    if (!isRegisterNumber(value))
      throw new InvalidRequest([{ field: 'id', reason: 'must be a complaint id (UUID) or a register number (YYYY-NNNNNN)' }]);
    const complaintId = await complaintIdByRegisterNumber(this.store, value);
    if (complaintId === undefined) throw new ApplicationError('complaint-not-found', `No complaint is registered under ${value}.`);
    return complaintId;
  }
}
