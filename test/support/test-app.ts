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

export interface TestApp {
  app: INestApplication;
  http: TestAgent;
  store: SqliteEventStore;
  dataDir: string;
  close(): Promise<void>;
}

/** The real application on a fresh embedded store in a temporary directory. */
export const startTestApp = async (
  options: { clock?: Clock; env?: NodeJS.ProcessEnv; wrapStore?: (store: SqliteEventStore) => EventStore } = {},
): Promise<TestApp> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'complaint-ledger-e2e-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...options.env });
  const store = new SqliteEventStore(join(dataDir, EVENTS_FILE));
  const app = await createApp({ config, clock: options.clock, eventStore: options.wrapStore?.(store) ?? store });
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    store,
    dataDir,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** The position of the last event in `$all` (or -1): compare it before and after to prove nothing was appended. */
export const headPosition = async (store: EventStore): Promise<bigint> =>
  (await store.readAll({ direction: 'backwards', maxCount: 1 }))[0]?.position ?? -1n;
