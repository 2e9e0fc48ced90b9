import { RecordedEvent } from '../event-store.port';
import { canonicalJson } from './canonical-json';
import {
  chainEvents,
  CommandEnvelope,
  deriveEventId,
  EventMetadata,
  GENESIS_HASH,
  hashEvent,
  sha256,
  tailOf,
  verifyChain,
} from './hash-chain';

describe('canonicalJson (RFC 8785)', () => {
  it('sorts object keys, at every depth, and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: 2, c: { z: true, y: null, x: [3, { d: 1, c: 2 }] } })).toBe(
      '{"a":2,"b":1,"c":{"x":[3,{"c":2,"d":1}],"y":null,"z":true}}',
    );
  });

  it('keeps the order of arrays', () => {
    expect(canonicalJson([3, 1, 2, ['b', 'a'], []])).toBe('[3,1,2,["b","a"],[]]');
  });

  it('gives the same text for the same value whatever the insertion order of its keys', () => {
    const one = { id: 'x', amount: { value: 10, currency: 'EUR' }, tags: ['a'] };
    const two = { tags: ['a'], amount: { currency: 'EUR', value: 10 }, id: 'x' };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('sorts keys by UTF-16 code units (RFC 8785, 3.2.3)', () => {
    const input = JSON.parse(
      '{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One",' +
        '"\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}',
    );
    // By code point, U+FB33 would come before U+1F600; by UTF-16 code units the surrogate 0xD83D comes first.
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('writes numbers, strings and literals as RFC 8785 does (3.2.2)', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('leaves non-ASCII characters as they are, and escapes only what JSON must', () => {
    expect(canonicalJson({ text: 'Grüße 你好 😀 é', control: '\u0001\b\t\n\f\r', quote: '"\\' })).toBe(
      '{"control":"\\u0001\\b\\t\\n\\f\\r","quote":"\\"\\\\","text":"Grüße 你好 😀 é"}',
    );
  });

  it('writes -0 as 0 and refuses NaN and Infinity', () => {
    expect(canonicalJson({ n: -0 })).toBe('{"n":0}');
    expect(() => canonicalJson({ n: NaN })).toThrow(TypeError);
    expect(() => canonicalJson([Infinity])).toThrow(TypeError);
    expect(() => canonicalJson(-Infinity)).toThrow(TypeError);
  });

  it('drops properties whose value is undefined, and writes undefined in arrays as null, as JSON.stringify does', () => {
    const value = { a: undefined, b: 1, nested: { gone: undefined, kept: null }, list: [undefined, 2] };
    expect(canonicalJson(value)).toBe('{"b":1,"list":[null,2],"nested":{"kept":null}}');
    // So a value hashes the same before storage and after its JSON round trip.
    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
  });

  it('writes scalars', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson('x')).toBe('"x"');
    expect(canonicalJson(12)).toBe('12');
    expect(canonicalJson({})).toBe('{}');
  });
});

describe('deriveEventId', () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('is deterministic', () => {
    expect(deriveEventId('complaint-1', 3n, 'cmd-1')).toBe(deriveEventId('complaint-1', 3n, 'cmd-1'));
  });

  it('changes with the stream, the revision and the command', () => {
    const ids = new Set([
      deriveEventId('complaint-1', 3n, 'cmd-1'),
      deriveEventId('complaint-2', 3n, 'cmd-1'),
      deriveEventId('complaint-1', 4n, 'cmd-1'),
      deriveEventId('complaint-1', 3n, 'cmd-2'),
    ]);
    expect(ids.size).toBe(4);
  });

  it('has the layout of a UUID (version 5, RFC 4122 variant)', () => {
    for (let i = 0; i < 200; i++) expect(deriveEventId(`stream-${i}`, BigInt(i), `command-${i * 7}`)).toMatch(UUID);
  });

  it('is taken from the SHA-256 of stream, revision and command', () => {
    const hex = sha256('complaint-1|3|cmd-1');
    const id = deriveEventId('complaint-1', 3n, 'cmd-1');
    expect(id.replace(/-/g, '').slice(0, 12)).toBe(hex.slice(0, 12));
    expect(id.slice(-12)).toBe(hex.slice(20, 32));
  });
});

