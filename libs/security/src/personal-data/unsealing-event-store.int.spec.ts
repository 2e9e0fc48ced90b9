import { ERASED } from '@app/domain';
import { readAllPages, RecordedEvent } from '@app/event-store';
import { SqliteEventStore } from '@app/event-store/sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEYS_FILE, SqliteKeyStore } from '../key-stores';
import { KeyStore } from './key-store.port';
import { KEY_MISSING, PersonalDataVault } from './personal-data-vault';
import { UnsealingEventStore } from './unsealing-event-store';

describe('UnsealingEventStore over the SQLite event store: a long read opens pages where it reads them', () => {
  const now = new Date('2026-11-25T10:00:00Z');
  let dir: string;
  let events: SqliteEventStore;
  let keys: SqliteKeyStore;
  let vault: PersonalDataVault;
  const received = (complaintId: string, n: number) => ({
    eventId: crypto.randomUUID(),
    type: 'ComplaintReceived',
    data: { complaintId, complainant: { name: `Ana ${n}`, kind: 'person', email: `ana${n}@example.com` }, description: `It broke, ${n}.`, channel: 'email' },
    metadata: { n },
  });
  const plain = Array.from({ length: 230 }, (_, n) => received(`c-${n % 40}`, n));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'unsealing-'));
    events = new SqliteEventStore(join(dir, 'events.sqlite'));
    keys = new SqliteKeyStore(join(dir, KEYS_FILE));
    vault = new PersonalDataVault(keys);
    for (const event of await vault.seal(plain, now)) await events.appendToStream(`complaint-${(event.data as { complaintId: string }).complaintId}`, [event]);
  });
  afterEach(async () => {
    await events.close();
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const readAll = async (source: UnsealingEventStore, pageSize = 50): Promise<RecordedEvent[]> => {
    const read: RecordedEvent[] = [];
    for await (const page of readAllPages(source, { pageSize })) read.push(...page);
    return read;
  };
  const descriptions = (read: RecordedEvent[]) => read.map((event) => (event.data as { description: string }).description);

  it('gives the events opened, in order, without opening them on the reading thread', async () => {
    const open = jest.spyOn(vault, 'openAll');
    const read = await readAll(new UnsealingEventStore(events, vault));
    expect(open).not.toHaveBeenCalled();
    expect(read.map(({ type, data, metadata }) => ({ type, data, metadata }))).toEqual(plain.map(({ type, data, metadata }) => ({ type, data, metadata })));
    expect(read.map((event) => event.position)).toEqual((await events.readAll()).map((event) => event.position));
  });

  it('gives what readAll gives opened here, page for page', async () => {
    const unsealing = new UnsealingEventStore(events, vault);
    expect(await readAll(unsealing, 7)).toEqual(await unsealing.readAll());
  });

  it('shows an erasure at the next read', async () => {
    const unsealing = new UnsealingEventStore(events, vault);
    expect(descriptions(await readAll(unsealing)).filter((d) => d === ERASED)).toHaveLength(0);
    await vault.erase('c-3', now);
    const read = await readAll(unsealing);
    expect(descriptions(read).filter((d) => d === ERASED)).toHaveLength(plain.filter((e) => e.data.complaintId === 'c-3').length);
    expect(descriptions(read).filter((d) => d === ERASED).length).toBeGreaterThan(0);
  });

  it('tells the vault which subjects miss their keys, once per page they are missing from', async () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'unsealing-other-'));
    const other = new SqliteKeyStore(join(otherDir, KEYS_FILE));
    try {
      await other.keyFor('c-0', now);
      const missing: string[] = [];
      const read = await readAll(new UnsealingEventStore(events, new PersonalDataVault(other, { onMissingKey: (subject) => missing.push(subject) })), 1000);
      expect(new Set(missing)).toEqual(new Set(Array.from({ length: 39 }, (_, n) => `c-${n + 1}`)));
      expect(missing).toHaveLength(39);
      expect(descriptions(read).filter((d) => d === KEY_MISSING)).toHaveLength(plain.length - plain.filter((e) => e.data.complaintId === 'c-0').length);
    } finally {
      await other.close();
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('opens on the reading thread where the key store cannot be opened in another (a store in memory)', async () => {
    const inMemory: KeyStore = new SqliteKeyStore(':memory:');
    expect(inMemory.reopen).toBeUndefined();
    await inMemory.close();
    const elsewhere: KeyStore = Object.assign(Object.create(keys) as KeyStore, { reopen: undefined });
    const here = new PersonalDataVault(elsewhere);
    const open = jest.spyOn(here, 'openAll');
    expect(descriptions(await readAll(new UnsealingEventStore(events, here)))).toEqual(plain.map((e) => e.data.description));
    expect(open).toHaveBeenCalled();
  });
});
