/**
 * A generated ledger written straight into an EventStore (no HTTP, for speed). The complaint histories come from the
 * one complaint generator (@app/domain/testing: every command decided by the domain's `decide`); this file numbers
 * them, seals and hash-chains their events as the application does, and appends them.
 *
 * Register numbers are handed out sequentially per year of registration, in the order of the
 * registrations' (simulated) times, and each is reserved first by a RegisterNumberReserved event on
 * `register-YYYY` with the snapshot the application would write (the previous reservation having been
 * used, the open reservations are just the new one). A registration is numbered once every registration
 * before it in time is known: the next complaint received bounds every later registration.
 *
 * Each command is one append (as the application's command handler makes it). Commands are appended
 * in the order they happened in simulated time (so `$all` interleaves the complaints as a real
 * register does), with up to `concurrency` appends in flight so that they share the store's group
 * commits. Deciding and hashing can run in a worker thread (`workerThread`) while this thread appends.
 *
 * The same seed gives the same ledger (ids, texts, times, numbers, hashes) on every machine and in
 * either mode; only the store's own `recordedAt` column and the interleaving of streams in `$all`
 * depend on the run.
 */
import {
  COMPLAINT_EVENT_SCHEMA_VERSIONS,
  ComplaintStatus,
  complaintStreamId,
  COMPLAINT_STATUSES,
  OpenReservation,
  REGISTER_EVENT_SCHEMA_VERSIONS,
  RegisterEvent,
  RegisterNumberReserved,
  registerStreamId,
  registerYearFromTail,
} from '@app/domain';
import { DAY, generateCase, GeneratedCase, HOUR, instantOf, numberRegistration, receiptTimes, seededRandom } from '@app/domain/testing';
import { chainEvents, EventData, EventMetadata, EventStore, StreamTail, tailOf } from '@app/event-store';
import { sealEvent } from '@app/security';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

export interface LedgerOptions {
  /** How many complaints to generate. */
  complaints: number;
  seed: number;
  /** Complaints are received in [from, to): ISO dates or instants (UTC). */
  from: string;
  to: string;
  /** Nothing happens after this instant (default: `to`): recent complaints are still open. */
  now?: string;
  /** Appends in flight at once (a complaint's commands still one after another). Default 128. */
  concurrency?: number;
  /** Also reserve each register number on `register-YYYY` before the registration (default true). */
  registerStreams?: boolean;
  /** Decide and hash in a worker thread while this thread only appends (about twice as fast on two cores). */
  workerThread?: boolean;
  /**
   * Seal every personal field as the API writes it (PersonalDataVault's sealEvent, before chaining), each
   * complaint under a data key of its own; the keys come back in the summary (`keys`). Default false.
   */
  sealed?: boolean;
  /** Called about every `progressEvery` events appended. */
  onProgress?: (progress: { events: number; complaints: number; seconds: number }) => void;
  progressEvery?: number;
}

export interface LedgerSummary {
  /** Complaints received (and written): all of them unless `now` lies before `to`. */
  complaints: number;
  /** Every event appended, register events included. */
  events: number;
  complaintEvents: number;
  registerEvents: number;
  /** appendToStream calls: one per command, one per batch of register reservations. */
  appends: number;
  perStatus: Record<ComplaintStatus, number>;
  perEventType: Record<string, number>;
  /** The last register number per year, e.g. { 2025: 1234 }; numbers are gapless from 1. */
  registerNumbers: Record<number, number>;
  spread: {
    categories: Record<string, number>;
    severities: Record<string, number>;
    verdicts: Record<string, number>;
    waived: number;
    answersOnTime: number;
    answersLate: number;
    extensions: number;
    reassignments: number;
    compensationsByCurrency: Record<string, number>;
    satisfaction: Record<number, number>;
    reopened: number;
    withdrawn: number;
  };
  /** With `sealed`: each complaint's data key (its subject is the complaintId), to put in a key store. */
  keys?: Array<{ subject: string; key: Buffer; createdAt: string }>;
  /** Wall-clock time of the whole generation and its rate (events appended per second). */
  seconds: number;
  eventsPerSecond: number;
}

