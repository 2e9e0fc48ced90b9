import { CategoryCatalogue } from '../policies/categories';
import { DEFAULT_DEADLINE_POLICY } from '../policies/deadlines';
import {
  aComplaint,
  answerComplaint,
  closeComplaint,
  compensateComplaint,
  extendAnswerDeadline,
  given,
  investigateComplaint,
  reassignComplaint,
  receiveComplaint,
  recordFollowUp,
  registerComplaint,
  reopenComplaint,
  waiveInvestigation,
  withdrawComplaint,
} from '../testing';
import { ComplaintCommand, RecordContact } from './commands';
import { ComplainantContacted, ComplaintEvent, ComplaintRegistered } from './events';
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
/** The registration the default `registerComplaint()` gives on 2 March at 14:00, with the fields a spec changes. */
const theRegistration = (overrides: Partial<ComplaintRegistered['data']> = {}): ComplaintRegistered => ({
  type: 'ComplaintRegistered',
  data: {
    complaintId: 'complaint-0001',
    registerNumber: '2026-000042',
    registeredAt: '2026-03-02T14:00:00.000Z',
    category: 'product-quality',
    categoryCatalogueVersion: 'default-1',
    severity: 'medium',
    responsibleOfficer: 'officer-georgieva',
    answerDueAt: '2026-03-12T23:59:59.999Z',
    answerDeadline: { policyVersion: 'default-1', rule: 'calendar-days', from: '2026-03-02T09:15:00.000Z', days: 10 },
    ...overrides,
  },
});

const byType = (commands: ComplaintCommand[]) => commands.map((command) => [command.type, command] as const);

describe('ReceiveComplaint', () => {
  it('records the complaint with registration due by the end of the next working day', () => {
    given([])
      .when(receiveComplaint(), at('2026-03-02T09:20:00.000Z'))
      .then([
        {
          type: 'ComplaintReceived',
          data: {
            complaintId: 'complaint-0001',
            channel: 'email',
            complainant: { name: 'Maria Ivanova', kind: 'person', email: 'maria.ivanova@example.com', phone: '+359 88 123 4567' },
            subject: { productOrService: 'Washing machine WM-300', serialNumber: 'WM300-88231', orderReference: 'ORD-2026-0311' },
            description: 'The drum stopped turning during the second wash.',
            desiredRemedy: 'Repair or replacement',
            documents: ['receipt-ORD-2026-0311.pdf'],
            receivedAt: '2026-03-02T09:15:00.000Z',
            takenBy: 'clerk-petrov',
            primaryResponse: 'Apologised, logged the serial number and promised a written answer.',
            resolvedOnTheSpot: false,
            registrationDueAt: '2026-03-03T23:59:59.999Z',
            registrationDeadline: {
              policyVersion: 'default-1',
              rule: 'next-working-day',
              from: '2026-03-02T09:15:00.000Z',
              days: 1,
              skippedDays: [],
            },
            // ISO 10002 8.4 / FCA: acknowledged promptly, by the end of the next working day by default.
            acknowledgementDueAt: '2026-03-03T23:59:59.999Z',
            acknowledgementDeadline: {
              policyVersion: 'default-1',
              rule: 'working-days',
              from: '2026-03-02T09:15:00.000Z',
              days: 1,
              skippedDays: [],
            },
          },
        },
      ]);
  });

  it('gives a complaint received on Friday until Monday to be registered, skipping the weekend and the holidays of the policy', () => {
    const command = receiveComplaint({ receivedAt: '2026-04-03T16:00:00.000Z' });

    given([])
      .when(command, { ...at('2026-04-03T16:01:00.000Z'), deadlinePolicy: { ...DEFAULT_DEADLINE_POLICY, holidays: ['2026-04-06'] } })
      .then([
        {
          type: 'ComplaintReceived',
          data: {
            ...command.data,
            registrationDueAt: '2026-04-07T23:59:59.999Z',
            registrationDeadline: {
              policyVersion: 'default-1',
              rule: 'next-working-day',
              from: '2026-04-03T16:00:00.000Z',
              days: 1,
              skippedDays: ['2026-04-04', '2026-04-05', '2026-04-06'],
            },
            acknowledgementDueAt: '2026-04-07T23:59:59.999Z',
            acknowledgementDeadline: {
              policyVersion: 'default-1',
              rule: 'working-days',
              from: '2026-04-03T16:00:00.000Z',
              days: 1,
              skippedDays: ['2026-04-04', '2026-04-05', '2026-04-06'],
            },
          },
        },
      ]);
  });

  it('receives a complaint only once', () => {
    given(received).when(receiveComplaint()).thenFails('complaint-already-received', { kind: 'rule-violated' });
  });

  it.each([
    ['open', registered],
    ['closed', closed],
    ['withdrawn', withdrawn],
  ])('does not receive a complaint again when it is %s', (_status, history) => {
    given(history).when(receiveComplaint()).thenFails('complaint-already-received');
  });

  it('refuses a complaint without any way to reply', () => {
    given([])
      .when(receiveComplaint({ complainant: { name: 'Maria Ivanova', kind: 'person' } }))
      .thenFails('no-way-to-reply', { kind: 'invalid-input', field: 'complainant' });
  });

  it.each([
    ['an e-mail address', { email: 'office@acme.example' }],
    ['a phone number', { phone: '+374 10 123456' }],
    ['a postal address', { postalAddress: '12 Abovyan St, Yerevan' }],
  ])('accepts %s as the only way to reply', (_way, contact) => {
    const command = receiveComplaint({ complainant: { name: 'ACME Ltd', kind: 'organisation', ...contact } });

    given([])
      .when(command, at('2026-03-02T09:20:00.000Z'))
      .then([
      {
        type: 'ComplaintReceived',
        data: {
          ...command.data,
          registrationDueAt: '2026-03-03T23:59:59.999Z',
          registrationDeadline: { policyVersion: 'default-1', rule: 'next-working-day', from: '2026-03-02T09:15:00.000Z', days: 1, skippedDays: [] },
          acknowledgementDueAt: '2026-03-03T23:59:59.999Z',
          acknowledgementDeadline: { policyVersion: 'default-1', rule: 'working-days', from: '2026-03-02T09:15:00.000Z', days: 1, skippedDays: [] },
        },
      },
    ]);
  });

  it('refuses a receipt time in the future, beyond five minutes of clock drift', () => {
    given([])
      .when(receiveComplaint({ receivedAt: '2026-03-02T09:20:00.001Z' }), at('2026-03-02T09:15:00.000Z'))
      .thenFails('time-in-future', { kind: 'invalid-input', field: 'receivedAt' });
  });

  it('tolerates five minutes of clock drift', () => {
    const command = receiveComplaint({ receivedAt: '2026-03-02T09:20:00.000Z' });

    given([])
      .when(command, at('2026-03-02T09:15:00.000Z'))
      .then([
        {
          type: 'ComplaintReceived',
          data: {
            ...command.data,
            registrationDueAt: '2026-03-03T23:59:59.999Z',
            registrationDeadline: { policyVersion: 'default-1', rule: 'next-working-day', from: '2026-03-02T09:20:00.000Z', days: 1, skippedDays: [] },
            acknowledgementDueAt: '2026-03-03T23:59:59.999Z',
            acknowledgementDeadline: { policyVersion: 'default-1', rule: 'working-days', from: '2026-03-02T09:20:00.000Z', days: 1, skippedDays: [] },
          },
        },
      ]);
  });

  it('refuses a receipt time that is not a time', () => {
    given([]).when(receiveComplaint({ receivedAt: 'yesterday' })).thenFails('invalid-time', { field: 'receivedAt' });
  });
});

