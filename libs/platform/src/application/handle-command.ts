import { Decider } from '@app/domain';
import { AppendResult, chainEvents, CommandEnvelope, EventData, EventStore, RecordedEvent, StreamTail, tailOf, WrongExpectedRevisionError } from '@app/event-store';
import { setTimeout as sleep } from 'node:timers/promises';

/** How a handler meets a concurrent writer on the same stream: decide again on what it wrote, up to `attempts` times. */
export interface RetryPolicy {
  attempts: number;
  /** The pause before attempt n + 1 (jitter spreads contenders out). */
  pauseMs(attempt: number): number;
}

/**
 * The one retry policy of the ledger's own streams (register years, the access trail, an erasure): under
 * contention every round lets one writer through; the bound only stops a livelock.
 */
export const RETRY_ON_CONFLICT: RetryPolicy = { attempts: 200, pauseMs: (attempt) => Math.random() * Math.min(attempt, 10) };

/** A client's command on a case is decided on the state the client saw: a concurrent change is the client's to resolve (409). */
export const CLIENT_RESOLVES_CONFLICTS: RetryPolicy = { attempts: 1, pauseMs: () => 0 };

/** What one command on one stream needs besides the store. */
export interface CommandHandling<Command, Event extends { type: string; data: unknown }, State, Context, Rejection> {
  decider: Decider<Command, Event, State, Context, Rejection>;
  streamId: string;
  /** `tail` where the last event carries the whole state (the register years), or nothing is folded (the access trail). */
  read: 'stream' | 'tail';
  /** Which recorded events the decider folds (a stream may hold types it does not know). */
  folds?(event: RecordedEvent): boolean;
  /**
   * The command, from what was read: it may look at other streams, refuse by throwing, or answer
   * `undefined` when there is nothing to do (an idempotent retry that finds its own events).
   */
  command(state: State, events: RecordedEvent[], attempt: number): Command | undefined | Promise<Command | undefined>;
  context(command: Command): Context;
  /** What a decision leaves to the application, done only once it is decided (the register number of a registration). */
  complete?(events: Event[], command: Command): Promise<Event[]>;
  schemaVersion(event: Event): number;
  /** Sealing before chaining, so the hash chain covers the ciphertext and an erasure never breaks it. */
  seal?(events: Array<Event & { schemaVersion: number }>): Promise<Array<{ type: string; data: unknown; schemaVersion: number }>>;
  /** Who, when and why for each event (the access trail's reads each have their own actor). */
  envelope(command: Command, event: Event, index: number): CommandEnvelope;
  retry: RetryPolicy;
}

export type Handled<Command, Event, State, Rejection> =
  | { outcome: 'appended'; command: Command; events: Event[]; state: State; read: RecordedEvent[]; append: AppendResult }
  | { outcome: 'unchanged'; command?: Command; state: State; read: RecordedEvent[] }
  | { outcome: 'rejected'; command: Command; rejection: Rejection; state: State; read: RecordedEvent[] };

const asDomainEvent = <Event>(event: RecordedEvent): Event => ({ type: event.type, data: event.data }) as Event;

/**
 * The one way the ledger writes: read the stream, fold it, decide, seal, append with the revision read
 * (chained to its tail), and on a concurrent append start again by the declared retry policy. A conflict
 * left after the last attempt is thrown (WrongExpectedRevisionError) for the caller to name.
 */
export const handleCommand = async <Command, Event extends { type: string; data: unknown }, State, Context, Rejection>(
  store: EventStore,
  handling: CommandHandling<Command, Event, State, Context, Rejection>,
): Promise<Handled<Command, Event, State, Rejection>> => {
  const { decider, streamId } = handling;
  for (let attempt = 1; ; attempt++) {
    const read =
      handling.read === 'tail' ? await store.readStream(streamId, { direction: 'backwards', fromRevision: 'end', maxCount: 1 }) : await store.readStream(streamId);
    let state = decider.initialState();
    for (const event of read) if (handling.folds?.(event) ?? true) state = decider.evolve(state, asDomainEvent<Event>(event));
    const command = await handling.command(state, read, attempt);
    if (command === undefined) return { outcome: 'unchanged', state, read };
    const decision = decider.decide(command, state, handling.context(command));
    if (!Array.isArray(decision)) return { outcome: 'rejected', command, rejection: decision, state, read };
    if ((decision as Event[]).length === 0) return { outcome: 'unchanged', command, state, read };
    const events = handling.complete ? await handling.complete(decision as Event[], command) : (decision as Event[]);
    const versioned = events.map((event) => ({ ...event, schemaVersion: handling.schemaVersion(event) }));
    const sealed = handling.seal ? await handling.seal(versioned) : versioned;
    try {
      const append = await store.appendToStream(streamId, chain(streamId, tailOf(read), sealed, (index) => handling.envelope(command, events[index], index)), {
        expectedRevision: tailOf(read)?.revision ?? 'no_stream',
      });
      for (const event of events) state = decider.evolve(state, event);
      return { outcome: 'appended', command, events, state, read, append };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= handling.retry.attempts) throw error;
      await sleep(handling.retry.pauseMs(attempt));
    }
  }
};

/** Chains the events after the tail read, each with its own envelope. */
const chain = (
  streamId: string,
  tail: StreamTail,
  events: ReadonlyArray<{ type: string; data: unknown; schemaVersion: number }>,
  envelopeOf: (index: number) => CommandEnvelope,
): EventData[] => {
  const chained: EventData[] = [];
  let link = tail;
  events.forEach((event, index) => {
    const [next] = chainEvents(streamId, link, [event], envelopeOf(index));
    chained.push(next);
    link = { revision: (link?.revision ?? -1n) + 1n, hash: String((next.metadata as { hash: string }).hash) };
  });
  return chained;
};
