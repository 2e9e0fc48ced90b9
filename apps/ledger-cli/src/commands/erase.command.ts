import { COMPLAINT_EVENT_SCHEMA_VERSIONS, ComplaintReceived, complaintStreamId, ERASED, PersonalDataErased } from '@app/domain';
import { appendChained, EventStore, RecordedEvent, tailOf, WrongExpectedRevisionError } from '@app/event-store';
import { PersonalDataVault } from '@app/security';
import { randomUUID } from 'node:crypto';
import { UsageError } from '../embedded-store';
import { requireKeyHere } from './key-check';

/**
 * Erases a complainant's personal data (GDPR art. 17) by destroying the complaint's data key, then
 * records PersonalDataErased in the case. The events stay as they are, so every chain stays intact;
 * run again after a crash between the two steps, it only records the event. Refuses (and records
 * nothing) when this key store never had the case's key: the API keeps it elsewhere.
 */
export const erase = async (
  store: EventStore,
  vault: PersonalDataVault,
  complaintId: string,
  options: { reason?: string; actor: string },
  out: NodeJS.WritableStream,
): Promise<void> => {
  const streamId = complaintStreamId(complaintId.toLowerCase());
  for (let attempt = 1; ; attempt++) {
    const events = await store.readStream(streamId);
    if (events.length === 0) throw new UsageError(`No complaint ${complaintId}.`);
    await requireKeyHere(vault, complaintId.toLowerCase(), events);
    if (attempt === 1) await refuseAReasonThatNamesTheComplainant(vault, events, options.reason);
    const now = new Date();
    const destroyed = await vault.erase(complaintId.toLowerCase(), now);
    if (events.some((event) => event.type === 'PersonalDataErased')) {
      out.write(`The personal data of complaint ${complaintId} was already erased${destroyed ? '; a key left behind is now destroyed too' : ''}.\n`);
      return;
    }
    const erased: PersonalDataErased = {
      type: 'PersonalDataErased',
      data: { complaintId: complaintId.toLowerCase(), erasedAt: now.toISOString(), reason: options.reason ?? 'Erasure requested by the complainant (GDPR art. 17)' },
    };
    const commandId = randomUUID();
    try {
      const result = await appendChained(store, streamId, tailOf(events), [{ ...erased, schemaVersion: COMPLAINT_EVENT_SCHEMA_VERSIONS.PersonalDataErased }], {
        commandId,
        correlationId: commandId,
        causationId: commandId,
        actor: { id: options.actor, role: 'administrator' },
        occurredAt: erased.data.erasedAt,
        recordedAt: erased.data.erasedAt,
      });
      const key = destroyed ? `its key is destroyed (in ${vault.location})` : `its key was already destroyed, or it never had sealed data (${vault.location})`;
      out.write(`Erased the personal data of complaint ${complaintId}: ${key}; recorded at revision ${result.nextExpectedRevision}.\n`);
      return;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= 10) throw error;
    }
  }
};

/** The erasure's reason stays in clear after the key is gone: it must not carry the very data being erased. */
const refuseAReasonThatNamesTheComplainant = async (vault: PersonalDataVault, events: RecordedEvent[], reason: string | undefined): Promise<void> => {
  const received = events.find((event) => event.type === 'ComplaintReceived');
  if (!reason || !received) return;
  const { complainant } = (await vault.open(received)).data as ComplaintReceived['data'];
  const named = [complainant.name, complainant.email, complainant.phone].filter(
    (value): value is string => typeof value === 'string' && value !== ERASED && value.length >= 3 && reason.toLowerCase().includes(value.toLowerCase()),
  );
  if (named.length > 0) throw new UsageError('--reason names the complainant; it stays readable after the erasure, so say why without naming them.');
};
