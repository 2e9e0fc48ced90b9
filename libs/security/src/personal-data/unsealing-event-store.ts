import { EventStore, ReadAheadOptions, ReadAllOptions, readAllPages, ReadStreamOptions, RecordedEvent } from '@app/event-store';
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

  /** Opened in the reading thread where the store reads in one and the keys can be opened there too; else here, page by page. */
  async *readAllAhead(options: ReadAheadOptions): AsyncIterable<RecordedEvent[]> {
    const open = this.vault.pageOpener();
    if (open && this.inner.readAllAhead) {
      yield* this.inner.readAllAhead({ ...options, open });
      return;
    }
    for await (const page of readAllPages(this.inner, options)) yield await this.vault.openAll(page);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
