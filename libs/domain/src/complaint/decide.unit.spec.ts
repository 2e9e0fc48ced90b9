import { CategoryCatalogue } from '../policies/categories';
import { DEFAULT_DEADLINE_POLICY, DeadlineExplanation, DeadlinePolicy } from '../policies/deadlines';
import {
  aComplaint,
  answerComplaint,
  closeComplaint,
  compensateComplaint,
  extendAnswerDeadline,
  given,
  History,
  investigateComplaint,
  reassignComplaint,
  receiveComplaint,
  recordContact,
  recordFollowUp,
  registerComplaint,
  reopenComplaint,
  waiveInvestigation,
  withdrawComplaint,
} from '../testing';
import { AnswerComplaint, CloseComplaint, CompensateComplaint, ComplaintCommand, InvestigateComplaint, RecordFollowUp } from './commands';
import { ComplaintEvent, ComplaintRegistered } from './events';
import { evolve } from './evolve';
import { initialState } from './state';

/** The moment of deciding. */
const at = (iso: string) => ({ now: new Date(iso) });

const received = aComplaint().received();
const registered = received.registered();
const investigated = registered.investigated();
const answered = investigated.answered();
const followedUp = answered.followedUp();
const closed = followedUp.closed();
const withdrawn = registered.withdrawn();

const everyCommandButReceive: ComplaintCommand[] = [
  registerComplaint(),
  investigateComplaint(),
  waiveInvestigation(),
  answerComplaint(),
  compensateComplaint(),
  recordFollowUp(),
  reassignComplaint(),
  extendAnswerDeadline(),
  closeComplaint(),
  reopenComplaint(),
  withdrawComplaint(),
];

// The events decide gives: the data of the command sent (from the builders) plus what decide adds — the moment,
// the deadlines and why, the signature — which each spec states.

const nextWorkingDay = (from: string, dueAt = '2026-03-03T23:59:59.999Z', skippedDays: string[] = []) => ({
  registrationDueAt: dueAt,
  registrationDeadline: { policyVersion: 'default-1', rule: 'next-working-day' as const, from, days: 1, skippedDays },
  acknowledgementDueAt: dueAt,
  acknowledgementDeadline: { policyVersion: 'default-1', rule: 'working-days' as const, from, days: 1, skippedDays },
});

const theReceipt = (command: ReturnType<typeof receiveComplaint>, dueAt?: string, skippedDays?: string[]): ComplaintEvent => ({
  type: 'ComplaintReceived',
  data: { ...command.data, ...nextWorkingDay(command.data.receivedAt, dueAt, skippedDays) },
});

/** The registration the default `registerComplaint()` gives on 2 March at 14:00, with the fields a spec changes. */
const theRegistration = (overrides: Partial<ComplaintRegistered['data']> = {}): ComplaintRegistered => ({
  type: 'ComplaintRegistered',
  data: {
    ...registerComplaint().data,
    registeredAt: '2026-03-02T14:00:00.000Z',
    categoryCatalogueVersion: 'default-1',
    answerDueAt: '2026-03-12T23:59:59.999Z',
    answerDeadline: { policyVersion: 'default-1', rule: 'calendar-days', from: '2026-03-02T09:15:00.000Z', days: 10 },
    ...overrides,
  },
});

const theInvestigation = (command: InvestigateComplaint, investigatedAt: string): ComplaintEvent => ({
  type: 'ComplaintInvestigated',
  data: { ...command.data, investigatedAt },
});

/** The answer, signed by `signedBy` with the meaning stated (approval by default), and the follow-up due 30 calendar days later. */
const theAnswer = (command: AnswerComplaint, answeredAt: string, followUpDueAt: string): ComplaintEvent => {
  const { signatureMeaning = 'approval', ...data } = command.data;
  return {
    type: 'ComplaintAnswered',
    data: {
      ...data,
      signature: { signedBy: data.signedBy, meaning: signatureMeaning, signedAt: answeredAt },
      answeredAt,
      followUpDueAt,
      followUpDeadline: { policyVersion: 'default-1', rule: 'calendar-days', from: answeredAt, days: 30 },
    },
  };
};

/** The grant, with the approver's signature meaning approval (21 CFR Part 11 §11.50). */
const theCompensation = (command: CompensateComplaint, grantedAt: string): ComplaintEvent => ({
  type: 'ComplaintCompensated',
  data: { ...command.data, approval: { signedBy: command.data.approvedBy, meaning: 'approval', signedAt: grantedAt }, grantedAt },
});

const theExtension = (command: ReturnType<typeof extendAnswerDeadline>, previousDueAt: string, extendedAt: string): ComplaintEvent => ({
  type: 'AnswerDeadlineExtended',
  data: {
    ...command.data,
    previousDueAt,
    answerDeadline: { policyVersion: 'default-1', rule: 'extended', from: extendedAt },
  },
});

const theReopening = (reopenedAt: string, answerDueAt: string, answerDeadline: DeadlineExplanation): ComplaintEvent => ({
  type: 'ComplaintReopened',
  data: { ...reopenComplaint().data, reopenedAt, answerDueAt, answerDeadline },
});

const theClosing = (command: CloseComplaint, closedAt: string): ComplaintEvent => ({ type: 'ComplaintClosed', data: { ...command.data, closedAt } });

const byType = (commands: ComplaintCommand[]) => commands.map((command) => [command.type, command] as const);

