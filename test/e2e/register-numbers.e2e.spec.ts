/**
 * Gapless register numbers through the real HTTP application (createApp), with the embedded SQLite
 * event store wrapped so that a process "crash" between the two appends of a registration — the
 * reservation in `register-YYYY` landed, the ComplaintRegistered in `complaint-<id>` did not — can be
 * staged, and with a fake clock so that a reservation can be left to time out.
 *
 * The invariant checked after every scenario: the year's numbers are reserved 1..N without a gap,
 * and each of them is either used by exactly one complaint or voided with a reason (never both).
 */
import { INestApplication } from '@nestjs/common';
import {
  COMPLAINT_STREAM_PREFIX,
  formatRegisterNumber,
  RegisterNumberReserved,
  RegisterNumberVoided,
  registerStreamId,
} from '@app/domain';
import {
  AppendResult,
  EventData,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  verifyChain,
  WrongExpectedRevisionError,
} from '@app/event-store';
import { EVENTS_FILE, SqliteEventStore } from '@app/event-store/sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { signedIn } from '../support/test-app';
import { createApp } from '../../apps/ledger-api/src/app.factory';
import { loadConfig, Clock } from '@app/platform';

const YEAR = 2026;
const T0 = Date.parse('2026-03-10T09:00:00.000Z');
const TIMEOUT_MINUTES = 30;
const MINUTE = 60_000;
const number = (sequence: number) => formatRegisterNumber(YEAR, sequence);

const CLERK = { 'X-Actor-Id': 'clerk-1', 'X-Actor-Role': 'intake-clerk' };
const OFFICER = { 'X-Actor-Id': 'officer-petrov', 'X-Actor-Role': 'quality-officer' };
const REGISTRATION = { category: 'product-quality', severity: 'medium', responsibleOfficer: 'officer-petrov' };

