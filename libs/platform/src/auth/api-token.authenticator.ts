import { UserDirectory } from '@app/security';
import { AuthenticationFailed, Principal } from './principal';

/** Personal API tokens: valid while their user is active in the directory. */
export const authenticateApiToken = (directory: UserDirectory, token: string): Principal => {
  const user = directory.userForToken(token);
  if (!user) throw new AuthenticationFailed('unknown-token', 'The API token is unknown or was revoked.');
  return { id: user.id, role: user.role, via: 'api-token' };
};