describe('ReceiveComplaint', () => {
  it('records the complaint with registration due by the end of the next working day', () => {
    given([])
      .when(receiveComplaint(), at('2026-03-02T09:20:00.000Z'))
      .then([
        {
          type: 'ComplaintReceived',
          data: {
            ...receiveComplaint().data,
            registrationDueAt: '2026-03-03T23:59:59.999Z',
            registrationDeadline: { policyVersion: 'default-1', rule: 'next-working-day', from: '2026-03-02T09:15:00.000Z', days: 1, skippedDays: [] },
            // ISO 10002 8.4 / FCA: acknowledged promptly, by the end of the next working day by default.
            acknowledgementDueAt: '2026-03-03T23:59:59.999Z',
            acknowledgementDeadline: { policyVersion: 'default-1', rule: 'working-days', from: '2026-03-02T09:15:00.000Z', days: 1, skippedDays: [] },
          },
        },
      ]);
  });

  it('gives a complaint received on Friday until Monday to be registered, skipping the weekend and the holidays of the policy', () => {
    const command = receiveComplaint({ receivedAt: '2026-04-03T16:00:00.000Z' });

    given([])
      .when(command, { ...at('2026-04-03T16:01:00.000Z'), deadlinePolicy: { ...DEFAULT_DEADLINE_POLICY, holidays: ['2026-04-06'] } })
      .then([theReceipt(command, '2026-04-07T23:59:59.999Z', ['2026-04-04', '2026-04-05', '2026-04-06'])]);
  });

  it.each([
    ['an e-mail address', { email: 'office@acme.example' }],
    ['a phone number', { phone: '+374 10 123456' }],
    ['a postal address', { postalAddress: '12 Abovyan St, Yerevan' }],
  ])('accepts %s as the only way to reply', (_way, contact) => {
    const command = receiveComplaint({ complainant: { name: 'ACME Ltd', kind: 'organisation', ...contact } });

    given([]).when(command, at('2026-03-02T09:20:00.000Z')).then([theReceipt(command)]);
  });

  it('tolerates five minutes of clock drift', () => {
    const command = receiveComplaint({ receivedAt: '2026-03-02T09:20:00.000Z' });

    given([]).when(command, at('2026-03-02T09:15:00.000Z')).then([theReceipt(command)]);
  });

  it.each([
    ['a complaint without any way to reply', { complainant: { name: 'Maria Ivanova', kind: 'person' as const } }, 'no-way-to-reply', 'complainant'],
    ['a receipt time in the future, beyond five minutes of clock drift', { receivedAt: '2026-03-02T09:20:00.001Z' }, 'time-in-future', 'receivedAt'],
    ['a receipt time that is not a time', { receivedAt: 'yesterday' }, 'invalid-time', 'receivedAt'],
  ])('refuses %s', (_case, overrides, code, field) => {
    given([]).when(receiveComplaint(overrides), at('2026-03-02T09:15:00.000Z')).thenFails(code, { kind: 'invalid-input', field });
  });
});

