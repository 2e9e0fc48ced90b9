import {
  Actor,
  COMPLAINT_EVENT_SCHEMA_VERSIONS,
  complaintDecider,
  ComplaintReceived,
  complaintStreamId,
  DecisionContext,
  ERASED,
  ErasePersonalData,
  isComplaintEvent,
} from '@app/domain';
import { EventStore, RecordedEvent } from '@app/event-store';
import { Clock, handleCommand, RETRY_ON_CONFLICT, systemClock } from '@app/platform';
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
  clock: Clock = systemClock,
): Promise<void> => {
  const id = complaintId.toLowerCase();
  const commandId = randomUUID();
  let now = clock.now();
  let destroyed = false;
  const handled = await handleCommand(store, {
    decider: complaintDecider,
    streamId: complaintStreamId(id),
    read: 'stream',
    folds: isComplaintEvent,
    // The key goes first: the event then says what is already true, and a crash between the two is mended by running again.
    command: async (_state, events, attempt): Promise<ErasePersonalData> => {
      if (events.length === 0) throw new UsageError(`No complaint ${complaintId}.`);
      await requireKeyHere(vault, id, events);
      if (attempt === 1) await refuseAReasonThatNamesTheComplainant(vault, events, options.reason);
      now = clock.now();
      destroyed = (await vault.erase(id, now)) || destroyed;
      return { type: 'ErasePersonalData', data: { complaintId: id, reason: options.reason } };
    },
    // An erasure is decided on the case and the time alone (decideErasure): no deployment policy is consulted.
    context: (): DecisionContext => ({ now, actor: ERASER(options.actor) }) as DecisionContext,
    schemaVersion: (event) => COMPLAINT_EVENT_SCHEMA_VERSIONS[event.type],
    envelope: () => ({ commandId, correlationId: commandId, causationId: commandId, actor: ERASER(options.actor), occurredAt: now.toISOString(), recordedAt: now.toISOString() }),
    retry: RETRY_ON_CONFLICT,
  });
  if (handled.outcome === 'rejected') throw new UsageError(handled.rejection.message);
  if (handled.outcome === 'unchanged') {
    out.write(`The personal data of complaint ${complaintId} was already erased${destroyed ? '; a key left behind is now destroyed too' : ''}.\n`);
    return;
  }
  const key = destroyed ? `its key is destroyed (in ${vault.location})` : `its key was already destroyed, or it never had sealed data (${vault.location})`;
  out.write(`Erased the personal data of complaint ${complaintId}: ${key}; recorded at revision ${handled.append.nextExpectedRevision}.\n`);
};

/** Who erases from the CLI: an administrator of the ledger, named by --actor or the login. */
const ERASER = (id: string): Actor => ({ id, role: 'administrator' });

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
