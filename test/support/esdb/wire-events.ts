import { EventData, RecordedEvent } from '@app/event-store';
import { AppendReq, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';

// How the test server keeps what the client sent in the embedded store, and gives it back in the
// shapes EventStoreDB's gRPC protocol uses.

/**
 * The log's positions are byte offsets in EventStoreDB, so they are sparse; the server spaces the
 * embedded store's dense positions out the same way, so that nothing downstream can count with them.
 */
const POSITION_SPACING = 1_000n;
const POSITION_OFFSET = 12_345n;

export const toLogPosition = (storePosition: bigint): bigint => storePosition * POSITION_SPACING + POSITION_OFFSET;

/** The first store position at or after a log position (inclusive forward reads). */
export const storePositionAtOrAfter = (logPosition: bigint): bigint => {
  const rest = logPosition - POSITION_OFFSET;
  if (rest <= 0n) return 0n;
  return (rest + POSITION_SPACING - 1n) / POSITION_SPACING;
};

/** The last store position at or before a log position (backward reads). */
export const storePositionAtOrBefore = (logPosition: bigint): bigint => {
  const rest = logPosition - POSITION_OFFSET;
  return rest < 0n ? -1n : rest / POSITION_SPACING;
};

/** What the embedded store holds for one event: the bytes and content type exactly as the client sent them. */
interface WireBody {
  contentType: string;
  data: string;
  customMetadata: string;
}

export const eventDataFrom = (message: AppendReq.ProposedMessage): EventData => {
  const metadata = message.getMetadataMap();
  const body: WireBody = {
    // A missing content-type means binary, as EventStoreDB reads it.
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: Buffer.from(message.getData_asU8()).toString('base64'),
    customMetadata: Buffer.from(message.getCustomMetadata_asU8()).toString('base64'),
  };
  return {
    eventId: uuidString(message.getId()),
    type: metadata.get('type') ?? '',
    data: body,
    metadata: {},
  };
};

export const uuidString = (uuid: UUID | undefined): string => {
  if (!uuid) throw new Error('An event without an id.');
  if (uuid.hasString()) return uuid.getString().toLowerCase();
  const structured = uuid.getStructured();
  if (!structured) throw new Error('An event id that is neither a string nor structured.');
  const hex = (value: string) => BigInt.asUintN(64, BigInt(value)).toString(16).padStart(16, '0');
  const all = hex(structured.getMostSignificantBits()) + hex(structured.getLeastSignificantBits());
  return `${all.slice(0, 8)}-${all.slice(8, 12)}-${all.slice(12, 16)}-${all.slice(16, 20)}-${all.slice(20)}`;
};

/** .NET ticks (100 ns) since the Unix epoch, as EventStoreDB's `created` metadata. */
const ticksSinceEpoch = (date: Date): string => (BigInt(date.getTime()) * 10_000n).toString();

export const streamIdentifier = (streamId: string): StreamIdentifier => {
  const identifier = new StreamIdentifier();
  identifier.setStreamName(Buffer.from(streamId, 'utf8'));
  return identifier;
};

export const streamName = (identifier: StreamIdentifier | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');

/** One event as a ReadResp; `fromAll` tells whether the read was on `$all` (which names the commit position). */
export const readResponse = (event: RecordedEvent, uuidOption: ReadReq.Options.UUIDOption | undefined, fromAll: boolean): ReadResp => {
  const body = event.data as WireBody;
  const logPosition = toLogPosition(event.position).toString();
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  const id = new UUID();
  if (uuidOption?.hasStructured()) {
    const hex = event.eventId.replace(/-/g, '');
    const structured = new UUID.Structured();
    structured.setMostSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)).toString());
    structured.setLeastSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(16)}`)).toString());
    id.setStructured(structured);
  } else id.setString(event.eventId);
  recorded.setId(id);
  recorded.setStreamIdentifier(streamIdentifier(event.streamId));
  recorded.setStreamRevision(event.revision.toString());
  // Each event of an append is committed by its own (self-committed) log record: commit and prepare positions are
  // equal, and recent servers report them on stream reads too; older ones marked those unknown (2^64 - 1).
  recorded.setCommitPosition(logPosition);
  recorded.setPreparePosition(logPosition);
  const metadata = recorded.getMetadataMap();
  metadata.set('type', event.type);
  metadata.set('created', ticksSinceEpoch(event.recordedAt));
  metadata.set('content-type', body.contentType);
  recorded.setData(Buffer.from(body.data, 'base64'));
  recorded.setCustomMetadata(Buffer.from(body.customMetadata, 'base64'));

  const readEvent = new ReadResp.ReadEvent();
  readEvent.setEvent(recorded);
  if (fromAll) readEvent.setCommitPosition(logPosition);
  else readEvent.setNoPosition(new Empty());
  const response = new ReadResp();
  response.setEvent(readEvent);
  return response;
};
