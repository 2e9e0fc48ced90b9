import { COMPLAINT_EVENT_SCHEMA_VERSIONS, ComplaintEvent, complaintStreamId, ERASED } from '@app/domain';
import { aComplaint, aHistoryNamingEverywhere, ComplaintHistoryBuilder, theErasure } from '@app/domain/testing';
import { RecordedEvent } from '@app/event-store';
import { positionKey } from '../projection';
import { JournalEntry } from '../read-models';
import { registerJournalProjection as journal } from './register-journal.projection';
import { documentAfter, project, recorded } from './testing/recorded';

const entryAfter = (history: ComplaintHistoryBuilder | ComplaintEvent[]): JournalEntry | null =>
  documentAfter(journal, Array.isArray(history) ? history : history.events());

const received = aComplaint().received();
const registered = received.acknowledged().registered();
const investigated = registered.investigated();
const answered = investigated.answered();
const followedUp = answered.followedUp();
const closed = answered.closed();

describe('the register journal', () => {
  it('enters a received complaint with everything the register holds about its receipt', () => {
    expect(entryAfter(received)).toStrictEqual<JournalEntry>({
      _id: 'complaint-0001',
      _position: positionKey(1_000n),
      complaintId: 'complaint-0001',
      registerNumber: null,
      status: 'received',
      channel: 'email',
      receivedAt: '2026-03-02T09:15:00.000Z',
      takenBy: 'clerk-petrov',
      registeredAt: null,
      complainantName: 'Maria Ivanova',
      complainantKind: 'person',
      complainantEmail: 'maria.ivanova@example.com',
      complainantPhone: '+359 88 123 4567',
      complainantPostalAddress: null,
      productOrService: 'Washing machine WM-300',
      sku: null,
      lotNumber: null,
      serialNumber: 'WM300-88231',
      orderReference: 'ORD-2026-0311',
      category: null,
      categoryCatalogueVersion: null,
      severity: null,
      description: 'The drum stopped turning during the second wash.',
      desiredRemedy: 'Repair or replacement',
      documents: ['receipt-ORD-2026-0311.pdf'],
      primaryResponse: 'Apologised, logged the serial number and promised a written answer.',
      resolvedOnTheSpot: false,
      responsibleOfficer: null,
      registrationDueAt: '2026-03-03T23:59:59.999Z',
      registrationMet: null,
      acknowledgementDueAt: '2026-03-03T23:59:59.999Z',
      acknowledgedAt: null,
      acknowledgementMet: null,
      answerDueAt: null,
      answerMet: null,
      followUpDueAt: null,
      followUpMet: null,
      firstAnswerDueAt: null,
      firstPromiseKept: null,
      awaitingComplainantSince: null,
      answerPausedMs: 0,
      nextDeadlineKind: 'registration',
      nextDueAt: '2026-03-03T23:59:59.999Z',
      investigationOutcome: null,
      verdict: null,
      findings: null,
      rootCause: null,
      responsibleParty: null,
      correctiveAction: null,
      investigationWaivedReason: null,
      investigatedBy: null,
      investigatedAt: null,
      answeredAt: null,
      answerChannel: null,
      answerSummary: null,
      answerSignedBy: null,
      answerSignatureMeaning: null,
      answerSignedAt: null,
      compensations: [],
      compensationTotals: [],
      followUpContactedAt: null,
      problemSolved: null,
      satisfaction: null,
      followUpComment: null,
      closedAt: null,
      closingSummary: null,
      complainantAcceptedOutcome: null,
      referralBody: null,
      referralName: null,
      referralReference: null,
      withdrawnAt: null,
      withdrawalReason: null,
      reopenedCount: 0,
      resolvedAtFirstContact: false,
      registeredBy: null,
      closedBy: null,
      reopeningReasons: [],
      rootCauseCode: null,
      rootCauseTaxonomyVersion: null,
      investigationProductReference: null,
      investigationLotNumber: null,
      factSources: null,
      searchText:
        'maria ivanova washing machine wm-300 wm300-88231 ord-2026-0311 the drum stopped turning during the second wash. repair or replacement',
      revision: 0,
      lastEventAt: '2026-03-02T09:15:00.000Z',
    });
  });

  it('registers it: number, category, officer, the answer deadline, and whether registration was in time', () => {
    expect(entryAfter(registered)).toMatchObject<Partial<JournalEntry>>({
      status: 'registered',
      registerNumber: '2026-000042',
      registeredAt: '2026-03-02T14:00:00.000Z',
      registrationMet: true,
      category: 'product-quality',
      categoryCatalogueVersion: 'default-1',
      severity: 'medium',
      responsibleOfficer: 'officer-georgieva',
      answerDueAt: '2026-03-12T23:59:59.999Z',
      nextDeadlineKind: 'answer',
      nextDueAt: '2026-03-12T23:59:59.999Z',
      revision: 2,
      lastEventAt: '2026-03-02T14:00:00.000Z',
      _position: positionKey(1_014n),
    });
    expect(entryAfter(registered)?.searchText).toMatch(/^2026-000042 maria ivanova /);
  });

  it('marks a registration after the end of the next working day as missed', () => {
    // Received on Friday: registration is due by Monday, and came on Tuesday.
    const late = aComplaint().received({ receivedAt: '2026-03-06T16:00:00.000Z' }).registered({ registeredAt: '2026-03-10T08:00:00.000Z' });
    expect(entryAfter(late)).toMatchObject({ registrationDueAt: '2026-03-09T23:59:59.999Z', registrationMet: false });
    const justInTime = aComplaint().received({ receivedAt: '2026-03-06T16:00:00.000Z' }).registered({ registeredAt: '2026-03-09T23:59:59.999Z' });
    expect(entryAfter(justInTime)).toMatchObject({ registrationMet: true });
  });

  it('shows when the complainant was first acknowledged, and whether by the deadline; until then the acknowledgement may be the next deadline', () => {
    const unacknowledged = received.registered();
    expect(entryAfter(unacknowledged)).toMatchObject({
      acknowledgementDueAt: '2026-03-03T23:59:59.999Z',
      acknowledgedAt: null,
      acknowledgementMet: null,
      nextDeadlineKind: 'acknowledgement',
      nextDueAt: '2026-03-03T23:59:59.999Z',
    });
    expect(entryAfter(registered)).toMatchObject({ acknowledgedAt: '2026-03-02T10:00:00.000Z', acknowledgementMet: true, nextDeadlineKind: 'answer' });
    const late = unacknowledged.acknowledged({ contactedAt: '2026-03-04T08:00:00.000Z' });
    expect(entryAfter(late)).toMatchObject({ acknowledgedAt: '2026-03-04T08:00:00.000Z', acknowledgementMet: false });
    // Entered later but made earlier: the earliest acknowledgement counts; other kinds of contact do not.
    expect(entryAfter(late.acknowledged({ contactedAt: '2026-03-03T08:00:00.000Z' }))).toMatchObject({ acknowledgedAt: '2026-03-03T08:00:00.000Z', acknowledgementMet: true });
    expect(entryAfter(unacknowledged.acknowledged({ kind: 'holding-letter' }))).toMatchObject({ acknowledgedAt: null });
  });

  it('follows a reassignment', () => {
    expect(entryAfter(registered.reassigned())).toMatchObject({ responsibleOfficer: 'officer-stoyanov', status: 'registered' });
  });

  it('moves the answer deadline with an extension, and judges the answer against the moved one', () => {
    const extended = registered.deadlineExtended();
    expect(entryAfter(extended)).toMatchObject({ answerDueAt: '2026-03-20T23:59:59.999Z', nextDueAt: '2026-03-20T23:59:59.999Z' });
    const answeredAfterTheFirstDeadline = extended.investigated().answered({ answeredAt: '2026-03-16T10:00:00.000Z' });
    expect(entryAfter(answeredAfterTheFirstDeadline)).toMatchObject({ answerMet: true });
  });

  it('keeps the first promise beside the extended deadline, and judges the first answer against both (issue 14)', () => {
    const extended = registered.deadlineExtended();
    expect(entryAfter(extended)).toMatchObject({ firstAnswerDueAt: '2026-03-12T23:59:59.999Z', firstPromiseKept: null });
    const late = extended.investigated().answered({ answeredAt: '2026-03-16T10:00:00.000Z' });
    expect(entryAfter(late)).toMatchObject({ answerMet: true, firstAnswerDueAt: '2026-03-12T23:59:59.999Z', firstPromiseKept: false });
    expect(entryAfter(answered)).toMatchObject({ answerMet: true, firstPromiseKept: true });
    // A reopening owes a new answer, but the first promise was judged once and stays.
    const answeredAgain = late.closed().reopened().investigated().answered({ answeredAt: '2026-04-22T10:00:00.000Z' });
    expect(entryAfter(answeredAgain)).toMatchObject({ answerMet: true, firstAnswerDueAt: '2026-03-12T23:59:59.999Z', firstPromiseKept: false });
  });

  it('records the investigation: verdict, findings, root cause, who and when; the findings become searchable', () => {
    const entry = entryAfter(investigated);
    expect(entry).toMatchObject({
      status: 'investigated',
      investigationOutcome: 'investigated',
      verdict: 'founded',
      findings: 'The drum bearing seized; the same batch failed twice last month.',
      rootCause: 'Defective bearings in supplier batch B-17',
      responsibleParty: 'supplier',
      correctiveAction: 'Inspect every machine of batch B-17 before sale',
      investigationWaivedReason: null,
      investigatedBy: 'officer-georgieva',
      investigatedAt: '2026-03-04T11:00:00.000Z',
      nextDeadlineKind: 'answer',
    });
    expect(entry?.searchText).toContain('the drum bearing seized');
    expect(entry?.searchText).toContain('defective bearings in supplier batch b-17');
  });

  it('records a decision not to investigate with the reason and who decided', () => {
    expect(entryAfter(registered.investigationWaived())).toMatchObject({
      status: 'investigated',
      investigationOutcome: 'waived',
      verdict: null,
      rootCause: null,
      investigationWaivedReason: 'A known defect of batch B-17, already investigated under 2026-000031.',
      investigatedBy: 'manager-dimitrov',
      investigatedAt: '2026-03-04T11:00:00.000Z',
    });
  });

  it('records the answer, whether it kept the deadline, and the follow-up now owed', () => {
    expect(entryAfter(answered)).toMatchObject({
      status: 'answered',
      answeredAt: '2026-03-06T15:00:00.000Z',
      answerChannel: 'letter',
      answerSummary: 'We apologise: the bearing was defective. The machine is replaced and batch B-17 inspected.',
      answerSignedBy: 'manager-dimitrov',
      answerSignatureMeaning: 'approval',
      answerSignedAt: '2026-03-06T15:00:00.000Z',
      answerMet: true,
      followUpDueAt: '2026-04-05T23:59:59.999Z',
      followUpMet: null,
      nextDeadlineKind: 'follow-up',
      nextDueAt: '2026-04-05T23:59:59.999Z',
    });
  });

  it('shows no signature meaning for an answer recorded before signatures carried one (schema version 1)', () => {
    const { signature: _none, ...v1 } = (answered.events().at(-1) as Extract<ComplaintEvent, { type: 'ComplaintAnswered' }>).data;
    const entry = entryAfter([...investigated.events(), { type: 'ComplaintAnswered', data: v1 }]);
    expect(entry).toMatchObject({ answerSignedBy: 'manager-dimitrov', answerSignatureMeaning: null, answerSignedAt: null });
  });

  it('marks an answer after its deadline as missed', () => {
    expect(entryAfter(investigated.answered({ answeredAt: '2026-03-12T23:59:59.999Z' }))).toMatchObject({ answerMet: true });
    expect(entryAfter(investigated.answered({ answeredAt: '2026-03-13T00:00:00.000Z' }))).toMatchObject({ answerMet: false });
  });

  it('lists each compensation and totals them per currency', () => {
    const entry = entryAfter(
      answered
        .compensated()
        .compensated({ kind: 'voucher', amount: { amountMinor: 2_000, currency: 'BGN' }, description: 'Voucher' })
        .compensated({ kind: 'apology', amount: undefined, description: 'Apology on letterhead' })
        .compensated({ kind: 'refund', amount: { amountMinor: 1, currency: 'EUR' }, description: 'Rounding' }),
    );
    expect(entry?.compensations).toStrictEqual([
      { kind: 'refund', amountMinor: 4_999, currency: 'EUR', description: 'Refund of the delivery fee', approvedBy: 'director-koleva', approvalMeaning: 'approval', grantedAt: '2026-03-09T10:00:00.000Z' },
      { kind: 'voucher', amountMinor: 2_000, currency: 'BGN', description: 'Voucher', approvedBy: 'director-koleva', approvalMeaning: 'approval', grantedAt: '2026-03-09T10:00:00.000Z' },
      { kind: 'apology', amountMinor: null, currency: null, description: 'Apology on letterhead', approvedBy: 'director-koleva', approvalMeaning: 'approval', grantedAt: '2026-03-09T10:00:00.000Z' },
      { kind: 'refund', amountMinor: 1, currency: 'EUR', description: 'Rounding', approvedBy: 'director-koleva', approvalMeaning: 'approval', grantedAt: '2026-03-09T10:00:00.000Z' },
    ]);
    expect(entry?.compensationTotals).toStrictEqual([
      { currency: 'BGN', amountMinor: 2_000 },
      { currency: 'EUR', amountMinor: 5_000 },
    ]);
    expect(entry?.status).toBe('answered');
  });

  it('records the follow-up and whether it came by its deadline; nothing is pending after it', () => {
    // The builder's follow-up is on 6 April, a day after the deadline of 5 April.
    expect(entryAfter(followedUp)).toMatchObject({
      status: 'followed-up',
      followUpContactedAt: '2026-04-06T10:00:00.000Z',
      problemSolved: true,
      satisfaction: 4,
      followUpComment: 'The new machine works; delivery was late again.',
      followUpMet: false,
      nextDeadlineKind: null,
      nextDueAt: null,
    });
    expect(entryAfter(answered.followedUp({ contactedAt: '2026-04-05T23:59:59.999Z' }))).toMatchObject({ followUpMet: true });
  });

  it('shows the latest follow-up contact, even when an earlier one is entered after it, and counts the earliest for the deadline', () => {
    const entry = entryAfter(
      answered
        .followedUp({ contactedAt: '2026-04-10T10:00:00.000Z', problemSolved: false, satisfaction: 2, comment: 'Still broken.' })
        .followedUp({ contactedAt: '2026-04-01T10:00:00.000Z', problemSolved: false, satisfaction: 1, comment: undefined }),
    );
    expect(entry).toMatchObject({
      followUpContactedAt: '2026-04-10T10:00:00.000Z',
      satisfaction: 2,
      followUpComment: 'Still broken.',
      followUpMet: true,
    });
    const later = entryAfter(
      answered
        .followedUp({ contactedAt: '2026-04-01T10:00:00.000Z' })
        .followedUp({ contactedAt: '2026-04-20T10:00:00.000Z', satisfaction: 5, comment: undefined }),
    );
    expect(later).toMatchObject({ followUpContactedAt: '2026-04-20T10:00:00.000Z', satisfaction: 5, followUpComment: null, followUpMet: true });
  });

  it('closes a case: nothing pending, even if the follow-up was never made', () => {
    expect(entryAfter(closed)).toMatchObject({ status: 'closed', closedAt: '2026-04-07T09:00:00.000Z', nextDeadlineKind: null, nextDueAt: null, followUpMet: null });
  });

  it('reopens a case: a new answer is owed by the new deadline; the earlier round stays in the stream only', () => {
    const reopened = followedUp.compensated().closed().reopened();
    const entry = entryAfter(reopened);
    expect(entry).toMatchObject({
      status: 'reopened',
      closedAt: null,
      reopenedCount: 1,
      answerDueAt: '2026-04-30T23:59:59.999Z',
      answerMet: null,
      answeredAt: null,
      answerSummary: null,
      investigationOutcome: null,
      verdict: null,
      findings: null,
      followUpDueAt: null,
      followUpMet: null,
      nextDeadlineKind: 'answer',
      nextDueAt: '2026-04-30T23:59:59.999Z',
      // The previous round's follow-up is not this round's (issue 14): the customer has not been asked again yet.
      followUpContactedAt: null,
      problemSolved: null,
      satisfaction: null,
      followUpComment: null,
      // What stays: the registration and the compensations.
      registerNumber: '2026-000042',
      registrationMet: true,
      compensationTotals: [{ currency: 'EUR', amountMinor: 4_999 }],
    });
    expect(entry?.searchText).not.toContain('bearing seized');

    const answeredAgain = reopened.investigated({ investigatedAt: '2026-04-22T10:00:00.000Z' }).answered({ answeredAt: '2026-05-02T10:00:00.000Z' });
    expect(entryAfter(answeredAgain)).toMatchObject({
      status: 'answered',
      answerMet: false, // after 30 April
      followUpDueAt: '2026-06-01T23:59:59.999Z',
      nextDeadlineKind: 'follow-up',
      followUpMet: null,
    });
    const reopenedTwice = answeredAgain.closed({ closedAt: '2026-05-03T10:00:00.000Z' }).reopened({ reopenedAt: '2026-05-10T10:00:00.000Z' });
    expect(entryAfter(reopenedTwice)).toMatchObject({ reopenedCount: 2 });
    const followedUpAgain = answeredAgain.followedUp({ contactedAt: '2026-05-20T10:00:00.000Z', satisfaction: 5, comment: undefined });
    expect(entryAfter(followedUpAgain)).toMatchObject({ followUpContactedAt: '2026-05-20T10:00:00.000Z', satisfaction: 5, followUpComment: null, followUpMet: true });
  });

  it('closes a case resolved at first contact when it is registered: numbered, nothing owed, not overdue; a reopening clears it', () => {
    const resolved = aComplaint().received({ resolvedOnTheSpot: true }).registered().resolvedAtFirstContact();
    expect(entryAfter(resolved)).toMatchObject({
      status: 'closed',
      registerNumber: '2026-000042',
      closedAt: '2026-03-02T14:00:00.000Z',
      resolvedAtFirstContact: true,
      answeredAt: null,
      answerSignedBy: null,
      answerMet: null,
      nextDeadlineKind: null,
      nextDueAt: null,
    });
    expect(entryAfter(resolved.reopened())).toMatchObject({ status: 'reopened', resolvedAtFirstContact: false, nextDeadlineKind: 'answer' });
  });

  it('records how the case was closed: summary, whether the complainant accepted the outcome, an external referral', () => {
    const referred = answered.closed({
      complainantAcceptedOutcome: false,
      referral: { body: 'ombudsman', name: 'Financial Ombudsman Service', reference: 'FOS-2026-1234' },
    });
    expect(entryAfter(referred)).toMatchObject({
      status: 'closed',
      closingSummary: 'Machine replaced, customer satisfied.',
      complainantAcceptedOutcome: false,
      referralBody: 'ombudsman',
      referralName: 'Financial Ombudsman Service',
      referralReference: 'FOS-2026-1234',
    });
    expect(entryAfter(referred.reopened())).toMatchObject({ closingSummary: null, complainantAcceptedOutcome: null, referralBody: null, referralReference: null });
  });

  it('records a follow-up after closing without reopening the case', () => {
    expect(entryAfter(answered.closed().followedUp())).toMatchObject({
      status: 'closed',
      closedAt: '2026-04-07T09:00:00.000Z',
      followUpContactedAt: '2026-04-06T10:00:00.000Z',
      satisfaction: 4,
      nextDueAt: null,
    });
  });

  it('withdraws a case at any stage: nothing pending, with when and why', () => {
    expect(entryAfter(received.withdrawn())).toMatchObject({
      status: 'withdrawn',
      withdrawnAt: '2026-03-03T12:00:00.000Z',
      withdrawalReason: 'The customer repaired the machine privately.',
      registrationMet: null,
      nextDeadlineKind: null,
      nextDueAt: null,
    });
    expect(entryAfter(answered.withdrawn({ withdrawnAt: '2026-03-07T12:00:00.000Z' }))).toMatchObject({ status: 'withdrawn', answerMet: true, nextDueAt: null });
  });

  it('keeps the stream revision and the metadata time of the last event', () => {
    const recordedAt = ['2026-03-02T09:20:00.000Z', '2026-03-02T10:00:01.000Z', '2026-03-02T14:00:01.000Z', '2026-03-04T11:00:01.000Z', '2026-03-06T15:00:01.000Z', '2026-04-07T09:00:01.000Z'];
    const events = recorded(closed.events(), { recordedAt });
    const entry = project(journal, events).get('complaint-0001');
    expect(entry).toMatchObject({ revision: 5, lastEventAt: '2026-04-07T09:00:01.000Z', _position: positionKey(events[5].position) });
  });

  it('names one document per complaint, by the complaint id of its stream, and ignores other streams', () => {
    const [event] = recorded(received.events());
    expect(journal.documentIds(event)).toStrictEqual(['complaint-0001']);
    expect(event.streamId).toBe(complaintStreamId('complaint-0001'));
    const registerEvent: RecordedEvent = { ...event, streamId: 'register-2026', type: 'RegisterNumberReserved', data: {} };
    expect(journal.documentIds(registerEvent)).toStrictEqual([]);
    expect(project(journal, [registerEvent]).size).toBe(0);
    expect(journal.eventTypes).toEqual(expect.arrayContaining(['ComplaintReceived', 'ComplaintReopened', 'AnswerDeadlineExtended', 'ComplaintWithdrawn']));
    expect(journal.eventTypes).toHaveLength(Object.keys(COMPLAINT_EVENT_SCHEMA_VERSIONS).length);
  });

  it('declares the indexes its queries use', () => {
    expect(journal.indexes.map((index) => index.keys)).toStrictEqual([
      { registerNumber: 1 },
      { receivedAt: 1 },
      { category: 1, receivedAt: 1 },
      { status: 1, receivedAt: 1 },
      { responsibleOfficer: 1 },
      { verdict: 1 },
      { nextDueAt: 1 },
      { searchText: 'text' },
    ]);
  });

  describe('is idempotent', () => {
    const history = followedUp.compensated().compensated().closed().reopened().events();
    const events = recorded(history);

    it('applies an event delivered twice once', () => {
      const documents = project(journal, events.flatMap((event) => [event, event]));
      expect(documents.get('complaint-0001')).toStrictEqual(project(journal, events).get('complaint-0001'));
      expect(documents.get('complaint-0001')?.compensations).toHaveLength(2);
    });

    it('ignores a replay of events at or before the position it remembers', () => {
      const documents = project(journal, events);
      const before = structuredClone(documents.get('complaint-0001'));
      project(journal, events.slice(3), documents);
      expect(documents.get('complaint-0001')).toStrictEqual(before);
    });

    it('creates nothing from an event that is not the receipt', () => {
      expect(project(journal, [events[1]]).size).toBe(0);
    });
  });

  it('on PersonalDataErased, keeps no personal text in the row, the search text included (every sealed field, every event type)', () => {
    const name = 'Zoya Quillfeather';
    const history = aHistoryNamingEverywhere(name);
    expect(JSON.stringify(entryAfter(history))).toContain(name.toLowerCase()); // the search text holds it before
    const row = entryAfter([...history, theErasure]);
    expect(JSON.stringify(row).toLowerCase()).not.toContain(name.toLowerCase());
    expect(row).toMatchObject({ complainantName: ERASED, productOrService: 'Kettle', documents: [ERASED], compensations: [expect.objectContaining({ description: ERASED })] });
  });

  describe('who registered and closed, the reopening reasons, the investigation’s code, product, lot and sources (issue 14)', () => {
    const sources = [{ kind: 'employee-concerned' as const, reference: 'seller-petrov', statement: 'I was told returns need a manager.', obtainedAt: '2026-03-03T11:00:00.000Z' }];
    const withCode = registered.investigated({ sources, rootCauseCode: 'process-gap', rootCauseTaxonomyVersion: 'default-1', productReference: 'WM-300', lotNumber: 'L-7' });

    it('names who registered and who closed, from the metadata of the recorded events', () => {
      expect(entryAfter(withCode.answered().closed())).toMatchObject({ registeredBy: 'officer-georgieva', closedBy: 'officer-georgieva' });
      expect(entryAfter(registered)).toMatchObject({ registeredBy: 'officer-georgieva', closedBy: null });
    });

    it('shows the root-cause code with its version, the product, the lot and the sources; a waiver or a reopening clears them', () => {
      expect(entryAfter(withCode)).toMatchObject({
        rootCauseCode: 'process-gap',
        rootCauseTaxonomyVersion: 'default-1',
        investigationProductReference: 'WM-300',
        investigationLotNumber: 'L-7',
        factSources: sources,
      });
      expect(entryAfter(investigated)).toMatchObject({ rootCauseCode: null, factSources: [] });
      expect(entryAfter(withCode.answered().closed().reopened())).toMatchObject({ rootCauseCode: null, factSources: null, closedBy: null });
    });

    it('keeps every reopening reason, oldest first, and erases them with the statements of the sources', () => {
      const twice = withCode.answered().closed().reopened({ reason: 'The drum failed again.' }).investigated().answered().closed().reopened({ reason: 'And again.' });
      expect(entryAfter(twice)?.reopeningReasons).toEqual(['The drum failed again.', 'And again.']);
      const row = entryAfter([
        ...withCode.answered().closed().reopened({ reason: 'The drum failed again.' }).investigated({ sources }).events(),
        theErasure,
      ]);
      expect(row).toMatchObject({ reopeningReasons: [ERASED], factSources: [{ ...sources[0], statement: ERASED }] });
    });
  });
});
