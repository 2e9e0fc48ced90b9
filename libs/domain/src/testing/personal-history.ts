import { ComplaintEvent, PersonalDataErased } from '../complaint/events';
import { aComplaint } from './builders';

/**
 * The ordinary complaint's history in which every sealed field, in every event type that has one, holds
 * `text` (the follow-up's round is closed and reopened, so both rounds hold it): what an erasure must leave nowhere.
 */
export const aHistoryNamingEverywhere = (text: string): ComplaintEvent[] =>
  aComplaint()
    .received({
      complainant: { name: text, kind: 'person', email: `${text}@example.org`, phone: text, postalAddress: text },
      subject: { productOrService: 'Kettle', serialNumber: text, orderReference: text },
      description: text,
      desiredRemedy: text,
      documents: [`${text}.pdf`],
      primaryResponse: text,
    })
    .registered()
    .investigationWaived({ reason: text })
    .answered({ summary: text })
    .compensated({ description: text })
    .followedUp({ comment: text })
    .closed({ summary: text })
    .reopened({ reason: text })
    .investigated({ findings: text, correctiveAction: text })
    .answered({ summary: text })
    .withdrawn({ reason: text })
    .events();

/** The ordinary complaint's personal data erased on request. */
export const theErasure: PersonalDataErased = {
  type: 'PersonalDataErased',
  data: { complaintId: 'complaint-0001', erasedAt: '2026-05-01T08:00:00.000Z', reason: 'GDPR art. 17' },
};
