import { SqliteEventStore } from '@app/event-store/sqlite';
import { CHECKPOINTS, REBUILD_LOCK_ID } from '@app/projections';
import { EmbeddedDocumentStore } from '@app/read-store/sqlite';
import { PersonalDataVault } from '@app/security';
import { SqliteKeyStore } from '@app/security/key-stores';
import { join } from 'node:path';
import { freshPerTest } from '../../../../test/support/fresh-per-test';
import { textSink as sink } from '../../../../test/support/text-sink';
import { scrubReadModels } from './scrub-read-models';

describe('ledger-cli erase: scrubbing the embedded read models', () => {
  const t = freshPerTest('cli-scrub-', (dir) => ({
    events: new SqliteEventStore(join(dir, 'events.sqlite')),
    keys: new SqliteKeyStore(join(dir, 'keys.sqlite'), { create: true }),
  }));

  it('rebuilds and compacts them when nobody else holds them', async () => {
    const out = sink();
    expect(await scrubReadModels(t.dir, t.events, new PersonalDataVault(t.keys), out.stream)).toBe('rebuilt');
  });

  it('does not report them rebuilt when the rebuild lock refuses the rebuild', async () => {
    const documents = new EmbeddedDocumentStore(join(t.dir, 'read-models.sqlite'));
    const now = new Date().toISOString();
    await documents.collection(CHECKPOINTS).insertOne({ _id: REBUILD_LOCK_ID, owner: 'the-projector', projection: 'all', collections: [], pid: 4242, host: 'projector-1', startedAt: now, heartbeatAt: now });
    await documents.close();

    const out = sink();
    expect(await scrubReadModels(t.dir, t.events, new PersonalDataVault(t.keys), out.stream)).toBe('refused');
    expect(out.text()).toMatch(/^Not started: A rebuild of all is running/);
  });
});
