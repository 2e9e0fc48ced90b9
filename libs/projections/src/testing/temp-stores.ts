import { SqliteEventStore } from '@app/event-store/sqlite';
import { EmbeddedDocumentStore } from '@app/read-store/sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempStores {
  events: SqliteEventStore;
  documents: EmbeddedDocumentStore;
  /** Closes both stores and removes their directory. */
  close(): Promise<void>;
}

/** A fresh embedded event store and read-model store in a temporary directory: what an int spec runs projections on. */
export const tempStores = (prefix: string): TempStores => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const events = new SqliteEventStore(join(dir, 'events.sqlite'));
  const documents = new EmbeddedDocumentStore(join(dir, 'read-models.sqlite'));
  return {
    events,
    documents,
    close: async () => {
      await documents.close();
      await events.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
