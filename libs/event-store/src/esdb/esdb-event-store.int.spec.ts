import { randomUUID } from 'node:crypto';
import { EsdbTestServer } from '../../../../test/support/esdb/esdb-test-server';
import { onRealServerWhenConfigured, onTestServer } from '../../../../test/support/real-server';
import { eventStoreContract } from '../event-store.contract';
import { EsdbEventStore } from './esdb-event-store';

// The adapter through the unchanged official client, against the protocol-level test server.
eventStoreContract('EsdbEventStore (test server)', async () => {
  const server = await EsdbTestServer.start();
  return onTestServer(new EsdbEventStore(server.connectionString), server);
});

// And against a real EventStoreDB, when one is configured.
onRealServerWhenConfigured(
  process.env.EVENTSTORE_CONNECTION_STRING,
  { suite: 'EventStore contract: EsdbEventStore against a real EventStoreDB server', howTo: 'runs only when EVENTSTORE_CONNECTION_STRING is set (e.g. esdb://localhost:2113?tls=false)' },
  (realServer) =>
    eventStoreContract(`EsdbEventStore (${realServer})`, async () => {
      const store = new EsdbEventStore(realServer);
      return { store, dispose: () => store.close() };
    }),
);

describe('EsdbEventStore reading $all in pages', () => {
  let server: EsdbTestServer;
  let store: EsdbEventStore;
  const stream = `paged-${randomUUID()}`;
  const written = Array.from({ length: 2_345 }, (_, i) => ({ eventId: randomUUID(), type: i % 2 ? 'Odd' : 'Even', data: { i }, metadata: {} }));

  beforeAll(async () => {
    server = await EsdbTestServer.start();
    store = new EsdbEventStore(server.connectionString);
    for (let i = 0; i < written.length; i += 500) await store.appendToStream(stream, written.slice(i, i + 500));
  });
  afterAll(async () => {
    await store.close();
    await server.stop();
  });

  const ids = (events: ReadonlyArray<{ eventId: string }>) => events.map((e) => e.eventId);

  it('reads every event once, in order, across pages, with and without a filter, in both directions', async () => {
    expect(ids(await store.readAll())).toEqual(ids(written)); // the server's system events left out
    expect(ids(await store.readAll({ filter: { eventTypePrefixes: ['Odd'] } }))).toEqual(ids(written.filter((_, i) => i % 2)));
    expect(ids(await store.readAll({ direction: 'backwards' }))).toEqual(ids([...written].reverse()));
    const fromMiddle = (await store.readStream(stream, { fromRevision: 1_500n, maxCount: 1 }))[0].position;
    expect(ids(await store.readAll({ fromPosition: fromMiddle, maxCount: 1_200 }))).toEqual(ids(written.slice(1_500, 2_345)));
  });

  it('counts maxCount in events that pass the filter, however many pages that takes', async () => {
    const evens = await store.readAll({ filter: { eventTypePrefixes: ['Even'] }, maxCount: 1_100 });
    expect(ids(evens)).toEqual(ids(written.filter((_, i) => i % 2 === 0).slice(0, 1_100)));
  });
});
