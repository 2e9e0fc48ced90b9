/**
 * The app under test, in its own process so that the load generator does not share its event loop.
 * Started by http.bench.ts; answers its IPC messages with event-loop and group-commit figures.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { SqliteEventStore } from '@app/event-store/sqlite';
import { createApp } from '../apps/ledger-api/src/app.factory';
import { loadConfig, EVENT_STORE, AccessLog } from '@app/platform';
import { watchCommits } from './event-store.bench';

const main = async () => {
  const config = loadConfig({ DATA_DIR: process.env.BENCH_DATA_DIR, LOG_LEVEL: 'silent', PORT: '0', RATE_LIMIT_PER_MINUTE: '0' });
  const app = await createApp({ config });
  await app.listen(0, '127.0.0.1');
  const commits = watchCommits(app.get<SqliteEventStore>(EVENT_STORE));
  const accessLog = app.get(AccessLog);
  // To measure what the access trail costs: the same server with reads unrecorded (test equipment only).
  if (process.env.BENCH_ACCESS_LOG === 'off') accessLog.record = async () => undefined;
  let accessStats = { ...accessLog.stats };
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let elu = performance.eventLoopUtilization();
  let since = performance.now();

  process.on('message', async (message: string) => {
    if (message === 'reset') {
      commits.reset();
      delay.reset();
      accessStats = { ...accessLog.stats };
      elu = performance.eventLoopUtilization();
      since = performance.now();
      process.send?.({ reset: true });
    } else if (message === 'stats') {
      const elapsed = performance.now() - since;
      process.send?.({
        commits: commits.stats.commits,
        appendsPerCommit: commits.stats.commits ? commits.stats.appends / commits.stats.commits : 0,
        commitBusyShare: commits.stats.busyMs / elapsed,
        eventLoopUtilization: performance.eventLoopUtilization(elu).utilization,
        eventLoopDelayP99Ms: delay.percentile(99) / 1e6,
        accessReadsPerAppend: (accessLog.stats.recorded - accessStats.recorded) / Math.max(1, accessLog.stats.appends - accessStats.appends),
      });
    } else if (message === 'close') {
      await app.close();
      process.exit(0);
    }
  });
  process.send?.({ port: (app.getHttpServer().address() as { port: number }).port });
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
