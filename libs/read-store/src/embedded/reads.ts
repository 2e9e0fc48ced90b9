import { Aggregator, ProcessingMode, Query } from 'mingo';
import { Document, Filter, FindOptions } from '../document-store.port';
import { CollectionState } from './collection-state';
import { cloneJson } from './json';
import { projector, sortedByScalars } from './results';
import { countMatches, matchesFor, PlannerSettings, Window } from './query-planner';

// Queries: the matches the planner finds (or, planning off, those mingo finds by reading every
// document: the reference the planner is tested against), then sorted, skipped, limited and projected
// by mingo, or by results.ts where mingo's rules are plain. Results are copies: callers never touch
// stored state.

/** How a store plans its queries; false: it does not. */
export type Planning = PlannerSettings | false;

/** The matching documents (or, for a window, those that can be in it), in natural order. */
export const matching = (state: CollectionState, filter: Filter, window: Window, planning: Planning): Document[] => {
  if (planning) return matchesFor(state, filter, compiledOnDemand(filter), window, planning).map((rec) => rec.doc);
  const query = new Query(filter, {});
  const docs: Document[] = [];
  for (const rec of state.docs.values()) if (query.test(rec.doc)) docs.push(rec.doc);
  return docs;
};

const compiledOnDemand = (filter: Filter): (() => Query) => {
  let compiled: Query | undefined;
  return () => (compiled ??= new Query(filter, {}));
};

/** Sorts, skips, limits and projects the matches: already filtered, so with mingo's empty query. */
const everything = new Query({}, {});

export const find = (state: CollectionState | undefined, filter: Filter, options: FindOptions, planning: Planning): Document[] => {
  const skip = options.skip ?? 0;
  if (!Number.isInteger(skip) || skip < 0) throw new Error(`skip must be a non-negative integer, got ${skip}.`);
  if (options.limit !== undefined && !Number.isInteger(options.limit)) throw new Error(`limit must be an integer, got ${options.limit}.`);
  if (!state) return [];
  // As in MongoDB, a limit of 0 means none, and a negative limit is taken as its absolute value.
  const limit = options.limit ? Math.abs(options.limit) : undefined;
  const sort = options.sort && Object.keys(options.sort).length > 0 ? options.sort : undefined;
  const docs = matching(state, filter, { sort, size: limit === undefined ? undefined : skip + limit }, planning);
  if (planning) {
    const ordered = sort ? sortedByScalars(docs, sort) : docs;
    const project = projector(options.projection);
    if (ordered && project) return ordered.slice(skip, limit === undefined ? undefined : skip + limit).map(project);
  }
  const cursor = everything.find(docs, options.projection);
  if (sort) cursor.sort(sort);
  if (skip) cursor.skip(skip);
  if (limit) cursor.limit(limit);
  return cursor.all().map((doc) => cloneJson(doc) as Document);
};

export const count = (state: CollectionState | undefined, filter: Filter, planning: Planning): number => {
  if (!state) return 0;
  return planning ? countMatches(state, filter, compiledOnDemand(filter)) : matching(state, filter, {}, false).length;
};

/** Stages known to build new documents rather than change their input. */
const NON_MUTATING_STAGES = new Set(['$match', '$group', '$project', '$sort', '$skip', '$limit', '$unwind', '$count']);

/** MongoDB's own definition of $count; mingo's $count yields { n: 0 } on no input where MongoDB yields nothing. */
const expandCount = (stage: Record<string, unknown>): Record<string, unknown>[] =>
  Object.keys(stage).length === 1 && typeof stage.$count === 'string'
    ? [{ $group: { _id: null, [stage.$count]: { $sum: 1 } } }, { $project: { _id: 0 } }]
    : [stage];

export const aggregate = <R>(state: CollectionState | undefined, stages: Record<string, unknown>[], planning: Planning): R[] => {
  const pipeline = stages.flatMap(expandCount);
  const first = pipeline[0];
  const match = first && Object.keys(first).length === 1 ? (first.$match as Filter | undefined) : undefined;
  const input = !state ? [] : matching(state, match ?? {}, {}, planning);
  const safe = pipeline.every((stage) => Object.keys(stage).every((operator) => NON_MUTATING_STAGES.has(operator)));
  const aggregator = new Aggregator(pipeline, { processingMode: safe ? ProcessingMode.CLONE_OFF : ProcessingMode.CLONE_INPUT });
  return aggregator.run(input).map((doc) => cloneJson(doc) as R);
};
