import { EventStore, RecordedEvent } from './event-store.port';

/**
 * The access trail: who read which personal data, and when. Access events live in streams of their own,
 * one per UTC day (`access-log-2026-12-07`), so a read never changes a case's revision (its ETag) and
 * the trail of a period is read day by day. Chained like every other stream (`verify` checks them).
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

export interface AccessTrailEntry {
  recordedAt: string;
  actor: { id: string; role: string };
  type: AccessEvent['type'];
  data: AccessEvent['data'];
  correlationId?: string;
  /** Where the event is kept: `verify --stream <streamId>` checks its chain. */
  streamId: string;
  revision: string;
}

/** The longest period one read of the trail may span: a year and a day. */
export const ACCESS_TRAIL_MAX_DAYS = 367;

const DAY = 86_400_000;

/**
 * The trail recorded in [from, until), optionally by one actor, oldest first, up to `limit` entries.
 * Reads only the day streams of the period.
 */
export const readAccessTrail = async (
  store: EventStore,
  query: { from: Date; until: Date; actor?: string; limit: number },
): Promise<{ entries: AccessTrailEntry[]; truncated: boolean }> => {
  const entries: AccessTrailEntry[] = [];
  const firstDay = Date.UTC(query.from.getUTCFullYear(), query.from.getUTCMonth(), query.from.getUTCDate());
  const [from, until] = [query.from.toISOString(), query.until.toISOString()];
  for (let day = firstDay, n = 0; day < query.until.getTime() && n < ACCESS_TRAIL_MAX_DAYS; day += DAY, n++) {
    for (const event of await store.readStream(accessTrailStreamId(new Date(day)))) {
      const entry = toEntry(event);
      if (entry.recordedAt < from || entry.recordedAt >= until) continue;
      if (query.actor !== undefined && entry.actor.id !== query.actor) continue;
      if (entries.length === query.limit) return { entries, truncated: true };
      entries.push(entry);
    }
  }
  return { entries, truncated: false };
};

const toEntry = (event: RecordedEvent): AccessTrailEntry => {
  const metadata = event.metadata as { recordedAt?: string; actor?: { id: string; role: string }; correlationId?: string };
  return {
    recordedAt: metadata.recordedAt ?? event.recordedAt.toISOString(),
    actor: metadata.actor ?? { id: 'unknown', role: 'unknown' },
    type: event.type as AccessEvent['type'],
    data: event.data as AccessEvent['data'],
    correlationId: metadata.correlationId,
    streamId: event.streamId,
    revision: event.revision.toString(),
  };
};
