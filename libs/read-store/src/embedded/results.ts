import { Document, Projection, Sort } from '../document-store.port';
import { readerOf } from './field-reader';
import { cloneJson } from './json';
import { compareKeys, IndexKey } from './sorted-index';

// Sorting and projecting the matches as mingo does, in the cases where its rules are plain: sort keys
// that are all scalars (mingo's order is then lexicographic over the keys, a missing field counting
// as null, ties in the order given), and projections of top-level fields. Anything else is left to
// mingo (undefined here).

const isScalar = (value: unknown): value is IndexKey =>
  value === undefined || value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** The documents in `sort` order, ties kept in the order given; undefined when a sort value is not a scalar. */
export const sortedByScalars = (docs: readonly Document[], sort: Sort): Document[] | undefined => {
  const comparators: Array<(a: number, b: number) => number> = [];
  for (const [field, direction] of Object.entries(sort)) {
    const read = readerOf(field);
    const column = new Array<IndexKey>(docs.length);
    let types = 0;
    for (let i = 0; i < docs.length; i++) {
      const value = read(docs[i]);
      if (!isScalar(value)) return undefined;
      column[i] = value ?? null;
      types |= value === null || value === undefined ? 1 : typeof value === 'number' ? 2 : typeof value === 'string' ? 4 : 8;
    }
    // One type (all strings, say): JavaScript's own order is mingo's.
    const compare =
      types === 2 || types === 4
        ? (a: number, b: number) => (column[a]! < column[b]! ? -1 : column[a]! > column[b]! ? 1 : 0)
        : (a: number, b: number) => compareKeys(column[a], column[b]);
    comparators.push(direction === -1 ? (a, b) => compare(b, a) : compare);
  }
  const order = Array.from(docs, (_, i) => i);
  order.sort((a, b) => {
    for (const compare of comparators) {
      const result = compare(a, b);
      if (result !== 0) return result;
    }
    return a - b;
  });
  return order.map((i) => docs[i]);
};

/** A copy of each document through the projection; undefined for projections mingo must do (dotted, operators, mixed). */
export const projector = (projection: Projection | undefined): ((doc: Document) => Document) | undefined => {
  const fields = Object.entries(projection ?? {});
  if (fields.length === 0) return cloneJson;
  if (fields.some(([field, value]) => field.includes('.') || field.startsWith('$') || (value !== 0 && value !== 1))) return undefined;
  const others = fields.filter(([field]) => field !== '_id');
  const showId = projection!._id !== 0;
  if (others.length > 0 && others.every(([, value]) => value === 1)) {
    const included = others.map(([field]) => field);
    return (doc) => {
      const out: Record<string, unknown> = showId && doc._id !== undefined ? { _id: doc._id } : {};
      for (const field of included) if (Object.prototype.hasOwnProperty.call(doc, field)) out[field] = cloneJson(doc[field]);
      return out as Document;
    };
  }
  if (others.some(([, value]) => value === 1)) return undefined;
  if (others.length === 0 && projection!._id === 1) return (doc) => ({ _id: doc._id });
  const excluded = new Set(others.map(([field]) => field));
  if (!showId) excluded.add('_id');
  return (doc) => {
    // Copied key by key (a delete would leave a slow dictionary object).
    const out: Record<string, unknown> = {};
    for (const field in doc) if (!excluded.has(field)) out[field] = cloneJson(doc[field]);
    return out as Document;
  };
};
