import { SqliteEventStore } from '@app/event-store/sqlite';
import { StreamsService as StreamsServiceDefinition } from '@eventstore/db-client/generated/streams_grpc_pb';
import { Server, ServerCredentials, UntypedServiceImplementation } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StreamsService } from './streams-service';

export interface EsdbTestServerOptions {
  /** The loopback port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** The embedded store behind the server; by default a fresh one in a temporary directory, removed on stop. */
  store?: SqliteEventStore;
}

/**
 * Test equipment, never a product mode: an in-process gRPC server speaking enough of EventStoreDB's
 * protocol for the unchanged official client (append and reads), backed by the embedded SQLite
 * store. It can be stopped and started again on the same port, to test how the adapter lives
 * through a lost connection.
 */
export class EsdbTestServer {
  private server?: Server;
  private streams: StreamsService;
  private port: number;

  private constructor(
    readonly store: SqliteEventStore,
    port: number,
    private readonly temporaryDir?: string,
  ) {
    this.port = port;
    this.streams = new StreamsService(store);
  }

  static async start(options: EsdbTestServerOptions = {}): Promise<EsdbTestServer> {
    const dir = options.store ? undefined : mkdtempSync(join(tmpdir(), 'esdb-test-server-'));
    const store = options.store ?? new SqliteEventStore(join(dir as string, 'events.sqlite'));
    await seedSystemEvents(store);
    const server = new EsdbTestServer(store, options.port ?? 0, dir);
    await server.listen();
    return server;
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  get listeningPort(): number {
    return this.port;
  }

  /** Listens again on the same port after stop(): the server is back. */
  async listen(): Promise<void> {
    const server = new Server();
    // ServerFeatures is left out on purpose: the client then assumes an older server and uses Streams.Append.
    server.addService(StreamsServiceDefinition, {
      read: this.streams.read.bind(this.streams),
      append: this.streams.append.bind(this.streams),
    } as UntypedServiceImplementation);
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${this.port}`, ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
    );
    this.server = server;
  }

  /** Makes every read wait this long before it is served (0: at once). */
  set readDelayMs(ms: number) {
    this.streams.readDelayMs = ms;
  }

  /**
   * Stops listening and cuts every connection, a read being served included (forceShutdown). The
   * store stays open, so listen() can bring the server back.
   */
  async stopListening(): Promise<void> {
    this.server?.forceShutdown();
    this.server = undefined;
  }

  async stop(): Promise<void> {
    await this.stopListening();
    if (this.temporaryDir) {
      await this.store.close();
      rmSync(this.temporaryDir, { recursive: true, force: true });
    }
  }
}

/**
 * A real server's `$all` begins with system events (epoch records, default users, settings); a few
 * of them here keep the adapter honest about filtering them out.
 */
const seedSystemEvents = async (store: SqliteEventStore): Promise<void> => {
  if ((await store.readAll({ maxCount: 1 })).length > 0) return;
  const systemEvent = (type: string) => ({
    eventId: randomUUID(),
    type,
    data: { contentType: 'application/json', data: Buffer.from('{}').toString('base64'), customMetadata: '' },
    metadata: {},
  });
  await store.appendToStream('$epoch-information', [systemEvent('$epoch-information')]);
  await store.appendToStream('$users', [systemEvent('$User')]);
  await store.appendToStream('$settings', [systemEvent('$settings')]);
};
