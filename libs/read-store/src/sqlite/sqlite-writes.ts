import { randomBytes } from 'node:crypto';
import { BulkOperation, BulkWriteResult, Document, DuplicateKeyError, Filter, UpdateFilter } from '../document-store.port';
import { applyUpdate, seedFromFilter } from './update-operators';
import { matchingRows, Row } from './sqlite-reads';
import type { CollectionInfo, SqlRunner } from './sqlite-document-store';

// Writes, each operation as MongoDB applies it: one statement per document, the full-text row kept
// beside it, unique indexes enforced by SQLite (its constraint error becomes a DuplicateKeyError).

/** What a collection's writes need of the store: the collection, created on the first document stored. */
export interface WriteTarget {
  readonly name: string;
  readonly sql: SqlRunner;
  info(): CollectionInfo | undefined;
  create(): CollectionInfo;
  /** Records the types of a stored document's fields (see Shapes). */
  observe(info: CollectionInfo, doc: Record<string, unknown>): void;
}

export const emptyResult = (): BulkWriteResult => ({ insertedCount: 0, matchedCount: 0, modifiedCount: 0, upsertedCount: 0, deletedCount: 0 });

export const applyOperation = (target: WriteTarget, operation: BulkOperation, result: BulkWriteResult): void => {
  if ('insertOne' in operation) {
    insert(target, operation.insertOne.document);
    result.insertedCount++;
  } else if ('updateOne' in operation) {
    const { filter, update, upsert } = operation.updateOne;
    writeFirstMatch(target, filter, upsert, result, {
      changed: (match) => {
        const next = JSON.parse(match.json) as Record<string, unknown>;
        applyUpdate(next, update);
        return next;
      },
      upserted: () => upserted(filter, update),
    });
  } else if ('replaceOne' in operation) {
    const { filter, replacement, upsert } = operation.replaceOne;
    const withId = (id: unknown) => (replacement._id !== undefined ? replacement : { ...replacement, _id: id });
    writeFirstMatch(target, filter, upsert, result, { changed: (match) => withId(match.id), upserted: () => withId(idFrom(seedFromFilter(filter))) });
  } else if ('deleteOne' in operation) {
    const match = firstMatch(target, operation.deleteOne.filter);
    if (match) {
      remove(target, match.rid);
      result.deletedCount++;
    }
  } else if ('deleteMany' in operation) {
    const info = target.info();
    if (!info) return;
    const doomed = [...matchingRows(target.sql, info, operation.deleteMany.filter)];
    for (const row of doomed) remove(target, row.rid);
    result.deletedCount += doomed.length;
  } else {
    throw new Error(`Unknown bulk operation: ${Object.keys(operation).join(', ')}.`);
  }
};

interface Match extends Row {
  readonly id: string;
  doc?: Record<string, unknown>;
}

/** updateOne and replaceOne: the first match becomes `changed(match)`; with none, an upsert stores `upserted()`. */
const writeFirstMatch = (
  target: WriteTarget,
  filter: Filter,
  upsert: boolean | undefined,
  result: BulkWriteResult,
  make: { changed(match: Match): Record<string, unknown>; upserted(): Record<string, unknown> },
): void => {
  const match = firstMatch(target, filter);
  if (match) {
    result.matchedCount++;
    if (replace(target, match, make.changed(match))) result.modifiedCount++;
  } else if (upsert) {
    insert(target, make.upserted());
    result.upsertedCount++;
  }
};

/** The JSON text stored, _id first (as MongoDB keeps it). */
const stored = (document: Record<string, unknown>): string => {
  if (typeof document._id !== 'string') throw new Error(`Documents of the read store need a string _id, got ${JSON.stringify(document._id)}.`);
  let first: string | undefined;
  for (const key in document) {
    first = key;
    break;
  }
  return JSON.stringify(first === '_id' ? document : { _id: document._id, ...document });
};

const textOf = (info: CollectionInfo, json: string, doc?: Record<string, unknown>): string | null => {
  if (!info.text) return null;
  const value = info.text.field.split('.').reduce<unknown>(
    (node, segment) => (node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>)[segment] : undefined),
    doc ?? JSON.parse(json),
  );
  return typeof value === 'string' ? value : null;
};