// ---------------------------------------------------------------------------------------------
// Producing: histories numbered and hash-chained, ready to append (pure CPU, no I/O)

/** Where a year's register stood in the store before the generation. */
interface RegisterStart {
  year: number;
  /** The tail of register-YYYY (revision as a decimal string), or null when the stream does not exist. */
  tail: { revision: string; hash: string } | null;
  lastSequence: number;
}

/** What the writer appends for one complaint: each command's chained events, in order, and when it was decided. */
interface CaseWrites {
  streamId: string;
  commands: EventData[][];
  /** The simulated moment of each command (its events' recordedAt), in ms. */
  times: number[];
  /** The reservation on register-YYYY that must be written before `commands[beforeCommand]`. */
  reservation?: { year: number; sequence: number; event: EventData; beforeCommand: number };
}

/**
 * Complaints ready to append, and how far the producer has got: every complaint with an event before
 * `front` minus MAX_REGISTRATION_DELAY has been handed over (a complaint waits only for its number,
 * and registers at most that long after its receipt, which is never after `front`).
 */
interface ProducedBatch {
  cases: CaseWrites[];
  front: number;
}

interface ProducerOptions {
  complaints: number;
  seed: number;
  from: number;
  to: number;
  horizon: number;
  registerStreams: boolean;
  registers: RegisterStart[];
  sealed: boolean;
}

type Tally = Pick<LedgerSummary, 'complaints' | 'perStatus' | 'perEventType' | 'registerNumbers' | 'spread' | 'keys'>;

const emptyTally = (): Tally => ({
  complaints: 0,
  perStatus: Object.fromEntries(COMPLAINT_STATUSES.map((s) => [s, 0])) as Record<ComplaintStatus, number>,
  perEventType: {},
  registerNumbers: {},
  spread: {
    categories: {},
    severities: {},
    verdicts: {},
    waived: 0,
    answersOnTime: 0,
    answersLate: 0,
    extensions: 0,
    reassignments: 0,
    compensationsByCurrency: {},
    satisfaction: {},
    reopened: 0,
    withdrawn: 0,
  },
});

/**
 * Generates the complaints in the order of receipt, numbers their registrations in the order of
 * registration (a registration is numbered once the next receipt lies after it: every later
 * registration follows its own receipt), and chains every command's events, reservations included.
 */
class LedgerProducer {
  readonly tally = emptyTally();
  private readonly receipts: Float64Array;
  private readonly registers = new Map<number, { tail: StreamTail; lastSequence: number }>();
  private readonly waiting: GeneratedCase[] = [];
  private readonly ready: CaseWrites[] = [];
  private index = 0;

  constructor(private readonly options: ProducerOptions) {
    this.receipts = receiptTimes(seededRandom(options.seed), options.complaints, options.from, options.to);
    for (const { year, tail, lastSequence } of options.registers)
      this.registers.set(year, { tail: tail ? { revision: BigInt(tail.revision), hash: tail.hash } : undefined, lastSequence });
  }

  get done(): boolean {
    return this.index >= this.options.complaints && this.waiting.length === 0 && this.ready.length === 0;
  }

  /** The receipt of the last complaint generated: every registration before it is numbered and handed over. */
  get front(): number {
    if (this.index >= this.options.complaints) return Infinity;
    return this.index > 0 ? this.receipts[this.index - 1] : this.options.from;
  }

  /** Every complaint ready to append: at least `count` (fewer only at the end), and the front reached. */
  produce(count: number): ProducedBatch {
    while (this.ready.length < count && this.index < this.options.complaints) {
      const receivedAt = this.receipts[this.index];
      // Every registration before this receipt is known: later complaints register after their receipt.
      this.numberUpTo(receivedAt);
      const generated = generateCase(this.index++, this.options.seed, receivedAt, this.options.horizon);
      if (generated.finalStatus === 'none') continue; // received after the horizon: never happened
      this.count(generated);
      if (generated.registration) this.waiting.push(generated);
      else this.ready.push(this.chain(generated));
    }
    if (this.index >= this.options.complaints) this.numberUpTo(Infinity);
    return { cases: this.ready.splice(0), front: this.front };
  }

