import Database, { Database as Db, Statement } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  AllFilter,
  AppendResult,
  EventData,
  EventStore,
  EventStoreUnavailableError,
  ExpectedRevision,
  ReadAheadOptions,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { readAhead } from './read-ahead';
import { EVENT_COLUMNS, EventRow, migrate, prefixParams, selectAllSql, toRecordedEvents } from './schema';

interface PendingAppend {
  streamId: string;
  events: EventData[];
  expectedRevision: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/**
 * The embedded event store: one SQLite file in WAL mode with synchronous=FULL, so an append is
 * acknowledged only once it is on disk. better-sqlite3 is synchronous and each commit waits for an
 * fsync, so appends that arrive in the same turn of the event loop share one transaction (group
 * commit), each inside its own savepoint so that one failed expected-revision check does not roll
 * back the others.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Db;
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly statements;
  private readonly readAllStatements = new Map<string, Statement>();

  constructor(readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path, { timeout: 10_000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    // Each append's savepoint keeps the original of every page it changes (a statement journal); on disk, past
    // 64 KiB, that is a temp file written on every append of a large batch. It never serves crash recovery (the
    // WAL does), so it stays in memory.
    this.db.pragma('temp_store = MEMORY');
    migrate(this.db);
    this.statements = {
      begin: this.db.prepare('BEGIN IMMEDIATE'),
      commit: this.db.prepare('COMMIT'),
      rollback: this.db.prepare('ROLLBACK'),
      savepoint: this.db.prepare('SAVEPOINT append'),
      release: this.db.prepare('RELEASE append'),
      rollbackToSavepoint: this.db.prepare('ROLLBACK TO append'),
      currentRevision: this.db.prepare('SELECT max(revision) AS revision FROM events WHERE stream_id = ?'),
      findEvent: this.db.prepare('SELECT revision FROM events WHERE event_id = ? AND stream_id = ?'),
      eventsFrom: this.db
        .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`)
        .raw(true),
      eventsBackFrom: this.db
        .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`)
        .raw(true),
      insert: this.db.prepare(
        `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
  }

  appendToStream(
    streamId: string,
    events: EventData[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new EventStoreUnavailableError('The event store is closed.'));
    if (events.length === 0) return Promise.reject(new Error('An append needs at least one event.'));
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, events, expectedRevision: options.expectedRevision ?? 'any', resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // setImmediate lets every append issued in this turn (and the I/O callbacks of the next) join the group.
        setImmediate(() => this.flush());
      }
    });
  }

  /** The group commits so far and the appends they carried: how well appends that arrive together share one fsync. */
  readonly groupCommits = { commits: 0, appends: 0 };

  private flush(): void {
    const group = this.queue;
    this.queue = [];
    this.flushScheduled = false;
    const outcomes: Array<{ result?: AppendResult; error?: unknown }> = [];
    try {
      this.statements.begin.run();
      const recordedAt = new Date().toISOString();
      for (const append of group) {
        this.statements.savepoint.run();
        try {
          outcomes.push({ result: this.appendOne(append, recordedAt) });
          this.statements.release.run();
        } catch (error) {
          this.statements.rollbackToSavepoint.run();
          this.statements.release.run();
          outcomes.push({ error });
        }
      }
      this.statements.commit.run();
      this.groupCommits.commits += 1;
      this.groupCommits.appends += group.length;
    } catch (error) {
      if (this.db.inTransaction) this.statements.rollback.run();
      const failure = new EventStoreUnavailableError(`The append could not be committed: ${String(error)}`, error);
      for (const append of group) append.reject(failure);
      return;
    }
    // Acknowledge only now: the group's transaction is durable.
    group.forEach((append, i) => {
      const { result, error } = outcomes[i];
      if (result) append.resolve(result);
      else append.reject(error);
    });
  }

