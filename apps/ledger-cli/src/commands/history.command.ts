import { complaintStreamId } from '@app/domain';
import { EventStore, toHistoryEntry } from '@app/event-store';
import { KeyStore, PersonalDataVault, UnsealingEventStore } from '@app/security';
import { UsageError } from '../embedded-store';
import { missingKeyWarning } from './key-check';

/**
 * Prints a case's events in order: revision, when, who, what — or the full entries as JSON lines. Personal data is
 * opened with the keys; sealed data this key store has no key for reads as such (never as erased), with one warning.
 */
export const history = async (
  sealedStore: EventStore,
  keys: KeyStore,
  complaintId: string,
  json: boolean,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> => {
  const vault = new PersonalDataVault(keys, { onMissingKey: (subject) => err.write(missingKeyWarning(keys.location, subject)) });
  const store = new UnsealingEventStore(sealedStore, vault);
  const events = await store.readStream(complaintStreamId(complaintId.toLowerCase()));
  if (events.length === 0) throw new UsageError(`No complaint ${complaintId}.`);
  for (const entry of events.map(toHistoryEntry)) {
    if (json) {
      out.write(`${JSON.stringify(entry)}\n`);
      continue;
    }
    const actor = entry.actor ? `${entry.actor.id} (${entry.actor.role})` : 'unknown actor';
    out.write(`#${entry.revision}  ${entry.recordedAt}  ${entry.type}  by ${actor}  [occurred ${entry.occurredAt}]\n`);
    out.write(`    ${JSON.stringify(entry.data)}\n`);
  }
  return 0;
};
