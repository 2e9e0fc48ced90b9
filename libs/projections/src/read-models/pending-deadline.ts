import { ComplaintStatus } from '@app/domain';
import { DeadlineKind } from '../read-models';

/**
 * Which deadline an open complaint owes next, by its status: registration until registered; the
 * answer until answered (again after a reopening); the follow-up after the answer until the first
 * follow-up. A followed-up, closed or withdrawn complaint owes nothing.
 */
export const pendingDeadlineKind = (status: ComplaintStatus): DeadlineKind | null => {
  switch (status) {
    case 'received':
      return 'registration';
    case 'registered':
    case 'investigated':
    case 'reopened':
      return 'answer';
    case 'answered':
      return 'follow-up';
    case 'followed-up':
    case 'closed':
    case 'withdrawn':
      return null;
  }
};

/** The acknowledgement is owed until it is made, or until the answer makes it moot (ISO 10002 8.4). */
export const acknowledgementPending = (status: ComplaintStatus, acknowledgedAt: string | null | undefined): boolean =>
  !acknowledgedAt && (status === 'received' || status === 'registered' || status === 'investigated');
