import { ActorRole } from '@app/domain';

/** A person allowed to use the ledger with a personal API token. The token itself is never stored. */
export interface ApiUser {
  id: string;
  role: ActorRole;
  createdAt: string;
  revokedAt?: string;
}

/**
 * The embedded identity provider: personal API tokens, stored only as a hash, printed once, revocable.
 * Production deployments use OpenID Connect instead and need none of this.
 */
export interface UserDirectory {
  /** Adds a user and returns the only copy of their token; refuses an id already in use. */
  add(id: string, role: ActorRole, now: Date): { user: ApiUser; token: string };
  /** Revokes a user's token at once; false when there is no such active user. */
  revoke(id: string, now: Date): boolean;
  list(): ApiUser[];
  /** The active user a token belongs to, if any. */
  userForToken(token: string): ApiUser | undefined;
  close(): void;
}

export class UserDirectoryError extends Error {
  constructor(
    readonly code: 'user-exists' | 'invalid-user-id' | 'invalid-role',
    message: string,
  ) {
    super(message);
    this.name = 'UserDirectoryError';
  }
}

/** Actor ids are recorded in every event: short and plain. */
export const USER_ID = /^[\p{L}\p{N}._@+-]{1,100}$/u;
