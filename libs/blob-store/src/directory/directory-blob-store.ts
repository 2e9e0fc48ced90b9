import { readdirSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname, join, relative, sep } from 'node:path';
import { assertBlobKey, assertBlobPrefix, BlobStore } from '../blob-store.port';

/** The default place of attachments: a directory under DATA_DIR. */
export const BLOBS_DIRECTORY = 'blobs';

/**
 * Blobs as files of a directory, one file per key (its path). A write goes to a temporary file that is
 * synced and then renamed over the key's file, and the directory is synced: a reader sees the old bytes or
 * the new ones, never a part, and an acknowledged write survives a power loss.
 */
export class DirectoryBlobStore implements BlobStore {
  // The directory is made by the first put: a deployment without evidence gets no empty directory in DATA_DIR.
  constructor(private readonly root: string) {}

  get location(): string {
    return `the directory ${this.root}`;
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const file = this.fileOf(key);
    await mkdir(dirname(file), { recursive: true });
    const temporary = `${file}.${randomUUID()}.partial`;
    try {
      const handle = await open(temporary, 'w', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    await syncDirectory(dirname(file));
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.fileOf(key));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      return (await stat(this.fileOf(key))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      await unlink(this.fileOf(key));
      await syncDirectory(dirname(this.fileOf(key)));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    assertBlobPrefix(prefix);
    return walk(this.root)
      .map((file) => relative(this.root, file).split(sep).join('/'))
      .filter((key) => !key.endsWith('.partial') && key.startsWith(prefix))
      .sort();
  }

  async close(): Promise<void> {
    // Nothing held open between calls.
  }

  private fileOf(key: string): string {
    assertBlobKey(key);
    return join(this.root, ...key.split('/'));
  }
}

const isMissing = (error: unknown): boolean => ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException)?.code ?? '');

const walk = (dir: string): string[] => {
  try {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : entry.isFile() ? [join(dir, entry.name)] : [],
    );
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
};

/** A rename is durable once the directory holding it is synced (where the platform allows opening one). */
const syncDirectory = async (dir: string): Promise<void> => {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open a directory; its renames are durable when they return.
  } finally {
    await handle?.close();
  }
};
