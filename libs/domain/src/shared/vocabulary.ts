// The closed lists of the complaint register. Each is a const tuple so that the
// same list feeds the TypeScript types, the HTTP validation and the OpenAPI enums.

export const CHANNELS = ['in-person', 'phone', 'email', 'letter', 'web-form', 'social-media', 'complaint-book'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ANSWER_CHANNELS = ['in-person', 'phone', 'email', 'letter', 'web-form', 'social-media'] as const;
export type AnswerChannel = (typeof ANSWER_CHANNELS)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const VERDICTS = ['founded', 'partly-founded', 'unfounded'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const RESPONSIBLE_PARTIES = ['staff', 'process', 'supplier', 'customer', 'external'] as const;
export type ResponsibleParty = (typeof RESPONSIBLE_PARTIES)[number];

/** Where an investigation's facts came from (seeds 000 and 001: the customer, the employee who took it, the one concerned). */
export const FACT_SOURCE_KINDS = ['complainant', 'intake-employee', 'employee-concerned', 'process', 'supplier', 'document'] as const;
export type FactSourceKind = (typeof FACT_SOURCE_KINDS)[number];

export interface FactSource {
  kind: FactSourceKind;
  /** A staff id, a process or supplier name, a document's name: never the customer's. */
  reference?: string;
  /** What the source said or showed; free text. */
  statement: string;
  obtainedAt: string;
}

export const COMPENSATION_KINDS = [
  'apology',
  'refund',
  'replacement',
  'repair',
  'price-difference',
  'discount',
  'voucher',
  'free-service',
  'gift',
  'other',
] as const;
export type CompensationKind = (typeof COMPENSATION_KINDS)[number];

/** Kinds that are a payment and therefore need an amount. */
export const MONETARY_COMPENSATION_KINDS: readonly CompensationKind[] = ['refund', 'price-difference', 'voucher'];

export const ACTOR_ROLES = ['intake-clerk', 'quality-officer', 'manager', 'auditor', 'analyst', 'administrator'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export interface Actor {
  id: string;
  role: ActorRole;
}

/** What an electronic signature means (21 CFR Part 11 §11.50): the signer wrote, approved or reviewed the record. */
export const SIGNATURE_MEANINGS = ['authorship', 'approval', 'review'] as const;
export type SignatureMeaning = (typeof SIGNATURE_MEANINGS)[number];

/** A signature as recorded in an event: who signed (the verified principal), what it means, and when. */
export interface Signature {
  signedBy: string;
  meaning: SignatureMeaning;
  signedAt: string;
}

/** Why the organisation contacted the complainant (ISO 10002 8.4; FCA DISP 1.6 holding and final responses). */
export const CONTACT_KINDS = ['acknowledgement', 'progress-update', 'request-for-information', 'holding-letter', 'final-response'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** Where a complainant may take a complaint the organisation did not resolve (FCA DISP 1.6: the ombudsman). */
export const EXTERNAL_BODIES = ['ombudsman', 'regulator', 'court', 'other'] as const;
export type ExternalBody = (typeof EXTERNAL_BODIES)[number];

/** A referral of the complaint to an external body, with the body's own reference. */
export interface Referral {
  body: ExternalBody;
  name: string;
  reference: string;
}
