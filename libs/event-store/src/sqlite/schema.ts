import type { Database } from 'better-sqlite3';
import type { AllFilter, RecordedEvent } from '../event-store.port';

// One table is the whole log. `position` is the global order of `$all`; UNIQUE(stream_id, revision)
// is the optimistic-concurrency guard of last resort, should two processes ever race.
export const migrate = (db: Database): void => {
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position    INTEGER PRIMARY KEY AUTOINCREMENT,
      stream_id   TEXT    NOT NULL,
      revision    INTEGER NOT NULL,
      event_id    TEXT    NOT NULL,
      type        TEXT    NOT NULL,
      data        TEXT    NOT NULL,
      metadata    TEXT    NOT NULL,
      recorded_at TEXT    NOT NULL,
      UNIQUE (stream_id, revision)
    );
    CREATE INDEX IF NOT EXISTS events_by_event_id ON events (event_id);
  `);
};

export interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

/** Where the embedded event store keeps its file under DATA_DIR. */
export const EVENTS_FILE = 'events.sqlite';

export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  streamId: row.stream_id,
  revision: BigInt(row.revision),
  position: BigInt(row.position),
  eventId: row.event_id,
  type: row.type,
  data: JSON.parse(row.data),
  metadata: JSON.parse(row.metadata),
  recordedAt: new Date(row.recorded_at),
});

/** The read of `$all` from a bound, with optional stream and type prefixes (parameters: bound, prefixParams, limit). */
export const selectAllSql = (comparison: '>' | '>=' | '<=', streams: number, types: number): string => {
  const anyPrefix = (column: string, count: number) =>
    count === 0 ? '' : ` AND (${Array(count).fill(`substr(${column}, 1, length(?)) = ?`).join(' OR ')})`;
  const order = comparison === '<=' ? 'DESC' : 'ASC';
  return `SELECT * FROM events WHERE position ${comparison} ?${anyPrefix('stream_id', streams)}${anyPrefix('type', types)}
         ORDER BY position ${order} LIMIT ?`;
};

export const prefixParams = (filter?: AllFilter): string[] =>
  [...(filter?.streamPrefixes ?? []), ...(filter?.eventTypePrefixes ?? [])].flatMap((prefix) => [prefix, prefix]);