const insert = (target: WriteTarget, document: Record<string, unknown>): void => {
  const json = stored(document);
  const info = target.info() ?? target.create();
  // The document itself, not a parse of its JSON: shapes only need its types (a Date counts as an object, which is safe).
  const doc = document;
  let rid: number;
  try {
    rid = Number(target.sql.statement(`INSERT INTO ${info.table} (id, doc) VALUES (?, jsonb(?))`).run(doc._id, json).lastInsertRowid);
  } catch (error) {
    throw duplicateKeyOf(error, info, doc) ?? error;
  }
  const text = textOf(info, json, doc);
  if (text !== null) target.sql.statement(`INSERT INTO ${info.text!.table} (rowid, text) VALUES (?, ?)`).run(rid, text);
  target.observe(info, doc);
};

/** Stores `next` in place of `match`; false when it changes nothing (MongoDB then counts no modification). */
const replace = (target: WriteTarget, match: Match, next: Record<string, unknown>): boolean => {
  if (next._id !== match.id) {
    throw new Error(`Performing an update on the path '_id' would modify the immutable field '_id' (${match.id}).`);
  }
  const json = stored(next);
  if (json === match.json) return false;
  const info = target.info()!;
  const doc = next;
  try {
    target.sql.statement(`UPDATE ${info.table} SET doc = jsonb(?) WHERE rid = ?`).run(json, match.rid);
  } catch (error) {
    throw duplicateKeyOf(error, info, doc) ?? error;
  }
  if (info.text) {
    const before = textOf(info, match.json, match.doc);
    const after = textOf(info, json, doc);
    if (before !== after) {
      if (before !== null) target.sql.statement(`DELETE FROM ${info.text.table} WHERE rowid = ?`).run(match.rid);
      if (after !== null) target.sql.statement(`INSERT INTO ${info.text.table} (rowid, text) VALUES (?, ?)`).run(match.rid, after);
    }
  }
  target.observe(info, doc);
  return true;
};

const remove = (target: WriteTarget, rid: number): void => {
  const info = target.info()!;
  target.sql.statement(`DELETE FROM ${info.table} WHERE rid = ?`).run(rid);
  if (info.text) target.sql.statement(`DELETE FROM ${info.text.table} WHERE rowid = ?`).run(rid);
};

const firstMatch = (target: WriteTarget, filter: Filter): Match | undefined => {
  const info = target.info();
  if (!info) return undefined;
  // By _id alone, as projections write: a lookup by the id column.
  const id = plainIdOf(filter);
  if (id !== undefined) {
    const row = target.sql.statement(`SELECT rid, json(doc) FROM ${info.table} WHERE id = ?`).raw().get(id) as [number, string] | undefined;
    return row && { rid: row[0], json: row[1], id };
  }
  // Read to the end before writing: no statement stays open.
  const [row] = [...matchingRows(target.sql, info, filter, 'ORDER BY rid', 0, 1)];
  if (!row) return undefined;
  const doc = row.doc ?? (JSON.parse(row.json) as Document);
  return { rid: row.rid, json: row.json, id: doc._id, doc };
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

/** SQLite's unique-constraint error as MongoDB's E11000: the index by its name, and the document's key. */
export const duplicateKeyOf = (error: unknown, info: CollectionInfo, doc: Record<string, unknown>): DuplicateKeyError | undefined => {
  const code = (error as { code?: string }).code;
  if (code !== 'SQLITE_CONSTRAINT_UNIQUE' && code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return undefined;
  const message = String((error as Error).message);
  if (message.includes(`${info.table}.id`)) return new DuplicateKeyError(info.name, '_id_', { _id: doc._id });
  const index = info.indexes.find((definition) => message.includes(`'${definition.sqlName}'`));
  if (!index) return undefined;
  return new DuplicateKeyError(info.name, index.name, keyOf(index.keys, doc));
};

export const keyOf = (keys: Record<string, unknown>, doc: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.keys(keys).map((field) => [field, field.split('.').reduce<unknown>((value, segment) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined), doc) ?? null]));
