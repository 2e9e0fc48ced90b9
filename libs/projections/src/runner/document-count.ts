import { DocumentStore } from '@app/read-store';
import { setTimeout as sleep } from 'node:timers/promises';
import { DocumentCache } from './apply-events';
import { readCheckpoint } from './checkpoints';

/**
 * How many documents a read model should hold (what its projection wrote: created minus deleted, kept in
 * its checkpoint) and how many it holds. `expected` is null when unknown: a checkpoint written before
 * the count was kept, until the next rebuild sets it.
 */
export interface DocumentCount {
  expected: number | null;
  found: number;
}

/** The documents present in a batch's cache, before its events evolve them. */
export const presentIn = (cache: DocumentCache): Set<string> => new Set([...cache].filter(([, document]) => document !== null).map(([id]) => id));

/** How many documents the batch's writes add (negative: remove), from which were present before and after. */
export const countChange = (touched: Iterable<string>, cache: DocumentCache, presentBefore: ReadonlySet<string>): number => {
  let change = 0;
  for (const id of touched) change += (cache.get(id) ? 1 : 0) - (presentBefore.has(id) ? 1 : 0);
  return change;
};

/** Whether the cache holds a document written past the checkpoint (at `checkpoint`, a positionKey). */
export const aheadOf = (cache: DocumentCache, checkpoint: string): boolean =>
  [...cache.values()].some((document) => document !== null && String(document._position) > checkpoint);

export const disagrees = ({ expected, found }: DocumentCount): boolean => expected !== null && expected !== found;

/** What /health and the administration view say of a read model whose documents disagree with its count. */
export const documentCountProblem = (name: string, { expected, found }: DocumentCount): string =>
  `Read model ${name} holds ${found} documents where its projection wrote ${expected}: it disagrees with the event log; ` +
  `rebuild it: POST /projections/${name}/rebuild or \`ledger rebuild ${name}\`.`;

/** Readings taken before a disagreement is believed: a write between a store's steps can show one briefly. */
const READINGS = 4;
const BETWEEN_READINGS_MS = 20;

/**
 * The read model's count against its collection. The checkpoint is read before and after counting,
 * so that a batch written in between is seen (and the reading taken again). A disagreement counts only
 * when two readings find the same difference: on MongoDB, whose writes are not one transaction, the
 * documents of a batch land before its checkpoint. Never read as agreeing when it cannot tell.
 */
export const readDocumentCount = async (documents: DocumentStore, collection: string, checkpointId = collection): Promise<DocumentCount> => {
  let last: DocumentCount | null = null;
  let seen: number | null = null;
  for (let reading = 0; reading < READINGS; reading++) {
    if (reading > 0) await sleep(BETWEEN_READINGS_MS);
    const before = await readCheckpoint(documents, checkpointId);
    const found = await documents.collection(collection).countDocuments();
    const after = await readCheckpoint(documents, checkpointId);
    const expected = after?.documents ?? null;
    if (before?.position !== after?.position || (before?.documents ?? null) !== expected) continue;
    last = { expected, found };
    if (!disagrees(last)) return last;
    if (seen === found - (expected as number)) return last;
    seen = found - (expected as number);
  }
  // Moving all along, or a difference that changed: still not shown to agree.
  return last ?? { expected: (await readCheckpoint(documents, checkpointId))?.documents ?? null, found: await documents.collection(collection).countDocuments() };
};
