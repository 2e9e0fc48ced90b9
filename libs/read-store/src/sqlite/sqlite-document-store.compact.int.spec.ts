import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDocumentStore } from './sqlite-document-store';

/** Every byte the store keeps on disk: its file and, if any, its WAL. */
const bytesOnDisk = (path: string): Buffer => Buffer.concat([path, `${path}-wal`].filter(existsSync).map((file) => readFileSync(file)));

describe('SqliteDocumentStore.compact (after an erasure)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'compact-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves no byte of a replaced collection in the file or its WAL', async () => {
    const path = join(dir, 'read-models.sqlite');
    const store = new SqliteDocumentStore(path);
    await store.collection('journal').insertOne({ _id: 'c-1', complainant: 'Zebediah Quarterfield' });
    // The rebuild's swap: a fresh collection replaces the old one, whose rows are purged later.
    await store.collection('journal__rebuild').insertOne({ _id: 'c-1', complainant: '[erased]' });
    await store.renameCollection('journal__rebuild', 'journal');
    await store.compact();
    await store.close();

    expect(bytesOnDisk(path).includes('Zebediah Quarterfield')).toBe(false);
    const reopened = new SqliteDocumentStore(path);
    expect(await reopened.collection('journal').find()).toEqual([{ _id: 'c-1', complainant: '[erased]' }]);
    await reopened.close();
  });
});
