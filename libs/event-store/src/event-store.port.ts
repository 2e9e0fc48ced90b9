// The EventStore port mirrors EventStoreDB's semantics, so that its adapter stays a thin translation
// and the embedded SQLite adapter stays faithful to it. It reads and writes; it does not push (no
// subscriptions: consumers poll `readAll` from a checkpoint — ADR 0019).

/** A global position in `$all`: opaque, increasing, never dense. Compare positions; never count with them. */
export type Position = bigint;

export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | bigint;

export interface EventData {
  eventId: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

export interface RecordedEvent {
  streamId: string;
  revision: bigint;
  position: Position;
  eventId: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recordedAt: Date;
}

export interface AppendResult {
  /** The revision of the stream's last event after the append. */
  nextExpectedRevision: bigint;
  /** The position of the append's last event in `$all`. */
  position: Position;
}

export interface ReadStreamOptions {
  fromRevision?: bigint | 'start' | 'end';
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
}

export interface AllFilter {
  /** Only streams whose id starts with one of these. */
  streamPrefixes?: string[];
  /** Only events whose type starts with one of these. */
  eventTypePrefixes?: string[];
}

export interface ReadAllOptions {
  /** Inclusive, as in EventStoreDB: reading from a position includes the event at it. */
  fromPosition?: Position | 'start' | 'end';
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
  filter?: AllFilter;
}

export interface ReadAheadOptions {
  after?: Position;
  pageSize: number;
  filter?: AllFilter;
  /** Work on each page done by the reading thread, before the page is handed over (where the store reads in one). */
  open?: PageOpener;
}

/**
 * A transformation of pages that another thread can run: the module it loads (exporting
 * `pageOpener(options)`, which returns `(events) => Promise<{ events, notes }>`) and the options, which
 * cross threads as data. What the thread reports beside the events (`notes`) is handed to `onNotes` here.
 * Used to open sealed personal data beside the read of a long pass, not after it on the caller's thread.
 */
export interface PageOpener {
  module: string;
  options: unknown;
  onNotes?: (notes: string[]) => void;
}

/** What a PageOpener's module exports. */
export type PageOpenerFactory = (options: unknown) => (events: RecordedEvent[]) => Promise<{ events: RecordedEvent[]; notes: string[] }>;

export interface EventStore {
  appendToStream(streamId: string, events: EventData[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult>;
  /** The stream's events; an empty array when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Optional: the events after `after`, forwards, in pages (the last one short), read ahead where the
   * store can. For long sequential reads; use it through readAllPages, which falls back on readAll.
   */
  readAllAhead?(options: ReadAheadOptions): AsyncIterable<RecordedEvent[]>;
  /** Whether the store answers; for health checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The stream is not at the revision the writer expected: someone else wrote first. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`Stream ${streamId} is at revision ${String(actual)}, the writer expected ${String(expected)}.`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** The store cannot be reached or failed; the request may be retried. */
export class EventStoreUnavailableError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'EventStoreUnavailableError';
  }
}

export const matchesFilter = (filter: AllFilter | undefined, streamId: string, type: string): boolean =>
  !filter ||
  ((!filter.streamPrefixes || filter.streamPrefixes.some((p) => streamId.startsWith(p))) &&
    (!filter.eventTypePrefixes || filter.eventTypePrefixes.some((p) => type.startsWith(p))));
