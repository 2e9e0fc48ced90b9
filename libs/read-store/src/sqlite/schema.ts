import type { Database } from 'better-sqlite3';

// The catalog of the SQLite document store. Each collection is a table of its own, `c<cid>`
// (rid, id, doc as JSONB: json_extract reads a field without parsing the document, which makes
// index builds and filters on unindexed fields about 2-3 times faster than on JSON text), named by its cid rather than its name: a rename (the blue-green swap) is one
// catalog row, and the table, its expression indexes and its full-text table go with it. A dropped
// or replaced table is listed in `store_purges` and emptied in the background, a batch at a time.
// AUTOINCREMENT: a cid, hence a table name, is never reused while its table may wait for its purge.
export const migrate = (db: Database): void => {
  const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]));
  if (tables.has('documents')) {
    // The in-memory engine's file (one table of every document): read models are derived data, so
    // they are dropped and the projections rebuild them from the event log.
    db.exec('DROP TABLE documents; DROP TABLE IF EXISTS collections; DROP TABLE IF EXISTS indexes; DROP TABLE IF EXISTS purges;');
  }
  db.exec(`
    CREATE TABLE IF NOT EXISTS store_collections (
      cid  INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT    NOT NULL UNIQUE
    );
    CREATE TABLE IF NOT EXISTS store_indexes (
      cid  INTEGER NOT NULL,
      name TEXT    NOT NULL,
      spec TEXT    NOT NULL,
      PRIMARY KEY (cid, name)
    );
    CREATE TABLE IF NOT EXISTS store_paths (
      cid   INTEGER NOT NULL,
      path  TEXT    NOT NULL,
      types INTEGER NOT NULL,
      PRIMARY KEY (cid, path)
    );
    CREATE TABLE IF NOT EXISTS store_purges (
      cid INTEGER PRIMARY KEY
    );
  `);
};

export const tableOf = (cid: number): string => `c${cid}`;
export const textTableOf = (cid: number): string => `c${cid}_text`;

/** Where the embedded document store keeps its file under DATA_DIR. */
export const READ_MODELS_FILE = 'read-models.sqlite';
