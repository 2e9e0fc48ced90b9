import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  COMPLAINT_EVENT_SCHEMA_VERSIONS,
  ComplaintCommand,
  complaintStreamId,
  ComplaintState,
  decide,
  DecisionContext,
  isDomainError,
} from '@app/domain';
import { appendChained, EventStore, tailOf, WrongExpectedRevisionError } from '@app/event-store';
import { PersonalDataVault } from '@app/security';
import { randomUUID } from 'node:crypto';
import { ApplicationError, CommandRejected } from '../../application/errors';
import { OfficerRosters } from '../../auth/officer-roster';
import { AppConfig } from '../../config/app-config';
import { CommandRequest } from '../../http/request-context';
import { APP_CONFIG, Clock, CLOCK, EVENT_STORE } from '../../infrastructure/tokens';
import { foldRecorded, metadataOf } from '../complaint-events';
import { CommandResult } from './command-result';

export interface CommandIdentity {
  commandId: string;
  now: Date;
}

/**
 * Runs a command against one complaint, the event-sourced way: read the stream, fold it, decide,
 * append with the revision read. A concurrent writer makes the append fail (409), never a lost update.
 */
@Injectable()
export class ComplaintCommandService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly vault: PersonalDataVault,
    private readonly rosters: OfficerRosters,
  ) {}

  decisionContext(now: Date, actor: Actor): DecisionContext {
    return {
      now,
      actor,
      deadlinePolicy: this.config.deadlinePolicy,
      categories: this.config.categories,
      compensationApproval: this.config.compensationApproval,
      officers: this.rosters.current(),
      rootCauses: this.config.rootCauses,
    };
  }

  async handle(
    complaintId: string,
    request: CommandRequest & { requestHash: string },
    buildCommand: (state: ComplaintState, identity: CommandIdentity) => ComplaintCommand | Promise<ComplaintCommand>,
    options: { createsComplaint?: boolean } = {},
  ): Promise<CommandResult> {
    const streamId = complaintStreamId(complaintId);
    const commandId = request.idempotencyKey ?? randomUUID();
    const events = await this.store.readStream(streamId);

    // An idempotent retry finds its own events in the stream: answer as the first time did.
    const earlier = events.filter((event) => metadataOf(event).commandId === commandId);
    if (earlier.length > 0) {
      if (metadataOf(earlier[0]).requestHash !== request.requestHash)
        throw new ApplicationError('idempotency-key-reused', 'This Idempotency-Key was used for a different request.');
      const last = earlier[earlier.length - 1];
      return { complaintId, revision: last.revision.toString(), position: last.position.toString(), replayed: true };
    }
    if (events.length === 0 && !options.createsComplaint)
      throw new ApplicationError('complaint-not-found', `No complaint ${complaintId}.`);
    const tail = tailOf(events);
    if (request.ifMatch !== undefined && tail?.revision !== request.ifMatch)
      throw new ApplicationError('stale-revision', 'The complaint changed since the revision given in If-Match.', {
        current: tail?.revision.toString(),
      });

    const now = this.clock.now();
    const state = foldRecorded(events);
    const command = await buildCommand(state, { commandId, now });
    const decision = decide(command, state, this.decisionContext(now, request.actor));
    if (isDomainError(decision)) throw new CommandRejected(decision);

    try {
      const result = await appendChained(
        this.store,
        streamId,
        tail,
        // Sealed before chaining, so the hash chain covers the ciphertext and an erasure never breaks it.
        await this.vault.seal(
          decision.map((event) => ({ ...event, schemaVersion: COMPLAINT_EVENT_SCHEMA_VERSIONS[event.type] })),
          now,
        ),
        {
          commandId,
          correlationId: request.correlationId,
          causationId: commandId,
          actor: request.actor,
          occurredAt: occurredAt(command, now),
          recordedAt: now.toISOString(),
          requestHash: request.requestHash,
        },
      );
      return {
        complaintId,
        revision: result.nextExpectedRevision.toString(),
        position: result.position.toString(),
        replayed: false,
      };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError)
        throw new ApplicationError('concurrent-change', 'Someone else changed this complaint at the same time; read it again and retry.');
      throw error;
    }
  }
}

/** Business time: when it happened in the world, where the command says so; otherwise now. */
const occurredAt = (command: ComplaintCommand, now: Date): string => {
  const stated =
    command.type === 'ReceiveComplaint'
      ? command.data.receivedAt
      : command.type === 'RecordFollowUp' || command.type === 'RecordContact'
        ? command.data.contactedAt
        : command.type === 'ExtendAnswerDeadline'
          ? command.data.customerInformedAt
          : undefined;
  return stated ?? now.toISOString();
};
