import { Clock } from '@app/domain';
import { DocumentStore } from '@app/read-store';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { CHECKPOINTS } from './checkpoints';

/** Rows `$runner:<token>` beside the checkpoints: which processes are running the live projections now. */
const PREFIX = '$runner:';

export interface RunnerPresenceRow {
  _id: string;
  pid: number;
  host: string;
  projections: string[];
  heartbeatAt: string;
}

/** Another process runs the live projections on these read models: a rebuild's swap must pause them, so only it may rebuild. */
export class ProjectionsRunElsewhereError extends Error {
  readonly code = 'projections-run-elsewhere';
  constructor(readonly runner: Omit<RunnerPresenceRow, '_id'>) {
    super(
      `The live projections on these read models run in process ${runner.pid} on ${runner.host} (last heard from ${runner.heartbeatAt}): ` +
        'a rebuild must pause them for its swap, so ask that process to rebuild (POST /projections/{name}/rebuild on it, or ledger-cli rebuild --api <its url>).',
    );
    this.name = 'ProjectionsRunElsewhereError';
  }
}

/**
 * Says, every few seconds, that this process runs the live projections, so that a rebuild in another
 * process (the CLI on MongoDB) does not swap collections under runners it cannot pause.
 */
export class RunnerPresence {
  private readonly id = `${PREFIX}${randomUUID()}`;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly documents: DocumentStore,
    private readonly projections: string[],
    private readonly clock: Clock,
    private readonly heartbeatMs = 5_000,
  ) {}

  async announce(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => {
      this.beat().catch(() => undefined); // the store is away: the runners retry, and so does the next beat
    }, this.heartbeatMs);
    this.timer.unref();
  }

  async withdraw(): Promise<void> {
    clearInterval(this.timer);
    await this.documents.collection(CHECKPOINTS).deleteMany({ _id: this.id });
  }

  /** The runners (of any process, this one's other engines included) that said within `freshMs` that they run live projections. */
  static async others(documents: DocumentStore, clock: Clock, freshMs = 20_000): Promise<RunnerPresenceRow[]> {
    const rows = await documents.collection<RunnerPresenceRow>(CHECKPOINTS).find({ _id: { $regex: '^\\$runner:' } });
    const now = clock.now().getTime();
    return rows.filter((row) => now - Date.parse(row.heartbeatAt) <= freshMs);
  }

  private async beat(): Promise<void> {
    const row: RunnerPresenceRow = { _id: this.id, pid: process.pid, host: hostname(), projections: this.projections, heartbeatAt: this.clock.now().toISOString() };
    await this.documents.collection<RunnerPresenceRow>(CHECKPOINTS).replaceOne({ _id: this.id }, row, { upsert: true });
  }
}
