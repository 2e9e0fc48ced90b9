// Concurrent commands and retried ones again, with the API on the EventStoreDB adapter through the gRPC
// test server: a wrong expected version and the server's deduplication of re-appended event ids.
process.env.E2E_EVENT_STORE = 'esdb';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an import is hoisted above the env line it needs
require('./concurrency-and-idempotency.e2e.spec');
