import type { Database } from 'better-sqlite3';

// A collection's documents hang off its `cid`, not its name, so a rename is one row and a drop is
// one row plus a `purges` entry: the orphaned documents are deleted later, in small batches.
// AUTOINCREMENT: a cid is never reused while its orphans may still be waiting.
export const migrate = (db: Database): void => {
  db.exec(`
    CREATE TABLE IF NOT EXISTS collections (
      cid  INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT    NOT NULL UNIQUE
    );
    CREATE TABLE IF NOT EXISTS documents (
      cid      INTEGER NOT NULL,
      id       TEXT    NOT NULL,
      document TEXT    NOT NULL,
      UNIQUE (cid, id)
    );
    CREATE TABLE IF NOT EXISTS indexes (
      cid  INTEGER NOT NULL,
      name TEXT    NOT NULL,
      spec TEXT    NOT NULL,
      PRIMARY KEY (cid, name)
    );
    CREATE TABLE IF NOT EXISTS purges (
      cid INTEGER PRIMARY KEY
    );
  `);
};

/** Where the embedded document store keeps its file under DATA_DIR. */
export const READ_MODELS_FILE = 'read-models.sqlite';
