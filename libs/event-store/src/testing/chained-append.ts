import { AppendResult, EventStore } from '../event-store.port';
import { chainEvents, CommandEnvelope, StreamTail } from '../integrity/hash-chain';

/**
 * Test equipment: appends events that continue the hash chain after the tail the writer read,
 * expecting the stream to still end there — a stream written by hand. The application writes only
 * through handleCommand (libs/platform/src/application/handle-command.ts), the one append path.
 */
export const appendChained = (
  store: EventStore,
  streamId: string,
  tail: StreamTail,
  events: ReadonlyArray<{ type: string; data: unknown; schemaVersion: number }>,
  envelope: CommandEnvelope,
): Promise<AppendResult> =>
  store.appendToStream(streamId, chainEvents(streamId, tail, events, envelope), {
    expectedRevision: tail?.revision ?? 'no_stream',
  });
