import { ActorRole } from '@app/domain';
import { SqliteUserDirectory, USERS_FILE } from '@app/security';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';

// Shared by the tests that run the real API as a child process (durability, crash between batches).

export const ROOT = resolve(__dirname, '../..');
export const MAIN_JS = join(ROOT, 'dist/apps/ledger-api/src/main.js');

/** A TCP port free on loopback right now. */
export const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });

/** The newest modification time of the TypeScript sources that go into the build. */
const newestSource = (dir: string): number => {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
};

/** Builds the API when dist is missing or older than its sources, so that the test runs the code under review. */
export const ensureBuilt = (): void => {
  const sources = Math.max(newestSource(join(ROOT, 'apps/ledger-api/src')), newestSource(join(ROOT, 'libs')));
  if (existsSync(MAIN_JS) && statSync(MAIN_JS).mtimeMs >= sources) return;
  execFileSync('npx', ['nest', 'build', 'ledger-api'], { cwd: ROOT, stdio: 'pipe', timeout: 150_000 });
};

/** A fresh API token for a user of the API that will run (or runs) on dataDir, as `ledger-cli users add` issues it. */
export const issueApiToken = (dataDir: string, id: string, role: ActorRole): string => {
  const directory = new SqliteUserDirectory(join(dataDir, USERS_FILE));
  try {
    directory.revoke(id, new Date());
    return directory.add(id, role, new Date()).token;
  } finally {
    directory.close();
  }
};
