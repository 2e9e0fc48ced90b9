import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { KeyStore, KEYS_FILE, PersonalDataVault, SqliteKeyStore } from '@app/security';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/tokens';

export const KEY_STORE = Symbol('KeyStore');

/** The data keys of complainants' personal data and the vault that seals and opens it with them. */
@Global()
@Module({
  providers: [
    // Embedded mode only so far: production would keep the keys in a MongoDB collection behind the same port.
    { provide: KEY_STORE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new SqliteKeyStore(join(config.dataDir, KEYS_FILE)) },
    { provide: PersonalDataVault, inject: [KEY_STORE], useFactory: (keys: KeyStore) => new PersonalDataVault(keys) },
  ],
  exports: [PersonalDataVault],
})
export class PersonalDataModule implements OnApplicationShutdown {
  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.keys.close();
  }
}
