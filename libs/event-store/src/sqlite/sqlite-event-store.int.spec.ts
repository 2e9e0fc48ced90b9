import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedAfterEach } from '../../../../test/support/stores-per-test';
import { eventStoreContract, expectWrongExpectedRevision } from '../event-store.contract';
import { EventData, EventStoreUnavailableError, WrongExpectedRevisionError } from '../event-store.port';
import { anEnvelope, appendChained } from '../testing';
import { verifyChain } from '../integrity/hash-chain';
import { SqliteEventStore } from './sqlite-event-store';

const dir = mkdtempSync(join(tmpdir(), 'sqlite-event-store-'));
let files = 0;
const newPath = (): string => join(dir, `events-${++files}.db`);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

eventStoreContract('SqliteEventStore', async () => {
  const store = new SqliteEventStore(newPath());
  return { store, dispose: () => store.close() };
});

const event = (type = 'Happened', data: unknown = {}): EventData => ({ eventId: randomUUID(), type, data, metadata: { by: 'test' } });
const ids = (events: ReadonlyArray<{ eventId: string }>) => events.map((e) => e.eventId);

describe('SqliteEventStore', () => {
  const open = closedAfterEach((path: string = newPath()) => new SqliteEventStore(path));

  /** Counts the transactions the store begins (a white-box look at group commit). */
  /** The group commits the store reports from now on. */
  const countTransactions = (store: SqliteEventStore) => {
    const before = store.groupCommits.commits;
    return () => store.groupCommits.commits - before;
  };

  describe('group commit', () => {
    it('commits the appends of a group and rejects alone the one in the middle whose expected revision is wrong', async () => {
      const store = open();
      await store.appendToStream('victim', [event('Seeded')], { expectedRevision: 'no_stream' });
      const transactions = countTransactions(store);

      const batches = Array.from({ length: 21 }, (_, i) =>
        i === 10
          ? { streamId: 'victim', events: [event('Late', { i }), event('Late', { i })], expectedRevision: 5n }
          : { streamId: `ok-${i}`, events: [event('Fine', { i }), event('Fine', { i })], expectedRevision: 'no_stream' as const },
      );
      const outcomes = await Promise.allSettled(
        batches.map(({ streamId, events, expectedRevision }) => store.appendToStream(streamId, events, { expectedRevision })),
      );

      expect(transactions()).toBe(1); // they really shared one transaction
      expect(outcomes.map((o) => o.status)).toEqual(batches.map((_, i) => (i === 10 ? 'rejected' : 'fulfilled')));
      await expectWrongExpectedRevision(Promise.reject((outcomes[10] as PromiseRejectedResult).reason), 'victim', 5n, 0n);

      const all = await store.readAll();
      expect(all).toHaveLength(1 + 20 * 2);
      const written = new Set(ids(all));
      for (const e of batches[10].events) expect(written.has(e.eventId)).toBe(false);
      expect((await store.readStream('victim')).map((e) => e.type)).toEqual(['Seeded']);
      for (const [i, { streamId, events }] of batches.entries()) {
        if (i === 10) continue;
        const stored = await store.readStream(streamId);
        expect(ids(stored)).toEqual(ids(events));
        expect((outcomes[i] as PromiseFulfilledResult<unknown>).value).toEqual({ nextExpectedRevision: 1n, position: stored[1].position });
      }
      // The rejected writer can try again at the right revision.
      await expect(store.appendToStream('victim', [event('Retried')], { expectedRevision: 0n })).resolves.toMatchObject({
        nextExpectedRevision: 1n,
      });
    });

    it('rolls back every event of an append that fails half-way, keeping the rest of the group', async () => {
      const store = open();
      const transactions = countTransactions(store);
      const halfWritten = [event('Fine'), event('Unserialisable', { amount: 10n })]; // JSON.stringify throws on the 2nd insert
      const before = [event('Before')];
      const after = [event('After'), event('After')];
      const outcomes = await Promise.allSettled([
        store.appendToStream('before', before),
        store.appendToStream('broken', halfWritten),
        store.appendToStream('after', after),
      ]);
      expect(transactions()).toBe(1);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(TypeError);
      expect(await store.readStream('broken')).toEqual([]);
      expect(ids(await store.readAll())).toEqual(ids([...before, ...after]));
      expect(ids(await store.readStream('after'))).toEqual(ids(after));
    });

    it('rolls back a large append that fails half-way (its savepoint keeps far more than 64 KiB of pages), keeping the rest', async () => {
      const store = open();
      const text = 'x'.repeat(1000);
      // Events of other streams first, so that the failing append also changes pages written before its savepoint.
      await store.appendToStream('earlier', Array.from({ length: 300 }, () => event('Earlier', { text })));
      const large = [...Array.from({ length: 400 }, () => event('Fine', { text })), event('Unserialisable', { amount: 10n })];
      const before = [event('Before', { text })];
      const after = Array.from({ length: 200 }, () => event('After', { text }));
      const allBefore = await store.readAll();
      const transactions = countTransactions(store);
      const outcomes = await Promise.allSettled([
        store.appendToStream('before', before),
        store.appendToStream('earlier', large, { expectedRevision: 299n }),
        store.appendToStream('after', after),
      ]);
      expect(transactions()).toBe(1);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(TypeError);
      expect(await store.readAll()).toEqual([...allBefore, ...(await store.readStream('before')), ...(await store.readStream('after'))]);
      expect(ids(await store.readStream('after'))).toEqual(ids(after));
      // The stream is where it was: the writer can append at the revision it expected.
      await expect(store.appendToStream('earlier', [event('Retried')], { expectedRevision: 299n })).resolves.toMatchObject({ nextExpectedRevision: 300n });
    });

    it('keeps $all in the order the group’s appends were issued', async () => {
      const store = open();
      const batches = Array.from({ length: 30 }, (_, i) => ({ streamId: `s-${i % 4}`, events: [event(`E${i}`)] }));
      await Promise.all(batches.map(({ streamId, events }) => store.appendToStream(streamId, events)));
      expect(ids(await store.readAll())).toEqual(batches.flatMap((b) => ids(b.events)));
    });
  });

  describe('durability', () => {
    it('keeps everything across close and reopen, and carries on after it', async () => {
      const path = newPath();
      const first = new SqliteEventStore(path);
      await appendChained(first, 'complaint-1', undefined, [{ type: 'Registered', data: { text: 'Grüße 😀' }, schemaVersion: 1 }], anEnvelope());
      await first.appendToStream('other', [event('A'), event('B')]);
      const streamBefore = await first.readStream('complaint-1');
      const allBefore = await first.readAll();
      await first.close();

      const second = open(path);
      expect(await second.readStream('complaint-1')).toStrictEqual(streamBefore);
      expect(await second.readAll()).toStrictEqual(allBefore);
      expect(verifyChain(await second.readStream('complaint-1')).valid).toBe(true);
      await expectWrongExpectedRevision(
        second.appendToStream('other', [event()], { expectedRevision: 'no_stream' }),
        'other',
        'no_stream',
        1n,
      );
      const result = await second.appendToStream('other', [event('C')], { expectedRevision: 1n });
      expect(result.nextExpectedRevision).toBe(2n);
      expect(result.position > allBefore[allBefore.length - 1].position).toBe(true);
    });

    it('flushes appends still queued when it is closed, then rejects new ones', async () => {
      const path = newPath();
      const store = new SqliteEventStore(path);
      const queued = [event('Queued')];
      const pending = store.appendToStream('queued', queued);
      await store.close();
      await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 0n });

      await expect(store.appendToStream('queued', [event()])).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.readStream('queued')).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.close()).resolves.toBeUndefined();

      // Let the flush that was scheduled before closing run against the closed store: it must do no harm.
      await new Promise((resolve) => setImmediate(resolve));
      expect(ids(await open(path).readStream('queued'))).toEqual(ids(queued));
    });
  });

  describe('two instances on one file (as two processes would)', () => {
    it('see each other’s appends and respect each other’s expected revisions', async () => {
      const path = newPath();
      const a = open(path);
      const b = open(path);
      const first = event('First');
      await a.appendToStream('shared', [first], { expectedRevision: 'no_stream' });
      expect(ids(await b.readStream('shared'))).toEqual([first.eventId]);

      await expectWrongExpectedRevision(b.appendToStream('shared', [event()], { expectedRevision: 'no_stream' }), 'shared', 'no_stream', 0n);
      const second = event('Second');
      await b.appendToStream('shared', [second], { expectedRevision: 0n });
      expect(ids(await a.readStream('shared'))).toEqual([first.eventId, second.eventId]);
      const stale = await a.appendToStream('shared', [event()], { expectedRevision: 0n }).catch((e: unknown) => e);
      expect(stale).toBeInstanceOf(WrongExpectedRevisionError);
      expect(await a.readAll()).toEqual(await b.readAll());
    });

    it('interleave concurrent appends to one stream into dense revisions that follow $all', async () => {
      const path = newPath();
      const a = open(path);
      const b = open(path);
      const fromA = Array.from({ length: 20 }, () => [event('FromA')]);
      const fromB = Array.from({ length: 20 }, () => [event('FromB')]);
      const results = await Promise.all([
        ...fromA.map((events) => a.appendToStream('contended', events, { expectedRevision: 'any' })),
        ...fromB.map((events) => b.appendToStream('contended', events, { expectedRevision: 'any' })),
      ]);
      const stored = await a.readStream('contended');
      expect(stored.map((e) => e.revision)).toEqual(Array.from({ length: 40 }, (_, r) => BigInt(r)));
      expect(new Set(ids(stored))).toEqual(new Set(ids([...fromA, ...fromB].flat())));
      expect(await b.readAll()).toEqual(stored);
      for (let i = 1; i < stored.length; i++) expect(stored[i].position > stored[i - 1].position).toBe(true);
      expect(new Set(results.map((r) => r.nextExpectedRevision)).size).toBe(40);
    });
  });
});
