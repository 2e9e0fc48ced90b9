import { aComplaint, evidenceAttached } from '../testing';
import { COMPLAINT_EVENT_SCHEMA_VERSIONS, ComplaintEvent } from './events';
import { PERSONAL_DATA } from './personal-data';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/;

/** The paths of every text in an event's data (`[]` for an array's elements), dates and times left out. */
const textPaths = (node: unknown, path = ''): string[] => {
  if (typeof node === 'string') return ISO_TIME.test(node) ? [] : [path];
  if (Array.isArray(node)) return node.flatMap((item) => textPaths(item, `${path}[]`));
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([key, value]) => textPaths(value, path ? `${path}.${key}` : key));
  return [];
};

/** A case that went through every event type, with every optional text filled in. */
const everyEventType = (): ComplaintEvent[] => [
  ...aComplaint()
    .received({
      complainant: { name: 'Zoya Quillfeather', kind: 'person', email: 'zoya@example.org', phone: '+359 888 000', postalAddress: '1 Main St' },
      subject: { productOrService: 'Kettle', sku: 'K-1', lotNumber: 'L-7', serialNumber: 'S-42', orderReference: 'ORD-1' },
      desiredRemedy: 'Refund',
      documents: ['receipt-zoya.pdf'],
    })
    .acknowledged()
    .registered()
    .resolvedAtFirstContact()
    .investigated({
      correctiveAction: 'Inspect the lot',
      sources: [{ kind: 'employee-concerned', reference: 'clerk-ivanov', statement: 'Zoya was told to come back', obtainedAt: '2026-03-03T10:00:00Z' }],
      rootCauseCode: 'supplier-defect',
      rootCauseTaxonomyVersion: 'default-1',
      productReference: 'K-1',
      lotNumber: 'L-7',
    })
    .investigationWaived()
    .answered()
    .compensated({ amount: { amountMinor: 100, currency: 'EUR' } })
    .followedUp({ comment: 'Fine now' })
    .reassigned()
    .deadlineExtended()
    .awaitingComplainant()
    .complainantInformationReceived()
    .closed({ summary: 'Done', complainantAcceptedOutcome: false, referral: { body: 'ombudsman', name: 'Financial Ombudsman', reference: 'FOS-123' } })
    .reopened()
    .withdrawn()
    .events(),
  evidenceAttached(),
  { type: 'PersonalDataErased', data: { complaintId: 'complaint-0001', erasedAt: '2026-12-01T10:00:00Z', reason: 'GDPR art. 17' } },
];

describe('the one list of personal data: every text field of every event, sealed or clear, with the reason', () => {
  const events = everyEventType();

  it('covers every event type', () => {
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(Object.keys(COMPLAINT_EVENT_SCHEMA_VERSIONS)));
  });

  it.each(events.map((event) => [event.type, event] as const))('classifies every text field of %s', (type, event) => {
    const { sealed, clear } = PERSONAL_DATA[type];
    const listed = (path: string) => path in sealed || Object.keys(clear).some((field) => path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[]`));
    expect(textPaths(event.data).filter((path) => !listed(path))).toEqual([]);
    expect(Object.keys(sealed).filter((field) => field in clear)).toEqual([]);
    for (const reason of [...Object.values(sealed), ...Object.values(clear)]) expect(reason.length).toBeGreaterThan(10);
  });

  it('seals what identifies the customer and every free text the issue found in clear after an erasure', () => {
    expect(Object.keys(PERSONAL_DATA.ComplaintReceived.sealed)).toEqual(
      expect.arrayContaining(['complainant.name', 'subject.orderReference', 'documents[]', 'primaryResponse', 'description']),
    );
    expect(PERSONAL_DATA.ComplaintAnswered.sealed).toHaveProperty('summary');
    expect(PERSONAL_DATA.ComplaintInvestigated.sealed).toHaveProperty('findings');
    expect(PERSONAL_DATA.ComplaintInvestigated.sealed).toHaveProperty(['sources[].statement']);
    expect(PERSONAL_DATA.ComplaintCompensated.sealed).toHaveProperty('description');
    for (const type of ['InvestigationWaived', 'ComplaintReassigned', 'AnswerDeadlineExtended', 'ComplaintReopened', 'ComplaintWithdrawn'] as const)
      expect(PERSONAL_DATA[type].sealed).toHaveProperty('reason');
    expect(PERSONAL_DATA.ComplaintClosed.sealed).toHaveProperty('summary');
    expect(PERSONAL_DATA.AwaitingComplainant.sealed).toHaveProperty('requested');
    expect(PERSONAL_DATA.ComplainantInformationReceived.sealed).toHaveProperty('summary');
  });
});
