import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEYS_FILE, SqliteKeyStore } from '../key-stores';
import { PersonalDataVault } from '../personal-data/personal-data-vault';

export interface VaultFixture {
  dir: string;
  keys: SqliteKeyStore;
  vault: PersonalDataVault;
}

/** Before each test a vault on a fresh SQLite key store in a temporary directory (handed to `use`); after it, both gone. */
export const aVaultPerTest = (prefix: string, use: (fixture: VaultFixture) => void): void => {
  let fixture: VaultFixture;
  beforeEach(() => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    const keys = new SqliteKeyStore(join(dir, KEYS_FILE));
    fixture = { dir, keys, vault: new PersonalDataVault(keys) };
    use(fixture);
  });
  afterEach(async () => {
    await fixture.keys.close();
    rmSync(fixture.dir, { recursive: true, force: true });
  });
};
