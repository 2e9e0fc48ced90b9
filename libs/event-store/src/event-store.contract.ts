import { randomUUID } from 'node:crypto';
import { aStoreForTheSuite } from '../../../test/support/stores-per-test';
import {
  AppendResult,
  EventData,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  RecordedEvent,
  WrongExpectedRevisionError,
} from './event-store.port';
import { anEnvelope, appendChained } from './testing';
import { deriveEventId, EventMetadata, tailOf, verifyChain } from './integrity/hash-chain';

/**
 * The behaviour every EventStore adapter must show, written against the port only, so that the very
 * same suite runs on the embedded SQLite store and on a real EventStoreDB server.
 *
 * Rules the suite keeps so that it can run against a shared, long-lived server:
 * - every test writes to streams (and event types) of its own, named with a random id, and reads `$all`
 *   only through filters on those names, or from positions of its own events;
 * - positions are opaque: they are only compared, never counted with, never assumed to start at 1 or
 *   to be dense.
 */
export type EventStoreFactory = () => Promise<{ store: EventStore; dispose: () => Promise<void> }>;

const uid = (): string => randomUUID().replace(/-/g, '').slice(0, 16);

const event = (type: string, data: unknown = {}, metadata: Record<string, unknown> = {}): EventData => ({
  eventId: randomUUID(),
  type,
  data,
  metadata,
});

const someEvents = (count: number, type = 'Happened'): EventData[] =>
  Array.from({ length: count }, (_, i) => event(type, { i }));

const revisions = (events: readonly RecordedEvent[]): bigint[] => events.map((e) => e.revision);
const ids = (events: ReadonlyArray<{ eventId: string }>): string[] => events.map((e) => e.eventId);

const expectStrictlyIncreasing = (positions: readonly bigint[]): void => {
  for (let i = 1; i < positions.length; i++) expect(positions[i] > positions[i - 1]).toBe(true);
};

/** Resolves with the error the promise rejects with; fails the test if it resolves. */
const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    const value = await promise;
    throw new Error(`Expected a rejection, but the promise resolved with ${String(value)}.`);
  } catch (error) {
    return error;
  }
};

export const expectWrongExpectedRevision = async (
  promise: Promise<unknown>,
  streamId: string,
  expected: ExpectedRevision,
  actual: bigint | 'no_stream',
): Promise<void> => {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  const { streamId: s, expected: e, actual: a } = error as WrongExpectedRevisionError;
  expect({ streamId: s, expected: e, actual: a }).toEqual({ streamId, expected, actual });
};