describe('RegisterComplaint', () => {
  const receivedAt = '2026-03-02T09:15:00.000Z';
  const workingDays = { ...DEFAULT_DEADLINE_POLICY, version: 'ru-consumer-1', answerDayKind: 'working' as const, holidays: ['2026-03-09'] };
  /** The deployment calendar: Europe/Sofia, one calendar month in general, five working days for product quality. */
  const sofia = {
    ...DEFAULT_DEADLINE_POLICY,
    version: 'bg-2026',
    timeZone: 'Europe/Sofia',
    answerDays: 1,
    answerDayKind: 'months' as const,
    answerPeriodsByCategory: { 'product-quality': { count: 5, unit: 'working-days' as const } },
  };
  const promised: DeadlineExplanation = { policyVersion: 'default-1', rule: 'promised-by-officer', from: '2026-03-02T14:00:00.000Z' };

  it('registers under the reserved number with the answer due by the policy, and says why', () => {
    given(received).when(registerComplaint(), at('2026-03-02T14:00:00.000Z')).then([theRegistration()]);
  });

  type Registration = [string, { deadlinePolicy: DeadlinePolicy; category: string; answerDueAt: string; promisedAnswerBy?: string }, DeadlineExplanation];

  it.each<Registration>([
    [
      'in working days when the policy says so',
      { deadlinePolicy: workingDays, category: 'product-quality', answerDueAt: '2026-03-17T23:59:59.999Z' },
      { policyVersion: 'ru-consumer-1', rule: 'working-days', from: receivedAt, days: 10, skippedDays: ['2026-03-07', '2026-03-08', '2026-03-09', '2026-03-14', '2026-03-15'] },
    ],
    [
      'by the category’s own period, at midnight in Sofia, saying which rule applied',
      { deadlinePolicy: sofia, category: 'product-quality', answerDueAt: '2026-03-09T21:59:59.999Z' },
      { policyVersion: 'bg-2026', rule: 'working-days', from: receivedAt, days: 5, skippedDays: ['2026-03-07', '2026-03-08'], timeZone: 'Europe/Sofia', appliesTo: 'category:product-quality' },
    ],
    [
      'by the general period of one calendar month in Sofia for other categories',
      { deadlinePolicy: sofia, category: 'delivery', answerDueAt: '2026-04-02T20:59:59.999Z' },
      { policyVersion: 'bg-2026', rule: 'calendar-months', from: receivedAt, months: 1, timeZone: 'Europe/Sofia' },
    ],
    [
      'by an earlier date promised to the customer, explained as the officer’s promise',
      { deadlinePolicy: DEFAULT_DEADLINE_POLICY, category: 'product-quality', answerDueAt: '2026-03-06T17:00:00.000Z', promisedAnswerBy: '2026-03-06T17:00:00.000Z' },
      promised,
    ],
    ...['2026-03-12T23:59:59.999Z', '2026-03-12T23:59:59Z', '2026-03-13T01:59:59+02:00'].map((promisedAnswerBy): Registration => [
      `by a promise at the very end of the policy’s period, written as ${promisedAnswerBy}`,
      { deadlinePolicy: DEFAULT_DEADLINE_POLICY, category: 'product-quality', answerDueAt: promisedAnswerBy, promisedAnswerBy },
      promised,
    ]),
  ])('sets the answer due %s', (_case, { deadlinePolicy, category, answerDueAt, ...promise }, answerDeadline) => {
    given(received)
      .when(registerComplaint({ category, ...promise }), { ...at('2026-03-02T14:00:00.000Z'), deadlinePolicy })
      .then([theRegistration({ category, answerDueAt, answerDeadline })]);
  });

  it('refuses a promise beyond the category’s period', () => {
    given(received)
      .when(registerComplaint({ promisedAnswerBy: '2026-03-10T21:59:59.999Z' }), { ...at('2026-03-02T14:00:00.000Z'), deadlinePolicy: sofia })
      .thenFails('deadline-beyond-policy', { kind: 'invalid-input', field: 'promisedAnswerBy' });
  });

  it('owes a reopened case a new answer within its category’s period', () => {
    given(closed)
      .when(reopenComplaint(), { ...at('2026-04-20T08:30:00.000Z'), deadlinePolicy: sofia })
      .then([
        theReopening('2026-04-20T08:30:00.000Z', '2026-04-27T20:59:59.999Z', {
          policyVersion: 'bg-2026',
          rule: 'working-days',
          from: '2026-04-20T08:30:00.000Z',
          days: 5,
          skippedDays: ['2026-04-25', '2026-04-26'],
          timeZone: 'Europe/Sofia',
          appliesTo: 'category:product-quality',
        }),
      ]);
  });

  it('records the category together with the version of the deployment’s catalogue', () => {
    const retail: CategoryCatalogue = { version: 'retail-2', categories: [{ key: 'parking', label: 'Parking' }] };

    given(received)
      .when(registerComplaint({ category: 'parking' }), { ...at('2026-03-02T14:00:00.000Z'), categories: retail })
      .then([theRegistration({ category: 'parking', categoryCatalogueVersion: 'retail-2' })]);
  });

  it('registers a complaint only once', () => {
    const refusal = given(registered).when(registerComplaint({ registerNumber: '2026-000043' })).thenFails('complaint-already-registered');

    expect(refusal.message).toContain('2026-000042');
  });

  it.each(['42', '2026-42', '26-000042', '2026-0000042', '2026/000042'])('refuses the register number %p', (registerNumber) => {
    given(received)
      .when(registerComplaint({ registerNumber }))
      .thenFails('invalid-register-number', { kind: 'invalid-input', field: 'registerNumber' });
  });

  it('refuses a category the catalogue does not know, naming the catalogue', () => {
    const refusal = given(received)
      .when(registerComplaint({ category: 'weather' }))
      .thenFails('unknown-category', { kind: 'invalid-input', field: 'category' });

    expect(refusal.message).toContain('default-1');
  });

  it.each([
    ['a millisecond too late', '2026-03-13T00:00:00.000Z'],
    ['a month too late', '2026-04-02T12:00:00.000Z'],
    ['too late, written with an offset', '2026-03-12T23:30:00-05:00'],
  ])('refuses a promise beyond the policy’s deadline: %s', (_case, promisedAnswerBy) => {
    const refusal = given(received)
      .when(registerComplaint({ promisedAnswerBy }), at('2026-03-02T14:00:00.000Z'))
      .thenFails('deadline-beyond-policy', { kind: 'invalid-input', field: 'promisedAnswerBy' });

    expect(refusal.message).toContain('2026-03-12T23:59:59.999Z');
  });

  it.each([
    ['in the past', '2026-03-02T13:59:59.999Z', 'deadline-in-past'],
    ['that is not a time', 'next Friday', 'invalid-time'],
  ])('refuses a promised answer date %s', (_case, promisedAnswerBy, code) => {
    given(received)
      .when(registerComplaint({ promisedAnswerBy }), at('2026-03-02T14:00:00.000Z'))
      .thenFails(code, { kind: 'invalid-input', field: 'promisedAnswerBy' });
  });
});

// Seed 000: a complaint fixed on the spot at intake is numbered like every other (ISO 10002) and closed
// with the primary response as its resolution: no investigation, no manager's answer, nothing overdue.
describe('a complaint resolved at first contact', () => {
  const resolvedOnTheSpot = aComplaint().received({
    primaryResponse: 'Replaced the faulty kettle from stock and apologised.',
    resolvedOnTheSpot: true,
  });

  it('is registered and closed at once, with the primary response as its resolution', () => {
    given(resolvedOnTheSpot)
      .when(registerComplaint(), at('2026-03-02T14:00:00.000Z'))
      .then([
        theRegistration(),
        {
          type: 'ComplaintResolvedAtFirstContact',
          data: {
            complaintId: 'complaint-0001',
            resolvedBy: 'clerk-petrov',
            resolvedAt: '2026-03-02T09:15:00.000Z',
            closedAt: '2026-03-02T14:00:00.000Z',
          },
        },
      ]);
  });

  it('folds into a closed case that owes no answer', () => {
    const closed = resolvedOnTheSpot.registered().resolvedAtFirstContact().events().reduce(evolve, initialState());
    expect(closed).toMatchObject({
      status: 'closed',
      closedAt: '2026-03-02T14:00:00.000Z',
      firstContactResolution: { resolution: 'Replaced the faulty kettle from stock and apologised.', resolvedBy: 'clerk-petrov', resolvedAt: '2026-03-02T09:15:00.000Z' },
    });
    expect(closed).not.toHaveProperty('answer');
  });

  it('refuses the investigation and the answer (it is closed) but may be reopened, and is then handled in full', () => {
    const done = resolvedOnTheSpot.registered().resolvedAtFirstContact();
    given(done).when(investigateComplaint()).thenFails('complaint-closed');
    given(done).when(answerComplaint()).thenFails('complaint-closed');
    given(done.reopened())
      .when(investigateComplaint(), at('2026-04-21T09:00:00.000Z'))
      .then([theInvestigation(investigateComplaint(), '2026-04-21T09:00:00.000Z')]);
  });

  it('does not take the ordinary path when the complaint was not resolved on the spot', () => {
    given(received).when(registerComplaint(), at('2026-03-02T14:00:00.000Z')).then([theRegistration()]);
  });
});

