import { aDecisionContext } from '../testing/decider-specification';
import { aComplaint, COMPLAINT_ID } from '../testing/builders';
import { complaintDecider } from './decider';
import { isDomainError } from './errors';
import { ComplaintEvent } from './events';
import { ComplaintState } from './state';

const erase = { type: 'ErasePersonalData', data: { complaintId: COMPLAINT_ID, reason: 'Asked by letter' } } as const;
const stateOf = (events: ComplaintEvent[]): ComplaintState => events.reduce(complaintDecider.evolve, complaintDecider.initialState());
const context = aDecisionContext();

describe('the erasure of personal data, as a command of the complaint stream', () => {
  it('records PersonalDataErased at the time of the decision, with the reason given', () => {
    expect(complaintDecider.decide(erase, stateOf(aComplaint().received().events()), context)).toEqual([
      { type: 'PersonalDataErased', data: { complaintId: COMPLAINT_ID, erasedAt: context.now.toISOString(), reason: 'Asked by letter' } },
    ]);
  });

  it('records nothing a second time', () => {
    const once = complaintDecider.decide(erase, stateOf(aComplaint().received().events()), context) as ComplaintEvent[];
    expect(complaintDecider.decide(erase, stateOf([...aComplaint().received().events(), ...once]), context)).toEqual([]);
  });

  it('refuses a complaint that does not exist', () => {
    const refusal = complaintDecider.decide(erase, complaintDecider.initialState(), context);
    expect(isDomainError(refusal) && refusal.code).toBe('complaint-not-found');
  });
});
