// What types each field path has held in a collection, so that a condition on a path that only ever
// held scalars (null, numbers, strings) is translated to plain SQL over json_extract, which an
// expression index can answer, while a path that held arrays, objects or booleans is left to the
// exact evaluation in JavaScript (MongoDB's rules for arrays and mixed types). The types only grow
// (a delete never narrows them), so the translation is never wrong, at worst slower.

export const NULL = 1;
export const NUMBER = 2;
export const STRING = 4;
export const BOOLEAN = 8;
export const OBJECT = 16;
export const ARRAY = 32;

const typeOf = (value: unknown): number => {
  if (value === null || value === undefined) return NULL;
  if (typeof value === 'number') return NUMBER;
  if (typeof value === 'string') return STRING;
  if (typeof value === 'boolean') return BOOLEAN;
  return Array.isArray(value) ? ARRAY : OBJECT;
};

export class Shapes {
  private readonly types = new Map<string, number>();

  constructor(known: Iterable<[string, number]> = []) {
    for (const [path, types] of known) this.types.set(path, types);
  }

  typesOf(path: string): number {
    return this.types.get(path) ?? 0;
  }

  /** True when every value at the path is a scalar that SQL compares as MongoDB does (no array on the way). */
  isPlain(path: string): boolean {
    if (path === '_id') return true;
    let prefix = '';
    for (const segment of path.split('.')) {
      prefix = prefix ? `${prefix}.${segment}` : segment;
      if (this.typesOf(prefix) & ARRAY) return false;
    }
    return (this.typesOf(path) & (BOOLEAN | OBJECT | ARRAY)) === 0;
  }

  /** Records the types of the document's paths (through objects, not into arrays); calls `grown` for each path that gained one. */
  observe(doc: Record<string, unknown>, grown: (path: string, types: number) => void, prefix = ''): void {
    for (const key in doc) {
      const value = doc[key];
      if (value === undefined) continue;
      const path = prefix ? `${prefix}.${key}` : key;
      const type = typeOf(value);
      const before = this.types.get(path) ?? 0;
      if ((before & type) === 0) {
        this.types.set(path, before | type);
        grown(path, before | type);
      }
      if (type === OBJECT) this.observe(value as Record<string, unknown>, grown, path);
    }
  }
}