  private numberUpTo(front: number): void {
    if (this.waiting.length === 0) return;
    const at = (g: GeneratedCase) => (g.registration as NonNullable<GeneratedCase['registration']>).at;
    this.waiting.sort((a, b) => at(a) - at(b) || a.index - b.index);
    let n = 0;
    while (n < this.waiting.length && at(this.waiting[n]) < front) n++;
    for (const generated of this.waiting.splice(0, n)) this.ready.push(this.chain(generated));
  }

  /** Numbers the registration (if any), reserves the number, and chains every command of the case. */
  private chain(generated: GeneratedCase): CaseWrites {
    const streamId = complaintStreamId(generated.complaintId);
    let reservation: CaseWrites['reservation'];
    const registration = generated.registration;
    if (registration) {
      const register = this.registers.get(registration.year);
      if (!register) throw new Error(`ledger generator: no register for ${registration.year}`);
      const sequence = ++register.lastSequence;
      const registerNumber = numberRegistration(generated, sequence);
      this.tally.registerNumbers[registration.year] = sequence;
      if (this.options.registerStreams) {
        // As the application reserves: the previous reservation was used, so the open ones are just this one.
        const reservedAt = new Date(registration.at).toISOString();
        const open: OpenReservation = { registerNumber, sequence, complaintId: generated.complaintId, commandId: registration.commandId, reservedAt };
        const event: RegisterNumberReserved = { type: 'RegisterNumberReserved', data: { ...open, year: registration.year, openReservations: [open] } };
        const [data] = chainEvents(registerStreamId(registration.year), register.tail, [{ ...event, schemaVersion: REGISTER_EVENT_SCHEMA_VERSIONS[event.type] }], {
          commandId: registration.commandId,
          correlationId: registration.correlationId,
          causationId: registration.commandId,
          actor: registration.actor,
          occurredAt: reservedAt,
          recordedAt: reservedAt,
        });
        register.tail = { revision: (register.tail?.revision ?? -1n) + 1n, hash: hashOf(data) };
        reservation = { year: registration.year, sequence, event: data, beforeCommand: registration.stepIndex };
      }
    }
    // What appendChained does, command by command, keeping each tail so that the next command links on.
    let tail: StreamTail;
    const key = this.options.sealed ? this.keyOf(generated.complaintId, generated.steps[0].envelope.recordedAt) : undefined;
    const commands = generated.steps.map((step) => {
      const events = chainEvents(
        streamId,
        tail,
        step.events.map((event) => {
          const versioned = { ...event, schemaVersion: COMPLAINT_EVENT_SCHEMA_VERSIONS[event.type] };
          // Sealed before chaining, as the API does: the hash chain covers the ciphertext.
          return key ? sealEvent(versioned, key) : versioned;
        }),
        step.envelope,
      );
      tail = { revision: (tail?.revision ?? -1n) + BigInt(events.length), hash: hashOf(events[events.length - 1]) };
      return events;
    });
    return { streamId, commands, times: generated.steps.map((step) => Date.parse(step.envelope.recordedAt)), reservation };
  }

  /** The complaint's data key: random, as the key store makes one, and kept for the summary. */
  private keyOf(subject: string, createdAt: string): Buffer {
    const key = randomBytes(32);
    (this.tally.keys ??= []).push({ subject, key, createdAt });
    return key;
  }

