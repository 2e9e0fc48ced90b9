import { INestApplication } from '@nestjs/common';
import { ActorRole } from '@app/domain';
import { EventStore } from '@app/event-store';
import { EsdbEventStore } from '@app/event-store/esdb';
import { EVENTS_FILE, SqliteEventStore } from '@app/event-store/sqlite';
import { UserDirectory } from '@app/security';
import type { Express } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../apps/ledger-api/src/app.factory';
import { USER_DIRECTORY, loadConfig, Clock } from '@app/platform';
import { EsdbTestServer } from './esdb/esdb-test-server';
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
  /** Signed in: as the person named by X-Actor-Id/X-Actor-Role (see below), else as the default auditor. */
  http: TestAgent;
  /** No credentials added: for authentication tests. */
  anonymous: TestAgent;
  store: SqliteEventStore;
  dataDir: string;
  /** The MongoDB test server holding the read models, when they are on MongoDB (faults are injected there). */
  mongo?: MongoTestServer;
  /** Under E2E_EVENT_STORE=esdb: where the gRPC test server in front of `store` listens. */
  eventStoreConnectionString?: string;
  /** A personal API token for a user of this app (issued on first use). */
  tokenFor(id: string, role: ActorRole): string;
  close(): Promise<void>;
}

/** Whom `http` signs in as when a test names nobody: reads everything, writes nothing. */
export const DEFAULT_TEST_PRINCIPAL = { id: 'auditor-test', role: 'auditor' as ActorRole };

// Test equipment only: the API ignores these headers. A test that names its actor with them gets
// that user's real API token in Authorization, so every request still goes through authentication.
const TEST_ACTOR_ID = 'x-actor-id';
const TEST_ACTOR_ROLE = 'x-actor-role';

/**
 * The real application on a fresh embedded event store in a temporary directory, with its read models
 * on a fresh embedded store or, with `documentStore: 'mongo'`, on a fresh MongoDB test server (set up as
 * an operator would: MONGODB_URI). With E2E_EVENT_STORE=esdb it talks to the event store through the
 * EventStoreDB adapter and the gRPC test server.
 */
export const startTestApp = async (
  options: { clock?: Clock; env?: NodeJS.ProcessEnv; wrapStore?: (store: EventStore) => EventStore; documentStore?: TestDocumentStore } = {},
): Promise<TestApp> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'complaint-ledger-e2e-'));
  const readModels = await testReadModels(options.documentStore);
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE: '0', ...readModels.env, ...options.env });
  const store = new SqliteEventStore(join(dataDir, EVENTS_FILE));
  const esdb = process.env.E2E_EVENT_STORE === 'esdb' ? await EsdbTestServer.start({ store }) : undefined;
  const adapter = esdb ? new EsdbEventStore(esdb.connectionString) : store;
  const app = await createApp({ config, clock: options.clock, eventStore: options.wrapStore?.(adapter) ?? adapter });
  await app.init();
  const tokenFor = tokenIssuerOf(app);
  return {
    app,
    http: signedIn(app),
    anonymous: request(app.getHttpServer()),
    store,
    dataDir,
    mongo: readModels.mongo,
    eventStoreConnectionString: esdb?.connectionString,
    tokenFor,
    close: async () => {
      await app.close();
      await readModels.close();
      await esdb?.stop();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/**
 * The app of the enclosing describe: started before its tests and closed after them. The handle is filled in by
 * then, so read it inside tests and hooks only.
 */
export const useTestApp = (options?: Parameters<typeof startTestApp>[0]): TestApp => {
  const handle = {} as TestApp;
  beforeAll(async () => {
    Object.assign(handle, await startTestApp(options));
  });
  afterAll(() => handle.close());
  return handle;
};

/**
 * A supertest agent on an app (built with createApp) whose requests are signed in: as the person named by
 * X-Actor-Id/X-Actor-Role, else as DEFAULT_TEST_PRINCIPAL; a request with its own Authorization is left alone.
 */
export const signedIn = (app: INestApplication): TestAgent => {
  const tokenFor = tokenIssuerOf(app);
  const express = app.getHttpAdapter().getInstance() as Express;
  return request((req: IncomingMessage, res: ServerResponse) => {
    if (!req.headers.authorization) {
      const id = req.headers[TEST_ACTOR_ID];
      const role = req.headers[TEST_ACTOR_ROLE];
      const [who, as] = typeof id === 'string' && typeof role === 'string' ? [id, role as ActorRole] : [DEFAULT_TEST_PRINCIPAL.id, DEFAULT_TEST_PRINCIPAL.role];
      req.headers.authorization = `Bearer ${tokenFor(who, as)}`;
    }
    express(req as Parameters<Express>[0], res as Parameters<Express>[1]);
  });
};

const issuers = new WeakMap<INestApplication, (id: string, role: ActorRole) => string>();

/** Issues each (id, role) of an app one token and remembers it; an unknown role gets a token that fails, as it should. */
const tokenIssuerOf = (app: INestApplication): ((id: string, role: ActorRole) => string) => {
  const known = issuers.get(app);
  if (known) return known;
  const directory = app.get<UserDirectory>(USER_DIRECTORY);
  const tokens = new Map<string, string>();
  const issue = (id: string, role: ActorRole): string => {
    const key = `${id}|${role}`;
    let token = tokens.get(key);
    if (!token) {
      directory.revoke(id, new Date());
      token = directory.add(id, role, new Date()).token;
      tokens.set(key, token);
    }
    return token;
  };
  issuers.set(app, issue);
  // The officers the request builders name (responsibleOfficer, reassignment targets) are known quality
  // officers of the directory, as in a real deployment: the ledger refuses anyone else (issue 14).
  for (const id of TEST_OFFICERS) issue(id, 'quality-officer');
  return issue;
};

/** The quality officers every test app knows from the start. */
export const TEST_OFFICERS = ['officer-petrov', 'officer-dimitrova'] as const;

/** The position of the last event in `$all` (or -1): compare it before and after to prove nothing was appended. */
export const headPosition = async (store: EventStore): Promise<bigint> =>
  (await store.readAll({ direction: 'backwards', maxCount: 1 }))[0]?.position ?? -1n;
