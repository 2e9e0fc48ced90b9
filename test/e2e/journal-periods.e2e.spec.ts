import { startTestApp, TestApp } from '../support/test-app';

/** A period that ends before it starts is the client's mistake, not an empty result. */
describe('periods: from later than to', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each([
    ['/complaints', { from: '2026-12-02', to: '2026-12-01' }],
    ['/reports/statistics', { from: '2026-12-01T10:00:00Z', to: '2026-12-01T09:59:59Z' }],
    ['/reports/journal', { from: '2026-12-02', to: '2026-12-01', format: 'json' }],
    ['/reports/journal', { from: '2026-12-02T00:00:00Z', to: '2026-12-01' }],
  ])('%s?%j answers 400 problem+json naming the field and the reason', async (path, query) => {
    const response = await t.http.get(path).query(query);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors).toEqual([{ field: 'to', code: 'notBeforeFrom', reason: 'must not be earlier than from' }]);
  });

  it.each([
    ['/complaints', { from: '2026-12-01', to: '2026-12-01' }],
    ['/reports/statistics', { from: '2026-12-01T10:00:00Z', to: '2026-12-01' }],
    ['/reports/journal', { from: '2026-12-01T10:00:00Z', to: '2026-12-01T10:00:00Z', format: 'json' }],
  ])('%s?%j (the same day, an instant in the day, one instant) is a period', async (path, query) => {
    await t.http.get(path).query(query).expect(200);
  });
});

describe('journal CSV export options (for the workspace): lang and separator', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('names the columns in the language asked for and separates by ; (as sent in a URL, raw or encoded)', async () => {
    for (const path of ['/reports/journal?format=csv&lang=ar&separator=;', '/reports/journal?format=csv&lang=ar&separator=%3B']) {
      const response = await t.http.get(path).expect(200);
      const [header] = response.text.replace(/^\uFEFF/, '').split('\r\n');
      expect(header.startsWith('رقم السجل;معرّف الشكوى;الحالة;')).toBe(true);
    }
  });

  it.each([
    ['lang=de', 'lang'],
    ['separator=%7C', 'separator'],
  ])('refuses %s (400, naming the field)', async (query, field) => {
    const response = await t.http.get(`/reports/journal?format=csv&${query}`).expect(400);
    expect(response.body.errors).toEqual([{ field, code: 'isIn', reason: expect.any(String) }]);
  });
});
