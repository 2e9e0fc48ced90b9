import { BulkOperation, Document, Filter, FindOptions, Projection, Sort } from '../document-store.port';

// Random documents, filters and writes for the property test "the SQL store answers as mingo over
// the same documents". Values mix every type the translation distinguishes (missing, null, numbers, strings, booleans,
// arrays, objects), so that type brackets, null-matches-missing and arrays are all exercised.

export type Random = () => number;

/** A small seeded generator (mulberry32), so that a failure can be replayed from its seed. */
export const seeded = (seed: number): Random => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const int = (random: Random, max: number): number => Math.floor(random() * (max + 1));
const chance = (random: Random, p: number): boolean => random() < p;

const MISSING = Symbol('missing');
const SCALARS: readonly unknown[] = [null, 0, 1, 2, 3, 2.5, -1, 'a', 'b', 'ab', 'ba', 'c', '', true, false];
const VALUES: readonly unknown[] = [...SCALARS, MISSING, MISSING, [1, 2], ['a'], [], { k: 1 }];
const LETTERS = 'abc';

/** The indexed fields, and how each is filled: the planner narrows and walks on these. */
export const INDEXED_FIELDS = ['kind', 'rank', 'code', 'day', 'meta.level', 'mixed'] as const;
const FIELDS = [...INDEXED_FIELDS, 'free', 'tags'] as const;

const valueOf = (random: Random, field: string): unknown => {
  switch (field) {
    case 'kind':
      return chance(random, 0.1) ? MISSING : pick(random, ['x', 'y', 'z', null]);
    case 'rank':
      return chance(random, 0.1) ? MISSING : int(random, 12);
    case 'code':
      return Array.from({ length: int(random, 4) }, () => pick(random, [...LETTERS])).join('');
    case 'day':
      return chance(random, 0.2) ? null : `2025-01-${String(1 + int(random, 27)).padStart(2, '0')}`;
    case 'meta.level':
      return chance(random, 0.2) ? MISSING : int(random, 3);
    case 'tags':
      return chance(random, 0.3) ? MISSING : Array.from({ length: int(random, 3) }, () => pick(random, ['p', 'q', 'r']));
    default:
      return pick(random, VALUES);
  }
};

export const randomDocument = (random: Random, id: string): Document => {
  const doc: Document = { _id: id };
  for (const field of FIELDS) {
    const value = valueOf(random, field);
    if (value === MISSING) continue;
    if (field === 'meta.level') doc.meta = { level: value };
    else doc[field] = value;
  }
  return doc;
};

const boundOf = (random: Random, field: string): unknown => {
  const value = valueOf(random, field);
  return value === MISSING || chance(random, 0.2) ? pick(random, SCALARS) : value;
};

const conditionOn = (random: Random, field: string): unknown => {
  switch (int(random, 9)) {
    case 0:
      return boundOf(random, field);
    case 1:
      // Sometimes longer than the planner's scan limit, where it looks values up in a set.
      return { $in: Array.from({ length: chance(random, 0.3) ? 9 + int(random, 8) : 1 + int(random, 2) }, () => boundOf(random, field)) };
    case 2:
      return { [pick(random, ['$gt', '$gte', '$lt', '$lte'])]: boundOf(random, field) };
    case 3:
      return { $gte: boundOf(random, field), $lt: boundOf(random, field) };
    case 4:
      return { $ne: boundOf(random, field) };
    case 5:
      return { $exists: chance(random, 0.5) };
    case 6:
      return { $regex: pick(random, ['^a', 'b', 'a.?c', '^$', '^2025-01-1', 'aba', 'bca', '01-1', 'abc', '2025-01-2']), ...(chance(random, 0.2) ? { $options: 'i' } : {}) };
    case 7:
      return { $eq: boundOf(random, field) };
    case 8:
      return { $nin: [boundOf(random, field)] };
    default:
      return new RegExp(pick(random, ['^b', 'c$', '0[1-5]']));
  }
};

export const randomFilter = (random: Random, depth = 0): Filter => {
  const filter: Filter = {};
  for (let i = int(random, 2); i >= 0; i--) {
    const field = pick(random, FIELDS);
    filter[field] = conditionOn(random, field);
  }
  // Literal searches where they can match (codes are words of a, b and c; days are ISO dates).
  if (chance(random, 0.25)) filter[pick(random, ['code', 'day'])] = { $regex: pick(random, ['aba', 'bca', 'abc', 'cab', '01-1', '2025-01-2', '-01-0']) };
  if (depth < 1 && chance(random, 0.2)) filter.$and = [randomFilter(random, depth + 1), randomFilter(random, depth + 1)];
  if (depth < 1 && chance(random, 0.15)) filter.$or = [randomFilter(random, depth + 1), randomFilter(random, depth + 1)];
  if (chance(random, 0.1)) {
    const ids = Array.from({ length: chance(random, 0.5) ? 2 : 12 }, () => `d${int(random, 40)}`);
    filter._id = chance(random, 0.3) ? ids[0] : { $in: ids };
  }
  return filter;
};

export const randomFindOptions = (random: Random): FindOptions => {
  const options: FindOptions = {};
  if (chance(random, 0.8)) {
    const sort: Sort = {};
    for (let i = int(random, 1); i >= 0; i--) sort[pick(random, [...INDEXED_FIELDS, 'free', 'rank', 'day'])] = pick(random, [1, -1] as const);
    options.sort = sort;
  }
  if (chance(random, 0.3)) options.skip = int(random, 5);
  if (chance(random, 0.7)) options.limit = pick(random, [1, 2, 5, 10, 50, 0]);
  if (chance(random, 0.15)) options.projection = pick<Projection>(random, [{ kind: 1 }, { _id: 0, rank: 1, day: 1 }, { mixed: 0 }]);
  return options;
};

/** A write that changes indexed fields, so that the indexes are maintained (and spliced or merged). */
export const randomWrite = (random: Random, nextId: () => string): BulkOperation => {
  const id = `d${int(random, 60)}`;
  const field = pick(random, FIELDS.filter((f) => f !== 'meta.level'));
  switch (int(random, 5)) {
    case 0:
      return { insertOne: { document: randomDocument(random, nextId()) } };
    case 1: {
      const value = valueOf(random, field);
      const update = { $set: { [field]: value === MISSING ? null : value, 'meta.level': int(random, 3) } };
      return { updateOne: { filter: { _id: id }, update, upsert: chance(random, 0.5) } };
    }
    case 2:
      return { updateOne: { filter: randomFilter(random, 1), update: { $unset: { [field]: '' } } } };
    case 3:
      return { replaceOne: { filter: { _id: id }, replacement: randomDocument(random, id), upsert: true } };
    case 4:
      return { deleteOne: { filter: randomFilter(random, 1) } };
    default:
      return { deleteMany: { filter: { ...randomFilter(random, 1), rank: int(random, 12) } } };
  }
};
