import { INestApplication } from '@nestjs/common';
import { EventStore, EVENTS_FILE, SqliteEventStore } from '@app/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../apps/ledger-api/src/app.factory';
import { loadConfig } from '../../apps/ledger-api/src/config/app-config';
import { Clock } from '../../apps/ledger-api/src/infrastructure/tokens';
import { MongoTestServer } from './mongo/mongo-test-server';

/** Where a test app keeps its read models: the embedded store, or MongoDB (the adapter, through the wire-protocol test server). */
export type TestDocumentStore = 'embedded' | 'mongo';

let defaultDocumentStore: TestDocumentStore = 'embedded';
/** Runs every test app of this test file on `store` unless it says otherwise: how a spec runs another spec's tests on MongoDB. */
export const runTestAppsOn = (store: TestDocumentStore): void => {
  defaultDocumentStore = store;
};

export interface TestReadModels {
  /** What to add to the environment the configuration is loaded from. */
  env: NodeJS.ProcessEnv;
  mongo?: MongoTestServer;
  close(): Promise<void>;
}

/** Read models on `store` (by default this test file's): the settings, and the server when they are on MongoDB. */
export const testReadModels = async (store: TestDocumentStore = defaultDocumentStore): Promise<TestReadModels> => {
  const mongo = store === 'mongo' ? await MongoTestServer.start() : undefined;
  return { env: mongo ? { MONGODB_URI: mongo.uri('complaints') } : {}, mongo, close: async () => mongo?.close() };
};

export interface TestApp {
  app: INestApplication;
  http: TestAgent;
  store: SqliteEventStore;
  dataDir: string;
  /** The MongoDB test server holding the read models, when they are on MongoDB (faults are injected there). */
  mongo?: MongoTestServer;
  close(): Promise<void>;
}

/**
 * The real application on a fresh embedded event store in a temporary directory, with its read models
 * on a fresh embedded store or, with `documentStore: 'mongo'`, on a fresh MongoDB test server (set up as
 * an operator would: MONGODB_URI).
 */
export const startTestApp = async (
  options: { clock?: Clock; env?: NodeJS.ProcessEnv; wrapStore?: (store: SqliteEventStore) => EventStore; documentStore?: TestDocumentStore } = {},
): Promise<TestApp> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'complaint-ledger-e2e-'));
  const readModels = await testReadModels(options.documentStore);
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...readModels.env, ...options.env });
  const store = new SqliteEventStore(join(dataDir, EVENTS_FILE));
  const app = await createApp({ config, clock: options.clock, eventStore: options.wrapStore?.(store) ?? store });
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    store,
    dataDir,
    mongo: readModels.mongo,
    close: async () => {
      await app.close();
      await readModels.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** The position of the last event in `$all` (or -1): compare it before and after to prove nothing was appended. */
export const headPosition = async (store: EventStore): Promise<bigint> =>
  (await store.readAll({ direction: 'backwards', maxCount: 1 }))[0]?.position ?? -1n;
