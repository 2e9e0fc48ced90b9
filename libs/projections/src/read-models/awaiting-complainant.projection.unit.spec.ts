import { aComplaint } from '@app/domain/testing';
import { statisticsProjection } from '../statistics/statistics.projection';
import { deadlinesProjection } from './deadlines.projection';
import { registerJournalProjection } from './register-journal.projection';
import { documentAfter } from './testing/recorded';

// Issue 14: while the case waits on the complainant, its answer clock stands still — the board
// shows no answer deadline (so not overdue), and the moved deadline returns when the wait ends.
const registered = aComplaint().received().acknowledged().registered();
const waiting = registered.awaitingComplainant(); // since 3 March 10:00
const resumed = waiting.complainantInformationReceived(); // 5 March 16:00: due 15 March 05:59:59.999

describe('waiting on the complainant in the read models', () => {
  it('takes the answer deadline off the deadlines board while the case waits', () => {
    expect(documentAfter(deadlinesProjection, waiting.events())).toMatchObject({
      status: 'registered',
      kind: null,
      dueAt: null,
      step: null,
      awaitingComplainantSince: '2026-03-03T10:00:00.000Z',
    });
  });

  it('puts the moved deadline back, with its explanation, when the information arrives', () => {
    expect(documentAfter(deadlinesProjection, resumed.events())).toMatchObject({
      kind: 'answer',
      dueAt: '2026-03-15T05:59:59.999Z',
      explanation: { rule: 'calendar-days', paused: { ms: 54 * 3_600_000, previousDueAt: '2026-03-12T23:59:59.999Z' } },
      awaitingComplainantSince: null,
    });
  });

  it('shows the wait in the journal, with nothing due and so nothing overdue', () => {
    expect(documentAfter(registerJournalProjection, waiting.events())).toMatchObject({
      awaitingComplainantSince: '2026-03-03T10:00:00.000Z',
      answerDueAt: '2026-03-12T23:59:59.999Z',
      nextDeadlineKind: null,
      nextDueAt: null,
    });
  });

  it('moves the journal’s answer deadline, counts the time waited and judges the answer against the moved deadline', () => {
    expect(documentAfter(registerJournalProjection, resumed.events())).toMatchObject({
      awaitingComplainantSince: null,
      answerPausedMs: 54 * 3_600_000,
      answerDueAt: '2026-03-15T05:59:59.999Z',
      nextDeadlineKind: 'answer',
      nextDueAt: '2026-03-15T05:59:59.999Z',
    });
    const answeredOnTheFourteenth = resumed.investigated().answered({ answeredAt: '2026-03-14T10:00:00.000Z' });
    expect(documentAfter(registerJournalProjection, answeredOnTheFourteenth.events())).toMatchObject({ answerMet: true, firstPromiseKept: false });
    expect(documentAfter(statisticsProjection, answeredOnTheFourteenth.events())).toMatchObject({ answeredOnTime: true, firstPromiseKept: false });
  });
});
