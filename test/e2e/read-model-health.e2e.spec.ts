/**
 * Issue 12, item 1: a read model that disagrees with the log never reports healthy. Rows lost behind
 * the runner's back (deleted from the journal's collection, as an outside actor would) make /health
 * `degraded` and show on GET /projections; a rebuild makes it `ok` again; normal writes, deletes
 * (a withdrawal deletes the deadline entry), restarts and rebuilds raise no alarm.
 */
import { DOCUMENT_STORE } from '@app/platform';
import { DEADLINES, REGISTER_JOURNAL } from '@app/projections';
import { DocumentStore } from '@app/read-store';
import { aComplaintBody, clerk } from '../support/requests';
import { startTestApp, TestApp } from '../support/test-app';

const admin = { 'X-Actor-Id': 'admin-1', 'X-Actor-Role': 'administrator' };

describe('/health compares each read model with the documents its projection wrote', () => {
  let t: TestApp;
  let documents: DocumentStore;
  /** The last position written: a read at it waits until every read model has reached it. */
  let position = '0';

  const receive = async (): Promise<string> => {
    const { body } = await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201);
    position = body.position;
    return body.complaintId;
  };
  const caughtUp = () => t.http.get('/complaints').query({ minPosition: position, pageSize: 1 }).expect(200);
  const projection = async (name: string) => {
    const { body } = await t.http.get('/projections').expect(200);
    return body.projections.find((p: { name: string }) => p.name === name);
  };
  const rebuild = async (name: string) => {
    await t.http.post(`/projections/${name}/rebuild`).set(admin).expect(202);
    for (;;) {
      const { body } = await t.http.get(`/projections/${name}/rebuild`).expect(200);
      if (body.state === 'failed') throw new Error(`The rebuild failed: ${body.error}`);
      if (body.state === 'done') return;
      await new Promise((resolve) => setTimeout(resolve, 50)); // polling the state it reports, not waiting for it
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    documents = t.app.get<DocumentStore>(DOCUMENT_STORE);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await receive());
    // A withdrawal deletes the case's deadline entry: the count must follow deletes too.
    const withdrawn = await t.http.post(`/complaints/${ids[0]}/withdrawal`).set(clerk).send({ reason: 'Solved it myself.' }).expect(200);
    position = withdrawn.body.position ?? position;
    await receive();
    await caughtUp();
  });
  afterAll(() => t.close());

  it('is ok while the read models hold what their projections wrote, deletes included', async () => {
    const health = await t.http.get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', problems: [] });
    expect(await projection(REGISTER_JOURNAL)).toMatchObject({ documents: { expected: 6, found: 6 }, needsRebuild: false });
    expect(await projection(DEADLINES)).toMatchObject({ documents: { expected: 5, found: 5 }, needsRebuild: false });
  });

  it('is degraded, naming the read model and how to rebuild it, once a row is deleted behind the runner', async () => {
    const [victim] = await documents.collection(REGISTER_JOURNAL).find({}, { limit: 1 });
    await documents.collection(REGISTER_JOURNAL).bulkWrite([{ deleteOne: { filter: { _id: victim._id } } }]);

    const health = await t.http.get('/health').expect(200);
    expect(health.body.status).toBe('degraded');
    expect(health.body.problems).toEqual([
      `Read model ${REGISTER_JOURNAL} holds 5 documents where its projection wrote 6: it disagrees with the event log; rebuild it: POST /projections/${REGISTER_JOURNAL}/rebuild or \`ledger rebuild ${REGISTER_JOURNAL}\`.`,
    ]);
    expect(health.body.projections.find((p: { name: string }) => p.name === REGISTER_JOURNAL)).toMatchObject({ documents: { expected: 6, found: 5 } });
    // The administration view (the workspace's Administration page) says the same.
    expect(await projection(REGISTER_JOURNAL)).toMatchObject({ documents: { expected: 6, found: 5 }, needsRebuild: true });
    expect(await projection(DEADLINES)).toMatchObject({ needsRebuild: false });

    // Writing on does not hide it: the loss stays counted.
    await receive();
    await caughtUp();
    expect((await t.http.get('/health').expect(200)).body.status).toBe('degraded');
  });

  it('is ok again after a rebuild, and stays ok through restarts, rebuilds and more writes', async () => {
    await rebuild(REGISTER_JOURNAL);
    let health = await t.http.get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', problems: [] });
    expect(await projection(REGISTER_JOURNAL)).toMatchObject({ documents: { expected: 7, found: 7 }, needsRebuild: false });

    await t.http.post(`/projections/${DEADLINES}/restart`).set(admin).expect(200);
    await rebuild('all');
    const id = await receive();
    const withdrawn = await t.http.post(`/complaints/${id}/withdrawal`).set(clerk).send({ reason: 'Changed my mind.' }).expect(200);
    position = withdrawn.body.position ?? position;
    await caughtUp();
    health = await t.http.get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', problems: [] });
    expect(await projection(REGISTER_JOURNAL)).toMatchObject({ documents: { expected: 8, found: 8 } });
    expect(await projection(DEADLINES)).toMatchObject({ documents: { expected: 6, found: 6 } });
  });
});

describe('/health on MongoDB read models, while complaints are written', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ documentStore: 'mongo' });
  });
  afterAll(() => t.close());

  // MongoDB writes a batch's documents before its checkpoint, without a transaction: /health must not take that for a loss.
  it('raises no false alarm', async () => {
    let writing = true;
    let written = 0;
    let position = '0';
    const writes = (async () => {
      for (; writing; written++) position = (await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body.position;
    })();
    try {
      const statuses: string[] = [];
      while (written < 60 || statuses.length < 30) statuses.push((await t.http.get('/health').expect(200)).body.status);
      expect(statuses.filter((status) => status !== 'ok')).toEqual([]);
    } finally {
      writing = false;
      await writes;
    }
    await t.http.get('/complaints').query({ minPosition: position, pageSize: 1 }).expect(200);
    const journal = (await t.http.get('/projections').expect(200)).body.projections.find((p: { name: string }) => p.name === REGISTER_JOURNAL);
    expect(journal.documents).toEqual({ expected: written, found: written });
  }, 120_000);
});
