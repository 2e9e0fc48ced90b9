import { PassThrough } from 'node:stream';
import { StatisticsRow } from '@app/projections';
import { run } from '../../apps/ledger-cli/src/main';
import { aComplaintBody, anAnswerBody, anInvestigationBody, aRegistrationBody, clerk, manager, officer } from '../support/requests';
import { headPosition, startTestApp, TestApp } from '../support/test-app';

// Issue 14, reports over HTTP and the CLI: complaints closed in a period, time to closure, acknowledgement on time,
// breakdowns by root-cause code, product, channel and officer; the journal export with every column.
describe('reports: closures, acknowledgements and breakdowns, over HTTP and the CLI', () => {
  let t: TestApp;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    // Two kettles with a supplier defect, closed; a toaster by phone, open and acknowledged.
    for (const [product, code, close] of [['Kettle K-17', 'supplier-defect', true], ['Kettle K-17', 'supplier-defect', true], ['Toaster T-2', 'process-gap', false]] as const) {
      const body = aComplaintBody({ subject: { productOrService: product }, channel: close ? 'email' : 'phone' });
      const id = (await t.http.post('/complaints').set(clerk).send(body).expect(201)).body.complaintId;
      await t.http.post(`/complaints/${id}/contacts`).set(clerk).send({ kind: 'acknowledgement', channel: 'phone', summary: 'We have your complaint.' }).expect(200);
      await t.http.post(`/complaints/${id}/registration`).set(officer).send(aRegistrationBody()).expect(200);
      await t.http.post(`/complaints/${id}/investigation`).set(officer).send(anInvestigationBody({ rootCauseCode: code })).expect(200);
      if (close) {
        await t.http.post(`/complaints/${id}/answer`).set(manager).send(anAnswerBody()).expect(200);
        await t.http.post(`/complaints/${id}/closure`).set(officer).send({ summary: 'Replaced.' }).expect(200);
      }
      ids.push(id);
    }
  });
  afterAll(() => t.close());

  const reached = async () => ({ minPosition: String(await headPosition(t.store)) });
  const statistics = async (query: Record<string, string>) =>
    (await t.http.get('/reports/statistics').query({ groupBy: 'year', ...query, ...(await reached()) }).expect(200)).body as {
      breakdown: string;
      basis: string;
      rows: StatisticsRow[];
    };
  const cli = async (...args: string[]) => {
    const [out, err] = [new PassThrough(), new PassThrough()];
    const code = await run([...args, '--data-dir', t.dataDir], out, err);
    return { code, out: out.read()?.toString() ?? '', err: err.read()?.toString() ?? '' };
  };

  it('breaks down by root-cause code: recurring causes count together', async () => {
    const { rows, breakdown } = await statistics({ breakdown: 'rootCauseCode' });
    expect(breakdown).toBe('rootCauseCode');
    expect(rows.map((row) => [row.breakdown.value, row.received, row.closed])).toEqual([
      ['process-gap', 1, 0],
      ['supplier-defect', 2, 2],
    ]);
    const supplier = rows[1];
    expect(supplier.hoursToClose.median).not.toBeNull();
    expect(supplier.hoursToClose.p90).toBeGreaterThanOrEqual(supplier.hoursToClose.median as number);
  });

  it('breaks down by product and channel, and counts acknowledgements on time', async () => {
    expect((await statistics({ breakdown: 'product' })).rows.map((row) => [row.breakdown.value, row.received])).toEqual([
      ['Kettle K-17', 2],
      ['Toaster T-2', 1],
    ]);
    const byChannel = (await statistics({ breakdown: 'channel' })).rows;
    expect(byChannel.map((row) => [row.breakdown.value, row.received, row.acknowledgedOnTime, row.acknowledgementOnTimeRate])).toEqual([
      ['email', 2, 2, 1],
      ['phone', 1, 1, 1],
    ]);
    expect((await statistics({ breakdown: 'responsibleOfficer' })).rows.map((row) => row.breakdown.value)).toEqual(['officer-petrov']);
  });

  it('counts the complaints closed in a period (basis closed); open ones are not counted', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const { rows, basis } = await statistics({ basis: 'closed', from: today, to: today });
    expect(basis).toBe('closed');
    expect(rows.reduce((sum, row) => sum + row.closed, 0)).toBe(2);
    expect(rows.reduce((sum, row) => sum + row.received, 0)).toBe(2);
  });

  it('refuses an unknown breakdown or basis: 400 problem+json naming the field', async () => {
    for (const [field, value] of [['breakdown', 'colour'], ['basis', 'answered']]) {
      const response = await t.http.get('/reports/statistics').query({ [field]: value }).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('the CLI prints the same breakdown and closures straight from the events', async () => {
    const text = await cli('stats', '--group-by', 'year', '--breakdown', 'rootCauseCode');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^period\s+rootCauseCode\s+received .* closed\s+h-to-close\(med\/p90\)\s+ack-on-time\/late/);
    expect(text.out).toMatch(/supplier-defect\s+2\s/);
    const json = JSON.parse((await cli('stats', '--group-by', 'year', '--basis', 'closed', '--breakdown', 'product', '--json')).out) as StatisticsRow[];
    expect(json).toEqual((await statistics({ basis: 'closed', breakdown: 'product' })).rows);
    expect(await cli('stats', '--breakdown', 'colour')).toMatchObject({ code: 2, err: expect.stringContaining('--breakdown is category, product') });
  });

  it('exports in the journal CSV who registered and who closed, the investigation time and the root-cause code', async () => {
    const csv = (await t.http.get('/reports/journal').query({ format: 'csv', ...(await reached()) }).expect(200)).text.replace(/^\uFEFF/, '');
    const [header, ...lines] = csv.trim().split('\r\n');
    const columns = header.split(',');
    const line = lines.find((l) => l.includes(ids[0])) as string;
    const row = Object.fromEntries(line.split(',').map((value, i) => [columns[i], value]));
    expect(row).toMatchObject({ registeredBy: 'officer-petrov', closedBy: 'officer-petrov', rootCauseCode: 'supplier-defect', withdrawalReason: '' });
    expect(row.investigatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const labelled = (await t.http.get('/reports/journal').query({ format: 'csv', lang: 'bg' }).expect(200)).text;
    expect(labelled).toContain('Регистрирана от');
  });
});
