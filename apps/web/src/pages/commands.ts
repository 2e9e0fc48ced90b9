import { Complaint, Role } from '../api';
import {
  ANSWER_CHANNELS,
  CHANNELS,
  COMPENSATION_KINDS,
  CONTACT_KINDS,
  EXTERNAL_BODIES,
  RESPONSIBLE_PARTIES,
  SEVERITIES,
  SIGNATURE_MEANINGS,
  VERDICTS,
} from '../vocabulary';

/** One input of a command form; `name` is the body's field path, which is how problem+json names it. */
export interface FieldSpec {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'select' | 'number' | 'checkbox' | 'datetime' | 'category';
  options?: readonly string[];
  /** i18n prefix of the options' labels. */
  vocabulary?: string;
  required?: boolean;
  /** The value chosen before the user chooses. */
  initial?: string;
}

export interface CommandSpec {
  key: string;
  path: string;
  roles: readonly Role[];
  /** States in which the command makes sense; the API still decides. */
  statuses: readonly string[];
  fields: FieldSpec[];
  body: (values: Record<string, string | boolean>) => object;
  /** A further condition on the case beyond its status (the API still decides). */
  when?: (complaint: Complaint) => boolean;
}

const HANDLERS: Role[] = ['quality-officer', 'manager'];
const OPEN = ['received', 'registered', 'investigated', 'answered', 'followed-up', 'reopened'];
const text = (values: Record<string, string | boolean>, name: string): string | undefined => {
  const value = values[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};
/** A command whose body is one required text, labelled `form.<name>` (a reason, what is asked for). */
const oneText = (name: string): Pick<CommandSpec, 'fields' | 'body'> => ({
  fields: [{ name, label: `form.${name}`, kind: 'textarea', required: true }],
  body: (v) => ({ [name]: text(v, name) }),
});
const iso = (value: string | undefined) => (value ? new Date(value).toISOString() : undefined);

// Bodies carry no signer or approver: the API records the signed-in person.
export const COMMANDS: CommandSpec[] = [
  {
    key: 'register',
    path: 'registration',
    roles: ['intake-clerk', 'quality-officer'],
    statuses: ['received'],
    fields: [
      { name: 'category', label: 'form.category', kind: 'category', required: true },
      { name: 'severity', label: 'form.severity', kind: 'select', options: SEVERITIES, vocabulary: 'vocab.severity', required: true },
      { name: 'responsibleOfficer', label: 'form.responsibleOfficer', kind: 'text', required: true },
    ],
    body: (v) => ({ category: text(v, 'category'), severity: text(v, 'severity'), responsibleOfficer: text(v, 'responsibleOfficer') }),
  },
  {
    key: 'investigate',
    path: 'investigation',
    roles: ['quality-officer'],
    statuses: ['registered', 'reopened'],
    fields: [
      { name: 'verdict', label: 'form.verdict', kind: 'select', options: VERDICTS, vocabulary: 'vocab.verdict', required: true },
      { name: 'findings', label: 'form.findings', kind: 'textarea', required: true },
      { name: 'rootCause', label: 'form.rootCause', kind: 'text', required: true },
      { name: 'responsibleParty', label: 'form.responsibleParty', kind: 'select', options: RESPONSIBLE_PARTIES, vocabulary: 'vocab.party', required: true },
      { name: 'correctiveAction', label: 'form.correctiveAction', kind: 'text' },
    ],
    body: (v) => ({
      verdict: text(v, 'verdict'),
      findings: text(v, 'findings'),
      rootCause: text(v, 'rootCause'),
      responsibleParty: text(v, 'responsibleParty'),
      correctiveAction: text(v, 'correctiveAction'),
    }),
  },
  {
    key: 'waive',
    path: 'investigation-waiver',
    roles: HANDLERS,
    statuses: ['registered', 'reopened'],
    ...oneText('reason'),
  },
  {
    key: 'answer',
    path: 'answer',
    roles: ['manager'],
    statuses: ['investigated'],
    fields: [
      { name: 'channel', label: 'form.answerChannel', kind: 'select', options: ANSWER_CHANNELS, vocabulary: 'vocab.channel', required: true },
      { name: 'summary', label: 'form.summary', kind: 'textarea', required: true },
      // What the manager's signature means (21 CFR Part 11 §11.50); the API takes approval when none is chosen.
      { name: 'signatureMeaning', label: 'form.signatureMeaning', kind: 'select', options: SIGNATURE_MEANINGS, vocabulary: 'vocab.signatureMeaning', initial: 'approval' },
    ],
    body: (v) => ({ channel: text(v, 'channel'), summary: text(v, 'summary'), signatureMeaning: text(v, 'signatureMeaning') }),
  },
  {
    key: 'compensate',
    path: 'compensations',
    roles: HANDLERS,
    statuses: ['answered', 'followed-up'],
    fields: [
      { name: 'kind', label: 'form.compensationKind', kind: 'select', options: COMPENSATION_KINDS, vocabulary: 'vocab.compensation', required: true },
      { name: 'amount.amountMinor', label: 'form.amount', kind: 'number' },
      { name: 'amount.currency', label: 'form.currency', kind: 'text' },
      { name: 'description', label: 'form.description', kind: 'textarea', required: true },
    ],
    body: (v) => {
      const amount = text(v, 'amount.amountMinor');
      const currency = text(v, 'amount.currency');
      // The form takes the amount in major units (24.90); the API counts minor units (2490).
      const amountMinor = amount === undefined ? undefined : Math.round(Number(amount.replace(',', '.')) * 100);
      return {
        kind: text(v, 'kind'),
        ...(amount !== undefined || currency !== undefined ? { amount: { amountMinor, currency: currency?.toUpperCase() } } : {}),
        description: text(v, 'description'),
      };
    },
  },
  {
    key: 'followUp',
    path: 'follow-ups',
    roles: ['intake-clerk', 'quality-officer'],
    // A closed case can still be followed up (how the customer fares after the closure).
    statuses: ['answered', 'followed-up', 'closed'],
    fields: [
      { name: 'problemSolved', label: 'form.problemSolved', kind: 'checkbox' },
      { name: 'satisfaction', label: 'form.satisfaction', kind: 'select', options: ['1', '2', '3', '4', '5'], required: true },
      { name: 'comment', label: 'form.comment', kind: 'textarea' },
    ],
    body: (v) => ({ problemSolved: v.problemSolved === true, satisfaction: Number(text(v, 'satisfaction')), comment: text(v, 'comment') }),
  },
  {
    key: 'contact',
    path: 'contacts',
    roles: ['intake-clerk', 'quality-officer'],
    statuses: [...OPEN, 'closed'],
    fields: [
      { name: 'kind', label: 'form.contactKind', kind: 'select', options: CONTACT_KINDS, vocabulary: 'vocab.contact', required: true },
      { name: 'channel', label: 'form.channel', kind: 'select', options: ANSWER_CHANNELS, vocabulary: 'vocab.channel', required: true },
      { name: 'summary', label: 'form.contactSummary', kind: 'textarea', required: true },
      { name: 'contactedAt', label: 'form.contactedAt', kind: 'datetime' },
    ],
    body: (v) => ({ kind: text(v, 'kind'), channel: text(v, 'channel'), summary: text(v, 'summary'), contactedAt: iso(text(v, 'contactedAt')) }),
  },
  {
    key: 'reassign',
    path: 'reassignment',
    roles: HANDLERS,
    statuses: ['registered', 'investigated', 'answered', 'followed-up', 'reopened'],
    fields: [
      { name: 'to', label: 'form.to', kind: 'text', required: true },
      { name: 'reason', label: 'form.reason', kind: 'text', required: true },
    ],
    body: (v) => ({ to: text(v, 'to'), reason: text(v, 'reason') }),
  },
  {
    key: 'extend',
    path: 'deadline-extensions',
    roles: HANDLERS,
    statuses: ['registered', 'investigated', 'reopened'],
    fields: [
      { name: 'answerDueAt', label: 'form.answerDueAt', kind: 'datetime', required: true },
      { name: 'reason', label: 'form.reason', kind: 'text', required: true },
      // A promise moves only once the customer knows: when and how they were told are both required.
      { name: 'customerInformedAt', label: 'form.customerInformedAt', kind: 'datetime', required: true },
      { name: 'customerInformedVia', label: 'form.customerInformedVia', kind: 'select', options: CHANNELS, vocabulary: 'vocab.channel', required: true },
    ],
    body: (v) => ({
      answerDueAt: iso(text(v, 'answerDueAt')),
      reason: text(v, 'reason'),
      customerInformedAt: iso(text(v, 'customerInformedAt')),
      customerInformedVia: text(v, 'customerInformedVia'),
    }),
  },
  {
    key: 'close',
    path: 'closure',
    roles: HANDLERS,
    statuses: ['answered', 'followed-up'],
    fields: [
      { name: 'summary', label: 'form.summary', kind: 'textarea' },
      // Three answers: accepted, not accepted, or not known (then the field is left out).
      { name: 'complainantAcceptedOutcome', label: 'form.complainantAcceptedOutcome', kind: 'select', options: ['yes', 'no'], vocabulary: 'vocab' },
      { name: 'referral.body', label: 'form.referralBody', kind: 'select', options: EXTERNAL_BODIES, vocabulary: 'vocab.externalBody' },
      { name: 'referral.name', label: 'form.referralName', kind: 'text' },
      { name: 'referral.reference', label: 'form.referralReference', kind: 'text' },
    ],
    body: (v) => {
      const accepted = text(v, 'complainantAcceptedOutcome');
      const referral = { body: text(v, 'referral.body'), name: text(v, 'referral.name'), reference: text(v, 'referral.reference') };
      return {
        summary: text(v, 'summary'),
        ...(accepted ? { complainantAcceptedOutcome: accepted === 'yes' } : {}),
        // Any part of a referral given sends it whole, so the API names the missing parts beside their fields.
        ...(referral.body || referral.name || referral.reference ? { referral } : {}),
      };
    },
  },
  {
    key: 'reopen',
    path: 'reopening',
    roles: HANDLERS,
    statuses: ['closed'],
    ...oneText('reason'),
  },
  {
    // Issue 14: the answer clock stands still while the complainant is asked for information.
    key: 'awaitComplainant',
    path: 'awaiting-complainant',
    roles: HANDLERS,
    statuses: ['registered', 'investigated', 'reopened'],
    when: (complaint) => !complaint.awaitingComplainant,
    ...oneText('requested'),
  },
  {
    key: 'complainantInformation',
    path: 'complainant-information',
    roles: HANDLERS,
    statuses: ['registered', 'investigated', 'reopened'],
    when: (complaint) => Boolean(complaint.awaitingComplainant),
    fields: [
      { name: 'arrived', label: 'form.arrived', kind: 'checkbox', initial: 'on' },
      { name: 'summary', label: 'form.informationSummary', kind: 'textarea' },
    ],
    body: (v) => ({ arrived: v.arrived === true, summary: text(v, 'summary') }),
  },
  {
    key: 'withdraw',
    path: 'withdrawal',
    roles: ['intake-clerk', 'quality-officer', 'manager'],
    statuses: OPEN,
    ...oneText('reason'),
  },
];

export const commandsFor = (role: Role | undefined, complaint: Complaint): CommandSpec[] =>
  role
    ? COMMANDS.filter((command) => command.roles.includes(role) && command.statuses.includes(complaint.status) && (command.when?.(complaint) ?? true))
    : [];
