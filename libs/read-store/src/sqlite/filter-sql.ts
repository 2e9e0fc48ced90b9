import { Filter, Sort } from '../document-store.port';
import { Shapes } from './shapes';

// The port's filters translated to SQL over the JSON documents. A condition is translated only where
// SQL gives exactly MongoDB's answer: on a path that only ever held scalars (Shapes), with a scalar
// operand, and with the operators below. SQLite orders NULL < numbers < text, as MongoDB brackets
// types, so a range is closed on the other side by the type's edge (a number bound: `< ''`). Anything
// else becomes `1` (every row a candidate) and the filter is marked inexact: the caller then tests
// each candidate in JavaScript. Field paths are validated and inlined (an expression index only
// matches the very same expression); every value travels as a parameter, never as SQL.

export interface CompiledFilter {
  readonly where: string;
  readonly params: unknown[];
  /** True when `where` is the whole filter; else it selects a superset of the matches. */
  readonly exact: boolean;
  /** The phrases looked up in the collection's trigram index (the planner's choice of order depends on how many rows they find). */
  readonly phrases?: string[];
}

/** What the translation needs of a collection. */
export interface FilterContext {
  readonly shapes: Shapes;
  /** The field with a full-text (trigram) index, and the SQL that yields the rowids whose text holds a phrase. */
  readonly text?: { field: string; matchSql: string };
}

const SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The JSON path literal of a dotted field, or undefined when a segment is not a plain name. */
export const jsonPathOf = (field: string): string | undefined => {
  const segments = field.split('.');
  return segments.every((segment) => SEGMENT.test(segment)) ? `'$.${segments.join('.')}'` : undefined;
};

/** The SQL value of a field: the id column for _id, else json_extract with the path inlined. */
export const valueSqlOf = (field: string): string | undefined => {
  if (field === '_id') return 'id';
  const path = jsonPathOf(field);
  return path && `json_extract(doc, ${path})`;
};

const ANY: CompiledFilter = { where: '1', params: [], exact: false };
const NONE: CompiledFilter = { where: '0', params: [], exact: true };
const exact = (where: string, ...params: unknown[]): CompiledFilter => ({ where, params, exact: true });

const isScalar = (value: unknown): value is string | number => typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
const isOperatorObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof RegExp) &&
  Object.keys(value).length > 0 && Object.keys(value).every((key) => key.startsWith('$'));

const all = (parts: CompiledFilter[], joiner: 'AND' | 'OR'): CompiledFilter => {
  if (parts.length === 0) return joiner === 'AND' ? exact('1') : NONE;
  if (parts.length === 1) return parts[0];
  return {
    where: parts.map((part) => `(${part.where})`).join(` ${joiner} `),
    params: parts.flatMap((part) => part.params),
    exact: parts.every((part) => part.exact),
    phrases: parts.flatMap((part) => part.phrases ?? []),
  };
};

/**
 * How a literal text search is answered: `index`, the rows of the phrase in the trigram index (the whole set of
 * them); `scan`, a substring test of each row read (what a walk in a sort's order uses, stopping at a page).
 */
export type TextLookup = 'index' | 'scan';

export const compileFilter = (filter: Filter, context: FilterContext): CompiledFilter => {
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) return ANY;
  const parts: CompiledFilter[] = [];
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(condition) || condition.length === 0) return ANY; // left to the exact evaluation's error
      parts.push(all(condition.map((sub) => compileFilter(sub as Filter, context)), key === '$and' ? 'AND' : 'OR'));
    } else if (key.startsWith('$')) {
      parts.push(ANY);
    } else {
      parts.push(compileCondition(key, condition, context));
    }
  }
  return all(parts, 'AND');
};

export const compileCondition = (field: string, condition: unknown, context: FilterContext, text: TextLookup = 'index'): CompiledFilter => {
  const value = valueSqlOf(field);
  if (!value || !context.shapes.isPlain(field)) return ANY;
  if (condition instanceof RegExp) return regex(field, value, condition.source, condition.flags, context, text);
  if (!isOperatorObject(condition)) return equals(value, condition);
  const parts: CompiledFilter[] = [];
  for (const [operator, operand] of Object.entries(condition)) {
    const comparison = Object.hasOwn(COMPARISONS, operator) ? COMPARISONS[operator] : undefined;
    if (comparison) {
      parts.push(comparison(value, operand));
      continue;
    }
    switch (operator) {
      case '$exists':
        parts.push(field === '_id' ? (operand ? exact('1') : NONE) : exact(`json_type(doc, ${jsonPathOf(field)}) IS ${operand ? 'NOT ' : ''}NULL`));
        break;
      case '$regex': {
        const options = condition.$options;
        if (options !== undefined && typeof options !== 'string') return ANY;
        if (typeof operand === 'string') parts.push(regex(field, value, operand, options ?? '', context, text));
        else if (operand instanceof RegExp && options === undefined) parts.push(regex(field, value, operand.source, operand.flags, context, text));
        else parts.push(ANY);
        break;
      }
      case '$options':
        if (condition.$regex === undefined) return ANY;
        break;
      default:
        parts.push(ANY);
    }
  }
  return all(parts, 'AND');
};

const equals = (value: string, operand: unknown): CompiledFilter => {
  if (operand === null) return exact(`${value} IS NULL`);
  if (isScalar(operand)) return exact(`${value} = ?`, operand);
  return ANY;
};

