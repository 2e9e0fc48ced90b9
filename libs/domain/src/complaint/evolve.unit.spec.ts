import { aComplaint, aHistoryNamingEverywhere, ComplaintHistoryBuilder, receiveComplaint, theErasure } from '../testing';
import { ComplaintEvent } from './events';
import { ERASED } from './personal-data';
import { evolve } from './evolve';
import { ComplaintState, initialState } from './state';

const fold = (history: ComplaintHistoryBuilder | ComplaintEvent[]): ComplaintState =>
  (Array.isArray(history) ? history : history.events()).reduce(evolve, initialState());

/** What every folded case of the ordinary complaint starts with: the facts of its receipt. */
const theReceipt = {
  // What was received is the command's data as the builders send it; the rest is what receipt adds.
  ...receiveComplaint().data,
  registrationDueAt: '2026-03-03T23:59:59.999Z',
  registrationDeadline: { policyVersion: 'default-1', rule: 'next-working-day', from: '2026-03-02T09:15:00.000Z', days: 1, skippedDays: [] },
  acknowledgementDueAt: '2026-03-03T23:59:59.999Z',
  acknowledgementDeadline: { policyVersion: 'default-1', rule: 'working-days', from: '2026-03-02T09:15:00.000Z', days: 1, skippedDays: [] },
  contacts: [],
};

const theRegistration = {
  registration: {
    registerNumber: '2026-000042',
    registeredAt: '2026-03-02T14:00:00.000Z',
    category: 'product-quality',
    categoryCatalogueVersion: 'default-1',
    severity: 'medium',
  },
  responsibleOfficer: 'officer-georgieva',
  answerDueAt: '2026-03-12T23:59:59.999Z',
  firstAnswerDueAt: '2026-03-12T23:59:59.999Z',
  answerDeadline: { policyVersion: 'default-1', rule: 'calendar-days', from: '2026-03-02T09:15:00.000Z', days: 10 },
} as const;