describe('RegisterComplaint', () => {
  it('registers under the reserved number with the answer due by the policy, and says why', () => {
    given(received)
      .when(registerComplaint(), at('2026-03-02T14:00:00.000Z'))
      .then([
        {
          type: 'ComplaintRegistered',
          data: {
            complaintId: 'complaint-0001',
            registerNumber: '2026-000042',
            registeredAt: '2026-03-02T14:00:00.000Z',
            category: 'product-quality',
            categoryCatalogueVersion: 'default-1',
            severity: 'medium',
            responsibleOfficer: 'officer-georgieva',
            answerDueAt: '2026-03-12T23:59:59.999Z',
            answerDeadline: { policyVersion: 'default-1', rule: 'calendar-days', from: '2026-03-02T09:15:00.000Z', days: 10 },
          },
        },
      ]);
  });

  it('counts the answer deadline in working days when the policy says so', () => {
    const workingDays = { ...DEFAULT_DEADLINE_POLICY, version: 'ru-consumer-1', answerDayKind: 'working' as const, holidays: ['2026-03-09'] };

    given(received)
      .when(registerComplaint(), { ...at('2026-03-02T14:00:00.000Z'), deadlinePolicy: workingDays })
      .then([
        theRegistration({
          answerDueAt: '2026-03-17T23:59:59.999Z',
          answerDeadline: {
            policyVersion: 'ru-consumer-1',
            rule: 'working-days',
            from: '2026-03-02T09:15:00.000Z',
            days: 10,
            skippedDays: ['2026-03-07', '2026-03-08', '2026-03-09', '2026-03-14', '2026-03-15'],
          },
        }),
      ]);
  });

  describe('on the deployment calendar (Europe/Sofia, a period per category)', () => {
    const sofia = {
      ...DEFAULT_DEADLINE_POLICY,
      version: 'bg-2026',
      timeZone: 'Europe/Sofia',
      answerDays: 1,
      answerDayKind: 'months' as const,
      answerPeriodsByCategory: { 'product-quality': { count: 5, unit: 'working-days' as const } },
    };

    it('gives the category its own period, ending at midnight in Sofia, and says which rule applied', () => {
      given(received)
        .when(registerComplaint(), { ...at('2026-03-02T14:00:00.000Z'), deadlinePolicy: sofia })
        .then([
          theRegistration({
            answerDueAt: '2026-03-09T21:59:59.999Z',
            answerDeadline: {
              policyVersion: 'bg-2026',
              rule: 'working-days',
              from: '2026-03-02T09:15:00.000Z',
              days: 5,
              skippedDays: ['2026-03-07', '2026-03-08'],
              timeZone: 'Europe/Sofia',
              appliesTo: 'category:product-quality',
            },
          }),
        ]);
    });

    it('gives other categories the general period of one calendar month', () => {
      given(received)
        .when(registerComplaint({ category: 'delivery' }), { ...at('2026-03-02T14:00:00.000Z'), deadlinePolicy: sofia })
        .then([
          theRegistration({
            category: 'delivery',
            answerDueAt: '2026-04-02T20:59:59.999Z',
            answerDeadline: { policyVersion: 'bg-2026', rule: 'calendar-months', from: '2026-03-02T09:15:00.000Z', months: 1, timeZone: 'Europe/Sofia' },
          }),
        ]);
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
          {
            type: 'ComplaintReopened',
            data: {
              complaintId: 'complaint-0001',
              reason: 'The replacement machine fails the same way.',
              reopenedAt: '2026-04-20T08:30:00.000Z',
              answerDueAt: '2026-04-27T20:59:59.999Z',
              answerDeadline: {
                policyVersion: 'bg-2026',
                rule: 'working-days',
                from: '2026-04-20T08:30:00.000Z',
                days: 5,
                skippedDays: ['2026-04-25', '2026-04-26'],
                timeZone: 'Europe/Sofia',
                appliesTo: 'category:product-quality',
              },
            },
          },
        ]);
    });
  });

  it('keeps an earlier answer date promised to the customer, explained as the officer’s promise', () => {
    given(received)
      .when(registerComplaint({ promisedAnswerBy: '2026-03-06T17:00:00.000Z' }), at('2026-03-02T14:00:00.000Z'))
      .then([
        theRegistration({
          answerDueAt: '2026-03-06T17:00:00.000Z',
          answerDeadline: { policyVersion: 'default-1', rule: 'promised-by-officer', from: '2026-03-02T14:00:00.000Z' },
        }),
      ]);
  });

  it.each(['2026-03-12T23:59:59.999Z', '2026-03-12T23:59:59Z', '2026-03-13T01:59:59+02:00'])(
    'accepts a promise at the very end of the policy’s period, written as %s',
    (promisedAnswerBy) => {
      given(received)
        .when(registerComplaint({ promisedAnswerBy }), at('2026-03-02T14:00:00.000Z'))
        .then([
          theRegistration({
            answerDueAt: promisedAnswerBy,
            answerDeadline: { policyVersion: 'default-1', rule: 'promised-by-officer', from: '2026-03-02T14:00:00.000Z' },
          }),
        ]);
    },
  );

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

  it('registers only a received complaint', () => {
    given([]).when(registerComplaint()).thenFails('complaint-not-received', { kind: 'rule-violated' });
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

  it('refuses a promised answer date in the past', () => {
    given(received)
      .when(registerComplaint({ promisedAnswerBy: '2026-03-02T13:59:59.999Z' }), at('2026-03-02T14:00:00.000Z'))
      .thenFails('deadline-in-past', { kind: 'invalid-input', field: 'promisedAnswerBy' });
  });

  it('refuses a promised answer date that is not a time', () => {
    given(received)
      .when(registerComplaint({ promisedAnswerBy: 'next Friday' }), at('2026-03-02T14:00:00.000Z'))
      .thenFails('invalid-time', { kind: 'invalid-input', field: 'promisedAnswerBy' });
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
    given(done.reopened()).when(investigateComplaint(), at('2026-04-21T09:00:00.000Z')).then([
      { type: 'ComplaintInvestigated', data: { ...investigateComplaint().data, investigatedAt: '2026-04-21T09:00:00.000Z' } },
    ]);
  });

  it('does not take the ordinary path when the complaint was not resolved on the spot', () => {
    given(received).when(registerComplaint(), at('2026-03-02T14:00:00.000Z')).then([theRegistration()]);
  });
});

