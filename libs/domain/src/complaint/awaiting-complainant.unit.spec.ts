import { ComplaintCommand } from './commands';
import { decide } from './decide';
import { isDomainError } from './errors';
import { ComplaintEvent } from './events';
import { foldComplaint } from './evolve';
import { aComplaint, aDecisionContext, answerComplaint, awaitComplainant, extendAnswerDeadline, given, recordComplainantInformation } from '../testing';

// Issue 14: waiting on the customer. The answer clock stands still between the request for
// information and its arrival; the deadline moves by the time waited, never past the statutory limit.
const officer = { id: 'officer-georgieva', role: 'quality-officer' } as const;
const at = (iso: string) => ({ now: new Date(iso), actor: officer });

const registered = aComplaint().received().registered(); // received 2 March 09:15, answer due 12 March 23:59:59.999
const waiting = registered.awaitingComplainant(); // since 3 March 10:00

describe('AwaitComplainant', () => {
  it.each([
    ['a registered complaint', registered, '2026-03-03T10:00:00.000Z'],
    ['during the investigation', registered.investigated(), '2026-03-05T10:00:00.000Z'],
    ['after a reopening', registered.investigated().answered().closed().reopened(), '2026-04-21T10:00:00.000Z'],
  ])('records what was asked, by whom (the principal) and since when: %s', (_case, history, awaitingSince) => {
    given(history)
      .when(awaitComplainant(), at(awaitingSince))
      .then([
        {
          type: 'AwaitingComplainant',
          data: { complaintId: 'complaint-0001', requested: 'A photo of the serial-number plate.', requestedBy: 'officer-georgieva', awaitingSince },
        },
      ]);
  });

  it('says what was asked', () => {
    given(registered).when(awaitComplainant({ requested: '  ' }), at('2026-03-03T10:00:00.000Z')).thenFails('requested-required', { kind: 'invalid-input', field: 'requested' });
  });

  it.each([
    ['before registration: no answer clock yet', aComplaint().received(), 'registration-required'],
    ['after the answer: the clock has stopped', registered.investigated().answered(), 'complaint-already-answered'],
    ['while already waiting', waiting, 'already-awaiting-complainant'],
  ])('is refused %s', (_when, history, code) => {
    given(history).when(awaitComplainant(), at('2026-03-06T16:00:00.000Z')).thenFails(code, { kind: 'rule-violated' });
  });

  it('cannot pause a deadline already broken', () => {
    given(registered).when(awaitComplainant(), at('2026-03-13T08:00:00.000Z')).thenFails('deadline-already-passed', { kind: 'rule-violated' });
  });
});

