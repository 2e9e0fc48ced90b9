// The evidence files' HTTP tests again, with the API on the EventStoreDB adapter through the gRPC test server.
process.env.E2E_EVENT_STORE = 'esdb';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an import is hoisted above the env line it needs
require('./evidence.e2e.spec');
