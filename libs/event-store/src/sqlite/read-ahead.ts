import Database from 'better-sqlite3';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { AllFilter, EventStoreUnavailableError, PageOpenerFactory, ReadAheadOptions, RecordedEvent } from '../event-store.port';
import { EventRow, prefixParams, selectAllSql, toRecordedEvents } from './schema';

// A long forward read of `$all` (a rebuild's, a verification's) in two threads: a worker steps SQLite
// through the next pages while this thread works on the current one. Rows cross as arrays (EventRow);
// parsing them stays here, where the events are used — unless the caller gives a PageOpener: then the
// worker parses the page, opens it (the vault's decryption) and hands over the opened events.

interface Job {
  path: string;
  /** The position to read after, as a decimal string (-1: from the start). */
  after: string;
  pageSize: number;
  filter?: AllFilter;
  open?: { module: string; options: unknown };
}

/** What the worker hands over: rows to parse here, or events it parsed and opened (with what the opener noted). */
type Page = { rows: EventRow[] } | { events: RecordedEvent[]; notes: string[] } | { failed: string };

/** Pages asked for before the first one is used: enough to keep the worker busy, few enough to hold little memory. */
const AHEAD = 2;

/** The events after `options.after`, forwards, in pages of `pageSize`; ends after the first short page. */
export async function* readAhead(path: string, options: ReadAheadOptions): AsyncGenerator<RecordedEvent[]> {
  const { open } = options;
  const job: Job = {
    path,
    after: (options.after ?? -1n).toString(),
    pageSize: options.pageSize,
    filter: options.filter,
    open: open && { module: open.module, options: open.options },
  };
  const ts = __filename.endsWith('.ts');
  const worker = new Worker(__filename, {
    workerData: { sqliteReadAhead: job },
    // Under ts-node (tests, the bench) the worker compiles too, and resolves the `@app/*` paths an opener imports.
    execArgv: ts ? ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'] : [],
    env: ts ? { ...process.env, TS_NODE_PROJECT: join(__dirname, '..', '..', '..', '..', 'tsconfig.json') } : process.env,
  });
  const pages: Page[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  worker.on('message', (page: Page) => {
    if ('failed' in page) failure = new EventStoreUnavailableError(`Reading $all ahead in ${path} failed: ${page.failed}`);
    else pages.push(page);
    wake?.();
  });
  worker.on('error', (error: unknown) => {
    // What the worker threw arrives cloned (a SqliteError as a plain object): keep its message.
    const message = error instanceof Error ? error.message : String((error as { message?: unknown })?.message ?? error);
    failure = new EventStoreUnavailableError(`Reading $all ahead in ${path} failed: ${message}`);
    wake?.();
  });
  const next = async (): Promise<RecordedEvent[]> => {
    while (pages.length === 0 && !failure) await new Promise<void>((resolve) => (wake = resolve));
    if (failure) throw failure;
    const page = pages.shift() as Exclude<Page, { failed: string }>;
    if ('rows' in page) return toRecordedEvents(page.rows);
    if (page.notes.length > 0) open?.onNotes?.(page.notes);
    return page.events;
  };
  try {
    for (let i = 0; i < AHEAD; i++) worker.postMessage('next');
    for (;;) {
      const events = await next();
      if (events.length === options.pageSize) worker.postMessage('next');
      if (events.length > 0) yield events;
      if (events.length < options.pageSize) return;
    }
  } finally {
    await worker.terminate();
  }
}

/** The worker: one page per 'next', each after the last row of the one before, in the order asked. */
const serve = (job: Job): void => {
  const db = new Database(job.path, { readonly: true, fileMustExist: true });
  const select = db.prepare(selectAllSql('>', job.filter?.streamPrefixes?.length ?? 0, job.filter?.eventTypePrefixes?.length ?? 0)).raw(true);
  const params = prefixParams(job.filter);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a module named at run time, loaded in this thread
  const open = job.open && (require(job.open.module) as { pageOpener: PageOpenerFactory }).pageOpener(job.open.options);
  let after = BigInt(job.after);
  let done = Promise.resolve();
  parentPort?.on('message', () => {
    const rows = select.all(after, ...params, job.pageSize) as EventRow[];
    if (rows.length > 0) after = BigInt(rows[rows.length - 1][0]); // the last row's position
    if (!open) return parentPort?.postMessage({ rows } satisfies Page);
    // Opening is asynchronous: chained, so that pages are handed over in the order they were read. An empty page
    // (asked for ahead, past the end) has nothing to open: the opener is not asked, so it cannot fail the read.
    done = done.then(() =>
      (rows.length === 0 ? Promise.resolve({ events: [], notes: [] }) : open(toRecordedEvents(rows))).then(
        (opened) => parentPort?.postMessage(opened satisfies Page),
        (error: unknown) => parentPort?.postMessage({ failed: error instanceof Error ? error.message : String(error) } satisfies Page),
      ),
    );
  });
};

if (!isMainThread && workerData?.sqliteReadAhead) serve(workerData.sqliteReadAhead as Job);
