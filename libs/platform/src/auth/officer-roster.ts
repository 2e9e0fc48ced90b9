import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { OfficerRoster, rosterOf } from '@app/domain';
import { UserDirectory } from '@app/security';
import Database, { Database as Db } from 'better-sqlite3';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/tokens';
import { USER_DIRECTORY } from './authenticator';
import { Principal } from './principal';

export const OFFICERS_SEEN_FILE = 'officers-seen.sqlite';

/**
 * Who may be made responsible for a case (issue 14): the known people with the quality-officer role.
 * OFFICERS, when set, is the list; otherwise the active quality officers of the user directory and,
 * with OpenID Connect, the people the provider has shown with that role (remembered across restarts).
 */
@Injectable()
export class OfficerRosters implements OnApplicationShutdown {
  private readonly seen?: Db;
  /** Ids known (to this process) to be stored with their current role: most requests write nothing. */
  private readonly remembered = new Map<string, string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(USER_DIRECTORY) private readonly directory: UserDirectory,
  ) {
    if (config.auth.oidc && !config.officers) {
      this.seen = new Database(join(config.dataDir, OFFICERS_SEEN_FILE), { timeout: 10_000 });
      this.seen.pragma('journal_mode = WAL');
      this.seen.exec('CREATE TABLE IF NOT EXISTS people_seen (id TEXT PRIMARY KEY, role TEXT NOT NULL, last_seen TEXT NOT NULL)');
    }
  }

  /** Remembers a principal the identity provider vouched for, with the role it gave (the latest wins). */
  sawSignedIn(principal: Principal, now: Date): void {
    if (!this.seen || principal.via !== 'oidc' || this.remembered.get(principal.id) === principal.role) return;
    this.seen
      .prepare('INSERT INTO people_seen (id, role, last_seen) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET role = excluded.role, last_seen = excluded.last_seen')
      .run(principal.id, principal.role, now.toISOString());
    this.remembered.set(principal.id, principal.role);
  }

  /** The roster as it stands, read when a command is decided. */
  current(): OfficerRoster {
    if (this.config.officers) return rosterOf(this.config.officers, 'OFFICERS');
    const directory = this.directory.list().filter((user) => !user.revokedAt && user.role === 'quality-officer').map((user) => user.id);
    if (!this.seen) return rosterOf(directory, 'the user directory: ledger-cli users add <id> quality-officer');
    const seen = (this.seen.prepare("SELECT id FROM people_seen WHERE role = 'quality-officer'").all() as Array<{ id: string }>).map((row) => row.id);
    return rosterOf([...directory, ...seen], 'the quality officers of the user directory and those the identity provider has signed in, or OFFICERS');
  }

  onApplicationShutdown(): void {
    if (this.seen?.open) this.seen.close();
  }
}
