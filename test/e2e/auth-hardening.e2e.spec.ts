import { Logger } from '@nestjs/common';
import { readAccessTrail } from '@app/event-store';
import { aComplaintBody, aRegistrationBody, clerk, officer } from '../support/requests';
import { headPosition, startTestApp, TestApp } from '../support/test-app';
import { FakeClock } from '../support/fake-clock';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A GET sent from another loopback address than supertest's, to the app listening on 127.0.0.1. */
const statusFrom = (t: TestApp, localAddress: string, path: string, authorization: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    httpRequest({ host: '127.0.0.1', port, path, localAddress, headers: { authorization } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });

describe('hardening: headers, CORS, rate limits, denied-request logs, access events', () => {
  let t: TestApp;
  let complaintId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '1000' } });
    complaintId = (await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body.complaintId;
    await t.http.post(`/complaints/${complaintId}/registration`).set(officer).send(aRegistrationBody()).expect(200);
  });
  afterAll(() => t.close());

  it('sends security headers, and no CORS headers unless origins are configured', async () => {
    const response = await t.http.get('/policies').set('Origin', 'https://evil.example.com').expect(200);
    expect(response.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'strict-transport-security': expect.any(String) });
    expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(response.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/); // /docs must load over plain http
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers CORS for a configured origin only', async () => {
    const cors = await startTestApp({ env: { CORS_ORIGINS: 'https://ledger.example.com' } });
    try {
      const allowed = await cors.http.get('/policies').set('Origin', 'https://ledger.example.com').expect(200);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://ledger.example.com');
      const other = await cors.http.get('/policies').set('Origin', 'https://evil.example.com').expect(200);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await cors.close();
    }
  });

  it('limits the rate per principal: one is answered 429, another is not held back', async () => {
    const limited = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
    try {
      const as = (id: string) => ({ Authorization: `Bearer ${limited.tokenFor(id, 'analyst')}` });
      for (let i = 0; i < 5; i++) await limited.anonymous.get('/policies').set(as('analyst-a')).expect(200);
      const refused = await limited.anonymous.get('/policies').set(as('analyst-a')).expect(429);
      expect(refused.body.code).toBe('too-many-requests');
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      await limited.anonymous.get('/policies').set(as('analyst-b')).expect(200);
    } finally {
      await limited.close();
    }
  });

  it('limits requests without valid credentials per client address, before authentication: 429 with Retry-After, even for a good token', async () => {
    const clock = new FakeClock('2026-12-01T10:00:00Z');
    const limited = await startTestApp({ clock, env: { RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE: '3' } });
    try {
      const good = `Bearer ${limited.tokenFor('analyst-a', 'analyst')}`;
      for (let i = 0; i < 3; i++) {
        await limited.anonymous.get('/policies').set('Authorization', good).expect(200); // successes do not count
        await limited.anonymous.get('/policies').set('Authorization', `Bearer clt_guess-${i}`).expect(401);
      }
      const refused = await limited.anonymous.get('/policies').set('Authorization', 'Bearer clt_guess-3').expect(429);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ status: 429, code: 'too-many-requests' });
      expect(Number(refused.headers['retry-after'])).toBe(60);
      // Authentication is not even tried, or guessing could go on: a good token from that address waits too.
      await limited.anonymous.get('/policies').set('Authorization', good).expect(429);
      await limited.anonymous.post('/complaints').send(aComplaintBody()).expect(429);
      // A client cannot name another address of its own: X-Forwarded-For counts only from a trusted proxy.
      await limited.anonymous.get('/policies').set({ Authorization: good, 'X-Forwarded-For': '198.51.100.1' }).expect(429);
      // Another address is not held back.
      await limited.app.listen(0, '127.0.0.1');
      expect(await statusFrom(limited, '127.0.0.2', '/policies', 'Bearer clt_guess-4')).toBe(401);
      expect(await statusFrom(limited, '127.0.0.2', '/policies', good)).toBe(200);
      clock.advance(30_000);
      expect(Number((await limited.anonymous.get('/policies').set('Authorization', good).expect(429)).headers['retry-after'])).toBe(30);
      clock.advance(30_000);
      await limited.anonymous.get('/policies').set('Authorization', good).expect(200);
    } finally {
      await limited.close();
    }
  });

  it('behind a trusted proxy (TRUST_PROXY), limits the client address the proxy names', async () => {
    const proxied = await startTestApp({ env: { RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE: '2', TRUST_PROXY: 'loopback' } });
    try {
      const from = (address: string) => proxied.anonymous.get('/policies').set({ Authorization: 'Bearer clt_guess', 'X-Forwarded-For': address });
      await from('203.0.113.7').expect(401);
      await from('203.0.113.7').expect(401);
      await from('203.0.113.7').expect(429);
      await from('203.0.113.8').expect(401);
    } finally {
      await proxied.close();
    }
  });

  it('logs one line per denied request, naming who and why but never the token', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      await t.anonymous.get('/policies').set('Authorization', 'Bearer clt_leaked-secret').expect(401);
      await t.http.post('/projections/statistics/restart').expect(403);
      const denied = warn.mock.calls.map(([line]) => line as Record<string, unknown>).filter((line) => line?.msg === 'request denied');
      expect(denied).toEqual([
        expect.objectContaining({ code: 'unknown-token', method: 'GET', path: '/policies' }),
        expect.objectContaining({ code: 'forbidden', method: 'POST', path: '/projections/statistics/restart', actor: 'auditor-test', role: 'auditor' }),
      ]);
      expect(JSON.stringify(warn.mock.calls)).not.toContain('leaked-secret');
    } finally {
      warn.mockRestore();
    }
  });

  it("records each read of a case's history as an access event of its own: who, which case, when", async () => {
    const caseRevision = (await t.http.get(`/complaints/${complaintId}`).expect(200)).headers.etag;
    await t.http.get(`/complaints/${complaintId}/history`).set({ 'X-Actor-Id': 'auditor-ilieva', 'X-Actor-Role': 'auditor' }).expect(200);
    await t.http.get(`/complaints/${complaintId}/history?asOf=2030-01-01T00:00:00Z`).expect(200);
    const { entries } = await readAccessTrail(t.store, { from: new Date(Date.now() - 86_400_000), until: new Date(Date.now() + 86_400_000), limit: 1000 });
    const events = entries.filter((e) => e.type === 'CaseHistoryRead');
    expect(events.map((e) => ({ type: e.type, data: e.data, actor: e.actor }))).toEqual([
      { type: 'CaseHistoryRead', data: { complaintId }, actor: { id: 'auditor-ilieva', role: 'auditor' } },
      { type: 'CaseHistoryRead', data: { complaintId, asOf: '2030-01-01T00:00:00Z' }, actor: { id: 'auditor-test', role: 'auditor' } },
    ]);
    expect(typeof events[0].recordedAt).toBe('string');
    expect((await t.http.get(`/complaints/${complaintId}`).expect(200)).headers.etag).toBe(caseRevision); // the case is untouched
    expect((await t.http.get(`/complaints/${complaintId}/verification`).expect(200)).body.valid).toBe(true);
  });

  it('records each export of the journal as an access event', async () => {
    await t.http.get('/reports/journal?from=2020-01-01&to=2040-12-31&format=json').set({ 'X-Actor-Id': 'analyst-nikolov', 'X-Actor-Role': 'analyst' }).expect(200);
    const { entries } = await readAccessTrail(t.store, { from: new Date(Date.now() - 86_400_000), until: new Date(Date.now() + 86_400_000), limit: 1000 });
    const last = entries.filter((e) => e.type === 'JournalExported').at(-1);
    expect({ type: last?.type, data: last?.data, actor: last?.actor }).toEqual({
      type: 'JournalExported',
      data: { from: '2020-01-01', to: '2040-12-31', format: 'json', rows: 1 },
      actor: { id: 'analyst-nikolov', role: 'analyst' },
    });
  });

  it('records nothing for a history read that is refused', async () => {
    const before = await headPosition(t.store);
    await t.http.get(`/complaints/${complaintId}/history`).set({ 'X-Actor-Id': 'admin-1', 'X-Actor-Role': 'administrator' }).expect(403);
    expect(await headPosition(t.store)).toBe(before);
  });

  it.each([
    ['q[$ne]=x', 400],
    ['category[$gt]=', 400],
    ['sort=receivedAt;DROP TABLE events', 400],
    ['status=open&status[$where]=1', 400],
    ['pageSize=1e9', 400],
    ['q=%27%20OR%201%3D1%20--', 200],
    ['q=%7B%22%24where%22%3A%22sleep(1000)%22%7D', 200],
  ])('treats GET /complaints?%s as data, never as a query operator (%i)', async (query, status) => {
    const response = await t.http.get(`/complaints?${query}`);
    expect(response.status).toBe(status);
    if (status === 200) expect(response.body.total).toBe(0);
  });

  it('refuses an operator object in every query parameter of every GET endpoint (400), and never fails on hostile text', async () => {
    type Operation = { parameters?: Array<{ name: string; in: string }> };
    const spec = (await t.http.get('/docs-json').expect(200)).body as { paths: Record<string, { get?: Operation }> };
    const checked: string[] = [];
    for (const [template, { get }] of Object.entries(spec.paths)) {
      const path = template.replace('{id}', complaintId).replace('{name}', 'statistics');
      for (const { name } of (get?.parameters ?? []).filter((p) => p.in === 'query')) {
        const before = await headPosition(t.store);
        const operator = await t.http.get(`${path}?${name}[$ne]=1`);
        expect({ path, name, status: operator.status }).toEqual({ path, name, status: 400 });
        for (const hostile of ["' OR 1=1 --", '{"$where":"1"}', '../../etc/passwd', 'x'.repeat(5000)]) {
          const response = await t.http.get(`${path}?${name}=${encodeURIComponent(hostile)}`);
          expect({ path, name, hostile, status: response.status }).toEqual({ path, name, hostile, status: expect.any(Number) });
          expect([200, 400]).toContain(response.status);
        }
        // Reads of personal data append an access event (access trail); nothing else writes.
        if (!/^\/complaints(\/(?!overdue$)[^/]+(\/history|\/verification)?)?$|^\/reports\/journal/.test(path)) expect(await headPosition(t.store)).toBe(before);
        checked.push(`${template}?${name}`);
      }
    }
    expect(checked.length).toBeGreaterThan(20);
  });
});
