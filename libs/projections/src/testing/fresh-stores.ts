import { SqliteEventStore } from '@app/event-store/sqlite';
import { EmbeddedDocumentStore } from '@app/read-store/sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FreshStores {
  dir: string;
  events: SqliteEventStore;
  documents: EmbeddedDocumentStore;
}

/** For each test, an embedded event store and document store in a folder of their own, closed and removed after it. */
export const freshStores = (prefix: string): FreshStores => {
  const stores = {} as FreshStores;
  beforeEach(() => {
    stores.dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
    stores.events = new SqliteEventStore(join(stores.dir, 'events.sqlite'));
    stores.documents = new EmbeddedDocumentStore(join(stores.dir, 'read-models.sqlite'));
  });
  afterEach(async () => {
    await stores.documents.close();
    await stores.events.close();
    rmSync(stores.dir, { recursive: true, force: true });
  });
  return stores;
};
