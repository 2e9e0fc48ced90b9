import { normalize } from 'mingo/util';
import { Document, Filter } from '../document-store.port';
import { Entry, IndexKey, partitionPoint, rankOf, Rec } from './sorted-index';
import { readerOf } from './field-reader';
import { lacksLiteral } from './text-signatures';

// What the planner understands of a filter: for each top-level field condition (also inside $and),
// the set of scalar values that can satisfy it, as intervals in mingo's order of index keys, and the
// patterns a string must match. Every operator is read exactly as mingo evaluates it on a scalar
// (ranges are type-bracketed, null matches missing, $regex matches strings only); an operator it does
// not understand leaves the set unbounded and the condition inexact. Documents whose value is an
// array or an object are never decided here: mingo alone decides about them.

interface Bound {
  readonly value: number | string | boolean;
  readonly inclusive: boolean;
}

/** The keys of one type rank (0 missing, 1 null, 2 number, 3 string, 4 boolean) within optional bounds. */
export interface Interval {
  readonly rank: number;
  readonly lo?: Bound;
  readonly hi?: Bound;
}

export interface FieldCondition {
  readonly field: string;
  /** null: any value may match. */
  readonly intervals: readonly Interval[] | null;
  /** Whether a scalar key lies in `intervals` (built once: a long $in is a set lookup, not a scan). */
  readonly accepts: (key: IndexKey) => boolean;
  /** Tests the string at the field must pass (the condition's $regex). */
  readonly patterns: ReadonlyArray<(text: string) => boolean>;
  /** True when the version's text signature shows the condition fails (a literal it lacks). */
  readonly excludes?: (rec: Rec) => boolean;
  /** True when intervals and patterns say exactly which scalar values match (every operator understood). */
  readonly exact: boolean;
  /** The value mingo resolves at the field. */
  readonly read: (doc: Document) => unknown;
  /** True when a string must contain a literal of three characters or more (trigram signatures help). */
  readonly searchesText: boolean;
}

export interface Conditions {
  readonly conditions: readonly FieldCondition[];
  /** True when the conditions are the whole filter, each exact: no other top-level operator. */
  readonly exact: boolean;
}

const NULL_OR_MISSING: readonly Interval[] = [{ rank: 0 }, { rank: 1 }];

const isBoundable = (value: unknown): value is number | string =>
  typeof value === 'string' || (typeof value === 'number' && !Number.isNaN(value));

const pointOf = (value: unknown): readonly Interval[] | null => {
  if (value === null || value === undefined) return NULL_OR_MISSING;
  if (isBoundable(value) || typeof value === 'boolean') {
    const bound = { value, inclusive: true };
    return [{ rank: rankOf(value), lo: bound, hi: bound }];
  }
  return null;
};

const RANKS = [0, 1, 2, 3, 4];

