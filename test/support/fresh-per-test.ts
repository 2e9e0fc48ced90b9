import { SqliteEventStore } from '@app/event-store/sqlite';
import { EmbeddedDocumentStore } from '@app/read-store/sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Closable {
  close(): Promise<void>;
}

/**
 * For each test of the enclosing describe: a fresh temporary directory and what `open` opens in it, closed after the
 * test (last opened first) and the directory removed. The handle is filled in by then: read it inside tests only.
 */
export const freshPerTest = <T extends Record<string, Closable>>(prefix: string, open: (dir: string) => T): T & { dir: string } => {
  const handle = {} as T & { dir: string };
  let opened: Closable[] = [];
  beforeEach(() => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    const values = open(dir);
    opened = Object.values(values);
    Object.assign(handle, values, { dir });
  });
  afterEach(async () => {
    for (const value of opened.reverse()) await value.close();
    rmSync(handle.dir, { recursive: true, force: true });
  });
  return handle;
};

/** The embedded event store and document store, in their usual files of a DATA_DIR. */
export const embeddedStores = (dir: string) => ({
  events: new SqliteEventStore(join(dir, 'events.sqlite')),
  documents: new EmbeddedDocumentStore(join(dir, 'read-models.sqlite')),
});
