import { Query } from 'mingo';
import { Filter, Sort } from '../document-store.port';
import { conditionsOf, Interval, intersect, pointsOf, slicesOf, Verdict, verdictOn } from './conditions';
import { compareKeys, Entry, IndexKey, Rec, SortedIndex } from './sorted-index';

// The planner finds the matching documents without reading them all where an index allows, and
// decides itself the documents it understands exactly (scalar values under understood operators);
// mingo decides every other one, and then sorts, skips, limits and projects. Its one duty is never to
// leave out a document that would be in the answer: every match, or when sort and limit are given,
// every match that could be among the first `window` results.

export interface PlannedCollection {
  readonly docs: ReadonlyMap<string, Rec>;
  /** Changes whenever a document does. */
  readonly version: number;
  sortedIndex(field: string): SortedIndex | undefined;
  /** Told of a field searched by literal text, the collection keeps trigram signatures of it. */
  searchesText(field: string): void;
}

export interface Window {
  readonly sort?: Sort;
  /** skip + limit: how many of the sorted results are wanted; undefined for all. */
  readonly size?: number;
}

export interface PlannerSettings {
  /** Index slices at most this large are read whole rather than walked in sort order. */
  readonly smallSlice: number;
}

export const DEFAULT_PLANNER: PlannerSettings = { smallSlice: 2000 };

/** The matching documents (or those of them that can be in the window), in natural order. */
export const matchesFor = (
  collection: PlannedCollection,
  filter: Filter,
  query: () => Query,
  window: Window = {},
  settings: PlannerSettings = DEFAULT_PLANNER,
): Rec[] => {
  // Documents named by _id are looked up directly: nothing to remember (a projection asks for ~1,000 at once).
  const key = isByIdOnly(filter) ? undefined : memoKeyOf(filter);
  const memo = rememberedFor(collection, key);
  const sorted = window.sort !== undefined && Object.keys(window.sort).length > 0;
  // A page and its total are asked for with the same filter: the second is answered from the first.
  if (memo && (window.size === undefined || !sorted || memo.recs.length <= settings.smallSlice)) {
    return window.size !== undefined && !sorted ? memo.recs.slice(0, window.size) : [...memo.recs];
  }
  const remember = (recs: Rec[]): Rec[] => {
    if (key !== undefined) memos.set(collection, { key, version: collection.version, recs: [...recs] });
    return recs;
  };

  const { byField, matches, points } = prepare(collection, filter, query);
  if (points) return inNaturalOrder(points.filter(matches));
  const slice = narrowestSlice(collection, byField);
  const sortFields = sorted ? Object.keys(window.sort!) : [];
  const sortField = sortFields[0];
  const sortIndex = sortField !== undefined ? collection.sortedIndex(sortField) : undefined;
  // Walked only while every value of every sort field is known to be a scalar (indexed, or _id):
  // mingo orders arrays against scalars by their elements, an order that is not transitive, so a
  // subset of the documents need not sort as it does within the whole.
  const scalarsOnly = (field: string): boolean => field === '_id' || collection.sortedIndex(field)?.others().size === 0;
  const walkable = sortIndex !== undefined && window.size !== undefined && sortFields.every(scalarsOnly);
  if (walkable && (!slice || slice.size > settings.smallSlice)) {
    const direction = window.sort![sortField] === -1 ? -1 : 1;
    const { found, complete } = walk(sortIndex, direction, byField.get(sortField) ?? null, window.size!, matches);
    return complete ? remember(found) : found;
  }
  // Unsorted, the answer is the first matches in natural order: stop once there are enough.
  const enough = !sorted && window.size !== undefined ? window.size : Infinity;
  const source = slice ? inNaturalOrder(slice.recs()) : collection.docs.values();
  const found: Rec[] = [];
  for (const rec of source) {
    if (!matches(rec)) continue;
    found.push(rec);
    if (found.length >= enough) return found;
  }
  return remember(found);
};

/** How many documents match; reads what matchesFor reads, without gathering them. */
export const countMatches = (collection: PlannedCollection, filter: Filter, query: () => Query): number => {
  const memo = rememberedFor(collection, memoKeyOf(filter));
  if (memo) return memo.recs.length;
  const { understood, byField, matches, points } = prepare(collection, filter, query);
  if (points) return points.filter(matches).length;
  let count = 0;
  const slice = narrowestSlice(collection, byField);
  // Every condition exact, on the slice's field, without patterns: each value in the slice matches,
  // only the documents the index cannot place (arrays, objects) need a verdict.
  const sliceIsAnswer = slice && understood.exact && understood.conditions.every((c) => c.field === slice.field && c.patterns.length === 0);
  if (sliceIsAnswer) return slice.size - slice.others.size + [...slice.others].filter(matches).length;
  if (slice) slice.forEach((rec) => matches(rec) && count++);
  else for (const rec of collection.docs.values()) if (matches(rec)) count++;
  return count;
};

