import {
  AllStreamResolvedEvent,
  END,
  ErrorType,
  jsonEvent,
  JSONType,
  Position as EsdbPosition,
  ResolvedEvent,
  START,
} from '@eventstore/db-client';
import { AllFilter, EventData, EventStoreUnavailableError, matchesFilter, Position, RecordedEvent } from '../event-store.port';

// Translations between the port and the official client: events, positions, filters, errors.

/** Positions are commit positions: each event of an append is committed by its own log record, so they are unique. */
export const toEsdbPosition = (position: Position): EsdbPosition => ({ commit: position, prepare: position });

export const readPosition = (position: Position | 'start' | 'end'): EsdbPosition | typeof START | typeof END =>
  position === 'start' ? START : position === 'end' ? END : toEsdbPosition(position);

/** What a server sends when it does not know an event's position (reads of a stream, on some versions). */
const UNKNOWN_POSITION = 2n ** 63n;

export const toEsdbEvent = (event: EventData) =>
  jsonEvent({ id: event.eventId, type: event.type, data: event.data as JSONType, metadata: event.metadata });

export const toRecordedEvent = (resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent => {
  const event = resolved.event;
  if (!event) throw new Error('A read returned a link without its event; links are not used here.');
  const commit = event.position?.commit;
  return {
    streamId: event.streamId,
    revision: event.revision,
    position: commit !== undefined && commit < UNKNOWN_POSITION ? commit : -1n,
    eventId: event.id,
    type: event.type,
    data: event.data,
    metadata: (event.metadata ?? {}) as Record<string, unknown>,
    recordedAt: event.created,
  };
};

/** System events (`$`-types) are EventStoreDB's own; the port never shows them. */
export const isSystemEvent = (type: string): boolean => type.startsWith('$');

export const passes = (filter: AllFilter | undefined, event: RecordedEvent): boolean =>
  !isSystemEvent(event.type) && matchesFilter(filter, event.streamId, event.type);

const UNAVAILABLE_TYPES = new Set<string>([ErrorType.UNAVAILABLE, ErrorType.DEADLINE_EXCEEDED, ErrorType.NOT_LEADER, ErrorType.TIMEOUT]);
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

/**
 * Whether an error means the server cannot be reached. A refused connection surfaces as a raw gRPC
 * UNAVAILABLE from the server-features call, not as the client's own error type: both are mapped.
 */
export const isUnavailable = (error: unknown): boolean => {
  const { type, code } = (error ?? {}) as { type?: string; code?: number };
  return (type !== undefined && UNAVAILABLE_TYPES.has(type)) || code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED;
};

/** Rethrows an unreachable server as the port's EventStoreUnavailableError; anything else as it is. */
export const toPortError = (error: unknown, doing: string): unknown =>
  isUnavailable(error) ? new EventStoreUnavailableError(`EventStoreDB cannot be reached while ${doing}: ${(error as Error).message}`, error) : error;
