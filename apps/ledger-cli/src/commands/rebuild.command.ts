import { EventStore } from '@app/event-store';
import { ALL_PROJECTIONS, ProjectionEngine, ProjectionsRunElsewhereError, RebuildInProgressError, RebuildProgress } from '@app/projections';
import { systemClock } from '@app/platform';
import { DocumentStore } from '@app/read-store';
import { setTimeout as sleep } from 'node:timers/promises';
import { UsageError } from '../embedded-store';

/** The running API wants an administrator's credentials: a token from `users add … --role administrator`. */
const administrator = (): Record<string, string> => {
  const token = process.env.LEDGER_API_TOKEN;
  if (!token) throw new UsageError('The API is running: set LEDGER_API_TOKEN to an administrator\'s token (npm run cli -- users add <id> --role administrator).');
  return { Authorization: `Bearer ${token}` };
};

/** One progress line: bar, events, rate, time left. */
export const progressLine = (p: RebuildProgress): string => {
  const width = 30;
  const done = Math.round(p.fraction * width);
  const left = p.secondsLeft === null ? '?' : `${p.secondsLeft}s`;
  return `${p.projection.padEnd(18)} [${'#'.repeat(done)}${'-'.repeat(width - done)}] ${(p.fraction * 100).toFixed(0).padStart(3)}%  ${p.processed.toLocaleString('en')} events  ${p.eventsPerSecond.toLocaleString('en')} ev/s  ${left} left  ${p.state}`;
};

/** Refuses a name that is neither a read model nor `all`, before anything starts. */
const assertReadModel = (name: string): void => {
  const names = ALL_PROJECTIONS.map((p) => p.name);
  if (name !== 'all' && !names.includes(name)) throw new UsageError(`No read model "${name}"; there are: ${names.join(', ')}, or all.`);
};

/**
 * Rebuilds read models in this process: into fresh collections from position zero, swapped in when
 * caught up. For when no API runs on the data directory (the embedded read models belong to the API).
 */
export const rebuildHere = async (
  events: EventStore,
  documents: DocumentStore,
  name: string,
  progress: NodeJS.WritableStream,
): Promise<number> => {
  assertReadModel(name);
  const engine = new ProjectionEngine({ events, documents, projections: ALL_PROJECTIONS, clock: systemClock });
  try {
    let last = 0;
    // The same lock as the API's and the projector's (a row beside the checkpoints): one rebuild at a time.
    await engine.rebuild(name, (p) => {
      if (Date.now() - last < 500 && p.state === 'building') return;
      last = Date.now();
      progress.write(`\r${progressLine(p)}`);
    });
    progress.write('\n');
    return 0;
  } catch (error) {
    if (!(error instanceof RebuildInProgressError) && !(error instanceof ProjectionsRunElsewhereError)) throw error;
    progress.write(`Not started: ${error.message}\n`);
    return 1;
  } finally {
    // A rebuild restarts the live projections after the swap: here nothing is to follow $all afterwards.
    await engine.stop();
  }
};

/** Asks a running API to rebuild, and follows its progress until done. */
export const rebuildThroughApi = async (api: string, name: string, progress: NodeJS.WritableStream): Promise<number> => {
  assertReadModel(name);
  const headers = administrator();
  const started = await fetch(`${api}/projections/${name}/rebuild`, { method: 'POST', headers });
  if (started.status === 409) {
    const problem = (await started.json()) as { code?: string; detail?: string };
    progress.write(`Not started: ${problem.detail ?? problem.code}\n`);
    return 1;
  }
  if (started.status !== 202) throw new UsageError(`The API refused the rebuild of ${name}: ${started.status} ${await started.text()}`);
  for (;;) {
    await sleep(500);
    const state = (await (await fetch(`${api}/projections/${name}/rebuild`, { headers })).json()) as RebuildProgress;
    progress.write(`\r${progressLine(state)}`);
    if (state.state === 'done') break;
    if (state.state === 'failed') {
      progress.write(`\nRebuild of ${name} failed: ${state.error}\n`);
      return 1;
    }
  }
  progress.write('\n');
  return 0;
};

/** Whether an API answers at this address. */
export const apiAnswers = async (api: string): Promise<boolean> => {
  try {
    const response = await fetch(`${api}/health`, { signal: AbortSignal.timeout(1000) });
    return response.status === 200;
  } catch {
    return false;
  }
};
