import { EventStore, ReadStreamOptions, RecordedEvent } from '@app/event-store';
import { delegatingStore } from '../support/delegating-store';
import { aComplaintBody, anInvestigationBody, aRegistrationBody, clerk, officer } from '../support/requests';
import { headPosition, startTestApp, TestApp } from '../support/test-app';

/** Holds reads of a complaint stream until `parties` readers have arrived, so two commands surely read the same revision. */
const withReadBarrier = (store: EventStore, parties: number) => {
  let armed = false;
  let waiting: Array<() => void> = [];
  const readStream = async (streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> => {
    const events = await store.readStream(streamId, options);
    if (armed && streamId.startsWith('complaint-')) {
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (waiting.length === parties) {
          waiting.forEach((release) => release());
          waiting = [];
          armed = false;
        }
      });
    }
    return events;
  };
  return { store: delegatingStore(store, { readStream }), arm: () => (armed = true) };
};

describe('concurrent changes and retried commands', () => {
  let t: TestApp;
  let barrier: ReturnType<typeof withReadBarrier>;

  beforeAll(async () => {
    t = await startTestApp({
      wrapStore: (store) => {
        barrier = withReadBarrier(store, 2);
        return barrier.store;
      },
    });
  });
  afterAll(() => t.close());

  const aRegisteredComplaint = async (): Promise<string> => {
    const { body } = await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201);
    await t.http.post(`/complaints/${body.complaintId}/registration`).set(officer).send(aRegistrationBody()).expect(200);
    return body.complaintId;
  };

  it('two concurrent commands on one case: one wins, the other gets 409 and writes nothing', async () => {
    const id = await aRegisteredComplaint();
    barrier.arm();
    const [a, b] = await Promise.all([
      t.http.post(`/complaints/${id}/investigation`).set(officer).send(anInvestigationBody({ verdict: 'founded' })),
      t.http.post(`/complaints/${id}/reassignment`).set(officer).send({ to: 'officer-dimitrova', reason: 'Leave' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((a.status === 409 ? a : b).body.code).toBe('concurrent-change');
    const history = await t.http.get(`/complaints/${id}/history`).expect(200);
    expect(history.body.events).toHaveLength(3);
  });

  it('the same Idempotency-Key with the same request returns the first result and appends nothing', async () => {
    const id = await aRegisteredComplaint();
    const key = `investigation-${id}`;
    const first = await t.http.post(`/complaints/${id}/investigation`).set(officer).set('Idempotency-Key', key).send(anInvestigationBody()).expect(200);
    const before = await headPosition(t.store);
    const again = await t.http.post(`/complaints/${id}/investigation`).set(officer).set('Idempotency-Key', key).send(anInvestigationBody()).expect(200);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(await headPosition(t.store)).toBe(before);
  });

  it('the same Idempotency-Key with a different request is refused with 422', async () => {
    const id = await aRegisteredComplaint();
    const key = `investigation-2-${id}`;
    await t.http.post(`/complaints/${id}/investigation`).set(officer).set('Idempotency-Key', key).send(anInvestigationBody()).expect(200);
    const before = await headPosition(t.store);
    const misuse = await t.http
      .post(`/complaints/${id}/investigation`)
      .set(officer)
      .set('Idempotency-Key', key)
      .send(anInvestigationBody({ verdict: 'unfounded' }))
      .expect(422);
    expect(misuse.body.code).toBe('idempotency-key-reused');
    expect(await headPosition(t.store)).toBe(before);
  });

  it('receiving twice under one Idempotency-Key creates one complaint', async () => {
    const key = `intake-${Date.now()}`;
    const first = await t.http.post('/complaints').set(clerk).set('Idempotency-Key', key).send(aComplaintBody()).expect(201);
    const before = await headPosition(t.store);
    const again = await t.http.post('/complaints').set(clerk).set('Idempotency-Key', key).send(aComplaintBody()).expect(201);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    expect(again.headers.location).toBe(first.headers.location);
    expect(await headPosition(t.store)).toBe(before);
  });

  it("another principal's request under the same key and body is refused with 422, never answered with the first one's result", async () => {
    const { body } = await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201);
    const key = `registration-${body.complaintId}`;
    const registered = await t.http.post(`/complaints/${body.complaintId}/registration`).set(clerk).set('Idempotency-Key', key).send(aRegistrationBody()).expect(200);
    const before = await headPosition(t.store);
    const other = await t.http.post(`/complaints/${body.complaintId}/registration`).set(officer).set('Idempotency-Key', key).send(aRegistrationBody());
    expect({ status: other.status, code: other.body.code }).toEqual({ status: 422, code: 'idempotency-key-reused' });
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await headPosition(t.store)).toBe(before);
    // The key's owner still gets the first result.
    const again = await t.http.post(`/complaints/${body.complaintId}/registration`).set(clerk).set('Idempotency-Key', key).send(aRegistrationBody()).expect(200);
    expect(again.body).toEqual({ ...registered.body, replayed: true });
  });

  it("receiving under another principal's key never returns, nor takes, that principal's complaint", async () => {
    const key = `intake-shared-${Date.now()}`;
    // The officer learned the key and uses it first: the clerk's complaint must still be the clerk's own.
    const officers = await t.http.post('/complaints').set(officer).set('Idempotency-Key', key).send(aComplaintBody()).expect(201);
    const clerks = await t.http.post('/complaints').set(clerk).set('Idempotency-Key', key).send(aComplaintBody()).expect(201);
    expect(clerks.body.replayed).toBe(false);
    expect(clerks.body.complaintId).not.toBe(officers.body.complaintId);
    const actorOf = async (id: string) =>
      (await t.http.get(`/complaints/${id}/history`).expect(200)).body.events.map((e: { actor: { id: string } }) => e.actor.id);
    expect(await actorOf(clerks.body.complaintId)).toEqual([clerk['X-Actor-Id']]);
    expect(await actorOf(officers.body.complaintId)).toEqual([officer['X-Actor-Id']]);
    // Each one's retry finds its own complaint.
    const clerkRetry = await t.http.post('/complaints').set(clerk).set('Idempotency-Key', key).send(aComplaintBody()).expect(201);
    expect(clerkRetry.body).toEqual({ ...clerks.body, replayed: true });
    const officerRetry = await t.http.post('/complaints').set(officer).set('Idempotency-Key', key).send(aComplaintBody()).expect(201);
    expect(officerRetry.body).toEqual({ ...officers.body, replayed: true });
  });

  it('identical retries racing each other are written once (the store deduplicates by derived event ids)', async () => {
    const id = await aRegisteredComplaint();
    barrier.arm();
    const key = `race-${id}`;
    const responses = await Promise.all(
      [1, 2].map(() => t.http.post(`/complaints/${id}/investigation`).set(officer).set('Idempotency-Key', key).send(anInvestigationBody())),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(responses[0].body.position).toBe(responses[1].body.position);
    const history = await t.http.get(`/complaints/${id}/history`).expect(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['ComplaintReceived', 'ComplaintRegistered', 'ComplaintInvestigated']);
  });
});
