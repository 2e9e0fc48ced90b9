/**
 * Rebuilds over HTTP while complaints are written: only one runs at a time (a second request is a 409
 * naming the running one), and afterwards the journal holds every complaint and /health agrees.
 */
import { eventually } from '../support/eventually';
import { generateLedger } from '../support/ledger-generator';
import { aComplaintBody, clerk } from '../support/requests';
import { startTestApp, TestApp } from '../support/test-app';

const admin = { 'X-Actor-Id': 'admin-1', 'X-Actor-Role': 'administrator' };

describe('rebuilds are exclusive', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers a second rebuild while one runs with 409 rebuild-in-progress, and loses no complaint', async () => {
    const generated = await generateLedger(t.store, { complaints: 400, seed: 1207, from: '2025-01-01', to: '2026-10-31', concurrency: 16 });
    let writing = true;
    let written = 0;
    let lastPosition = '0';
    const writes = (async () => {
      while (writing) {
        const response = await t.http.post('/complaints').set(clerk).send(aComplaintBody({ description: `Written during a rebuild, number ${written}.` })).expect(201);
        lastPosition = response.body.position;
        written++;
      }
    })();
    try {
      await t.http.post('/projections/all/rebuild').set(admin).expect(202);
      const second = await t.http.post('/projections/all/rebuild').set(admin).expect(409);
      expect(second.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(second.body).toMatchObject({ status: 409, code: 'rebuild-in-progress', detail: expect.stringMatching(/A rebuild of all is running \(process \d+ on /) });
      const single = await t.http.post('/projections/deadlines/rebuild').set(admin).expect(409);
      expect(single.body.code).toBe('rebuild-in-progress');
      await t.http.post('/projections/deadlines/restart').set(admin).expect(409);
      await eventually(
        async () => {
          const { body } = await t.http.get('/projections/all/rebuild').expect(200);
          if (body.state === 'failed') throw new Error(`The rebuild failed: ${body.error}`);
          return body.state === 'done';
        },
        60_000,
        'the rebuild to finish',
        100,
      );
    } finally {
      writing = false;
      await writes;
    }
    expect(written).toBeGreaterThan(0);
    const journal = await t.http.get('/complaints').query({ minPosition: lastPosition, pageSize: 1 }).expect(200);
    expect(journal.body.total).toBe(generated.complaints + written);
    const health = await t.http.get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', problems: [] });
    // The lock is released: the next rebuild may start.
    await t.http.post('/projections/statistics/rebuild').set(admin).expect(202);
  }, 180_000);
});
