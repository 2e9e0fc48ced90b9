import { complaintStreamId, registerStreamId } from '@app/domain';
import { EVENTS_FILE, SqliteEventStore } from '@app/event-store/sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { complaintIdByRegisterNumber, resolveComplaintReference } from './register-number-lookup';

const event = (type: string, data: unknown) => ({ eventId: randomUUID(), type, data, metadata: {} });
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A register of 2026 with 800 numbers, every fifth voided after a renewal, so numbers sit past their sequence's revision. */
describe('a register number names its complaint, from the event store', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'register-lookup-'));
    store = new SqliteEventStore(join(dir, EVENTS_FILE));
    const register = [];
    for (let sequence = 1; sequence <= 800; sequence++) {
      const registerNumber = `2026-${String(sequence).padStart(6, '0')}`;
      const complaintId = uuid(sequence);
      register.push(event('RegisterNumberReserved', { year: 2026, sequence, registerNumber, complaintId }));
      if (sequence % 5 === 0) {
        register.push(event('RegisterNumberReservationRenewed', { year: 2026, sequence, registerNumber, complaintId }));
        register.push(event('RegisterNumberVoided', { year: 2026, sequence, registerNumber, complaintId, reason: 'withdrawn' }));
        await store.appendToStream(complaintStreamId(complaintId), [event('ComplaintReceived', { complaintId })]);
      } else
        await store.appendToStream(complaintStreamId(complaintId), [
          event('ComplaintReceived', { complaintId }),
          event('ComplaintRegistered', { complaintId, registerNumber }),
        ]);
    }
    await store.appendToStream(registerStreamId(2026), register);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([1, 2, 4, 6, 257, 599, 799])('finds number %i, however far past its sequence it was reserved (a page is 256 events)', async (sequence) => {
    expect(await complaintIdByRegisterNumber(store, `2026-${String(sequence).padStart(6, '0')}`)).toBe(uuid(sequence));
  });

  it('names no case for a voided number, a number not given yet, a year without a register, or number zero', async () => {
    for (const number of ['2026-000005', '2026-000800', '2026-000801', '2025-000001', '2026-000000', '2026-1'])
      expect(await complaintIdByRegisterNumber(store, number)).toBeUndefined();
  });

  it('takes a complaint id as it is, in lower case', async () => {
    expect(await resolveComplaintReference(store, uuid(7).toUpperCase())).toBe(uuid(7));
    expect(await resolveComplaintReference(store, '2026-000007')).toBe(uuid(7));
  });
});
