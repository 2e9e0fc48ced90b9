import { INestApplication } from '@nestjs/common';
import { EVENTS_FILE, SqliteEventStore } from '@app/event-store/sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../apps/ledger-api/src/app.factory';
import { loadConfig } from '@app/platform';
import { run as runCli } from '../../apps/ledger-cli/src/main';
import { createProjector } from '../../apps/projector/src/projector.factory';
import { MongoTestServer } from '../support/mongo/mongo-test-server';
import { aComplaintBody, clerk } from '../support/requests';
import { signedIn } from '../support/test-app';

// Production's split (docker-compose): the projector alone writes the read models on MongoDB, and the
// API, with PROJECTIONS=external, follows the checkpoints it writes — one writer per read model.

describe('the API beside the projector (PROJECTIONS=external)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-projector-api-'));
  let mongo: MongoTestServer;
  let projector: INestApplication | undefined;
  let api: INestApplication;
  let http: TestAgent;
  const admin = { 'X-Actor-Id': 'admin-ops', 'X-Actor-Role': 'administrator' };

  const configFor = (name: string, env: NodeJS.ProcessEnv = {}) =>
    loadConfig({ DATA_DIR: join(dir, name), LOG_LEVEL: 'silent', MONGODB_URI: mongo.uri('complaints'), RATE_LIMIT_PER_MINUTE: '0', ...env });
  // Both processes on one event store file, as both would be on one EventStoreDB.
  const eventStore = () => new SqliteEventStore(join(dir, EVENTS_FILE));

  beforeAll(async () => {
    mongo = await MongoTestServer.start();
    projector = await createProjector({ config: configFor('projector', { PROJECTIONS: 'external' }), eventStore: eventStore() });
    await projector.init();
    api = await createApp({ config: configFor('api', { PROJECTIONS: 'external' }), eventStore: eventStore() });
    await api.init();
    http = signedIn(api);
  });
  afterAll(async () => {
    await projector?.close();
    await api.close();
    await mongo.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a query once the projector has projected the command (read your writes across processes)', async () => {
    const created = await http.post('/complaints').set(clerk).send(aComplaintBody({ description: 'The kettle leaks at the seam.' })).expect(201);
    const found = await http.get('/complaints').query({ q: 'kettle', minPosition: created.body.position }).expect(200);
    expect(found.body.items.map((row: { complaintId: string }) => row.complaintId)).toEqual([created.body.complaintId]);
    const { body } = await http.get('/projections').expect(200);
    expect(body.projections.map((p: { state: string; position: string }) => [p.state, BigInt(p.position) >= BigInt(created.body.position)])).toEqual([
      ['external', true],
      ['external', true],
      ['external', true],
    ]);
  });

  it('leaves rebuilds and restarts to the projector', async () => {
    const refused = await http.post('/projections/all/rebuild').set(admin).expect(409);
    expect(refused.body).toMatchObject({ code: 'projections-run-elsewhere' });
    expect((await http.post('/projections/deadlines/restart').set(admin).expect(409)).body.code).toBe('projections-run-elsewhere');
  });

  it('keeps the CLI from rebuilding in its own process under the projections the projector runs', async () => {
    const env = { MONGODB_URI: process.env.MONGODB_URI, PORT: process.env.PORT };
    Object.assign(process.env, { MONGODB_URI: mongo.uri('complaints'), PORT: '1' }); // nothing answers on port 1: the CLI rebuilds itself
    const output: string[] = [];
    const sink = { write: (text: string) => output.push(text) } as unknown as NodeJS.WritableStream;
    try {
      expect(await runCli(['rebuild', 'all', '--data-dir', dir], sink, sink)).toBe(1);
    } finally {
      for (const [name, value] of Object.entries(env)) if (value === undefined) delete process.env[name]; else process.env[name] = value;
    }
    expect(output.join('')).toMatch(/Not started: The live projections on these read models run in process \d+ on .*: a rebuild must pause them/);
    // Nothing was left behind: no lock, and both processes report healthy.
    expect((await http.get('/health').expect(200)).body).toMatchObject({ status: 'ok', problems: [] });
    const viaProjector = signedIn(projector!);
    await viaProjector.post('/projections/statistics/rebuild').set(admin).expect(202);
    for (let state = ''; state !== 'done'; ) {
      state = (await viaProjector.get('/projections/statistics/rebuild').expect(200)).body.state;
      expect(state).not.toBe('failed');
    }
  });

  it('does not project by itself: with the projector stopped, a query for a newer position gets 503', async () => {
    await projector?.close();
    projector = undefined;
    const created = await http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201);
    const behind = await http.get('/complaints').query({ minPosition: created.body.position }).expect(503);
    expect(behind.headers['retry-after']).toBeDefined();
    expect(behind.body.code).toBe('read-model-behind');
  });
});
