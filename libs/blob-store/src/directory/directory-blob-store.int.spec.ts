import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blobStoreContract } from '../blob-store.contract';
import { DirectoryBlobStore } from './directory-blob-store';

blobStoreContract('DirectoryBlobStore', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'blobs-'));
  return { open: async () => new DirectoryBlobStore(dir), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
});

describe('DirectoryBlobStore', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'blobs-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps each key as a file at its path, creating the directory, and leaves no temporary file behind', async () => {
    const root = join(dir, 'not-yet', 'blobs');
    const blobs = new DirectoryBlobStore(root);
    expect(existsSync(root)).toBe(false); // nothing made before the first file
    expect(await blobs.list('')).toEqual([]);
    await blobs.put('evidence/case-1/abc', Buffer.from('bytes'));
    expect(existsSync(join(root, 'evidence', 'case-1', 'abc'))).toBe(true);
    expect(readdirSync(join(root, 'evidence', 'case-1'))).toEqual(['abc']);
    expect(blobs.location).toContain(root);
  });
});
