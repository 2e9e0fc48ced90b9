/**
 * Erasure leaves no copy of the complainant's name anywhere in DATA_DIR: the name is written into every free-text
 * field and every field that identifies the customer, through the API, over a whole lifecycle (received, registered,
 * waived, answered, compensated, followed up, closed, reopened, reassigned, waiting on the complainant, extended, investigated,
 * answered again, an evidence file attached, withdrawn); then `ledger-cli erase`; then every file of the data directory, WAL and
 * shared-memory files included,
 * is searched byte by byte.
 */
import { ERASED, PERSONAL_DATA } from '@app/domain';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { run } from '../../apps/ledger-cli/src/main';
import { aCompensationBody, aComplaintBody, aFollowUpBody, anAnswerBody, anInvestigationBody, aRegistrationBody, clerk, manager, officer } from '../support/requests';
import { headPosition, startTestApp, TestApp } from '../support/test-app';

const NAME = 'Zoya Quillfeather-Marchetti';
const TRACES = [NAME, NAME.toLowerCase(), 'Quillfeather', 'quillfeather'];

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));

/** Every file of the data directory that holds a trace of the name (raw bytes, UTF-8), with the trace. */
const tracesIn = (dataDir: string, files = filesUnder(dataDir)): string[] =>
  files.flatMap((file) => {
    const bytes = readFileSync(file);
    return TRACES.filter((trace) => bytes.includes(Buffer.from(trace, 'utf8'))).map((trace) => `${file.slice(dataDir.length)}: ${trace}`);
  });

