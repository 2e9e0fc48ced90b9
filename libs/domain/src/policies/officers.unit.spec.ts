import { ComplaintCommand } from '../complaint/commands';
import { decide } from '../complaint/decide';
import { isDomainError } from '../complaint/errors';
import { foldComplaint } from '../complaint/evolve';
import { aComplaint, aDecisionContext, ComplaintHistoryBuilder, given, reassignComplaint, registerComplaint } from '../testing';
import { rosterOf } from './officers';

// Issue 14: the responsible officer, at registration and on reassignment, is a known quality officer.
const officers = rosterOf(['officer-georgieva', 'officer-dimitrova'], 'the user directory');
const at = { now: new Date('2026-03-02T14:00:00.000Z'), officers };
const received = aComplaint().received();
const registered = received.registered();

/** The types of the events decided, or the refusal's code. */
const outcome = (history: ComplaintHistoryBuilder, command: ComplaintCommand, context: Partial<typeof at> = at) => {
  const decision = decide(command, foldComplaint(history.events()), aDecisionContext(context));
  return isDomainError(decision) ? decision.code : decision.map((event) => event.type);
};

describe('the responsible officer is a known quality officer', () => {
  it('registers with a known officer, and reassigns to one', () => {
    expect(outcome(received, registerComplaint({ responsibleOfficer: 'officer-dimitrova' }))).toStrictEqual(['ComplaintRegistered']);
    expect(outcome(registered, reassignComplaint({ to: 'officer-dimitrova' }))).toStrictEqual(['ComplaintReassigned']);
  });

  it('refuses an unknown officer at registration, naming the field and where officers are known', () => {
    const refusal = given(received)
      .when(registerComplaint({ responsibleOfficer: 'officer-nobody' }), at)
      .thenFails('unknown-officer', { kind: 'invalid-input', field: 'responsibleOfficer' });
    expect(refusal.message).toBe('"officer-nobody" is not a known quality officer (the user directory).');
  });

  it('refuses an unknown reassignment target', () => {
    given(registered).when(reassignComplaint({ to: 'officer-nobody' }), at).thenFails('unknown-officer', { kind: 'invalid-input', field: 'to' });
  });

  it('checks nothing without a roster (a decision replayed from before the rule)', () => {
    expect(outcome(received, registerComplaint({ responsibleOfficer: 'officer-nobody' }), { now: at.now })).toStrictEqual(['ComplaintRegistered']);
  });
});
