import { EventStoreDBClient, START, StreamSubscription } from '@eventstore/db-client';
import { AllSubscription, Position, RecordedEvent, SubscribeToAllOptions } from '../event-store.port';
import { passes, serverFilter, toEsdbPosition, toRecordedEvent } from './esdb-mapping';

export type SubscriptionLog = (message: string, details: Record<string, unknown>) => void;

const FIRST_RETRY_MS = 100;
const LAST_RETRY_MS = 5_000;

/**
 * A catch-up subscription to `$all` that outlives dropped connections: when the server's stream
 * fails or ends, it subscribes again after the last event it delivered, with growing pauses, for as
 * long as nobody unsubscribes. It never ends on its own, never skips and never repeats an event.
 */
export class EsdbAllSubscription implements AllSubscription {
  private stopped = false;
  private current?: StreamSubscription;
  private wake?: () => void;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: SubscribeToAllOptions,
    private readonly log: SubscriptionLog = () => undefined,
    private readonly onUnsubscribed: () => void = () => undefined,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    const { filter } = this.options;
    let last: Position | undefined = this.options.fromPosition;
    let failures = 0;
    while (!this.stopped) {
      try {
        const subscription = this.client.subscribeToAll({
          fromPosition: last === undefined ? START : toEsdbPosition(last),
          filter: serverFilter(filter),
        });
        this.current = subscription;
        for await (const resolved of subscription) {
          failures = 0;
          const event = toRecordedEvent(resolved);
          if (last !== undefined && event.position <= last) continue; // already delivered before a resubscription
          last = event.position;
          if (!passes(filter, event)) continue;
          yield event;
          if (this.stopped) return;
        }
        if (this.stopped) return;
        this.log('The EventStoreDB subscription ended; subscribing again.', { after: last?.toString() ?? null });
      } catch (error) {
        if (this.stopped) return;
        this.log('The EventStoreDB subscription dropped; subscribing again.', { after: last?.toString() ?? null, error: String(error) });
      } finally {
        await this.release();
      }
      await this.pause(Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** failures++));
    }
  }

  async unsubscribe(): Promise<void> {
    this.stopped = true;
    this.onUnsubscribed();
    this.wake?.();
    await this.release();
  }

  private async release(): Promise<void> {
    const subscription = this.current;
    this.current = undefined;
    if (!subscription) return;
    await subscription.unsubscribe().catch(() => undefined);
    // Ends a for-await that is waiting for the next event.
    subscription.destroy();
  }

  private pause(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
