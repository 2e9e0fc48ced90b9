import { complaintStreamId, isRegisterNumber, RegisterEvent, registerStreamId } from '@app/domain';
import { EventStore } from '@app/event-store';

const PAGE = 256;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isComplaintId = (value: string): boolean => UUID.test(value);

/**
 * The complaint registered under a register number (`2026-000042`), found in the event store and not
 * in a read model, so that it works the moment registration answers. The year's register stream says
 * which complaint reserved the number; the complaint's own stream says whether it was registered under
 * it (a voided number, or one still in flight, names no case). Undefined when no case holds the number.
 */
export const complaintIdByRegisterNumber = async (store: EventStore, registerNumber: string): Promise<string | undefined> => {
  if (!isRegisterNumber(registerNumber)) return undefined;
  const year = Number(registerNumber.slice(0, 4));
  const sequence = Number(registerNumber.slice(5));
  if (sequence < 1) return undefined;
  // Each append reserves at most one number, so number N is reserved at revision N - 1 or later.
  let from = BigInt(sequence - 1);
  let complaintId: string | undefined;
  while (complaintId === undefined) {
    const page = await store.readStream(registerStreamId(year), { fromRevision: from, maxCount: PAGE });
    for (const event of page) {
      if (event.type !== 'RegisterNumberReserved') continue;
      const reserved = (event as unknown as RegisterEvent & { type: 'RegisterNumberReserved' }).data;
      if (reserved.sequence > sequence) return undefined;
      if (reserved.sequence === sequence) {
        complaintId = reserved.complaintId;
        break;
      }
    }
    if (complaintId === undefined && page.length < PAGE) return undefined;
    if (page.length > 0) from = page[page.length - 1].revision + 1n;
  }
  const events = await store.readStream(complaintStreamId(complaintId));
  const registered = events.some((event) => event.type === 'ComplaintRegistered' && (event.data as { registerNumber?: unknown }).registerNumber === registerNumber);
  return registered ? complaintId : undefined;
};

/** A complaint id (UUID, any case) or a register number, as the complaint's id; undefined when neither names a case. */
export const resolveComplaintReference = async (store: EventStore, reference: string): Promise<string | undefined> =>
  isComplaintId(reference) ? reference.toLowerCase() : complaintIdByRegisterNumber(store, reference);