const notEquals = (value: string, operand: unknown): CompiledFilter => {
  if (operand === null) return exact(`${value} IS NOT NULL`);
  if (isScalar(operand)) return exact(`${value} IS NULL OR ${value} <> ?`, operand);
  return ANY;
};

const range = (value: string, operator: '$gt' | '$gte' | '$lt' | '$lte', operand: unknown): CompiledFilter => {
  const sign = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[operator];
  if (operand === null) return operator === '$gte' || operator === '$lte' ? exact(`${value} IS NULL`) : NONE;
  if (typeof operand === 'number' && Number.isFinite(operand)) {
    // Text sorts after every number: an upper edge of '' keeps a lower bound among the numbers.
    return operator === '$gt' || operator === '$gte' ? exact(`${value} ${sign} ? AND ${value} < ''`, operand) : exact(`${value} ${sign} ?`, operand);
  }
  if (typeof operand === 'string') {
    return operator === '$lt' || operator === '$lte' ? exact(`${value} ${sign} ? AND ${value} >= ''`, operand) : exact(`${value} ${sign} ?`, operand);
  }
  return ANY;
};

/** Lists longer than this travel as one JSON parameter rather than a placeholder each. */
const LONG_LIST = 32;

const listSql = (value: string, items: Array<string | number>, negated: boolean): CompiledFilter => {
  const not = negated ? 'NOT ' : '';
  if (items.length > LONG_LIST) return exact(`${value} ${not}IN (SELECT value FROM json_each(?))`, JSON.stringify(items));
  return exact(`${value} ${not}IN (${items.map(() => '?').join(', ')})`, ...items);
};

const scalarsOf = (operand: unknown): { items: Array<string | number>; withNull: boolean } | undefined => {
  if (!Array.isArray(operand)) return undefined;
  const items: Array<string | number> = [];
  let withNull = false;
  for (const item of operand) {
    if (item === null) withNull = true;
    else if (isScalar(item)) items.push(item);
    else return undefined;
  }
  return { items, withNull };
};

const within = (value: string, operand: unknown): CompiledFilter => {
  const list = scalarsOf(operand);
  if (!list) return ANY;
  const parts = list.items.length > 0 ? [listSql(value, list.items, false)] : [];
  if (list.withNull) parts.push(exact(`${value} IS NULL`));
  return all(parts, 'OR');
};

const notWithin = (value: string, operand: unknown): CompiledFilter => {
  const list = scalarsOf(operand);
  if (!list) return ANY;
  if (list.items.length === 0) return list.withNull ? exact(`${value} IS NOT NULL`) : exact('1');
  const notIn = listSql(value, list.items, true);
  return list.withNull ? all([exact(`${value} IS NOT NULL`), notIn], 'AND') : all([exact(`${value} IS NULL`), notIn], 'OR');
};

/** The operators that compare the field's value with their operand, each by its own translation. */
const COMPARISONS: Record<string, ((value: string, operand: unknown) => CompiledFilter) | undefined> = {
  $eq: equals,
  $ne: notEquals,
  $gt: (value, operand) => range(value, '$gt', operand),
  $gte: (value, operand) => range(value, '$gte', operand),
  $lt: (value, operand) => range(value, '$lt', operand),
  $lte: (value, operand) => range(value, '$lte', operand),
  $in: within,
  $nin: notWithin,
};

const REGEX_SPECIALS = '.*+?^${}()|[]\\';

/** The text a pattern matches literally (every special character escaped, as literalPattern does), else undefined. */
export const literalOf = (pattern: string): string | undefined => {
  let text = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      const next = pattern[++i];
      if (next === undefined || !REGEX_SPECIALS.includes(next)) return undefined;
      text += next;
    } else if (REGEX_SPECIALS.includes(char)) return undefined;
    else text += char;
  }
  return text;
};

const regex = (field: string, value: string, pattern: string, flags: string, context: FilterContext, text: TextLookup): CompiledFilter => {
  if (!/^[ims]*$/.test(flags)) return ANY;
  const test = exact(`ledger_regexp(?, ?, ${value})`, pattern, flags);
  const literal = flags === '' ? literalOf(pattern) : undefined;
  // A literal of three characters or more: the rows whose text holds it are the rows of its trigrams in a row (a
  // phrase of the case-sensitive trigram index), exactly what the $regex matches, without reading a document.
  if (context.text?.field === field && literal !== undefined && [...literal].length >= 3) {
    const phrase = `"${literal.replace(/"/g, '""')}"`;
    // Scanned: the same rows (the trigram index holds the field's text values), tested one by one in SQL.
    if (text === 'scan') return { where: `(json_type(doc, ${jsonPathOf(field)}) = 'text' AND instr(${value}, ?) > 0)`, params: [literal], exact: true, phrases: [phrase] };
    return { where: `rid IN (${context.text.matchSql})`, params: [phrase], exact: true, phrases: [phrase] };
  }
  return test;
};

/** ORDER BY for a sort SQL can do exactly (every key a plain path), ties in natural order; else undefined. */
export const compileSort = (sort: Sort | undefined, shapes: Shapes): string | undefined => {
  const keys = Object.entries(sort ?? {});
  const terms: string[] = [];
  for (const [field, direction] of keys) {
    const value = valueSqlOf(field);
    if (!value || !shapes.isPlain(field) || (direction !== 1 && direction !== -1)) return undefined;
    terms.push(`${value}${direction === -1 ? ' DESC' : ''}`);
    if (field === '_id') return `ORDER BY ${terms.join(', ')}`;
  }
  terms.push('rid');
  return `ORDER BY ${terms.join(', ')}`;
};
