import type TestAgent from 'supertest/lib/agent';
import { aComplaintBody, anAnswerBody, anInvestigationBody, aRegistrationBody, clerk, manager, officer } from './requests';

// A complaint walked over HTTP into the state a test needs, each step by a role allowed to take it, so that a
// test sets up its own case instead of depending on what an earlier test left behind.

export type CaseState = 'received' | 'registered' | 'investigated' | 'answered' | 'closed' | 'awaiting-complainant';

/** The state each state is reached from, and the step that reaches it. */
const STEPS: Record<Exclude<CaseState, 'received'>, { from: CaseState; step: (http: TestAgent, id: string) => Promise<unknown> }> = {
  registered: { from: 'received', step: (http, id) => http.post(`/complaints/${id}/registration`).set(officer).send(aRegistrationBody()).expect(200) },
  investigated: { from: 'registered', step: (http, id) => http.post(`/complaints/${id}/investigation`).set(officer).send(anInvestigationBody()).expect(200) },
  answered: { from: 'investigated', step: (http, id) => http.post(`/complaints/${id}/answer`).set(manager).send(anAnswerBody()).expect(200) },
  closed: { from: 'answered', step: (http, id) => http.post(`/complaints/${id}/closure`).set(manager).send({}).expect(200) },
  'awaiting-complainant': {
    from: 'registered',
    step: (http, id) => http.post(`/complaints/${id}/awaiting-complainant`).set(officer).send({ requested: 'A photo of the serial-number plate.' }).expect(200),
  },
};

const walk = async (http: TestAgent, id: string, state: CaseState): Promise<void> => {
  if (state === 'received') return;
  await walk(http, id, STEPS[state].from);
  await STEPS[state].step(http, id);
};

/** A new complaint (received from `body`'s overrides of aComplaintBody), walked to `state`; resolves to its id. */
export const aCaseIn = async (http: TestAgent, state: CaseState, body: Record<string, unknown> = {}): Promise<string> => {
  const id: string = (await http.post('/complaints').set(clerk).send(aComplaintBody(body)).expect(201)).body.complaintId;
  await walk(http, id, state);
  return id;
};
