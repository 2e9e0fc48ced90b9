import { ERASED } from '@app/domain';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { JournalEntry, REGISTER_JOURNAL } from '@app/projections';
import { EmbeddedDocumentStore, READ_MODELS_FILE } from '@app/read-store/sqlite';
import { run } from '../../apps/ledger-cli/src/main';
import { freePort } from '../support/api-process';
import { aCompensationBody, aComplaintBody, aFollowUpBody, anAnswerBody, anInvestigationBody, aRegistrationBody, clerk, manager, officer } from '../support/requests';
import { headPosition, startTestApp, TestApp } from '../support/test-app';

// Distinctive personal data, so that any copy of it anywhere is found.
const PERSONAL = {
  name: 'Zoya Quillfeather-Marchetti',
  email: 'zoya.quillfeather@example.org',
  phone: '+359 888 471 902',
  postalAddress: '17 Vitosha Blvd, Sofia',
  description: 'The Xylophonic kettle whistles at midnight',
  desiredRemedy: 'Refund to my Plumbusbank account',
  comment: 'Satisfied, thank you Brindlewick',
};
const TRACES = Object.values(PERSONAL).flatMap((text) => [text, text.toLowerCase()]);

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));

/** Every trace of the personal data found in the data directory's files (raw bytes, UTF-8). */
const tracesIn = (dataDir: string): string[] =>
  filesUnder(dataDir).flatMap((file) => {
    const bytes = readFileSync(file);
    return TRACES.filter((trace) => bytes.includes(Buffer.from(trace, 'utf8'))).map((trace) => `${file.slice(dataDir.length)}: ${trace}`);
  });