  private count(generated: GeneratedCase): void {
    const { tally } = this;
    const add = (record: Record<string | number, number>, key: string | number) => (record[key] = (record[key] ?? 0) + 1);
    tally.complaints += 1;
    tally.perStatus[generated.finalStatus as ComplaintStatus] += 1;
    tally.spread.answersLate += generated.lateAnswers;
    tally.spread.answersOnTime += generated.onTimeAnswers;
    for (const { events } of generated.steps)
      for (const event of events) {
        add(tally.perEventType, event.type);
        if (event.type === 'ComplaintRegistered') {
          add(tally.spread.categories, event.data.category);
          add(tally.spread.severities, event.data.severity);
        } else if (event.type === 'ComplaintInvestigated') add(tally.spread.verdicts, event.data.verdict);
        else if (event.type === 'InvestigationWaived') tally.spread.waived++;
        else if (event.type === 'AnswerDeadlineExtended') tally.spread.extensions++;
        else if (event.type === 'ComplaintReassigned') tally.spread.reassignments++;
        else if (event.type === 'ComplaintCompensated') add(tally.spread.compensationsByCurrency, event.data.amount?.currency ?? 'none');
        else if (event.type === 'FollowUpRecorded') add(tally.spread.satisfaction, event.data.satisfaction);
        else if (event.type === 'ComplaintReopened') tally.spread.reopened++;
        else if (event.type === 'ComplaintWithdrawn') tally.spread.withdrawn++;
      }
  }
}

const hashOf = (event: EventData): string => (event.metadata as unknown as EventMetadata).hash;

/** Batches of ready complaints, from this thread or from a worker thread. */
interface CaseSource {
  next(): Promise<ProducedBatch | null>;
  tally(): Promise<Tally>;
  close(): Promise<void>;
}

const BATCH = 128;
/** About this many events per chronological window of appends. */
const WINDOW_EVENTS = 1_000;
/** A complaint registers at most this long after its receipt (entered ≤ 72 h late, registered ≤ 7 days later). */
const MAX_REGISTRATION_DELAY = 11 * DAY;

const inThisThread = (options: ProducerOptions): CaseSource => {
  const producer = new LedgerProducer(options);
  return {
    next: async () => (producer.done ? null : producer.produce(BATCH)),
    tally: async () => producer.tally,
    close: async () => undefined,
  };
};

type ToWorker = { type: 'more' };
type FromWorker = { type: 'batch'; batch: ProducedBatch } | { type: 'end'; tally: Tally } | { type: 'error'; message: string };

/**
 * The producer in a worker thread: deciding and hashing (most of the CPU) run beside the writer,
 * which only appends. The worker keeps a few batches ahead of the writer.
 */
const inWorkerThread = (options: ProducerOptions): CaseSource => {
  const ts = __filename.endsWith('.ts');
  const worker = new Worker(__filename, {
    workerData: { ledgerProducer: options },
    // Loaded from TypeScript sources (ts-node, jest): the worker compiles them the same way.
    execArgv: ts ? ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'] : [],
    env: ts ? { ...process.env, TS_NODE_PROJECT: join(__dirname, '..', '..', 'tsconfig.json') } : process.env,
  });
  const batches: ProducedBatch[] = [];
  const waiters: Array<() => void> = [];
  let tally: Tally | undefined;
  let failure: Error | undefined;
  const wake = () => waiters.splice(0).forEach((resolve) => resolve());
  worker.on('message', (message: FromWorker) => {
    if (message.type === 'batch') batches.push(message.batch);
    else if (message.type === 'end') tally = message.tally;
    else failure = new Error(`ledger generator worker: ${message.message}`);
    wake();
  });
  worker.on('error', (error) => {
    failure = error;
    wake();
  });
  worker.on('exit', (code) => {
    if (tally === undefined && failure === undefined) failure = new Error(`ledger generator worker exited with ${code}`);
    wake();
  });
  const ask = () => worker.postMessage({ type: 'more' } satisfies ToWorker);
  for (let i = 0; i < 4; i++) ask(); // keep four batches in flight
  const arrival = () => new Promise<void>((resolve) => waiters.push(resolve));
  return {
    next: async () => {
      for (;;) {
        if (failure) throw failure;
        const batch = batches.shift();
        if (batch) {
          ask();
          return batch;
        }
        if (tally) return null;
        await arrival();
      }
    },
    tally: async () => {
      while (!tally && !failure) await arrival();
      if (failure) throw failure;
      return tally as Tally;
    },
    close: async () => {
      await worker.terminate();
    },
  };
};

