import { EmbeddedDocumentStore } from '@app/read-store/sqlite';
import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { Document as BsonDocument } from 'mongodb';
import { CommandRouter } from './command-router';
import { Cursors } from './cursors';
import { CommandRequest, parseRequest, replyTo, takeMessages } from './wire-messages';

export interface MongoTestServerOptions {
  /** 0 (the default) takes an ephemeral port. */
  port?: number;
  host?: string;
  /** The embedded document store behind it; by default a fresh one in memory, closed with the server. */
  store?: EmbeddedDocumentStore;
}

/** A fault to inject: the connection that sends the first matching command is dropped, before or after it is applied. */
export interface ConnectionFault {
  matches(command: BsonDocument, db: string): boolean;
  when: 'before-applying' | 'after-applying';
}

/**
 * A MongoDB wire-protocol server on a loopback port, backed by the embedded document store, that
 * the unchanged official driver talks to as to a standalone MongoDB. Test equipment, never a product mode.
 * Commands run one at a time, in the order they arrive, so no command ever sees another half done.
 * It keeps the embedded store's rules: documents need string _ids, and values come back as JSON has them.
 */
export class MongoTestServer {
  private readonly sockets = new Set<Socket>();
  private readonly cursors = new Cursors();
  private readonly router: CommandRouter;
  private queue: Promise<void> = Promise.resolve();
  private nextConnectionId = 1;
  private nextResponseId = 1;
  private faults: Array<ConnectionFault & { dropped: () => void }> = [];
  private closed = false;

  private constructor(
    private readonly server: Server,
    private readonly store: EmbeddedDocumentStore,
    private readonly ownsStore: boolean,
  ) {
    this.router = new CommandRouter(store, this.cursors);
    server.on('connection', (socket) => this.accept(socket));
  }

  static async start(options: MongoTestServerOptions = {}): Promise<MongoTestServer> {
    const store = options.store ?? new EmbeddedDocumentStore(':memory:');
    const server = new MongoTestServer(createServer(), store, options.store === undefined);
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    return server;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** A connection string for `db` (directConnection: the driver then never looks for a replica set). */
  uri(db = 'test'): string {
    return `mongodb://127.0.0.1:${this.port}/${db}?directConnection=true`;
  }

  /** Open connections (the driver's pool and its monitor). */
  get connections(): number {
    return this.sockets.size;
  }

  get openCursors(): number {
    return this.cursors.count;
  }

  /** Arms a fault; resolves once it has dropped a connection. */
  dropConnection(fault: ConnectionFault): Promise<void> {
    return new Promise((dropped) => this.faults.push({ ...fault, dropped }));
  }

  /** Stops listening, ends every connection and forgets every cursor; closes the store it made. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    const ended = [...this.sockets].map((socket) => new Promise((resolve) => (socket.closed ? resolve(undefined) : socket.once('close', resolve))));
    for (const socket of this.sockets) socket.destroy();
    await Promise.all([stopped, ...ended]);
    await this.queue;
    this.cursors.clear();
    if (this.ownsStore) await this.store.close();
  }

  private accept(socket: Socket): void {
    if (this.closed) return void socket.destroy();
    const connectionId = this.nextConnectionId++;
    this.sockets.add(socket);
    socket.setNoDelay(true);
    let buffered: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      try {
        const { messages, rest } = takeMessages(Buffer.concat([buffered, chunk]));
        buffered = rest;
        for (const message of messages) {
          const request = parseRequest(message);
          this.queue = this.queue.then(() => this.handle(socket, request, connectionId));
        }
      } catch {
        // Not the wire protocol (or not the part of it this server speaks): MongoDB closes such connections too.
        socket.destroy();
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }

  private async handle(socket: Socket, request: CommandRequest, connectionId: number): Promise<void> {
    if (socket.destroyed) return;
    const fault = this.faults.find((f) => f.matches(request.command, request.db));
    if (fault?.when === 'before-applying') return this.drop(socket, fault);
    const reply = await this.router.run(request.command, request.db, connectionId);
    if (fault) return this.drop(socket, fault);
    if (!request.moreToCome && !socket.destroyed) socket.write(replyTo(request, this.nextResponseId++, reply));
  }

  private drop(socket: Socket, fault: ConnectionFault & { dropped: () => void }): void {
    this.faults = this.faults.filter((f) => f !== fault);
    socket.destroy();
    fault.dropped();
  }
}
