import { randomBytes, randomUUID } from 'node:crypto';
import { ReopenableStorage, storesPerTest } from '../../../test/support/stores-per-test';
import { BlobStore } from './blob-store.port';

/**
 * The behaviour every BlobStore adapter must show, written against the port only: the same suite runs on a
 * directory, on S3 through the protocol-level test server, and on a real S3/MinIO. `open` may be called more
 * than once: each call is another process on the same storage. Every test keeps to a prefix of its own, so
 * the suite can run against a shared, long-lived bucket.
 */
export type BlobStoreFactory = ReopenableStorage<BlobStore>;

export const blobStoreContract = (name: string, factory: BlobStoreFactory): void => {
  describe(`BlobStore contract: ${name}`, () => {
    const another = storesPerTest(factory);
    let blobs: BlobStore;
    let prefix: string;

    beforeEach(async () => {
      blobs = await another();
      prefix = `contract-${randomUUID()}`;
    });

    it('gives back exactly the bytes stored, binary and empty alike, and says where it keeps them', async () => {
      const binary = Buffer.concat([randomBytes(70_000), Buffer.from([0, 255, 13, 10, 0])]);
      await blobs.put(`${prefix}/a`, binary);
      await blobs.put(`${prefix}/empty`, Buffer.alloc(0));
      expect((await blobs.get(`${prefix}/a`))?.equals(binary)).toBe(true);
      expect(await blobs.get(`${prefix}/empty`)).toEqual(Buffer.alloc(0));
      expect(blobs.location).toEqual(expect.any(String));
    });

    it('knows nothing of a key never written: get is undefined, has is false, delete is false', async () => {
      expect(await blobs.get(`${prefix}/never`)).toBeUndefined();
      expect(await blobs.has(`${prefix}/never`)).toBe(false);
      expect(await blobs.delete(`${prefix}/never`)).toBe(false);
    });

    it('replaces the whole object on a second put under the same key', async () => {
      await blobs.put(`${prefix}/k`, Buffer.from('first version, longer than the second'));
      await blobs.put(`${prefix}/k`, Buffer.from('second'));
      expect((await blobs.get(`${prefix}/k`))?.toString()).toBe('second');
    });

    it('deletes one key only, for good', async () => {
      await blobs.put(`${prefix}/gone`, Buffer.from('x'));
      await blobs.put(`${prefix}/kept`, Buffer.from('y'));
      expect(await blobs.has(`${prefix}/gone`)).toBe(true);
      expect(await blobs.delete(`${prefix}/gone`)).toBe(true);
      expect(await blobs.has(`${prefix}/gone`)).toBe(false);
      expect(await blobs.get(`${prefix}/gone`)).toBeUndefined();
      expect((await blobs.get(`${prefix}/kept`))?.toString()).toBe('y');
    });

    it('lists the keys under a prefix in order, nested keys included, and nothing of other prefixes', async () => {
      for (const key of ['b', 'a', 'c/deeper/still', 'c/d']) await blobs.put(`${prefix}/${key}`, Buffer.from(key));
      await blobs.put(`${prefix}-sibling/a`, Buffer.from('other'));
      expect(await blobs.list(`${prefix}/`)).toEqual([`${prefix}/a`, `${prefix}/b`, `${prefix}/c/d`, `${prefix}/c/deeper/still`]);
      expect(await blobs.list(`${prefix}/c/`)).toEqual([`${prefix}/c/d`, `${prefix}/c/deeper/still`]);
      expect(await blobs.list(`${prefix}/nothing/`)).toEqual([]);
    });

    it('shows a write of one process to another at once (the API writes, the CLI reads)', async () => {
      const other = await another();
      await blobs.put(`${prefix}/shared`, Buffer.from('from the first'));
      expect((await other.get(`${prefix}/shared`))?.toString()).toBe('from the first');
      await other.delete(`${prefix}/shared`);
      expect(await blobs.has(`${prefix}/shared`)).toBe(false);
    });

    it('keeps concurrent writers to different keys apart, and a key written concurrently whole', async () => {
      const bodies = [...Array(8)].map((_, i) => Buffer.alloc(20_000 + i, i));
      await Promise.all(bodies.map((body, i) => blobs.put(`${prefix}/parallel-${i}`, body)));
      await Promise.all(bodies.map((body) => blobs.put(`${prefix}/contended`, body)));
      for (const [i, body] of bodies.entries()) expect((await blobs.get(`${prefix}/parallel-${i}`))?.equals(body)).toBe(true);
      const contended = (await blobs.get(`${prefix}/contended`)) as Buffer;
      expect(bodies.some((body) => body.equals(contended))).toBe(true);
      expect(await blobs.list(`${prefix}/`)).toHaveLength(bodies.length + 1);
    });

    it('refuses keys that could leave its place (.., absolute, empty segments) before touching the storage', async () => {
      for (const key of ['../escape', `${prefix}/../../x`, '/absolute', `${prefix}//double`, '', `${prefix}/sp ace`])
        await expect(blobs.put(key, Buffer.from('x'))).rejects.toThrow(RangeError);
      await expect(blobs.get('../escape')).rejects.toThrow(RangeError);
      expect(await blobs.list(`${prefix}/`)).toEqual([]);
    });
  });
};