class FakeClock implements Clock {
  constructor(private time: number) {}
  now(): Date {
    return new Date(this.time);
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

/**
 * The embedded event store, able to "crash" once for a chosen complaint: the append of its
 * complaint stream fails when it comes after a reservation for that complaint was appended to the
 * register stream — what a process killed between the two appends leaves behind.
 */
class CrashingEventStore implements EventStore {
  private readonly armed = new Set<string>();
  private readonly reservedFor = new Set<string>();
  readonly crashed: string[] = [];
  /** Appends to a register stream refused for a stale expected revision: proof that writers contended. */
  registerConflicts = 0;
  /**
   * Up to this many milliseconds of random latency before each read and append, as a networked store
   * (EventStoreDB) has: the embedded store answers synchronously, so without it concurrent requests
   * would hardly interleave between reading the register and appending to it.
   */
  latencyMs = 0;

  constructor(readonly inner: SqliteEventStore) {}

  crashBetweenReservationAndRegistration(complaintId: string): void {
    this.armed.add(complaintId);
  }

  async appendToStream(streamId: string, events: EventData[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult> {
    const complaintId = streamId.startsWith(COMPLAINT_STREAM_PREFIX) ? streamId.slice(COMPLAINT_STREAM_PREFIX.length) : undefined;
    if (complaintId && this.armed.has(complaintId) && this.reservedFor.has(complaintId)) {
      this.armed.delete(complaintId);
      this.crashed.push(complaintId);
      throw new Error(`Simulated crash between the reservation and the registration of ${complaintId}`);
    }
    await this.delay();
    const result = await this.inner.appendToStream(streamId, events, options).catch((error: unknown) => {
      if (error instanceof WrongExpectedRevisionError && streamId.startsWith('register-')) this.registerConflicts++;
      throw error;
    });
    if (streamId.startsWith('register-'))
      for (const event of events)
        if (event.type === 'RegisterNumberReserved') this.reservedFor.add((event.data as RegisterNumberReserved['data']).complaintId);
    return result;
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    await this.delay();
    return this.inner.readStream(streamId, options);
  }
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }
  ping(): Promise<void> {
    return this.inner.ping();
  }
  close(): Promise<void> {
    return this.inner.close();
  }

  private async delay(): Promise<void> {
    if (this.latencyMs > 0) await sleep(Math.random() * this.latencyMs);
  }
}

/** One running application on a data directory; restarting keeps the directory (the event log). */
class Ledger {
  app?: INestApplication;
  store!: CrashingEventStore;
  readonly clock = new FakeClock(T0);
  readonly dataDir = mkdtempSync(join(tmpdir(), 'ledger-register-'));

  async start(): Promise<this> {
    const config = loadConfig({
      DATA_DIR: this.dataDir,
      LOG_LEVEL: 'silent',
      REGISTER_RESERVATION_TIMEOUT_MINUTES: String(TIMEOUT_MINUTES),
    });
    this.store = new CrashingEventStore(new SqliteEventStore(join(this.dataDir, EVENTS_FILE)));
    this.app = await createApp({ config, clock: this.clock, eventStore: this.store });
    await this.app.listen(0, '127.0.0.1'); // listening once, so parallel supertest requests share the server
    return this;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const app = this.app;
    this.app = undefined;
    await app?.close();
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private get http() {
    if (!this.app) throw new Error('The application is not running.');
    return signedIn(this.app);
  }

  async receive(label: string): Promise<string> {
    const response = await this.http
      .post('/complaints')
      .set(CLERK)
      .send({
        channel: 'in-person',
        complainant: { name: 'Maria Ivanova', kind: 'person', email: 'maria.ivanova@example.com' },
        subject: { productOrService: 'Espresso machine EM-200', orderReference: `ORD-${label}` },
        description: `The machine stopped heating after two weeks of use (${label}).`,
        primaryResponse: 'Apologised and offered to check the machine in the service centre.',
      });
    expect(response.status).toBe(201);
    return response.body.complaintId as string;
  }

  register(complaintId: string, idempotencyKey?: string) {
    const call = this.http.post(`/complaints/${complaintId}/registration`).set(OFFICER);
    if (idempotencyKey) call.set('Idempotency-Key', idempotencyKey);
    return call.send(REGISTRATION);
  }

  async withdraw(complaintId: string): Promise<void> {
    const response = await this.http
      .post(`/complaints/${complaintId}/withdrawal`)
      .set(CLERK)
      .send({ reason: 'The customer settled the matter with the shop.' });
    expect(response.status).toBe(200);
  }

  async registerNumberOf(complaintId: string): Promise<string | undefined> {
    const response = await this.http.get(`/complaints/${complaintId}`);
    expect(response.status).toBe(200);
    return response.body.complaint.registration?.registerNumber;
  }

  async registerEvents(): Promise<RecordedEvent[]> {
    return this.store.readStream(registerStreamId(YEAR));
  }

  async reservedEvents(): Promise<Array<RegisterNumberReserved['data']>> {
    return (await this.registerEvents())
      .filter((event) => event.type === 'RegisterNumberReserved')
      .map((event) => event.data as RegisterNumberReserved['data']);
  }
}

type Fate = { usedBy: string } | { voided: string; complaintId: string };

/**
 * Reads the register stream and every ComplaintRegistered of the store and checks that the year's
 * numbers are 1..N without a gap, each used by exactly one complaint or voided with a reason.
 * Answers the fate of each number.
 */
const auditRegister = async (ledger: Ledger): Promise<Map<string, Fate>> => {
  const register = await ledger.registerEvents();
  expect(verifyChain(register)).toMatchObject({ valid: true });
  const reserved = register.filter((e) => e.type === 'RegisterNumberReserved').map((e) => e.data as RegisterNumberReserved['data']);
  const voided = register.filter((e) => e.type === 'RegisterNumberVoided').map((e) => e.data as RegisterNumberVoided['data']);
  const registered = (
    await ledger.store.readAll({ filter: { streamPrefixes: [COMPLAINT_STREAM_PREFIX], eventTypePrefixes: ['ComplaintRegistered'] } })
  ).map((e) => e.data as { complaintId: string; registerNumber: string });

  // Reserved in order, each number once, no gap.
  const sequences = reserved.map((r) => r.sequence);
  expect(sequences).toEqual(Array.from({ length: sequences.length }, (_, i) => i + 1));
  const numbers = new Set(reserved.map((r) => r.registerNumber));
  expect(reserved.map((r) => r.registerNumber)).toEqual(sequences.map(number));

  // No complaint carries a number that was never reserved, and none is registered twice.
  for (const entry of registered) expect(numbers).toContain(entry.registerNumber);
  expect(new Set(registered.map((r) => r.complaintId)).size).toBe(registered.length);

  const fates = new Map<string, Fate>();
  const problems: string[] = [];
  for (const reservation of reserved) {
    const users = registered.filter((r) => r.registerNumber === reservation.registerNumber);
    const voids = voided.filter((v) => v.registerNumber === reservation.registerNumber);
    if (users.length === 1 && voids.length === 0) {
      if (users[0].complaintId !== reservation.complaintId)
        problems.push(`${reservation.registerNumber} was reserved for ${reservation.complaintId} but used by ${users[0].complaintId}`);
      fates.set(reservation.registerNumber, { usedBy: users[0].complaintId });
    } else if (users.length === 0 && voids.length === 1 && voids[0].reason.trim().length > 0) {
      if (voids[0].complaintId !== reservation.complaintId || voids[0].sequence !== reservation.sequence)
        problems.push(`${reservation.registerNumber}: the void names another reservation`);
      fates.set(reservation.registerNumber, { voided: voids[0].reason, complaintId: voids[0].complaintId });
    } else
      problems.push(
        `${reservation.registerNumber} is used by [${users.map((u) => u.complaintId).join(', ')}] and voided ${voids.length} time(s)`,
      );
  }
  expect(problems).toEqual([]);
  return fates;
};

describe('register numbers (HTTP through createApp, embedded event store, fake clock)', () => {
  let ledger: Ledger;

  beforeEach(async () => {
    ledger = await new Ledger().start();
  });

  afterEach(async () => {
    await ledger.dispose();
  });

  it('gives 50 parallel registrations exactly YYYY-000001..YYYY-000050: no gap, no duplicate', async () => {
    const ids = await Promise.all(Array.from({ length: 50 }, (_, i) => ledger.receive(`parallel-${i}`)));

    ledger.store.latencyMs = 3;
    const responses = await Promise.all(ids.map((id) => ledger.register(id)));
    ledger.store.latencyMs = 0;
    expect(responses.map((r) => r.status)).toEqual(ids.map(() => 200));
    // The registrations really raced for the register stream (and the losers retried).
    expect(ledger.store.registerConflicts).toBeGreaterThan(0);

    const numbers = await Promise.all(ids.map((id) => ledger.registerNumberOf(id)));
    expect([...numbers].sort()).toEqual(Array.from({ length: 50 }, (_, i) => number(i + 1)));

    const fates = await auditRegister(ledger);
    expect(fates.size).toBe(50);
    ids.forEach((id, i) => expect(fates.get(numbers[i] as string)).toEqual({ usedBy: id }));
    expect((await ledger.registerEvents()).filter((e) => e.type === 'RegisterNumberVoided')).toEqual([]);
  });

  describe('a crash between the reservation and the registration', () => {
    it('is completed by a retry with the same reserved number (with the same Idempotency-Key, and without a key)', async () => {
      const [a, b, x, y] = [await ledger.receive('a'), await ledger.receive('b'), await ledger.receive('x'), await ledger.receive('y')];

      // A: the reservation lands, the process "dies" before the complaint is registered.
      ledger.store.crashBetweenReservationAndRegistration(a);
      expect((await ledger.register(a, 'register-a')).status).toBe(500);
      expect(ledger.store.crashed).toEqual([a]);
      expect(await ledger.reservedEvents()).toEqual([expect.objectContaining({ registerNumber: number(1), complaintId: a, commandId: 'register-a' })]);
      expect(await ledger.registerNumberOf(a)).toBeUndefined();

      // Meanwhile another registration takes the next number and leaves A's (pending) reservation open.
      expect((await ledger.register(x)).status).toBe(200);
      expect(await ledger.registerNumberOf(x)).toBe(number(2));
      const tail = (await ledger.registerEvents()).at(-1)?.data as RegisterNumberReserved['data'];
      expect(tail.openReservations.map((r) => r.complaintId)).toContain(a);

      // The process comes back; the client retries the same command with the same Idempotency-Key.
      await ledger.restart();
      ledger.clock.advance(5 * MINUTE);
      const retried = await ledger.register(a, 'register-a');
      expect(retried.status).toBe(200);
      expect(retried.body.replayed).toBe(false);
      expect(await ledger.registerNumberOf(a)).toBe(number(1));
      const again = await ledger.register(a, 'register-a');
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ replayed: true, revision: retried.body.revision, position: retried.body.position });

      // B crashes the same way and is retried without an Idempotency-Key: its open reservation is reused.
      ledger.store.crashBetweenReservationAndRegistration(b);
      expect((await ledger.register(b)).status).toBe(500);
      expect(ledger.store.crashed).toEqual([b]); // the store was restarted: a fresh wrapper
      expect(await ledger.registerNumberOf(b)).toBeUndefined();
      expect((await ledger.register(b)).status).toBe(200);
      expect(await ledger.registerNumberOf(b)).toBe(number(3));

      expect((await ledger.register(y)).status).toBe(200);
      expect(await ledger.registerNumberOf(y)).toBe(number(4));

      // One reservation per complaint, no void, no gap.
      expect((await ledger.reservedEvents()).map((r) => [r.registerNumber, r.complaintId])).toEqual([
        [number(1), a],
        [number(2), x],
        [number(3), b],
        [number(4), y],
      ]);
      const fates = await auditRegister(ledger);
      expect([...fates.entries()]).toEqual([
        [number(1), { usedBy: a }],
        [number(2), { usedBy: x }],
        [number(3), { usedBy: b }],
        [number(4), { usedBy: y }],
      ]);
    });

    it('leaves a number that the next registration voids with a reason once the reservation timed out', async () => {
      const [a, b] = [await ledger.receive('a'), await ledger.receive('b')];
      ledger.store.crashBetweenReservationAndRegistration(a);
      expect((await ledger.register(a, 'register-a')).status).toBe(500);
      expect(ledger.store.crashed).toEqual([a]);

      // Nobody retries A; the clock moves past the reservation timeout; the process was restarted meanwhile.
      await ledger.restart();
      ledger.clock.advance((TIMEOUT_MINUTES + 1) * MINUTE);
      const voidedAt = ledger.clock.now().toISOString();

      expect((await ledger.register(b)).status).toBe(200);
      expect(await ledger.registerNumberOf(b)).toBe(number(2));
      const register = await ledger.registerEvents();
      expect(register.map((e) => e.type)).toEqual(['RegisterNumberReserved', 'RegisterNumberVoided', 'RegisterNumberReserved']);
      const voided = register[1].data as RegisterNumberVoided['data'];
      expect(voided).toMatchObject({ year: YEAR, registerNumber: number(1), sequence: 1, complaintId: a, voidedAt, lastSequence: 1 });
      expect(voided.reason).toMatch(new RegExp(`${a}.*did not complete within ${TIMEOUT_MINUTES} minutes`));
      expect(voided.openReservations).toEqual([]);
      expect((register[2].data as RegisterNumberReserved['data']).openReservations.map((r) => r.complaintId)).toEqual([b]);

      // When A is finally retried, the voided number is not handed out again: A gets the next one.
      expect(await ledger.registerNumberOf(a)).toBeUndefined();
      expect((await ledger.register(a, 'register-a')).status).toBe(200);
      expect(await ledger.registerNumberOf(a)).toBe(number(3));

      const fates = await auditRegister(ledger);
      expect([...fates.entries()]).toEqual([
        [number(1), { voided: voided.reason, complaintId: a }],
        [number(2), { usedBy: b }],
        [number(3), { usedBy: a }],
      ]);
    });

    it('leaves a number that is voided with a reason when its complaint is withdrawn instead (before the timeout)', async () => {
      const [c, d] = [await ledger.receive('c'), await ledger.receive('d')];
      ledger.store.crashBetweenReservationAndRegistration(c);
      expect((await ledger.register(c)).status).toBe(500);
      await ledger.withdraw(c);
      ledger.clock.advance(MINUTE);

      expect((await ledger.register(d)).status).toBe(200);
      expect(await ledger.registerNumberOf(d)).toBe(number(2));
      const fates = await auditRegister(ledger);
      expect(fates.get(number(1))).toEqual({ voided: expect.stringMatching(/withdrawn/), complaintId: c });
      expect(fates.get(number(2))).toEqual({ usedBy: d });
    });

    it('a retry racing a registration that would void its timed-out reservation: the number is used or voided, never both', async () => {
      // The retry renews its reservation by an append, so it conflicts with the voiding append instead of
      // silently reusing a number that the other registration is about to void.
      for (let round = 0; round < 10; round++) {
        const [a, b] = [await ledger.receive(`race-a-${round}`), await ledger.receive(`race-b-${round}`)];
        ledger.store.crashBetweenReservationAndRegistration(a);
        expect((await ledger.register(a)).status).toBe(500);
        ledger.clock.advance((TIMEOUT_MINUTES + 1) * MINUTE);

        ledger.store.latencyMs = 3;
        const [retried, other] = await Promise.all([ledger.register(a), ledger.register(b)]);
        ledger.store.latencyMs = 0;
        expect([retried.status, other.status]).toEqual([200, 200]);
      }
      const fates = await auditRegister(ledger);
      // Every complaint ended up registered under a number reserved for it.
      expect([...fates.values()].filter((fate) => 'usedBy' in fate)).toHaveLength(20);
    });

    it('keeps a reservation that is still within its timeout open (neither reused by others nor voided)', async () => {
      const [a, b] = [await ledger.receive('a'), await ledger.receive('b')];
      ledger.store.crashBetweenReservationAndRegistration(a);
      expect((await ledger.register(a)).status).toBe(500);
      ledger.clock.advance((TIMEOUT_MINUTES - 1) * MINUTE);

      expect((await ledger.register(b)).status).toBe(200);
      expect(await ledger.registerNumberOf(b)).toBe(number(2));
      expect((await ledger.registerEvents()).map((e) => e.type)).toEqual(['RegisterNumberReserved', 'RegisterNumberReserved']);

      // A's retry, even after the timeout, still finds its own reservation as nobody voided it.
      ledger.clock.advance(2 * MINUTE);
      expect((await ledger.register(a)).status).toBe(200);
      expect(await ledger.registerNumberOf(a)).toBe(number(1));
      expect([...(await auditRegister(ledger)).values()]).toEqual([{ usedBy: a }, { usedBy: b }]);
    });
  });
});
