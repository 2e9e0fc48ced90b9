import { ActorRole } from '@app/domain';
import { UserDirectory } from '@app/security';
import { Principal } from './principal';

// Actor ids remembered at once; the oldest is forgotten first.
const REMEMBERED = 10_000;

/**
 * The role each actor id was last seen with by this process, or holds in the user directory. The same
 * person arriving with another role (a second OIDC client, a role claim edited, a token of the same id
 * from the other kind of credentials) may be legitimate, but is something an operator must be able to see.
 */
export class KnownRoles {
  private readonly seen = new Map<string, ActorRole>();

  constructor(private readonly directory: UserDirectory) {}

  /** Remembers the principal's role; returns the one known before when it differs. */
  changedRole(principal: Principal): ActorRole | undefined {
    const known = this.seen.get(principal.id) ?? this.directoryRole(principal.id);
    this.seen.delete(principal.id);
    this.seen.set(principal.id, principal.role);
    if (this.seen.size > REMEMBERED) this.seen.delete(this.seen.keys().next().value as string);
    return known !== undefined && known !== principal.role ? known : undefined;
  }

  private directoryRole(id: string): ActorRole | undefined {
    return this.directory.list().find((user) => user.id === id && !user.revokedAt)?.role;
  }
}
