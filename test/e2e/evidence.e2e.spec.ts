import { ERASED } from '@app/domain';
import { PersonalDataVault } from '@app/security';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { EventStore } from '@app/event-store';
import { run } from '../../apps/ledger-cli/src/main';
import { EVENT_STORE } from '@app/platform';
import { VIRUS_SCANNER, VirusScanner } from '../../apps/ledger-api/src/evidence/virus-scanner';
import { S3TestServer } from '../support/s3/s3-test-server';
import { aComplaintBody, aRegistrationBody, clerk, manager, officer } from '../support/requests';
import { headPosition, startTestApp, TestApp } from '../support/test-app';

const auditor = { 'X-Actor-Id': 'auditor-ilieva', 'X-Actor-Role': 'auditor' };
const analyst = { 'X-Actor-Id': 'analyst-kirov', 'X-Actor-Role': 'analyst' };
const MAX_BYTES = 4096;

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
/** A small JPEG as far as the signature check goes: the marker, then bytes no one else has. */
const aPhoto = (size = 1500): Buffer => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]);
const aPdf = (): Buffer => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(600)]);
const blobFile = (dataDir: string, complaintId: string, sha: string): string => join(dataDir, 'blobs', 'evidence', complaintId, sha);

describe('evidence files through HTTP (blobs in a directory under DATA_DIR)', () => {
  let t: TestApp;
  let id: string;

  const newComplaint = async (): Promise<string> => (await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body.complaintId;
  const attach = (complaintId: string, bytes: Buffer, { type = 'image/jpeg', filename = 'receipt.jpg', as = clerk }: { type?: string; filename?: string; as?: Record<string, string> } = {}) =>
    t.http.post(`/complaints/${complaintId}/evidence`).query({ filename }).set(as).set('Content-Type', type).send(bytes);
  const download = (complaintId: string, sha: string, as: Record<string, string> = auditor) =>
    t.http.get(`/complaints/${complaintId}/evidence/${sha}`).set(as).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
  const problemOf = (response: { body: Buffer | object; headers: Record<string, string> }) =>
    Buffer.isBuffer(response.body) ? JSON.parse(response.body.toString('utf8')) : response.body;

  beforeAll(async () => {
    t = await startTestApp({ env: { EVIDENCE_MAX_BYTES: String(MAX_BYTES) } });
    id = await newComplaint();
  });
  afterAll(() => t.close());

  it('attaches a file sent as raw bytes: 201, Location by its SHA-256, and a chained EvidenceAttached naming the principal', async () => {
    const photo = aPhoto();
    const response = await attach(id, photo, { filename: 'Касова бележка 12.03.jpg' }).expect(201);
    expect(response.body).toEqual({ complaintId: id, revision: '1', position: expect.any(String), replayed: false, sha256: sha256(photo) });
    expect(response.headers.location).toBe(`/complaints/${id}/evidence/${sha256(photo)}`);
    expect(response.headers.etag).toBe('"1"');

    // Through the app's own event store: SQLite, or the EventStoreDB adapter under E2E_EVENT_STORE=esdb.
    const [, attached] = await t.app.get<EventStore>(EVENT_STORE).readStream(`complaint-${id}`);
    expect(attached).toMatchObject({
      type: 'EvidenceAttached',
      data: { complaintId: id, sha256: sha256(photo), mediaType: 'image/jpeg', sizeBytes: photo.length, attachedBy: 'clerk-anna', attachedAt: expect.any(String) },
      metadata: { schemaVersion: 1, actor: { id: 'clerk-anna', role: 'intake-clerk' }, hash: expect.any(String), prevHash: expect.any(String) },
    });
    // The name is personal data: only its ciphertext is in the log. The bytes are sealed too.
    expect(attached.data as { fileName: string; _sealed: string }).toMatchObject({ fileName: 'sealed:v2', _sealed: expect.stringMatching(/^sealed:v2:/) });
    const stored = readFileSync(blobFile(t.dataDir, id, sha256(photo)));
    expect(stored.includes(photo.subarray(0, 200))).toBe(false);
    expect((await t.http.get(`/complaints/${id}/verification`).expect(200)).body).toMatchObject({ valid: true });
  });

  it('lists the files with their names opened, and downloads the very bytes, checked, with their type, name and digest', async () => {
    const letter = aPdf();
    await attach(id, letter, { type: 'application/pdf', filename: 'letter "final".pdf', as: manager }).expect(201);
    const { body } = await t.http.get(`/complaints/${id}/evidence`).set(auditor).expect(200);
    expect(body.complaintId).toBe(id);
    expect(body.evidence.map((file: { fileName: string }) => file.fileName)).toEqual(['Касова бележка 12.03.jpg', 'letter "final".pdf']);
    expect(body.evidence[1]).toEqual({
      sha256: sha256(letter),
      fileName: 'letter "final".pdf',
      mediaType: 'application/pdf',
      sizeBytes: letter.length,
      attachedBy: 'manager-georgieva',
      attachedAt: expect.any(String),
      href: `/complaints/${id}/evidence/${sha256(letter)}`,
    });

    const response = await download(id, sha256(letter)).expect(200);
    expect(Buffer.compare(response.body as Buffer, letter)).toBe(0);
    expect(response.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(letter.length),
      'content-disposition': `attachment; filename="letter _final_.pdf"; filename*=UTF-8''letter%20%22final%22.pdf`,
      'repr-digest': `sha-256=:${createHash('sha256').update(letter).digest('base64')}:`,
      'cache-control': 'private, no-store',
    });
    // By register number too, as everywhere a complaint is named.
    const number = (await t.http.post(`/complaints/${id}/registration`).set(officer).send(aRegistrationBody()).expect(200)).body.registerNumber;
    expect(Buffer.compare((await download(number, sha256(letter)).expect(200)).body as Buffer, letter)).toBe(0);
  });

  it('records listing and downloading in the access trail', async () => {
    const photo = aPhoto();
    await attach(id, photo).expect(201);
    await t.http.get(`/complaints/${id}/evidence`).set(officer).expect(200);
    await download(id, sha256(photo), officer).expect(200);
    const trail = (await t.http.get('/access-log').query({ actor: 'officer-petrov' }).set(auditor).expect(200)).body;
    expect(trail.entries.map((entry: { type: string; data: object }) => ({ type: entry.type, data: entry.data }))).toEqual(
      expect.arrayContaining([
        { type: 'EvidenceListed', data: { complaintId: id } },
        { type: 'EvidenceRead', data: { complaintId: id, sha256: sha256(photo) } },
      ]),
    );
  });

  it('refuses a file whose stored bytes were altered: 500 evidence-corrupted, whether they no longer open or hash to something else', async () => {
    const [photo, other] = [aPhoto(), aPhoto()];
    await attach(id, photo).expect(201);
    const file = blobFile(t.dataDir, id, sha256(photo));
    const original = readFileSync(file);
    const flipped = Buffer.from(original);
    flipped[flipped.length - 10] ^= 0x01;
    writeFileSync(file, flipped);
    const tampered = await download(id, sha256(photo)).expect(500);
    expect(tampered.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(problemOf(tampered)).toMatchObject({ code: 'evidence-corrupted', detail: expect.stringContaining('do not open') });
    // Someone holding the case's key seals other bytes under the same name: they open, and the hash check refuses them.
    const vault = t.app.get(PersonalDataVault);
    writeFileSync(file, (await vault.sealFile(id, sha256(photo), other, new Date())) as Buffer);
    const swapped = await download(id, sha256(photo)).expect(500);
    expect(problemOf(swapped)).toMatchObject({ code: 'evidence-corrupted', detail: expect.stringContaining(`hashes to ${sha256(other)}`) });
    rmSync(file);
    expect(problemOf(await download(id, sha256(photo)).expect(500))).toMatchObject({ code: 'evidence-bytes-missing' });
    writeFileSync(file, original);
    expect(Buffer.compare((await download(id, sha256(photo)).expect(200)).body as Buffer, photo)).toBe(0);
  });

  it('refuses a file above EVIDENCE_MAX_BYTES (413) and a type not accepted or not matching its bytes (415), appending and storing nothing', async () => {
    const before = await headPosition(t.store);
    const tooLarge = await attach(id, aPhoto(MAX_BYTES + 1)).expect(413);
    expect(tooLarge.body).toMatchObject({ code: 'evidence-too-large', detail: expect.stringContaining(String(MAX_BYTES)) });
    await attach(id, aPhoto(MAX_BYTES)).expect(201); // exactly the limit is accepted
    const afterLimit = await headPosition(t.store);
    expect((await attach(id, Buffer.from('<svg onload="alert(1)"/>'), { type: 'image/svg+xml' }).expect(415)).body).toMatchObject({
      code: 'unsupported-evidence-type',
      detail: expect.stringContaining('image/jpeg'),
    });
    expect((await attach(id, Buffer.from('<html>'), { type: 'text/html' }).expect(415)).body.code).toBe('unsupported-evidence-type');
    expect((await attach(id, Buffer.from('{"a":1}'), { type: 'application/json' }).expect(415)).body.code).toBe('unsupported-evidence-type');
    expect((await attach(id, aPdf(), { type: 'image/jpeg' }).expect(415)).body.code).toBe('evidence-content-mismatch');
    expect((await attach(id, aPhoto()).set('Content-Encoding', 'gzip').expect(415)).body.code).toBe('unsupported-evidence-type');
    const untyped = await t.http.post(`/complaints/${id}/evidence?filename=x.jpg`).set(clerk).send(aPhoto());
    expect({ status: untyped.status, code: untyped.body.code }).toEqual({ status: 415, code: 'unsupported-evidence-type' });
    expect(await headPosition(t.store)).toBe(afterLimit);
    expect(afterLimit).toBeGreaterThan(before);
  });

  it('lets the virus scanner refuse a file (422), or wait for it (503): nothing is appended or stored', async () => {
    const scanner = t.app.get<VirusScanner>(VIRUS_SCANNER);
    const scan = jest.spyOn(scanner, 'scan').mockResolvedValueOnce({ clean: false, finding: 'Eicar-Test-Signature' });
    const before = await headPosition(t.store);
    const photo = aPhoto();
    const refused = await attach(id, photo).expect(422);
    expect(refused.body).toMatchObject({ code: 'evidence-refused-by-scanner', detail: expect.stringContaining('Eicar-Test-Signature') });
    expect(scan).toHaveBeenCalledWith({ bytes: photo, mediaType: 'image/jpeg', sha256: sha256(photo) });
    expect(await headPosition(t.store)).toBe(before);
    expect(existsSync(blobFile(t.dataDir, id, sha256(photo)))).toBe(false);
    scan.mockRejectedValueOnce(new Error('clamd: connection refused'));
    const unscanned = await attach(id, photo).expect(503);
    expect(unscanned.body).toMatchObject({ code: 'virus-scanner-unavailable', detail: expect.stringContaining('connection refused') });
    expect(await headPosition(t.store)).toBe(before);
    expect(existsSync(blobFile(t.dataDir, id, sha256(photo)))).toBe(false);
    scan.mockRestore();
  });

  it('attaches the same bytes once; an Idempotency-Key retry answers as the first time; bad names and empty files are 400', async () => {
    const photo = aPhoto();
    const first = await attach(id, photo).set('Idempotency-Key', 'evidence-retry-1').expect(201);
    const retried = await attach(id, photo).set('Idempotency-Key', 'evidence-retry-1').expect(201);
    expect(retried.body).toEqual({ ...first.body, replayed: true });
    expect((await attach(id, photo, { filename: 'again.jpg' }).expect(409)).body.code).toBe('evidence-already-attached');
    const noName = await t.http.post(`/complaints/${id}/evidence`).set(clerk).set('Content-Type', 'image/jpeg').send(aPhoto()).expect(400);
    expect(new Set(noName.body.errors.map((problem: { field: string }) => problem.field))).toEqual(new Set(['filename']));
    expect((await attach(id, aPhoto(), { filename: '../../etc/passwd' }).expect(400)).body).toMatchObject({ code: 'invalid-file-name', errors: [{ field: 'filename', reason: expect.any(String) }] });
    expect((await attach(id, Buffer.alloc(0), { type: 'text/plain' }).expect(400)).body.code).toBe('empty-evidence');
  });

  it('answers 404 for a complaint or a file that does not exist, 400 for a malformed hash, and 403 to roles without access', async () => {
    expect((await attach('0b7c5a52-3f7e-4d0e-9a55-2f1f9a1d7c11', aPhoto()).expect(404)).body.code).toBe('complaint-not-found');
    expect((await t.http.get('/complaints/0b7c5a52-3f7e-4d0e-9a55-2f1f9a1d7c11/evidence').set(auditor).expect(404)).body.code).toBe('complaint-not-found');
    expect(problemOf(await download(id, 'f'.repeat(64)).expect(404))).toMatchObject({ code: 'evidence-not-found' });
    expect(problemOf(await download(id, 'not-a-hash').expect(400))).toMatchObject({ code: 'invalid-request', errors: [{ field: 'sha256', reason: expect.any(String) }] });
    expect((await t.http.get(`/complaints/${id}/evidence`).set(analyst).expect(403)).body.code).toBe('forbidden');
    expect((await attach(id, aPhoto(), { as: auditor }).expect(403)).body.code).toBe('forbidden');
  });

  it('after `ledger erase` the bytes cannot be read by anyone: 410, the names read as erased, no new file can be attached', async () => {
    const victim = await newComplaint();
    const photo = aPhoto();
    await attach(victim, photo, { filename: 'Zoya Quillfeather receipt.jpg' }).expect(201);
    const sealed = readFileSync(blobFile(t.dataDir, victim, sha256(photo)));
    const [out, err] = [new PassThrough(), new PassThrough()];
    // The CLI makes the API's choice of event store (EVENTSTORE_CONNECTION_STRING, under E2E_EVENT_STORE=esdb).
    const saved = process.env.EVENTSTORE_CONNECTION_STRING;
    if (t.eventStoreConnectionString) process.env.EVENTSTORE_CONNECTION_STRING = t.eventStoreConnectionString;
    try {
      expect(await run(['erase', victim, '--actor', 'admin-dpo', '--data-dir', t.dataDir], out, err)).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.EVENTSTORE_CONNECTION_STRING;
      else process.env.EVENTSTORE_CONNECTION_STRING = saved;
    }

    const gone = await download(victim, sha256(photo)).expect(410);
    expect(problemOf(gone)).toMatchObject({ code: 'evidence-erased' });
    expect((await t.http.get(`/complaints/${victim}/evidence`).set(auditor).expect(200)).body.evidence).toEqual([
      expect.objectContaining({ sha256: sha256(photo), fileName: ERASED, sizeBytes: photo.length }),
    ]);
    // The ciphertext is still where it was, and no key opens it any more.
    expect(readFileSync(blobFile(t.dataDir, victim, sha256(photo))).equals(sealed)).toBe(true);
    expect(await t.app.get(PersonalDataVault).openFile(victim, sha256(photo), sealed)).toEqual({ state: 'erased' });
    expect((await attach(victim, aPhoto()).expect(409)).body.code).toBe('personal-data-erased');
    expect((await t.http.get(`/complaints/${victim}/verification`).expect(200)).body).toMatchObject({ valid: true });
  });
});

describe('evidence files on S3 (the AWS SDK against the S3 test server)', () => {
  let s3: S3TestServer;
  let t: TestApp;

  beforeAll(async () => {
    s3 = await S3TestServer.start();
    t = await startTestApp({
      env: {
        BLOB_STORE_S3_ENDPOINT: s3.endpoint,
        BLOB_STORE_S3_BUCKET: 'ledger-evidence',
        BLOB_STORE_S3_ACCESS_KEY_ID: s3.accessKeyId,
        BLOB_STORE_S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await s3.close();
  });

  it('creates the bucket at start, keeps only sealed bytes in it, serves them back checked, and detects tampering', async () => {
    const id = (await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body.complaintId;
    const photo = aPhoto();
    await t.http.post(`/complaints/${id}/evidence?filename=photo.jpg`).set(officer).set('Content-Type', 'image/jpeg').send(photo).expect(201);
    const key = `evidence/${id}/${sha256(photo)}`;
    expect(s3.keys('ledger-evidence')).toEqual([key]);
    expect((s3.object('ledger-evidence', key) as Buffer).includes(photo.subarray(0, 200))).toBe(false);
    expect(existsSync(join(t.dataDir, 'blobs'))).toBe(false);

    const get = () => t.http.get(`/complaints/${id}/evidence/${sha256(photo)}`).set(auditor).buffer(true);
    const served = await get().expect(200);
    expect(Buffer.compare(served.body as Buffer, photo)).toBe(0);
    s3.overwrite('ledger-evidence', key, Buffer.concat([s3.object('ledger-evidence', key) as Buffer, Buffer.from('x')]));
    const refused = await get().expect(500);
    expect(JSON.parse(Buffer.isBuffer(refused.body) ? refused.body.toString() : refused.text)).toMatchObject({ code: 'evidence-corrupted' });
  });

  it('answers 503 with Retry-After while the S3 service cannot be reached, and stores nothing', async () => {
    const id = (await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body.complaintId;
    const before = await headPosition(t.store);
    const endpoint = s3.endpoint;
    await s3.close();
    const refused = await t.http.post(`/complaints/${id}/evidence?filename=photo.jpg`).set(clerk).set('Content-Type', 'image/jpeg').send(aPhoto()).expect(503);
    expect(refused.body.code).toBe('blob-store-unavailable');
    expect(refused.headers['retry-after']).toBe('5');
    expect(await headPosition(t.store)).toBe(before);
    s3 = await S3TestServer.start({ buckets: ['ledger-evidence'] }, Number(new URL(endpoint).port));
  });
});
