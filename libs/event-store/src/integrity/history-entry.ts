import { RecordedEvent } from '../event-store.port';
import { EventMetadata } from './hash-chain';

/** One event as an auditor reads it: what, who, when, why, and its link in the chain. */
export interface HistoryEntry {
  revision: string;
  position: string;
  eventId: string;
  type: string;
  schemaVersion?: number;
  occurredAt?: string;
  recordedAt?: string;
  actor?: { id: string; role: string };
  commandId?: string;
  correlationId?: string;
  causationId?: string;
  data: unknown;
  prevHash?: string;
  hash?: string;
}

export const toHistoryEntry = (event: RecordedEvent): HistoryEntry => {
  const m = event.metadata as Partial<EventMetadata>;
  return {
    revision: event.revision.toString(),
    position: event.position.toString(),
    eventId: event.eventId,
    type: event.type,
    schemaVersion: m.schemaVersion,
    occurredAt: m.occurredAt,
    recordedAt: m.recordedAt ?? event.recordedAt.toISOString(),
    actor: m.actor,
    commandId: m.commandId,
    correlationId: m.correlationId,
    causationId: m.causationId,
    data: event.data,
    prevHash: m.prevHash,
    hash: m.hash,
  };
};
