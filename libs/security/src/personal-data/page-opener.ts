import type { PageOpenerFactory, RecordedEvent } from '@app/event-store';
import type { KeyStore } from './key-store.port';
import { PersonalDataVault } from './personal-data-vault';

// Loaded by the thread that reads `$all` ahead (a rebuild's read): opens each page's sealed fields there,
// with its own connection to the same key store, so that decrypting does not wait on the thread that folds.
// Keys are asked for page by page, as the vault does anywhere: an erasure shows at the next page.

export const pageOpener: PageOpenerFactory = (options) => {
  const { keyStore } = options as { keyStore: NonNullable<KeyStore['reopen']> };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the key store's adapter, named at run time
  const keys = (require(keyStore.module) as { reopenKeyStore(options: unknown): KeyStore }).reopenKeyStore(keyStore.options);
  const missing = new Set<string>();
  const vault = new PersonalDataVault(keys, { onMissingKey: (subject) => missing.add(subject) });
  return async (events: RecordedEvent[]) => {
    missing.clear();
    const opened = await vault.openAll(events);
    return { events: opened, notes: [...missing] };
  };
};
