import { AllFilter, EventStore, Position, ReadAllOptions, readAllPages, ReadStreamOptions, RecordedEvent } from '@app/event-store';
import { PersonalDataVault } from './personal-data-vault';

/**
 * The event store as readers of personal data see it: sealed fields opened (or erased). Appends pass
 * through untouched. Never give it to anything that verifies the hash chain: that runs on the ciphertext.
 */
export class UnsealingEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly vault: PersonalDataVault,
  ) {}

  appendToStream(...args: Parameters<EventStore['appendToStream']>) {
    return this.inner.appendToStream(...args);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.vault.openAll(await this.inner.readStream(streamId, options));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.vault.openAll(await this.inner.readAll(options));
  }

  async *readAllAhead(options: { after?: Position; pageSize: number; filter?: AllFilter }): AsyncIterable<RecordedEvent[]> {
    for await (const page of readAllPages(this.inner, options)) yield await this.vault.openAll(page);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
