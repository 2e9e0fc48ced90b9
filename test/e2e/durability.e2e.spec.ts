/**
 * Durability under SIGKILL: a real server process takes a stream of complaints from several
 * concurrent clients and is killed with SIGKILL while requests are in flight. After a restart on
 * the same DATA_DIR, every complaint the server acknowledged (201) must be there, at the position it
 * was acknowledged with, and its hash chain must verify. An acknowledged append is on disk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiProcess, ensureBuilt, issueApiToken, killApiProcesses, startApiProcess } from '../support/api-process';


const CLIENTS = 8;
const KILL_AFTER_ACKS = 150;
let HEADERS: Record<string, string> = {}; // the clerk's API token, issued once the data directory exists

const complaintBody = (client: number, seq: number) => ({
  channel: 'in-person',
  complainant: { name: 'Maria Ivanova', kind: 'person', email: 'maria.ivanova@example.com', phone: '+359 88 123 4567' },
  subject: { productOrService: 'Espresso machine EM-200', sku: 'EM-200-BLK', orderReference: `ORD-${client}-${seq}` },
  description: `The machine stopped heating after two weeks of use (client ${client}, request ${seq}).`,
  desiredRemedy: 'Replacement or full refund',
  documents: ['receipt-118842.pdf'],
  primaryResponse: 'Apologised and offered to check the machine in the service centre.',
});

interface HttpAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answers of many endpoints, read field by field
  body: any;
}

/** One HTTP exchange with a JSON body; rejects when the connection fails (e.g. the server died). */
const call = (agent: Agent, port: number, method: string, path: string, body?: unknown): Promise<HttpAnswer> =>
  new Promise((done, fail) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          ...HEADERS,
          accept: 'application/json',
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            /* not JSON: keep the text */
          }
          done({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.setTimeout(15_000, () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', fail);
    req.end(payload);
  });

type Server = ApiProcess;

const startServer = (dataDir: string): Promise<Server> => startApiProcess(dataDir);

const killHard = async (server: Server): Promise<void> => {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  await server.exited;
};

/** Runs `work` over `items` with at most `width` at a time. */
const inBatches = async <T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
};

interface Acknowledgement {
  complaintId: string;
  position: string;
  revision: string;
  client: number;
  seq: number;
}

describe('durability: acknowledged complaints survive SIGKILL (real server process)', () => {
  let dataDir: string;

  beforeAll(() => {
    ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-durability-'));
    HEADERS = { Authorization: `Bearer ${issueApiToken(dataDir, 'clerk-1', 'intake-clerk')}` };
  }, 120_000);

  afterAll(async () => {
    await killApiProcesses();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every 201 across a kill -9 in the middle of a stream of concurrent POST /complaints', async () => {
    const first = await startServer(dataDir);
    const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });

    const acks: Acknowledgement[] = [];
    const unexpected: string[] = [];
    let inFlight = 0;
    let inFlightAtKill = -1;
    let failedByKill = 0;
    let killed = false;

    const client = async (id: number): Promise<void> => {
      for (let seq = 0; !killed; seq++) {
        inFlight++;
        try {
          const answer = await call(agent, first.port, 'POST', '/complaints', complaintBody(id, seq));
          if (answer.status === 201) {
            acks.push({ complaintId: answer.body.complaintId, position: answer.body.position, revision: answer.body.revision, client: id, seq });
            if (acks.length >= KILL_AFTER_ACKS && !killed) {
              killed = true;
              inFlightAtKill = inFlight - 1; // the other clients' requests, still waiting for their answers
              first.child.kill('SIGKILL');
            }
          } else if (!killed) unexpected.push(`${answer.status} ${JSON.stringify(answer.body)}`);
        } catch (error) {
          if (killed) failedByKill++;
          else unexpected.push(`request failed before the kill: ${String(error)}`);
          return;
        } finally {
          inFlight--;
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, id) => client(id)));
    agent.destroy();
    expect(await first.exited).toBe('SIGKILL');

    expect(unexpected).toEqual([]);
    expect(acks.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    // The kill really happened mid-stream: the other clients were waiting for answers. (Those already
    // written to the socket may still arrive as 201s, and then count as acknowledged like any other.)
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(acks.length + failedByKill).toBeGreaterThan(KILL_AFTER_ACKS);
    // Every acknowledgement names its own new stream and a distinct place in $all.
    expect(new Set(acks.map((a) => a.complaintId)).size).toBe(acks.length);
    expect(new Set(acks.map((a) => a.position)).size).toBe(acks.length);
    expect(acks.every((a) => a.revision === '0')).toBe(true);

    const second = await startServer(dataDir);
    const reader = new Agent({ keepAlive: true, maxSockets: 16 });
    try {
      const missing: string[] = [];
      await inBatches(acks, 16, async (ack) => {
        const what = `${ack.complaintId} (client ${ack.client}, request ${ack.seq}, position ${ack.position})`;
        const view = await call(reader, second.port, 'GET', `/complaints/${ack.complaintId}`);
        if (view.status !== 200) return void missing.push(`${what}: GET answered ${view.status}`);
        if (view.body.revision !== '0' || view.body.complaint?.complaintId !== ack.complaintId || view.body.complaint?.status !== 'received')
          return void missing.push(`${what}: unexpected case ${JSON.stringify(view.body)}`);
        if (view.body.complaint.subject?.orderReference !== `ORD-${ack.client}-${ack.seq}`)
          return void missing.push(`${what}: holds another request's data`);
        const verification = await call(reader, second.port, 'GET', `/complaints/${ack.complaintId}/verification`);
        if (verification.status !== 200 || verification.body.valid !== true || verification.body.eventsChecked !== 1)
          return void missing.push(`${what}: verification ${verification.status} ${JSON.stringify(verification.body)}`);
        const history = await call(reader, second.port, 'GET', `/complaints/${ack.complaintId}/history`);
        const positions = history.body?.events?.map((e: { position: string }) => e.position);
        if (history.status !== 200 || JSON.stringify(positions) !== JSON.stringify([ack.position]))
          return void missing.push(`${what}: history ${history.status} positions ${JSON.stringify(positions)}`);
      });
      expect(missing).toEqual([]);

      // The restarted store goes on appending after everything that was acknowledged.
      const after = await call(reader, second.port, 'POST', '/complaints', complaintBody(99, 0));
      expect(after.status).toBe(201);
      const highest = acks.reduce((max, a) => (BigInt(a.position) > max ? BigInt(a.position) : max), 0n);
      expect(BigInt(after.body.position)).toBeGreaterThan(highest);
    } finally {
      reader.destroy();
      await killHard(second);
    }
  }, 60_000);
});