export function eventStoreContract(name: string, createStore: EventStoreFactory): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    aStoreForTheSuite(createStore, (created) => (store = created));

    const stream = (label = 'stream'): string => `contract-${label}-${uid()}`;
    /** Appends one batch at a time, in order, and returns the events as recorded. */
    const appendInOrder = async (writes: Array<[streamId: string, event: EventData]>): Promise<RecordedEvent[]> => {
      for (const [streamId, data] of writes) await store.appendToStream(streamId, [data]);
      const recorded: RecordedEvent[] = [];
      for (const [streamId, data] of writes) {
        const found = (await store.readStream(streamId)).find((e) => e.eventId === data.eventId);
        if (!found) throw new Error(`Event ${data.eventId} was not found in ${streamId}.`);
        recorded.push(found);
      }
      return recorded;
    };

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    describe('appendToStream: expected revision', () => {
      it('no_stream creates the stream; its revisions start at 0', async () => {
        const s = stream();
        const result = await store.appendToStream(s, someEvents(2), { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(1n);
        expect(revisions(await store.readStream(s))).toEqual([0n, 1n]);
      });

      it('no_stream on an existing stream is rejected with the actual revision, and writes nothing', async () => {
        const s = stream();
        await store.appendToStream(s, someEvents(3), { expectedRevision: 'no_stream' });
        await expectWrongExpectedRevision(
          store.appendToStream(s, someEvents(1), { expectedRevision: 'no_stream' }),
          s,
          'no_stream',
          2n,
        );
        expect(await store.readStream(s)).toHaveLength(3);
      });

      it('stream_exists succeeds on an existing stream', async () => {
        const s = stream();
        await store.appendToStream(s, someEvents(1), { expectedRevision: 'no_stream' });
        const result = await store.appendToStream(s, someEvents(2), { expectedRevision: 'stream_exists' });
        expect(result.nextExpectedRevision).toBe(2n);
        expect(revisions(await store.readStream(s))).toEqual([0n, 1n, 2n]);
      });

      it('stream_exists on a missing stream is rejected with no_stream, and writes nothing', async () => {
        const s = stream();
        await expectWrongExpectedRevision(
          store.appendToStream(s, someEvents(1), { expectedRevision: 'stream_exists' }),
          s,
          'stream_exists',
          'no_stream',
        );
        expect(await store.readStream(s)).toEqual([]);
      });

      it('any succeeds whether or not the stream exists, and is the default', async () => {
        const s = stream();
        expect((await store.appendToStream(s, someEvents(1), { expectedRevision: 'any' })).nextExpectedRevision).toBe(0n);
        expect((await store.appendToStream(s, someEvents(2), { expectedRevision: 'any' })).nextExpectedRevision).toBe(2n);
        expect((await store.appendToStream(s, someEvents(1))).nextExpectedRevision).toBe(3n);
        expect((await store.appendToStream(stream(), someEvents(1))).nextExpectedRevision).toBe(0n);
        expect(revisions(await store.readStream(s))).toEqual([0n, 1n, 2n, 3n]);
      });

      it('an exact revision succeeds when it is the stream’s current revision', async () => {
        const s = stream();
        await store.appendToStream(s, someEvents(2), { expectedRevision: 'no_stream' });
        const result = await store.appendToStream(s, someEvents(3), { expectedRevision: 1n });
        expect(result.nextExpectedRevision).toBe(4n);
        const next = await store.appendToStream(s, someEvents(1), { expectedRevision: 4n });
        expect(next.nextExpectedRevision).toBe(5n);
        expect(revisions(await store.readStream(s))).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
      });

      it('an exact revision behind or ahead of the stream is rejected with the actual revision, and writes nothing', async () => {
        const s = stream();
        await store.appendToStream(s, someEvents(3), { expectedRevision: 'no_stream' });
        await expectWrongExpectedRevision(store.appendToStream(s, someEvents(1), { expectedRevision: 1n }), s, 1n, 2n);
        await expectWrongExpectedRevision(store.appendToStream(s, someEvents(1), { expectedRevision: 0n }), s, 0n, 2n);
        await expectWrongExpectedRevision(store.appendToStream(s, someEvents(1), { expectedRevision: 3n }), s, 3n, 2n);
        await expectWrongExpectedRevision(store.appendToStream(s, someEvents(2), { expectedRevision: 7n }), s, 7n, 2n);
        expect(revisions(await store.readStream(s))).toEqual([0n, 1n, 2n]);
      });

      it('an exact revision on a missing stream is rejected with no_stream, and writes nothing', async () => {
        const s = stream();
        await expectWrongExpectedRevision(store.appendToStream(s, someEvents(1), { expectedRevision: 0n }), s, 0n, 'no_stream');
        expect(await store.readStream(s)).toEqual([]);
      });

      it('the result names the append’s last event: its revision and its position in $all', async () => {
        const s = stream();
        await store.appendToStream(s, someEvents(1));
        const written = someEvents(3);
        const result = await store.appendToStream(s, written, { expectedRevision: 0n });
        const recorded = await store.readStream(s);
        expect(ids(recorded.slice(1))).toEqual(ids(written));
        const last = recorded[recorded.length - 1];
        expect(result).toEqual<AppendResult>({ nextExpectedRevision: last.revision, position: last.position });
        expect(typeof result.position).toBe('bigint');
      });
    });

    describe('readStream', () => {
      let s: string;
      let written: EventData[];
      beforeEach(async () => {
        s = stream('read');
        written = Array.from({ length: 5 }, (_, i) => event(`Step${i}`, { i }, { n: i }));
        // Two appends, so that the stream spans more than one write.
        await store.appendToStream(s, written.slice(0, 2), { expectedRevision: 'no_stream' });
        await store.appendToStream(s, written.slice(2), { expectedRevision: 1n });
      });

      it('reads the whole stream forwards by default, each event as recorded', async () => {
        const before = Date.now();
        const recorded = await store.readStream(s);
        expect(revisions(recorded)).toEqual([0n, 1n, 2n, 3n, 4n]);
        expect(ids(recorded)).toEqual(ids(written));
        recorded.forEach((e, i) => {
          expect(e.streamId).toBe(s);
          expect(e.type).toBe(`Step${i}`);
          expect(e.data).toEqual({ i });
          expect(e.metadata).toEqual({ n: i });
          expect(typeof e.position).toBe('bigint');
          expect(e.recordedAt).toBeInstanceOf(Date);
          expect(Number.isNaN(e.recordedAt.getTime())).toBe(false);
          // Generous: the server's clock may differ a little from ours.
          expect(Math.abs(e.recordedAt.getTime() - before)).toBeLessThan(10 * 60_000);
        });
        expectStrictlyIncreasing(recorded.map((e) => e.position));
      });

      it('reads forwards from a revision (inclusive), with maxCount', async () => {
        expect(revisions(await store.readStream(s, { fromRevision: 2n }))).toEqual([2n, 3n, 4n]);
        expect(revisions(await store.readStream(s, { fromRevision: 1n, maxCount: 2 }))).toEqual([1n, 2n]);
        expect(revisions(await store.readStream(s, { fromRevision: 'start', maxCount: 3 }))).toEqual([0n, 1n, 2n]);
        expect(revisions(await store.readStream(s, { fromRevision: 4n, direction: 'forwards', maxCount: 10 }))).toEqual([4n]);
        expect(await store.readStream(s, { fromRevision: 5n })).toEqual([]);
        expect(await store.readStream(s, { fromRevision: 'end' })).toEqual([]);
      });

      it('reads backwards from the end or from a revision (inclusive), with maxCount', async () => {
        expect(revisions(await store.readStream(s, { direction: 'backwards' }))).toEqual([4n, 3n, 2n, 1n, 0n]);
        expect(revisions(await store.readStream(s, { direction: 'backwards', maxCount: 2 }))).toEqual([4n, 3n]);
        expect(revisions(await store.readStream(s, { direction: 'backwards', fromRevision: 'end', maxCount: 1 }))).toEqual([4n]);
        expect(revisions(await store.readStream(s, { direction: 'backwards', fromRevision: 2n }))).toEqual([2n, 1n, 0n]);
        expect(revisions(await store.readStream(s, { direction: 'backwards', fromRevision: 3n, maxCount: 2 }))).toEqual([3n, 2n]);
        expect(revisions(await store.readStream(s, { direction: 'backwards', fromRevision: 0n }))).toEqual([0n]);
      });

      it('reads a stream that does not exist as an empty array, in either direction', async () => {
        const missing = stream('missing');
        expect(await store.readStream(missing)).toEqual([]);
        expect(await store.readStream(missing, { direction: 'backwards' })).toEqual([]);
        expect(await store.readStream(missing, { fromRevision: 3n, maxCount: 2 })).toEqual([]);
      });

      it('does not mix in the events of a stream whose name extends this one', async () => {
        await store.appendToStream(`${s}-other`, someEvents(2));
        expect(ids(await store.readStream(s))).toEqual(ids(written));
      });
    });

    describe('readAll', () => {
      let prefix: string;
      let otherPrefix: string;
      let typePrefix: string;
      let a: string;
      let b: string;
      let c: string;
      /** A:Opened, B:Opened, A:Noted, C:Noted, B:Closed, A:Closed, as recorded, in the order written. */
      let recorded: RecordedEvent[];
      const ours = (events: RecordedEvent[], names: string[]) => events.filter((e) => names.includes(e.streamId));

      beforeEach(async () => {
        const id = uid();
        prefix = `contract-all-${id}-`;
        otherPrefix = `contract-elsewhere-${id}-`;
        typePrefix = `T${id}.`;
        [a, b, c] = [`${prefix}a`, `${prefix}b`, `${otherPrefix}c`];
        recorded = await appendInOrder([
          [a, event(`${typePrefix}Opened`, { n: 0 })],
          [b, event(`${typePrefix}Opened`, { n: 1 })],
          [a, event(`${typePrefix}Noted`, { n: 2 })],
          [c, event(`${typePrefix}Noted`, { n: 3 })],
          [b, event(`${typePrefix}Closed`, { n: 4 })],
          [a, event(`${typePrefix}Closed`, { n: 5 })],
        ]);
      });

      const read = (options: ReadAllOptions) => store.readAll(options);

      it('gives events written one after the other increasing positions', () => {
        expectStrictlyIncreasing(recorded.map((e) => e.position));
      });

      it('reads forwards from a position, including the event at it', async () => {
        const [first] = await read({ fromPosition: recorded[0].position, maxCount: 1 });
        expect(first).toEqual(recorded[0]);
        const fromThird = await read({ fromPosition: recorded[2].position, filter: { streamPrefixes: [prefix] } });
        expect(ids(fromThird)).toEqual(ids([recorded[2], recorded[4], recorded[5]]));
        expect(fromThird).toEqual([recorded[2], recorded[4], recorded[5]]);
      });

      it('reads forwards with maxCount, counting only the events that pass the filter', async () => {
        const filter = { streamPrefixes: [prefix] };
        expect(ids(await read({ fromPosition: recorded[0].position, filter, maxCount: 2 }))).toEqual(ids(recorded.slice(0, 2)));
        expect(ids(await read({ fromPosition: recorded[0].position, filter, maxCount: 4 }))).toEqual(
          ids([recorded[0], recorded[1], recorded[2], recorded[4]]),
        );
        const fromStart = await read({ fromPosition: 'start', filter });
        expect(ids(fromStart)).toEqual(ids(ours(recorded, [a, b])));
      });

      it('reads from the start of $all, which is at or before any event', async () => {
        const [first] = await read({ fromPosition: 'start', maxCount: 1 });
        expect(first).toBeDefined();
        expect(first.position <= recorded[0].position).toBe(true);
        const [firstByDefault] = await read({ maxCount: 1 });
        expect(firstByDefault.position).toBe(first.position);
      });

      it('reads nothing forwards from the end', async () => {
        expect(await read({ fromPosition: 'end', filter: { streamPrefixes: [prefix] } })).toEqual([]);
      });

      it('reads backwards from the end, with maxCount', async () => {
        const filter = { streamPrefixes: [prefix] };
        const backwards = await read({ direction: 'backwards', filter, maxCount: 3 });
        expect(ids(backwards)).toEqual(ids([recorded[5], recorded[4], recorded[2]]));
        const all = await read({ direction: 'backwards', fromPosition: 'end', filter });
        expect(ids(all)).toEqual(ids(ours(recorded, [a, b]).reverse()));
        const [latest] = await read({ direction: 'backwards', maxCount: 1 });
        expect(latest.position >= recorded[5].position).toBe(true);
      });

      it('reads backwards from a position: nothing after it, everything before it, newest first', async () => {
        const filter = { streamPrefixes: [prefix] };
        const at = recorded[4].position;
        const backwards = await read({ direction: 'backwards', fromPosition: at, filter });
        for (const e of backwards) expect(e.position <= at).toBe(true);
        expectStrictlyIncreasing(backwards.map((e) => e.position).reverse());
        const before = backwards.filter((e) => e.position < at);
        expect(ids(before)).toEqual(ids([recorded[2], recorded[1], recorded[0]]));
        const limited = await read({ direction: 'backwards', fromPosition: recorded[2].position, filter, maxCount: 10 });
        expect(ids(limited.filter((e) => e.position < recorded[2].position))).toEqual(ids([recorded[1], recorded[0]]));
      });

      it('filters by stream prefixes; several prefixes match any of them', async () => {
        const from = recorded[0].position;
        expect(ids(await read({ fromPosition: from, filter: { streamPrefixes: [b] } }))).toEqual(ids([recorded[1], recorded[4]]));
        expect(ids(await read({ fromPosition: from, filter: { streamPrefixes: [otherPrefix] } }))).toEqual(ids([recorded[3]]));
        expect(ids(await read({ fromPosition: from, filter: { streamPrefixes: [otherPrefix, b] } }))).toEqual(
          ids([recorded[1], recorded[3], recorded[4]]),
        );
        expect(ids(await read({ fromPosition: from, filter: { streamPrefixes: [prefix, otherPrefix] } }))).toEqual(ids(recorded));
      });

      it('filters by event type prefixes; several prefixes match any of them', async () => {
        const from = recorded[0].position;
        expect(ids(await read({ fromPosition: from, filter: { eventTypePrefixes: [`${typePrefix}Noted`] } }))).toEqual(
          ids([recorded[2], recorded[3]]),
        );
        expect(
          ids(await read({ fromPosition: from, filter: { eventTypePrefixes: [`${typePrefix}Opened`, `${typePrefix}Closed`] } })),
        ).toEqual(ids([recorded[0], recorded[1], recorded[4], recorded[5]]));
        expect(ids(await read({ fromPosition: from, filter: { eventTypePrefixes: [typePrefix] } }))).toEqual(ids(recorded));
        expect(
          ids(await read({ direction: 'backwards', filter: { eventTypePrefixes: [`${typePrefix}Closed`] }, maxCount: 1 })),
        ).toEqual(ids([recorded[5]]));
      });

      it('matches prefixes only at the start of stream names and event types', async () => {
        const [decoy] = await appendInOrder([[`decoy-${prefix}z`, event(`decoy.${typePrefix}Opened`)]]);
        const from = recorded[0].position;
        const byStream = await read({ fromPosition: from, filter: { streamPrefixes: [prefix] } });
        expect(ids(byStream)).toEqual(ids(ours(recorded, [a, b])));
        const byType = await read({ fromPosition: from, filter: { eventTypePrefixes: [typePrefix] } });
        expect(ids(byType)).toEqual(ids(recorded));
        expect(ids(await read({ fromPosition: from, filter: { streamPrefixes: [`decoy-${prefix}`] } }))).toEqual([decoy.eventId]);
      });

      it('applies a stream filter and a type filter together', async () => {
        const filter = { streamPrefixes: [prefix], eventTypePrefixes: [`${typePrefix}Noted`, `${typePrefix}Closed`] };
        expect(ids(await read({ fromPosition: recorded[0].position, filter }))).toEqual(ids([recorded[2], recorded[4], recorded[5]]));
      });

      it('agrees with readStream on every event', async () => {
        const all = await read({ fromPosition: recorded[0].position, filter: { streamPrefixes: [prefix, otherPrefix] } });
        const byStream = [...(await store.readStream(a)), ...(await store.readStream(b)), ...(await store.readStream(c))];
        expect([...all].sort((x, y) => (x.position < y.position ? -1 : 1))).toEqual(
          [...byStream].sort((x, y) => (x.position < y.position ? -1 : 1)),
        );
      });
    });

    describe('idempotent appends', () => {
      it('re-appending the same event ids at no_stream returns the same result and writes nothing', async () => {
        const s = stream('idem');
        const written = someEvents(2);
        const first = await store.appendToStream(s, written, { expectedRevision: 'no_stream' });
        const retry = await store.appendToStream(s, written.map((e) => ({ ...e })), { expectedRevision: 'no_stream' });
        expect(retry).toEqual(first);
        expect(ids(await store.readStream(s))).toEqual(ids(written));
        expect(await store.readAll({ fromPosition: 'start', filter: { streamPrefixes: [s] } })).toHaveLength(2);
      });

      it('re-appending the same event ids at an exact revision returns the same result and writes nothing', async () => {
        const s = stream('idem-exact');
        await store.appendToStream(s, someEvents(2), { expectedRevision: 'no_stream' });
        const written = someEvents(3, 'Second');
        const first = await store.appendToStream(s, written, { expectedRevision: 1n });
        // Something else is appended in between: the retry still names the revision it was first written at.
        await store.appendToStream(s, someEvents(1, 'Third'), { expectedRevision: 4n });
        const retry = await store.appendToStream(s, written, { expectedRevision: 1n });
        expect(retry).toEqual(first);
        const stored = await store.readStream(s);
        expect(stored).toHaveLength(6);
        expect(ids(stored.slice(2, 5))).toEqual(ids(written));
      });

      it('the same event ids at another expected revision are not a retry: rejected, nothing written', async () => {
        const s = stream('idem-other');
        const written = someEvents(2);
        await store.appendToStream(s, written, { expectedRevision: 'no_stream' });
        await store.appendToStream(s, someEvents(1, 'Later'), { expectedRevision: 1n });
        await expectWrongExpectedRevision(store.appendToStream(s, written, { expectedRevision: 0n }), s, 0n, 2n);
        expect(await store.readStream(s)).toHaveLength(3);
      });

      it('an identical append issued twice at once is written once; both get its result', async () => {
        const s = stream('idem-concurrent');
        const written = someEvents(2);
        const [one, two] = await Promise.all([
          store.appendToStream(s, written, { expectedRevision: 'no_stream' }),
          store.appendToStream(s, written, { expectedRevision: 'no_stream' }),
        ]);
        expect(two).toEqual(one);
        expect(ids(await store.readStream(s))).toEqual(ids(written));
      });
    });

    describe('concurrent appends', () => {
      it('50 appends to different streams issued at once all succeed, and $all agrees with every stream', async () => {
        const prefix = `contract-many-${uid()}-`;
        const batches = Array.from({ length: 50 }, (_, i) => ({
          streamId: `${prefix}${String(i).padStart(2, '0')}`,
          events: someEvents(1 + (i % 3), `Batch${i}`),
        }));
        const results = await Promise.all(
          batches.map(({ streamId, events }) => store.appendToStream(streamId, events, { expectedRevision: 'no_stream' })),
        );
        const all = await store.readAll({ fromPosition: 'start', filter: { streamPrefixes: [prefix] } });
        expect(all).toHaveLength(batches.reduce((n, b) => n + b.events.length, 0));
        expectStrictlyIncreasing(all.map((e) => e.position));
        for (const [i, { streamId, events }] of batches.entries()) {
          const inAll = all.filter((e) => e.streamId === streamId);
          expect(ids(inAll)).toEqual(ids(events));
          expect(revisions(inAll)).toEqual(events.map((_, r) => BigInt(r)));
          expect(await store.readStream(streamId)).toEqual(inAll);
          expect(results[i]).toEqual({ nextExpectedRevision: BigInt(events.length - 1), position: inAll[inAll.length - 1].position });
        }
      });

      it('20 appends racing at the same expected revision: exactly one wins, the others are rejected', async () => {
        const s = stream('race');
        await store.appendToStream(s, someEvents(2), { expectedRevision: 'no_stream' });
        const contenders = Array.from({ length: 20 }, (_, i) => [event('Contender', { i })]);
        const outcomes = await Promise.allSettled(contenders.map((events) => store.appendToStream(s, events, { expectedRevision: 1n })));
        const winners = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i] : []));
        expect(winners).toHaveLength(1);
        for (const [i, outcome] of outcomes.entries()) {
          if (i === winners[0]) continue;
          expect(outcome.status).toBe('rejected');
          await expectWrongExpectedRevision(Promise.reject((outcome as PromiseRejectedResult).reason), s, 1n, 2n);
        }
        const stored = await store.readStream(s);
        expect(revisions(stored)).toEqual([0n, 1n, 2n]);
        expect(stored[2].eventId).toBe(contenders[winners[0]][0].eventId);
        const win = outcomes[winners[0]] as PromiseFulfilledResult<AppendResult>;
        expect(win.value).toEqual({ nextExpectedRevision: 2n, position: stored[2].position });
      });

      it('20 appends to one stream at once with any: all succeed, and $all order follows the revisions', async () => {
        const s = stream('any-race');
        const batches = Array.from({ length: 20 }, (_, i) => someEvents(1 + (i % 2), `Any${i}`));
        const results = await Promise.all(batches.map((events) => store.appendToStream(s, events, { expectedRevision: 'any' })));
        const stored = await store.readStream(s);
        const total = batches.reduce((n, events) => n + events.length, 0);
        expect(revisions(stored)).toEqual(Array.from({ length: total }, (_, r) => BigInt(r)));
        expectStrictlyIncreasing(stored.map((e) => e.position));
        const all = await store.readAll({ fromPosition: 'start', filter: { streamPrefixes: [s] } });
        expect(all).toEqual(stored);
        // Each append is contiguous in the stream, and its result names its own last event.
        for (const [i, events] of batches.entries()) {
          const start = stored.findIndex((e) => e.eventId === events[0].eventId);
          expect(ids(stored.slice(start, start + events.length))).toEqual(ids(events));
          const last = stored[start + events.length - 1];
          expect(results[i]).toEqual({ nextExpectedRevision: last.revision, position: last.position });
        }
      });
    });

    describe('data and metadata', () => {
      const data = {
        z: 'insertion order is kept',
        a: 1,
        text: 'Grüße, 你好, emoji 😀👍🏽, combining é, rtl שלום',
        escapes: 'quote " backslash \\ slash / newline \n tab \t nul \u0000 line separator \u2028',
        numbers: { integer: 42, negative: -17, zero: 0, float: 3.14159, tiny: 1e-7, huge: 1.5e300, maxSafe: Number.MAX_SAFE_INTEGER },
        literals: [true, false, null],
        empty: { object: {}, array: [], string: '' },
        nested: { deeper: { deepest: [1, [2, [3, { four: 4 }]]] } },
        'key with spaces': 'ok',
        ключ: 'значение',
        '': 'empty key',
      };
      const metadata = {
        correlationId: 'c0ffee00-0000-4000-8000-000000000000',
        actor: { id: 'agent-7', role: 'agent' },
        tags: ['ü', 'ß', '✓'],
        count: 0,
        flag: false,
        nothing: null,
      };

      it('round-trip exactly through readStream and readAll', async () => {
        const s = stream('roundtrip');
        const written = [event('Rich', data, metadata), event('List', [1, 'two', { three: 3 }, [], null], {})];
        await store.appendToStream(s, written);
        const fromStream = await store.readStream(s);
        const fromAll = await store.readAll({ fromPosition: fromStream[0].position, filter: { streamPrefixes: [s] } });
        for (const recorded of [fromStream, fromAll]) {
          expect(recorded.map((e) => e.data)).toStrictEqual(written.map((e) => e.data));
          expect(recorded.map((e) => e.metadata)).toStrictEqual(written.map((e) => e.metadata));
          expect(recorded.map((e) => JSON.stringify([e.data, e.metadata]))).toEqual(
            written.map((e) => JSON.stringify([e.data, e.metadata])),
          );
          expect(recorded.map((e) => e.type)).toEqual(['Rich', 'List']);
        }
      });
    });

    describe('hash chain', () => {
      it('a chain written with appendChained verifies, survives a retry, and rejects a stale tail', async () => {
        const s = stream('chain');
        const opened = anEnvelope();
        await appendChained(
          store,
          s,
          undefined,
          [
            { type: 'ComplaintRegistered', data: { summary: 'Käse 🧀 was mouldy', amount: 12.5 }, schemaVersion: 1 },
            { type: 'ComplaintAcknowledged', data: { by: 'agent-7' }, schemaVersion: 1 },
          ],
          opened,
        );
        const tail = tailOf(await store.readStream(s));
        expect(tail?.revision).toBe(1n);

        const resolved = anEnvelope({ requestHash: 'f'.repeat(64) });
        const more = [
          { type: 'ComplaintNoted', data: { note: 'called back', nested: { z: 1, a: [2, 3] } }, schemaVersion: 2 },
          { type: 'ComplaintResolved', data: { outcome: 'refund' }, schemaVersion: 1 },
        ];
        const result = await appendChained(store, s, tail, more, resolved);
        expect(result.nextExpectedRevision).toBe(3n);

        const stored = await store.readStream(s);
        const verdict = verifyChain(stored);
        expect(verdict).toEqual({
          valid: true,
          eventsChecked: 4,
          lastRevision: '3',
          lastHash: (stored[3].metadata as unknown as EventMetadata).hash,
        });
        expect(stored.map((e) => e.eventId)).toEqual([
          deriveEventId(s, 0n, opened.commandId),
          deriveEventId(s, 1n, opened.commandId),
          deriveEventId(s, 2n, resolved.commandId),
          deriveEventId(s, 3n, resolved.commandId),
        ]);

        // The same command retried after a lost acknowledgement: same ids, so nothing is written twice.
        expect(await appendChained(store, s, tail, more, resolved)).toEqual(result);
        expect(await store.readStream(s)).toHaveLength(4);

        // Another command from the same stale tail: someone else wrote first.
        await expectWrongExpectedRevision(appendChained(store, s, tail, more, anEnvelope()), s, 1n, 3n);
        expect(verifyChain(await store.readStream(s)).valid).toBe(true);
      });
    });
  });
}
