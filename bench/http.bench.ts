import autocannon from 'autocannon';
import { ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { actorHeaders, intakeBody } from './sample';
import { Measurement } from './stats';

export interface ServerStats {
  commits: number;
  appendsPerCommit: number;
  commitBusyShare: number;
  eventLoopUtilization: number;
  eventLoopDelayP99Ms: number;
  accessReadsPerAppend?: number;
}

export interface HttpMeasurement extends Measurement {
  errors: number;
  non2xx: number;
  server: ServerStats;
}

const ask = async <T>(child: ChildProcess, message: string): Promise<T> => {
  const reply = once(child, 'message');
  child.send(message);
  return (await reply)[0] as T;
};

/** The app in a child process (its own event loop), and how to load it with autocannon. */
const startServer = async (dataDir: string, options: { connections: number; seconds: number; warmupSeconds: number }, env: NodeJS.ProcessEnv = {}) => {
  const headers = actorHeaders(dataDir);
  const child = fork(join(__dirname, 'http-server.ts'), [], {
    execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
    env: { ...process.env, BENCH_DATA_DIR: dataDir, ...env },
  });
  const ready = await Promise.race([
    once(child, 'message').then(([m]) => m as { port: number }),
    once(child, 'exit').then(([code]) => Promise.reject(new Error(`the app exited with ${code}`))),
  ]);
  const base = `http://127.0.0.1:${ready.port}`;

  const load = async (name: string, path: string, request: object = {}): Promise<HttpMeasurement> => {
    const common = { url: base + path, connections: options.connections, headers, ...request };
    await autocannon({ ...common, duration: options.warmupSeconds });
    await ask(child, 'reset');
    const result = await autocannon({ ...common, duration: options.seconds });
    const server = await ask<ServerStats>(child, 'stats');
    return {
      name,
      rate: result.requests.total / options.seconds,
      unit: 'req/s',
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      server,
      note:
        `${options.connections} connections, ${options.seconds} s; errors ${result.errors + result.timeouts}, non-2xx ${result.non2xx}; ` +
        `server event loop busy ${(100 * server.eventLoopUtilization).toFixed(0)}%, delay p99 ${server.eventLoopDelayP99Ms.toFixed(1)} ms` +
        (server.commits
          ? `; ${server.appendsPerCommit.toFixed(1)} appends/commit, loop blocked in commits ${(100 * server.commitBusyShare).toFixed(0)}%`
          : '') +
        (server.accessReadsPerAppend ? `; ${server.accessReadsPerAppend.toFixed(1)} reads recorded per access-log append` : ''),
    };
  };
  const close = async () => {
    if (child.connected) {
      child.send('close');
      await once(child, 'exit');
    }
  };
  return { base, headers, load, close };
};

/**
 * GET /policies (trivial) against POST /complaints (validate, read stream, decide, hash, durable append);
 * then the cost of the access trail: GET /complaints/{id} with every read recorded (batched), and the
 * same on a server whose access log records nothing.
 */
export const httpBench = async (
  dataDir: string,
  options: { connections: number; seconds: number; warmupSeconds: number },
): Promise<HttpMeasurement[]> => {
  const server = await startServer(dataDir, options);
  let caseId: string;
  const measured: HttpMeasurement[] = [];
  try {
    const post = {
      method: 'POST' as const,
      headers: { ...server.headers, 'content-type': 'application/json' },
      body: JSON.stringify(intakeBody),
    };
    // A request that does not answer 201 would make the POST figures meaningless: check one first.
    const probe = await fetch(`${server.base}/complaints`, post);
    if (probe.status !== 201) throw new Error(`POST /complaints answered ${probe.status}: ${await probe.text()}`);
    caseId = ((await probe.json()) as { complaintId: string }).complaintId;
    measured.push(await server.load('HTTP GET /policies (trivial)', '/policies'), await server.load('HTTP POST /complaints', '/complaints', post));
    measured.push(await server.load('HTTP GET /complaints/{id}, access logged', `/complaints/${caseId}`));
  } finally {
    await server.close();
  }
  // The same data directory, served again with the access log switched off (bench only; the API has no such switch).
  const unlogged = await startServer(dataDir, options, { BENCH_ACCESS_LOG: 'off' });
  try {
    measured.push(await unlogged.load('HTTP GET /complaints/{id}, no access log', `/complaints/${caseId}`));
  } finally {
    await unlogged.close();
  }
  return measured;
};
