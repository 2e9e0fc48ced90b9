import { evolveWaiting } from './awaiting-complainant';
import { ComplaintEvent } from './events';
import { erasedEvidence, withEvidence } from './evidence';
import { ERASED } from './personal-data';
import { ComplaintState, FollowUp, initialState, ReceivedComplaint } from './state';

/** Applies one event to the state. Total and pure: replaying a stream always gives the same case. */
export const evolve = (state: ComplaintState, event: ComplaintEvent): ComplaintState => {
  if (event.type === 'ComplaintReceived') {
    return { ...event.data, status: 'received', contacts: [], compensations: [], followUps: [], reopenings: [] };
  }
  if (state.status === 'none') return state; // an event before receipt cannot happen in a valid stream
  return evolveReceived(state, event);
};

const evolveReceived = (state: ReceivedComplaint, event: ComplaintEvent): ReceivedComplaint => {
  switch (event.type) {
    case 'ComplaintReceived':
      return state;
    case 'ComplaintRegistered': {
      const { registerNumber, registeredAt, category, categoryCatalogueVersion, severity } = event.data;
      return {
        ...state,
        status: 'registered',
        registration: { registerNumber, registeredAt, category, categoryCatalogueVersion, severity },
        responsibleOfficer: event.data.responsibleOfficer,
        answerDueAt: event.data.answerDueAt,
        answerDeadline: event.data.answerDeadline,
        firstAnswerDueAt: event.data.answerDueAt,
      };
    }
    case 'ComplaintInvestigated': {
      const { complaintId: _id, ...investigation } = event.data;
      const { verdict, rootCause, responsibleParty, rootCauseCode } = investigation;
      return {
        ...state,
        status: 'investigated',
        investigation: { outcome: 'investigated', ...investigation },
        latestConclusions: { verdict, rootCause, responsibleParty, ...(rootCauseCode !== undefined && { rootCauseCode }) },
      };
    }
    case 'InvestigationWaived': {
      const { complaintId: _id, ...waiver } = event.data;
      return { ...state, status: 'investigated', investigation: { outcome: 'waived', ...waiver } };
    }
    case 'ComplaintAnswered': {
      const { channel, summary, signedBy, signature, answeredAt, followUpDueAt, followUpDeadline } = event.data;
      const { answerDueAt } = state;
      return {
        ...state,
        status: 'answered',
        answer: { channel, summary, signedBy, ...(signature && { signature }), answeredAt },
        followUpDueAt,
        followUpDeadline,
        followUpKept: undefined,
        firstAnswer: state.firstAnswer ?? { answeredAt, ...(answerDueAt !== undefined && { answerDueAt }) },
      };
    }
    case 'ComplaintCompensated': {
      const { complaintId: _id, ...compensation } = event.data;
      return { ...state, compensations: [...state.compensations, compensation] };
    }
    case 'FollowUpRecorded': {
      const { complaintId: _id, ...followUp } = event.data;
      // A follow-up after closing does not reopen the case.
      const status = state.status === 'closed' ? 'closed' : 'followed-up';
      // Follow-ups may be entered out of order: the latest contact is the one shown; the deadline is kept once any came by it.
      const latest = state.latestFollowUp;
      const isLatest = !latest || Date.parse(latest.contactedAt) <= Date.parse(followUp.contactedAt);
      const keptNow = state.followUpDueAt === undefined ? undefined : Date.parse(followUp.contactedAt) <= Date.parse(state.followUpDueAt);
      return {
        ...state,
        status,
        followUps: [...state.followUps, followUp],
        latestFollowUp: isLatest ? followUp : latest,
        followUpKept: state.followUpKept === true || keptNow,
      };
    }
    case 'ComplainantContacted': {
      const { complaintId: _id, ...contact } = event.data;
      const acknowledges =
        contact.kind === 'acknowledgement' && (state.acknowledgedAt === undefined || Date.parse(contact.contactedAt) < Date.parse(state.acknowledgedAt));
      return { ...state, contacts: [...state.contacts, contact], ...(acknowledges && { acknowledgedAt: contact.contactedAt }) };
    }
    case 'ComplaintReassigned':
      return { ...state, responsibleOfficer: event.data.to };
    case 'AnswerDeadlineExtended':
      return { ...state, answerDueAt: event.data.answerDueAt, answerDeadline: event.data.answerDeadline };
    case 'AwaitingComplainant':
      return evolveWaiting(state, event);
    case 'ComplainantInformationReceived':
      return { ...evolveWaiting(state, event), answerPausedMs: (state.answerPausedMs ?? 0) + event.data.pausedMs };
    case 'ComplaintClosed': {
      const { complaintId: _id, closedAt, ...closing } = event.data;
      return { ...state, status: 'closed', closedAt, closing };
    }
    case 'ComplaintResolvedAtFirstContact': {
      const { resolvedBy, resolvedAt, closedAt } = event.data;
      return { ...state, status: 'closed', closedAt, firstContactResolution: { resolution: state.primaryResponse, resolvedBy, resolvedAt } };
    }
    case 'ComplaintReopened': {
      const { reopenedAt, reason, answerDueAt, answerDeadline } = event.data;
      // A reopened case is investigated and answered again; the earlier ones stay in the history.
      return {
        ...state,
        status: 'reopened',
        closedAt: undefined,
        closing: undefined,
        firstContactResolution: undefined,
        investigation: undefined,
        answer: undefined,
        followUpDueAt: undefined,
        followUpDeadline: undefined,
        latestFollowUp: undefined,
        followUpKept: undefined,
        answerDueAt,
        answerDeadline,
        reopenings: [...state.reopenings, { reopenedAt, reason }],
      };
    }
    case 'PersonalDataErased': {
      // The sealed fields (PERSONAL_DATA) are unreadable once the key is gone; the case says so whatever a reader holds.
      const { complainant, subject, desiredRemedy, investigation, answer, withdrawal, contacts, closing, firstContactResolution } = state;
      return {
        ...state,
        complainant: {
          kind: complainant.kind,
          name: ERASED,
          ...(complainant.email !== undefined && { email: ERASED }),
          ...(complainant.phone !== undefined && { phone: ERASED }),
          ...(complainant.postalAddress !== undefined && { postalAddress: ERASED }),
        },
        subject: {
          ...subject,
          ...(subject.orderReference !== undefined && { orderReference: ERASED }),
          ...(subject.serialNumber !== undefined && { serialNumber: ERASED }),
        },
        description: ERASED,
        ...(desiredRemedy !== undefined && { desiredRemedy: ERASED }),
        documents: state.documents.map(() => ERASED),
        primaryResponse: ERASED,
        ...(investigation?.outcome === 'investigated' && {
          investigation: {
            ...investigation,
            findings: ERASED,
            ...(investigation.correctiveAction !== undefined && { correctiveAction: ERASED }),
            ...(investigation.sources && { sources: investigation.sources.map((source) => ({ ...source, statement: ERASED })) }),
          },
        }),
        ...(investigation?.outcome === 'waived' && { investigation: { ...investigation, reason: ERASED } }),
        ...(answer && { answer: { ...answer, summary: ERASED } }),
        compensations: state.compensations.map((compensation) => ({ ...compensation, description: ERASED })),
        followUps: state.followUps.map(erasedFollowUp),
        ...(state.latestFollowUp && { latestFollowUp: erasedFollowUp(state.latestFollowUp) }),
        reopenings: state.reopenings.map((reopening) => ({ ...reopening, reason: ERASED })),
        ...(withdrawal && { withdrawal: { ...withdrawal, reason: ERASED } }),
        contacts: contacts.map((contact) => ({ ...contact, summary: ERASED })),
        ...(closing && {
          closing: {
            ...closing,
            ...(closing.summary !== undefined && { summary: ERASED }),
            ...(closing.referral?.reference !== undefined && { referral: { ...closing.referral, reference: ERASED } }),
          },
        }),
        ...(firstContactResolution && { firstContactResolution: { ...firstContactResolution, resolution: ERASED } }),
        ...(state.evidence && { evidence: erasedEvidence(state.evidence) }),
        personalDataErasedAt: event.data.erasedAt,
      };
    }
    case 'EvidenceAttached':
      return { ...state, evidence: withEvidence(state.evidence, event) };
    case 'ComplaintWithdrawn': {
      const { withdrawnAt, reason } = event.data;
      return { ...state, status: 'withdrawn', withdrawal: { withdrawnAt, reason } };
    }
  }
};

const erasedFollowUp = (followUp: FollowUp): FollowUp => (followUp.comment === undefined ? followUp : { ...followUp, comment: ERASED });

/** Folds a stream's events into the case they describe. */
export const foldComplaint = (events: Iterable<ComplaintEvent>): ComplaintState => {
  let state = initialState();
  for (const event of events) state = evolve(state, event);
  return state;
};
