import { Decider } from '../shared/decider';
import { Actor } from '../shared/vocabulary';

/**
 * The access trail: who read which personal data, and when. Access events live in streams of their own,
 * one per UTC day (`access-log-2026-12-07`), so a read never changes a case's revision (its ETag) and
 * the trail of a period is read day by day.
 */
export const ACCESS_TRAIL_STREAM_PREFIX = 'access-log-';
export const accessTrailStreamId = (at: Date): string => `${ACCESS_TRAIL_STREAM_PREFIX}${at.toISOString().slice(0, 10)}`;

/** What was read. Search criteria are kept without their free text (it may be a person's name, which erasure could not reach here). */
export type AccessEvent =
  | { type: 'CaseRead'; data: { complaintId: string } }
  | { type: 'CaseHistoryRead'; data: { complaintId: string; asOf?: string } }
  | { type: 'CaseVerified'; data: { complaintId: string } }
  | { type: 'EvidenceListed'; data: { complaintId: string } }
  | { type: 'EvidenceRead'; data: { complaintId: string; sha256: string } }
  | { type: 'JournalSearched'; data: { criteria: Record<string, string | number>; textSearch: boolean; complaintIds: string[]; total: number } }
  | { type: 'JournalExported'; data: { from?: string; to?: string; format: string; rows: number } };

/** One read to record: what, by whom, when. */
export interface AccessRecord {
  event: AccessEvent;
  actor: Actor;
  correlationId?: string;
  at: Date;
}

/** Record reads (a batch of them: reads that arrive while an append is on its way share the next one). */
export type RecordAccess = { type: 'RecordAccess'; data: { reads: AccessRecord[] } };

/** A day's trail only grows: every read is recorded, whatever came before; nothing is folded. */
export const accessTrailDecider: Decider<RecordAccess, AccessEvent, null, void> = {
  decide: (command) => command.data.reads.map((read) => read.event),
  evolve: () => null,
  initialState: () => null,
};
