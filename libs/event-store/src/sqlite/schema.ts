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

/**
 * A row of `events` as the store reads it: the columns of EVENT_COLUMNS in that order. Statements return rows as
 * arrays (better-sqlite3's raw mode): building and reading an array per row costs less than an object with named keys.
 */
export type EventRow = [
  position: number,
  streamId: string,
  revision: number,
  eventId: string,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
];

export const EVENT_COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at';

/** Where the embedded event store keeps its file under DATA_DIR. */
export const EVENTS_FILE = 'events.sqlite';

/**
 * The events of rows read together. The events of one group commit share their `recorded_at` text: it is parsed
 * once per run of equal texts, and each event still gets a Date of its own.
 */
export const toRecordedEvents = (rows: EventRow[]): RecordedEvent[] => {
  let text = '';
  let time = NaN;
  return rows.map(([position, streamId, revision, eventId, type, data, metadata, recordedAt]) => {
    if (recordedAt !== text) time = Date.parse((text = recordedAt));
    return {
      streamId,
      revision: BigInt(revision),
      position: BigInt(position),
      eventId,
      type,
      data: JSON.parse(data),
      metadata: JSON.parse(metadata),
      recordedAt: new Date(time),
    };
  });
};

/** The read of `$all` from a bound, with optional stream and type prefixes (parameters: bound, prefixParams, limit). */
export const selectAllSql = (comparison: '>' | '>=' | '<=', streams: number, types: number): string => {
  const anyPrefix = (column: string, count: number) =>
    count === 0 ? '' : ` AND (${Array(count).fill(`substr(${column}, 1, length(?)) = ?`).join(' OR ')})`;
  const order = comparison === '<=' ? 'DESC' : 'ASC';
  return `SELECT ${EVENT_COLUMNS} FROM events WHERE position ${comparison} ?${anyPrefix('stream_id', streams)}${anyPrefix('type', types)}
         ORDER BY position ${order} LIMIT ?`;
};

export const prefixParams = (filter?: AllFilter): string[] =>
  [...(filter?.streamPrefixes ?? []), ...(filter?.eventTypePrefixes ?? [])].flatMap((prefix) => [prefix, prefix]);
