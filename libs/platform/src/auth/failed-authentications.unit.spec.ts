import { FailedAuthentications } from './failed-authentications';

describe('failed authentications per client address', () => {
  const t0 = Date.parse('2026-12-01T10:00:00Z');

  it('holds an address back once it reaches the limit, until its minute is over', () => {
    const failures = new FailedAuthentications(2);
    expect(failures.record('203.0.113.7', t0)).toBe(false);
    expect(failures.retryAfterSeconds('203.0.113.7', t0 + 1_000)).toBeUndefined();
    expect(failures.record('203.0.113.7', t0 + 1_000)).toBe(true); // the one that reaches the limit
    expect(failures.retryAfterSeconds('203.0.113.7', t0 + 1_000)).toBe(59);
    expect(failures.retryAfterSeconds('203.0.113.8', t0 + 1_000)).toBeUndefined();
    expect(failures.retryAfterSeconds('203.0.113.7', t0 + 60_000)).toBeUndefined();
  });

  it('counts an IPv4-mapped address as its IPv4 address, and IPv6 per /64', () => {
    const failures = new FailedAuthentications(2);
    failures.record('::ffff:203.0.113.7', t0);
    failures.record('203.0.113.7', t0);
    expect(failures.retryAfterSeconds('::ffff:203.0.113.7', t0)).toBe(60);
    failures.record('2001:db8:1:2::1', t0);
    failures.record('2001:db8:1:2:ffff::9', t0);
    expect(failures.retryAfterSeconds('2001:db8:1:2::77', t0)).toBe(60);
    expect(failures.retryAfterSeconds('2001:db8:1:3::1', t0)).toBeUndefined();
  });

  it('limits nothing with a limit of 0', () => {
    const failures = new FailedAuthentications(0);
    for (let i = 0; i < 100; i++) expect(failures.record('203.0.113.7', t0)).toBe(false);
    expect(failures.retryAfterSeconds('203.0.113.7', t0)).toBeUndefined();
  });
});
