import { RecordedEvent } from '@app/event-store';
import { BulkOperation, Document, DocumentStore } from '@app/read-store';
import { EventProjection, isCaseProjection, positionKey, ProjectionDefinition } from '../projection';
import { CaseCache, foldRecorded } from '../read-models/folded-case';

/** Documents by _id as a batch sees them: loaded, evolved, or null (absent or deleted). */
export type DocumentCache = Map<string, Document | null>;

export interface AppliedEvents {
  /** How many events, from the first, were applied (or skipped as applied before). */
  applied: number;
  /** The event whose handler threw, and why: nothing from it on was applied. */
  failure?: { event: RecordedEvent; error: unknown };
}

/**
 * Loads into the cache the documents these events touch that it does not hold yet. `mayBeStored` tells
 * which of those the collection may hold (a rebuild knows what it wrote to its fresh collection); the
 * others start as absent without asking the store.
 */
export const loadTouched = async (
  documents: DocumentStore,
  collection: string,
  projection: ProjectionDefinition,
  events: readonly RecordedEvent[],
  cache: DocumentCache,
  mayBeStored: (id: string) => boolean = () => true,
): Promise<void> => {
  const missing = [...new Set(events.flatMap((event) => projection.documentIds(event)))].filter((id) => !cache.has(id));
  if (missing.length === 0) return;
  const asked = missing.filter(mayBeStored);
  for (const id of missing) cache.set(id, null);
  if (asked.length === 0) return;
  for (const document of await documents.collection(collection).find({ _id: { $in: asked } })) cache.set(document._id, document);
};

/**
 * Evolves the cached documents with the events, in order, up to the first event whose handler
 * throws; the ids it changes go into `touched`. A document skips events at or before its
 * `_position` (at-least-once delivery): the one place replays are skipped, for every read model.
 * The cache must hold every document the events touch. A case projection's documents are mapped
 * from the cases, folded here event by event: `cases` must hold each case as it stood before these events.
 */
export const applyEvents = (
  projection: ProjectionDefinition,
  events: readonly RecordedEvent[],
  cache: DocumentCache,
  touched: Set<string>,
  cases: CaseCache = new Map(),
): AppliedEvents => {
  let applied = 0;
  for (const event of events) {
    const key = positionKey(event.position);
    try {
      if (isCaseProjection(projection)) {
        // The case takes every event, replays included; the document is mapped unless it holds the event already.
        const folded = foldRecorded(cases, event);
        const [id] = projection.documentIds(event);
        if (folded && id !== undefined && !holds(cache.get(id) ?? null, key)) {
          cache.set(id, projection.row(folded));
          touched.add(id);
        }
        applied++;
        continue;
      }
      const ids = projection.documentIds(event);
      // An event's changes are kept only once all its documents evolved: a throw leaves none of them.
      const evolved = ids.map((id) => evolveOne(projection, cache.get(id) ?? null, event, id, key));
      ids.forEach((id, i) => {
        if (evolved[i] === SKIPPED) return;
        cache.set(id, evolved[i] as Document | null);
        touched.add(id);
      });
      applied++;
    } catch (error) {
      return { applied, failure: { event, error } };
    }
  }
  return { applied };
};

const SKIPPED = Symbol('applied before');

const holds = (document: Document | null, key: string): boolean => document !== null && String(document._position) >= key;

/** The document after the event, stamped with its id and position; SKIPPED when it holds the event already. */
const evolveOne = (projection: EventProjection, document: Document | null, event: RecordedEvent, id: string, key: string) => {
  if (holds(document, key)) return SKIPPED;
  const evolved = projection.evolve(document, event);
  if (!evolved) return evolved;
  // The cached document itself is copied before it is stamped; a new object from evolve is ours to stamp.
  if (evolved === document) return { ...evolved, _id: id, _position: key };
  evolved._id = id;
  evolved._position = key;
  return evolved;
};

/**
 * The writes that store the touched documents as the cache holds them. A document the collection
 * certainly does not hold (`mayBeStored` false) is inserted, without the lookup an upsert makes, and
 * one deleted before it was ever stored needs no write.
 */
export const writesOf = (touched: Iterable<string>, cache: DocumentCache, mayBeStored: (id: string) => boolean = () => true): BulkOperation[] =>
  [...touched].flatMap((id): BulkOperation[] => {
    const document = cache.get(id);
    if (!mayBeStored(id)) return document ? [{ insertOne: { document } }] : [];
    return [document ? { replaceOne: { filter: { _id: id }, replacement: document, upsert: true } } : { deleteOne: { filter: { _id: id } } }];
  });