describe('InvestigateComplaint and WaiveInvestigation', () => {
  it('records the investigation of a registered complaint', () => {
    given(registered)
      .when(investigateComplaint(), at('2026-03-04T11:00:00.000Z'))
      .then([
        {
          type: 'ComplaintInvestigated',
          data: {
            complaintId: 'complaint-0001',
            verdict: 'founded',
            findings: 'The drum bearing seized; the same batch failed twice last month.',
            rootCause: 'Defective bearings in supplier batch B-17',
            responsibleParty: 'supplier',
            correctiveAction: 'Inspect every machine of batch B-17 before sale',
            investigatedBy: 'officer-georgieva',
            investigatedAt: '2026-03-04T11:00:00.000Z',
          },
        },
      ]);
  });

  it('records the decision not to investigate, with the reason and who decided (21 CFR 820.198)', () => {
    given(registered)
      .when(waiveInvestigation(), at('2026-03-04T11:00:00.000Z'))
      .then([
        {
          type: 'InvestigationWaived',
          data: {
            complaintId: 'complaint-0001',
            reason: 'A known defect of batch B-17, already investigated under 2026-000031.',
            decidedBy: 'manager-dimitrov',
            decidedAt: '2026-03-04T11:00:00.000Z',
          },
        },
      ]);
  });

  describe.each(byType([investigateComplaint(), waiveInvestigation()]))('%s', (_type, command) => {
    it('needs the complaint registered first', () => {
      given(received).when(command).thenFails('registration-required', { kind: 'rule-violated' });
    });

    it.each([
      ['investigated', investigated],
      ['waived', registered.investigationWaived()],
    ])('is recorded once: refused when already %s', (_how, history) => {
      given(history).when(command).thenFails('investigation-already-recorded');
    });

    it.each([
      ['answered', answered],
      ['followed up', followedUp],
    ])('is refused once the complaint is %s', (_status, history) => {
      given(history).when(command).thenFails('complaint-already-answered');
    });
  });

  it('investigates again after reopening', () => {
    given(closed.reopened())
      .when(investigateComplaint({ rootCause: 'Leaking hose' }), at('2026-04-21T10:00:00.000Z'))
      .then([
        {
          type: 'ComplaintInvestigated',
          data: { ...investigateComplaint({ rootCause: 'Leaking hose' }).data, investigatedAt: '2026-04-21T10:00:00.000Z' },
        },
      ]);
  });

  it('may waive the new investigation after reopening', () => {
    given(closed.reopened())
      .when(waiveInvestigation(), at('2026-04-21T10:00:00.000Z'))
      .then([{ type: 'InvestigationWaived', data: { ...waiveInvestigation().data, decidedAt: '2026-04-21T10:00:00.000Z' } }]);
  });
});

