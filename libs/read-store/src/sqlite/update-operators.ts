import { Filter, UpdateFilter } from '../document-store.port';
import { bsonCompare, isPlainObject } from './json';

// MongoDB's update operators, the six the port allows, with MongoDB's errors where it refuses an
// update (mingo's updater silently ignores some of them, e.g. $inc on a string).

type Operator = keyof UpdateFilter;
const OPERATORS: readonly Operator[] = ['$set', '$unset', '$inc', '$push', '$max', '$min'];

type Node = Record<string, unknown> | unknown[];

const isIndex = (segment: string): boolean => /^\d+$/.test(segment);
const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

/** The container of the path's last segment, creating missing objects on the way when `create`. */
const parentOf = (doc: Node, path: string, create: boolean): { node: Node; key: string } | undefined => {
  const segments = path.split('.');
  if (segments.some((s) => s === '')) throw new Error(`The update path '${path}' has an empty field name.`);
  let node: Node = doc;
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i];
    let child = read(node, segment);
    if (child === undefined) {
      if (!create) return undefined;
      child = {};
      write(node, segment, child);
    } else if (child === null || typeof child !== 'object') {
      if (!create) return undefined;
      throw new Error(`Cannot create field '${segments[i + 1]}' in element {${segment}: ${show(child)}} (path '${path}').`);
    }
    node = child as Node;
  }
  return { node, key: segments[segments.length - 1] };
};

const read = (node: Node, key: string): unknown => {
  if (Array.isArray(node)) return isIndex(key) ? node[Number(key)] : undefined;
  return Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
};

const write = (node: Node, key: string, value: unknown): void => {
  if (Array.isArray(node)) {
    if (!isIndex(key)) throw new Error(`Cannot create field '${key}' in an array.`);
    // MongoDB pads with nulls; JSON turns the holes into nulls.
    node[Number(key)] = value;
  } else {
    node[key] = value;
  }
};

const conflicts = (a: string, b: string): boolean => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

/** Applies the update to `doc` in place, as MongoDB would, or throws MongoDB's refusal. */
export const applyUpdate = (doc: Record<string, unknown>, update: UpdateFilter): void => {
  const operators = Object.keys(update);
  if (operators.length === 0) throw new Error(`An update needs at least one operator (${OPERATORS.join(', ')}).`);
  const paths: string[] = [];
  for (const operator of operators) {
    if (!OPERATORS.includes(operator as Operator)) {
      throw new Error(`Unsupported update operator ${operator}: the read store supports ${OPERATORS.join(', ')}.`);
    }
    const fields = update[operator as Operator] as Record<string, unknown>;
    for (const path of Object.keys(fields)) {
      const clash = paths.find((p) => conflicts(p, path));
      if (clash !== undefined) throw new Error(`Updating the path '${path}' would create a conflict at '${clash}'.`);
      paths.push(path);
      const value = fields[path];
      if (path === '_id' || path.startsWith('_id.')) {
        if (operator === '$set' && path === '_id' && value === doc._id) continue;
        throw new Error(`Performing an update on the path '${path}' would modify the immutable field '_id'.`);
      }
      applyOne(doc, operator as Operator, path, value);
    }
  }
};

const applyOne = (doc: Record<string, unknown>, operator: Operator, path: string, value: unknown): void => {
  const target = parentOf(doc, path, operator !== '$unset');
  if (!target) return;
  const { node, key } = target;
  const current = read(node, key);
  switch (operator) {
    case '$set':
      return write(node, key, value);
    case '$unset':
      if (Array.isArray(node)) {
        if (isIndex(key) && Number(key) < node.length) node[Number(key)] = null;
      } else {
        delete node[key];
      }
      return;
    case '$inc':
      if (typeof value !== 'number') throw new Error(`Cannot increment '${path}' with the non-numeric argument ${show(value)}.`);
      if (current === undefined) return write(node, key, value);
      if (typeof current !== 'number') throw new Error(`Cannot apply $inc to '${path}', a value of non-numeric type: ${show(current)}.`);
      return write(node, key, current + value);
    case '$push': {
      const items = pushedItems(path, value);
      if (current === undefined) return write(node, key, items);
      if (!Array.isArray(current)) throw new Error(`The field '${path}' must be an array to $push to it, but is ${show(current)}.`);
      current.push(...items);
      return;
    }
    case '$max':
    case '$min': {
      const order = current === undefined ? 0 : bsonCompare(value, current);
      if (current === undefined || (operator === '$max' ? order > 0 : order < 0)) write(node, key, value);
      return;
    }
  }
};

const pushedItems = (path: string, value: unknown): unknown[] => {
  if (!isPlainObject(value) || !Object.keys(value).some((k) => k.startsWith('$'))) return [value];
  const modifiers = Object.keys(value);
  if (modifiers.length !== 1 || modifiers[0] !== '$each' || !Array.isArray(value.$each)) {
    throw new Error(`$push on '${path}' supports only { $each: [...] } (no $slice, $sort, $position).`);
  }
  return value.$each;
};

/**
 * The document an upsert starts from, as MongoDB builds it: the filter's equality conditions (top
 * level, inside $and, or as { $eq }), with dotted fields as nested objects.
 */
export const seedFromFilter = (filter: Filter): Record<string, unknown> => {
  const seed: Record<string, unknown> = {};
  const collect = (conditions: Filter): void => {
    for (const [field, condition] of Object.entries(conditions)) {
      if (field === '$and' && Array.isArray(condition)) {
        for (const clause of condition) if (isPlainObject(clause)) collect(clause);
      } else if (!field.startsWith('$')) {
        const equality = equalityValue(condition);
        if (equality.found) applyOne(seed, '$set', field, equality.value);
      }
    }
  };
  collect(filter);
  return seed;
};

const equalityValue = (condition: unknown): { found: boolean; value?: unknown } => {
  if (condition instanceof RegExp) return { found: false };
  if (!isPlainObject(condition)) return { found: true, value: condition };
  const keys = Object.keys(condition);
  if (!keys.some((k) => k.startsWith('$'))) return { found: true, value: condition };
  if (keys.length === 1 && keys[0] === '$eq') return { found: true, value: condition.$eq };
  return { found: false };
};
