import { randomUUID } from 'node:crypto';
import { EsdbTestServer } from '../../../../test/support/esdb/esdb-test-server';
import { EventData, EventStoreUnavailableError, RecordedEvent } from '../event-store.port';
import { EsdbEventStore } from './esdb-event-store';

const someEvents = (count: number): EventData[] =>
  Array.from({ length: count }, (_, i) => ({ eventId: randomUUID(), type: 'Happened', data: { i }, metadata: {} }));

const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`Timed out waiting for ${what}.`)), ms))),
  ]).finally(() => clearTimeout(timer));
};

/** Takes `count` events from an iterator, each within a few seconds. */
const take = async (iterator: AsyncIterator<RecordedEvent>, count: number): Promise<RecordedEvent[]> => {
  const taken: RecordedEvent[] = [];
  while (taken.length < count) {
    const next = await within(iterator.next(), 8_000, `event ${taken.length + 1} of ${count}`);
    if (next.done) throw new Error(`The subscription ended after ${taken.length} of ${count} events.`);
    taken.push(next.value);
  }
  return taken;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ids = (events: ReadonlyArray<{ eventId: string }>) => events.map((e) => e.eventId);

describe('EsdbEventStore when the connection fails', () => {
  let server: EsdbTestServer;
  let store: EsdbEventStore;
  const drops: string[] = [];

  beforeEach(async () => {
    server = await EsdbTestServer.start();
    store = new EsdbEventStore(server.connectionString, { log: (message) => drops.push(message) });
    drops.length = 0;
  });
  afterEach(async () => {
    await store.close();
    await server.stop();
  });

  it.each([
    ['with UNAVAILABLE', false],
    ['quietly, with OK', true],
  ])('a subscription the server ends mid-stream (%s) carries on from where it was: nothing lost, nothing twice', async (_, quietly) => {
    const stream = `fault-${randomUUID()}`;
    const before = someEvents(5);
    await store.appendToStream(stream, before);
    const subscription = store.subscribeToAll({ filter: { streamPrefixes: [stream] } });
    const iterator = subscription[Symbol.asyncIterator]();
    const first = await take(iterator, 3);

    expect(server.dropSubscriptions({ quietly })).toBe(1);
    const after = someEvents(4);
    await store.appendToStream(stream, after, { expectedRevision: 4n });
    const rest = await take(iterator, 6);

    expect(ids([...first, ...rest])).toEqual(ids([...before, ...after]));
    expect(drops.length).toBeGreaterThanOrEqual(1);
    await subscription.unsubscribe();
  });

  it('a subscription lives through the server going away and coming back on the same port', async () => {
    const stream = `restart-${randomUUID()}`;
    await store.appendToStream(stream, someEvents(2));
    const subscription = store.subscribeToAll({ filter: { streamPrefixes: [stream] } });
    const iterator = subscription[Symbol.asyncIterator]();
    await take(iterator, 2);

    await server.stopListening();
    const waiting = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 300)); // a few reconnection attempts fail meanwhile
    // Written while the server is unreachable for the subscriber (straight into the store behind it).
    const whileDown = someEvents(3);
    await server.store.appendToStream(stream, whileDown.map((e) => ({ ...e, data: wire(e.data) })), { expectedRevision: 1n });
    await server.listen();

    const [next] = [(await within(waiting, 10_000, 'the first event after the restart')).value as RecordedEvent];
    const rest = await take(iterator, 2);
    expect(ids([next, ...rest])).toEqual(ids(whileDown));
    expect([next, ...rest].map((e) => e.revision)).toEqual([2n, 3n, 4n]);
    await subscription.unsubscribe();
  });

  it('close() ends its open subscriptions (they do not subscribe again) and refuses further calls', async () => {
    const stream = `close-${randomUUID()}`;
    await store.appendToStream(stream, someEvents(1));
    const iterator = store.subscribeToAll({ filter: { streamPrefixes: [stream] } })[Symbol.asyncIterator]();
    await take(iterator, 1);
    const waiting = iterator.next();
    await store.close();
    expect((await within(waiting, 5_000, 'the subscription to end')).done).toBe(true);
    await sleep(300);
    expect(server.openSubscriptions).toBe(0);
    await expect(store.appendToStream(stream, someEvents(1))).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    expect(() => store.subscribeToAll()).toThrow(EventStoreUnavailableError);
  });

  it('reports the server down as EventStoreUnavailableError, then works once it is back', async () => {
    await server.stopListening();
    const down = new EsdbEventStore(server.connectionString);
    try {
      await expect(down.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(down.appendToStream('down-1', someEvents(1))).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(down.readStream('down-1')).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(down.readAll({ maxCount: 1 })).rejects.toBeInstanceOf(EventStoreUnavailableError);

      await server.listen();
      await within(retryUntil(() => down.ping()), 10_000, 'the store to answer again');
      const result = await down.appendToStream('down-1', someEvents(1), { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(0n);
    } finally {
      await down.close();
    }
  });
});

/** What the test server stores for a JSON event (the client's bytes and content type). */
const wire = (data: unknown) => ({ contentType: 'application/json', data: Buffer.from(JSON.stringify(data)).toString('base64'), customMetadata: Buffer.from('{}').toString('base64') });

const retryUntil = async (attempt: () => Promise<void>): Promise<void> => {
  for (;;) {
    try {
      return await attempt();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
};
