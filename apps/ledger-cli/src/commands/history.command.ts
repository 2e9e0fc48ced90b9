import { complaintStreamId } from '@app/domain';
import { EventStore, toHistoryEntry } from '@app/event-store';
import { UsageError } from '../embedded-store';

/** Prints a case's events in order: revision, when, who, what — or the full entries as JSON lines. */
export const history = async (store: EventStore, complaintId: string, json: boolean, out: NodeJS.WritableStream): Promise<number> => {
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
