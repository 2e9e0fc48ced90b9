import type { Database } from 'better-sqlite3';

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
