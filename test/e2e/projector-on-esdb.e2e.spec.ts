import { EsdbEventStore } from '@app/event-store/esdb';
import { Checkpoint, CHECKPOINTS, positionKey, positionOf } from '@app/projections';
import { EmbeddedDocumentStore, READ_MODELS_FILE } from '@app/read-store/sqlite';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, ROOT } from '../support/api-process';
import { EsdbTestServer } from '../support/esdb/esdb-test-server';
import { eventually } from '../support/eventually';
import { generateLedger } from '../support/ledger-generator';

// The projector as it runs in production: its own process, on EventStoreDB (the gRPC test server here).

const PROJECTOR_JS = join(ROOT, 'dist/apps/projector/src/main.js');

interface ProjectionView {
  name: string;
  state: string;
  position: string | null;
}

const startProjector = async (connectionString: string, dataDir: string) => {
  const port = await freePort();
  const child = spawn(process.execPath, [PROJECTOR_JS], {
    env: { ...process.env, EVENTSTORE_CONNECTION_STRING: connectionString, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-50_000));
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const projections = async (): Promise<ProjectionView[] | null> => {
    try {
      // /health is public and names each read model's position; /projections needs credentials.
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      return response.ok ? ((await response.json()) as { projections: ProjectionView[] }).projections : null;
    } catch {
      return null; // not listening yet
    }
  };
  return { child, exited, projections, output: () => output };
};

describe('the projector process on EventStoreDB', () => {
  let server: EsdbTestServer;
  let dataDir: string;
  let head: bigint;

  beforeAll(async () => {
    execFileSync('npx', ['nest', 'build', 'projector'], { cwd: ROOT, stdio: 'pipe', timeout: 170_000 });
    server = await EsdbTestServer.start();
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-projector-'));
    const writer = new EsdbEventStore(server.connectionString);
    try {
      await generateLedger(writer, { complaints: 500, seed: 2113, from: '2025-01-01', to: '2026-10-31', concurrency: 32 });
      head = (await writer.readAll({ direction: 'backwards', maxCount: 1 }))[0].position;
    } finally {
      await writer.close();
    }
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('on SIGTERM mid catch-up finishes its batch and saves its checkpoint, and the next run carries on to the head', async () => {
    // A slow server (each read waits 300 ms): the catch-up takes seconds, so a SIGTERM a second in lands half-way.
    server.readDelayMs = 300;
    const first = await startProjector(server.connectionString, dataDir);
    const stillRunning = (): true => {
      if (first.child.exitCode !== null || first.child.signalCode !== null) throw new Error(`The projector exited:\n${first.output()}`);
      return true;
    };
    await eventually(async () => stillRunning() && first.output().includes('Projector running'), 60_000, () => `the projector to start:\n${first.output()}`);
    // Half-way: the catch-up has begun (a read model has a position), and the slow server keeps it far from the head.
    await eventually(
      async () => stillRunning() && (await first.projections())?.some((view) => view.position !== null && view.position !== undefined && BigInt(view.position) > 0n),
      60_000,
      () => `the catch-up to begin:\n${first.output()}`,
    );
    first.child.kill('SIGTERM');
    const exit = await Promise.race([first.exited, sleep(20_000, null, { ref: false })]);
    expect(exit).not.toBeNull();
    expect(first.output()).toContain('Stopping (SIGTERM): each projection finishes its batch and saves its checkpoint.');
    expect(first.output()).toContain('Stopped; checkpoints saved, stores closed.');

    // What it left: for every read model a checkpoint, and no document ahead of it.
    const documents = new EmbeddedDocumentStore(join(dataDir, READ_MODELS_FILE));
    try {
      const checkpoints = await documents.collection<Checkpoint>(CHECKPOINTS).find({});
      expect(checkpoints.map((c) => c._id).sort()).toEqual(['deadlines', 'register_journal', 'statistics']);
      expect(checkpoints.some((c) => positionOf(c.position) < head)).toBe(true); // stopped before the end
      for (const checkpoint of checkpoints) {
        const ahead = await documents.collection(checkpoint._id).countDocuments({ _position: { $gt: checkpoint.position } });
        expect({ readModel: checkpoint._id, ahead }).toEqual({ readModel: checkpoint._id, ahead: 0 });
      }
    } finally {
      await documents.close();
    }

    server.readDelayMs = 0;
    const second = await startProjector(server.connectionString, dataDir);
    try {
      await eventually(
        async () => (await second.projections())?.every((p) => p.position !== null && positionKey(BigInt(p.position)) === positionKey(head)),
        60_000,
        () => `reaching ${head}:\n${second.output()}`,
      );
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 120_000);
});
