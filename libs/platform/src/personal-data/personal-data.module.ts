import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { KeyStore, openKeyStore, PersonalDataVault, warnOnceAboutMissingKeys } from '@app/security';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/tokens';

export const KEY_STORE = Symbol('KeyStore');

/** The data keys of complainants' personal data and the vault that seals and opens it with them. */
@Global()
@Module({
  providers: [
    // MongoDB's data_keys collection when MONGODB_URI is set, else keys.sqlite under DATA_DIR: where the CLI's erase looks too.
    { provide: KEY_STORE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => openKeyStore(config) },
    {
      provide: PersonalDataVault,
      inject: [KEY_STORE],
      useFactory: (keys: KeyStore) => {
        const logger = new Logger('PersonalData');
        return new PersonalDataVault(keys, { onMissingKey: warnOnceAboutMissingKeys(keys.location, (message) => logger.error(message)) });
      },
    },
  ],
  exports: [PersonalDataVault],
})
export class PersonalDataModule implements OnApplicationShutdown {
  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.keys.close();
  }
}
