import { ComplaintEventType } from './events';

// Complainants' personal data (GDPR art. 17): the complainant's name and contact details and the free
// text they wrote. These fields are sealed in the events with a key per complaint, and become ERASED
// for good when that key is destroyed; everything else (dates, verdicts, amounts) stays for the register.

/** The personal fields of each event type, as dotted paths into its data. */
export const PERSONAL_DATA_FIELDS: Partial<Record<ComplaintEventType, readonly string[]>> = {
  ComplaintReceived: ['complainant.name', 'complainant.email', 'complainant.phone', 'complainant.postalAddress', 'description', 'desiredRemedy'],
  FollowUpRecorded: ['comment'],
  ComplainantContacted: ['summary'],
};

/** What an erased personal field reads as, everywhere. */
export const ERASED = '[erased]';
