/**
 * A crash between projection batches. A generated ledger (2,000 complaints) lies in a DATA_DIR with no
 * read models yet; the real server process starts on it and its in-process projections catch up from
 * zero. It is killed with SIGKILL half-way (every projection's checkpoint past zero, below the head),
 * restarted on the same DATA_DIR, and left to catch up. Its read models must then equal those of an
 * uninterrupted run on a copy of the same events: the journal export (but for its timestamp), the
 * statistics, and every document of every read-model collection.
 */
import { EVENTS_FILE, SqliteEventStore } from '@app/event-store/sqlite';
import { CHECKPOINTS, Checkpoint, positionOf } from '@app/projections';
import { EmbeddedDocumentStore, READ_MODELS_FILE } from '@app/read-store/sqlite';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '../support/eventually';
import { generateLedger } from '../support/ledger-generator';
import { ApiProcess, ensureBuilt, issueApiToken, killApiProcesses, startApiProcess } from '../support/api-process';

const COMPLAINTS = 2_000;

/** A running API, and an auditor's API token for its data directory. */
type Server = ApiProcess & { token: string };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answers of many endpoints, read field by field
const getJson = async <T = any>(server: Server, path: string): Promise<{ status: number; body: T }> => {
  const response = await fetch(`${server.base}${path}`, { headers: { Authorization: `Bearer ${server.token}` }, signal: AbortSignal.timeout(20_000) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
};

const startServer = async (name: string, dataDir: string): Promise<Server> => ({
  ...(await startApiProcess(dataDir, name)),
  token: issueApiToken(dataDir, 'auditor-1', 'auditor'),
});

interface ProjectionView {
  name: string;
  state: string;
  position: string | null;
  failure: unknown;
  lag: { events: number };
}

const projectionsOf = async (server: Server): Promise<ProjectionView[]> => {
  const { status, body } = await getJson<{ projections: ProjectionView[] }>(server, '/projections');
  if (status !== 200) throw new Error(`GET /projections answered ${status}: ${JSON.stringify(body)}`);
  return body.projections;
};

/** Polls GET /projections until every projection has reached the head with nothing left to apply. */
const caughtUp = (server: Server, head: bigint, timeoutMs = 60_000): Promise<ProjectionView[]> => {
  let projections: ProjectionView[] = [];
  return eventually(
    async () => {
      projections = await projectionsOf(server);
      const failed = projections.filter((p) => p.failure);
      if (failed.length > 0) throw new Error(`${server.name}: a projection stopped: ${JSON.stringify(failed)}`);
      return projections.every((p) => p.lag.events === 0 && p.position !== null && BigInt(p.position) === head) && projections;
    },
    timeoutMs,
    () => `${server.name} to catch up: ${JSON.stringify(projections)}\n${server.output()}`,
    100,
  );
};

const stopGracefully = async (server: Server): Promise<void> => {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const how = await Promise.race([server.exited, sleep(15_000, 'timeout' as const, { ref: false })]);
  if (how === 'timeout') {
    server.child.kill('SIGKILL');
    await server.exited;
  }
};

/** Every document of every collection of an embedded read-model file, by collection and _id. */
const readModelsIn = async (dataDir: string): Promise<Record<string, unknown[]>> => {
  const documents = new EmbeddedDocumentStore(join(dataDir, READ_MODELS_FILE));
  try {
    const all: Record<string, unknown[]> = {};
    for (const name of await documents.listCollections()) all[name] = await documents.collection(name).find({}, { sort: { _id: 1 } });
    // Beside the checkpoints, `$`-rows are process bookkeeping (a live runner's heartbeat, a rebuild lock): a killed
    // process leaves its heartbeat until it goes stale. They are not read-model state.
    all[CHECKPOINTS] = (all[CHECKPOINTS] as Array<{ _id: string }>).filter((row) => !row._id.startsWith('$'));
    return all;
  } finally {
    await documents.close();
  }
};

describe('projections survive a SIGKILL between batches (real server process)', () => {
  let crashedDir: string;
  let cleanDir: string;
  let head: bigint;

  beforeAll(async () => {
    ensureBuilt();
    crashedDir = mkdtempSync(join(tmpdir(), 'ledger-projection-crash-'));
    cleanDir = mkdtempSync(join(tmpdir(), 'ledger-projection-clean-'));
    const store = new SqliteEventStore(join(crashedDir, EVENTS_FILE));
    const generated = await generateLedger(store, { complaints: COMPLAINTS, seed: 4242, from: '2025-01-01', to: '2026-10-31' });
    expect(generated.complaints).toBe(COMPLAINTS);
    const [last] = await store.readAll({ direction: 'backwards', maxCount: 1 });
    head = last.position;
    await store.close(); // checkpoints the WAL into the file
    // The uninterrupted run reads a byte-for-byte copy of the same events.
    copyFileSync(join(crashedDir, EVENTS_FILE), join(cleanDir, EVENTS_FILE));
  }, 170_000);

  afterAll(async () => {
    await killApiProcesses();
    for (const dir of [crashedDir, cleanDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('resumes from its checkpoints after the kill and ends with the read models of an uninterrupted run', async () => {
    // 1. Catching up from zero, killed half-way.
    const first = await startServer('first run', crashedDir);
    const seen = await eventually(
      async () => {
        const views = await projectionsOf(first);
        const positions = views.map((p) => (p.position === null ? 0n : BigInt(p.position)));
        if (positions.some((p) => p >= head)) throw new Error(`Caught up before it could be killed half-way: ${JSON.stringify(views)}`);
        return positions.every((p) => p > 0n && p < head) && views;
      },
      60_000,
      'every read model half-way',
    );
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    expect(seen.map((p) => p.state)).toEqual(seen.map(() => 'catching-up'));

    // What the kill left on disk: every read model checkpointed part of the way.
    const leftBehind = await readModelsIn(crashedDir);
    const checkpoints = leftBehind[CHECKPOINTS] as Checkpoint[];
    expect(checkpoints.map((c) => c._id).sort()).toEqual(['deadlines', 'register_journal', 'statistics']);
    for (const checkpoint of checkpoints) {
      expect(positionOf(checkpoint.position)).toBeGreaterThan(0n);
      expect(positionOf(checkpoint.position)).toBeLessThan(head);
    }
    expect(leftBehind.register_journal.length).toBeGreaterThan(0);
    expect(leftBehind.register_journal.length).toBeLessThan(COMPLAINTS);

    // 2. Restarted on the same DATA_DIR: it continues from the checkpoints and catches up.
    const restarted = await startServer('restarted run', crashedDir);
    const resumed = await caughtUp(restarted, head);
    expect(resumed.map((p) => p.state)).toEqual(resumed.map(() => 'live'));

    // 3. The same events, caught up without interruption.
    const clean = await startServer('uninterrupted run', cleanDir);
    await caughtUp(clean, head);

    // 4. The same answers: the journal export (its timestamp aside) and the statistics.
    const journal = async (server: Server) => {
      const { status, body } = await getJson(server, '/reports/journal?format=json&from=2025-01-01&to=2026-10-31');
      expect(status).toBe(200);
      const { exportedAt, ...rest } = body;
      expect(Date.parse(exportedAt)).not.toBeNaN();
      return rest;
    };
    const [afterCrash, uninterrupted] = [await journal(restarted), await journal(clean)];
    expect(afterCrash.rows).toHaveLength(COMPLAINTS);
    expect(afterCrash.position).toBe(head.toString());
    expect(afterCrash).toEqual(uninterrupted);
    for (const query of ['groupBy=month&from=2025-01-01&to=2026-10-31', 'groupBy=day&from=2025-01-01&to=2026-10-31', 'groupBy=year']) {
      const [a, b] = [await getJson(restarted, `/reports/statistics?${query}`), await getJson(clean, `/reports/statistics?${query}`)];
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body.rows.reduce((sum: number, row: { received: number }) => sum + row.received, 0)).toBe(COMPLAINTS);
      expect(a.body).toEqual(b.body);
    }

    // 5. Document for document, every read model (and the checkpoints) alike.
    await stopGracefully(restarted);
    await stopGracefully(clean);
    const [crashedModels, cleanModels] = [await readModelsIn(crashedDir), await readModelsIn(cleanDir)];
    expect(Object.keys(crashedModels).sort()).toEqual(['deadlines', CHECKPOINTS, 'register_journal', 'statistics']);
    expect(crashedModels.statistics).toHaveLength(COMPLAINTS);
    expect(crashedModels).toEqual(cleanModels);
  }, 150_000);
});
