import Database from 'better-sqlite3';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { AllFilter, EventStoreUnavailableError, Position, RecordedEvent } from '../event-store.port';
import { EventRow, prefixParams, selectAllSql, toRecordedEvents } from './schema';

// A long forward read of `$all` (a rebuild's, a verification's) in two threads: a worker steps SQLite
// through the next pages while this thread works on the current one. Rows cross as arrays (EventRow);
// parsing them stays here, where the events are used.

interface Job {
  path: string;
  /** The position to read after, as a decimal string (-1: from the start). */
  after: string;
  pageSize: number;
  filter?: AllFilter;
}

/** Pages asked for before the first one is used: enough to keep the worker busy, few enough to hold little memory. */
const AHEAD = 2;

/** The events after `options.after`, forwards, in pages of `pageSize`; ends after the first short page. */
export async function* readAhead(path: string, options: { after?: Position; pageSize: number; filter?: AllFilter }): AsyncGenerator<RecordedEvent[]> {
  const job: Job = { path, after: (options.after ?? -1n).toString(), pageSize: options.pageSize, filter: options.filter };
  const ts = __filename.endsWith('.ts');
  const worker = new Worker(__filename, {
    workerData: { sqliteReadAhead: job },
    // From TypeScript sources (ts-node, jest) the worker compiles this file the same way.
    execArgv: ts ? ['-r', 'ts-node/register/transpile-only'] : [],
    env: ts ? { ...process.env, TS_NODE_PROJECT: join(__dirname, '..', '..', '..', '..', 'tsconfig.json') } : process.env,
  });
  const pages: EventRow[][] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  worker.on('message', (rows: EventRow[]) => {
    pages.push(rows);
    wake?.();
  });
  worker.on('error', (error: unknown) => {
    // What the worker threw arrives cloned (a SqliteError as a plain object): keep its message.
    const message = error instanceof Error ? error.message : String((error as { message?: unknown })?.message ?? error);
    failure = new EventStoreUnavailableError(`Reading $all ahead in ${path} failed: ${message}`);
    wake?.();
  });
  const next = async (): Promise<EventRow[]> => {
    while (pages.length === 0 && !failure) await new Promise<void>((resolve) => (wake = resolve));
    if (failure) throw failure;
    return pages.shift() as EventRow[];
  };
  try {
    for (let i = 0; i < AHEAD; i++) worker.postMessage('next');
    for (;;) {
      const rows = await next();
      if (rows.length === options.pageSize) worker.postMessage('next');
      if (rows.length > 0) yield toRecordedEvents(rows);
      if (rows.length < options.pageSize) return;
    }
  } finally {
    await worker.terminate();
  }
}

/** The worker: one page per 'next', each after the last row of the one before. */
const serve = (job: Job): void => {
  const db = new Database(job.path, { readonly: true, fileMustExist: true });
  const select = db.prepare(selectAllSql('>', job.filter?.streamPrefixes?.length ?? 0, job.filter?.eventTypePrefixes?.length ?? 0)).raw(true);
  const params = prefixParams(job.filter);
  let after = BigInt(job.after);
  parentPort?.on('message', () => {
    const rows = select.all(after, ...params, job.pageSize) as EventRow[];
    if (rows.length > 0) after = BigInt(rows[rows.length - 1][0]); // the last row's position
    parentPort?.postMessage(rows);
  });
};

if (!isMainThread && workerData?.sqliteReadAhead) serve(workerData.sqliteReadAhead as Job);
