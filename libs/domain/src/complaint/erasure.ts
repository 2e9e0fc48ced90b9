import { IsoDateTime } from '../shared/time';
import { DomainError, ruleViolated } from './errors';
import { PersonalDataErased } from './events';
import { ComplaintState } from './state';

/** GDPR art. 17: record that the complainant's personal data was erased (its key is destroyed beforehand). */
export type ErasePersonalData = {
  type: 'ErasePersonalData';
  data: { complaintId: string; reason?: string };
};

export const DEFAULT_ERASURE_REASON = 'Erasure requested by the complainant (GDPR art. 17)';

/** Recorded once: a second erasure of the same case records nothing (the key may still be destroyed again). */
export const decideErasure = (command: ErasePersonalData, state: ComplaintState, now: IsoDateTime): PersonalDataErased[] | DomainError => {
  if (state.status === 'none') return ruleViolated('complaint-not-found', `No complaint ${command.data.complaintId}.`);
  if (state.personalDataErasedAt !== undefined) return [];
  return [{ type: 'PersonalDataErased', data: { complaintId: command.data.complaintId, erasedAt: now, reason: command.data.reason ?? DEFAULT_ERASURE_REASON } }];
};
