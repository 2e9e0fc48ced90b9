import { Inject, Injectable } from '@nestjs/common';
import { complaintStreamId } from '@app/domain';
import { EventStore, RecordedEvent } from '@app/event-store';
import { PersonalDataVault } from '@app/security';
import { ApplicationError, EVENT_STORE } from '@app/platform';

/** Reads a complaint's stream for the query handlers; an unknown complaint is a 404, not an empty case. */
@Injectable()
export class ComplaintStreamReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly vault: PersonalDataVault,
  ) {}

  /** The events as stored, personal data sealed: what the hash chain covers. */
  async read(complaintId: string): Promise<RecordedEvent[]> {
    const events = await this.store.readStream(complaintStreamId(complaintId));
    if (events.length === 0) throw new ApplicationError('complaint-not-found', `No complaint ${complaintId}.`);
    return events;
  }

  /** The events for people to read: personal data opened, or erased. */
  async readOpened(complaintId: string): Promise<RecordedEvent[]> {
    return this.vault.openAll(await this.read(complaintId));
  }
}
