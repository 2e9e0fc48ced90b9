import { randomBytes } from 'node:crypto';
import { BulkOperation, BulkWriteResult, Document, DuplicateKeyError, Filter, UpdateFilter } from '../document-store.port';
import { CollectionState } from './collection-state';
import { cloneJson } from './json';
import { matching, Planning } from './reads';
import { Rec } from './sorted-index';
import { UnitOfWork } from './unit-of-work';
import { applyUpdate, seedFromFilter } from './update-operators';

/** Where one collection's writes go: its state, created on the first write that stores a document. */
export interface WriteTarget {
  readonly name: string;
  readonly uow: UnitOfWork;
  readonly planning: Planning;
  /** The caller hands the documents it writes over (BulkWriteAllOptions.handOver). */
  readonly handOver: boolean;
  state(): CollectionState | undefined;
  create(): CollectionState;
}

export const emptyResult = (): BulkWriteResult => ({ insertedCount: 0, matchedCount: 0, modifiedCount: 0, upsertedCount: 0, deletedCount: 0 });

/**
 * Applies one operation, counting it into `result`. An operation that fails changes nothing: every
 * check (duplicate keys, immutable _id, invalid update) happens before its one `put`, and a
 * deleteMany cannot fail half-way.
 */
export const applyOperation = (target: WriteTarget, operation: BulkOperation, result: BulkWriteResult): void => {
  if ('insertOne' in operation) {
    insert(target, operation.insertOne.document, target.handOver);
    result.insertedCount++;
  } else if ('updateOne' in operation) {
    const { filter, update, upsert } = operation.updateOne;
    const match = firstMatch(target, filter);
    if (match) {
      result.matchedCount++;
      const next = cloneJson(match.doc) as Record<string, unknown>;
      applyUpdate(next, update);
      // Never handed over: the update's values are the caller's.
      if (replace(target, match, next, false)) result.modifiedCount++;
    } else if (upsert) {
      insert(target, upserted(filter, update), false);
      result.upsertedCount++;
    }
  } else if ('replaceOne' in operation) {
    const { filter, replacement, upsert } = operation.replaceOne;
    const match = firstMatch(target, filter);
    if (match) {
      result.matchedCount++;
      if (replace(target, match, replacement._id !== undefined ? replacement : { ...replacement, _id: match.id }, target.handOver)) result.modifiedCount++;
    } else if (upsert) {
      insert(target, replacement._id !== undefined ? replacement : { ...replacement, _id: idFrom(seedFromFilter(filter)) }, target.handOver);
      result.upsertedCount++;
    }
  } else if ('deleteOne' in operation) {
    const match = firstMatch(target, operation.deleteOne.filter);
    if (match) {
      target.uow.put(target.state()!, match.id, undefined, null);
      result.deletedCount++;
    }
  } else if ('deleteMany' in operation) {
    const state = target.state();
    if (!state) return;
    const doomed = matching(state, operation.deleteMany.filter, {}, target.planning);
    for (const doc of doomed) target.uow.put(state, doc._id, undefined, null);
    result.deletedCount += doomed.length;
  } else {
    throw new Error(`Unknown bulk operation: ${Object.keys(operation).join(', ')}.`);
  }
};

/**
 * The stored form: the JSON text with _id first (as MongoDB keeps it), and the object memory keeps.
 * That is the text parsed back (JSON.parse builds compact objects, which the scans read fastest),
 * or a handed-over document itself, frozen, when it already is what the text gives back: a parse
 * costs twice a check, and a rebuild writes every document of a read model at least once.
 */
const stored = (document: Record<string, unknown>, handOver: boolean): { doc: Document; json: string } => {
  if (typeof document._id !== 'string') throw new Error(`Documents of the read store need a string _id, got ${JSON.stringify(document._id)}.`);
  let first: string | undefined;
  for (const key in document) {
    first = key;
    break;
  }
  const json = JSON.stringify(first === '_id' ? document : { _id: document._id, ...document });
  return { doc: handOver && first === '_id' && frozenIfJson(document) ? (document as Document) : (JSON.parse(json) as Document), json };
};

/** Freezes the value, deeply, if it holds nothing that JSON would change (undefined, dates, NaN…); else leaves it as it is. */
const frozenIfJson = (value: unknown): boolean => {
  const containers: object[] = [];
  const isJson = (item: unknown): boolean => {
    if (item === null || typeof item === 'string' || typeof item === 'boolean') return true;
    if (typeof item === 'number') return Number.isFinite(item);
    if (typeof item !== 'object') return false;
    if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) if (!isJson(item[i])) return false;
    } else {
      if (Object.getPrototypeOf(item) !== Object.prototype) return false;
      for (const key in item) if (!isJson((item as Record<string, unknown>)[key])) return false;
    }
    containers.push(item);
    return true;
  };
  if (!isJson(value)) return false;
  for (const container of containers) Object.freeze(container);
  return true;
};

const insert = (target: WriteTarget, document: Record<string, unknown>, handOver: boolean): void => {
  const { doc, json } = stored(document, handOver);
  const state = target.state();
  if (state?.docs.has(doc._id)) throw new DuplicateKeyError(target.name, '_id_', { _id: doc._id });
  state?.checkUnique(doc);
  target.uow.put(state ?? target.create(), doc._id, doc, json);
};

/** Stores `next` in place of `match`; false when it changes nothing (MongoDB then counts no modification). */
const replace = (target: WriteTarget, match: Rec, next: Record<string, unknown>, handOver: boolean): boolean => {
  if (next._id !== match.id) {
    throw new Error(`Performing an update on the path '_id' would modify the immutable field '_id' (${match.id}).`);
  }
  const { doc, json } = stored(next, handOver);
  if (json === JSON.stringify(match.doc)) return false;
  const state = target.state()!;
  state.checkUnique(doc);
  target.uow.put(state, match.id, doc, json);
  return true;
};

const firstMatch = (target: WriteTarget, filter: Filter): Rec | undefined => {
  const state = target.state();
  if (!state) return undefined;
  // By _id alone, as projections write: a direct lookup, without planning a query per document.
  const id = plainIdOf(filter);
  if (id !== undefined) return state.docs.get(id);
  const [doc] = matching(state, filter, { size: 1 }, target.planning);
  return doc && state.docs.get(doc._id);
};

/** The string of a filter that is exactly `{ _id: '<string>' }`, else undefined. */
const plainIdOf = (filter: Filter): string | undefined => {
  let id: unknown;
  for (const field in filter) {
    if (field !== '_id') return undefined;
    id = filter[field];
  }
  return typeof id === 'string' ? id : undefined;
};

/** The document an upsert inserts: the filter's equalities, then the update (MongoDB's order). */
const upserted = (filter: Filter, update: UpdateFilter): Record<string, unknown> => {
  const seed = seedFromFilter(filter);
  const setId = update.$set?._id;
  if (seed._id === undefined && setId !== undefined) seed._id = setId;
  applyUpdate(seed, update);
  return { ...seed, _id: idFrom(seed) };
};

/** The filter's _id, or a new one shaped like MongoDB's ObjectId (always upsert by _id to choose it). */
const idFrom = (seed: Record<string, unknown>): unknown => seed._id ?? randomBytes(12).toString('hex');
