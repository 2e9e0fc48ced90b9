import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PersonalDataVault } from './personal-data-vault';
import { KEYS_FILE, SqliteKeyStore } from '../key-stores';
import { aVaultPerTest } from '../testing';

describe('files sealed with the case’s data key (evidence)', () => {
  let vault: PersonalDataVault;
  const now = new Date('2026-11-25T10:00:00Z');
  const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), randomBytes(5_000)]);

  aVaultPerTest('vault-files-', (fixture) => ({ vault } = fixture));

  it('keeps only ciphertext, and opens it again to the same bytes', async () => {
    const sealed = (await vault.sealFile('c-1', 'abc', photo, now)) as Buffer;
    expect(sealed.includes(photo.subarray(0, 64))).toBe(false);
    expect(sealed.length).toBeGreaterThan(photo.length);
    expect(await vault.openFile('c-1', 'abc', sealed)).toEqual({ state: 'opened', bytes: photo });
  });

  it('does not open altered or truncated bytes, nor bytes moved to another case or name', async () => {
    const sealed = (await vault.sealFile('c-1', 'abc', photo, now)) as Buffer;
    await vault.sealFile('c-2', 'abc', photo, now);
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1] ^= 1;
    expect(await vault.openFile('c-1', 'abc', flipped)).toEqual({ state: 'unreadable' });
    expect(await vault.openFile('c-1', 'abc', sealed.subarray(0, 20))).toEqual({ state: 'unreadable' });
    expect(await vault.openFile('c-1', 'other', sealed)).toEqual({ state: 'unreadable' });
    expect(await vault.openFile('c-2', 'abc', sealed)).toEqual({ state: 'unreadable' });
  });

  it('erases with the case: after the key is destroyed the bytes stay unreadable, and nothing new is sealed', async () => {
    const sealed = (await vault.sealFile('c-1', 'abc', photo, now)) as Buffer;
    await vault.erase('c-1', now);
    expect(await vault.openFile('c-1', 'abc', sealed)).toEqual({ state: 'erased' });
    expect(await vault.sealFile('c-1', 'def', photo, now)).toBeUndefined();
  });

  it('tells a key this store never held (a restore without keys) from an erasure', async () => {
    const sealed = (await vault.sealFile('c-1', 'abc', photo, now)) as Buffer;
    const elsewhere = mkdtempSync(join(tmpdir(), 'vault-other-'));
    const other = new SqliteKeyStore(join(elsewhere, KEYS_FILE));
    try {
      expect(await new PersonalDataVault(other).openFile('c-1', 'abc', sealed)).toEqual({ state: 'missing' });
    } finally {
      await other.close();
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