describe('InvestigateComplaint and WaiveInvestigation', () => {
  it.each([
    ['the investigation of a registered complaint', registered, investigateComplaint(), '2026-03-04T11:00:00.000Z'],
    ['a new investigation after reopening', closed.reopened(), investigateComplaint({ rootCause: 'Leaking hose' }), '2026-04-21T10:00:00.000Z'],
  ])('records %s', (_case, history, command, investigatedAt) => {
    given(history).when(command, at(investigatedAt)).then([theInvestigation(command, investigatedAt)]);
  });

  it.each([
    ['the decision not to investigate, with the reason and who decided (21 CFR 820.198)', registered, '2026-03-04T11:00:00.000Z'],
    ['the decision not to investigate again after reopening', closed.reopened(), '2026-04-21T10:00:00.000Z'],
  ])('records %s', (_case, history, decidedAt) => {
    given(history)
      .when(waiveInvestigation(), at(decidedAt))
      .then([{ type: 'InvestigationWaived', data: { ...waiveInvestigation().data, decidedAt } }]);
  });
});

describe('AnswerComplaint', () => {
  const knownDefect = answerComplaint({ channel: 'email', summary: 'A known defect; your machine is replaced.' });

  it.each([
    ['an investigated complaint', investigated, answerComplaint(), '2026-03-06T15:00:00.000Z', '2026-04-05T23:59:59.999Z'],
    ['a complaint whose investigation was waived', registered.investigationWaived(), knownDefect, '2026-03-04T12:00:00.000Z', '2026-04-03T23:59:59.999Z'],
  ])('answers %s, signed by the manager, and sets the follow-up 30 days later', (_case, history, command, answeredAt, followUpDueAt) => {
    given(history).when(command, at(answeredAt)).then([theAnswer(command, answeredAt, followUpDueAt)]);
  });

  // 21 CFR Part 11 §11.50: a signed record shows who signed, when, and what the signature means.
  it('records the signature of the manager who signs, with its meaning and time; authorship or review when stated', () => {
    const command = answerComplaint({ signedBy: 'manager-koleva', signatureMeaning: 'authorship' });

    given(investigated)
      .when(command, { ...at('2026-03-06T15:00:00.000Z'), actor: { id: 'manager-koleva', role: 'manager' } })
      .then([theAnswer(command, '2026-03-06T15:00:00.000Z', '2026-04-05T23:59:59.999Z')]);
  });

  it('is signed by a manager: a quality officer may not sign the answer', () => {
    given(investigated)
      .when(answerComplaint({ signedBy: 'officer-georgieva' }), { actor: { id: 'officer-georgieva', role: 'quality-officer' } })
      .thenFails('manager-signature-required', { kind: 'not-permitted' });
  });

});

describe('CompensateComplaint', () => {
  it('grants a refund after the answer', () => {
    given(answered).when(compensateComplaint(), at('2026-03-09T10:00:00.000Z')).then([theCompensation(compensateComplaint(), '2026-03-09T10:00:00.000Z')]);
  });

  it.each(['apology', 'replacement', 'repair', 'free-service', 'gift'] as const)('grants %s without an amount', (kind) => {
    const command = compensateComplaint({ kind, amount: undefined, description: `A ${kind}` });
    given(answered).when(command, at('2026-03-09T10:00:00.000Z')).then([theCompensation(command, '2026-03-09T10:00:00.000Z')]);
  });

  it('grants compensation again after the follow-up', () => {
    const command = compensateComplaint({ kind: 'voucher', amount: { amountMinor: 2000, currency: 'EUR' } });
    given(followedUp.compensated()).when(command, at('2026-04-06T11:00:00.000Z')).then([theCompensation(command, '2026-04-06T11:00:00.000Z')]);
  });

  it.each(['refund', 'price-difference', 'voucher'] as const)('needs an amount for a %s', (kind) => {
    given(answered)
      .when(compensateComplaint({ kind, amount: undefined }))
      .thenFails('amount-required', { kind: 'invalid-input', field: 'amount' });
  });

  it.each([
    ['zero', 0],
    ['negative', -4999],
    ['fractional', 49.99],
    ['not a number', Number.NaN],
    ['beyond safe integers', 2 ** 53],
  ])('refuses a %s amount', (_case, amountMinor) => {
    given(answered)
      .when(compensateComplaint({ amount: { amountMinor, currency: 'EUR' } }))
      .thenFails('invalid-amount', { kind: 'invalid-input', field: 'amount.amountMinor' });
  });

  it.each(['XYZ', 'eur', 'EURO', ''])('refuses the currency %p', (currency) => {
    given(answered)
      .when(compensateComplaint({ amount: { amountMinor: 4999, currency } }))
      .thenFails('unknown-currency', { kind: 'invalid-input', field: 'amount.currency' });
  });
});

