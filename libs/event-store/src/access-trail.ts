import { AccessEvent, accessTrailStreamId } from '@app/domain';
import { EventStore, RecordedEvent } from './event-store.port';

// The access trail's stream names and events are the domain's (libs/domain/src/access/access-trail.ts).
export { ACCESS_TRAIL_STREAM_PREFIX, accessTrailStreamId } from '@app/domain';
export type { AccessEvent } from '@app/domain';

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
