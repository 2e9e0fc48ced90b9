import { Document, DocumentStore, UpdateFilter } from '@app/read-store';
import { randomBytes } from 'node:crypto';
import { Document as BsonDocument } from 'mongodb';
import { Namespace } from './namespace';
import { badValue, notSupported, writeErrorOf } from './server-errors';

/** The reply of a write command: what was applied, and the errors (an ordered write stops at the first). */
interface WriteOutcome {
  n: number;
  nModified?: number;
  upserted?: Array<{ index: number; _id: unknown }>;
  writeErrors?: BsonDocument[];
}

/** Runs each operation in order; an ordered command stops at the first failure, as MongoDB does. */
const eachOperation = async <T>(operations: T[], ordered: boolean, apply: (operation: T, index: number) => Promise<void>): Promise<BsonDocument[]> => {
  const writeErrors: BsonDocument[] = [];
  for (const [index, operation] of operations.entries()) {
    try {
      await apply(operation, index);
    } catch (error) {
      writeErrors.push(writeErrorOf(index, error));
      if (ordered) break;
    }
  }
  return writeErrors;
};

const reply = (outcome: WriteOutcome): BsonDocument => {
  const { writeErrors, upserted, ...counts } = outcome;
  return { ...counts, ...(upserted?.length ? { upserted } : {}), ...(writeErrors?.length ? { writeErrors } : {}), ok: 1 };
};

const isOperatorUpdate = (update: BsonDocument): boolean => Object.keys(update).some((key) => key.startsWith('$'));

/** The _id an upsert inserts: the filter's or the replacement's when they name one, else a new ObjectId-like one. */
const upsertId = (filter: BsonDocument, update: BsonDocument): unknown => {
  if (!isOperatorUpdate(update) && update._id !== undefined) return update._id;
  if (filter._id !== undefined && (typeof filter._id !== 'object' || filter._id === null)) return filter._id;
  return (update.$set as BsonDocument | undefined)?._id ?? randomBytes(12).toString('hex');
};

export class WriteCommands {
  constructor(private readonly store: DocumentStore) {}

  async insert(ns: Namespace, command: BsonDocument): Promise<BsonDocument> {
    const collection = this.store.collection(ns.full);
    const documents = (command.documents ?? []) as Document[];
    let n = 0;
    const writeErrors = await eachOperation(documents, command.ordered !== false, async (document) => {
      await collection.insertOne(document);
      n++;
    });
    return reply({ n, writeErrors });
  }

  async update(ns: Namespace, command: BsonDocument): Promise<BsonDocument> {
    const outcome: Required<Omit<WriteOutcome, 'writeErrors'>> = { n: 0, nModified: 0, upserted: [] };
    const statements = (command.updates ?? []) as BsonDocument[];
    const writeErrors = await eachOperation(statements, command.ordered !== false, async ({ q = {}, u, upsert, multi }, index) => {
      const result = await this.updateOne(ns, q, u, upsert === true, multi === true);
      outcome.n += result.matched + (result.upsertedId === undefined ? 0 : 1);
      outcome.nModified += result.modified;
      if (result.upsertedId !== undefined) outcome.upserted.push({ index, _id: result.upsertedId });
    });
    return reply({ ...outcome, writeErrors });
  }

  async delete(ns: Namespace, command: BsonDocument): Promise<BsonDocument> {
    const collection = this.store.collection(ns.full);
    let n = 0;
    const statements = (command.deletes ?? []) as BsonDocument[];
    const writeErrors = await eachOperation(statements, command.ordered !== false, async ({ q = {}, limit }) => {
      if (limit !== 0 && limit !== 1) throw badValue(`The delete limit must be 0 or 1, got ${limit}.`);
      const filter = q as Record<string, unknown>;
      n += (await collection.bulkWrite([limit === 1 ? { deleteOne: { filter } } : { deleteMany: { filter } }])).deletedCount;
    });
    return reply({ n, writeErrors });
  }

  async findAndModify(ns: Namespace, command: BsonDocument): Promise<BsonDocument> {
    const { query = {}, sort, remove, update, new: returnNew, fields, upsert } = command;
    if (remove === true && update !== undefined) throw badValue('Cannot specify both an update and remove=true.');
    const collection = this.store.collection(ns.full);
    const before = await collection.findOne(query, { sort });
    const beforeValue = before && fields ? await collection.findOne({ _id: before._id }, { projection: fields }) : before;
    if (remove === true) {
      if (before) await collection.bulkWrite([{ deleteOne: { filter: { _id: before._id } } }]);
      return { lastErrorObject: { n: before ? 1 : 0 }, value: beforeValue, ok: 1 };
    }
    if (update === undefined) throw badValue('Either an update or remove=true must be specified.');
    const result = await this.updateOne(ns, before ? { _id: before._id } : query, update, upsert === true, false);
    const id = before?._id ?? result.upsertedId;
    const after = id === undefined ? null : await collection.findOne({ _id: id }, { projection: fields });
    const lastErrorObject = { n: result.matched + (result.upsertedId === undefined ? 0 : 1), updatedExisting: before !== null, ...(result.upsertedId === undefined ? {} : { upserted: result.upsertedId }) };
    return { lastErrorObject, value: returnNew === true ? after : beforeValue, ok: 1 };
  }

  private async updateOne(ns: Namespace, filter: BsonDocument, update: unknown, upsert: boolean, multi: boolean) {
    if (multi) throw notSupported('An update with multi: true');
    if (Array.isArray(update)) throw notSupported('An update with an aggregation pipeline');
    if (!update || typeof update !== 'object') throw badValue('The update must be a document.');
    const collection = this.store.collection(ns.full);
    const u = update as BsonDocument;
    let target = filter as Record<string, unknown>;
    let upsertedId: unknown;
    // The embedded store does not say which _id an upsert chose: choose it here, and upsert by it when nothing matches.
    if (upsert && (await collection.findOne(target, { projection: { _id: 1 } })) === null) {
      upsertedId = upsertId(filter, u);
      target = { ...target, _id: upsertedId };
    }
    const result = isOperatorUpdate(u)
      ? await collection.updateOne(target, u as UpdateFilter, { upsert })
      : await collection.replaceOne(target, u as Document, { upsert });
    return { matched: result.matchedCount, modified: result.modifiedCount, upsertedId: result.upsertedCount > 0 ? upsertedId : undefined };
  }
}