describe('RecordFollowUp', () => {
  it.each([
    ['how satisfied the customer is after the answer', answered, recordFollowUp(), '2026-04-06T10:05:00.000Z'],
    ['a second follow-up', followedUp, recordFollowUp({ contactedAt: '2026-05-06T10:00:00.000Z', satisfaction: 5, comment: undefined }), '2026-05-06T10:30:00.000Z'],
  ])('records %s, as stated', (_case, history, command, now) => {
    given(history).when(command, at(now)).then([{ type: 'FollowUpRecorded', data: command.data }]);
  });

  it.each<[string, Partial<RecordFollowUp['data']>, string, string]>([
    ['a contact before the answer', { contactedAt: '2026-03-06T14:59:59.999Z' }, 'follow-up-before-answer', 'contactedAt'],
    ['a contact before the answer, written with an offset', { contactedAt: '2026-03-06T16:30:00+02:00' }, 'follow-up-before-answer', 'contactedAt'],
    ['a contact in the future', { contactedAt: '2026-04-06T11:05:00.000Z' }, 'time-in-future', 'contactedAt'],
    ['a contact time that is not a time', { contactedAt: 'last week' }, 'invalid-time', 'contactedAt'],
    ...[0, 6, 3.5, -1].map((satisfaction): [string, Partial<RecordFollowUp['data']>, string, string] => [`satisfaction ${satisfaction}: it is a whole number from 1 to 5`, { satisfaction: satisfaction as 1 }, 'invalid-satisfaction', 'satisfaction']),
  ])('refuses %s', (_case, overrides, code, field) => {
    given(answered).when(recordFollowUp(overrides), at('2026-04-06T10:05:00.000Z')).thenFails(code, { kind: 'invalid-input', field });
  });
});

// ISO 10002 8.4 and FCA's prompt acknowledgement: every contact with the complainant is recorded.
describe('RecordContact', () => {
  const contacted = (command: ReturnType<typeof recordContact>): ComplaintEvent => ({ type: 'ComplainantContacted', data: command.data });

  it('records an acknowledgement: kind, channel, summary, when and by whom', () => {
    given(received).when(recordContact(), at('2026-03-02T16:05:00.000Z')).then([contacted(recordContact())]);
  });

  it('folds the earliest acknowledgement into the case, and every contact into its list', () => {
    const later = recordContact({ kind: 'progress-update', contactedAt: '2026-03-05T10:00:00.000Z', summary: 'The lab report is due Monday.' });
    const progressOnly = [...received.events(), contacted(later)].reduce(evolve, initialState());
    expect(progressOnly).toMatchObject({ contacts: [{ kind: 'progress-update' }] });
    expect(progressOnly).not.toHaveProperty('acknowledgedAt');
    // The acknowledgement entered after the progress update, but made before it.
    expect([...received.events(), contacted(later), contacted(recordContact())].reduce(evolve, initialState())).toMatchObject({
      acknowledgedAt: '2026-03-02T10:00:00.000Z',
      contacts: [{ kind: 'progress-update' }, { kind: 'acknowledgement', contactedBy: 'clerk-petrov' }],
    });
  });

  it.each([
    ['registered', registered],
    ['answered', answered],
    ['closed (a contact does not reopen it)', closed],
  ])('is recorded while the complaint is %s', (_status, history) => {
    const finalResponse = recordContact({ kind: 'final-response', contactedAt: '2026-05-01T10:00:00.000Z' });
    given(history).when(finalResponse, at('2026-05-01T10:05:00.000Z')).then([contacted(finalResponse)]);
  });

  it('defaults the time of contact to now', () => {
    given(received)
      .when(recordContact({ contactedAt: undefined }), at('2026-03-02T16:05:00.000Z'))
      .then([contacted(recordContact({ contactedAt: '2026-03-02T16:05:00.000Z' }))]);
  });

  it('refuses a contact in the future, before the receipt, or on a withdrawn complaint', () => {
    given(received).when(recordContact({ contactedAt: '2026-03-02T17:00:00.000Z' }), at('2026-03-02T16:05:00.000Z')).thenFails('time-in-future', { field: 'contactedAt' });
    given(received).when(recordContact({ contactedAt: '2026-03-01T17:00:00.000Z' }), at('2026-03-02T16:05:00.000Z')).thenFails('contact-before-receipt', { kind: 'invalid-input', field: 'contactedAt' });
    given(withdrawn).when(recordContact()).thenFails('complaint-withdrawn');
  });
});

describe('ReassignComplaint', () => {
  const backFromLeave = reassignComplaint({ to: 'officer-georgieva', reason: 'Back from leave.' });

  it.each([
    ['hands the complaint to another officer, recording from whom', registered, reassignComplaint(), 'officer-georgieva', '2026-03-03T09:00:00.000Z'],
    ['reassigns from whoever holds the complaint now, also after the answer', answered.reassigned(), backFromLeave, 'officer-stoyanov', '2026-03-16T09:00:00.000Z'],
  ])('%s', (_case, history, command, from, reassignedAt) => {
    given(history).when(command, at(reassignedAt)).then([{ type: 'ComplaintReassigned', data: { ...command.data, from, reassignedAt } }]);
  });

  it('refuses to reassign to the officer already responsible', () => {
    given(registered).when(reassignComplaint({ to: 'officer-georgieva' })).thenFails('already-assigned');
  });
});