/** What the planner makes of the filter: the bounds per field, the documents named by _id, and the test of a document. */
const prepare = (collection: PlannedCollection, filter: Filter, query: () => Query) => {
  const understood = conditionsOf(filter);
  for (const condition of understood.conditions) if (condition.searchesText) collection.searchesText(condition.field);
  // Compiled only when needed (mingo's Query costs tens of microseconds), but at once when the filter
  // holds what the planner does not understand, so that an invalid filter always fails.
  if (!understood.exact) query();
  const matches = (rec: Rec): boolean => {
    const verdict = verdictOn(understood, rec);
    return verdict === Verdict.Yes || (verdict === Verdict.Maybe && query().test(rec.doc));
  };
  const byField = new Map<string, readonly Interval[] | null>();
  for (const c of understood.conditions) byField.set(c.field, intersect(byField.get(c.field) ?? null, c.intervals));
  const ids = byField.get('_id');
  const named = ids ? pointsOf(ids) : undefined;
  const points = named?.map((id) => collection.docs.get(id)).filter((rec): rec is Rec => rec !== undefined);
  return { understood, byField, matches, points };
};

interface Memo {
  readonly key: string;
  readonly version: number;
  /** Every match, in natural order. */
  readonly recs: readonly Rec[];
}

/** Per collection, the last complete set of matches, with the filter and the version it was found for. */
const memos = new WeakMap<PlannedCollection, Memo>();

const rememberedFor = (collection: PlannedCollection, key: string | undefined): Memo | undefined => {
  const memo = key === undefined ? undefined : memos.get(collection);
  return memo && memo.key === key && memo.version === collection.version ? memo : undefined;
};

const isByIdOnly = (filter: Filter): boolean => {
  let only = false;
  for (const field in filter) {
    if (field !== '_id') return false;
    only = true;
  }
  return only;
};

/** The filter as text, told apart from every other filter; undefined when it holds values JSON cannot tell apart. */
const memoKeyOf = (filter: Filter): string | undefined => {
  let plain = true;
  const key = JSON.stringify(filter, function (this: Record<string, unknown>, field: string, value: unknown) {
    const raw = this[field];
    if (raw instanceof RegExp) return { $regexp: [raw.source, raw.flags] };
    const type = typeof raw;
    const jsonSafe =
      raw === null ||
      type === 'string' ||
      type === 'boolean' ||
      (type === 'number' && Number.isFinite(raw)) ||
      Array.isArray(raw) ||
      (type === 'object' && Object.getPrototypeOf(raw) === Object.prototype);
    if (!jsonSafe) plain = false;
    return value;
  });
  return plain ? key : undefined;
};

interface Slice {
  readonly field: string;
  /** Documents in the slice, with those the index cannot place. */
  readonly size: number;
  readonly others: ReadonlySet<Rec>;
  recs(): Rec[];
  forEach(visit: (rec: Rec) => void): void;
}

/** The index slice with the fewest documents among the indexed fields the filter bounds. */
const narrowestSlice = (collection: PlannedCollection, byField: Map<string, readonly Interval[] | null>): Slice | undefined => {
  let best: Slice | undefined;
  for (const [field, intervals] of byField) {
    const index = intervals ? collection.sortedIndex(field) : undefined;
    if (!index || !intervals) continue;
    const entries = index.sorted();
    const slices = slicesOf(entries, intervals);
    const others = index.others();
    const size = slices.reduce((n, [start, end]) => n + end - start, others.size);
    if (best && best.size <= size) continue;
    const forEach = (visit: (rec: Rec) => void): void => {
      for (const rec of others) visit(rec);
      for (const [start, end] of slices) for (let i = start; i < end; i++) visit(entries[i].rec);
    };
    best = {
      field,
      size,
      others,
      forEach,
      recs: () => {
        const recs: Rec[] = [];
        forEach((rec) => recs.push(rec));
        return recs;
      },
    };
  }
  return best;
};

/**
 * Reads the index in sort order until `size` documents match, then on through the ties of the last
 * one (mingo's sort is stable, so they may still come first). Any other document sorts after `size`
 * matches, so it cannot be in the answer.
 */
const walk = (
  index: SortedIndex,
  direction: 1 | -1,
  intervals: readonly Interval[] | null,
  size: number,
  matches: (rec: Rec) => boolean,
): { found: Rec[]; complete: boolean } => {
  const entries = index.sorted();
  const slices = intervals ? slicesOf(entries, intervals) : [[0, entries.length] as [number, number]];
  if (direction === -1) slices.reverse();
  const found: Rec[] = [];
  let boundary: Entry | undefined;
  const visit = (entry: Entry): boolean => {
    if (boundary && !sortsAlike(entry.key, boundary.key)) return false;
    if (matches(entry.rec)) {
      found.push(entry.rec);
      if (!boundary && found.length >= size) boundary = entry;
    }
    return true;
  };
  scan: for (const [start, end] of slices) {
    if (direction === 1) {
      for (let i = start; i < end; i++) if (!visit(entries[i])) break scan;
    } else {
      for (let i = end - 1; i >= start; i--) if (!visit(entries[i])) break scan;
    }
  }
  // Never reaching `size` matches, the walk has read every document that can match: it found them all.
  return { found: inNaturalOrder(found), complete: boundary === undefined };
};

/** mingo's $sort groups a missing field with null (as MongoDB does); the index keeps them apart, side by side. */
const sortsAlike = (a: IndexKey, b: IndexKey): boolean => (a ?? null) === (b ?? null) || compareKeys(a, b) === 0;

const inNaturalOrder = (recs: Rec[]): Rec[] => recs.sort((a, b) => a.seq - b.seq);
