import { complaintStreamId, ComplaintState, evolve, initialState } from '@app/domain';
import { EventStore, RecordedEvent } from '@app/event-store';
import { positionKey } from '../projection';
import { complaintDocumentIds, complaintEventOf, recordedAtOf } from './complaint-stream-events';

/**
 * A complaint's case as the domain folds it (`evolve`), with what only the recorded events say: where the
 * stream stands (revision, `$all` position, when it was last written) and who registered and who closed
 * (the verified principal is in the metadata, not in the domain's events). Every complaint read model is
 * a mapping of this: the lifecycle is written once, in libs/domain.
 */
export interface FoldedCase {
  state: ComplaintState;
  /** The last event folded: its stream revision, its `$all` position key, and when the ledger recorded it. */
  revision: number;
  position: string;
  lastEventAt: string;
  registeredBy: string | null;
  /** Of the current round: a reopening clears it. */
  closedBy: string | null;
}

/** The cases folded so far, by complaint id (the id of each complaint read model's document). */
export type CaseCache = Map<string, FoldedCase>;

/** Folds one recorded event into its case, in place (a rebuild folds a million of them); events of other streams are ignored. */
export const foldRecorded = (cases: CaseCache, recorded: RecordedEvent): FoldedCase | undefined => {
  const event = complaintEventOf(recorded);
  if (!event) return undefined;
  const [id] = complaintDocumentIds(recorded);
  let folded = cases.get(id);
  // A case takes each event of its stream once, whatever delivers it again.
  if (folded && Number(recorded.revision) <= folded.revision) return folded;
  if (!folded) {
    folded = { state: initialState(), revision: -1, position: '', lastEventAt: '', registeredBy: null, closedBy: null };
    cases.set(id, folded);
  }
  folded.state = evolve(folded.state, event);
  folded.revision = Number(recorded.revision);
  folded.position = positionKey(recorded.position);
  folded.lastEventAt = recordedAtOf(recorded);
  const actor = recorded.metadata.actor as { id?: unknown } | undefined;
  const who = typeof actor?.id === 'string' ? actor.id : null;
  if (event.type === 'ComplaintRegistered') folded.registeredBy = who;
  else if (event.type === 'ComplaintClosed') folded.closedBy = who;
  // Closed with the registration, by whoever resolved it at the counter.
  else if (event.type === 'ComplaintResolvedAtFirstContact') folded.closedBy = who ?? event.data.resolvedBy;
  else if (event.type === 'ComplaintReopened') folded.closedBy = null;
  return folded;
};

/**
 * Folds into `cases`, for each complaint these events touch that it does not hold yet, its stream's
 * events before the first of them (read through the EventStore port): the case as it stood before.
 * A complaint whose first event here is its receipt needs no read.
 */
export const loadCases = async (store: EventStore, events: readonly RecordedEvent[], cases: CaseCache): Promise<void> => {
  const firsts = new Map<string, RecordedEvent>();
  for (const event of events) {
    const [id] = complaintDocumentIds(event);
    if (id !== undefined && !cases.has(id) && !firsts.has(id)) firsts.set(id, event);
  }
  const reads = [...firsts.values()].filter((first) => first.revision !== 0n);
  const streams = readStreams(store, reads.map((first) => ({ streamId: first.streamId, maxCount: Number(first.revision) })));
  for await (const [i, stream] of streams) for (const event of stream) if (event.revision < reads[i].revision) foldRecorded(cases, event);
};

/**
 * Folds into `cases` the complaints of these ids it does not hold yet, from their streams, up to and
 * including the position `upTo`: the cases as they stood there (a resumed rebuild's deferred cases).
 */
export const loadCasesUpTo = async (store: EventStore, ids: Iterable<string>, upTo: bigint, cases: CaseCache): Promise<void> => {
  const missing = [...new Set(ids)].filter((id) => !cases.has(id));
  for await (const [, stream] of readStreams(store, missing.map((id) => ({ streamId: complaintStreamId(id) }))))
    for (const event of stream) if (event.position <= upTo) foldRecorded(cases, event);
};

/**
 * Each stream from its start (up to `maxCount` events), with its index among `reads`, in that order. The streams
 * are independent: read a few at a time, so that a batch on a remote store (EventStoreDB) does not wait for each
 * round trip in turn (a stopping projector finishes its batch before it exits).
 */
async function* readStreams(store: EventStore, reads: Array<{ streamId: string; maxCount?: number }>): AsyncGenerator<[number, RecordedEvent[]]> {
  for (let start = 0; start < reads.length; start += PARALLEL_STREAM_READS) {
    const chunk = reads.slice(start, start + PARALLEL_STREAM_READS);
    const streams = await Promise.all(chunk.map(({ streamId, maxCount }) => store.readStream(streamId, { fromRevision: 0n, maxCount })));
    for (let i = 0; i < streams.length; i++) yield [start + i, streams[i]];
  }
}

/** Streams read at once. */
const PARALLEL_STREAM_READS = 32;

/** The cases of these events, folded from nothing: one complaint's stream, or `$all` (test support and reports). */
export const foldCases = (events: Iterable<RecordedEvent>, cases: CaseCache = new Map()): CaseCache => {
  for (const event of events) foldRecorded(cases, event);
  return cases;
};
