import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { get, Principal, Role, session } from './api';

export const useToken = () => useSyncExternalStore(session.subscribe, session.token);

/** Who signed in (GET /me), so that the workspace offers what the role may do. */
export const usePrincipal = () => {
  const token = useToken();
  return useQuery({ queryKey: ['me', token], queryFn: () => get<Principal>('/me'), enabled: token !== null, staleTime: Infinity });
};

/** What each role may do, as in the API's permission table (the API decides; this only hides what would be refused). */
export const CAN = {
  receive: ['intake-clerk', 'quality-officer'],
  read: ['intake-clerk', 'quality-officer', 'manager', 'auditor', 'analyst'],
  administer: ['administrator'],
} satisfies Record<string, Role[]>;

export const can = (role: Role | undefined, what: keyof typeof CAN) => role !== undefined && (CAN[what] as readonly Role[]).includes(role);
