import { PassThrough } from 'node:stream';
import { run } from '../../apps/ledger-cli/src/main';
import { startTestApp, TestApp } from '../support/test-app';

/** `ledger-cli users …` against the data directory of a running API: what the README tells operators to do. */
describe('ledger-cli users: personal API tokens for the running API', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const cli = async (...args: string[]): Promise<{ code: number; out: string; err: string }> => {
    const [out, err] = [new PassThrough(), new PassThrough()];
    const code = await run([...args, '--data-dir', t.dataDir], out, err);
    return { code, out: out.read()?.toString() ?? '', err: err.read()?.toString() ?? '' };
  };

  it('adds a user whose printed token works at once, lists them, and revokes the token at once', async () => {
    const added = await cli('users', 'add', 'alice', '--role', 'administrator');
    expect(added.code).toBe(0);
    const token = /^(clt_\S+)$/m.exec(added.out)?.[1] as string;
    await t.anonymous.post('/projections/statistics/restart').set('Authorization', `Bearer ${token}`).expect(200);
    expect((await cli('users', 'list')).out).toMatch(/^alice\s+administrator\s+since /m);

    expect((await cli('users', 'add', 'alice', '--role', 'auditor')).code).toBe(2); // one active token per person
    expect((await cli('users', 'revoke', 'alice')).code).toBe(0);
    const refused = await t.anonymous.post('/projections/statistics/restart').set('Authorization', `Bearer ${token}`).expect(401);
    expect(refused.body.code).toBe('unknown-token');
    expect((await cli('users', 'list')).out).toMatch(/^alice\s+administrator\s+since \S+\s+revoked /m);
  });

  it('refuses an unknown role or a bad id with the usage (exit 2)', async () => {
    expect(await cli('users', 'add', 'bob', '--role', 'ceo')).toMatchObject({ code: 2, err: expect.stringContaining('--role is one of') });
    expect(await cli('users', 'add', 'bob smith', '--role', 'auditor')).toMatchObject({ code: 2, err: expect.stringContaining('is not a user id') });
  });
});
