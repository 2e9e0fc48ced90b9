import { EsdbEventStore } from '@app/event-store/esdb';
import { EVENT_STORE } from '@app/platform';
import { startTestApp } from '../support/test-app';

// The whole HTTP lifecycle again, with the API on the EventStoreDB adapter through the gRPC test server:
// the same spec, so that the two modes cannot drift apart.
process.env.E2E_EVENT_STORE = 'esdb';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an import is hoisted above the env line it needs
require('./lifecycle.e2e.spec');

describe('the API under E2E_EVENT_STORE=esdb', () => {
  it('runs on the EventStoreDB adapter', async () => {
    const t = await startTestApp();
    try {
      expect(t.app.get(EVENT_STORE)).toBeInstanceOf(EsdbEventStore);
    } finally {
      await t.close();
    }
  });
});