describe('AnswerComplaint', () => {
  it('answers an investigated complaint and sets the follow-up 30 days later', () => {
    given(investigated)
      .when(answerComplaint(), at('2026-03-06T15:00:00.000Z'))
      .then([
        {
          type: 'ComplaintAnswered',
          data: {
            complaintId: 'complaint-0001',
            channel: 'letter',
            summary: 'We apologise: the bearing was defective. The machine is replaced and batch B-17 inspected.',
            signedBy: 'manager-dimitrov',
            signature: { signedBy: 'manager-dimitrov', meaning: 'approval', signedAt: '2026-03-06T15:00:00.000Z' },
            answeredAt: '2026-03-06T15:00:00.000Z',
            followUpDueAt: '2026-04-05T23:59:59.999Z',
            followUpDeadline: { policyVersion: 'default-1', rule: 'calendar-days', from: '2026-03-06T15:00:00.000Z', days: 30 },
          },
        },
      ]);
  });

  it('answers when the decision not to investigate is recorded', () => {
    given(registered.investigationWaived())
      .when(answerComplaint({ channel: 'email', summary: 'A known defect; your machine is replaced.' }), at('2026-03-04T12:00:00.000Z'))
      .then([
        {
          type: 'ComplaintAnswered',
          data: {
            complaintId: 'complaint-0001',
            channel: 'email',
            summary: 'A known defect; your machine is replaced.',
            signedBy: 'manager-dimitrov',
            signature: { signedBy: 'manager-dimitrov', meaning: 'approval', signedAt: '2026-03-04T12:00:00.000Z' },
            answeredAt: '2026-03-04T12:00:00.000Z',
            followUpDueAt: '2026-04-03T23:59:59.999Z',
            followUpDeadline: { policyVersion: 'default-1', rule: 'calendar-days', from: '2026-03-04T12:00:00.000Z', days: 30 },
          },
        },
      ]);
  });

  // 21 CFR Part 11 §11.50: a signed record shows who signed, when, and what the signature means.
  it('records the signature of the manager who signs, with its meaning and time; authorship or review when stated', () => {
    given(investigated)
      .when(answerComplaint({ signedBy: 'manager-koleva', signatureMeaning: 'authorship' }), {
        ...at('2026-03-06T15:00:00.000Z'),
        actor: { id: 'manager-koleva', role: 'manager' },
      })
      .then([
        {
          type: 'ComplaintAnswered',
          data: {
            ...answerComplaint({ signedBy: 'manager-koleva' }).data,
            signature: { signedBy: 'manager-koleva', meaning: 'authorship', signedAt: '2026-03-06T15:00:00.000Z' },
            answeredAt: '2026-03-06T15:00:00.000Z',
            followUpDueAt: '2026-04-05T23:59:59.999Z',
            followUpDeadline: { policyVersion: 'default-1', rule: 'calendar-days', from: '2026-03-06T15:00:00.000Z', days: 30 },
          },
        },
      ]);
  });

  it('is signed by a manager: a quality officer may not sign the answer', () => {
    given(investigated)
      .when(answerComplaint({ signedBy: 'officer-georgieva' }), { actor: { id: 'officer-georgieva', role: 'quality-officer' } })
      .thenFails('manager-signature-required', { kind: 'not-permitted' });
  });

  it.each([
    ['only received', received],
    ['registered but not investigated', registered],
    ['reopened but not investigated again', closed.reopened()],
  ])('needs an investigation or a recorded waiver: refused when %s', (_status, history) => {
    given(history).when(answerComplaint()).thenFails('investigation-required', { kind: 'rule-violated' });
  });

  it.each([
    ['answered', answered],
    ['followed up', followedUp],
  ])('answers once: refused when already %s', (_status, history) => {
    given(history).when(answerComplaint()).thenFails('complaint-already-answered');
  });
});

