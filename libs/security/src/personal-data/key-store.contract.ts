import { randomUUID } from 'node:crypto';
import { ReopenableStorage, storesPerTest } from '../../../../test/support/stores-per-test';
import { KeyStore } from './key-store.port';

/**
 * The behaviour every KeyStore adapter must show, written against the port only: the same suite runs
 * on SQLite, on MongoDB through the wire-protocol test server, and on a real MongoDB. `open` may be
 * called more than once: each call is another process on the same storage (the API and the CLI).
 * Every test uses subjects of its own, so the suite can run against a shared, long-lived server.
 */
export type KeyStoreFactory = ReopenableStorage<KeyStore>;

export const keyStoreContract = (name: string, factory: KeyStoreFactory): void => {
  describe(`KeyStore contract: ${name}`, () => {
    const another = storesPerTest(factory);
    let keys: KeyStore;
    const now = new Date('2026-11-25T10:00:00Z');
    const subject = (): string => `c-${randomUUID()}`;

    beforeEach(async () => {
      keys = await another();
    });

    it('creates a 256-bit key on first use and gives the same one afterwards; looking one up creates none', async () => {
      const [a, b] = [subject(), subject()];
      expect(await keys.existingKey(a)).toBeUndefined();
      const key = await keys.keyFor(a, now);
      expect(key).toBeInstanceOf(Buffer);
      expect(key?.length).toBe(32);
      expect(await keys.keyFor(a, now)).toEqual(key);
      expect(await keys.existingKey(a)).toEqual(key);
      expect(await keys.keyFor(b, now)).not.toEqual(key);
    });

    it('looks a key up as present, erased (a tombstone) or missing (never heard of here), creating nothing', async () => {
      const [a, b] = [subject(), subject()];
      expect(await keys.lookup(a)).toEqual({ state: 'missing' });
      expect(await keys.lookup(a)).toEqual({ state: 'missing' });
      const key = await keys.keyFor(a, now);
      expect(await keys.lookup(a)).toEqual({ state: 'present', key });
      await keys.destroy(a, now);
      expect(await keys.lookup(a)).toEqual({ state: 'erased' });
      await keys.destroy(b, now); // a subject erased before it had a key: its tombstone counts as erased too
      expect(await keys.lookup(b)).toEqual({ state: 'erased' });
      expect(keys.location).toEqual(expect.any(String));
    });

    it('looks several keys up at once, each as lookup would, over more subjects than one question holds', async () => {
      const [present, erased, missing] = [subject(), subject(), subject()];
      const key = await keys.keyFor(present, now);
      await keys.destroy(erased, now);
      const many = [...Array(1200)].map(() => subject());
      for (const s of many.slice(0, 3)) await keys.keyFor(s, now);
      const found = await keys.lookupMany([present, erased, missing, present, ...many]);
      expect(found.get(present)).toEqual({ state: 'present', key });
      expect(found.get(erased)).toEqual({ state: 'erased' });
      expect(found.get(missing)).toEqual({ state: 'missing' });
      for (const s of [...many, present, erased, missing]) expect(found.get(s)).toEqual(await keys.lookup(s));
      expect(found.size).toBe(1203);
      expect(await keys.lookupMany([])).toEqual(new Map());
    });

    it('keeps a key once keyFor resolved: another process, opened later, reads the same key', async () => {
      const a = subject();
      const key = await keys.keyFor(a, now);
      await keys.close(); // closed again after the test: a second close does nothing
      expect(await (await another()).existingKey(a)).toEqual(key);
    });

    it('gives concurrent creators, in one process and in two, the same key', async () => {
      const a = subject();
      const other = await another();
      const created = await Promise.all([...Array(6)].map((_, i) => (i % 2 ? other : keys).keyFor(a, now)));
      expect(created[0]).toBeInstanceOf(Buffer);
      expect(created.every((key) => key?.equals(created[0] as Buffer))).toBe(true);
      expect(await other.existingKey(a)).toEqual(created[0]);
    });

    it('destroys a key for good: never found again, never created again, and a second destroy finds none', async () => {
      const a = subject();
      await keys.keyFor(a, now);
      expect(await keys.destroy(a, now)).toBe(true);
      expect(await keys.existingKey(a)).toBeUndefined();
      expect(await keys.keyFor(a, now)).toBeUndefined();
      expect(await keys.existingKey(a)).toBeUndefined();
      expect(await keys.destroy(a, now)).toBe(false);
    });

    it('leaves a tombstone for a subject that never had a key, so none is ever made for it', async () => {
      const a = subject();
      expect(await keys.destroy(a, now)).toBe(false);
      expect(await keys.keyFor(a, now)).toBeUndefined();
    });

    it('shows an erasure by another process at once (the CLI erases while the API runs)', async () => {
      const a = subject();
      const key = await keys.keyFor(a, now);
      expect(await keys.existingKey(a)).toEqual(key);
      expect(await (await another()).destroy(a, now)).toBe(true);
      expect(await keys.existingKey(a)).toBeUndefined();
      expect(await keys.keyFor(a, now)).toBeUndefined();
    });

    it('destroys one subject\'s key only', async () => {
      const [a, b] = [subject(), subject()];
      const keyOfB = await keys.keyFor(b, now);
      await keys.keyFor(a, now);
      await keys.destroy(a, now);
      expect(await keys.existingKey(b)).toEqual(keyOfB);
    });
  });
};
