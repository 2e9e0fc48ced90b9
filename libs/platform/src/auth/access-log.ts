import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { AccessEvent, AccessRecord, accessTrailDecider, accessTrailStreamId, Actor, RecordAccess } from '@app/domain';
import { ACCESS_TRAIL_MAX_DAYS, AccessTrailEntry, EventStore, readAccessTrail } from '@app/event-store';
import { randomUUID } from 'node:crypto';
import { InvalidRequest } from '../application/errors';
import { handleCommand, RETRY_ON_CONFLICT } from '../application/handle-command';
import { Clock, CLOCK, EVENT_STORE } from '../infrastructure/tokens';

export type { AccessEvent } from '@app/domain';

const DAY_MS = 86_400_000;

/**
 * The period a reading of the access trail covers, as the API and the CLI both read it: until now unless
 * told, from the start of that day (UTC) unless told; `tooLong` beyond the days one reading may span.
 */
export const accessTrailPeriod = (from: Date | undefined, until: Date | undefined, now: Date): { from: Date; until: Date; tooLong: boolean } => {
  const end = until ?? now;
  const start = from ?? new Date(end.getTime() - 1 - ((end.getTime() - 1) % DAY_MS));
  return { from: start, until: end, tooLong: end.getTime() - start.getTime() > ACCESS_TRAIL_MAX_DAYS * DAY_MS };
};

interface Pending extends AccessRecord {
  resolve(): void;
  reject(error: unknown): void;
}

// One append holds at most this many reads; more wait for the next.
const MAX_BATCH = 500;

/** A reading of the access trail: the period it covers, whose reads (null: everyone's), oldest first. */
export interface AccessTrailReading {
  from: string;
  until: string;
  actor: string | null;
  entries: AccessTrailEntry[];
  truncated: boolean;
}

/**
 * Records who read which personal data, and when (see libs/event-store/src/access-trail.ts), in
 * batches: reads that arrive while an append is on its way share the next one (group commit), so
 * under load a read costs a share of an append instead of a read-append round trip of its own.
 * `record` resolves once the read is in the log: the caller hands the data out after that, so no
 * answered read goes unrecorded.
 */
@Injectable()
export class AccessLog implements BeforeApplicationShutdown {
  private queue: Pending[] = [];
  private flushing?: Promise<void>;
  /** Appends made and reads recorded: the bench reports the batching from these. */
  readonly stats = { appends: 0, recorded: 0 };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  record(event: AccessEvent, actor: Actor, correlationId?: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ event, actor, correlationId, at: this.clock.now(), resolve, reject });
      this.flushing ??= this.drain().finally(() => (this.flushing = undefined));
    });
  }

  /** The reads recorded in a period (by default today until now, by the Clock), optionally one person's. */
  async read(period: { from?: Date; until?: Date }, actor: string | undefined, limit: number): Promise<AccessTrailReading> {
    const { from, until, tooLong } = accessTrailPeriod(period.from, period.until, this.clock.now());
    if (tooLong) throw new InvalidRequest([{ field: 'to', reason: `must be at most ${ACCESS_TRAIL_MAX_DAYS} days after from` }]);
    const trail = await readAccessTrail(this.store, { from, until, actor, limit });
    return { from: from.toISOString(), until: until.toISOString(), actor: actor ?? null, ...trail };
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flushing;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await this.append(batch);
        this.stats.appends += 1;
        this.stats.recorded += batch.length;
        for (const pending of batch) pending.resolve();
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    }
  }

  /** One append per day stream in the batch (one, except around midnight), each event with its own actor. */
  private async append(batch: Pending[]): Promise<void> {
    const byStream = new Map<string, Pending[]>();
    for (const pending of batch) {
      const streamId = accessTrailStreamId(pending.at);
      byStream.set(streamId, [...(byStream.get(streamId) ?? []), pending]);
    }
    // Another API instance may append to the same day: link on its tail and try again.
    for (const [streamId, reads] of byStream) {
      const ids = reads.map(() => randomUUID());
      await handleCommand(this.store, {
        decider: accessTrailDecider,
        streamId,
        read: 'tail',
        command: (): RecordAccess => ({ type: 'RecordAccess', data: { reads } }),
        context: () => undefined,
        schemaVersion: () => 1,
        envelope: (_command, _event, index) => {
          const { actor, correlationId, at } = reads[index];
          const time = at.toISOString();
          return { commandId: ids[index], correlationId: correlationId ?? ids[index], causationId: ids[index], actor, occurredAt: time, recordedAt: time };
        },
        retry: RETRY_ON_CONFLICT,
      });
    }
  }
}
