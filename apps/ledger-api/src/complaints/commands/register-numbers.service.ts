import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import {
  Actor,
  complaintStreamId,
  OpenReservation,
  REGISTER_EVENT_SCHEMA_VERSIONS,
  RegisterCommand,
  registerDecider,
  RegisterEvent,
  RegisterNumberVoided,
  registerStreamId,
  reservationOf,
  ReservationOutcome,
} from '@app/domain';
import { EventStore, WrongExpectedRevisionError } from '@app/event-store';
import { randomUUID } from 'node:crypto';
import { ApplicationError, AppConfig, APP_CONFIG, CLIENT_RESOLVES_CONFLICTS, Clock, CLOCK, EVENT_STORE, handleCommand, RETRY_ON_CONFLICT } from '@app/platform';
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

// A sweep that meets a concurrent append leaves the rest to the next round (or to that registration).
const NO_SECOND_SWEEP = CLIENT_RESOLVES_CONFLICTS;

/**
 * Hands out gapless register numbers by appending to the year's register stream with optimistic
 * concurrency, retrying on conflict (RETRY_ON_CONFLICT). The event store is the only counter.
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
    try {
      const handled = await handleCommand(this.store, {
        ...this.registerHandling(year, now, SWEEPER, randomUUID()),
        command: async (register): Promise<RegisterCommand | undefined> =>
          register.openReservations.length === 0 ? undefined : { type: 'SweepRegister', data: { now, outcomes: await this.outcomesOf(register.openReservations, now) } },
        retry: NO_SECOND_SWEEP,
      });
      return handled.outcome === 'appended' ? this.logVoids(handled.events) : [];
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return [];
      throw error;
    }
  }

  async reserve(request: ReservationRequest): Promise<string> {
    try {
      const handled = await handleCommand(this.store, {
        ...this.registerHandling(request.year, request.now, request.actor, request.commandId, request.correlationId),
        command: async (register): Promise<RegisterCommand> => {
          const others = register.openReservations.filter((r) => r.complaintId !== request.complaintId);
          return { type: 'ReserveRegisterNumber', data: { ...request, outcomes: await this.outcomesOf(others, request.now) } };
        },
        retry: RETRY_ON_CONFLICT,
      });
      if (handled.outcome === 'appended') this.logVoids(handled.events);
      const reservation = reservationOf(handled.state, request.complaintId);
      if (!reservation) throw new Error(`register-${request.year} holds no reservation of ${request.complaintId} after reserving.`);
      return reservation.registerNumber;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      throw new ApplicationError('register-busy', 'The register is too busy to hand out a number; retry shortly.');
    }
  }

  /** A year's register through the one command handler: its tail is its state. */
  private registerHandling(year: number, now: Date, actor: Actor, commandId: string, correlationId: string = randomUUID()) {
    return {
      decider: registerDecider(year),
      streamId: registerStreamId(year),
      read: 'tail' as const,
      context: () => undefined,
      schemaVersion: (event: RegisterEvent) => REGISTER_EVENT_SCHEMA_VERSIONS[event.type],
      envelope: () => ({ commandId, correlationId, causationId: actor === SWEEPER ? SWEEPER.id : commandId, actor, occurredAt: now.toISOString(), recordedAt: now.toISOString() }),
    };
  }

  private logVoids(events: RegisterEvent[]): string[] {
    const voided = events.filter((event): event is RegisterNumberVoided => event.type === 'RegisterNumberVoided');
    for (const event of voided) this.logger.warn(`Register number ${event.data.registerNumber} voided: ${event.data.reason}`);
    return voided.map((event) => event.data.registerNumber);
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
