import { EsdbTestServer } from '../../../../test/support/esdb/esdb-test-server';
import { eventStoreContract } from '../event-store.contract';
import { EsdbEventStore } from './esdb-event-store';

// The adapter through the unchanged official client, against the protocol-level test server.
eventStoreContract('EsdbEventStore (test server)', async () => {
  const server = await EsdbTestServer.start();
  const store = new EsdbEventStore(server.connectionString);
  return {
    store,
    dispose: async () => {
      await store.close();
      await server.stop();
    },
  };
});

// And against a real EventStoreDB, when one is configured (the suite keeps to streams of its own).
const realServer = process.env.EVENTSTORE_CONNECTION_STRING;
if (realServer) {
  eventStoreContract(`EsdbEventStore (${realServer})`, async () => {
    const store = new EsdbEventStore(realServer);
    return { store, dispose: () => store.close() };
  });
} else {
  describe('EventStore contract: EsdbEventStore against a real EventStoreDB server', () => {
    it.skip('runs only when EVENTSTORE_CONNECTION_STRING is set (e.g. esdb://localhost:2113?tls=false)', () => undefined);
  });
}
