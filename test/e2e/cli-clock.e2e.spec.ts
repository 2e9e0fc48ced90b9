import { PersonalDataVault, SqliteUserDirectory, USERS_FILE } from '@app/security';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { accessLog } from '../../apps/ledger-cli/src/commands/access-log.command';
import { erase } from '../../apps/ledger-cli/src/commands/erase.command';
import { users } from '../../apps/ledger-cli/src/commands/users.command';
import { openKeys } from '../../apps/ledger-cli/src/embedded-store';
import { FakeClock } from '../support/fake-clock';
import { aComplaintBody, clerk } from '../support/requests';
import { startTestApp, TestApp } from '../support/test-app';

const text = (stream: PassThrough): string => String(stream.read() ?? '');

// The CLI's business times (a token issued or revoked, an erasure recorded, "today" of the access trail) come from the Clock.
describe('the CLI commands on the ledger Clock', () => {
  let t: TestApp;
  const clock = new FakeClock('2031-03-04T05:06:07.000Z');

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('users add and revoke record the times of the Clock', () => {
    users(t.dataDir, ['add', 'dpo-ivanova'], 'administrator', new PassThrough(), clock);
    clock.advance(60_000);
    users(t.dataDir, ['revoke', 'dpo-ivanova'], undefined, new PassThrough(), clock);
    const directory = new SqliteUserDirectory(join(t.dataDir, USERS_FILE));
    try {
      expect(directory.list().find((user) => user.id === 'dpo-ivanova')).toMatchObject({ createdAt: '2031-03-04T05:06:07.000Z', revokedAt: '2031-03-04T05:07:07.000Z' });
    } finally {
      directory.close();
    }
  });

  it('erase records PersonalDataErased at the time of the Clock', async () => {
    const { complaintId } = (await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body;
    const keys = await openKeys(t.dataDir, '');
    try {
      await erase(t.store, new PersonalDataVault(keys), complaintId, { actor: 'dpo-ivanova' }, new PassThrough(), clock);
    } finally {
      await keys.close();
    }
    const erased = (await t.store.readStream(`complaint-${complaintId}`)).find((event) => event.type === 'PersonalDataErased');
    expect(erased?.metadata).toMatchObject({ occurredAt: clock.now().toISOString(), recordedAt: clock.now().toISOString() });
  });

  it('access-log without --to reads until the time of the Clock', async () => {
    const out = new PassThrough();
    await accessLog(t.store, { json: false }, out, clock);
    expect(text(out)).toContain(`from 2031-03-04T00:00:00.000Z until ${clock.now().toISOString()}`);
  });
});
