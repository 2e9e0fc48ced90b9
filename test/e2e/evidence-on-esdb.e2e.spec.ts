// The evidence files' HTTP tests again, with the API on the EventStoreDB adapter through the gRPC test server.
process.env.E2E_EVENT_STORE = 'esdb';
require('./evidence.e2e.spec');