describe('erasure of the name written into every personal and free-text field', () => {
  let t: TestApp;
  let id: string;

  const cli = async (...args: string[]) => {
    const [out, err] = [new PassThrough(), new PassThrough()];
    const code = await run([...args, '--data-dir', t.dataDir], out, err);
    return { code, out: out.read()?.toString() ?? '', err: err.read()?.toString() ?? '' };
  };

  beforeAll(async () => {
    t = await startTestApp();
    const says = (what: string) => `${what} (${NAME})`;
    id = (
      await t.http
        .post('/complaints')
        .set(clerk)
        .send(
          aComplaintBody({
            complainant: { name: NAME, kind: 'person', email: 'zoya.quillfeather@example.org' /* the e-mail holds the name too */, phone: '+359 888 471 902', postalAddress: says('17 Vitosha Blvd') },
            subject: { productOrService: 'Espresso machine EM-200', sku: 'EM-200-BLK', lotNumber: 'L-2026-07', serialNumber: says('SN-1'), orderReference: says('ORD-1') },
            description: says('The kettle whistles'),
            desiredRemedy: says('Refund'),
            documents: [`receipt-${NAME}.pdf`, says('photo')],
            primaryResponse: says('Apologised to'),
          }),
        )
        .expect(201)
    ).body.complaintId;
    const step = (path: string, who: Record<string, string>, body: object) => t.http.post(`/complaints/${id}/${path}`).set(who).send(body).expect(200);
    await step('contacts', clerk, { kind: 'acknowledgement', channel: 'email', summary: says('Confirmed receipt to') });
    await step('registration', officer, aRegistrationBody());
    await step('investigation-waiver', officer, { reason: says('Known fault, told') });
    await step('answer', manager, anAnswerBody({ summary: says('Dear') }));
    await step('compensations', manager, aCompensationBody({ description: says('Refund to') }));
    await step('follow-ups', officer, aFollowUpBody({ comment: says('Called') }));
    await step('closure', officer, {
      summary: says('Solved for'),
      complainantAcceptedOutcome: false,
      referral: { body: 'ombudsman', name: 'Financial Ombudsman Service', reference: says('FOS') },
    });
    await step('reopening', officer, { reason: says('The fault came back for') });
    await step('reassignment', officer, { to: 'officer-dimitrova', reason: says('Officer on leave; call') });
    await step('awaiting-complainant', officer, { requested: says('Asked for a photo of the plate from') });
    await step('complainant-information', officer, { summary: says('The photo arrived from') });
    const answerDueAt = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
    await step('deadline-extensions', officer, { answerDueAt, reason: says('Waiting for the lab; told'), customerInformedVia: 'phone', customerInformedAt: new Date().toISOString() });
    // rootCause stays clear by design (PERSONAL_DATA says why): the statistics rank it.
    await step(
      'investigation',
      officer,
      anInvestigationBody({
        findings: says('Faulty element in the unit of'),
        correctiveAction: says('Replace the unit of'),
        // Issue 14: the statements of the sources of the facts are sealed too; kind and reference stay clear.
        sources: [
          { kind: 'complainant', statement: says('Told us on the phone:'), obtainedAt: new Date().toISOString() },
          { kind: 'intake-employee', reference: 'clerk-anna', statement: says('Took the complaint of'), obtainedAt: new Date().toISOString() },
        ],
        rootCauseCode: 'supplier-defect',
      }),
    );
    await step('answer', manager, anAnswerBody({ summary: says('Dear, again') }));
    // An evidence file whose name and content both hold the name: both sealed, the content in DATA_DIR/blobs.
    await t.http.post(`/complaints/${id}/evidence`).query({ filename: `receipt-${NAME}.txt` }).set(clerk).set('Content-Type', 'text/plain').send(Buffer.from(says('Receipt 118842 issued to'))).expect(201);
    await t.http.post(`/complaints/${id}/withdrawal`).set(clerk).send({ reason: says('Withdrawn on the phone by') }).expect(200);
  });
  afterAll(() => t.close());

  it('wrote the name into every sealed field of every event type: the events hold only ciphertext, the readers the plaintext', async () => {
    const events = await t.store.readStream(`complaint-${id}`);
    const typesWithSealedFields = Object.entries(PERSONAL_DATA).filter(([, fields]) => Object.keys(fields.sealed).length > 0).map(([type]) => type);
    expect([...new Set(events.map((event) => event.type))]).toEqual(expect.arrayContaining(typesWithSealedFields));
    expect(JSON.stringify(events.map((event) => event.data))).not.toContain('Quillfeather');
    const history = JSON.stringify((await t.http.get(`/complaints/${id}/history`).expect(200)).body);
    expect(history.split('Quillfeather').length - 1).toBeGreaterThanOrEqual(20);
    expect(tracesIn(t.dataDir).join('\n')).toContain('/read-models.sqlite'); // the search does find the name where it is
  });

  it('after ledger-cli erase, no reader shows the name, and no byte of it is left in any file of DATA_DIR', async () => {
    // The erasure's reason stays readable: one that names the complainant is refused, and nothing is done.
    const head = await headPosition(t.store);
    expect(await cli('erase', id, '--reason', `Asked by ${NAME.toUpperCase()} on the phone`)).toMatchObject({ code: 2, err: expect.stringContaining('names the complainant') });
    expect(await headPosition(t.store)).toBe(head);
    const erased = await cli('erase', id, '--actor', 'admin-dpo');
    expect(erased).toMatchObject({ code: 0, out: expect.stringContaining('key is destroyed') });
    const reached = `minPosition=${await headPosition(t.store)}`;
    const view = (await t.http.get(`/complaints/${id}`).expect(200)).body;
    expect(view.complaint).toMatchObject({ complainant: { name: ERASED }, primaryResponse: ERASED, documents: [ERASED, ERASED], withdrawal: { reason: ERASED } });
    const readers = [
      view,
      (await t.http.get(`/complaints/${id}/history`).expect(200)).body,
      (await t.http.get(`/complaints?${reached}`).expect(200)).body,
      (await t.http.get(`/complaints?q=quillfeather&${reached}`).expect(200)).body,
      (await t.http.get('/reports/journal?format=json').expect(200)).body,
      (await t.http.get('/reports/journal?format=csv').expect(200)).text,
      (await cli('history', id)).out,
      (await cli('replay', id)).out,
    ].map((body) => (typeof body === 'string' ? body : JSON.stringify(body)));
    for (const text of readers) expect(text).not.toMatch(/quillfeather/i);
    expect((await t.http.get(`/complaints?q=quillfeather&${reached}`).expect(200)).body.total).toBe(0);

    // While the API runs: the events (WAL included), keys and users hold no trace; the read models' rows are erased.
    expect(tracesIn(t.dataDir).filter((trace) => !trace.startsWith('/read-models.sqlite'))).toEqual([]);
    // With the API stopped, erase again: the journal is rebuilt from the sealed events, the file compacted, the WAL truncated.
    await t.app.close();
    expect((await cli('erase', id)).out).toContain('rebuilt and compacted');
    const files = filesUnder(t.dataDir);
    expect(files.map((file) => file.slice(t.dataDir.length))).toEqual(expect.arrayContaining(['/events.sqlite', '/read-models.sqlite', '/keys.sqlite', expect.stringMatching(/^\/blobs\/evidence\//)]));
    expect(tracesIn(t.dataDir, files)).toEqual([]);
  });
});
