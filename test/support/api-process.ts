import { ActorRole } from '@app/domain';
import { SqliteUserDirectory, USERS_FILE } from '@app/security';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

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

/** The built API running as a child process. */
export interface ApiProcess {
  name: string;
  child: ChildProcess;
  port: number;
  base: string;
  /** The tail of what it wrote to stdout and stderr, for diagnostics. */
  output: () => string;
  /** Its exit code or signal. */
  exited: Promise<number | string | null>;
}

const running = new Set<ChildProcess>();

/**
 * Starts `node dist/apps/ledger-api/src/main.js` on a DATA_DIR and a free port; resolves once GET /health
 * answers 200, and throws with the process's output if it exits or does not answer within 30 s.
 */
export const startApiProcess = async (dataDir: string, name = 'the server', env: Record<string, string> = {}): Promise<ApiProcess> => {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN_JS], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  // Always drain the pipes, or a chatty server would block on a full pipe; keep the tail for diagnostics.
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string | null>((done) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      done(signal ?? code);
    }),
  );
  const server: ApiProcess = { name, child, port, base: `http://127.0.0.1:${port}`, output: () => output, exited };
  let exitedEarly: number | string | null | undefined;
  void exited.then((how) => (exitedEarly = how));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exitedEarly !== undefined) throw new Error(`${name} exited (${String(exitedEarly)}) before it was ready:\n${output}`);
    try {
      if ((await fetch(`${server.base}/health`, { signal: AbortSignal.timeout(5_000) })).status === 200) return server;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${name} did not answer GET /health within 30 s:\n${output}`);
    await sleep(50);
  }
};

/** Kills every API process a test started and still runs (for afterAll). */
export const killApiProcesses = async (): Promise<void> => {
  for (const child of running) child.kill('SIGKILL');
  while (running.size > 0) await sleep(20);
};

/**
 * The built API on a fresh DATA_DIR for the enclosing describe: started before its tests, killed and its directory
 * removed after them. The handle is filled in by then: read it inside tests only.
 */
export const useApiProcess = (name: string, prefix: string): { dataDir: string; server: ApiProcess } => {
  const handle = {} as { dataDir: string; server: ApiProcess };
  beforeAll(async () => {
    ensureBuilt();
    handle.dataDir = mkdtempSync(join(tmpdir(), prefix));
    handle.server = await startApiProcess(handle.dataDir, name);
  }, 180_000);
  afterAll(async () => {
    await killApiProcesses();
    rmSync(handle.dataDir, { recursive: true, force: true });
  });
  return handle;
};
