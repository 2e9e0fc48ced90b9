import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import {
  Actor,
  complaintStreamId,
  decideReservation,
  decideSweep,
  OpenReservation,
  REGISTER_EVENT_SCHEMA_VERSIONS,
  RegisterEvent,
  registerStreamId,
  registerYearFromTail,
  ReservationOutcome,
} from '@app/domain';
import { appendChained, EventStore, tailOf, WrongExpectedRevisionError } from '@app/event-store';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApplicationError, AppConfig, APP_CONFIG, Clock, CLOCK, EVENT_STORE } from '@app/platform';
import { foldRecorded } from '../complaint-events';

export interface ReservationRequest {
  year: number;
  complaintId: string;
  commandId: string;
  now: Date;
  actor: Actor;
  correlationId: string;
}

/**
 * Who voids a reservation nobody came back for: the ledger itself. The actor role type has no
 * "system"; the administrator role is the closest (the sweeper runs the system, not cases).
 */
const SWEEPER: Actor = { id: 'ledger-register-sweeper', role: 'administrator' };

const duration = (ms: number): string =>
  ms % 60_000 === 0 ? `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}` : `${ms / 1000} second${ms === 1000 ? '' : 's'}`;

// Under contention every round lets one writer through; the bound only stops a livelock.
const MAX_ATTEMPTS = 200;

/**
 * Hands out gapless register numbers by appending to the year's register stream with optimistic
 * concurrency, retrying on conflict. The event store is the only counter.
 */
@Injectable()
export class RegisterNumbers {
  private readonly logger = new Logger(RegisterNumbers.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Voids the year's reservations that were abandoned (withdrawn, registered under another number,
   * timed out) without waiting for the next registration. Answers the numbers voided; a concurrent
   * append to the register wins, and the next round looks again.
   */
  async sweep(year: number, now: Date): Promise<string[]> {
    const streamId = registerStreamId(year);
    const tailEvents = await this.store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    const register = registerYearFromTail(year, tailEvents[0] as RegisterEvent | undefined);
    if (register.openReservations.length === 0) return [];
    const voids = decideSweep(register, await this.outcomesOf(register.openReservations, now), now);
    if (voids.length === 0) return [];
    try {
      await appendChained(
        this.store,
        streamId,
        tailOf(tailEvents),
        voids.map((event) => ({ ...event, schemaVersion: REGISTER_EVENT_SCHEMA_VERSIONS[event.type] })),
        { commandId: randomUUID(), correlationId: randomUUID(), causationId: SWEEPER.id, actor: SWEEPER, occurredAt: now.toISOString(), recordedAt: now.toISOString() },
      );
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return [];
      throw error;
    }
    for (const event of voids) this.logger.warn(`Register number ${event.data.registerNumber} voided: ${event.data.reason}`);
    return voids.map((event) => event.data.registerNumber);
  }

  async reserve(request: ReservationRequest): Promise<string> {
    const streamId = registerStreamId(request.year);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const tailEvents = await this.store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      const register = registerYearFromTail(request.year, tailEvents[0] as RegisterEvent | undefined);
      const others = register.openReservations.filter((r) => r.complaintId !== request.complaintId);
      const decision = decideReservation(register, request, await this.outcomesOf(others, request.now));
      try {
        await appendChained(
          this.store,
          streamId,
          tailOf(tailEvents),
          decision.events.map((event) => ({ ...event, schemaVersion: REGISTER_EVENT_SCHEMA_VERSIONS[event.type] })),
          {
            commandId: request.commandId,
            correlationId: request.correlationId,
            causationId: request.commandId,
            actor: request.actor,
            occurredAt: request.now.toISOString(),
            recordedAt: request.now.toISOString(),
          },
        );
        for (const event of decision.events)
          if (event.type === 'RegisterNumberVoided')
            this.logger.warn(`Register number ${event.data.registerNumber} voided: ${event.data.reason}`);
        return decision.reservation.registerNumber;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        await sleep(Math.random() * Math.min(attempt, 10));
      }
    }
    throw new ApplicationError('register-busy', 'The register is too busy to hand out a number; retry shortly.');
  }

  /** Finds out from each complaint's own stream whether its reservation was used, is in flight, or was abandoned. */
  async outcomesOf(reservations: OpenReservation[], now: Date): Promise<Map<number, ReservationOutcome>> {
    const outcomes = new Map<number, ReservationOutcome>();
    for (const reservation of reservations) {
      const complaint = foldRecorded(await this.store.readStream(complaintStreamId(reservation.complaintId)));
      const registration = complaint.status === 'none' ? undefined : complaint.registration;
      if (registration?.registerNumber === reservation.registerNumber) outcomes.set(reservation.sequence, { kind: 'used' });
      else if (registration)
        outcomes.set(reservation.sequence, {
          kind: 'abandoned',
          reason: `complaint ${reservation.complaintId} was registered under ${registration.registerNumber} instead`,
        });
      else if (complaint.status === 'withdrawn')
        outcomes.set(reservation.sequence, { kind: 'abandoned', reason: `complaint ${reservation.complaintId} was withdrawn before its registration completed` });
      else if (now.getTime() - Date.parse(reservation.reservedAt) > this.config.reservationTimeoutMs)
        outcomes.set(reservation.sequence, {
          kind: 'abandoned',
          reason: `the registration of complaint ${reservation.complaintId} did not complete within ${duration(this.config.reservationTimeoutMs)} of the reservation`,
        });
      else outcomes.set(reservation.sequence, { kind: 'pending' });
    }
    return outcomes;
  }
}

/**
 * Resolves reservations that a killed server left open even when no registration comes: every
 * interval it sweeps this year's register and last year's (a reservation of 31 December).
 */
@Injectable()
export class RegisterSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RegisterSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly registerNumbers: RegisterNumbers,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.round().finally(() => (this.running = undefined));
    }, this.config.reservationSweepIntervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async round(): Promise<void> {
    const now = this.clock.now();
    for (const year of [now.getUTCFullYear() - 1, now.getUTCFullYear()])
      await this.registerNumbers.sweep(year, now).catch((error: unknown) => this.logger.warn(`Sweeping register-${year} failed: ${String(error)}`));
  }
}
