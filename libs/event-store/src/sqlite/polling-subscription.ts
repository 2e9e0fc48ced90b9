import { EventEmitter } from 'node:events';
import { AllSubscription, RecordedEvent, SubscribeToAllOptions } from '../event-store.port';
import type { SqliteEventStore } from './sqlite-event-store';

const BATCH_SIZE = 500;

/**
 * A catch-up subscription on the SQLite log: reads in batches after the last delivered position;
 * when caught up, waits for a commit in this process or, for writers in other processes, the next poll.
 */
export class PollingAllSubscription implements AllSubscription {
  private stopped = false;
  /** A commit or close was signalled since the last read: the next sleep must not wait for it. */
  private signalled = false;
  private wake?: () => void;

  constructor(
    private readonly store: SqliteEventStore,
    private readonly committed: EventEmitter,
    private readonly options: SubscribeToAllOptions,
    private readonly pollIntervalMs: number,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    let last = this.options.fromPosition ?? -1n;
    const onSignal = () => {
      this.signalled = true;
      this.wake?.();
    };
    this.committed.on('commit', onSignal);
    this.committed.on('close', onSignal);
    try {
      while (!this.stopped && !this.store.isClosed) {
        this.signalled = false;
        const batch = this.store.readAfter(last, BATCH_SIZE, this.options.filter);
        for (const event of batch) {
          if (this.stopped) return;
          last = event.position;
          yield event;
        }
        if (batch.length < BATCH_SIZE) await this.sleep();
      }
    } finally {
      this.committed.off('commit', onSignal);
      this.committed.off('close', onSignal);
    }
  }

  private sleep(): Promise<void> {
    // A commit that landed while the consumer was busy with the last batch would otherwise wait for the next poll.
    if (this.signalled || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollIntervalMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  async unsubscribe(): Promise<void> {
    this.stopped = true;
    this.wake?.();
  }
}
