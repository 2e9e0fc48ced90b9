import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  Actor,
  complaintStreamId,
  decideReservation,
  OpenReservation,
  REGISTER_EVENT_SCHEMA_VERSIONS,
  RegisterEvent,
  registerStreamId,
  registerYearFromTail,
  ReservationOutcome,
} from '@app/domain';
import { appendChained, EventStore, tailOf, WrongExpectedRevisionError } from '@app/event-store';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApplicationError } from '../../application/errors';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG, EVENT_STORE } from '../../infrastructure/tokens';
import { foldRecorded } from '../complaint-events';

export interface ReservationRequest {
  year: number;
  complaintId: string;
  commandId: string;
  now: Date;
  actor: Actor;
  correlationId: string;
}

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
  private async outcomesOf(reservations: OpenReservation[], now: Date): Promise<Map<number, ReservationOutcome>> {
    const outcomes = new Map<number, ReservationOutcome>();
    for (const reservation of reservations) {
      const complaint = foldRecorded(await this.store.readStream(complaintStreamId(reservation.complaintId)));
      const registration = complaint.status === 'none' ? undefined : complaint.registration;
      const minutes = Math.round(this.config.reservationTimeoutMs / 60_000);
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
          reason: `the registration of complaint ${reservation.complaintId} did not complete within ${minutes} minutes of the reservation`,
        });
      else outcomes.set(reservation.sequence, { kind: 'pending' });
    }
    return outcomes;
  }
}
