import { EventStore } from '@app/event-store';
import { REGISTER_JOURNAL } from '@app/projections';
import { DocumentStore } from '@app/read-store';
import { PersonalDataVault, UnsealingEventStore } from '@app/security';
import { openEmbeddedReadModels, UsageError } from '../embedded-store';
import { rebuildHere } from './rebuild.command';

/** rebuilt: no copy of the erased data is left; held: a running API holds them; refused: another rebuild holds the lock. */
export type ScrubOutcome = 'rebuilt' | 'held' | 'refused';

/**
 * After an erasure, with no API holding the read models: rebuilds the register journal (the one read
 * model with personal data) from the sealed events, then compacts the store, so that no byte of the
 * erased data lingers in its file or its WAL.
 */
export const scrubReadModels = async (dataDir: string, store: EventStore, vault: PersonalDataVault, progress: NodeJS.WritableStream): Promise<ScrubOutcome> => {
  let documents: DocumentStore;
  try {
    documents = await openEmbeddedReadModels(dataDir);
  } catch (error) {
    if (error instanceof UsageError) return 'held';
    throw error;
  }
  try {
    // rebuildHere has said why it did not start (the rebuild lock): nothing was rebuilt, so nothing is compacted.
    if ((await rebuildHere(new UnsealingEventStore(store, vault), documents, REGISTER_JOURNAL, progress)) !== 0) return 'refused';
    await documents.compact?.();
    return 'rebuilt';
  } finally {
    await documents.close();
  }
};