describe('ExtendAnswerDeadline', () => {
  it('moves the deadline later, recording the previous one and when the customer was told', () => {
    given(registered)
      .when(extendAnswerDeadline(), at('2026-03-10T09:30:00.000Z'))
      .then([theExtension(extendAnswerDeadline(), '2026-03-12T23:59:59.999Z', '2026-03-10T09:30:00.000Z')]);
  });

  it('compares a further extension with the extended deadline', () => {
    const extended = registered.deadlineExtended();

    given(extended)
      .when(extendAnswerDeadline({ answerDueAt: '2026-03-18T23:59:59.999Z' }), at('2026-03-10T09:30:00.000Z'))
      .thenFails('deadline-not-later', { kind: 'invalid-input', field: 'answerDueAt' });
    given(extended)
      .when(extendAnswerDeadline({ answerDueAt: '2026-03-27T23:59:59.999Z' }), at('2026-03-17T09:30:00.000Z'))
      .then([theExtension(extendAnswerDeadline({ answerDueAt: '2026-03-27T23:59:59.999Z' }), '2026-03-20T23:59:59.999Z', '2026-03-17T09:30:00.000Z')]);
  });

  it.each([
    ['investigated', investigated, '2026-03-12T23:59:59.999Z', '2026-03-11T09:30:00.000Z', '2026-03-25T23:59:59.999Z'],
    ['reopened', closed.reopened(), '2026-04-30T23:59:59.999Z', '2026-04-21T09:30:00.000Z', '2026-05-08T23:59:59.999Z'],
  ])('extends while the complaint is %s', (_status, history, previousDueAt, now, answerDueAt) => {
    given(history)
      .when(extendAnswerDeadline({ answerDueAt }), at(now))
      .then([theExtension(extendAnswerDeadline({ answerDueAt }), previousDueAt, now)]);
  });

  // Issue 14: a broken promise must not be turned into a kept one after the fact.
  it('refuses once the current deadline has passed (on 13 March for a 12 March deadline)', () => {
    given(registered)
      .when(extendAnswerDeadline({ answerDueAt: '2026-03-20T23:59:59.999Z' }), at('2026-03-13T00:00:00.000Z'))
      .thenFails('deadline-already-passed', { kind: 'rule-violated' });
    given(registered)
      .when(extendAnswerDeadline({ answerDueAt: '2026-03-20T23:59:59.999Z', customerInformedAt: '2026-03-12T20:00:00.000Z' }), at('2026-03-12T23:59:59.999Z'))
      .then([theExtension(extendAnswerDeadline({ answerDueAt: '2026-03-20T23:59:59.999Z', customerInformedAt: '2026-03-12T20:00:00.000Z' }), '2026-03-12T23:59:59.999Z', '2026-03-12T23:59:59.999Z')]);
  });

  it('refuses a deadline beyond the statutory limit, eight weeks from receipt by default (FCA DISP 1.6)', () => {
    given(registered)
      .when(extendAnswerDeadline({ answerDueAt: '2027-12-31T23:59:59.999Z' }), at('2026-03-10T09:30:00.000Z'))
      .thenFails('beyond-statutory-limit', { kind: 'rule-violated' });
    given(registered)
      .when(extendAnswerDeadline({ answerDueAt: '2026-04-28T00:00:00.000Z' }), at('2026-03-10T09:30:00.000Z'))
      .thenFails('beyond-statutory-limit', { kind: 'rule-violated' });
    given(registered)
      .when(extendAnswerDeadline({ answerDueAt: '2026-04-27T23:59:59.999Z' }), at('2026-03-10T09:30:00.000Z'))
      .then([theExtension(extendAnswerDeadline({ answerDueAt: '2026-04-27T23:59:59.999Z' }), '2026-03-12T23:59:59.999Z', '2026-03-10T09:30:00.000Z')]);
  });

  it("follows the deployment's statutory limit, and counts it from the reopening of a reopened case", () => {
    const policy = { ...DEFAULT_DEADLINE_POLICY, statutoryLimitDays: 20 };
    given(registered)
      .when(extendAnswerDeadline({ answerDueAt: '2026-03-23T00:00:00.000Z' }), { ...at('2026-03-10T09:30:00.000Z'), deadlinePolicy: policy })
      .thenFails('beyond-statutory-limit');
    given(closed.reopened())
      .when(extendAnswerDeadline({ answerDueAt: '2026-05-10T23:59:59.999Z' }), { ...at('2026-04-21T09:30:00.000Z'), deadlinePolicy: policy })
      .then([theExtension(extendAnswerDeadline({ answerDueAt: '2026-05-10T23:59:59.999Z' }), '2026-04-30T23:59:59.999Z', '2026-04-21T09:30:00.000Z')]);
  });

  it.each([
    ['without a reason', { reason: '  ' }, 'reason-required', 'reason'],
    ['without when the customer was told', { customerInformedAt: undefined }, 'customer-informed-required', 'customerInformedAt'],
    ['to a deadline that is not later: the same', { answerDueAt: '2026-03-12T23:59:59.999Z' }, 'deadline-not-later', 'answerDueAt'],
    ['to a deadline that is not later: earlier', { answerDueAt: '2026-03-11T23:59:59.999Z' }, 'deadline-not-later', 'answerDueAt'],
    ['to a deadline that is not later: earlier, written with an offset', { answerDueAt: '2026-03-13T01:00:00+02:00' }, 'deadline-not-later', 'answerDueAt'],
    ['to a new deadline that is not a time', { answerDueAt: 'end of month' }, 'invalid-time', 'answerDueAt'],
    ['with a customer informed in the future', { customerInformedAt: '2026-03-10T12:00:00.000Z' }, 'time-in-future', 'customerInformedAt'],
  ])('refuses to extend %s', (_case, overrides, code, field) => {
    given(registered).when(extendAnswerDeadline(overrides), at('2026-03-10T09:30:00.000Z')).thenFails(code, { kind: 'invalid-input', field });
  });

});

