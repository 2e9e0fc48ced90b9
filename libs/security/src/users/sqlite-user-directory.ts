import { ACTOR_ROLES, ActorRole } from '@app/domain';
import Database, { Database as Db } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { hashApiToken, newApiToken } from './api-token';
import { ApiUser, USER_ID, UserDirectory, UserDirectoryError } from './user-directory.port';

/** Where the embedded user directory keeps its file under DATA_DIR, apart from the events. */
export const USERS_FILE = 'users.sqlite';

interface UserRow {
  id: string;
  role: ActorRole;
  created_at: string;
  revoked_at: string | null;
}

/** Users and their token hashes in their own SQLite file; the CLI and the API may open it at once. */
export class SqliteUserDirectory implements UserDirectory {
  private readonly db: Db;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path, { timeout: 10_000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS users (
        id         TEXT PRIMARY KEY,
        role       TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
    `);
  }

  add(id: string, role: ActorRole, now: Date): { user: ApiUser; token: string } {
    if (!ACTOR_ROLES.includes(role)) throw new UserDirectoryError('invalid-role', `"${role}" is not a role: ${ACTOR_ROLES.join(', ')}.`);
    if (!USER_ID.test(id)) throw new UserDirectoryError('invalid-user-id', `"${id}" is not a user id: 1–100 letters, digits or . _ @ + -.`);
    const token = newApiToken();
    const createdAt = now.toISOString();
    this.db.transaction(() => {
      if (this.db.prepare('SELECT 1 FROM users WHERE id = ? AND revoked_at IS NULL').get(id))
        throw new UserDirectoryError('user-exists', `User "${id}" has an active token; revoke it first to issue a new one.`);
      // A revoked user may be issued a new token: the old row (and its hash) gives way.
      this.db.prepare('DELETE FROM users WHERE id = ?').run(id);
      this.db.prepare('INSERT INTO users (id, role, token_hash, created_at) VALUES (?, ?, ?, ?)').run(id, role, hashApiToken(token), createdAt);
    })();
    return { user: { id, role, createdAt }, token };
  }

  revoke(id: string, now: Date): boolean {
    return this.db.prepare('UPDATE users SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now.toISOString(), id).changes > 0;
  }

  list(): ApiUser[] {
    return (this.db.prepare('SELECT id, role, created_at, revoked_at FROM users ORDER BY id').all() as UserRow[]).map(toUser);
  }

  userForToken(token: string): ApiUser | undefined {
    const row = this.db
      .prepare('SELECT id, role, created_at, revoked_at FROM users WHERE token_hash = ? AND revoked_at IS NULL')
      .get(hashApiToken(token)) as UserRow | undefined;
    return row && toUser(row);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

const toUser = (row: UserRow): ApiUser => ({
  id: row.id,
  role: row.role,
  createdAt: row.created_at,
  ...(row.revoked_at ? { revokedAt: row.revoked_at } : {}),
});
