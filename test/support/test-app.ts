import { INestApplication } from '@nestjs/common';
import { EsdbEventStore, EventStore, EVENTS_FILE, SqliteEventStore } from '@app/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../apps/ledger-api/src/app.factory';
import { loadConfig } from '../../apps/ledger-api/src/config/app-config';
import { Clock } from '../../apps/ledger-api/src/infrastructure/tokens';
import { EsdbTestServer } from './esdb/esdb-test-server';

export interface TestApp {
  app: INestApplication;
  http: TestAgent;
  store: SqliteEventStore;
  dataDir: string;
  /** Under E2E_EVENT_STORE=esdb: where the gRPC test server in front of `store` listens. */
  eventStoreConnectionString?: string;
  close(): Promise<void>;
}

/**
 * The real application on a fresh embedded store in a temporary directory. With
 * E2E_EVENT_STORE=esdb it talks to that store through the EventStoreDB adapter and the gRPC test server.
 */
export const startTestApp = async (
  options: { clock?: Clock; env?: NodeJS.ProcessEnv; wrapStore?: (store: EventStore) => EventStore } = {},
): Promise<TestApp> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'complaint-ledger-e2e-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...options.env });
  const store = new SqliteEventStore(join(dataDir, EVENTS_FILE));
  const esdb = process.env.E2E_EVENT_STORE === 'esdb' ? await EsdbTestServer.start({ store }) : undefined;
  const adapter = esdb ? new EsdbEventStore(esdb.connectionString) : store;
  const app = await createApp({ config, clock: options.clock, eventStore: options.wrapStore?.(adapter) ?? adapter });
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    store,
    dataDir,
    eventStoreConnectionString: esdb?.connectionString,
    close: async () => {
      await app.close();
      await esdb?.stop();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** The position of the last event in `$all` (or -1): compare it before and after to prove nothing was appended. */
export const headPosition = async (store: EventStore): Promise<bigint> =>
  (await store.readAll({ direction: 'backwards', maxCount: 1 }))[0]?.position ?? -1n;
