import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyStoreContract } from '../personal-data/key-store.contract';
import { KEYS_FILE, SqliteKeyStore } from './sqlite-key-store';

keyStoreContract('SqliteKeyStore in a file under DATA_DIR', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keys-'));
  return {
    open: async () => new SqliteKeyStore(join(dir, KEYS_FILE)),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
