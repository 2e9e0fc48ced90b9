import Database, { Database as Db, Statement } from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { KeyLookup, KeyStore, KeyStoreNotFoundError } from '../personal-data/key-store.port';

/** Where the embedded key store keeps its file under DATA_DIR, apart from the events it unlocks. */
export const KEYS_FILE = 'keys.sqlite';

/** Subjects asked for in one statement by lookupMany. */
const LOOKUP_CHUNK = 500;

/**
 * Data keys in their own SQLite file. secure_delete overwrites a destroyed key's bytes, and the rollback
 * journal (not WAL) leaves no older copy of a page behind in the directory once a transaction ends.
 * Synchronous underneath (synchronous = FULL: a new key is on disk before keyFor resolves).
 */
export class SqliteKeyStore implements KeyStore {
  private readonly db: Db;
  private selectKey?: Statement;
  private readonly selectKeysOf = new Map<number, Statement>();

  readonly location: string;
  readonly reopen?: { module: string; options: { path: string } };

  /** With `create: false` (a CLI looking at a data directory, maybe a backup) a missing file is an error, never a new empty one. */
  constructor(path: string, options: { create?: boolean } = {}) {
    const create = options.create ?? true;
    if (!create && path !== ':memory:' && !existsSync(path)) throw new KeyStoreNotFoundError(`There is no key store at ${path}.`);
    if (create && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.location = path;
    if (path !== ':memory:') this.reopen = { module: __filename, options: { path } };
    this.db = new Database(path, { timeout: 10_000, fileMustExist: !create });
    this.db.pragma('journal_mode = DELETE');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS data_keys (
        subject      TEXT PRIMARY KEY,
        key          BLOB,
        created_at   TEXT NOT NULL,
        destroyed_at TEXT
      );
    `);
  }

  async keyFor(subject: string, now: Date): Promise<Buffer | undefined> {
    // INSERT OR IGNORE: two writers of one new subject end up with the same key.
    this.db.prepare('INSERT OR IGNORE INTO data_keys (subject, key, created_at) VALUES (?, ?, ?)').run(subject, randomBytes(32), now.toISOString());
    return this.existingKey(subject);
  }

  async existingKey(subject: string): Promise<Buffer | undefined> {
    const found = await this.lookup(subject);
    return found.state === 'present' ? found.key : undefined;
  }

  async lookup(subject: string): Promise<KeyLookup> {
    // Prepared once: a rebuild looks up every complaint's key, page after page (preparing it each time showed in the profile of a sealed rebuild).
    this.selectKey ??= this.db.prepare('SELECT key FROM data_keys WHERE subject = ?');
    const row = this.selectKey.get(subject) as { key: Buffer | null } | undefined;
    if (!row) return { state: 'missing' };
    return row.key ? { state: 'present', key: row.key } : { state: 'erased' };
  }

  async lookupMany(subjects: readonly string[]): Promise<Map<string, KeyLookup>> {
    const found = new Map<string, KeyLookup>();
    const unique = [...new Set(subjects)];
    // SQLite's limit on bound parameters is far above this; a fixed size keeps one prepared statement.
    for (let start = 0; start < unique.length; start += LOOKUP_CHUNK) {
      const chunk = unique.slice(start, start + LOOKUP_CHUNK);
      const rows = this.selectKeys(chunk.length).all(...chunk) as { subject: string; key: Buffer | null }[];
      for (const subject of chunk) found.set(subject, { state: 'missing' });
      for (const { subject, key } of rows) found.set(subject, key ? { state: 'present', key } : { state: 'erased' });
    }
    return found;
  }

  private selectKeys(count: number): Statement {
    const cached = this.selectKeysOf.get(count);
    if (cached) return cached;
    const statement = this.db.prepare(`SELECT subject, key FROM data_keys WHERE subject IN (${Array(count).fill('?').join(', ')})`);
    if (count === LOOKUP_CHUNK) this.selectKeysOf.set(count, statement);
    return statement;
  }

  async destroy(subject: string, now: Date): Promise<boolean> {
    // A tombstone stays, so the subject is never given a new key that would make new data readable again.
    const updated = this.db.prepare('UPDATE data_keys SET key = NULL, destroyed_at = ? WHERE subject = ? AND key IS NOT NULL').run(now.toISOString(), subject);
    if (updated.changes === 0)
      this.db.prepare('INSERT OR IGNORE INTO data_keys (subject, key, created_at, destroyed_at) VALUES (?, NULL, ?, ?)').run(subject, now.toISOString(), now.toISOString());
    return updated.changes > 0;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** The same key store opened in another thread (KeyStore.reopen): never created there. */
export const reopenKeyStore = (options: { path: string }): SqliteKeyStore => new SqliteKeyStore(options.path, { create: false });