/** Every scalar value but the given points. */
const allBut = (points: readonly Interval[]): Interval[] => {
  const rest: Interval[] = [];
  for (const rank of RANKS) {
    const here = points.filter((p) => p.rank === rank);
    if (rank <= 1) {
      if (here.length === 0) rest.push({ rank });
      continue;
    }
    const values = [...new Set(here.map((p) => p.lo!.value))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let lo: Bound | undefined;
    for (const value of values) {
      rest.push({ rank, lo, hi: { value, inclusive: false } });
      lo = { value, inclusive: false };
    }
    rest.push({ rank, lo });
  }
  return rest;
};

/** The scalar values that satisfy `field: { operator: operand }`; undefined when not understood. */
const intervalsOf = (field: string, operator: string, operand: unknown): readonly Interval[] | null | undefined => {
  switch (operator) {
    case '$eq':
      return pointOf(operand) ?? undefined;
    case '$ne': {
      // No scalar equals an object, an array or a pattern: every scalar matches.
      const point = pointOf(operand);
      return point ? allBut(point) : null;
    }
    case '$nin': {
      const points = intervalsOf(field, '$in', operand);
      return points ? allBut(points) : undefined;
    }
    case '$exists':
      // On a dotted path mingo looks at the parent's arrays too: leave that to it.
      if (field.includes('.')) return undefined;
      return operand ? RANKS.slice(1).map((rank) => ({ rank })) : [{ rank: 0 }];
    case '$in': {
      if (!Array.isArray(operand)) return undefined;
      const points: Interval[] = [];
      for (const value of operand) {
        const point = pointOf(value);
        if (!point) return undefined;
        points.push(...point);
      }
      return points;
    }
    case '$gt':
    case '$gte':
      return isBoundable(operand) ? [{ rank: rankOf(operand), lo: { value: operand, inclusive: operator === '$gte' } }] : undefined;
    case '$lt':
    case '$lte':
      return isBoundable(operand) ? [{ rank: rankOf(operand), hi: { value: operand, inclusive: operator === '$lte' } }] : undefined;
    case '$regex':
      // A global or sticky pattern keeps state between tests: leave it to mingo.
      return operand instanceof RegExp && !operand.global && !operand.sticky ? [{ rank: 3 }] : undefined;
    default:
      return undefined;
  }
};

const tighterLo = (a?: Bound, b?: Bound): Bound | undefined => {
  if (!a || !b) return a ?? b;
  if (a.value !== b.value) return a.value > b.value ? a : b;
  return { value: a.value, inclusive: a.inclusive && b.inclusive };
};

const tighterHi = (a?: Bound, b?: Bound): Bound | undefined => {
  if (!a || !b) return a ?? b;
  if (a.value !== b.value) return a.value < b.value ? a : b;
  return { value: a.value, inclusive: a.inclusive && b.inclusive };
};

const isEmpty = ({ lo, hi }: Interval): boolean =>
  !!lo && !!hi && (lo.value > hi.value || (lo.value === hi.value && !(lo.inclusive && hi.inclusive)));

/** The values in both sets (null is the set of every value). */
export const intersect = (a: readonly Interval[] | null, b: readonly Interval[] | null): readonly Interval[] | null => {
  if (!a || !b) return a ?? b;
  const both: Interval[] = [];
  for (const x of a) {
    for (const y of b) {
      if (x.rank !== y.rank) continue;
      const interval = { rank: x.rank, lo: tighterLo(x.lo, y.lo), hi: tighterHi(x.hi, y.hi) };
      if (!isEmpty(interval)) both.push(interval);
    }
  }
  return both;
};

/** A pattern of plain characters and escaped metacharacters (what literalPattern makes) matches as a substring. */
const LITERAL = /^(?:[^\\^$.*+?()[\]{}|]|\\[\\^$.*+?()[\]{}|/-])*$/;

/** A literal pattern's text, or undefined when the pattern is more than a literal. */
const literalOf = (pattern: RegExp): string | undefined =>
  pattern.flags === '' && LITERAL.test(pattern.source) ? pattern.source.replace(/\\(.)/g, '$1') : undefined;

const matcherOf = (pattern: RegExp): ((text: string) => boolean) => {
  const literal = literalOf(pattern);
  return literal !== undefined ? (text) => text.includes(literal) : (text) => pattern.test(text);
};

const conditionOf = (field: string, expression: unknown): FieldCondition => {
  const operators = normalize(expression) as Record<string, unknown>;
  let intervals: readonly Interval[] | null = null;
  let exact = true;
  const patterns: Array<(text: string) => boolean> = [];
  let excludes: ((rec: Rec) => boolean) | undefined;
  for (const [operator, operand] of Object.entries(operators)) {
    const values = intervalsOf(field, operator, operand);
    if (values === undefined) exact = false;
    else intervals = intersect(intervals, values);
    if (operator === '$regex' && values) {
      patterns.push(matcherOf(operand as RegExp));
      const literal = literalOf(operand as RegExp);
      excludes ??= literal === undefined ? undefined : lacksLiteral(field, literal);
    }
  }
  return {
    field,
    intervals,
    accepts: intervals ? membershipOf(intervals) : () => true,
    patterns,
    excludes,
    exact,
    read: readerOf(field),
    searchesText: excludes !== undefined,
  };
};

/** The field conditions every matching document satisfies: the filter's top level and its $and clauses. */
export const conditionsOf = (filter: Filter): Conditions => {
  const conditions: FieldCondition[] = [];
  let exact = true;
  const collect = (clause: Filter): void => {
    for (const [field, expression] of Object.entries(clause)) {
      if (field === '$and' && Array.isArray(expression)) {
        for (const inner of expression) {
          if (inner && typeof inner === 'object' && !Array.isArray(inner)) collect(inner as Filter);
          else exact = false;
        }
      } else if (field.startsWith('$')) {
        exact = false;
      } else {
        const condition = conditionOf(field, expression);
        exact &&= condition.exact;
        conditions.push(condition);
      }
    }
  };
  collect(filter);
  return { conditions, exact };
};

/** Above this many intervals, points are looked up in a set (a projection's batch asks for ~1,000 _ids at once). */
const SCAN_LIMIT = 8;

const isPoint = ({ lo, hi }: Interval): boolean => !!lo && !!hi && lo.value === hi.value && lo.inclusive && hi.inclusive;

/** `contains` for these intervals, as a set lookup when they are many points (and null or missing). */
export const membershipOf = (intervals: readonly Interval[]): ((key: IndexKey) => boolean) => {
  if (intervals.length <= SCAN_LIMIT || !intervals.every((i) => i.rank <= 1 || isPoint(i))) return (key) => contains(intervals, key);
  // Point values keep their type in a Set (1 and '1' differ), as they do under contains's rank check.
  const points = new Set<IndexKey>(intervals.map((i) => (i.rank === 0 ? undefined : i.rank === 1 ? null : i.lo!.value)));
  return (key) => points.has(key);
};

export const contains = (intervals: readonly Interval[], key: IndexKey): boolean => {
  const rank = rankOf(key);
  for (const { rank: r, lo, hi } of intervals) {
    if (r !== rank) continue;
    const k = key as number | string | boolean;
    if (lo && !(k > lo.value || (lo.inclusive && k === lo.value))) continue;
    if (hi && !(k < hi.value || (hi.inclusive && k === hi.value))) continue;
    return true;
  }
  return false;
};

export enum Verdict {
  No,
  Maybe,
  Yes,
}

/**
 * No when some condition's value is a scalar (or missing) that cannot satisfy it; Yes when the
 * conditions are exact and every value is a scalar that satisfies them; else Maybe (ask mingo).
 */
export const verdictOn = ({ conditions, exact }: Conditions, rec: Rec): Verdict => {
  let verdict = exact ? Verdict.Yes : Verdict.Maybe;
  for (const condition of conditions) {
    if (condition.excludes?.(rec)) return Verdict.No;
    const value = condition.read(rec.doc);
    if (value !== null && typeof value === 'object') {
      verdict = Verdict.Maybe;
      continue;
    }
    if (!condition.accepts(value as IndexKey)) return Verdict.No;
    for (const matches of condition.patterns) if (typeof value !== 'string' || !matches(value)) return Verdict.No;
  }
  return verdict;
};

/** Positions [start, end) of the sorted entries inside the intervals: ascending, disjoint. */
export const slicesOf = (entries: readonly Entry[], intervals: readonly Interval[]): Array<[number, number]> => {
  const slices: Array<[number, number]> = [];
  for (const { rank, lo, hi } of intervals) {
    const start = partitionPoint(entries, (e) => {
      const r = rankOf(e.key);
      if (r !== rank) return r > rank;
      const k = e.key as number | string | boolean;
      return !lo || k > lo.value || (lo.inclusive && k === lo.value);
    });
    const end = partitionPoint(entries, (e) => {
      const r = rankOf(e.key);
      if (r !== rank) return r > rank;
      const k = e.key as number | string | boolean;
      return !!hi && !(k < hi.value || (hi.inclusive && k === hi.value));
    });
    if (start < end) slices.push([start, end]);
  }
  slices.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const slice of slices) {
    const last = merged[merged.length - 1];
    if (last && slice[0] <= last[1]) last[1] = Math.max(last[1], slice[1]);
    else merged.push([slice[0], slice[1]]);
  }
  return merged;
};

/** True when every value in the intervals is one known string: the planner then looks _ids up directly. */
export const pointsOf = (intervals: readonly Interval[]): string[] | undefined => {
  const points = new Set<string>();
  for (const { lo, hi } of intervals) {
    if (!lo || !hi || lo.value !== hi.value || !lo.inclusive || !hi.inclusive) return undefined;
    if (typeof lo.value === 'string') points.add(lo.value);
  }
  return [...points];
};
