import { createHash } from 'node:crypto';
import { EventData, RecordedEvent } from '../event-store.port';
import { canonicalJson } from './canonical-json';

/** The `prevHash` of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export interface EventActor {
  id: string;
  role: string;
}

/** What a command contributes to the metadata of every event it causes: who, when and why. */
export interface CommandEnvelope {
  commandId: string;
  correlationId: string;
  causationId: string;
  actor: EventActor;
  /** Business time: when it happened in the world (e.g. when the customer phoned). */
  occurredAt: string;
  /** When the ledger recorded it. */
  recordedAt: string;
  /** Fingerprint of the request that caused it, to tell an idempotent retry from a reused key. */
  requestHash?: string;
}

/** Carried by every event: its command's envelope, its id and schema version; `prevHash` and `hash` chain the stream. */
export interface EventMetadata extends CommandEnvelope {
  eventId: string;
  schemaVersion: number;
  prevHash: string;
  hash: string;
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** SHA-256 over the canonical JSON of the event's place, content and metadata (without its own hash). */
export const hashEvent = (event: {
  streamId: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: Omit<EventMetadata, 'hash'> | Record<string, unknown>;
}): string => {
  const { hash: _ignored, ...metadata } = event.metadata as Record<string, unknown>;
  return sha256(
    canonicalJson({
      stream: event.streamId,
      revision: Number(event.revision),
      type: event.type,
      data: event.data,
      metadata,
      prevHash: metadata.prevHash,
    }),
  );
};

/** A deterministic UUID (version 5 layout, SHA-256 based) named by a text. */
export const uuidFromText = (text: string): string => {
  const hex = sha256(text);
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/**
 * A deterministic event id from the stream, the revision the event will take and the command: a
 * retried command yields the same ids, so a store that deduplicates by id (EventStoreDB does) writes it once.
 */
export const deriveEventId = (streamId: string, revision: bigint, commandId: string): string =>
  uuidFromText(`${streamId}|${revision}|${commandId}`);

export type ChainVerdict =
  | { valid: true; eventsChecked: number; lastRevision?: string; lastHash: string }
  | {
      valid: false;
      eventsChecked: number;
      revision: string;
      reason: 'hash-mismatch' | 'broken-link' | 'missing-revision';
      message: string;
    };

export type ChainBreak = Extract<ChainVerdict, { valid: false }>;

/** Checks one event against the end of its stream's chain so far; returns the break, if any. */
const checkLink = (event: RecordedEvent, expectedRevision: bigint, previousHash: string): Omit<ChainBreak, 'eventsChecked'> | undefined => {
  const metadata = event.metadata as Partial<EventMetadata>;
  const revision = event.revision.toString();
  if (event.revision !== expectedRevision)
    return { valid: false, revision, reason: 'missing-revision', message: `Expected revision ${expectedRevision} but found ${revision}: an event is missing.` };
  if (metadata.prevHash !== previousHash)
    return { valid: false, revision, reason: 'broken-link', message: 'Its prevHash does not match the hash of the event before it: an event was removed, replaced or reordered.' };
  if (metadata.hash !== hashEvent(event))
    return { valid: false, revision, reason: 'hash-mismatch', message: 'Its content does not match its hash: the event was altered after it was recorded.' };
  return undefined;
};

/** Recomputes a stream's chain: any edited, removed or reordered event breaks it at its revision. */
export const verifyChain = (events: readonly RecordedEvent[]): ChainVerdict => {
  let previousHash = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    const broken = checkLink(event, BigInt(index), previousHash);
    if (broken) return { ...broken, eventsChecked: index };
    previousHash = String((event.metadata as Partial<EventMetadata>).hash);
  }
  const last = events[events.length - 1];
  return { valid: true, eventsChecked: events.length, lastRevision: last?.revision.toString(), lastHash: previousHash };
};

/**
 * Verifies many streams in one pass over `$all`, keeping only each stream's last hash: how the
 * whole ledger is checked without loading any stream completely.
 */
export class ChainVerifier {
  private readonly tails = new Map<string, { revision: bigint; hash: string }>();
  eventsChecked = 0;

  /** Feeds the next event of `$all`; returns the break it reveals, if any. */
  check(event: RecordedEvent): (ChainBreak & { streamId: string }) | undefined {
    const tail = this.tails.get(event.streamId);
    const broken = checkLink(event, tail ? tail.revision + 1n : 0n, tail?.hash ?? GENESIS_HASH);
    if (broken) return { ...broken, streamId: event.streamId, eventsChecked: this.eventsChecked };
    this.tails.set(event.streamId, { revision: event.revision, hash: String((event.metadata as Partial<EventMetadata>).hash) });
    this.eventsChecked += 1;
    return undefined;
  }

  get streamsChecked(): number {
    return this.tails.size;
  }
}

/** The end of a stream as the writer read it: where the next events link on. */
export type StreamTail = { revision: bigint; hash: string } | undefined;

export const tailOf = (events: readonly RecordedEvent[]): StreamTail => {
  const last = events[events.length - 1];
  return last && { revision: last.revision, hash: String((last.metadata as Partial<EventMetadata>).hash) };
};

/** Turns new events into chained EventData that continue the stream after `tail`. */
export const chainEvents = (
  streamId: string,
  tail: StreamTail,
  events: ReadonlyArray<{ type: string; data: unknown; schemaVersion: number }>,
  envelope: CommandEnvelope,
): EventData[] => {
  let prevHash = tail?.hash ?? GENESIS_HASH;
  let revision = tail?.revision ?? -1n;
  return events.map(({ type, data, schemaVersion }) => {
    revision += 1n;
    const eventId = deriveEventId(streamId, revision, envelope.commandId);
    const unsigned = { eventId, ...envelope, schemaVersion, prevHash };
    const hash = hashEvent({ streamId, revision, type, data, metadata: unsigned });
    prevHash = hash;
    return { eventId, type, data, metadata: { ...unsigned, hash } satisfies EventMetadata };
  });
};
