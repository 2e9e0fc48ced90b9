import { EmbeddedDocumentStore } from '@app/read-store/sqlite';
import { parseArgs } from 'node:util';
import { MongoTestServer } from './mongo-test-server';

const USAGE = `Usage: npm run test-server:mongo -- [--port 27017] [--host 127.0.0.1] [--file read-models.sqlite]

Starts the MongoDB wire-protocol test server (test equipment, not a database): the official driver talks to it as to
a standalone MongoDB. Documents live in memory unless --file names an embedded document store file to keep them in.
`;

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '27017' }, host: { type: 'string', default: '127.0.0.1' }, file: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) return void process.stdout.write(USAGE);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${values.port}.\n\n${USAGE}`);
  const store = values.file ? new EmbeddedDocumentStore(values.file) : undefined;
  const server = await MongoTestServer.start({ port, host: values.host, store });
  process.stdout.write(`MongoDB test server listening on mongodb://${values.host}:${server.port} (${values.file ?? 'in memory'})\n`);
  const stop = async () => {
    await server.close();
    await store?.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
