import { Worker } from 'node:worker_threads';

// The read models' commits write to the WAL without waiting for the disk (synchronous=NORMAL); this
// thread moves the WAL into the database file and syncs both, on the other core. A process crash
// loses nothing (the WAL is in the OS's cache); a power loss may take back the last moments of
// writes, documents and checkpoints together, which the projections then redo (ADR 0009).

/** The worker's source, plain JavaScript: it loads without TypeScript, in milliseconds. */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: 10000 });
db.pragma('synchronous = NORMAL');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.postMessage({ closed: true });
    return;
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String(error && error.message || error) });
  }
});
`;

/** Checkpoints a WAL database in a worker thread, one checkpoint at a time, as often as asked. */
export class WalCheckpointer {
  private readonly worker: Worker;
  private running = false;
  private wanted = false;
  private closing?: Promise<void>;
  private exited = false;
  /** The thread died: no checkpoint can run any more (the store's own connection checkpoints at close). */
  private stopped = false;
  /** Why the last checkpoint failed, until one succeeds. */
  failure?: string;

  constructor(path: string) {
    this.worker = new Worker(SOURCE, { eval: true, workerData: { path, driver: require.resolve('better-sqlite3') } });
    // It never keeps the process alive by itself: close() ends it, and an exit without close leaves a WAL that the next open recovers.
    this.worker.unref();
    this.worker.on('message', (answer: { ok?: boolean; message?: string; closed?: boolean }) => {
      if (answer.closed) return;
      this.running = false;
      this.failure = answer.ok ? undefined : answer.message;
      if (this.wanted) this.request();
    });
    this.worker.on('exit', () => (this.exited = true));
    this.worker.on('error', (error) => {
      this.running = false;
      this.stopped = true;
      this.failure = `the checkpoint thread stopped: ${error.message}`;
    });
  }

  /** Asks for a checkpoint after the commits so far (one runs at a time; asks meanwhile make one more). */
  request(): void {
    if (this.closing || this.stopped) return;
    if (this.running) {
      this.wanted = true;
      return;
    }
    this.wanted = false;
    this.running = true;
    this.worker.postMessage('checkpoint');
  }

  /** Lets a running checkpoint finish, closes the worker's connection and ends the thread. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      const done = () => {
        void this.worker.terminate().then(() => resolve());
      };
      this.worker.on('message', (answer: { closed?: boolean }) => answer.closed && done());
      this.worker.once('error', done);
      this.worker.once('exit', () => resolve());
      // Messages are handled in order: a running checkpoint finishes before 'close' is read.
      this.worker.postMessage('close');
    });
    return this.closing;
  }
}
