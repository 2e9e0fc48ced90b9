import { aComplaintBody, anInvestigationBody, aRegistrationBody, clerk, officer } from '../support/requests';
import { headPosition, startTestApp, TestApp } from '../support/test-app';

// Issue 14, investigation over HTTP: the sources of the facts, a root-cause code from the deployment's taxonomy, the product and lot.
describe('the investigation records its sources and a root-cause code, over HTTP', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const aRegisteredComplaint = async (): Promise<string> => {
    const id = (await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body.complaintId;
    await t.http.post(`/complaints/${id}/registration`).set(officer).send(aRegistrationBody()).expect(200);
    return id;
  };
  const appended = async () => headPosition(t.store);

  it('serves the root-cause taxonomy beside the categories', async () => {
    const { body } = await t.http.get('/policies').expect(200);
    expect(body.rootCauses).toMatchObject({ version: 'default-1', rootCauses: expect.arrayContaining([expect.objectContaining({ code: 'supplier-defect' })]) });
    expect(body.categories.version).toBe('default-1');
  });

  it('records the sources (seed 001), the code with its taxonomy version, the product and lot, in the history and the journal', async () => {
    const id = await aRegisteredComplaint();
    const obtainedAt = new Date(Date.now() - 60_000).toISOString();
    const sources = [
      { kind: 'complainant', statement: 'The seller refused to take the kettle back.', obtainedAt },
      { kind: 'employee-concerned', reference: 'seller-petrov', statement: 'Returns need the manager, who was out.', obtainedAt },
    ];
    await t.http
      .post(`/complaints/${id}/investigation`)
      .set(officer)
      .send(anInvestigationBody({ sources, rootCauseCode: 'process-gap', productReference: 'KTL-200', lotNumber: 'L2026-45' }))
      .expect(200);

    const { events } = (await t.http.get(`/complaints/${id}/history`).expect(200)).body;
    const investigated = events.find((e: { type: string }) => e.type === 'ComplaintInvestigated');
    expect(investigated).toMatchObject({
      schemaVersion: 2,
      data: { sources, rootCauseCode: 'process-gap', rootCauseTaxonomyVersion: 'default-1', productReference: 'KTL-200', lotNumber: 'L2026-45' },
    });
    const { rows } = (await t.http.get('/reports/journal').query({ format: 'json', minPosition: String(await appended()) }).expect(200)).body;
    expect(rows.find((row: { complaintId: string }) => row.complaintId === id)).toMatchObject({ rootCauseCode: 'process-gap' });
  });

  it('refuses a root-cause code that is not in the taxonomy: 400 problem+json naming the field, nothing appended', async () => {
    const id = await aRegisteredComplaint();
    const before = await appended();
    const response = await t.http.post(`/complaints/${id}/investigation`).set(officer).send(anInvestigationBody({ rootCauseCode: 'bad-luck' })).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'unknown-root-cause', errors: [{ field: 'rootCauseCode' }] });
    expect(await appended()).toBe(before);
  });

  it('refuses a source of an unknown kind or without a statement: 400 naming the field', async () => {
    const id = await aRegisteredComplaint();
    const bad = { kind: 'rumour', statement: '', obtainedAt: 'yesterday' };
    const response = await t.http.post(`/complaints/${id}/investigation`).set(officer).send(anInvestigationBody({ sources: [bad] })).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const fields = (response.body.errors as Array<{ field: string }>).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining([expect.stringMatching(/^sources\.0\.kind$/), expect.stringMatching(/^sources\.0\.statement$/), expect.stringMatching(/^sources\.0\.obtainedAt$/)]));
  });
});
