import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The CLI's fast entry, bin/ledger: `npx ledger …` and `npm run cli -- …` run the built CLI and build it
// only when it is missing or older than its sources (a compile took 20 s on every call before).
const ROOT = resolve(__dirname, '../../..');
const LAUNCHER = join(ROOT, 'bin/ledger');

/** A copy of the launcher in a directory of its own, with a stand-in for the built CLI that reports its arguments. */
const fakeCheckout = (options: { dist: boolean; source: boolean }): string => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-launcher-'));
  mkdirSync(join(dir, 'bin'));
  copyFileSync(LAUNCHER, join(dir, 'bin/ledger'));
  const old = new Date(Date.now() - 60_000);
  if (options.dist) {
    const main = join(dir, 'dist/apps/ledger-cli/src/main.js');
    mkdirSync(join(dir, 'dist/apps/ledger-cli/src'), { recursive: true });
    writeFileSync(main, "exports.run = async (argv) => { process.stdout.write('ran ' + argv.join(' ')); return argv.length; };\n");
    utimesSync(main, old, old);
  }
  if (options.source) {
    mkdirSync(join(dir, 'apps/ledger-cli/src'), { recursive: true });
    writeFileSync(join(dir, 'apps/ledger-cli/src/main.ts'), 'export {};\n');
  }
  return dir;
};

describe('bin/ledger, the CLI entry', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const launch = (dir: string, ...args: string[]) => spawnSync(process.execPath, [join(dir, 'bin/ledger'), ...args], { encoding: 'utf8' });

  it('is the package bin `ledger`, and `npm run cli` goes through it without a compile of its own', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ ledger: 'bin/ledger' });
    expect(pkg.scripts.cli).toBe('node bin/ledger');
    expect(readFileSync(LAUNCHER, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('runs the built CLI with the arguments and exits with its code, without building where no sources are (the image)', () => {
    const dir = fakeCheckout({ dist: true, source: false });
    dirs.push(dir);
    const result = launch(dir, 'history', '2026-000001');
    expect(result).toMatchObject({ status: 2, stdout: 'ran history 2026-000001', stderr: '' });
  });

  describe('a heap budget for the commands that rebuild read models (ADR 0022)', () => {
    /** A checkout whose stand-in CLI reports the arguments, its Node options and its heap limit (MiB). */
    const reporting = (): string => {
      const dir = fakeCheckout({ dist: true, source: false });
      dirs.push(dir);
      const report = "({ argv, pid: process.pid, execArgv: process.execArgv, heapMiB: Math.round(require('node:v8').getHeapStatistics().heap_size_limit / 2 ** 20) })";
      writeFileSync(join(dir, 'dist/apps/ledger-cli/src/main.js'), `exports.run = async (argv) => { process.stdout.write(JSON.stringify(${report})); return 7; };\n`);
      return dir;
    };
    const run = (dir: string, env: Record<string, string>, ...args: string[]) => {
      const result = spawnSync(process.execPath, [join(dir, 'bin/ledger'), ...args], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', ...env } });
      return { ...result, report: result.stdout ? (JSON.parse(result.stdout) as { argv: string[]; pid: number; execArgv: string[]; heapMiB: number }) : undefined };
    };

    it('runs rebuild and erase in a process of their own with a 512 MiB old generation and 32 MiB semi-spaces, and exits with its code', () => {
      const dir = reporting();
      for (const command of [['rebuild', 'all'], ['erase', '2026-000001', '--reason', 'asked']]) {
        const result = run(dir, {}, ...command);
        expect(result.status).toBe(7);
        expect(result.report?.argv).toEqual(command);
        expect(result.report?.execArgv).toEqual(expect.arrayContaining(['--max-old-space-size=512', '--max-semi-space-size=32']));
        expect(result.report?.heapMiB).toBeLessThan(700);
        expect(result.report?.pid).not.toBe(result.pid);
      }
    });

    it('leaves every other command in the launcher\'s process, with Node\'s own heap limit', () => {
      const result = run(reporting(), {}, 'verify');
      expect(result.status).toBe(7);
      expect(result.report?.execArgv).toEqual([]);
      expect(result.report?.pid).toBe(result.pid);
    });

    it('takes another budget from LEDGER_REBUILD_HEAP_MB, and refuses one that is not a number of MiB', () => {
      const dir = reporting();
      expect(run(dir, { LEDGER_REBUILD_HEAP_MB: '768' }, 'rebuild', 'all').report?.execArgv).toContain('--max-old-space-size=768');
      for (const bad of ['lots', '0', '1.5', '-3']) {
        const refused = run(dir, { LEDGER_REBUILD_HEAP_MB: bad }, 'rebuild', 'all');
        expect(refused.status).toBe(2);
        expect(refused.stdout).toBe('');
        expect(refused.stderr).toContain(`LEDGER_REBUILD_HEAP_MB must be a whole number of MiB (the rebuild's heap budget, default 512); it is '${bad}'`);
      }
    });

    it('keeps a limit the operator gave in NODE_OPTIONS', () => {
      const result = run(reporting(), { NODE_OPTIONS: '--max-old-space-size=300' }, 'rebuild', 'all');
      expect(result.status).toBe(7);
      expect(result.report?.execArgv).toEqual([]);
      expect(result.report?.pid).toBe(result.pid);
      expect(result.report?.heapMiB).toBeLessThan(400);
    });
  });

  it('builds first, once, when a source is newer than the built CLI, with the build tool of the checkout', () => {
    const dir = fakeCheckout({ dist: true, source: true });
    dirs.push(dir);
    // A stand-in for `nest build ledger-cli` that writes a CLI saying it is the new build.
    mkdirSync(join(dir, 'node_modules/@nestjs/cli/bin'), { recursive: true });
    writeFileSync(
      join(dir, 'node_modules/@nestjs/cli/bin/nest.js'),
      "require('node:fs').writeFileSync(require('node:path').join(process.cwd(), 'dist/apps/ledger-cli/src/main.js'), " +
        "\"exports.run = async (argv) => { process.stdout.write('new build ' + argv.join(' ')); return 0; };\");\n",
    );
    const first = launch(dir, 'verify');
    expect(first).toMatchObject({ status: 0, stdout: 'new build verify', stderr: expect.stringContaining('Building the CLI once') });
    const second = launch(dir, 'verify');
    expect(second).toMatchObject({ status: 0, stdout: 'new build verify', stderr: '' });
  });

  it('says what to do, exit 4, when there is neither a built CLI nor a build tool', () => {
    const dir = fakeCheckout({ dist: false, source: true });
    dirs.push(dir);
    const result = launch(dir, '--help');
    expect(result.status).toBe(4);
    expect(result.stderr).toContain('npm run build');
  });

  it('in this checkout, builds at most once: a second call finds dist up to date and starts at once', () => {
    execFileSync(process.execPath, [LAUNCHER, '--help'], { cwd: ROOT, stdio: 'pipe', timeout: 150_000 });
    const second = spawnSync(process.execPath, [LAUNCHER, '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/^Usage: ledger <command>/);
    expect(second.stderr).not.toContain('Building');
  }, 180_000);
});
