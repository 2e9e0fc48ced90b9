import { ERASED } from '@app/domain';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyStoreNotFoundError } from './key-store.port';
import { KEY_MISSING, PersonalDataVault, UNREADABLE, warnOnceAboutMissingKeys } from './personal-data-vault';
import { ENVELOPE_FIELD, isEnvelope, isSealed, SEALED_MARK, seal } from './sealed-value';
import { KEYS_FILE, SqliteKeyStore } from '../key-stores';
import { aVaultPerTest } from '../testing';

describe('PersonalDataVault with the SQLite key store', () => {
  let dir: string;
  let keys: SqliteKeyStore;
  let vault: PersonalDataVault;
  const now = new Date('2026-11-25T10:00:00Z');
  const received = (complaintId: string) => ({
    type: 'ComplaintReceived',
    data: { complaintId, complainant: { name: 'Ana Petrova', kind: 'person', email: 'ana@example.com' }, description: 'It broke.', channel: 'email' },
  });

  aVaultPerTest('vault-', (fixture) => ({ dir, keys, vault } = fixture));

  it('seals only the personal fields, and opens them again', async () => {
    const [sealed] = await vault.seal([received('c-1')], now);
    const data = sealed.data as ReturnType<typeof received>['data'];
    expect([data.complainant.name, data.complainant.email, data.description].every(isSealed)).toBe(true);
    expect({ kind: data.complainant.kind, channel: data.channel }).toEqual({ kind: 'person', channel: 'email' });
    expect(await vault.open(sealed)).toEqual(received('c-1'));
  });

  it('seals all the personal fields of an event in one envelope (v2): each field keeps its place, marked', async () => {
    const [sealed] = await vault.seal([received('c-1')], now);
    const data = sealed.data as ReturnType<typeof received>['data'] & Record<string, unknown>;
    expect([data.complainant.name, data.complainant.email, data.description]).toEqual([SEALED_MARK, SEALED_MARK, SEALED_MARK]);
    expect(isEnvelope(data[ENVELOPE_FIELD])).toBe(true);
    expect(JSON.stringify(data)).not.toMatch(/Ana Petrova|ana@example|It broke/);
    expect(Object.values(JSON.parse(JSON.stringify(data)) as object).filter(isEnvelope)).toHaveLength(1);
  });

  it('cannot move an envelope to an event of another type (bound to subject and type by the AAD)', async () => {
    const [sealed] = await vault.seal([{ type: 'ComplaintWithdrawn', data: { complaintId: 'c-1', reason: 'Ana Petrova moved away.' } }], now);
    const moved = { type: 'ComplaintReopened', data: sealed.data };
    expect(((await vault.open(moved)).data as { reason: string }).reason).toBe(UNREADABLE);
  });

  describe('events sealed field by field (v1), as written before ADR 0017', () => {
    const sealedV1 = async (complaintId: string) => {
      const key = (await keys.keyFor(complaintId, now)) as Buffer;
      const { data } = received(complaintId);
      return {
        type: 'ComplaintReceived',
        data: {
          ...data,
          complainant: { ...data.complainant, name: seal(data.complainant.name, key, `${complaintId}|complainant.name`), email: seal(data.complainant.email, key, `${complaintId}|complainant.email`) },
          description: seal(data.description, key, `${complaintId}|description`),
        },
      };
    };

    it('are still opened, and read as erased once the key is destroyed', async () => {
      const old = await sealedV1('c-1');
      expect(old.data.description).toMatch(/^sealed:v1:/);
      expect(await vault.open(old)).toEqual(received('c-1'));
      expect(await vault.erase('c-1', now)).toBe(true);
      expect((await vault.open(old)).data).toMatchObject({ complainant: { name: ERASED, email: ERASED, kind: 'person' }, description: ERASED });
    });

    it('keep each field bound to its place: a value moved to another field is unreadable', async () => {
      const old = await sealedV1('c-1');
      const moved = { ...old, data: { ...old.data, description: old.data.complainant.name } };
      expect(((await vault.open(moved)).data as { description: string }).description).toBe(UNREADABLE);
    });
  });

  it('leaves events without personal fields, and values never sealed, as they are', async () => {
    const registered = { type: 'ComplaintRegistered', data: { complaintId: 'c-1', category: 'x' } };
    expect(await vault.seal([registered], now)).toEqual([registered]);
    expect(await vault.open(received('c-1'))).toEqual(received('c-1'));
  });

  it('cannot move a sealed value to another complaint or field (bound by the AAD)', async () => {
    await vault.seal([received('c-2')], now);
    const [sealed] = await vault.seal([received('c-1')], now);
    const moved = { ...sealed, data: { ...(sealed.data as object), complaintId: 'c-2' } };
    expect(((await vault.open(moved)).data as unknown as { description: string }).description).toBe(UNREADABLE);
  });

  it('erases: the key is destroyed, the fields read as erased, and no new key is ever made for that complaint', async () => {
    const [sealed] = await vault.seal([received('c-1')], now);
    const key = (await keys.existingKey('c-1')) as Buffer;
    expect(await vault.erase('c-1', now)).toBe(true);
    expect((await vault.open(sealed)).data).toMatchObject({ complainant: { name: ERASED, email: ERASED, kind: 'person' }, description: ERASED });
    expect(await vault.erase('c-1', now)).toBe(false);
    expect((await vault.seal([received('c-1')], now))[0].data).toMatchObject({ complainant: { name: ERASED }, description: ERASED });
    await keys.close();
    expect(readFileSync(join(dir, KEYS_FILE)).includes(key)).toBe(false); // secure_delete: the bytes are gone
  });

  it('caches no key across calls: an erasure by another process (the CLI) shows at the next read', async () => {
    const [sealed] = await vault.seal([received('c-1')], now);
    expect((await vault.open(sealed)).data).toMatchObject({ complainant: { name: 'Ana Petrova' } });
    const cli = new SqliteKeyStore(join(dir, KEYS_FILE));
    try {
      expect(await new PersonalDataVault(cli).erase('c-1', now)).toBe(true);
    } finally {
      await cli.close();
    }
    expect((await vault.openAll([sealed, sealed])).map((event) => event.data.description)).toEqual([ERASED, ERASED]);
  });

  it('asks the key store once per call (all its complaints in one question), and not at all for values never sealed', async () => {
    const asked: string[] = [];
    const counting = new PersonalDataVault({
      keyFor: (subject, at) => (asked.push(`keyFor ${subject}`), keys.keyFor(subject, at)),
      location: keys.location,
      existingKey: (subject) => (asked.push(`existingKey ${subject}`), keys.existingKey(subject)),
      lookup: (subject) => (asked.push(`lookup ${subject}`), keys.lookup(subject)),
      lookupMany: (subjects) => (asked.push(`lookupMany ${subjects.join(' ')}`), keys.lookupMany(subjects)),
      destroy: (subject, at) => keys.destroy(subject, at),
      close: () => keys.close(),
    });
    const sealed = await counting.seal([received('c-1'), received('c-1'), received('c-2')], now);
    await counting.openAll([...sealed, received('c-3')]);
    expect(asked.sort()).toEqual(['keyFor c-1', 'keyFor c-2', 'lookupMany c-1 c-2']);
    asked.length = 0;
    await counting.openAll([received('c-3')]);
    expect(asked).toEqual([]);
  });

  it('seals each document name of a complaint in its place in the list, and opens them in that order', async () => {
    const withDocuments = { type: 'ComplaintReceived', data: { ...received('c-1').data, documents: ['receipt-ana-petrova.pdf', 'photo.jpg'] } };
    const [sealed] = await vault.seal([withDocuments], now);
    const documents = (sealed.data as { documents: string[] }).documents;
    expect(documents.every(isSealed)).toBe(true);
    expect(await vault.open(sealed)).toEqual(withDocuments);
    // Opening copies what it opens: the sealed event read from the store is left as it was.
    expect((sealed.data as { documents: string[]; complainant: { name: string } }).documents).toEqual([SEALED_MARK, SEALED_MARK]);
    expect((sealed.data as { complainant: { name: string } }).complainant.name).toBe(SEALED_MARK);
    const [erasedLater] = await vault.seal([withDocuments], now);
    await vault.erase('c-1', now);
    expect(((await vault.open(erasedLater)).data as { documents: string[] }).documents).toEqual([ERASED, ERASED]);
  });

  it('seals the statement of each source of an investigation, leaving its kind and reference clear, and erases it', async () => {
    const sources = [
      { kind: 'complainant', statement: 'Ana Petrova says the seller laughed at her.', obtainedAt: '2026-11-24T09:00:00Z' },
      { kind: 'employee-concerned', reference: 'clerk-ivanov', statement: 'I did not laugh.', obtainedAt: '2026-11-24T10:00:00Z' },
    ];
    const investigated = { type: 'ComplaintInvestigated', data: { complaintId: 'c-1', findings: 'Rude answer.', rootCause: 'rudeness', rootCauseCode: 'staff-conduct', sources } };
    const [sealed] = await vault.seal([investigated], now);
    const stored = (sealed.data as { sources: typeof sources }).sources;
    expect(stored.map((source) => isSealed(source.statement))).toEqual([true, true]);
    expect(stored.map(({ kind, reference, obtainedAt }) => ({ kind, reference, obtainedAt }))).toEqual(
      sources.map(({ kind, reference, obtainedAt }) => ({ kind, reference, obtainedAt })),
    );
    expect(JSON.stringify(sealed)).not.toContain('laughed');
    expect(await vault.open(sealed)).toEqual(investigated);
    await vault.erase('c-1', now);
    expect(((await vault.open(sealed)).data as { sources: typeof sources }).sources.map((source) => source.statement)).toEqual([ERASED, ERASED]);
  });

  it('tells a key that is missing from this key store apart from an erased one, and says which subjects miss theirs', async () => {
    const [sealed] = await vault.seal([received('c-1')], now);
    const elsewhere = mkdtempSync(join(tmpdir(), 'vault-other-'));
    const other = new SqliteKeyStore(join(elsewhere, KEYS_FILE));
    try {
      const missing: string[] = [];
      const wrongStore = new PersonalDataVault(other, { onMissingKey: (subject) => missing.push(subject) });
      expect((await wrongStore.openAll([sealed, sealed])).map((event) => (event.data as { description: string }).description)).toEqual([KEY_MISSING, KEY_MISSING]);
      expect(missing).toEqual(['c-1']);
      expect(await wrongStore.keyOf('c-1')).toBe('missing');
      expect(await vault.keyOf('c-1')).toBe('present');
      await vault.erase('c-1', now);
      expect(await vault.keyOf('c-1')).toBe('erased');
    } finally {
      await other.close();
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('opened with create: false, refuses a directory without a key store and creates no file there', () => {
    const backup = mkdtempSync(join(tmpdir(), 'vault-backup-'));
    try {
      expect(() => new SqliteKeyStore(join(backup, KEYS_FILE), { create: false })).toThrow(KeyStoreNotFoundError);
      expect(existsSync(join(backup, KEYS_FILE))).toBe(false);
    } finally {
      rmSync(backup, { recursive: true, force: true });
    }
  });

  it('warns a long-running process once about missing keys, however many cases miss theirs', async () => {
    const sealed = await vault.seal([received('c-1'), received('c-2')], now);
    const said: string[] = [];
    const elsewhere = mkdtempSync(join(tmpdir(), 'vault-other-'));
    const other = new SqliteKeyStore(join(elsewhere, KEYS_FILE));
    try {
      const restored = new PersonalDataVault(other, { onMissingKey: warnOnceAboutMissingKeys(other.location, (message) => said.push(message)) });
      await restored.openAll(sealed);
      await restored.openAll(sealed);
      expect(said).toEqual([expect.stringContaining('holds no key for complaint c-1')]);
      expect(said[0]).toContain(KEY_MISSING);
    } finally {
      await other.close();
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
