import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '@app/domain';
import { appendChained, EventStore, tailOf, WrongExpectedRevisionError } from '@app/event-store';
import { randomUUID } from 'node:crypto';
import { Clock, CLOCK, EVENT_STORE } from '../infrastructure/tokens';

/** Access events live in their own streams: a read must never change a case's revision (its ETag). */
export const ACCESS_STREAM_PREFIX = 'access-';
export const caseAccessStream = (complaintId: string): string => `${ACCESS_STREAM_PREFIX}${complaintId}`;
export const EXPORTS_ACCESS_STREAM = `${ACCESS_STREAM_PREFIX}exports`;

export type AccessEvent =
  | { type: 'CaseHistoryRead'; data: { complaintId: string; asOf?: string } }
  | { type: 'JournalExported'; data: { from?: string; to?: string; format: string; rows: number } };

/**
 * Records who looked at which case's history, or exported the journal, and when: hash-chained events
 * like any other, written before the data is handed out, so no such read goes unrecorded.
 */
@Injectable()
export class AccessLog {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(streamId: string, event: AccessEvent, actor: Actor, correlationId?: string): Promise<void> {
    // Readers of one case may race; each retry links on the new tail.
    for (let attempt = 1; ; attempt++) {
      const last = await this.store.readStream(streamId, { direction: 'backwards', fromRevision: 'end', maxCount: 1 });
      const now = this.clock.now().toISOString();
      const id = randomUUID();
      try {
        await appendChained(this.store, streamId, tailOf(last), [{ ...event, schemaVersion: 1 }], {
          commandId: id,
          correlationId: correlationId ?? id,
          causationId: id,
          actor,
          occurredAt: now,
          recordedAt: now,
        });
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= 20) throw error;
      }
    }
  }
}