describe('erasure of a complainant’s personal data by crypto-shredding', () => {
  let t: TestApp;
  let id: string;
  let kept: string; // another complainant's case, never erased

  const cli = async (...args: string[]) => {
    const [out, err] = [new PassThrough(), new PassThrough()];
    const code = await run([...args, '--data-dir', t.dataDir], out, err);
    return { code, out: out.read()?.toString() ?? '', err: err.read()?.toString() ?? '' };
  };
  const reached = async () => `minPosition=${await headPosition(t.store)}`;
  const statistics = async () => (await t.http.get(`/reports/statistics?groupBy=year&${await reached()}`).expect(200)).body.rows;

  beforeAll(async () => {
    t = await startTestApp();
    const { name, email, phone, postalAddress, description, desiredRemedy, comment } = PERSONAL;
    id = (await t.http.post('/complaints').set(clerk).send(aComplaintBody({ complainant: { name, kind: 'person', email, phone, postalAddress }, description, desiredRemedy })).expect(201)).body.complaintId;
    await t.http.post(`/complaints/${id}/registration`).set(officer).send(aRegistrationBody()).expect(200);
    await t.http.post(`/complaints/${id}/investigation`).set(officer).send(anInvestigationBody()).expect(200);
    await t.http.post(`/complaints/${id}/answer`).set(manager).send(anAnswerBody()).expect(200);
    await t.http.post(`/complaints/${id}/compensations`).set(manager).send(aCompensationBody()).expect(200);
    await t.http.post(`/complaints/${id}/follow-ups`).set(officer).send(aFollowUpBody({ comment })).expect(200);
    kept = (await t.http.post('/complaints').set(clerk).send(aComplaintBody({ complainant: { name: 'Ivo Borealis', kind: 'person', email: 'ivo@example.org' } })).expect(201)).body.complaintId;
  });
  afterAll(() => t.close());

  it('seals the personal fields in the events: the log holds only ciphertext, readers see the plaintext', async () => {
    const [received] = await t.store.readStream(`complaint-${id}`);
    const data = received.data as { complainant: Record<string, string>; description: string; _sealed: string };
    // One envelope per event holds its personal fields (ADR 0017); each field keeps its place, marked.
    expect([data.complainant.name, data.description]).toEqual(['sealed:v2', 'sealed:v2']);
    expect(data._sealed).toMatch(/^sealed:v2:/);
    expect(JSON.stringify((await t.store.readAll()).map((event) => event.data))).not.toContain(PERSONAL.name);
    const { body } = await t.http.get(`/complaints/${id}`).expect(200);
    expect(body.complaint).toMatchObject({ complainant: { name: PERSONAL.name, email: PERSONAL.email }, description: PERSONAL.description });
    expect((await t.http.get(`/complaints?q=xylophonic&${await reached()}`).expect(200)).body.total).toBe(1);
    // Until the erasure the read models hold the plaintext: the search below does find it when it is there.
    expect(tracesIn(t.dataDir).join('\n')).toContain('read-models.sqlite');
    expect(tracesIn(t.dataDir).join('\n')).not.toMatch(/events\.sqlite|keys\.sqlite|users\.sqlite/);
  });

  it('erases with ledger-cli erase: every reader shows the fields as erased; the chain and the statistics stay intact', async () => {
    const before = await statistics();
    const erased = await cli('erase', id, '--actor', 'admin-dpo');
    expect(erased).toMatchObject({ code: 0, out: expect.stringContaining('key is destroyed') });

    const { body: view } = await t.http.get(`/complaints/${id}`).expect(200);
    expect(view.complaint).toMatchObject({
      complainant: { name: ERASED, kind: 'person', email: ERASED, phone: ERASED, postalAddress: ERASED },
      description: ERASED,
      desiredRemedy: ERASED,
      followUps: [expect.objectContaining({ comment: ERASED, satisfaction: 4 })],
      personalDataErasedAt: expect.any(String),
      subject: expect.objectContaining({ productOrService: 'Espresso machine EM-200' }),
    });
    const history = (await t.http.get(`/complaints/${id}/history`).expect(200)).body;
    expect(history.events.at(-1)).toMatchObject({ type: 'PersonalDataErased', actor: { id: 'admin-dpo', role: 'administrator' } });
    expect(history.events[0].data).toMatchObject({ complainant: { name: ERASED }, description: ERASED });
    expect((await t.http.get(`/complaints/${id}/verification`).expect(200)).body).toMatchObject({ valid: true });
    expect((await cli('verify')).code).toBe(0);

    const journal = (await t.http.get(`/complaints?${await reached()}`).expect(200)).body.items.find((row: { complaintId: string }) => row.complaintId === id);
    expect(journal).toMatchObject({ complainantName: ERASED, complainantEmail: ERASED, description: ERASED, followUpComment: ERASED });
    expect((await t.http.get(`/complaints?q=xylophonic&${await reached()}`).expect(200)).body.total).toBe(0);
    const csv = (await t.http.get('/reports/journal?format=csv').expect(200)).text;
    const json = JSON.stringify((await t.http.get('/reports/journal?format=json').expect(200)).body);
    const cliOutput = (await cli('history', id)).out + (await cli('replay', id)).out;
    for (const text of [csv, json, JSON.stringify(view), JSON.stringify(history), cliOutput]) for (const trace of TRACES) expect(text).not.toContain(trace);
    expect(csv).toContain(ERASED);

    expect(await statistics()).toEqual(before);
    expect((await cli('erase', id)).out).toContain('already erased');
  });

  it('leaves no copy of the erased plaintext anywhere in the data directory, the read models included once they are scrubbed', async () => {
    // While the API runs, the sealed log, the keys and the users hold no trace; the read models' rows are already erased.
    expect(tracesIn(t.dataDir).filter((trace) => !trace.startsWith('/read-models.sqlite'))).toEqual([]);
    await t.app.close();
    // With the API stopped, erase again: it rebuilds the journal from the sealed events and compacts the file.
    expect((await cli('erase', id)).out).toContain('rebuilt and compacted');
    expect(tracesIn(t.dataDir)).toEqual([]);
  });

  it('rebuilds the read models from the sealed events (ledger-cli rebuild, no API running): opened where kept, erased where erased', async () => {
    const port = process.env.PORT;
    process.env.PORT = String(await freePort()); // so that the CLI finds no API and rebuilds in its own process
    try {
      expect((await cli('rebuild', 'register_journal')).code).toBe(0);
    } finally {
      process.env.PORT = port;
    }
    const documents = new EmbeddedDocumentStore(join(t.dataDir, READ_MODELS_FILE));
    try {
      const rows = await documents.collection<JournalEntry>(REGISTER_JOURNAL).find({});
      expect(Object.fromEntries(rows.map((row) => [row.complaintId, row.complainantName]))).toEqual({ [id]: ERASED, [kept]: 'Ivo Borealis' });
    } finally {
      await documents.close();
    }
    expect(tracesIn(t.dataDir)).toEqual([]);
  });
});