describe('evolve', () => {
  it('starts from no complaint', () => {
    expect(fold([])).toStrictEqual({ status: 'none' });
  });

  it('folds a received complaint, keeping when registration and acknowledgement are due and how that was worked out', () => {
    expect(fold(aComplaint().received())).toStrictEqual({
      ...theReceipt,
      status: 'received',
      compensations: [],
      followUps: [],
      reopenings: [],
    });
  });

  it('folds a full history into the closed case', () => {
    const history = aComplaint()
      .received()
      .registered()
      .reassigned()
      .deadlineExtended()
      .investigated({ investigatedBy: 'officer-stoyanov' })
      .answered()
      .compensated()
      .followedUp()
      .closed();

    expect(fold(history)).toStrictEqual({
      ...theReceipt,
      status: 'closed',
      ...theRegistration,
      responsibleOfficer: 'officer-stoyanov',
      answerDueAt: '2026-03-20T23:59:59.999Z',
      answerDeadline: { policyVersion: 'default-1', rule: 'extended', from: '2026-03-10T09:30:00.000Z' },
      investigation: {
        outcome: 'investigated',
        verdict: 'founded',
        findings: 'The drum bearing seized; the same batch failed twice last month.',
        rootCause: 'Defective bearings in supplier batch B-17',
        responsibleParty: 'supplier',
        correctiveAction: 'Inspect every machine of batch B-17 before sale',
        investigatedBy: 'officer-stoyanov',
        investigatedAt: '2026-03-04T11:00:00.000Z',
      },
      answer: {
        channel: 'letter',
        summary: 'We apologise: the bearing was defective. The machine is replaced and batch B-17 inspected.',
        signedBy: 'manager-dimitrov',
        signature: { signedBy: 'manager-dimitrov', meaning: 'approval', signedAt: '2026-03-06T15:00:00.000Z' },
        answeredAt: '2026-03-06T15:00:00.000Z',
      },
      followUpDueAt: '2026-04-05T23:59:59.999Z',
      followUpDeadline: { policyVersion: 'default-1', rule: 'calendar-days', from: '2026-03-06T15:00:00.000Z', days: 30 },
      firstAnswer: { answeredAt: '2026-03-06T15:00:00.000Z', answerDueAt: '2026-03-20T23:59:59.999Z' },
      latestConclusions: { verdict: 'founded', rootCause: 'Defective bearings in supplier batch B-17', responsibleParty: 'supplier' },
      compensations: [
        {
          kind: 'refund',
          amount: { amountMinor: 4999, currency: 'EUR' },
          description: 'Refund of the delivery fee',
          approvedBy: 'director-koleva',
          approval: { signedBy: 'director-koleva', meaning: 'approval', signedAt: '2026-03-09T10:00:00.000Z' },
          grantedAt: '2026-03-09T10:00:00.000Z',
        },
      ],
      followUps: [
        {
          contactedAt: '2026-04-06T10:00:00.000Z',
          problemSolved: true,
          satisfaction: 4,
          comment: 'The new machine works; delivery was late again.',
        },
      ],
      latestFollowUp: {
        contactedAt: '2026-04-06T10:00:00.000Z',
        problemSolved: true,
        satisfaction: 4,
        comment: 'The new machine works; delivery was late again.',
      },
      followUpKept: false,
      closedAt: '2026-04-07T09:00:00.000Z',
      closing: { summary: 'Machine replaced, customer satisfied.' },
      reopenings: [],
    });
  });

  it.each<[string, ComplaintHistoryBuilder, string]>([
    ['received', aComplaint().received(), 'received'],
    ['registered', aComplaint().received().registered(), 'registered'],
    ['reassigned', aComplaint().received().registered().reassigned(), 'registered'],
    ['given more time', aComplaint().received().registered().deadlineExtended(), 'registered'],
    ['investigated', aComplaint().received().registered().investigated(), 'investigated'],
    ['not investigated, by decision', aComplaint().received().registered().investigationWaived(), 'investigated'],
    ['answered', aComplaint().received().registered().investigated().answered(), 'answered'],
    ['compensated', aComplaint().received().registered().investigated().answered().compensated(), 'answered'],
    ['followed up', aComplaint().received().registered().investigated().answered().followedUp(), 'followed-up'],
    ['compensated after the follow-up', aComplaint().received().registered().investigated().answered().followedUp().compensated(), 'followed-up'],
    ['closed', aComplaint().received().registered().investigated().answered().closed(), 'closed'],
    ['reopened', aComplaint().received().registered().investigated().answered().closed().reopened(), 'reopened'],
    ['withdrawn', aComplaint().received().registered().withdrawn(), 'withdrawn'],
  ])('a complaint %s has status %s', (_story, history, status) => {
    expect(fold(history).status).toBe(status);
  });

  it('records a decision not to investigate as the investigation, with reason and who decided', () => {
    expect(fold(aComplaint().received().registered().investigationWaived())).toMatchObject({
      status: 'investigated',
      investigation: {
        outcome: 'waived',
        reason: 'A known defect of batch B-17, already investigated under 2026-000031.',
        decidedBy: 'manager-dimitrov',
        decidedAt: '2026-03-04T11:00:00.000Z',
      },
    });
  });

  it('forgets the investigation, answer and follow-up of the round on reopening, keeping registration, compensations, follow-ups and the first answer', () => {
    const reopened = aComplaint().received().registered().investigated().answered().compensated().followedUp().closed().reopened();
    const before = fold(aComplaint().received().registered().investigated().answered().compensated().followedUp());

    expect(fold(reopened)).toEqual({
      ...before,
      status: 'reopened',
      investigation: undefined,
      answer: undefined,
      followUpDueAt: undefined,
      followUpDeadline: undefined,
      latestFollowUp: undefined,
      followUpKept: undefined,
      closedAt: undefined,
      answerDueAt: '2026-04-30T23:59:59.999Z',
      answerDeadline: { policyVersion: 'default-1', rule: 'calendar-days', from: '2026-04-20T08:30:00.000Z', days: 10 },
      reopenings: [{ reopenedAt: '2026-04-20T08:30:00.000Z', reason: 'The replacement machine fails the same way.' }],
    });
  });

  it('keeps the latest investigation and answer after re-answering, and every reopening', () => {
    const history = aComplaint()
      .received()
      .registered()
      .investigated()
      .answered()
      .closed()
      .reopened()
      .investigated({ rootCause: 'Leaking hose fitted at the factory', investigatedAt: '2026-04-22T10:00:00.000Z' })
      .answered({ summary: 'The hose is replaced.', answeredAt: '2026-04-24T12:00:00.000Z' })
      .closed({ closedAt: '2026-04-27T08:00:00.000Z' })
      .reopened({ reopenedAt: '2026-05-11T08:00:00.000Z', reason: 'Noise on spinning.' });

    expect(fold(history)).toMatchObject({
      status: 'reopened',
      reopenings: [
        { reopenedAt: '2026-04-20T08:30:00.000Z', reason: 'The replacement machine fails the same way.' },
        { reopenedAt: '2026-05-11T08:00:00.000Z', reason: 'Noise on spinning.' },
      ],
    });
    const reanswered = fold(history.events().slice(0, -1));
    expect(reanswered).toMatchObject({
      status: 'closed',
      closedAt: '2026-04-27T08:00:00.000Z',
      investigation: { outcome: 'investigated', rootCause: 'Leaking hose fitted at the factory' },
      answer: { summary: 'The hose is replaced.', answeredAt: '2026-04-24T12:00:00.000Z' },
      followUpDueAt: '2026-05-24T23:59:59.999Z',
    });
  });

  it('records the withdrawal with its reason', () => {
    expect(fold(aComplaint().received().registered().withdrawn())).toStrictEqual({
      ...theReceipt,
      ...theRegistration,
      status: 'withdrawn',
      compensations: [],
      followUps: [],
      reopenings: [],
      withdrawal: { withdrawnAt: '2026-03-03T12:00:00.000Z', reason: 'The customer repaired the machine privately.' },
    });
  });

  it('ignores events of a complaint that was never received', () => {
    const orphans = aComplaint().registered().investigated().events();

    expect(fold(orphans)).toStrictEqual({ status: 'none' });
  });

  it('marks the personal data erased and shows every personal field as erased, keeping the rest of the case', () => {
    const history = aComplaint().received().registered().investigated().answered().followedUp().events();
    const before = fold(history);
    const after = fold([...history, theErasure]);

    expect(after).toStrictEqual({
      ...before,
      complainant: { kind: 'person', name: ERASED, email: ERASED, phone: ERASED },
      subject: { productOrService: 'Washing machine WM-300', serialNumber: ERASED, orderReference: ERASED },
      description: ERASED,
      desiredRemedy: ERASED,
      documents: (before as { documents: string[] }).documents.map(() => ERASED),
      primaryResponse: ERASED,
      investigation: { ...(before as { investigation: object }).investigation, findings: ERASED, correctiveAction: ERASED },
      answer: { ...(before as { answer: object }).answer, summary: ERASED },
      followUps: (before as { followUps: Array<{ comment?: string }> }).followUps.map((f) => (f.comment === undefined ? f : { ...f, comment: ERASED })),
      latestFollowUp: { ...(before as { latestFollowUp: object }).latestFollowUp, comment: ERASED },
      personalDataErasedAt: '2026-05-01T08:00:00.000Z',
    });
  });

  it('erases every sealed field of the case, whichever events wrote them: no personal text is left in the folded case', () => {
    const name = 'Zoya Quillfeather';
    const history = aHistoryNamingEverywhere(name);
    expect(JSON.stringify(fold(history))).toContain(name);
    const after = fold([...history, theErasure]);
    expect(JSON.stringify(after)).not.toContain(name);
    expect(after).toMatchObject({ status: 'withdrawn', subject: { productOrService: 'Kettle' }, reopenings: [{ reason: ERASED }], withdrawal: { reason: ERASED } });
  });

  describe('remembers what a later round replaces (the read models show it)', () => {
    // The first round: given more time, investigated, answered a day after even the extended deadline.
    const firstRound = aComplaint().received().registered().deadlineExtended().investigated().answered({ answeredAt: '2026-03-21T10:00:00.000Z' });
    const answeredLate = firstRound
      .closed({ closedAt: '2026-03-25T10:00:00.000Z' })
      .reopened({ reopenedAt: '2026-04-20T08:30:00.000Z' })
      .investigationWaived({ decidedAt: '2026-04-21T10:00:00.000Z' })
      .answered({ answeredAt: '2026-04-22T10:00:00.000Z' });

    it('given a reopened case answered again, the first answer and the deadline in force then', () => {
      expect(fold(answeredLate)).toMatchObject({
        answer: { answeredAt: '2026-04-22T10:00:00.000Z' },
        firstAnswer: { answeredAt: '2026-03-21T10:00:00.000Z', answerDueAt: '2026-03-20T23:59:59.999Z' },
        firstAnswerDueAt: '2026-03-12T23:59:59.999Z',
      });
    });

    it('given a waiver after an investigation and a reopening, the latest investigation’s conclusions', () => {
      const folded = fold(answeredLate);
      expect(folded).toMatchObject({ investigation: { outcome: 'waived' } });
      expect(folded).toMatchObject({
        latestConclusions: { verdict: 'founded', rootCause: 'Defective bearings in supplier batch B-17', responsibleParty: 'supplier' },
      });
    });

    it('given two waits on the complainant, the time the answer clock stood still in all', () => {
      const waited = aComplaint()
        .received()
        .registered()
        .awaitingComplainant({ awaitingSince: '2026-03-03T10:00:00.000Z' })
        .complainantInformationReceived({ receivedAt: '2026-03-04T10:00:00.000Z' })
        .awaitingComplainant({ awaitingSince: '2026-03-05T10:00:00.000Z' })
        .complainantInformationReceived({ receivedAt: '2026-03-05T16:00:00.000Z' });
      const paused = waited
        .events()
        .flatMap((event) => (event.type === 'ComplainantInformationReceived' ? [event.data.pausedMs] : []));
      expect(paused).toHaveLength(2);
      expect(fold(waited)).toMatchObject({ answerPausedMs: paused[0] + paused[1] });
      expect(fold(aComplaint().received().registered())).not.toHaveProperty('answerPausedMs');
    });

    it('given follow-ups entered out of order, the latest contact, and the deadline kept once any came by it', () => {
      const answered = aComplaint().received().registered().investigated().answered();
      const late = answered.followedUp({ contactedAt: '2026-04-10T10:00:00.000Z', satisfaction: 2 });
      expect(fold(late)).toMatchObject({ latestFollowUp: { contactedAt: '2026-04-10T10:00:00.000Z', satisfaction: 2 }, followUpKept: false });
      const thenEarlier = late.followedUp({ contactedAt: '2026-04-01T10:00:00.000Z', satisfaction: 5 });
      expect(fold(thenEarlier)).toMatchObject({ latestFollowUp: { contactedAt: '2026-04-10T10:00:00.000Z', satisfaction: 2 }, followUpKept: true });
    });

    it('given a reopening, no follow-up yet in the new round (the follow-ups of every round stay in followUps)', () => {
      const reopened = fold(aComplaint().received().registered().investigated().answered().followedUp().closed().reopened());
      expect(reopened).toMatchObject({ followUps: [{ contactedAt: '2026-04-06T10:00:00.000Z' }], latestFollowUp: undefined, followUpKept: undefined });
    });
  });
});