describe('CompensateComplaint', () => {
  it('grants a refund after the answer', () => {
    given(answered)
      .when(compensateComplaint(), at('2026-03-09T10:00:00.000Z'))
      .then([
        {
          type: 'ComplaintCompensated',
          data: {
            complaintId: 'complaint-0001',
            kind: 'refund',
            amount: { amountMinor: 4999, currency: 'EUR' },
            description: 'Refund of the delivery fee',
            approvedBy: 'director-koleva',
            grantedAt: '2026-03-09T10:00:00.000Z',
            approval: { signedBy: 'director-koleva', meaning: 'approval', signedAt: '2026-03-09T10:00:00.000Z' },
          },
        },
      ]);
  });

  it.each(['apology', 'replacement', 'repair', 'free-service', 'gift'] as const)('grants %s without an amount', (kind) => {
    given(answered)
      .when(compensateComplaint({ kind, amount: undefined, description: `A ${kind}` }), at('2026-03-09T10:00:00.000Z'))
      .then([
        {
          type: 'ComplaintCompensated',
          data: {
            complaintId: 'complaint-0001',
            kind,
            amount: undefined,
            description: `A ${kind}`,
            approvedBy: 'director-koleva',
            grantedAt: '2026-03-09T10:00:00.000Z',
            approval: { signedBy: 'director-koleva', meaning: 'approval', signedAt: '2026-03-09T10:00:00.000Z' },
          },
        },
      ]);
  });

  it('grants compensation again after the follow-up', () => {
    given(followedUp.compensated())
      .when(compensateComplaint({ kind: 'voucher', amount: { amountMinor: 2000, currency: 'EUR' } }), at('2026-04-06T11:00:00.000Z'))
      .then([
        {
          type: 'ComplaintCompensated',
          data: {
            complaintId: 'complaint-0001',
            kind: 'voucher',
            amount: { amountMinor: 2000, currency: 'EUR' },
            description: 'Refund of the delivery fee',
            approvedBy: 'director-koleva',
            grantedAt: '2026-04-06T11:00:00.000Z',
            approval: { signedBy: 'director-koleva', meaning: 'approval', signedAt: '2026-04-06T11:00:00.000Z' },
          },
        },
      ]);
  });

  it.each([
    ['registered', registered],
    ['investigated', investigated],
    ['reopened', closed.reopened()],
  ])('comes after the answer: refused when %s', (_status, history) => {
    given(history).when(compensateComplaint()).thenFails('answer-required', { kind: 'rule-violated' });
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
  it('records how satisfied the customer is after the answer', () => {
    given(answered)
      .when(recordFollowUp(), at('2026-04-06T10:05:00.000Z'))
      .then([
        {
          type: 'FollowUpRecorded',
          data: {
            complaintId: 'complaint-0001',
            contactedAt: '2026-04-06T10:00:00.000Z',
            problemSolved: true,
            satisfaction: 4,
            comment: 'The new machine works; delivery was late again.',
          },
        },
      ]);
  });

  it('records a second follow-up', () => {
    const command = recordFollowUp({ contactedAt: '2026-05-06T10:00:00.000Z', satisfaction: 5, comment: undefined });

    given(followedUp)
      .when(command, at('2026-05-06T10:30:00.000Z'))
      .then([{ type: 'FollowUpRecorded', data: command.data }]);
  });

  it.each([
    ['registered', registered],
    ['investigated', investigated],
  ])('comes after the answer: refused when %s', (_status, history) => {
    given(history).when(recordFollowUp()).thenFails('answer-required', { kind: 'rule-violated' });
  });

  it.each(['2026-03-06T14:59:59.999Z', '2026-03-06T16:30:00+02:00'])('refuses a contact before the answer: %s', (contactedAt) => {
    given(answered)
      .when(recordFollowUp({ contactedAt }), at('2026-04-06T10:05:00.000Z'))
      .thenFails('follow-up-before-answer', { kind: 'invalid-input', field: 'contactedAt' });
  });

  it('refuses a contact in the future', () => {
    given(answered)
      .when(recordFollowUp({ contactedAt: '2026-04-06T10:00:00.000Z' }), at('2026-04-06T09:00:00.000Z'))
      .thenFails('time-in-future', { kind: 'invalid-input', field: 'contactedAt' });
  });

  it('refuses a contact time that is not a time', () => {
    given(answered).when(recordFollowUp({ contactedAt: 'last week' })).thenFails('invalid-time', { field: 'contactedAt' });
  });

  it.each([0, 6, 3.5, -1])('refuses satisfaction %p: it is a whole number from 1 to 5', (satisfaction) => {
    given(answered)
      .when(recordFollowUp({ satisfaction: satisfaction as 1 }), at('2026-04-06T10:05:00.000Z'))
      .thenFails('invalid-satisfaction', { kind: 'invalid-input', field: 'satisfaction' });
  });
});

// ISO 10002 8.4 and FCA's prompt acknowledgement: every contact with the complainant is recorded.
describe('RecordContact', () => {
  const contact = (overrides: Partial<RecordContact['data']> = {}): RecordContact => ({
    type: 'RecordContact',
    data: {
      complaintId: 'complaint-0001',
      kind: 'acknowledgement',
      channel: 'email',
      summary: 'Confirmed receipt and named the officer in charge.',
      contactedAt: '2026-03-02T16:00:00.000Z',
      contactedBy: 'officer-georgieva',
      ...overrides,
    },
  });

  it('records an acknowledgement: kind, channel, summary, when and by whom', () => {
    given(received)
      .when(contact(), at('2026-03-02T16:05:00.000Z'))
      .then([{ type: 'ComplainantContacted', data: contact().data as ComplainantContacted['data'] }]);
  });

  it('folds the earliest acknowledgement into the case, and every contact into its list', () => {
    const later = contact({ kind: 'progress-update', contactedAt: '2026-03-05T10:00:00.000Z', summary: 'The lab report is due Monday.' });
    const contacted = (command: RecordContact): ComplaintEvent => ({ type: 'ComplainantContacted', data: command.data as ComplainantContacted['data'] });
    const progressOnly = [...received.events(), contacted(later)].reduce(evolve, initialState());
    expect(progressOnly).toMatchObject({ contacts: [{ kind: 'progress-update' }] });
    expect(progressOnly).not.toHaveProperty('acknowledgedAt');
    // The acknowledgement entered after the progress update, but made before it.
    expect([...received.events(), contacted(later), contacted(contact())].reduce(evolve, initialState())).toMatchObject({
      acknowledgedAt: '2026-03-02T16:00:00.000Z',
      contacts: [{ kind: 'progress-update' }, { kind: 'acknowledgement', contactedBy: 'officer-georgieva' }],
    });
  });

  it.each([
    ['registered', registered],
    ['answered', answered],
    ['closed (a contact does not reopen it)', closed],
  ])('is recorded while the complaint is %s', (_status, history) => {
    given(history)
      .when(contact({ kind: 'final-response', contactedAt: '2026-05-01T10:00:00.000Z' }), at('2026-05-01T10:05:00.000Z'))
      .then([{ type: 'ComplainantContacted', data: contact({ kind: 'final-response', contactedAt: '2026-05-01T10:00:00.000Z' }).data as ComplainantContacted['data'] }]);
  });

  it('defaults the time of contact to now', () => {
    given(received)
      .when(contact({ contactedAt: undefined }), at('2026-03-02T16:05:00.000Z'))
      .then([{ type: 'ComplainantContacted', data: { ...contact().data, contactedAt: '2026-03-02T16:05:00.000Z' } as ComplainantContacted['data'] }]);
  });

  it('refuses a contact in the future, before the receipt, or on a withdrawn complaint', () => {
    given(received).when(contact({ contactedAt: '2026-03-02T17:00:00.000Z' }), at('2026-03-02T16:05:00.000Z')).thenFails('time-in-future', { field: 'contactedAt' });
    given(received).when(contact({ contactedAt: '2026-03-01T17:00:00.000Z' }), at('2026-03-02T16:05:00.000Z')).thenFails('contact-before-receipt', { kind: 'invalid-input', field: 'contactedAt' });
    given(withdrawn).when(contact()).thenFails('complaint-withdrawn');
  });
});

describe('ReassignComplaint', () => {
  it('hands the complaint to another officer, recording from whom', () => {
    given(registered)
      .when(reassignComplaint(), at('2026-03-03T09:00:00.000Z'))
      .then([
        {
          type: 'ComplaintReassigned',
          data: {
            complaintId: 'complaint-0001',
            to: 'officer-stoyanov',
            reason: 'Officer Georgieva is on leave.',
            from: 'officer-georgieva',
            reassignedAt: '2026-03-03T09:00:00.000Z',
          },
        },
      ]);
  });

  it('reassigns from whoever holds the complaint now, also after the answer', () => {
    given(answered.reassigned())
      .when(reassignComplaint({ to: 'officer-georgieva', reason: 'Back from leave.' }), at('2026-03-16T09:00:00.000Z'))
      .then([
        {
          type: 'ComplaintReassigned',
          data: {
            complaintId: 'complaint-0001',
            to: 'officer-georgieva',
            reason: 'Back from leave.',
            from: 'officer-stoyanov',
            reassignedAt: '2026-03-16T09:00:00.000Z',
          },
        },
      ]);
  });

  it('needs a responsible officer, named at registration', () => {
    given(received).when(reassignComplaint()).thenFails('registration-required', { kind: 'rule-violated' });
  });

  it('refuses to reassign to the officer already responsible', () => {
    given(registered).when(reassignComplaint({ to: 'officer-georgieva' })).thenFails('already-assigned');
  });
});

describe('ExtendAnswerDeadline', () => {
  it('moves the deadline later, recording the previous one and when the customer was told', () => {
    given(registered)
      .when(extendAnswerDeadline(), at('2026-03-10T09:30:00.000Z'))
      .then([
        {
          type: 'AnswerDeadlineExtended',
          data: {
            complaintId: 'complaint-0001',
            answerDueAt: '2026-03-20T23:59:59.999Z',
            reason: "Waiting for the supplier's laboratory report.",
            customerInformedAt: '2026-03-10T09:00:00.000Z',
            customerInformedVia: 'phone',
            previousDueAt: '2026-03-12T23:59:59.999Z',
            answerDeadline: { policyVersion: 'default-1', rule: 'extended', from: '2026-03-10T09:30:00.000Z' },
          },
        },
      ]);
  });

  it('compares a further extension with the extended deadline', () => {
    const extended = registered.deadlineExtended();

    given(extended)
      .when(extendAnswerDeadline({ answerDueAt: '2026-03-18T23:59:59.999Z' }), at('2026-03-10T09:30:00.000Z'))
      .thenFails('deadline-not-later', { kind: 'invalid-input', field: 'answerDueAt' });
    given(extended)
      .when(extendAnswerDeadline({ answerDueAt: '2026-03-27T23:59:59.999Z' }), at('2026-03-17T09:30:00.000Z'))
      .then([
        {
          type: 'AnswerDeadlineExtended',
          data: {
            ...extendAnswerDeadline({ answerDueAt: '2026-03-27T23:59:59.999Z' }).data,
            previousDueAt: '2026-03-20T23:59:59.999Z',
            answerDeadline: { policyVersion: 'default-1', rule: 'extended', from: '2026-03-17T09:30:00.000Z' },
          },
        },
      ]);
  });

  it.each([
    ['investigated', investigated, '2026-03-12T23:59:59.999Z', '2026-03-11T09:30:00.000Z', '2026-03-25T23:59:59.999Z'],
    ['reopened', closed.reopened(), '2026-04-30T23:59:59.999Z', '2026-04-21T09:30:00.000Z', '2026-05-08T23:59:59.999Z'],
  ])('extends while the complaint is %s', (_status, history, previousDueAt, now, answerDueAt) => {
    given(history)
      .when(extendAnswerDeadline({ answerDueAt }), at(now))
      .then([
        {
          type: 'AnswerDeadlineExtended',
          data: {
            ...extendAnswerDeadline({ answerDueAt }).data,
            previousDueAt,
            answerDeadline: { policyVersion: 'default-1', rule: 'extended', from: now },
          },
        },
      ]);
  });

  // Issue 14: a broken promise must not be turned into a kept one after the fact.
  it('refuses once the current deadline has passed (on 13 March for a 12 March deadline)', () => {
    given(registered)
      .when(extendAnswerDeadline({ answerDueAt: '2026-03-20T23:59:59.999Z' }), at('2026-03-13T00:00:00.000Z'))
      .thenFails('deadline-already-passed', { kind: 'rule-violated' });
    given(registered)
      .when(extendAnswerDeadline({ answerDueAt: '2026-03-20T23:59:59.999Z', customerInformedAt: '2026-03-12T20:00:00.000Z' }), at('2026-03-12T23:59:59.999Z'))
      .then([
        {
          type: 'AnswerDeadlineExtended',
          data: {
            ...extendAnswerDeadline({ answerDueAt: '2026-03-20T23:59:59.999Z', customerInformedAt: '2026-03-12T20:00:00.000Z' }).data,
            previousDueAt: '2026-03-12T23:59:59.999Z',
            answerDeadline: { policyVersion: 'default-1', rule: 'extended', from: '2026-03-12T23:59:59.999Z' },
          },
        },
      ]);
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
      .then([
        {
          type: 'AnswerDeadlineExtended',
          data: {
            ...extendAnswerDeadline({ answerDueAt: '2026-04-27T23:59:59.999Z' }).data,
            previousDueAt: '2026-03-12T23:59:59.999Z',
            answerDeadline: { policyVersion: 'default-1', rule: 'extended', from: '2026-03-10T09:30:00.000Z' },
          },
        },
      ]);
  });

  it("follows the deployment's statutory limit, and counts it from the reopening of a reopened case", () => {
    const policy = { ...DEFAULT_DEADLINE_POLICY, statutoryLimitDays: 20 };
    given(registered)
      .when(extendAnswerDeadline({ answerDueAt: '2026-03-23T00:00:00.000Z' }), { ...at('2026-03-10T09:30:00.000Z'), deadlinePolicy: policy })
      .thenFails('beyond-statutory-limit');
    given(closed.reopened())
      .when(extendAnswerDeadline({ answerDueAt: '2026-05-10T23:59:59.999Z' }), { ...at('2026-04-21T09:30:00.000Z'), deadlinePolicy: policy })
      .then([
        {
          type: 'AnswerDeadlineExtended',
          data: {
            ...extendAnswerDeadline({ answerDueAt: '2026-05-10T23:59:59.999Z' }).data,
            previousDueAt: '2026-04-30T23:59:59.999Z',
            answerDeadline: { policyVersion: 'default-1', rule: 'extended', from: '2026-04-21T09:30:00.000Z' },
          },
        },
      ]);
  });

  it('needs a reason and when the customer was told', () => {
    given(registered)
      .when(extendAnswerDeadline({ reason: '  ' }), at('2026-03-10T09:30:00.000Z'))
      .thenFails('reason-required', { kind: 'invalid-input', field: 'reason' });
    given(registered)
      .when(extendAnswerDeadline({ customerInformedAt: undefined }), at('2026-03-10T09:30:00.000Z'))
      .thenFails('customer-informed-required', { kind: 'invalid-input', field: 'customerInformedAt' });
  });

  it.each([
    ['the same', '2026-03-12T23:59:59.999Z'],
    ['earlier', '2026-03-11T23:59:59.999Z'],
    ['earlier, written with an offset', '2026-03-13T01:00:00+02:00'],
  ])('refuses a deadline that is not later: %s', (_case, answerDueAt) => {
    given(registered)
      .when(extendAnswerDeadline({ answerDueAt }), at('2026-03-10T09:30:00.000Z'))
      .thenFails('deadline-not-later', { kind: 'invalid-input', field: 'answerDueAt' });
  });

  it('refuses a new deadline that is not a time', () => {
    given(registered)
      .when(extendAnswerDeadline({ answerDueAt: 'end of month' }), at('2026-03-10T09:30:00.000Z'))
      .thenFails('invalid-time', { kind: 'invalid-input', field: 'answerDueAt' });
  });

  it('refuses a customer informed in the future', () => {
    given(registered)
      .when(extendAnswerDeadline({ customerInformedAt: '2026-03-10T12:00:00.000Z' }), at('2026-03-10T09:30:00.000Z'))
      .thenFails('time-in-future', { kind: 'invalid-input', field: 'customerInformedAt' });
  });

  it('needs a deadline to extend, set at registration', () => {
    given(received).when(extendAnswerDeadline()).thenFails('registration-required', { kind: 'rule-violated' });
  });

  it.each([
    ['answered', answered],
    ['followed up', followedUp],
  ])('has nothing to extend once the complaint is %s', (_status, history) => {
    given(history).when(extendAnswerDeadline()).thenFails('complaint-already-answered');
  });
});

describe('CloseComplaint', () => {
  it.each([
    ['answered', answered],
    ['followed up', followedUp],
  ])('closes a complaint that is %s', (_status, history) => {
    given(history)
      .when(closeComplaint(), at('2026-04-07T09:00:00.000Z'))
      .then([
        {
          type: 'ComplaintClosed',
          data: { complaintId: 'complaint-0001', summary: 'Machine replaced, customer satisfied.', closedAt: '2026-04-07T09:00:00.000Z' },
        },
      ]);
  });

  it.each([
    ['received', received],
    ['registered', registered],
    ['investigated', investigated],
    ['reopened', closed.reopened()],
  ])('needs an answer first: refused when %s', (_status, history) => {
    given(history).when(closeComplaint()).thenFails('answer-required', { kind: 'rule-violated' });
  });

  it('records whether the complainant accepted the outcome, and a referral to an external body with its reference', () => {
    const referral = { body: 'ombudsman', name: 'Financial Ombudsman Service', reference: 'FOS-2026-1234' } as const;
    given(answered)
      .when(closeComplaint({ complainantAcceptedOutcome: false, referral }), at('2026-04-07T09:00:00.000Z'))
      .then([
        {
          type: 'ComplaintClosed',
          data: {
            complaintId: 'complaint-0001',
            summary: 'Machine replaced, customer satisfied.',
            complainantAcceptedOutcome: false,
            referral,
            closedAt: '2026-04-07T09:00:00.000Z',
          },
        },
      ]);
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
        {
          type: 'ComplaintReopened',
          data: {
            complaintId: 'complaint-0001',
            reason: 'The replacement machine fails the same way.',
            reopenedAt: '2026-04-20T08:30:00.000Z',
            // a new answer is owed: the policy's 10 calendar days, counted from the reopening
            answerDueAt: '2026-04-30T23:59:59.999Z',
            answerDeadline: { policyVersion: 'default-1', rule: 'calendar-days', from: '2026-04-20T08:30:00.000Z', days: 10 },
          },
        },
      ]);
  });

  it.each([
    ['received', received],
    ['registered', registered],
    ['answered', answered],
    ['already reopened', closed.reopened()],
  ])('reopens only a closed complaint: refused when %s', (_status, history) => {
    given(history).when(reopenComplaint()).thenFails('complaint-not-closed', { kind: 'rule-violated' });
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
      .then([
        {
          type: 'ComplaintWithdrawn',
          data: { complaintId: 'complaint-0001', reason: 'The customer repaired the machine privately.', withdrawnAt: '2026-03-03T12:00:00.000Z' },
        },
      ]);
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

describe('the whole life of a complaint, reopened and answered again', () => {
  it('gives each step exactly its events and folds into the closed case', () => {
    let history: ComplaintEvent[] = [];
    const step = (command: ComplaintCommand, now: string, expected: ComplaintEvent[]) => {
      given(history).when(command, at(now)).then(expected);
      history = [...history, ...expected];
    };
    const complaintId = 'complaint-0001';

    step(receiveComplaint(), '2026-03-02T09:20:00.000Z', [
      {
        type: 'ComplaintReceived',
        data: {
          ...receiveComplaint().data,
          registrationDueAt: '2026-03-03T23:59:59.999Z',
          registrationDeadline: { policyVersion: 'default-1', rule: 'next-working-day', from: '2026-03-02T09:15:00.000Z', days: 1, skippedDays: [] },
          acknowledgementDueAt: '2026-03-03T23:59:59.999Z',
          acknowledgementDeadline: { policyVersion: 'default-1', rule: 'working-days', from: '2026-03-02T09:15:00.000Z', days: 1, skippedDays: [] },
        },
      },
    ]);
    step(registerComplaint(), '2026-03-02T14:00:00.000Z', [
      {
        type: 'ComplaintRegistered',
        data: {
          complaintId,
          registerNumber: '2026-000042',
          registeredAt: '2026-03-02T14:00:00.000Z',
          category: 'product-quality',
          categoryCatalogueVersion: 'default-1',
          severity: 'medium',
          responsibleOfficer: 'officer-georgieva',
          answerDueAt: '2026-03-12T23:59:59.999Z',
          answerDeadline: { policyVersion: 'default-1', rule: 'calendar-days', from: '2026-03-02T09:15:00.000Z', days: 10 },
        },
      },
    ]);
    step(reassignComplaint(), '2026-03-03T09:00:00.000Z', [
      {
        type: 'ComplaintReassigned',
        data: { ...reassignComplaint().data, from: 'officer-georgieva', reassignedAt: '2026-03-03T09:00:00.000Z' },
      },
    ]);
    step(investigateComplaint({ investigatedBy: 'officer-stoyanov' }), '2026-03-04T11:00:00.000Z', [
      {
        type: 'ComplaintInvestigated',
        data: { ...investigateComplaint({ investigatedBy: 'officer-stoyanov' }).data, investigatedAt: '2026-03-04T11:00:00.000Z' },
      },
    ]);
    step(answerComplaint(), '2026-03-06T15:00:00.000Z', [
      {
        type: 'ComplaintAnswered',
        data: {
          ...answerComplaint().data,
          signature: { signedBy: 'manager-dimitrov', meaning: 'approval', signedAt: '2026-03-06T15:00:00.000Z' },
          answeredAt: '2026-03-06T15:00:00.000Z',
          followUpDueAt: '2026-04-05T23:59:59.999Z',
          followUpDeadline: { policyVersion: 'default-1', rule: 'calendar-days', from: '2026-03-06T15:00:00.000Z', days: 30 },
        },
      },
    ]);
    step(compensateComplaint(), '2026-03-09T10:00:00.000Z', [
      {
        type: 'ComplaintCompensated',
        data: {
          ...compensateComplaint().data,
          approval: { signedBy: 'director-koleva', meaning: 'approval', signedAt: '2026-03-09T10:00:00.000Z' },
          grantedAt: '2026-03-09T10:00:00.000Z',
        },
      },
    ]);
    const unhappy = recordFollowUp({ problemSolved: false, satisfaction: 2, comment: 'The new machine leaks.' });
    step(unhappy, '2026-04-06T10:05:00.000Z', [{ type: 'FollowUpRecorded', data: unhappy.data }]);
    step(closeComplaint({ summary: undefined }), '2026-04-07T09:00:00.000Z', [
      { type: 'ComplaintClosed', data: { complaintId, summary: undefined, closedAt: '2026-04-07T09:00:00.000Z' } },
    ]);
    step(reopenComplaint(), '2026-04-20T08:30:00.000Z', [
      {
        type: 'ComplaintReopened',
        data: {
          ...reopenComplaint().data,
          reopenedAt: '2026-04-20T08:30:00.000Z',
          answerDueAt: '2026-04-30T23:59:59.999Z',
          answerDeadline: { policyVersion: 'default-1', rule: 'calendar-days', from: '2026-04-20T08:30:00.000Z', days: 10 },
        },
      },
    ]);
    const extension = extendAnswerDeadline({ answerDueAt: '2026-05-08T23:59:59.999Z', customerInformedAt: '2026-04-20T08:45:00.000Z' });
    step(extension, '2026-04-20T09:00:00.000Z', [
      {
        type: 'AnswerDeadlineExtended',
        data: {
          ...extension.data,
          previousDueAt: '2026-04-30T23:59:59.999Z',
          answerDeadline: { policyVersion: 'default-1', rule: 'extended', from: '2026-04-20T09:00:00.000Z' },
        },
      },
    ]);
    const secondLook = investigateComplaint({ rootCause: 'Leaking hose fitted at the factory', investigatedBy: 'officer-stoyanov' });
    step(secondLook, '2026-04-22T10:00:00.000Z', [
      { type: 'ComplaintInvestigated', data: { ...secondLook.data, investigatedAt: '2026-04-22T10:00:00.000Z' } },
    ]);
    const secondAnswer = answerComplaint({ channel: 'email', summary: 'The hose is replaced and the factory informed.' });
    step(secondAnswer, '2026-04-24T12:00:00.000Z', [
      {
        type: 'ComplaintAnswered',
        data: {
          ...secondAnswer.data,
          signature: { signedBy: 'manager-dimitrov', meaning: 'approval', signedAt: '2026-04-24T12:00:00.000Z' },
          answeredAt: '2026-04-24T12:00:00.000Z',
          followUpDueAt: '2026-05-24T23:59:59.999Z',
          followUpDeadline: { policyVersion: 'default-1', rule: 'calendar-days', from: '2026-04-24T12:00:00.000Z', days: 30 },
        },
      },
    ]);
    const service = compensateComplaint({ kind: 'free-service', amount: undefined, description: 'A year of free maintenance' });
    step(service, '2026-04-24T12:05:00.000Z', [
      {
        type: 'ComplaintCompensated',
        data: {
          ...service.data,
          approval: { signedBy: 'director-koleva', meaning: 'approval', signedAt: '2026-04-24T12:05:00.000Z' },
          grantedAt: '2026-04-24T12:05:00.000Z',
        },
      },
    ]);
    const happy = recordFollowUp({ contactedAt: '2026-05-25T09:00:00.000Z', satisfaction: 5, comment: 'All good now.' });
    step(happy, '2026-05-25T09:10:00.000Z', [{ type: 'FollowUpRecorded', data: happy.data }]);
    step(closeComplaint(), '2026-05-26T08:00:00.000Z', [
      { type: 'ComplaintClosed', data: { ...closeComplaint().data, closedAt: '2026-05-26T08:00:00.000Z' } },
    ]);

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
