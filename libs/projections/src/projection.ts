import { RecordedEvent } from '@app/event-store';
import { Document, IndexSpec } from '@app/read-store';
import type { FoldedCase } from './read-models/folded-case';

interface ReadModelDefinition {
  /** The read model's name; its collection has the same name. */
  readonly name: string;
  /** Bump when its documents change meaning: the read model must then be rebuilt. */
  readonly version: number;
  readonly indexes: readonly IndexSpec[];
  /** The event types it reads; others are never delivered to it. */
  readonly eventTypes: readonly string[];
  /** The ids of the documents an event changes. */
  documentIds(event: RecordedEvent): string[];
}

/**
 * A read model, Emmett-style: which events it reads, which documents an event touches, and how a
 * document evolves with an event. Pure: no clock, no I/O; the runner loads and stores documents.
 */
export interface EventProjection<D extends Document = Document> extends ReadModelDefinition {
  /** The document after the event; null deletes it. */
  evolve(document: D | null, event: RecordedEvent): D | null;
}

/**
 * A read model of complaints, one document per case: a mapping of the case as the domain folds it
 * (`pongoSingleStreamProjection`-style). The runner folds the case; the mapping is pure.
 */
export interface CaseProjection<D extends Document = Document> extends ReadModelDefinition {
  /** The document of the case; null: none (deleted). */
  row(folded: FoldedCase): D | null;
}

export type ProjectionDefinition<D extends Document = Document> = EventProjection<D> | CaseProjection<D>;

export const isCaseProjection = <D extends Document>(projection: ProjectionDefinition<D>): projection is CaseProjection<D> => 'row' in projection;

/** Every projected document remembers the last `$all` position applied to it, so a replay never applies an event twice. */
export interface Projected {
  _position: string;
}

/** Positions as fixed-width decimal strings: comparable as text in any store, exact for any 64-bit position. */
export const positionKey = (position: bigint): string => {
  // Asked for the same event's position several times in a row (per read model, per document): remember the last.
  if (position !== lastPosition) {
    lastPosition = position;
    lastKey = position.toString().padStart(20, '0');
  }
  return lastKey;
};
let lastPosition: bigint | undefined;
let lastKey = '';

export const positionOf = (key: string): bigint => BigInt(key);