describe('CloseComplaint', () => {
  it.each([
    ['answered', answered],
    ['followed up', followedUp],
  ])('closes a complaint that is %s', (_status, history) => {
    given(history).when(closeComplaint(), at('2026-04-07T09:00:00.000Z')).then([theClosing(closeComplaint(), '2026-04-07T09:00:00.000Z')]);
  });

  it('records whether the complainant accepted the outcome, and a referral to an external body with its reference', () => {
    const referral = { body: 'ombudsman', name: 'Financial Ombudsman Service', reference: 'FOS-2026-1234' } as const;
    const command = closeComplaint({ complainantAcceptedOutcome: false, referral });
    given(answered).when(command, at('2026-04-07T09:00:00.000Z')).then([theClosing(command, '2026-04-07T09:00:00.000Z')]);
  });

  it('needs the reference of a referral', () => {
    given(answered)
      .when(closeComplaint({ referral: { body: 'regulator', name: 'KZP', reference: ' ' } }))
      .thenFails('referral-reference-required', { kind: 'invalid-input', field: 'referral.reference' });
  });
});

describe('a follow-up after closing', () => {
  it('is recorded on a closed case and does not reopen it', () => {
    const closedUnfollowed = answered.closed();
    given(closedUnfollowed)
      .when(recordFollowUp(), at('2026-04-08T10:00:00.000Z'))
      .then([{ type: 'FollowUpRecorded', data: recordFollowUp().data }]);
    const followedUpAfterClosing = closedUnfollowed.followedUp().events().reduce(evolve, initialState());
    expect(followedUpAfterClosing).toMatchObject({ status: 'closed', closedAt: '2026-04-07T09:00:00.000Z', followUps: [{ satisfaction: 4 }] });
  });
});

describe('a closed complaint', () => {
  it.each(byType(everyCommandButReceive.filter((command) => command.type !== 'ReopenComplaint' && command.type !== 'RecordFollowUp')))(
    'refuses %s: only reopening, a follow-up and a contact are possible',
    (_type, command) => {
      given(closed).when(command).thenFails('complaint-closed', { kind: 'rule-violated' });
    },
  );
});

describe('ReopenComplaint', () => {
  it('reopens a closed complaint', () => {
    given(closed)
      .when(reopenComplaint(), at('2026-04-20T08:30:00.000Z'))
      .then([
        // a new answer is owed: the policy's 10 calendar days, counted from the reopening
        theReopening('2026-04-20T08:30:00.000Z', '2026-04-30T23:59:59.999Z', {
          policyVersion: 'default-1',
          rule: 'calendar-days',
          from: '2026-04-20T08:30:00.000Z',
          days: 10,
        }),
      ]);
  });

});

describe('WithdrawComplaint', () => {
  it.each([
    ['received', received],
    ['registered', registered],
    ['answered', answered],
  ])('withdraws a complaint that is %s', (_status, history) => {
    given(history)
      .when(withdrawComplaint(), at('2026-03-03T12:00:00.000Z'))
      .then([{ type: 'ComplaintWithdrawn', data: { ...withdrawComplaint().data, withdrawnAt: '2026-03-03T12:00:00.000Z' } }]);
  });

  it.each(byType(everyCommandButReceive))('after withdrawal refuses %s: nothing more is recorded', (_type, command) => {
    given(withdrawn).when(command).thenFails('complaint-withdrawn', { kind: 'rule-violated' });
  });
});

describe('a complaint never received', () => {
  it.each(byType(everyCommandButReceive))('refuses %s', (_type, command) => {
    given([]).when(command).thenFails('complaint-not-received', { kind: 'rule-violated' });
  });
});

// The lifecycle's order: each command refused in the states it does not fit, with the rule it breaks.
describe('a command out of turn', () => {
  const reopened = closed.reopened();
  const refusedWhen = (command: ComplaintCommand, code: string, states: Record<string, History>) =>
    Object.entries(states).map(([status, history]) => [command.type, status, code, history, command] as const);

  it.each([
    ...refusedWhen(receiveComplaint(), 'complaint-already-received', { received, open: registered, closed, withdrawn }),
    ...refusedWhen(registerComplaint(), 'complaint-not-received', { 'never received': [] }),
    ...[investigateComplaint(), waiveInvestigation()].flatMap((command) => [
      ...refusedWhen(command, 'registration-required', { 'only received': received }),
      ...refusedWhen(command, 'investigation-already-recorded', { investigated, waived: registered.investigationWaived() }),
      ...refusedWhen(command, 'complaint-already-answered', { answered, 'followed up': followedUp }),
    ]),
    ...refusedWhen(answerComplaint(), 'investigation-required', {
      'only received': received,
      'registered but not investigated': registered,
      'reopened but not investigated again': reopened,
    }),
    ...refusedWhen(answerComplaint(), 'complaint-already-answered', { answered, 'followed up': followedUp }),
    ...refusedWhen(compensateComplaint(), 'answer-required', { registered, investigated, reopened }),
    ...refusedWhen(recordFollowUp(), 'answer-required', { registered, investigated }),
    ...refusedWhen(reassignComplaint(), 'registration-required', { 'only received (no responsible officer yet)': received }),
    ...refusedWhen(extendAnswerDeadline(), 'registration-required', { 'only received (no deadline to extend yet)': received }),
    ...refusedWhen(extendAnswerDeadline(), 'complaint-already-answered', { answered, 'followed up': followedUp }),
    ...refusedWhen(closeComplaint(), 'answer-required', { received, registered, investigated, reopened }),
    ...refusedWhen(reopenComplaint(), 'complaint-not-closed', { received, registered, answered, 'already reopened': reopened }),
  ])('refuses %s when the complaint is %s: %s', (_type, _status, code, history, command) => {
    given(history).when(command).thenFails(code, { kind: 'rule-violated' });
  });
});

