import {
  AppendExpectedRevision,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  AppendResult,
  EventData,
  EventStore,
  EventStoreUnavailableError,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { passes, readPosition, toEsdbEvent, toPortError, toRecordedEvent } from './esdb-mapping';

/** How many events a filtered `$all` read asks for at a time (the client's readAll cannot filter on the server). */
const READ_ALL_PAGE = 1_000;

/**
 * The EventStore port on EventStoreDB, through the official client. A thin translation: expected
 * revisions, idempotent appends (event ids derived from command ids) and `$all` reads are the
 * server's own semantics. System events never reach the port.
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private closed = false;

  constructor(connectionString: string) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async appendToStream(streamId: string, events: EventData[], options: { expectedRevision?: ExpectedRevision } = {}): Promise<AppendResult> {
    this.assertOpen();
    if (events.length === 0) throw new Error('An append needs at least one event.');
    const expectedRevision = options.expectedRevision ?? 'any';
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEsdbEvent), {
        expectedRevision: expectedRevision as AppendExpectedRevision,
      });
      if (result.position) return { nextExpectedRevision: result.nextExpectedRevision, position: result.position.commit };
      // An idempotent re-append is answered without a position: the events are those already at that revision.
      const [last] = await this.readStream(streamId, { fromRevision: result.nextExpectedRevision, maxCount: 1 });
      if (!last) throw new Error(`EventStoreDB did not say where the append to ${streamId} landed.`);
      return { nextExpectedRevision: result.nextExpectedRevision, position: last.position };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion;
        throw new WrongExpectedRevisionError(streamId, expectedRevision, typeof actual === 'bigint' ? actual : 'no_stream');
      }
      throw toPortError(error, `appending to ${streamId}`);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 'end' : 'start');
    try {
      const events: RecordedEvent[] = [];
      const read = this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: from === 'start' ? START : from === 'end' ? END : from,
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      });
      for await (const resolved of read) events.push(toRecordedEvent(resolved));
      return events;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw toPortError(error, `reading ${streamId}`);
    }
  }

  /**
   * Reads `$all` in pages and applies the port's filter here, counting only the events that pass it;
   * forward reads include the event at `fromPosition`, as the server's do. Pages are no larger than
   * asked for, so that the runners' frequent one-event head reads stay one-event reads.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const pageSize = Math.max(1, Math.min(READ_ALL_PAGE, maxCount));
    const found: RecordedEvent[] = [];
    let from: bigint | 'start' | 'end' = options.fromPosition ?? (backwards ? 'end' : 'start');
    let skip: bigint | undefined; // a later page starts at the previous page's last event: skip it
    try {
      for (;;) {
        const asked = skip === undefined ? pageSize : pageSize + 1;
        const page: RecordedEvent[] = [];
        const read = this.client.readAll({ direction: backwards ? BACKWARDS : FORWARDS, fromPosition: readPosition(from), maxCount: asked });
        for await (const resolved of read) page.push(toRecordedEvent(resolved));
        for (const event of page) {
          if (event.position === skip || !passes(options.filter, event)) continue;
          found.push(event);
          if (found.length === maxCount) return found;
        }
        if (page.length < asked) return found;
        from = skip = page[page.length - 1].position;
      }
    } catch (error) {
      throw toPortError(error, 'reading $all');
    }
  }

  async ping(): Promise<void> {
    this.assertOpen();
    try {
      // Read to the end (one event at most): a read left half-consumed would keep close() waiting for it.
      for await (const _ of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    } catch (error) {
      throw toPortError(error, 'checking its health');
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('The event store is closed.');
  }
}
