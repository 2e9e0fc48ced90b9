// Request builders for the HTTP tests: a valid body for each command, with overrides.
// The actors are named with test-only headers that test-app.ts turns into their real API tokens.

export const clerk = { 'X-Actor-Id': 'clerk-anna', 'X-Actor-Role': 'intake-clerk' };
export const officer = { 'X-Actor-Id': 'officer-petrov', 'X-Actor-Role': 'quality-officer' };
export const manager = { 'X-Actor-Id': 'manager-georgieva', 'X-Actor-Role': 'manager' };

export const aComplaintBody = (overrides: Record<string, unknown> = {}) => ({
  channel: 'email',
  complainant: { name: 'Maria Ivanova', kind: 'person', email: 'maria.ivanova@example.com' },
  subject: { productOrService: 'Espresso machine EM-200', sku: 'EM-200-BLK', orderReference: 'ORD-118842' },
  description: 'The machine stopped heating after two weeks of use.',
  desiredRemedy: 'Replacement',
  documents: ['receipt-118842.pdf'],
  primaryResponse: 'Apologised and asked for the receipt.',
  ...overrides,
});

export const aRegistrationBody = (overrides: Record<string, unknown> = {}) => ({
  category: 'product-quality',
  severity: 'medium',
  responsibleOfficer: 'officer-petrov',
  ...overrides,
});

export const anInvestigationBody = (overrides: Record<string, unknown> = {}) => ({
  verdict: 'founded',
  findings: 'The heating element was faulty.',
  rootCause: 'Defective supplier batch',
  responsibleParty: 'supplier',
  correctiveAction: 'Quarantine the lot',
  ...overrides,
});

export const anAnswerBody = (overrides: Record<string, unknown> = {}) => ({
  channel: 'email',
  summary: 'Thank you; we found a faulty heating element and replace your machine.',
  ...overrides,
});

export const aCompensationBody = (overrides: Record<string, unknown> = {}) => ({
  kind: 'refund',
  amount: { amountMinor: 24900, currency: 'EUR' },
  description: 'Full refund',
  ...overrides,
});

export const aFollowUpBody = (overrides: Record<string, unknown> = {}) => ({
  problemSolved: true,
  satisfaction: 4,
  comment: 'Happy with the replacement.',
  ...overrides,
});
