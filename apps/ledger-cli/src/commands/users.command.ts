import { ACTOR_ROLES, ActorRole } from '@app/domain';
import { Clock, systemClock } from '@app/platform';
import { SqliteUserDirectory, UserDirectoryError, USERS_FILE } from '@app/security';
import { join, resolve } from 'node:path';
import { UsageError } from '../embedded-store';

/**
 * `users add <id> --role <role>` prints the new token once (only its hash is kept); `users revoke <id>`
 * stops it at once, in a running API too; `users list` shows who has access.
 */
export const users = (dataDir: string, args: string[], role: string | undefined, out: NodeJS.WritableStream, clock: Clock = systemClock): number => {
  const [action, id, ...extra] = args;
  if (extra.length > 0 || (action !== 'list' && !id)) throw new UsageError('users add <id> --role <role> | users revoke <id> | users list');
  const directory = new SqliteUserDirectory(join(resolve(dataDir), USERS_FILE));
  try {
    switch (action) {
      case 'add': {
        if (!role || !ACTOR_ROLES.includes(role as ActorRole)) throw new UsageError(`--role is one of ${ACTOR_ROLES.join(', ')}.`);
        const { user, token } = directory.add(id, role as ActorRole, clock.now());
        out.write(`Added ${user.id} (${user.role}). The token, shown only now:\n\n${token}\n\nSend it as: Authorization: Bearer <token>\n`);
        return 0;
      }
      case 'revoke':
        if (!directory.revoke(id, clock.now())) throw new UsageError(`No active user "${id}".`);
        out.write(`Revoked ${id}: the token no longer works.\n`);
        return 0;
      case 'list':
        for (const user of directory.list())
          out.write(`${user.id.padEnd(30)} ${user.role.padEnd(16)} since ${user.createdAt}${user.revokedAt ? `  revoked ${user.revokedAt}` : ''}\n`);
        return 0;
      default:
        throw new UsageError(`Unknown users action "${action ?? ''}": add, revoke or list.`);
    }
  } catch (error) {
    if (error instanceof UserDirectoryError) throw new UsageError(error.message);
    throw error;
  } finally {
    directory.close();
  }
};
