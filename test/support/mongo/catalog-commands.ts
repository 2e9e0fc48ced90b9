import { DuplicateKeyError } from '@app/read-store';
import { EmbeddedDocumentStore } from '@app/read-store/sqlite';
import { Query } from 'mingo';
import { Document as BsonDocument } from 'mongodb';
import { Cursors } from './cursors';
import { Namespace } from './namespace';
import { badValue, CommandError, writeErrorOf } from './server-errors';

/**
 * createIndexes, listIndexes, dropIndexes, listCollections and renameCollection (no drop: no adapter drops a
 * collection). The indexes listed are those created through this server (the store does not list its
 * own), kept with their collection through renames. The collections are the embedded store's own list.
 */
export class CatalogCommands {
  private readonly indexes = new Map<string, Map<string, BsonDocument>>();

  constructor(
    private readonly store: EmbeddedDocumentStore,
    private readonly cursors: Cursors,
  ) {}

  async createIndexes(ns: Namespace, command: BsonDocument): Promise<BsonDocument> {
    const indexes = command.indexes;
    if (!Array.isArray(indexes) || indexes.length === 0) throw badValue('Must specify at least one index to create');
    const collection = this.store.collection(ns.full);
    for (const { key, name, unique, default_language: language, ...rest } of indexes as BsonDocument[]) {
      const options = Object.keys(rest).filter((option) => option !== 'v' && option !== 'background');
      // A text index's language (the adapter asks for 'none'): the embedded store's trigrams have none.
      if (language !== undefined && language !== 'none') throw new CommandError(67, 'CannotCreateIndex', `default_language ${String(language)} is not supported by this test server.`);
      if (options.length > 0) throw new CommandError(67, 'CannotCreateIndex', `Index options ${options.join(', ')} are not supported by this test server.`);
      try {
        const created = await collection.createIndex({ keys: key, name, unique: unique === true });
        if (created !== '_id_') {
          this.indexesOf(ns.full).set(created, { v: 2, key, name: created, ...(unique === true ? { unique: true } : {}), ...(language !== undefined ? { default_language: language } : {}) });
        }
      } catch (error) {
        if (error instanceof DuplicateKeyError) throw new CommandError(11000, 'DuplicateKey', `Index build failed: ${writeErrorOf(0, error).errmsg}`, { keyPattern: key, keyValue: error.key });
        const message = (error as Error).message;
        if (/conflicting/.test(message)) throw new CommandError(86, 'IndexKeySpecsConflict', message);
        throw new CommandError(67, 'CannotCreateIndex', message);
      }
    }
    return { ok: 1 };
  }

  async listIndexes(ns: Namespace, command: BsonDocument): Promise<BsonDocument> {
    if (!(await this.store.listCollections()).includes(ns.full)) throw new CommandError(26, 'NamespaceNotFound', `ns does not exist: ${ns.full}`);
    const indexes = [{ v: 2, key: { _id: 1 }, name: '_id_' }, ...this.indexesOf(ns.full).values()];
    return this.cursors.first(ns.full, indexes, { batchSize: (command.cursor as BsonDocument | undefined)?.batchSize });
  }

  /** dropIndexes with one index name, a list of names, or '*' (every index but _id_). */
  async dropIndexes(ns: Namespace, command: BsonDocument): Promise<BsonDocument> {
    if (!(await this.store.listCollections()).includes(ns.full)) throw new CommandError(26, 'NamespaceNotFound', `ns not found ${ns.full}`);
    const known = this.indexesOf(ns.full);
    const asked = command.index === '*' ? [...known.keys()] : Array.isArray(command.index) ? command.index : [command.index];
    if (asked.some((name) => typeof name !== 'string')) throw badValue('dropIndexes takes index names here (this test server does not drop by key pattern)');
    if (asked.includes('_id_')) throw new CommandError(72, 'InvalidOptions', 'cannot drop _id index');
    const missing = (asked as string[]).find((name) => !known.has(name));
    if (missing !== undefined) throw new CommandError(27, 'IndexNotFound', `index not found with name [${missing}]`);
    for (const name of asked as string[]) known.delete(name);
    await this.store.collection(ns.full).dropIndexesExcept([...known.keys()]);
    return { ok: 1, nIndexesWas: known.size + asked.length + 1 };
  }

  async listCollections(db: string, command: BsonDocument): Promise<BsonDocument> {
    const prefix = `${db}.`;
    const entries = (await this.store.listCollections())
      .filter((full) => full.startsWith(prefix))
      .map((full) => ({ name: full.slice(prefix.length), type: 'collection', options: {}, info: { readOnly: false } }));
    const filter = command.filter && typeof command.filter === 'object' ? new Query(command.filter as Record<string, unknown>) : undefined;
    const matching = filter ? entries.filter((entry) => filter.test(entry)) : entries;
    const results = command.nameOnly === true ? matching.map(({ name, type }) => ({ name, type })) : matching;
    return this.cursors.first(`${db}.$cmd.listCollections`, results, { batchSize: (command.cursor as BsonDocument | undefined)?.batchSize });
  }

  /** `{ renameCollection: 'db.from', to: 'db.to', dropTarget }`, run against admin, as MongoDB requires. */
  async renameCollection(db: string, command: BsonDocument): Promise<BsonDocument> {
    if (db !== 'admin') throw new CommandError(13, 'Unauthorized', 'renameCollection may only be run against the admin database.');
    const from = Namespace.parse(command.renameCollection);
    const to = Namespace.parse(command.to);
    const existing = await this.store.listCollections();
    if (!existing.includes(from.full)) throw new CommandError(26, 'NamespaceNotFound', `Source collection ${from.full} does not exist`);
    if (from.full === to.full) throw new CommandError(20, 'IllegalOperation', `Can't rename a collection to itself`);
    if (existing.includes(to.full) && command.dropTarget !== true) throw new CommandError(48, 'NamespaceExists', `target namespace exists`);
    await this.store.renameCollection(from.full, to.full);
    this.indexes.set(to.full, this.indexesOf(from.full));
    this.indexes.delete(from.full);
    return { ok: 1 };
  }

  private indexesOf(full: string): Map<string, BsonDocument> {
    const indexes = this.indexes.get(full) ?? new Map<string, BsonDocument>();
    this.indexes.set(full, indexes);
    return indexes;
  }
}
