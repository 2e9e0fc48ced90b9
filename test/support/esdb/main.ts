import { parseArgs } from 'node:util';
import { EsdbTestServer } from './esdb-test-server';

// `npm run test-server:esdb -- --port 2113`: the gRPC test server on its own, on an embedded store in a
// temporary directory (removed when it stops), so that production mode can be tried by hand. Test
// equipment, never a product mode.
const main = async (): Promise<void> => {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '2113' } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${values.port} is not a port number.`);
  const server = await EsdbTestServer.start({ port });
  console.log(`EventStoreDB test server (not a product mode) on ${server.connectionString}`);
  const stop = () => {
    void server.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
