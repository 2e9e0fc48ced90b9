import { ACTOR_ROLES } from '@app/domain';
import { PERMISSIONS } from './permissions';

/** The role × endpoint table of docs/security.md, generated from PERMISSIONS (a test keeps the two equal). */
export const roleEndpointTable = (): string => {
  const header = `| endpoint | what | ${ACTOR_ROLES.join(' | ')} |`;
  const rule = `| --- | --- | ${ACTOR_ROLES.map(() => ':---:').join(' | ')} |`;
  const rows = PERMISSIONS.map((p) => {
    const cells = ACTOR_ROLES.map((role) => {
      if (p.roles === 'public') return 'public';
      if (!p.roles.includes(role)) return '—';
      return p.managerApprovalAboveThreshold && role !== 'manager' ? '✓ ≤ threshold' : '✓';
    });
    return `| \`${p.method} ${p.path}\` | ${p.what} | ${cells.join(' | ')} |`;
  });
  return [header, rule, ...rows].join('\n');
};
