/**
 * Every gap in the register is explained where an inspector looks: the journal export (JSON and CSV)
 * lists each voided number in sequence with its reason. Numbers are burned by a registration racing a
 * withdrawal, and by a server killed between the reservation and the registration; the second is
 * resolved by the API's sweeper within the configured timeout even when no registration follows.
 */
import { EventData, EventStore, ExpectedRevision, tailOf } from '@app/event-store';
import { appendChained } from '@app/event-store/testing';
import { formatRegisterNumber, RegisterNumberReserved, registerStreamId } from '@app/domain';
import { setTimeout as sleep } from 'node:timers/promises';
import { delegatingStore } from '../support/delegating-store';
import { eventually } from '../support/eventually';
import { aComplaintBody, aRegistrationBody, clerk, officer } from '../support/requests';
import { startTestApp, TestApp } from '../support/test-app';

const TIMEOUT_SECONDS = 1;
const YEAR = new Date().getUTCFullYear();

describe('register gaps, explained by the journal export', () => {
  let t: TestApp;
  let latencyMs = 0;
  /** Complaints to withdraw right after their number is reserved: the race, made certain. */
  const withdrawOnReservation = new Set<string>();
  let withdraw: (complaintId: string) => Promise<unknown>;

  const delayed = (inner: EventStore): EventStore =>
    delegatingStore(inner, {
      readStream: async (...args) => {
        if (latencyMs) await sleep(Math.random() * latencyMs);
        return inner.readStream(...args);
      },
      appendToStream: async (streamId: string, events: EventData[], options?: { expectedRevision?: ExpectedRevision }) => {
        if (latencyMs) await sleep(Math.random() * latencyMs);
        const result = await inner.appendToStream(streamId, events, options);
        for (const event of events) {
          const complaintId = event.type === 'RegisterNumberReserved' ? (event.data as RegisterNumberReserved['data']).complaintId : undefined;
          if (complaintId && withdrawOnReservation.delete(complaintId)) await withdraw(complaintId);
        }
        return result;
      },
    });

  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_RESERVATION_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS) }, wrapStore: delayed });
    withdraw = (complaintId) => t.http.post(`/complaints/${complaintId}/withdrawal`).set(clerk).send({ reason: 'Settled with the shop.' });
  });
  afterAll(() => t.close());

  const receive = async (): Promise<string> => (await t.http.post('/complaints').set(clerk).send(aComplaintBody()).expect(201)).body.complaintId;
  const register = (complaintId: string) => t.http.post(`/complaints/${complaintId}/registration`).set(officer).send(aRegistrationBody());
  const lastSequence = async (): Promise<number> => {
    const [tail] = await t.store.readStream(registerStreamId(YEAR), { direction: 'backwards', maxCount: 1 });
    const data = tail?.data as { sequence?: number; lastSequence?: number } | undefined;
    return data?.lastSequence ?? data?.sequence ?? 0;
  };

  /** The JSON export once it accounts for every number handed out so far: each used by a row or voided. */
  const exportExplainingEveryNumber = async () => {
    const last = await lastSequence();
    return eventually(
      async () => {
        const body = (await t.http.get('/reports/journal').query({ format: 'json' }).expect(200)).body;
        const used = body.rows.map((row: { registerNumber: string | null }) => row.registerNumber).filter(Boolean);
        const voided = body.voidedRegisterNumbers.map((v: { registerNumber: string }) => v.registerNumber);
        const expected = Array.from({ length: last }, (_, i) => formatRegisterNumber(YEAR, i + 1));
        return [...used, ...voided].sort().join() === expected.join() && { body, used, voided };
      },
      10_000,
      `every number up to ${last} used or voided in the export`,
    );
  };

  it('a registration racing a withdrawal: every burned number is in the export, in sequence, with its reason (JSON and CSV)', async () => {
    // Certain: the withdrawal lands between the reservation and the registration.
    const certain = await receive();
    withdrawOnReservation.add(certain);
    const refused = await register(certain);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);

    // Racing, as clients do.
    const ids = await Promise.all(Array.from({ length: 20 }, () => receive()));
    latencyMs = 4;
    const outcomes = await Promise.all(ids.map((id) => Promise.all([register(id), withdraw(id)])));
    latencyMs = 0;
    for (const [registration] of outcomes) expect(registration.status).toBeLessThan(500);

    const { body, voided } = await exportExplainingEveryNumber();
    expect(voided.length).toBeGreaterThanOrEqual(1);
    expect(body.voidedRegisterNumbers).toContainEqual(
      expect.objectContaining({ complaintId: certain, reason: expect.stringMatching(/withdrawn/), year: YEAR }),
    );
    expect(voided).toEqual([...voided].sort());
    for (const v of body.voidedRegisterNumbers) expect(v.reason.trim()).not.toBe('');

    // The CSV lists the same numbers in sequence, voided ones in their place with the reason.
    const csv = (await t.http.get('/reports/journal').query({ format: 'csv' }).expect(200)).text.replace(/^\uFEFF/, '');
    const [header, ...lines] = csv.trimEnd().split('\r\n');
    const columns = header.split(',');
    expect(columns.slice(-2)).toEqual(['voidedAt', 'voidReason']);
    const numbered = lines.map((line) => line.split(',')[0]).filter(Boolean);
    expect(numbered).toEqual(Array.from({ length: numbered.length }, (_, i) => formatRegisterNumber(YEAR, i + 1)));
    const certainLine = lines.find((line) => line.includes(certain));
    expect(certainLine?.split(',')[2]).toBe('voided');
    expect(certainLine).toMatch(/withdrawn/);
  });

  it('a reservation left open by a killed server is voided within the timeout, with no registration after it', async () => {
    const complaintId = await receive();
    // What a server killed between the two appends leaves: the reservation, and no registration.
    const stream = registerStreamId(YEAR);
    const before = await t.store.readStream(stream, { direction: 'backwards', maxCount: 1 });
    const sequence = (await lastSequence()) + 1;
    const reservedAt = new Date().toISOString();
    const open = ((before[0]?.data as { openReservations?: unknown[] } | undefined)?.openReservations ?? []) as RegisterNumberReserved['data']['openReservations'];
    const reservation = { registerNumber: formatRegisterNumber(YEAR, sequence), sequence, complaintId, commandId: 'killed-registration', reservedAt };
    await appendChained(t.store, stream, tailOf(before), [{ type: 'RegisterNumberReserved', schemaVersion: 1, data: { ...reservation, year: YEAR, openReservations: [...open, reservation] } }], {
      commandId: 'killed-registration',
      correlationId: 'killed-registration',
      causationId: 'killed-registration',
      actor: { id: 'officer-petrov', role: 'quality-officer' },
      occurredAt: reservedAt,
      recordedAt: reservedAt,
    });

    const voided = await eventually(
      async () => (await t.store.readStream(stream)).find((e) => e.type === 'RegisterNumberVoided' && (e.data as { sequence: number }).sequence === sequence),
      TIMEOUT_SECONDS * 1000 + 5_000,
      `${reservation.registerNumber} voided`,
    );
    const data = voided.data as { reason: string; voidedAt: string; complaintId: string };
    expect(data.complaintId).toBe(complaintId);
    expect(data.reason).toMatch(new RegExp(`${complaintId}.*did not complete within ${TIMEOUT_SECONDS} second`));
    // Not before the timeout; within it plus a sweep interval (and this machine's slack).
    const age = Date.parse(data.voidedAt) - Date.parse(reservedAt);
    expect(age).toBeGreaterThan(TIMEOUT_SECONDS * 1000);
    expect(age).toBeLessThan(TIMEOUT_SECONDS * 1000 + 3_000);
    expect(voided.metadata.actor).toEqual({ id: 'ledger-register-sweeper', role: 'administrator' });

    const { body } = await exportExplainingEveryNumber();
    expect(body.voidedRegisterNumbers).toContainEqual(expect.objectContaining({ registerNumber: reservation.registerNumber, reason: data.reason, reservedAt }));
    // The complaint can still be registered, under a fresh number.
    expect((await register(complaintId).expect(200)).body).toBeDefined();
  });
});
