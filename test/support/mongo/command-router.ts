import { EmbeddedDocumentStore } from '@app/read-store/sqlite';
import { Document as BsonDocument } from 'mongodb';
import { CatalogCommands } from './catalog-commands';
import { Cursors } from './cursors';
import { Namespace } from './namespace';
import { ReadCommands } from './read-commands';
import { CommandError, errorReply } from './server-errors';
import { WriteCommands } from './write-commands';

/** What the server says it is: a standalone MongoDB 7.0 (the driver needs wire version ≥ 9, and a session timeout for sessions). */
const hello = (command: BsonDocument, connectionId: number): BsonDocument => ({
  ...(command.helloOk === true ? { helloOk: true } : {}),
  isWritablePrimary: true,
  ismaster: true,
  maxBsonObjectSize: 16 * 1024 * 1024,
  maxMessageSizeBytes: 48_000_000,
  maxWriteBatchSize: 100_000,
  localTime: new Date(),
  logicalSessionTimeoutMinutes: 30,
  connectionId,
  minWireVersion: 0,
  maxWireVersion: 21,
  readOnly: false,
  ok: 1,
});

const BUILD_INFO = { version: '7.0.0-test-server', versionArray: [7, 0, 0, 0], bits: 64, maxBsonObjectSize: 16 * 1024 * 1024, ok: 1 };

/** Runs one command against the document store and answers as MongoDB would; never throws. */
export class CommandRouter {
  private readonly reads: ReadCommands;
  private readonly writes: WriteCommands;
  private readonly catalog: CatalogCommands;

  constructor(store: EmbeddedDocumentStore, cursors: Cursors) {
    this.reads = new ReadCommands(store, cursors);
    this.writes = new WriteCommands(store);
    this.catalog = new CatalogCommands(store, cursors);
  }

  async run(command: BsonDocument, db: string, connectionId: number): Promise<BsonDocument> {
    const name = Object.keys(command)[0] ?? '';
    try {
      // A standalone server has no transactions (and the driver only retries writes on replica sets).
      if (command.txnNumber !== undefined) throw new CommandError(20, 'IllegalOperation', 'Transaction numbers are only allowed on a replica set member or mongos');
      return await this.dispatch(name, command, db, connectionId);
    } catch (error) {
      return errorReply(error);
    }
  }

  private dispatch(name: string, command: BsonDocument, db: string, connectionId: number): Promise<BsonDocument> | BsonDocument {
    const ns = () => Namespace.of(db, command[name]);
    switch (name) {
      case 'hello':
      case 'isMaster':
      case 'ismaster':
        return hello(command, connectionId);
      case 'ping':
      case 'endSessions':
        return { ok: 1 };
      case 'buildInfo':
      case 'buildinfo':
        return BUILD_INFO;
      case 'find':
        return this.reads.find(ns(), command);
      case 'getMore':
        return this.reads.getMore(Namespace.of(db, command.collection), command);
      case 'killCursors':
        return this.reads.killCursors(command);
      case 'aggregate':
        if (typeof command.aggregate !== 'string') throw new CommandError(115, 'CommandNotSupported', 'Database-level aggregation is not supported by this test server.');
        return this.reads.aggregate(ns(), command);
      case 'count':
        return this.reads.count(ns(), command);
      case 'insert':
        return this.writes.insert(ns(), command);
      case 'update':
        return this.writes.update(ns(), command);
      case 'delete':
        return this.writes.delete(ns(), command);
      case 'findAndModify':
      case 'findandmodify':
        return this.writes.findAndModify(ns(), command);
      case 'createIndexes':
        return this.catalog.createIndexes(ns(), command);
      case 'listIndexes':
        return this.catalog.listIndexes(ns(), command);
      case 'dropIndexes':
        return this.catalog.dropIndexes(ns(), command);
      case 'listCollections':
        return this.catalog.listCollections(db, command);
      case 'renameCollection':
        return this.catalog.renameCollection(db, command);
      default:
        throw new CommandError(59, 'CommandNotFound', `no such command: '${name}'`);
    }
  }
}
