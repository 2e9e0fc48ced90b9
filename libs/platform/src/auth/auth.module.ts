import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { SqliteUserDirectory, UserDirectory, USERS_FILE } from '@app/security';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/tokens';
import { AccessGuard } from './access.guard';
import { AccessLog } from './access-log';
import { Authenticator, USER_DIRECTORY } from './authenticator';
import { OfficerRosters } from './officer-roster';
import { PrincipalThrottlerGuard } from './principal-throttler.guard';

/** Authentication, the permission table's guard and per-principal rate limits, for every route. */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ ttl: 60_000, limit: config.rateLimitPerMinute }],
        skipIf: () => config.rateLimitPerMinute === 0,
      }),
    }),
  ],
  providers: [
    { provide: USER_DIRECTORY, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new SqliteUserDirectory(join(config.dataDir, USERS_FILE)) },
    Authenticator,
    OfficerRosters,
    AccessLog,
    // In this order: the throttler counts per principal, so it needs the one the access guard verified.
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: PrincipalThrottlerGuard },
  ],
  exports: [USER_DIRECTORY, AccessLog, OfficerRosters],
})
export class AuthModule implements OnApplicationShutdown {
  constructor(@Inject(USER_DIRECTORY) private readonly directory: UserDirectory) {}

  onApplicationShutdown(): void {
    this.directory.close();
  }
}
