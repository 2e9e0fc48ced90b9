import { ActorRole } from '@app/domain';

/**
 * Who may call which endpoint: the one table the access guard enforces, docs/security.md is generated
 * from, and the role-matrix test walks. An endpoint missing here is refused to everyone.
 */
export interface EndpointPermission {
  method: 'GET' | 'POST';
  path: string;
  /** `Controller.method` of the handler, which is how the guard finds the row. */
  handler: string;
  /** Roles allowed, or 'public' for no credentials at all. */
  roles: readonly ActorRole[] | 'public';
  /** Compensation above COMPENSATION_APPROVAL_THRESHOLDS needs a manager: decided by the domain, which knows the case's total. */
  managerApprovalAboveThreshold?: true;
  what: string;
}

const CASE_WORKERS: readonly ActorRole[] = ['intake-clerk', 'quality-officer'];
const HANDLERS: readonly ActorRole[] = ['quality-officer', 'manager'];
// Auditors and analysts read everything and write nothing; administrators run the system, not cases.
const READERS: readonly ActorRole[] = ['intake-clerk', 'quality-officer', 'manager', 'auditor', 'analyst'];
const EVERYONE: readonly ActorRole[] = [...READERS, 'administrator'];
// The files themselves (photos, letters) are for those who handle or audit the case, not for analysts.
const EVIDENCE_READERS: readonly ActorRole[] = [...CASE_WORKERS, 'manager', 'auditor'];

const commands = 'ComplaintCommandsController';
const queries = 'ComplaintQueriesController';
const journal = 'JournalController';
const projections = 'ProjectionsController';

export const PERMISSIONS: readonly EndpointPermission[] = [
  { method: 'POST', path: '/complaints', handler: `${commands}.receive`, roles: CASE_WORKERS, what: 'receive a complaint' },
  { method: 'POST', path: '/complaints/:id/registration', handler: `${commands}.register`, roles: CASE_WORKERS, what: 'register it in the journal' },
  { method: 'POST', path: '/complaints/:id/investigation', handler: `${commands}.investigate`, roles: ['quality-officer'], what: 'record the investigation' },
  { method: 'POST', path: '/complaints/:id/investigation-waiver', handler: `${commands}.waiveInvestigation`, roles: HANDLERS, what: 'decide not to investigate' },
  { method: 'POST', path: '/complaints/:id/answer', handler: `${commands}.answer`, roles: ['manager'], what: 'sign and record the answer' },
  { method: 'POST', path: '/complaints/:id/compensations', handler: `${commands}.compensate`, roles: HANDLERS, managerApprovalAboveThreshold: true, what: 'grant a compensation' },
  { method: 'POST', path: '/complaints/:id/follow-ups', handler: `${commands}.followUp`, roles: CASE_WORKERS, what: 'record a follow-up contact' },
  { method: 'POST', path: '/complaints/:id/contacts', handler: `${commands}.contact`, roles: CASE_WORKERS, what: 'record a contact with the complainant' },
  { method: 'POST', path: '/complaints/:id/reassignment', handler: `${commands}.reassign`, roles: HANDLERS, what: 'hand the case to another officer' },
  { method: 'POST', path: '/complaints/:id/deadline-extensions', handler: `${commands}.extendDeadline`, roles: HANDLERS, what: 'move the answer deadline' },
  { method: 'POST', path: '/complaints/:id/awaiting-complainant', handler: `${commands}.awaitComplainant`, roles: HANDLERS, what: 'record that the case waits on the complainant (the answer clock stops)' },
  { method: 'POST', path: '/complaints/:id/complainant-information', handler: `${commands}.complainantInformation`, roles: HANDLERS, what: 'record that the information arrived (the clock runs again)' },
  { method: 'POST', path: '/complaints/:id/closure', handler: `${commands}.close`, roles: HANDLERS, what: 'close the case' },
  { method: 'POST', path: '/complaints/:id/reopening', handler: `${commands}.reopen`, roles: HANDLERS, what: 'reopen the case' },
  { method: 'POST', path: '/complaints/:id/withdrawal', handler: `${commands}.withdraw`, roles: [...CASE_WORKERS, 'manager'], what: "record the customer's withdrawal" },
  { method: 'POST', path: '/complaints/:id/evidence', handler: 'EvidenceController.attach', roles: [...CASE_WORKERS, 'manager'], what: 'attach an evidence file (photo, receipt, letter)' },
  { method: 'GET', path: '/complaints/:id/evidence', handler: 'EvidenceController.list', roles: EVIDENCE_READERS, what: "list the case's evidence files; recorded as an access event" },
  { method: 'GET', path: '/complaints/:id/evidence/:sha256', handler: 'EvidenceController.download', roles: EVIDENCE_READERS, what: 'download an evidence file, checked against its hash; recorded as an access event' },
  { method: 'GET', path: '/complaints/:id', handler: `${queries}.get`, roles: READERS, what: 'read the case; recorded as an access event' },
  { method: 'GET', path: '/complaints/:id/history', handler: `${queries}.history`, roles: READERS, what: "read the case's history; recorded as an access event" },
  { method: 'GET', path: '/complaints/:id/verification', handler: `${queries}.verify`, roles: READERS, what: "verify the case's hash chain; recorded as an access event" },
  { method: 'GET', path: '/policies', handler: `${queries}.policies`, roles: EVERYONE, what: 'read the deadline policy and categories' },
  { method: 'GET', path: '/complaints', handler: `${journal}.search`, roles: READERS, what: 'search the register journal; recorded as an access event' },
  { method: 'GET', path: '/complaints/overdue', handler: `${journal}.overdue`, roles: READERS, what: 'list overdue and due-soon cases' },
  { method: 'GET', path: '/reports/statistics', handler: `${journal}.statistics`, roles: READERS, what: 'read statistics' },
  { method: 'GET', path: '/reports/journal', handler: `${journal}.export`, roles: READERS, what: 'export the journal; recorded as an access event' },
  { method: 'GET', path: '/projections', handler: `${projections}.list`, roles: EVERYONE, what: 'read model status' },
  { method: 'GET', path: '/projections/:name/rebuild', handler: `${projections}.progress`, roles: EVERYONE, what: 'rebuild progress' },
  { method: 'POST', path: '/projections/:name/rebuild', handler: `${projections}.rebuild`, roles: ['administrator'], what: 'rebuild read models' },
  { method: 'POST', path: '/projections/:name/restart', handler: `${projections}.restart`, roles: ['administrator'], what: 'restart a stopped read model' },
  { method: 'GET', path: '/access-log', handler: 'AccessLogController.list', roles: ['auditor', 'administrator'], what: 'read the access trail: who read which case or searched the journal, when' },
  { method: 'GET', path: '/me', handler: 'MeController.me', roles: EVERYONE, what: 'who the token belongs to (the workspace)' },
  { method: 'GET', path: '/auth/config', handler: 'AuthConfigController.config', roles: 'public', what: "how the workspace signs in (the identity provider's issuer and public client)" },
  { method: 'GET', path: '/health', handler: 'HealthController.health', roles: 'public', what: 'health of the stores and read models' },
];

export const permissionFor = (handler: string): EndpointPermission | undefined => PERMISSIONS.find((p) => p.handler === handler);