describe('RecordComplainantInformation', () => {
  it('moves the answer deadline by the time waited and explains it in the deadline’s explanation', () => {
    // Waited from 3 March 10:00 to 5 March 16:00: 2 days and 6 hours.
    const pausedMs = (2 * 24 + 6) * 3_600_000;
    given(waiting)
      .when(recordComplainantInformation(), at('2026-03-05T16:00:00.000Z'))
      .then([
        {
          type: 'ComplainantInformationReceived',
          data: {
            complaintId: 'complaint-0001',
            arrived: true,
            summary: 'The photo arrived by e-mail.',
            recordedBy: 'officer-georgieva',
            receivedAt: '2026-03-05T16:00:00.000Z',
            awaitingSince: '2026-03-03T10:00:00.000Z',
            pausedMs,
            previousDueAt: '2026-03-12T23:59:59.999Z',
            answerDueAt: '2026-03-15T05:59:59.999Z',
            answerDeadline: {
              policyVersion: 'default-1',
              rule: 'calendar-days',
              from: '2026-03-02T09:15:00.000Z',
              days: 10,
              paused: {
                ms: pausedMs,
                totalMs: pausedMs,
                from: '2026-03-03T10:00:00.000Z',
                until: '2026-03-05T16:00:00.000Z',
                previousDueAt: '2026-03-12T23:59:59.999Z',
              },
            },
          },
        },
      ]);
  });

  it('never moves the deadline past the statutory limit, and says it stopped there', () => {
    // 56 calendar days from receipt on 2 March: 27 April. Waited from 3 March to 25 April: 12 March + 53 days would be 4 May.
    const decision = decideAt(waiting, '2026-04-25T10:00:00.000Z');
    expect(decision).toMatchObject({
      answerDueAt: '2026-04-27T23:59:59.999Z',
      answerDeadline: { paused: { cappedAt: '2026-04-27T23:59:59.999Z', previousDueAt: '2026-03-12T23:59:59.999Z' } },
    });
  });

  it('adds up the waits of a round in the explanation', () => {
    const twice = waiting.complainantInformationReceived().awaitingComplainant({ awaitingSince: '2026-03-07T10:00:00.000Z' });
    const decision = decideAt(twice, '2026-03-08T10:00:00.000Z');
    expect(decision).toMatchObject({
      pausedMs: 86_400_000,
      previousDueAt: '2026-03-15T05:59:59.999Z',
      answerDueAt: '2026-03-16T05:59:59.999Z',
      answerDeadline: { paused: { ms: 86_400_000, totalMs: (2 * 24 + 6) * 3_600_000 + 86_400_000 } },
    });
  });

  it('records a wait given up: the information did not arrive', () => {
    expect(decideAt(waiting, '2026-03-05T16:00:00.000Z', { arrived: false, summary: 'No reply to two reminders.' })).toMatchObject({
      arrived: false,
      summary: 'No reply to two reminders.',
    });
  });

  it('is refused when the case is not waiting', () => {
    given(registered).when(recordComplainantInformation(), at('2026-03-05T16:00:00.000Z')).thenFails('not-awaiting-complainant', { kind: 'rule-violated' });
  });

  it('lets the case be answered and extended again, against the moved deadline', () => {
    const resumed = waiting.complainantInformationReceived();
    expect(foldComplaint(resumed.events())).toMatchObject({ answerDueAt: '2026-03-15T05:59:59.999Z', awaitingComplainant: undefined });
    // 14 March is past the first deadline (12 March) but within the moved one (15 March, 05:59:59.999).
    expect(decideOn(resumed.investigated(), answerComplaint(), '2026-03-14T10:00:00.000Z', { id: 'manager-dimitrov', role: 'manager' })).toMatchObject([{ type: 'ComplaintAnswered' }]);
    expect(decideOn(resumed.investigated(), extendAnswerDeadline(), '2026-03-14T10:00:00.000Z')).toMatchObject([{ type: 'AnswerDeadlineExtended', data: { previousDueAt: '2026-03-15T05:59:59.999Z' } }]);
  });
});

describe('while the case waits on the complainant', () => {
  it.each([
    ['answered', answerComplaint()],
    ['extended', extendAnswerDeadline()],
  ])('it is not %s: the clock stands still until the wait is recorded as over', (_what, command) => {
    given(waiting.investigated()).when(command, at('2026-03-05T10:00:00.000Z')).thenFails('awaiting-complainant', { kind: 'rule-violated' });
  });

  it('the state knows since when', () => {
    expect(foldComplaint(waiting.events())).toMatchObject({ awaitingComplainant: { since: '2026-03-03T10:00:00.000Z', requestedBy: 'officer-georgieva' } });
  });
});

type Actor = { id: string; role: 'quality-officer' | 'manager' };
const decideOn = (history: { events(): ComplaintEvent[] }, command: ComplaintCommand, now: string, actor: Actor = officer) =>
  decide(command, foldComplaint(history.events()), aDecisionContext({ now: new Date(now), actor }));

/** The data of the one event RecordComplainantInformation decides, or the refusal. */
const decideAt = (history: { events(): ComplaintEvent[] }, now: string, data: Record<string, unknown> = {}) => {
  const decision = decideOn(history, recordComplainantInformation(data), now);
  return isDomainError(decision) ? decision : decision[0].data;
};
