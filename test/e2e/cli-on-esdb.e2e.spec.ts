import { PassThrough } from 'node:stream';
import { run } from '../../apps/ledger-cli/src/main';
import { aComplaintBody, anInvestigationBody, aRegistrationBody, clerk, officer } from '../support/requests';
import { startTestApp, TestApp } from '../support/test-app';

// The CLI makes the API's choice of event store: with EVENTSTORE_CONNECTION_STRING set it reads EventStoreDB.

const cli = async (env: NodeJS.ProcessEnv, ...args: string[]) => {
  const saved = process.env.EVENTSTORE_CONNECTION_STRING;
  process.env.EVENTSTORE_CONNECTION_STRING = env.EVENTSTORE_CONNECTION_STRING;
  const out = new PassThrough();
  const err = new PassThrough();
  let text = '';
  out.on('data', (chunk) => (text += chunk));
  try {
    return { code: await run(args, out, err), text };
  } finally {
    if (saved === undefined) delete process.env.EVENTSTORE_CONNECTION_STRING;
    else process.env.EVENTSTORE_CONNECTION_STRING = saved;
  }
};

describe('the CLI on EventStoreDB', () => {
  let t: TestApp;
  let id: string;
  const previous = process.env.E2E_EVENT_STORE;

  beforeAll(async () => {
    process.env.E2E_EVENT_STORE = 'esdb';
    t = await startTestApp();
    id = (await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body.complaintId;
    await t.http.post(`/complaints/${id}/registration`).set(officer).send(aRegistrationBody()).expect(200);
    await t.http.post(`/complaints/${id}/investigation`).set(officer).send(anInvestigationBody()).expect(200);
  });
  afterAll(async () => {
    await t.close();
    if (previous === undefined) delete process.env.E2E_EVENT_STORE;
    else process.env.E2E_EVENT_STORE = previous;
  });

  it('verifies every chain it finds there, and none of the server’s own system events', async () => {
    const verified = await cli({ EVENTSTORE_CONNECTION_STRING: t.eventStoreConnectionString }, 'verify');
    // The complaint and its register-number stream; the server's `$` streams are not ours to verify.
    expect(verified).toEqual({ code: 0, text: expect.stringMatching(/chain intact \(4 events in 2 streams/) });
  });

  it('tells a case’s history from the events in EventStoreDB', async () => {
    const history = await cli({ EVENTSTORE_CONNECTION_STRING: t.eventStoreConnectionString }, 'history', id, '--json');
    expect(history.code).toBe(0);
    const entries = history.text.trim().split('\n').map((line) => JSON.parse(line) as { type: string; position: string });
    // Positions as EventStoreDB gives them on a stream read (sparse, never -1: known).
    expect(entries.every((e) => BigInt(e.position) > 0n)).toBe(true);
    expect(entries.map((e) => e.type)).toEqual([
      'ComplaintReceived',
      'ComplaintRegistered',
      'ComplaintInvestigated',
    ]);
  });
});
