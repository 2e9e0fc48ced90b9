import { randomUUID } from 'node:crypto';
import { EsdbTestServer } from '../../../../test/support/esdb/esdb-test-server';
import { EventData, EventStoreUnavailableError } from '../event-store.port';
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


describe('EsdbEventStore when the connection fails', () => {
  let server: EsdbTestServer;
  let store: EsdbEventStore;

  beforeEach(async () => {
    server = await EsdbTestServer.start();
    store = new EsdbEventStore(server.connectionString);
  });
  afterEach(async () => {
    await store.close();
    await server.stop();
  });

  it('close() refuses further calls', async () => {
    const stream = `close-${randomUUID()}`;
    await store.appendToStream(stream, someEvents(1));
    await store.close();
    await expect(store.appendToStream(stream, someEvents(1))).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.readStream(stream)).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.readAll({ maxCount: 1 })).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.close()).resolves.toBeUndefined();
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

const retryUntil = async (attempt: () => Promise<void>): Promise<void> => {
  for (;;) {
    try {
      return await attempt();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
};
