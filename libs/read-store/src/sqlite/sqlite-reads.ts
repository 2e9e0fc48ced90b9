import { Query } from 'mingo';
import { Document, Filter, FindOptions } from '../document-store.port';
import { cloneJson } from './json';
import { projector } from './projection';
import { CompiledFilter, compileFilter, compileSort } from './filter-sql';
import type { CollectionInfo, SqlRunner } from './sqlite-document-store';

// Reads: the filter and the sort in SQL wherever they translate exactly (then SQLite counts, sorts,
// skips and limits, through the expression indexes), else SQL narrows the candidates and mingo tests
// each of them, as MongoDB would; the rows are read one at a time, so memory holds a page of results,
// not the collection.

export interface Row {
  readonly rid: number;
  readonly json: string;
}

const compiled = (info: CollectionInfo, filter: Filter): CompiledFilter & { test?: (doc: Document) => boolean } => {
  const sql = compileFilter(filter, info);
  if (sql.exact) return sql;
  const query = new Query(filter, {});
  return { ...sql, test: (doc) => query.test(doc) };
};

/** The matching rows in the given order (natural order when none), up to `limit` after `skip`. */
export function* matchingRows(
  sql: SqlRunner,
  info: CollectionInfo,
  filter: Filter,
  order = 'ORDER BY rid',
  skip = 0,
  limit?: number,
): Generator<Row & { doc?: Document }> {
  const { params, exact, test, phrases, where: translated } = compiled(info, filter);
  let where = translated;
  if (phrases?.length && info.text && limit !== undefined && order !== 'ORDER BY rid' && commonPhrase(sql, info, phrases)) {
    // Many rows hold the text: walking the sort's index and keeping the rows in the text's set finds a page
    // sooner than reading every one of them to sort it (`+` keeps SQLite from looking them up by rowid).
    where = where.split(`rid IN (${info.text.matchSql})`).join(`+rid IN (${info.text.matchSql})`);
  }
  if (exact) {
    const page = limit === undefined ? (skip > 0 ? ' LIMIT -1 OFFSET ?' : '') : ' LIMIT ? OFFSET ?';
    const pageParams = limit === undefined ? (skip > 0 ? [skip] : []) : [limit, skip];
    const rows = sql.statement(`SELECT rid, json(doc) FROM ${info.table} WHERE ${where} ${order}${page}`).raw().iterate(...params, ...pageParams);
    for (const [rid, json] of rows as IterableIterator<[number, string]>) yield { rid, json };
    return;
  }
  let skipped = 0;
  let taken = 0;
  if (limit === 0) return;
  const rows = sql.statement(`SELECT rid, json(doc) FROM ${info.table} WHERE ${where} ${order}`).raw().iterate(...params);
  for (const [rid, json] of rows as IterableIterator<[number, string]>) {
    const doc = JSON.parse(json) as Document;
    if (!test!(doc)) continue;
    if (skipped < skip) {
      skipped++;
      continue;
    }
    yield { rid, json, doc };
    if (limit !== undefined && ++taken >= limit) return;
  }
}

/** Rows a text search must find before a page is read in the sort's order rather than sorted. */
const COMMON_TEXT = 500;

const commonPhrase = (sql: SqlRunner, info: CollectionInfo, phrases: string[]): boolean =>
  phrases.every(
    (phrase) => (sql.statement(`SELECT count(*) FROM (${info.text!.matchSql} LIMIT ${COMMON_TEXT})`).pluck().get(phrase) as number) >= COMMON_TEXT,
  );

/** Reads every result before yielding: a caller that writes meanwhile never meets an open statement. */
export const allMatching = (sql: SqlRunner, info: CollectionInfo, filter: Filter): Array<Row & { doc?: Document }> => [...matchingRows(sql, info, filter)];

const everything = new Query({}, {});

export const find = (sql: SqlRunner, info: CollectionInfo | undefined, filter: Filter, options: FindOptions): Document[] => {
  const skip = options.skip ?? 0;
  if (!Number.isInteger(skip) || skip < 0) throw new Error(`skip must be a non-negative integer, got ${skip}.`);
  if (options.limit !== undefined && !Number.isInteger(options.limit)) throw new Error(`limit must be an integer, got ${options.limit}.`);
  if (!info) return [];
  // As in MongoDB, a limit of 0 means none, and a negative limit is taken as its absolute value.
  const limit = options.limit ? Math.abs(options.limit) : undefined;
  const sort = options.sort && Object.keys(options.sort).length > 0 ? options.sort : undefined;
  const order = sort ? compileSort(sort, info.shapes) : 'ORDER BY rid';
  const project = Object.keys(options.projection ?? {}).length > 0 ? projector(options.projection) : (doc: Document) => doc;
  if (order && project) {
    const docs: Document[] = [];
    for (const row of matchingRows(sql, info, filter, order, skip, limit)) docs.push(project(row.doc ?? (JSON.parse(row.json) as Document)));
    return docs;
  }
  // A sort on values SQL does not order as MongoDB (arrays, booleans, objects), or a projection of dotted fields: mingo.
  const docs = allMatching(sql, info, filter).map((row) => row.doc ?? (JSON.parse(row.json) as Document));
  const cursor = everything.find(docs, options.projection);
  if (sort) cursor.sort(sort);
  if (skip) cursor.skip(skip);
  if (limit) cursor.limit(limit);
  return cursor.all().map((doc) => cloneJson(doc) as Document);
};

export const count = (sql: SqlRunner, info: CollectionInfo | undefined, filter: Filter): number => {
  if (!info) return 0;
  const { where, params, exact } = compileFilter(filter, info);
  // Text alone: counted in the trigram index, without a lookup of each row.
  if (info.text && where === `rid IN (${info.text.matchSql})`) return sql.statement(`SELECT count(*) FROM (${info.text.matchSql})`).pluck().get(...params) as number;
  if (exact) return sql.statement(`SELECT count(*) FROM ${info.table} WHERE ${where}`).pluck().get(...params) as number;
  let n = 0;
  for (const _ of matchingRows(sql, info, filter)) n++;
  return n;
};
