import { Document } from '../document-store.port';
import { readerOf } from './field-reader';

/** One stored version of a document; `seq` is its place in the collection's natural order. */
export interface Rec {
  readonly id: string;
  readonly doc: Document;
  readonly seq: number;
  /** The trigram signature of the text at `signedField` (see text-signatures). */
  signature?: Uint32Array;
  signedField?: string;
}

export const recOf = (id: string, doc: Document, seq: number): Rec => ({ id, doc, seq, signature: undefined, signedField: undefined });

/** The values a secondary index keys documents by: missing, null, numbers, strings, booleans. */
export type IndexKey = undefined | null | number | string | boolean;

export const NOT_INDEXABLE = Symbol('not indexable');

/** The key of a value mingo resolves at a field: itself when a scalar (or missing); arrays and objects are not indexable. */
const keyOf = (value: unknown): IndexKey | typeof NOT_INDEXABLE => {
  if (value === undefined || value === null) return value;
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? (value as IndexKey) : NOT_INDEXABLE;
};

/** Ranks in mingo's order of types: missing < null < numbers < strings < booleans. */
export const rankOf = (key: IndexKey): number => {
  if (key === undefined) return 0;
  if (key === null) return 1;
  switch (typeof key) {
    case 'number':
      return 2;
    case 'string':
      return 3;
    default:
      return 4;
  }
};

/** mingo's order on index keys (its $sort and its range operators agree with it on scalars). */
export const compareKeys = (a: IndexKey, b: IndexKey): number => {
  const rank = rankOf(a) - rankOf(b);
  if (rank !== 0) return rank;
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
};

export interface Entry {
  readonly key: IndexKey;
  readonly rec: Rec;
}

// Most keys are strings (dates, names, states): compared directly, without ranking their types.
const compareEntryKeys = (a: Entry, b: Entry): number =>
  typeof a.key === 'string' && typeof b.key === 'string' ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : compareKeys(a.key, b.key);

const compareEntries = (a: Entry, b: Entry): number => compareEntryKeys(a, b) || (a.rec.id < b.rec.id ? -1 : a.rec.id > b.rec.id ? 1 : 0);

/** The first position in [0, length) where `after` holds, for a predicate monotone over the array. */
export const partitionPoint = <T>(items: readonly T[], after: (item: T) => boolean): number => {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (after(items[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
};

/** Changes queued before a merge even if nobody reads the index (bounds the memory they hold). */
const QUEUE_LIMIT = 4096;

/** Below this many pending changes, splicing them in beats re-merging the whole array. */
const SPLICE_LIMIT = 64;

/**
 * A secondary index on one field: the documents with a scalar value there, sorted by (value, _id);
 * the others (arrays, objects) are kept apart and are always candidates. Changes are queued and
 * applied when the index is next read, so a batch of writes pays one merge.
 */
export class SortedIndex {
  private entries: Entry[] = [];
  private readonly unindexable = new Set<Rec>();
  private added: Entry[] = [];
  private removed: Entry[] = [];
  private readonly read: (doc: Document) => unknown;

  constructor(readonly field: string) {
    this.read = readerOf(field);
  }

  private keyOf(rec: Rec): IndexKey | typeof NOT_INDEXABLE {
    return keyOf(this.read(rec.doc));
  }

  /** An index over existing documents, given in _id order (which equal keys keep): no merge per queued batch. */
  static over(field: string, recsById: readonly Rec[]): SortedIndex {
    const index = new SortedIndex(field);
    const keyed: Entry[] = [];
    for (const rec of recsById) {
      const key = index.keyOf(rec);
      if (key === NOT_INDEXABLE) index.unindexable.add(rec);
      else keyed.push({ key, rec });
    }
    // Equal keys stay in _id order by their place in `keyed`: a number, where comparing ids would
    // read strings all over the heap (most indexed fields have few values, so most comparisons tie).
    const order = Array.from(keyed.keys()).sort((a, b) => compareEntryKeys(keyed[a], keyed[b]) || a - b);
    index.entries = order.map((at) => keyed[at]);
    return index;
  }

  change(before: Rec | undefined, after: Rec | undefined): void {
    if (before) {
      const key = this.keyOf(before);
      if (key === NOT_INDEXABLE) this.unindexable.delete(before);
      else this.removed.push({ key, rec: before });
    }
    if (after) {
      const key = this.keyOf(after);
      if (key === NOT_INDEXABLE) this.unindexable.add(after);
      else this.added.push({ key, rec: after });
    }
    // An index nobody reads (a rebuild's) would queue every version ever written, and keep each
    // replaced version alive: merge once the queue outgrows the index (amortised O(1) per change).
    if (this.added.length + this.removed.length > Math.max(QUEUE_LIMIT, this.entries.length)) this.sorted();
  }

  /** The sorted entries, with every queued change applied. */
  sorted(): readonly Entry[] {
    if (this.added.length === 0 && this.removed.length === 0) return this.entries;
    const gone = new Set(this.removed.map((e) => e.rec));
    const fresh = this.added.filter((e) => !gone.has(e.rec));
    if (this.removed.length + fresh.length <= SPLICE_LIMIT) {
      for (const entry of this.removed) {
        const at = partitionPoint(this.entries, (e) => compareEntries(e, entry) >= 0);
        if (at < this.entries.length && this.entries[at].rec === entry.rec) this.entries.splice(at, 1);
      }
      for (const entry of fresh) {
        this.entries.splice(partitionPoint(this.entries, (e) => compareEntries(e, entry) > 0), 0, entry);
      }
    } else {
      this.entries = merge(gone.size ? this.entries.filter((e) => !gone.has(e.rec)) : this.entries, fresh.sort(compareEntries));
    }
    this.added = [];
    this.removed = [];
    return this.entries;
  }

  /** Documents whose value is an array or an object: the index cannot place them. */
  others(): ReadonlySet<Rec> {
    return this.unindexable;
  }
}

const merge = (a: Entry[], b: Entry[]): Entry[] => {
  const out = new Array<Entry>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compareEntries(a[i], b[j]) <= 0 ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
};
