import { COMPLAINT_EVENT_SCHEMA_VERSIONS } from '@app/domain';
import { aComplaint, ComplaintHistoryBuilder } from '@app/domain/testing';
import { positionKey } from '../projection';
import { DeadlineEntry } from '../read-models';
import { deadlinesProjection as deadlines } from './deadlines.projection';
import { documentAfter, project, recorded } from './testing/recorded';

const entryAfter = (history: ComplaintHistoryBuilder): DeadlineEntry | null => documentAfter(deadlines, history.events());

const received = aComplaint().received();
const registered = received.acknowledged().registered();
const investigated = registered.investigated();
const answered = investigated.answered();
const closed = answered.closed();

describe('the deadlines', () => {
  it('owes registration after receipt, explained by the next-working-day rule', () => {
    expect(entryAfter(received)).toStrictEqual<DeadlineEntry>({
      _id: 'complaint-0001',
      _position: positionKey(1_000n),
      complaintId: 'complaint-0001',
      registerNumber: null,
      status: 'received',
      category: null,
      responsibleOfficer: null,
      receivedAt: '2026-03-02T09:15:00.000Z',
      kind: 'registration',
      dueAt: '2026-03-03T23:59:59.999Z',
      explanation: { policyVersion: 'default-1', rule: 'next-working-day', from: '2026-03-02T09:15:00.000Z', days: 1, skippedDays: [] },
      // The acknowledgement is due the same day: the step is shown, the acknowledgement kept beside it.
      acknowledgement: {
        dueAt: '2026-03-03T23:59:59.999Z',
        explanation: { policyVersion: 'default-1', rule: 'working-days', from: '2026-03-02T09:15:00.000Z', days: 1, skippedDays: [] },
      },
      step: {
        kind: 'registration',
        dueAt: '2026-03-03T23:59:59.999Z',
        explanation: { policyVersion: 'default-1', rule: 'next-working-day', from: '2026-03-02T09:15:00.000Z', days: 1, skippedDays: [] },
      },
    });
  });

  it('owes the acknowledgement first when it is due before the step, until the complainant is acknowledged (ISO 10002 8.4)', () => {
    const unacknowledged = received.registered();
    expect(entryAfter(unacknowledged)).toMatchObject({
      kind: 'acknowledgement',
      dueAt: '2026-03-03T23:59:59.999Z',
      explanation: { rule: 'working-days', days: 1 },
      step: { kind: 'answer', dueAt: '2026-03-12T23:59:59.999Z' },
    });
    expect(entryAfter(unacknowledged.acknowledged({ contactedAt: '2026-03-04T10:00:00.000Z' }))).toMatchObject({
      kind: 'answer',
      dueAt: '2026-03-12T23:59:59.999Z',
      acknowledgement: null,
    });
    // A progress update is no acknowledgement; the answer makes one moot.
    expect(entryAfter(unacknowledged.acknowledged({ kind: 'progress-update' }))).toMatchObject({ kind: 'acknowledgement' });
    expect(entryAfter(unacknowledged.investigated().answered())).toMatchObject({ kind: 'follow-up', acknowledgement: null });
  });

  it('owes the answer after registration, with the registration’s explanation', () => {
    expect(entryAfter(registered)).toStrictEqual<DeadlineEntry>({
      _id: 'complaint-0001',
      _position: positionKey(1_014n),
      complaintId: 'complaint-0001',
      registerNumber: '2026-000042',
      status: 'registered',
      category: 'product-quality',
      responsibleOfficer: 'officer-georgieva',
      receivedAt: '2026-03-02T09:15:00.000Z',
      kind: 'answer',
      dueAt: '2026-03-12T23:59:59.999Z',
      explanation: { policyVersion: 'default-1', rule: 'calendar-days', from: '2026-03-02T09:15:00.000Z', days: 10 },
      acknowledgement: null,
      step: {
        kind: 'answer',
        dueAt: '2026-03-12T23:59:59.999Z',
        explanation: { policyVersion: 'default-1', rule: 'calendar-days', from: '2026-03-02T09:15:00.000Z', days: 10 },
      },
    });
  });

  it('keeps an earlier date promised by the officer, explained as such', () => {
    const promised = received.acknowledged().registered({
      answerDueAt: '2026-03-05T23:59:59.999Z',
      answerDeadline: { policyVersion: 'default-1', rule: 'promised-by-officer', from: '2026-03-02T14:00:00.000Z' },
    });
    expect(entryAfter(promised)).toMatchObject({ dueAt: '2026-03-05T23:59:59.999Z', explanation: { rule: 'promised-by-officer' } });
  });

  it('moves the answer deadline with an extension and its explanation', () => {
    expect(entryAfter(registered.deadlineExtended())).toMatchObject({
      kind: 'answer',
      dueAt: '2026-03-20T23:59:59.999Z',
      explanation: { policyVersion: 'default-1', rule: 'extended', from: '2026-03-10T09:30:00.000Z' },
    });
  });

  it('follows the investigation (or the decision not to investigate) and a reassignment; the answer stays owed', () => {
    expect(entryAfter(investigated)).toMatchObject({ status: 'investigated', kind: 'answer', dueAt: '2026-03-12T23:59:59.999Z' });
    expect(entryAfter(registered.investigationWaived())).toMatchObject({ status: 'investigated', kind: 'answer' });
    expect(entryAfter(registered.reassigned())).toMatchObject({ responsibleOfficer: 'officer-stoyanov', kind: 'answer' });
  });

  it('owes the follow-up after the answer, explained from the answer', () => {
    expect(entryAfter(answered)).toMatchObject({
      status: 'answered',
      kind: 'follow-up',
      dueAt: '2026-04-05T23:59:59.999Z',
      explanation: { policyVersion: 'default-1', rule: 'calendar-days', from: '2026-03-06T15:00:00.000Z', days: 30 },
    });
    expect(entryAfter(answered.compensated())).toMatchObject({ kind: 'follow-up', dueAt: '2026-04-05T23:59:59.999Z', _position: positionKey(1_035n) });
  });

  it.each<[string, ComplaintHistoryBuilder, string]>([
    ['followed up', answered.followedUp(), 'followed-up'],
    ['compensated after the follow-up', answered.followedUp().compensated(), 'followed-up'],
    ['reassigned after the follow-up', answered.followedUp().reassigned(), 'followed-up'],
    ['followed up twice', answered.followedUp().followedUp(), 'followed-up'],
    ['closed without a follow-up', closed, 'closed'],
    ['followed up after closing', closed.followedUp(), 'closed'],
  ])('owes nothing once %s: the entry stays, without a deadline', (_story, history, status) => {
    expect(entryAfter(history)).toMatchObject({ status, kind: null, dueAt: null, explanation: null, registerNumber: expect.any(String) });
  });

  it.each<[string, ComplaintHistoryBuilder]>([
    ['withdrawn before registration', received.withdrawn()],
    ['withdrawn while the answer is owed', registered.withdrawn()],
    ['withdrawn while the follow-up is owed', answered.withdrawn({ withdrawnAt: '2026-03-07T12:00:00.000Z' })],
  ])('owes nothing ever again once %s: the entry is deleted', (_story, history) => {
    expect(entryAfter(history)).toBeNull();
  });

  it('owes nothing once a complaint resolved at first contact is registered (and closed)', () => {
    const resolved = aComplaint().received({ resolvedOnTheSpot: true }).registered().resolvedAtFirstContact();
    expect(entryAfter(resolved)).toMatchObject({ status: 'closed', registerNumber: '2026-000042', kind: null, dueAt: null, explanation: null });
  });

  it('owes a new answer after a reopening, by the deadline the reopening set', () => {
    const reopened = closed.reopened();
    expect(entryAfter(reopened)).toMatchObject({
      _id: 'complaint-0001',
      _position: positionKey(1_000n + 6n * 7n),
      complaintId: 'complaint-0001',
      // The closed case kept its entry, so the reopened one still knows the case.
      registerNumber: entryAfter(registered)?.registerNumber,
      category: entryAfter(registered)?.category,
      responsibleOfficer: entryAfter(registered)?.responsibleOfficer,
      receivedAt: entryAfter(received)?.receivedAt,
      status: 'reopened',
      kind: 'answer',
      dueAt: '2026-04-30T23:59:59.999Z',
      explanation: { policyVersion: 'default-1', rule: 'calendar-days', from: '2026-04-20T08:30:00.000Z', days: 10 },
    });
    expect(entryAfter(reopened)?.registerNumber).toEqual(expect.any(String));
    expect(entryAfter(reopened.deadlineExtended({ answerDueAt: '2026-05-15T23:59:59.999Z' }))).toMatchObject({
      dueAt: '2026-05-15T23:59:59.999Z',
      explanation: { rule: 'extended' },
    });
    expect(entryAfter(reopened.reassigned({ to: 'officer-haddad' }))).toMatchObject({ responsibleOfficer: 'officer-haddad' });
    const answeredAgain = reopened.investigated().answered({ answeredAt: '2026-04-25T10:00:00.000Z' });
    expect(entryAfter(answeredAgain)).toMatchObject({ status: 'answered', kind: 'follow-up', dueAt: '2026-05-25T23:59:59.999Z' });
    expect(entryAfter(answeredAgain.followedUp({ contactedAt: '2026-05-20T10:00:00.000Z' }))).toMatchObject({ kind: null, dueAt: null });
  });

  it('reads every complaint event, names one entry per complaint, and indexes the due date and officer', () => {
    expect(deadlines.eventTypes).toHaveLength(Object.keys(COMPLAINT_EVENT_SCHEMA_VERSIONS).length);
    expect(deadlines.documentIds(recorded(received.events())[0])).toStrictEqual(['complaint-0001']);
    expect(deadlines.indexes).toStrictEqual([{ keys: { dueAt: 1 } }, { keys: { responsibleOfficer: 1 } }]);
  });

  describe('is idempotent', () => {
    const events = recorded(answered.followedUp().closed().reopened().investigated().answered({ answeredAt: '2026-04-25T10:00:00.000Z' }).events());

    it('applies an event delivered twice once', () => {
      const entry = project(deadlines, events.flatMap((event) => [event, event])).get('complaint-0001');
      expect(entry).toStrictEqual(project(deadlines, events).get('complaint-0001'));
      expect(entry).toMatchObject({ kind: 'follow-up', dueAt: '2026-05-25T23:59:59.999Z' });
    });

    it('ends where it should when any tail of the stream is delivered again, even after its entry was deleted', () => {
      for (const full of [events, events.slice(0, 6), events.slice(0, 5)]) {
        const expected = project(deadlines, full);
        for (let from = 0; from < full.length; from++)
          expect(project(deadlines, full.slice(from), project(deadlines, full))).toStrictEqual(expected);
      }
    });
  });
});