describe('hash chain', () => {
  const envelope: CommandEnvelope = {
    commandId: 'cmd-1',
    correlationId: 'corr-1',
    causationId: 'cause-1',
    actor: { id: 'agent-7', role: 'agent' },
    occurredAt: '2026-11-25T10:00:00.000Z',
    recordedAt: '2026-11-25T10:00:01.000Z',
  };
  const streamId = 'complaint-42';

  /** Chains five events and "stores" them: JSON round trip, sparse positions that do not start at 1. */
  const storedChain = (): RecordedEvent[] => {
    const first = chainEvents(
      streamId,
      undefined,
      [
        { type: 'ComplaintReceived', data: { text: 'Käse 🧀', amount: { value: 12.5, currency: 'EUR' } }, schemaVersion: 1 },
        { type: 'ComplaintAcknowledged', data: { by: 'agent-7', optional: undefined }, schemaVersion: 1 },
      ],
      envelope,
    );
    const stored = toRecorded(first, 0n);
    const second = chainEvents(
      streamId,
      tailOf(stored),
      [
        { type: 'NoteAdded', data: { note: 'called back', list: [3, 1, 2] }, schemaVersion: 2 },
        { type: 'AnswerSent', data: { channel: 'email' }, schemaVersion: 1 },
        { type: 'ComplaintClosed', data: {}, schemaVersion: 1 },
      ],
      { ...envelope, commandId: 'cmd-2', requestHash: 'ab'.repeat(32) },
    );
    return [...stored, ...toRecorded(second, 2n)];
  };
  const toRecorded = (events: ReturnType<typeof chainEvents>, fromRevision: bigint): RecordedEvent[] =>
    events.map((e, i) => ({
      streamId,
      revision: fromRevision + BigInt(i),
      position: 1_000_000n + 4_096n * (fromRevision + BigInt(i)) + 17n,
      eventId: e.eventId,
      type: e.type,
      data: JSON.parse(JSON.stringify(e.data)),
      metadata: JSON.parse(JSON.stringify(e.metadata)),
      recordedAt: new Date('2026-11-25T10:00:01.000Z'),
    }));
  const meta = (event: RecordedEvent) => event.metadata as unknown as EventMetadata;
  const edit = (events: RecordedEvent[], index: number, change: (event: RecordedEvent) => RecordedEvent) =>
    events.map((event, i) => (i === index ? change(structuredClone(event)) : event));

  it('links every event to the one before it, starting from the genesis hash', () => {
    const events = storedChain();
    expect(meta(events[0]).prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < events.length; i++) expect(meta(events[i]).prevHash).toBe(meta(events[i - 1]).hash);
    for (const event of events) {
      expect(meta(event).hash).toMatch(/^[0-9a-f]{64}$/);
      expect(meta(event).hash).toBe(hashEvent(event));
      expect(event.eventId).toBe(deriveEventId(streamId, event.revision, meta(event).commandId));
    }
  });

  it('verifies an untouched chain (after its JSON round trip through storage)', () => {
    const events = storedChain();
    expect(verifyChain(events)).toEqual({ valid: true, eventsChecked: 5, lastRevision: '4', lastHash: meta(events[4]).hash });
  });

  it('verifies an empty stream', () => {
    expect(verifyChain([])).toEqual({ valid: true, eventsChecked: 0, lastRevision: undefined, lastHash: GENESIS_HASH });
  });

  it('does not depend on the order of keys in the stored data', () => {
    const events = edit(storedChain(), 0, (e) => ({ ...e, data: { amount: { currency: 'EUR', value: 12.5 }, text: 'Käse 🧀' } }));
    expect(verifyChain(events).valid).toBe(true);
  });

  it.each([
    ['data', (e: RecordedEvent) => ({ ...e, data: { ...(e.data as object), channel: 'letter' } })],
    ['type', (e: RecordedEvent) => ({ ...e, type: 'AnswerWithdrawn' })],
    ['metadata', (e: RecordedEvent) => ({ ...e, metadata: { ...e.metadata, actor: { id: 'intruder', role: 'agent' } } })],
    ['stream', (e: RecordedEvent) => ({ ...e, streamId: 'complaint-43' })],
  ])('finds an edited event (%s): hash-mismatch at its revision', (_, change) => {
    const verdict = verifyChain(edit(storedChain(), 3, change));
    expect(verdict).toMatchObject({ valid: false, reason: 'hash-mismatch', revision: '3', eventsChecked: 3 });
  });

  it('finds an edited event whose hash was recomputed: the link to the next event breaks', () => {
    const events = edit(storedChain(), 2, (e) => {
      const data = { note: 'nothing happened', list: [3, 1, 2] };
      return { ...e, data, metadata: { ...e.metadata, hash: hashEvent({ ...e, data }) } };
    });
    expect(verifyChain(events)).toMatchObject({ valid: false, reason: 'broken-link', revision: '3', eventsChecked: 3 });
  });

  it('finds a removed middle event: missing-revision where the gap is', () => {
    const events = storedChain();
    const verdict = verifyChain([...events.slice(0, 2), ...events.slice(3)]);
    expect(verdict).toMatchObject({ valid: false, reason: 'missing-revision', revision: '3', eventsChecked: 2 });
  });

  it('finds a removed middle event even when the later revisions were renumbered: broken-link', () => {
    const events = storedChain();
    const renumbered = [...events.slice(0, 2), ...events.slice(3)].map((e, i) => ({ ...e, revision: BigInt(i) }));
    expect(verifyChain(renumbered)).toMatchObject({ valid: false, revision: '2', eventsChecked: 2 });
    expect(verifyChain(renumbered)).toMatchObject({ reason: 'broken-link' });
  });

  it('finds a replaced prevHash: broken-link at that revision', () => {
    const events = edit(storedChain(), 3, (e) => ({ ...e, metadata: { ...e.metadata, prevHash: 'f'.repeat(64) } }));
    expect(verifyChain(events)).toMatchObject({ valid: false, reason: 'broken-link', revision: '3', eventsChecked: 3 });
  });

  it('finds a first event that does not start from the genesis hash', () => {
    const events = edit(storedChain(), 0, (e) => ({ ...e, metadata: { ...e.metadata, prevHash: sha256('elsewhere') } }));
    expect(verifyChain(events)).toMatchObject({ valid: false, reason: 'broken-link', revision: '0', eventsChecked: 0 });
  });

  it('finds reordered events', () => {
    const events = storedChain();
    const swapped = [events[0], events[2], events[1], events[3], events[4]];
    expect(verifyChain(swapped)).toMatchObject({ valid: false, reason: 'missing-revision', revision: '2', eventsChecked: 1 });
  });

  it('chains from a tail: the continuation matches a chain written in one go', () => {
    const events = storedChain();
    const tail = tailOf(events);
    expect(tail).toEqual({ revision: 4n, hash: meta(events[4]).hash });
    expect(tailOf([])).toBeUndefined();
    const [next] = chainEvents(streamId, tail, [{ type: 'ComplaintReopened', data: {}, schemaVersion: 1 }], {
      ...envelope,
      commandId: 'cmd-3',
    });
    expect(next.metadata.prevHash).toBe(meta(events[4]).hash);
    expect(next.eventId).toBe(deriveEventId(streamId, 5n, 'cmd-3'));
    expect(verifyChain([...events, ...toRecorded([next], 5n)]).valid).toBe(true);
  });

  it('is deterministic: the same command from the same tail yields the same events', () => {
    const input = [{ type: 'NoteAdded', data: { note: 'x' }, schemaVersion: 1 }];
    expect(chainEvents(streamId, undefined, input, envelope)).toEqual(chainEvents(streamId, undefined, input, envelope));
  });
});
