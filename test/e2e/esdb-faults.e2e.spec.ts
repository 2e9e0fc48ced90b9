import { INestApplication } from '@nestjs/common';
import { EventStore } from '@app/event-store';
import { EsdbEventStore } from '@app/event-store/esdb';
import { EVENTS_FILE, SqliteEventStore } from '@app/event-store/sqlite';
import { ALL_PROJECTIONS, CHECKPOINTS, ProjectionRunner } from '@app/projections';
import { EmbeddedDocumentStore } from '@app/read-store/sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../apps/ledger-api/src/app.factory';
import { loadConfig, DOCUMENT_STORE, systemClock } from '@app/platform';
import { createProjector } from '../../apps/projector/src/projector.factory';
import { EsdbTestServer } from '../support/esdb/esdb-test-server';
import { eventually } from '../support/eventually';
import { generateLedger } from '../support/ledger-generator';
import { aComplaintBody, clerk } from '../support/requests';
import { signedIn } from '../support/test-app';

// Production mode when EventStoreDB goes away: the projector and the API keep their promises.

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-esdb-faults-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const productionConfig = (connectionString: string) =>
  loadConfig({ DATA_DIR: tempDir(), LOG_LEVEL: 'silent', EVENTSTORE_CONNECTION_STRING: connectionString });

const headOf = async (store: EventStore): Promise<bigint> => (await store.readAll({ direction: 'backwards', maxCount: 1 }))[0].position;

interface HealthView {
  status: string;
  projections: Array<{ name: string; position: string | null; lag: { events: number }; failure: unknown }>;
}

/** Polls GET /health until every read model has reached `head` with no lag. */
const caughtUp = (app: INestApplication, head: bigint, timeoutMs = 60_000): Promise<HealthView> => {
  let last: unknown;
  return eventually(
    async () => {
      const health = await request(app.getHttpServer()).get('/health');
      last = [health.status, health.body];
      const body = health.body as HealthView;
      return health.status === 200 && body.projections.every((p) => p.position !== null && BigInt(p.position) === head && p.lag.events === 0) && body;
    },
    timeoutMs,
    () => `catching up to ${head}: ${JSON.stringify(last)}`,
    100,
  );
};

/** Polls GET /health until it answers `status`. */
const healthBecomes = (app: INestApplication, status: number, timeoutMs = 10_000): Promise<request.Response> =>
  eventually(
    async () => {
      const health = await request(app.getHttpServer()).get('/health');
      return health.status === status && health;
    },
    timeoutMs,
    `GET /health to answer ${status}`,
    100,
  );

/** Every document of every collection, by collection, sorted by _id. */
const everything = async (documents: EmbeddedDocumentStore): Promise<Record<string, unknown[]>> => {
  const all: Record<string, unknown[]> = {};
  for (const name of (await documents.listCollections()).sort()) all[name] = await documents.collection(name).find({}, { sort: { _id: 1 } });
  // Beside the checkpoints, `$`-rows are process bookkeeping (the running projector's heartbeat, a rebuild lock), not
  // read-model state: an uninterrupted reference run has none.
  all[CHECKPOINTS] = ((all[CHECKPOINTS] ?? []) as Array<{ _id: string }>).filter((row) => !row._id.startsWith('$'));
  return all;
};

describe('the projector on EventStoreDB', () => {
  let store: SqliteEventStore;
  let projectorsServer: EsdbTestServer;
  let writersServer: EsdbTestServer;
  let writer: EsdbEventStore;
  let projector: INestApplication | undefined;

  beforeAll(async () => {
    store = new SqliteEventStore(join(tempDir(), EVENTS_FILE));
    // Two servers over one store: the projector's can go away while the writer's stays.
    projectorsServer = await EsdbTestServer.start({ store });
    writersServer = await EsdbTestServer.start({ store });
    writer = new EsdbEventStore(writersServer.connectionString);
  });
  afterAll(async () => {
    await projector?.close();
    await writer.close();
    await projectorsServer.stop();
    await writersServer.stop();
    await store.close();
  });

  it('lives through EventStoreDB going away mid-run: unhealthy meanwhile, then read models equal to an uninterrupted run’s', async () => {
    await generateLedger(writer, { complaints: 40, seed: 515, from: '2025-01-01', to: '2025-12-31', concurrency: 8 });
    projector = await createProjector({ config: productionConfig(projectorsServer.connectionString) });
    await projector.init();
    await caughtUp(projector, await headOf(writer));

    await projectorsServer.stopListening();
    const down = await healthBecomes(projector, 503);
    expect(down.headers['content-type']).toMatch(/application\/problem\+json/);
    // Written while the projector cannot reach the server.
    await generateLedger(writer, { complaints: 40, seed: 516, from: '2026-01-01', to: '2026-10-31', concurrency: 8 });
    // Still cut off once they are written: the projector cannot have read them.
    await healthBecomes(projector, 503);
    await projectorsServer.listen();
    const health = await caughtUp(projector, await headOf(writer));
    expect(health.status).toBe('ok');

    // The same projections run once, uninterrupted, over the same events.
    const reference = new EmbeddedDocumentStore(join(tempDir(), 'reference.sqlite'));
    try {
      for (const projection of ALL_PROJECTIONS) {
        const runner = new ProjectionRunner({ events: writer, documents: reference, projection, clock: systemClock });
        await runner.open();
        await runner.catchUp();
      }
      const projected = await everything(projector.get<EmbeddedDocumentStore>(DOCUMENT_STORE));
      const expected = await everything(reference);
      expect(Object.keys(projected)).toEqual(Object.keys(expected));
      expect(projected.register_journal.length).toBeGreaterThan(40); // the complaints written during the outage are in
      expect(projected).toEqual(expected);
    } finally {
      await reference.close();
    }
  }, 120_000);
});

describe('the API on EventStoreDB', () => {
  it('starts while the server is down, answers 503 on /health and on commands, then recovers when it is back', async () => {
    const server = await EsdbTestServer.start();
    await server.stopListening();
    const app = await createApp({ config: productionConfig(server.connectionString) });
    try {
      await app.init();
      const http = signedIn(app);
      const health = await http.get('/health').expect(503);
      expect(health.body.detail).toMatch(/event store is unreachable/);
      const refused = await http.post('/complaints').set(clerk).send(aComplaintBody());
      expect(refused.status).toBe(503);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);

      await server.listen();
      await healthBecomes(app, 200);
      await http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201);
    } finally {
      await app.close();
      await server.stop();
    }
  });
});
