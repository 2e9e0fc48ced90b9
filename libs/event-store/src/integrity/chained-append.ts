import { AppendResult, EventStore } from '../event-store.port';
import { chainEvents, CommandEnvelope, StreamTail } from './hash-chain';

/**
 * Appends events that continue the hash chain after the tail the writer read, expecting the stream
 * to still end there: the one way the application writes, so every stream is chained.
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