  private appendOne({ streamId, events, expectedRevision }: PendingAppend, recordedAt: string): AppendResult {
    const row = this.statements.currentRevision.get(streamId) as { revision: number | null };
    const current = row.revision === null ? undefined : BigInt(row.revision);

    const duplicate = this.findIdempotentAppend(streamId, events, current, expectedRevision);
    if (duplicate) return duplicate;

    const satisfied =
      expectedRevision === 'any' ||
      (expectedRevision === 'no_stream' && current === undefined) ||
      (expectedRevision === 'stream_exists' && current !== undefined) ||
      (typeof expectedRevision === 'bigint' && current === expectedRevision);
    if (!satisfied) throw new WrongExpectedRevisionError(streamId, expectedRevision, current ?? 'no_stream');

    let revision = current ?? -1n;
    let position = 0n;
    for (const event of events) {
      revision += 1n;
      const info = this.statements.insert.run(
        streamId,
        revision,
        event.eventId,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        recordedAt,
      );
      position = BigInt(info.lastInsertRowid);
    }
    return { nextExpectedRevision: revision, position };
  }

  /**
   * EventStoreDB's idempotent write: re-appending events whose ids are already the stream's events
   * at the revisions the writer expected succeeds without writing them again.
   */
  private findIdempotentAppend(
    streamId: string,
    events: EventData[],
    current: bigint | undefined,
    expectedRevision: ExpectedRevision,
  ): AppendResult | undefined {
    if (current === undefined) return undefined;
    const first = this.statements.findEvent.get(events[0].eventId, streamId) as { revision: number } | undefined;
    if (!first) return undefined;
    const start = BigInt(first.revision);
    const expectedStart =
      expectedRevision === 'no_stream' ? 0n : typeof expectedRevision === 'bigint' ? expectedRevision + 1n : start;
    const stored = this.statements.eventsFrom.all(streamId, start, events.length) as EventRow[];
    const sameEvents = stored.length === events.length && stored.every(([, , , eventId], i) => eventId === events[i].eventId);
    if (!sameEvents || start !== expectedStart)
      throw new WrongExpectedRevisionError(streamId, expectedRevision, current);
    const [position, , revision] = stored[stored.length - 1];
    return { nextExpectedRevision: BigInt(revision), position: BigInt(position) };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const from = options.fromRevision;
    const rows =
      options.direction === 'backwards'
        ? this.statements.eventsBackFrom.all(streamId, typeof from === 'bigint' ? from : Number.MAX_SAFE_INTEGER, maxCount)
        : this.statements.eventsFrom.all(streamId, typeof from === 'bigint' ? from : from === 'end' ? Number.MAX_SAFE_INTEGER : 0, maxCount);
    return toRecordedEvents(rows as EventRow[]);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const from = options.fromPosition;
    const fromEnd = from === 'end' || (from === undefined && backwards);
    const bound = typeof from === 'bigint' ? from : fromEnd ? Number.MAX_SAFE_INTEGER : 0;
    return this.select(backwards ? '<=' : '>=', bound, options.maxCount ?? Number.MAX_SAFE_INTEGER, options.filter);
  }

  private select(comparison: '>=' | '<=', bound: bigint | number, maxCount: number, filter?: AllFilter) {
    const streams = filter?.streamPrefixes ?? [];
    const types = filter?.eventTypePrefixes ?? [];
    const key = `${comparison}|${streams.length}|${types.length}`;
    let statement = this.readAllStatements.get(key);
    if (!statement) {
      statement = this.db.prepare(selectAllSql(comparison, streams.length, types.length)).raw(true);
      this.readAllStatements.set(key, statement);
    }
    return toRecordedEvents(statement.all(bound, ...prefixParams(filter), maxCount) as EventRow[]);
  }

  /** Pages of `$all` after `after`, read ahead in a worker thread (see read-ahead.ts); what readAllPages uses. */
  readAllAhead(options: ReadAheadOptions): AsyncIterable<RecordedEvent[]> {
    this.assertOpen();
    return readAhead(this.path, options);
  }


  async ping(): Promise<void> {
    this.assertOpen();
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.queue.length > 0) this.flush();
    this.closed = true;
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('The event store is closed.');
  }
}


