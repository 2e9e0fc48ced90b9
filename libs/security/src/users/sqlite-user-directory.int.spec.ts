import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashApiToken } from './api-token';
import { SqliteUserDirectory, USERS_FILE } from './sqlite-user-directory';

describe('SqliteUserDirectory: personal API tokens', () => {
  let dir: string;
  let users: SqliteUserDirectory;
  const now = new Date('2026-11-25T10:00:00Z');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'users-'));
    users = new SqliteUserDirectory(join(dir, USERS_FILE));
  });
  afterEach(() => {
    users.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('issues a token that finds its user, and keeps only its hash', () => {
    const { token } = users.add('alice', 'manager', now);
    expect(users.userForToken(token)).toMatchObject({ id: 'alice', role: 'manager' });
    expect(users.userForToken(`${token}x`)).toBeUndefined();
    users.close();
    const file = readFileSync(join(dir, USERS_FILE));
    expect(file.includes(token)).toBe(false);
    expect(file.includes(hashApiToken(token))).toBe(true);
  });

  it('revokes at once, and then allows a new token for the same person', () => {
    const first = users.add('bob', 'auditor', now).token;
    expect(() => users.add('bob', 'auditor', now)).toThrow(expect.objectContaining({ code: 'user-exists' }));
    expect(users.revoke('bob', now)).toBe(true);
    expect(users.revoke('bob', now)).toBe(false);
    expect(users.userForToken(first)).toBeUndefined();
    expect(users.list()).toEqual([expect.objectContaining({ id: 'bob', revokedAt: now.toISOString() })]);
    const second = users.add('bob', 'analyst', now).token;
    expect(users.userForToken(second)).toMatchObject({ id: 'bob', role: 'analyst' });
  });

  it('refuses an unknown role or an id that could not be recorded plainly', () => {
    expect(() => users.add('carol', 'ceo' as never, now)).toThrow(expect.objectContaining({ code: 'invalid-role' }));
    expect(() => users.add('carol smith', 'auditor', now)).toThrow(expect.objectContaining({ code: 'invalid-user-id' }));
  });
});