if (!isMainThread && (workerData as { ledgerProducer?: ProducerOptions } | null)?.ledgerProducer) {
  const producer = new LedgerProducer((workerData as { ledgerProducer: ProducerOptions }).ledgerProducer);
  const port = parentPort as NonNullable<typeof parentPort>;
  port.on('message', (message: ToWorker) => {
    if (message.type !== 'more') return;
    try {
      if (producer.done) {
        port.postMessage({ type: 'end', tally: producer.tally } satisfies FromWorker);
        port.close();
        return;
      }
      port.postMessage({ type: 'batch', batch: producer.produce(BATCH) } satisfies FromWorker);
    } catch (error) {
      port.postMessage({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies FromWorker);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Writing into the store

/**
 * Generates `complaints` complaint histories received between `from` and `to` and appends them to
 * `store`: each command of a complaint as one hash-chained append (as the application's command
 * handler does), in the order the commands happened, up to `concurrency` appends at a time so that
 * they share group commits. With `workerThread`, deciding and hashing run in a worker thread while
 * this thread appends.
 */
export const generateLedger = async (store: EventStore, options: LedgerOptions): Promise<LedgerSummary> => {
  const started = performance.now();
  const from = instantOf(options.from, 'from');
  const to = instantOf(options.to, 'to');
  const horizon = options.now === undefined ? to : instantOf(options.now, 'now');
  if (!(to > from)) throw new RangeError('ledger generator: `to` must lie after `from`');
  const concurrency = options.concurrency ?? 128;
  const progressEvery = options.progressEvery ?? 50_000;

  // The register of each year continues from what the store already holds.
  interface Register {
    year: number;
    /** The last revision written to the store. */
    written: bigint | undefined;
  }
  const registers = new Map<number, Register>();
  const starts: RegisterStart[] = [];
  for (let year = new Date(from).getUTCFullYear(); year <= new Date(horizon).getUTCFullYear(); year++) {
    const last = await store.readStream(registerStreamId(year), { direction: 'backwards', maxCount: 1 });
    const tail = tailOf(last);
    starts.push({
      year,
      tail: tail ? { revision: tail.revision.toString(), hash: tail.hash } : null,
      lastSequence: registerYearFromTail(year, last[0] as unknown as RegisterEvent | undefined).lastSequence,
    });
    registers.set(year, { year, written: tail?.revision });
  }
  const producerOptions: ProducerOptions = {
    complaints: options.complaints,
    seed: options.seed,
    from,
    to,
    horizon,
    registerStreams: options.registerStreams ?? true,
    registers: starts,
    sealed: options.sealed ?? false,
  };
  const source = options.workerThread ? inWorkerThread(producerOptions) : inThisThread(producerOptions);

  const written = { events: 0, complaintEvents: 0, registerEvents: 0, appends: 0, complaints: 0 };
  let lastProgress = 0;
  const appended = (events: number) => {
    written.events += events;
    written.appends += 1;
    if (options.onProgress && written.events - lastProgress >= progressEvery) {
      lastProgress = written.events;
      options.onProgress({ events: written.events, complaints: written.complaints, seconds: (performance.now() - started) / 1000 });
    }
  };

  // Commands are appended in the order they happened, window by window of simulated time (about
  // WINDOW_EVENTS events each), as a ledger fills: `$all` interleaves the complaints as their commands
  // happened. No window waits for the one before: each command waits only for its complaint's previous
  // command (and a registration for its number's reservation), and at most `concurrency` appends are in
  // flight, taken in the order they were issued, so that they share the store's group commits.
  interface Pending {
    writes: CaseWrites;
    /** The revision the stream will have reached once the commands issued so far are appended, -1 before. */
    revision: number;
    /** The append of the command issued last. */
    last: Promise<void>;
  }
  const estimatedEvents = Math.max(1, options.complaints * 7);
  const windowMs = Math.max(HOUR, Math.ceil(((horizon - from) * WINDOW_EVENTS) / estimatedEvents));
  const windowOf = (time: number) => Math.max(0, Math.floor((time - from) / windowMs));
  const windows = new Map<number, Array<{ pending: Pending; command: number; time: number }>>();
  let front = -Infinity;
  const pull = async (): Promise<void> => {
    const batch = await source.next();
    if (batch === null) {
      front = Infinity;
      return;
    }
    front = batch.front;
    for (const writes of batch.cases) {
      const pending: Pending = { writes, revision: -1, last: Promise.resolve() };
      writes.times.forEach((time, command) => {
        const window = windowOf(time);
        const entries = windows.get(window) ?? [];
        entries.push({ pending, command, time });
        windows.set(window, entries);
      });
    }
  };

  // At most `concurrency` appends at a time, granted in the order asked for.
  let free = concurrency;
  const queue: Array<() => void> = [];
  const slot = (): Promise<void> => {
    if (free > 0) {
      free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => queue.push(resolve));
  };
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else free++;
  };
  let failure: unknown;
  let issued = 0;
  let settled = 0;
  let onSettled: (() => void) | undefined;
  const task = (work: () => Promise<void>): Promise<void> => {
    issued++;
    return work()
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => {
        settled++;
        onSettled?.();
      });
  };
  const backlogBelow = async (limit: number) => {
    while (issued - settled > limit) await new Promise<void>((resolve) => (onSettled = resolve));
    onSettled = undefined;
  };
  const appendOnce = async (streamId: string, events: EventData[], expectedRevision: bigint | 'no_stream') => {
    await slot();
    try {
      return await store.appendToStream(streamId, events, { expectedRevision });
    } finally {
      release();
    }
  };

  const registerWrites = new Map<number, Promise<void>>();
  const issueWindow = (entries: Array<{ pending: Pending; command: number; time: number }>): void => {
    entries.sort((a, b) => a.time - b.time || a.command - b.command);
    // The numbers reserved in this window, in the order they were chained: one append per year, after the year's previous one.
    const reservations = entries
      .filter(({ pending, command }) => pending.writes.reservation?.beforeCommand === command)
      .map(({ pending }) => pending.writes.reservation as NonNullable<CaseWrites['reservation']>)
      .sort((a, b) => a.year - b.year || a.sequence - b.sequence);
    const reserved = new Map<number, Promise<void>>();
    for (const year of new Set(reservations.map((r) => r.year))) {
      const batch = reservations.filter((r) => r.year === year);
      const register = registers.get(year) as Register;
      const reservationsWritten = (registerWrites.get(year) ?? Promise.resolve()).then(() =>
        task(async () => {
          if (failure !== undefined) return;
          const result = await appendOnce(registerStreamId(year), batch.map((r) => r.event), register.written ?? 'no_stream');
          register.written = result.nextExpectedRevision;
          written.registerEvents += batch.length;
          appended(batch.length);
        }),
      );
      registerWrites.set(year, reservationsWritten);
      reserved.set(year, reservationsWritten);
    }
    for (const { pending, command } of entries) {
      const events = pending.writes.commands[command];
      const previous = pending.last;
      const expectedRevision = pending.revision < 0 ? ('no_stream' as const) : BigInt(pending.revision);
      pending.revision += events.length;
      const reservation = pending.writes.reservation?.beforeCommand === command ? reserved.get(pending.writes.reservation.year) : undefined;
      pending.last = task(async () => {
        await previous;
        if (reservation) await reservation;
        if (failure !== undefined) return;
        await appendOnce(pending.writes.streamId, events, expectedRevision);
        written.complaintEvents += events.length;
        appended(events.length);
        if (command === pending.writes.commands.length - 1) written.complaints += 1;
      });
    }
  };

  try {
    for (let window = 0; failure === undefined; window++) {
      // Every complaint with a command in this window has been handed over once the producer is this far.
      while (front !== Infinity && front <= from + (window + 1) * windowMs + MAX_REGISTRATION_DELAY) await pull();
      if (front === Infinity && windows.size === 0) break;
      const entries = windows.get(window);
      windows.delete(window);
      if (entries) issueWindow(entries);
      await backlogBelow(4 * concurrency);
    }
    await backlogBelow(0);
    if (failure !== undefined) throw failure;
    const tally = await source.tally();
    const seconds = (performance.now() - started) / 1000;
    return { ...tally, ...written, complaints: tally.complaints, seconds, eventsPerSecond: Math.round(written.events / seconds) };
  } finally {
    await source.close();
  }
};
