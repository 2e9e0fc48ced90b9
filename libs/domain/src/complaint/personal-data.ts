import { ComplaintEventType } from './events';

// Complainants' personal data (GDPR art. 17). Every text field of every complaint event is listed here,
// once, either as SEALED (with the complaint's data key; unreadable for good once that key is destroyed)
// or as CLEAR, each with the reason. A field is sealed when it identifies the customer or is free text a
// person typed (free text may name the customer, and often does: "called Mrs Ivanova back"). It stays clear
// only when the register, the deadlines or the statistics need it and it is not about the customer: staff
// ids, codes from a closed vocabulary, product identifiers shared by many customers. A test fails when an
// event carries a text field that is in neither list.
//
// A path is dotted into the event's data; `[]` stands for every element of an array (`sources[].statement`: that field of each).

type Reasons = Readonly<Record<string, string>>;

interface FieldsOf {
  sealed: Reasons;
  clear: Reasons;
}

const FREE_TEXT = 'free text a person typed: it may name the complainant';
const STAFF = 'the id of a member of staff, not of the customer';
const CODE = 'a code from a closed vocabulary';
const ID = 'the id of the case';
const POLICY = 'how the deadline policy computed a deadline: rule names, dates, the policy version';

export const PERSONAL_DATA: Readonly<Record<ComplaintEventType, FieldsOf>> = {
  ComplaintReceived: {
    sealed: {
      'complainant.name': 'identifies the complainant',
      'complainant.email': 'identifies and reaches the complainant',
      'complainant.phone': 'identifies and reaches the complainant',
      'complainant.postalAddress': 'identifies and locates the complainant',
      'subject.orderReference': 'points to the complainant’s order, hence to the complainant',
      'subject.serialNumber': 'names the one unit the complainant owns, hence the complainant (lots and SKUs stay clear for recalls)',
      description: FREE_TEXT,
      desiredRemedy: FREE_TEXT,
      'documents[]': 'names of the complainant’s documents (receipts, photos): file names often carry the name',
      primaryResponse: FREE_TEXT,
    },
    clear: {
      complaintId: ID,
      channel: CODE,
      'complainant.kind': CODE,
      'subject.productOrService': 'the product, shared by every buyer: the register and the statistics group by it',
      'subject.sku': 'the product’s stock-keeping unit, shared by every buyer',
      'subject.lotNumber': 'the production lot, shared by every unit of it: needed for recalls',
      takenBy: STAFF,
      registrationDeadline: POLICY,
      acknowledgementDeadline: POLICY,
    },
  },
  ComplaintRegistered: {
    sealed: {},
    clear: { complaintId: ID, registerNumber: 'the register’s own number', category: CODE, categoryCatalogueVersion: CODE, severity: CODE, responsibleOfficer: STAFF, answerDeadline: POLICY },
  },
  ComplaintInvestigated: {
    sealed: { findings: FREE_TEXT, correctiveAction: FREE_TEXT, 'sources[].statement': 'what a source of facts stated: the complainant’s own account among them' },
    clear: {
      complaintId: ID,
      verdict: CODE,
      responsibleParty: CODE,
      investigatedBy: STAFF,
      'sources[].kind': CODE,
      'sources[].reference': 'a staff id, a process, supplier or document name: never the customer (staff are told so)',
      rootCauseCode: CODE,
      rootCauseTaxonomyVersion: CODE,
      productReference: 'the product concerned, shared by every buyer: the statistics group by it',
      lotNumber: 'the production lot, shared by every unit of it: needed for recalls',
      rootCause: 'the cause of the failure, ranked by the statistics (e.g. "defective supplier batch"); it describes the product, and staff are told never to name the customer in it',
    },
  },
  InvestigationWaived: { sealed: { reason: FREE_TEXT }, clear: { complaintId: ID, decidedBy: STAFF } },
  ComplaintAnswered: { sealed: { summary: 'the answer to the complainant: it addresses them by name' }, clear: { complaintId: ID, channel: CODE, signedBy: STAFF, signature: 'the signer’s staff id and the meaning of the signature, a code (21 CFR Part 11 §11.50)', followUpDeadline: POLICY } },
  ComplaintCompensated: { sealed: { description: FREE_TEXT }, clear: { complaintId: ID, kind: CODE, approvedBy: STAFF, approval: 'the signer’s staff id and the meaning of the signature, a code (21 CFR Part 11 §11.50)', 'amount.currency': CODE } },
  FollowUpRecorded: { sealed: { comment: 'the complainant’s own words, or notes of the call with them' }, clear: { complaintId: ID } },
  ComplaintReassigned: { sealed: { reason: FREE_TEXT }, clear: { complaintId: ID, from: STAFF, to: STAFF } },
  AnswerDeadlineExtended: { sealed: { reason: FREE_TEXT }, clear: { complaintId: ID, customerInformedVia: CODE, answerDeadline: POLICY } },
  ComplaintClosed: {
    sealed: { summary: FREE_TEXT, 'referral.reference': 'the external body’s reference names the complainant’s own case there' },
    clear: { complaintId: ID, 'referral.body': CODE, 'referral.name': 'the name of the ombudsman or regulator, not of the customer' },
  },
  AwaitingComplainant: { sealed: { requested: 'what was asked of the complainant: free text about their case' }, clear: { complaintId: ID, requestedBy: STAFF } },
  ComplainantInformationReceived: { sealed: { summary: 'what the complainant sent or said' }, clear: { complaintId: ID, recordedBy: STAFF, answerDeadline: POLICY } },
  ComplaintReopened: { sealed: { reason: FREE_TEXT }, clear: { complaintId: ID, answerDeadline: POLICY } },
  ComplaintWithdrawn: { sealed: { reason: 'the complainant’s reason, in their words' }, clear: { complaintId: ID } },
  EvidenceAttached: {
    sealed: { fileName: 'the name of the complainant’s file (receipt, photo, letter): file names often carry the name' },
    clear: {
      complaintId: ID,
      sha256: 'the SHA-256 of the file: proves which bytes were attached, restores nothing of them (the bytes are sealed with the case’s key)',
      mediaType: CODE,
      attachedBy: STAFF,
    },
  },
  PersonalDataErased: {
    sealed: {},
    clear: {
      complaintId: ID,
      // Written after the key is destroyed, so it could not be sealed; the administrator writes it (never a name).
      reason: 'the administrator’s record of why the data was erased; written after the key is gone',
    },
  },
  ComplainantContacted: {
    sealed: { summary: 'what was said to or heard from the complainant' },
    clear: { complaintId: ID, kind: CODE, channel: CODE, contactedBy: STAFF },
  },
  // The resolution is the receipt's primaryResponse (sealed there), never copied: a copy made from the folded, still
  // sealed state would be another field's ciphertext.
  ComplaintResolvedAtFirstContact: { sealed: {}, clear: { complaintId: ID, resolvedBy: STAFF } },
};

/** The sealed fields of each event type, as paths into its data (`[]`: every element of an array). */
export const PERSONAL_DATA_FIELDS: Readonly<Record<ComplaintEventType, readonly string[]>> = Object.fromEntries(
  Object.entries(PERSONAL_DATA).map(([type, fields]) => [type, Object.keys(fields.sealed)]),
) as unknown as Record<ComplaintEventType, readonly string[]>;

/** What an erased personal field reads as, everywhere. */
export const ERASED = '[erased]';
