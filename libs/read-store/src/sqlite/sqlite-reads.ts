import { Query } from 'mingo';
import { Document, Filter, FindOptions } from '../document-store.port';
import { cloneJson } from './json';
import { projector } from './projection';
import { CompiledFilter, compileCondition, compileFilter, compileSort } from './filter-sql';
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
    // sooner than reading every one of them to sort it.
    where = textInSet(info, where);
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

const commonPhrase = (sql: SqlRunner, info: CollectionInfo, phrases: string[]): boolean => everyPhraseHolds(sql, info, phrases, COMMON_TEXT);

/** The text's condition as a test of each row against its set of matches (`+` keeps SQLite from starting at the set and looking up each of its rows). */
const textInSet = (info: CollectionInfo, where: string): string => where.split(`rid IN (${info.text!.matchSql})`).join(`+rid IN (${info.text!.matchSql})`);

/** Whether each phrase is in at least `rows` rows of the trigram index (counted up to that number, no further). */
const everyPhraseHolds = (sql: SqlRunner, info: CollectionInfo, phrases: string[], rows: number): boolean =>
  phrases.every((phrase) => (sql.statement(`SELECT count(*) FROM (${info.text!.matchSql} LIMIT ?)`).pluck().get(phrase, rows) as number) >= rows);

/**
 * What reading a row in the sort's order and testing its text costs, in units of taking one row from the
 * trigram index into the set a page is sorted from (measured at 600,000 rows: ~3–5 µs against ~0.45 µs; ADR 0020).
 */
const SCAN_COST = 6;

/**
 * A page of a text search read by walking the sort's index and testing each row's text, stopping at the page,
 * when that reads fewer rows than the text's whole set of matches in the trigram index would hold: with M matches
 * in N rows spread evenly, the walk reads (skip + limit)·N/M rows, the set holds M, so the walk wins when
 * M > √(SCAN_COST·(skip + limit)·N). Both then cost O(√N), not O(N). The walk is cut short after three times the
 * rows it should read (matches not spread evenly: all in old rows, say): undefined, and the caller reads the set.
 * With other conditions (a status, a month) the walk reads the rows that hold them, where an index gives them in
 * the sort's order (`status, receivedAt`; `receivedAt` for a month): a word and `status: closed` had sorted the
 * 400,000 closed rows of 600,000 (0.4 s; ADR 0024). The budget counts those rows: a word rare among them spends it
 * (a few milliseconds) and the set answers, as before.
 */
const walkedPage = (sql: SqlRunner, info: CollectionInfo, filter: Filter, order: string, skip: number, limit: number): Row[] | undefined => {
  const field = info.text?.field;
  if (!field || !Object.hasOwn(filter, field)) return undefined;
  const text = compileCondition(field, filter[field], info, 'scan');
  if (!text.exact || !text.phrases?.length) return undefined;
  const { [field]: _text, ...others } = filter;
  const rest = Object.keys(others).length > 0 ? compileFilter(others, info) : undefined;
  if (rest && !rest.exact) return undefined;
  // The rows of the other conditions in order (through an index that serves both, else not at all: readsInOrder),
  // each saying whether its text holds the phrase (its JSON only then); counted here, so the walk can stop.
  const walkSql = `SELECT rid, CASE WHEN ${text.where} THEN json(doc) END FROM ${info.table}${rest ? ` WHERE ${rest.where}` : ''} ${order}`;
  const params = [...text.params, ...(rest?.params ?? [])];
  if (!readsInOrder(sql, walkSql, params)) return undefined;
  const rows = sql.statement(`SELECT max(rid) FROM ${info.table}`).pluck().get() as number | null; // the rows there are, near enough, in O(log N)
  if (!rows) return undefined;
  const wanted = skip + limit;
  const common = Math.ceil(Math.sqrt(SCAN_COST * wanted * rows));
  if (!everyPhraseHolds(sql, info, text.phrases, common)) return undefined;
  const walk = sql.statement(walkSql).raw();
  const budget = Math.ceil((3 * wanted * rows) / common);
  const page: Row[] = [];
  let read = 0;
  let held = 0;
  for (const [rid, json] of walk.iterate(...params) as IterableIterator<[number, string | null]>) {
    if (json !== null && ++held > skip) page.push({ rid, json });
    if (page.length === limit || ++read >= budget) break;
  }
  return page.length === limit ? page : undefined;
};

/**
 * Whether SQLite's plan reads the rows in the sort's order (an index of the sort's first field; ties sorted in small
 * groups), so the first rows come without reading the rest: not when it sorts them all first (no such index, or
 * another filter's index chosen).
 */
const readsInOrder = (sql: SqlRunner, query: string, params: unknown[]): boolean => !planHas(sql, query, params, 'USE TEMP B-TREE FOR ORDER BY');

/** Whether SQLite's plan for the query reads every row of the collection's table. */
const readsWholeTable = (sql: SqlRunner, info: CollectionInfo, query: string, params: unknown[]): boolean => planHas(sql, query, params, `SCAN ${info.table}`);

/** Whether a step of SQLite's plan for the query is `step` (a line of EXPLAIN QUERY PLAN). */
const planHas = (sql: SqlRunner, query: string, params: unknown[], step: string): boolean =>
  (sql.statement(`EXPLAIN QUERY PLAN ${query}`).all(...params) as Array<{ detail: string }>).some(({ detail }) => detail === step);

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
    const walked = sort && limit !== undefined ? walkedPage(sql, info, filter, order, skip, limit) : undefined;
    const docs: Document[] = [];
    for (const row of walked ?? matchingRows(sql, info, filter, order, skip, limit)) docs.push(project((row as { doc?: Document }).doc ?? (JSON.parse(row.json) as Document)));
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

/** The matches, or as many as `limit` when there are more: the count stops there. */
export const count = (sql: SqlRunner, info: CollectionInfo | undefined, filter: Filter, limit?: number): number => {
  if (!info) return 0;
  const { where, params, exact, phrases } = compileFilter(filter, info);
  const [upTo, bound] = limit === undefined ? ['', []] : [' LIMIT ?', [limit]];
  // Text alone: counted in the trigram index, without a lookup of each row.
  if (info.text && where === `rid IN (${info.text.matchSql})`) return sql.statement(`SELECT count(*) FROM (${info.text.matchSql}${upTo})`).pluck().get(...params, ...bound) as number;
  if (exact) {
    const counted = (condition: string) => (limit === undefined ? `SELECT count(*) FROM ${info.table} WHERE ${condition}` : `SELECT count(*) FROM (SELECT 1 FROM ${info.table} WHERE ${condition}${upTo})`);
    let query = counted(where);
    if (phrases?.length && info.text && commonPhrase(sql, info, phrases)) {
      // A common text with other conditions: counted in the index of those (it holds each row's rid) against the
      // text's set, not by looking up each of the text's rows; unless no index serves them (a whole table read).
      const inSet = counted(textInSet(info, where));
      if (!readsWholeTable(sql, info, inSet, [...params, ...bound])) query = inSet;
    }
    return sql.statement(query).pluck().get(...params, ...bound) as number;
  }
  let n = 0;
  for (const _ of matchingRows(sql, info, filter)) if (++n === limit) break;
  return n;
};
