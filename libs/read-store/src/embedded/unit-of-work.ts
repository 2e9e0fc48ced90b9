import { Document } from '../document-store.port';
import { CollectionState, IndexDefinition } from './collection-state';

/**
 * The changes of one call (a write, a bulkWrite, a bulkWriteAll): applied to memory at once, with an
 * undo log so that a failure can take them all back, and remembered as the rows to write to SQLite in
 * one transaction.
 */
export class UnitOfWork {
  private readonly undo: Array<() => void> = [];
  /** Per collection, the JSON to store for each _id (null: delete); the last write wins. */
  readonly documents = new Map<CollectionState, Map<string, string | null>>();
  readonly createdCollections: CollectionState[] = [];
  readonly createdIndexes: Array<{ state: CollectionState; definition: IndexDefinition }> = [];

  get isEmpty(): boolean {
    return this.documents.size === 0 && this.createdCollections.length === 0 && this.createdIndexes.length === 0;
  }

  put(state: CollectionState, id: string, doc: Document | undefined, json: string | null): void {
    const before = state.put(id, doc);
    this.undo.push(() => state.restore(id, before));
    let rows = this.documents.get(state);
    if (!rows) this.documents.set(state, (rows = new Map()));
    rows.set(id, json);
  }

  collectionCreated(state: CollectionState, undo: () => void): void {
    this.createdCollections.push(state);
    this.undo.push(undo);
  }

  indexCreated(state: CollectionState, definition: IndexDefinition): void {
    this.createdIndexes.push({ state, definition });
    this.undo.push(() => state.removeIndex(definition.name));
  }

  /** Takes back every change, latest first, and forgets the rows. */
  rollback(): void {
    for (let i = this.undo.length - 1; i >= 0; i--) this.undo[i]();
    this.undo.length = 0;
    this.documents.clear();
    this.createdCollections.length = 0;
    this.createdIndexes.length = 0;
  }
}
