import { Inject, Injectable } from '@nestjs/common';
import {
  Actor,
  COMPLAINT_EVENT_SCHEMA_VERSIONS,
  ComplaintCommand,
  complaintDecider,
  ComplaintEvent,
  complaintStreamId,
  DecisionContext,
  formatRegisterNumber,
  isComplaintEvent,
  ReceiveComplaint,
  RegisterComplaint,
} from '@app/domain';
import { EventStore, RecordedEvent, tailOf, WrongExpectedRevisionError } from '@app/event-store';
import { PersonalDataVault } from '@app/security';
import { randomUUID } from 'node:crypto';
import {
  APP_CONFIG,
  AppConfig,
  ApplicationError,
  CLIENT_RESOLVES_CONFLICTS,
  Clock,
  CLOCK,
  CommandRejected,
  CommandRequest,
  EVENT_STORE,
  handleCommand,
  OfficerRosters,
} from '@app/platform';
import { metadataOf } from '../complaint-events';
import { CommandResult } from './command-result';
import { complaintIdForKey, HandledRequest, handledRequest } from './idempotency';
import { RegisterNumbers } from './register-numbers.service';

export type RegistrationData = Omit<RegisterComplaint['data'], 'registerNumber' | 'complaintId'>;

/** What the application does once a command is decided, before its events are appended (the register number, an evidence file's bytes). */
type Completion = (events: ComplaintEvent[], identity: { commandId: string; now: Date }) => Promise<ComplaintEvent[]>;

/**
 * Runs a client's command against one complaint through the one command handler (handleCommand): read
 * the stream, fold it, decide, seal, append with the revision read. A concurrent writer makes the append
 * fail (409), never a lost update.
 */
@Injectable()
export class ComplaintCommandService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly vault: PersonalDataVault,
    private readonly registerNumbers: RegisterNumbers,
    private readonly rosters: OfficerRosters,
  ) {}

  /**
   * A client's command on a case. `body` is what the client sent: with the command's type, the case and the
   * principal it is the request's fingerprint, which tells an Idempotency-Key replay from a key reused.
   */
  execute(complaintId: string, command: ComplaintCommand, request: CommandRequest, body: object, complete?: Completion): Promise<CommandResult> {
    return this.handle(complaintId, handledRequest(request, command.type, complaintId, body), command, complete);
  }

  /** A new case: under an Idempotency-Key its id is the principal's key's own, so a retry lands on the same case. */
  receive(data: Omit<ReceiveComplaint['data'], 'complaintId'>, request: CommandRequest, body: object): Promise<CommandResult> {
    const complaintId = request.idempotencyKey ? complaintIdForKey(request.actor.id, request.idempotencyKey) : randomUUID();
    return this.execute(complaintId, { type: 'ReceiveComplaint', data: { ...data, complaintId } }, request, body);
  }

  /**
   * Registration is decided once, on a placeholder number; only a registration decided gets a number
   * reserved in the register stream (so no number is taken by one that is refused), which then replaces it.
   */
  async register(complaintId: string, data: RegistrationData, request: CommandRequest, body: object): Promise<CommandResult> {
    let registerNumber: string | undefined;
    const result = await this.execute(
      complaintId,
      { type: 'RegisterComplaint', data: { ...data, complaintId, registerNumber: formatRegisterNumber(this.clock.now().getUTCFullYear(), 1) } },
      request,
      body,
      async (events, { commandId, now }) => {
        registerNumber = await this.registerNumbers.reserve({
          year: now.getUTCFullYear(),
          complaintId,
          commandId,
          now,
          actor: request.actor,
          correlationId: request.correlationId,
        });
        return events.map((event) => (event.type === 'ComplaintRegistered' ? { ...event, data: { ...event.data, registerNumber: registerNumber! } } : event));
      },
    );
    // An idempotent retry appends nothing: the number is the one its first attempt recorded.
    registerNumber ??= (await this.store.readStream(complaintStreamId(complaintId)))
      .map((event) => (event.type === 'ComplaintRegistered' ? (event.data as { registerNumber?: string }).registerNumber : undefined))
      .find((number) => number !== undefined);
    return { ...result, registerNumber };
  }

  /** A command through the one command handler, with the case's own concerns: idempotent replay, If-Match, 404. */
  private async handle(complaintId: string, request: HandledRequest, command: ComplaintCommand, complete?: Completion): Promise<CommandResult> {
    const commandId = request.idempotencyKey ?? randomUUID();
    let now = this.clock.now();
    let replay: CommandResult | undefined;
    try {
      const handled = await handleCommand(this.store, {
        decider: complaintDecider,
        streamId: complaintStreamId(complaintId),
        read: 'stream',
        folds: isComplaintEvent,
        command: (_state, events) => {
          replay = this.replayOf(complaintId, commandId, request, events);
          if (replay) return undefined;
          if (events.length === 0 && command.type !== 'ReceiveComplaint') throw new ApplicationError('complaint-not-found', `No complaint ${complaintId}.`);
          const tail = tailOf(events);
          if (request.ifMatch !== undefined && tail?.revision !== request.ifMatch)
            throw new ApplicationError('stale-revision', 'The complaint changed since the revision given in If-Match.', { current: tail?.revision.toString() });
          now = this.clock.now();
          return command;
        },
        context: () => this.decisionContext(now, request.actor),
        schemaVersion: (event) => COMPLAINT_EVENT_SCHEMA_VERSIONS[event.type],
        complete: complete && ((events) => complete(events, { commandId, now })),
        // Sealed before chaining, so the hash chain covers the ciphertext and an erasure never breaks it.
        seal: (events) => this.vault.seal(events, now),
        envelope: (decided) => ({
          commandId,
          correlationId: request.correlationId,
          causationId: commandId,
          actor: request.actor,
          occurredAt: occurredAt(decided as ComplaintCommand, now),
          recordedAt: now.toISOString(),
          requestHash: request.requestHash,
        }),
        retry: CLIENT_RESOLVES_CONFLICTS,
      });
      if (handled.outcome === 'rejected') throw new CommandRejected(handled.rejection);
      if (handled.outcome === 'unchanged') {
        if (replay) return replay;
        throw new Error(`${handled.command?.type ?? 'The command'} decided no events.`);
      }
      return { complaintId, revision: handled.append.nextExpectedRevision.toString(), position: handled.append.position.toString(), replayed: false };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError)
        throw new ApplicationError('concurrent-change', 'Someone else changed this complaint at the same time; read it again and retry.');
      throw error;
    }
  }

  private decisionContext(now: Date, actor: Actor): DecisionContext {
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

  /** An idempotent retry finds its own events in the stream: answer as the first time did. */
  private replayOf(complaintId: string, commandId: string, request: HandledRequest, events: RecordedEvent[]): CommandResult | undefined {
    const earlier = events.filter((event) => metadataOf(event).commandId === commandId);
    if (earlier.length === 0) return undefined;
    if (metadataOf(earlier[0]).requestHash !== request.requestHash)
      throw new ApplicationError('idempotency-key-reused', 'This Idempotency-Key was used for a different request.');
    const last = earlier[earlier.length - 1];
    return { complaintId, revision: last.revision.toString(), position: last.position.toString(), replayed: true };
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
