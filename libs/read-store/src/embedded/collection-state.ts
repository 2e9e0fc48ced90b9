import { resolve } from 'mingo/util';
import { Document, DuplicateKeyError, IndexSpec } from '../document-store.port';
import { readerOf } from './field-reader';
import { Rec, recOf, SortedIndex } from './sorted-index';
import { sign } from './text-signatures';

export interface IndexDefinition {
  readonly name: string;
  readonly keys: Record<string, 1 | -1>;
  readonly unique: boolean;
}

/** MongoDB's default index name: `category_1_receivedAt_-1`. */
export const indexNameOf = (spec: IndexSpec): string =>
  spec.name ?? Object.entries(spec.keys).map(([field, direction]) => `${field}_${direction}`).join('_');

/**
 * A unique index as MongoDB keeps it: missing fields key as null (so two documents without the field
 * collide), and an array keys the document once per element.
 */
class UniqueIndex {
  private readonly owners = new Map<string, string>();
  private readonly fields: string[];

  constructor(readonly name: string, keys: Record<string, 1 | -1>) {
    this.fields = Object.keys(keys);
  }

  private keysOf(doc: Document): Map<string, Record<string, unknown>> {
    let tuples: unknown[][] = [[]];
    for (const field of this.fields) {
      const value: unknown = resolve(doc, field);
      const options = Array.isArray(value) ? (value.length ? value : [[]]) : [value ?? null];
      tuples = tuples.flatMap((tuple) => options.map((option) => [...tuple, option]));
    }
    const keys = new Map<string, Record<string, unknown>>();
    for (const tuple of tuples) {
      keys.set(JSON.stringify(tuple), Object.fromEntries(this.fields.map((field, i) => [field, tuple[i]])));
    }
    return keys;
  }

  conflictOf(doc: Document): Record<string, unknown> | undefined {
    for (const [canonical, key] of this.keysOf(doc)) {
      const owner = this.owners.get(canonical);
      if (owner !== undefined && owner !== doc._id) return key;
    }
    return undefined;
  }

  change(before: Rec | undefined, after: Rec | undefined): void {
    if (before) for (const canonical of this.keysOf(before.doc).keys()) if (this.owners.get(canonical) === before.id) this.owners.delete(canonical);
    if (after) for (const canonical of this.keysOf(after.doc).keys()) this.owners.set(canonical, after.id);
  }
}

/**
 * One collection in memory: its documents by _id (a Map keeps insertion order, which is the natural
 * order; `seq` mirrors it) and its indexes, all kept in step by `put`, the only way to change it.
 */
export class CollectionState {
  readonly docs = new Map<string, Rec>();
  /** Changes with every document (the planner remembers matches per version). */
  version = 0;
  private nextSeq = 0;
  private readonly definitions: IndexDefinition[] = [];
  private readonly uniques: UniqueIndex[] = [];
  private readonly sortedIndexes = new Map<string, SortedIndex>();
  /** The field literal searches read, whose versions carry trigram signatures. */
  private textField?: { name: string; read: (doc: Document) => unknown };
  private disposed = false;
  private byId?: Rec[];

  constructor(readonly cid: number, public name: string) {}

  get indexes(): readonly IndexDefinition[] {
    return this.definitions;
  }

  sortedIndex(field: string): SortedIndex | undefined {
    return this.sortedIndexes.get(field);
  }

  /** Throws the DuplicateKeyError MongoDB would raise if `doc` replaced the document with its _id. */
  checkUnique(doc: Document): void {
    for (const index of this.uniques) {
      const key = index.conflictOf(doc);
      if (key) throw new DuplicateKeyError(this.name, index.name, key);
    }
  }

  /** Stores the new version of a document (undefined removes it); returns the previous version. */
  put(id: string, doc: Document | undefined): Rec | undefined {
    const before = this.docs.get(id);
    const after = doc ? recOf(id, doc, before?.seq ?? this.nextSeq++) : undefined;
    if (after && this.textField) sign(after, this.textField.name, this.textField.read(doc!));
    if (after) this.docs.set(id, after);
    else this.docs.delete(id);
    this.indexChange(before, after);
    return before;
  }

  /** Undoes a `put` (the later ones undone first). A restored deletion takes a new place at the end. */
  restore(id: string, before: Rec | undefined): void {
    const current = this.docs.get(id);
    const after = before && current ? before : before ? recOf(id, before.doc, this.nextSeq++) : undefined;
    if (after && after !== before && this.textField) sign(after, this.textField.name, this.textField.read(after.doc));
    if (after) this.docs.set(id, after);
    else this.docs.delete(id);
    this.indexChange(current, after);
  }

  private indexChange(before: Rec | undefined, after: Rec | undefined): void {
    this.version++;
    this.byId = undefined;
    for (const index of this.uniques) index.change(before, after);
    for (const index of this.sortedIndexes.values()) index.change(before, after);
  }

  /** Builds the index over the documents; a unique one that the data breaks is refused whole. */
  addIndex(definition: IndexDefinition): void {
    if (definition.unique) {
      const unique = new UniqueIndex(definition.name, definition.keys);
      for (const rec of this.docs.values()) {
        const key = unique.conflictOf(rec.doc);
        if (key) throw new DuplicateKeyError(this.name, definition.name, key);
        unique.change(undefined, rec);
      }
      this.uniques.push(unique);
    }
    this.definitions.push(definition);
    const field = Object.keys(definition.keys)[0];
    if (!this.sortedIndexes.has(field)) {
      this.sortedIndexes.set(field, SortedIndex.over(field, this.recsById()));
    }
  }

  /** The documents in _id order, sorted once for all the indexes built before the next change. */
  private recsById(): readonly Rec[] {
    // Sorting the ids alone (strings, by code units as `<` compares them) is three times faster than sorting records by id.
    this.byId ??= [...this.docs.keys()].sort().map((id) => this.docs.get(id)!);
    return this.byId;
  }

  removeIndex(name: string): void {
    // Only a failed write of a new index takes one back: rebuild the derived structures from the rest.
    const rest = this.definitions.filter((d) => d.name !== name);
    this.definitions.length = 0;
    this.uniques.length = 0;
    this.sortedIndexes.clear();
    for (const definition of rest) this.addIndex(definition);
  }

  /** Applies queued index changes now, e.g. before the collection is swapped in to answer queries. */
  prepareIndexes(): void {
    for (const index of this.sortedIndexes.values()) index.sorted();
  }

  get searchedText(): string | undefined {
    return this.textField?.name;
  }

  /**
   * From now on, signs every version written of `field` (the last field searched by a literal),
   * and soon those already stored: a few thousand per turn of the event loop, in the background.
   */
  searchesText(field: string): void {
    if (this.textField?.name === field || this.disposed) return;
    const textField = { name: field, read: readerOf(field) };
    this.textField = textField;
    const stored = [...this.docs.values()];
    let next = 0;
    const signSome = (): void => {
      if (this.textField !== textField || this.disposed) return;
      for (const end = Math.min(stored.length, next + 5000); next < end; next++) {
        const rec = stored[next];
        if (rec.signedField !== field) sign(rec, field, textField.read(rec.doc));
      }
      if (next < stored.length) setImmediate(signSome);
    };
    // Not unref'd: an unref'd immediate waits for other work to wake the event loop. The chain ends by itself.
    setImmediate(signSome);
  }

  /** The collection is dropped, replaced or closed: no more background work for it. */
  dispose(): void {
    this.disposed = true;
  }
}