describe('the whole life of a complaint, reopened and answered again', () => {
  it('gives each step exactly its events and folds into the closed case', () => {
    let history: ComplaintEvent[] = [];
    const step = (command: ComplaintCommand, now: string, expected: ComplaintEvent[]) => {
      given(history).when(command, at(now)).then(expected);
      history = [...history, ...expected];
    };
    step(receiveComplaint(), '2026-03-02T09:20:00.000Z', [theReceipt(receiveComplaint())]);
    step(registerComplaint(), '2026-03-02T14:00:00.000Z', [theRegistration()]);
    step(reassignComplaint(), '2026-03-03T09:00:00.000Z', [
      { type: 'ComplaintReassigned', data: { ...reassignComplaint().data, from: 'officer-georgieva', reassignedAt: '2026-03-03T09:00:00.000Z' } },
    ]);
    const firstLook = investigateComplaint({ investigatedBy: 'officer-stoyanov' });
    step(firstLook, '2026-03-04T11:00:00.000Z', [theInvestigation(firstLook, '2026-03-04T11:00:00.000Z')]);
    step(answerComplaint(), '2026-03-06T15:00:00.000Z', [theAnswer(answerComplaint(), '2026-03-06T15:00:00.000Z', '2026-04-05T23:59:59.999Z')]);
    step(compensateComplaint(), '2026-03-09T10:00:00.000Z', [theCompensation(compensateComplaint(), '2026-03-09T10:00:00.000Z')]);
    const unhappy = recordFollowUp({ problemSolved: false, satisfaction: 2, comment: 'The new machine leaks.' });
    step(unhappy, '2026-04-06T10:05:00.000Z', [{ type: 'FollowUpRecorded', data: unhappy.data }]);
    step(closeComplaint({ summary: undefined }), '2026-04-07T09:00:00.000Z', [theClosing(closeComplaint({ summary: undefined }), '2026-04-07T09:00:00.000Z')]);
    step(reopenComplaint(), '2026-04-20T08:30:00.000Z', [
      theReopening('2026-04-20T08:30:00.000Z', '2026-04-30T23:59:59.999Z', { policyVersion: 'default-1', rule: 'calendar-days', from: '2026-04-20T08:30:00.000Z', days: 10 }),
    ]);
    const extension = extendAnswerDeadline({ answerDueAt: '2026-05-08T23:59:59.999Z', customerInformedAt: '2026-04-20T08:45:00.000Z' });
    step(extension, '2026-04-20T09:00:00.000Z', [theExtension(extension, '2026-04-30T23:59:59.999Z', '2026-04-20T09:00:00.000Z')]);
    const secondLook = investigateComplaint({ rootCause: 'Leaking hose fitted at the factory', investigatedBy: 'officer-stoyanov' });
    step(secondLook, '2026-04-22T10:00:00.000Z', [theInvestigation(secondLook, '2026-04-22T10:00:00.000Z')]);
    const secondAnswer = answerComplaint({ channel: 'email', summary: 'The hose is replaced and the factory informed.' });
    step(secondAnswer, '2026-04-24T12:00:00.000Z', [theAnswer(secondAnswer, '2026-04-24T12:00:00.000Z', '2026-05-24T23:59:59.999Z')]);
    const service = compensateComplaint({ kind: 'free-service', amount: undefined, description: 'A year of free maintenance' });
    step(service, '2026-04-24T12:05:00.000Z', [theCompensation(service, '2026-04-24T12:05:00.000Z')]);
    const happy = recordFollowUp({ contactedAt: '2026-05-25T09:00:00.000Z', satisfaction: 5, comment: 'All good now.' });
    step(happy, '2026-05-25T09:10:00.000Z', [{ type: 'FollowUpRecorded', data: happy.data }]);
    step(closeComplaint(), '2026-05-26T08:00:00.000Z', [theClosing(closeComplaint(), '2026-05-26T08:00:00.000Z')]);

    const state = history.reduce(evolve, initialState());
    expect(state).toMatchObject({
      status: 'closed',
      registration: { registerNumber: '2026-000042' },
      responsibleOfficer: 'officer-stoyanov',
      answerDueAt: '2026-05-08T23:59:59.999Z',
      investigation: { outcome: 'investigated', rootCause: 'Leaking hose fitted at the factory' },
      answer: { answeredAt: '2026-04-24T12:00:00.000Z', channel: 'email' },
      followUpDueAt: '2026-05-24T23:59:59.999Z',
      closedAt: '2026-05-26T08:00:00.000Z',
      reopenings: [{ reopenedAt: '2026-04-20T08:30:00.000Z', reason: 'The replacement machine fails the same way.' }],
    });
    expect(state.status !== 'none' && state.compensations.map((c) => c.kind)).toEqual(['refund', 'free-service']);
    expect(state.status !== 'none' && state.followUps.map((f) => f.satisfaction)).toEqual([2, 5]);
  });
});
