// Documents are stored as JSON, so memory holds exactly what a reopen would load: a Date becomes its
// ISO string and `undefined` fields disappear, as JSON.stringify does.

/** A deep copy of a JSON-like value (plain objects, arrays, primitives); faster than a JSON round trip. */
export const cloneJson = <T>(value: T): T => {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  // A spread copies the object's shape at once (key by key, forty fields would make a slow dictionary).
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key in copy) {
    const item = copy[key];
    if (item !== null && typeof item === 'object') copy[key] = cloneJson(item);
  }
  return copy as T;
};

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

const bsonRank = (value: unknown): number => {
  if (value === undefined || value === null) return 1;
  if (typeof value === 'number') return 2;
  if (typeof value === 'string') return 3;
  if (Array.isArray(value)) return 5;
  if (typeof value === 'object') return 4;
  if (typeof value === 'boolean') return 6;
  return 7;
};

/** MongoDB's comparison order of BSON values (null < numbers < strings < objects < arrays < booleans), for $max/$min. */
export const bsonCompare = (a: unknown, b: unknown): number => {
  const rank = bsonRank(a) - bsonRank(b);
  if (rank !== 0) return Math.sign(rank);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const order = bsonCompare(a[i], b[i]);
      if (order !== 0) return order;
    }
    return Math.sign(a.length - b.length);
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const as = Object.entries(a);
    const bs = Object.entries(b);
    for (let i = 0; i < Math.min(as.length, bs.length); i++) {
      const order = as[i][0] < bs[i][0] ? -1 : as[i][0] > bs[i][0] ? 1 : bsonCompare(as[i][1], bs[i][1]);
      if (order !== 0) return order;
    }
    return Math.sign(as.length - bs.length);
  }
  if (a === undefined || a === null) return 0;
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
};
