import { EventStore } from '@app/event-store';
import { READ_MODELS_FILE } from '@app/read-store';
import { PersonalDataVault, UnsealingEventStore } from '@app/security';
import { REGISTER_JOURNAL } from '@app/projections';
import Database from 'better-sqlite3';
import { join, resolve } from 'node:path';
import { openEmbeddedReadModels, UsageError } from '../embedded-store';
import { rebuildHere } from './rebuild.command';

/**
 * After an erasure, with no API holding the read models: rebuilds the register journal (the one read
 * model with personal data) from the sealed events, then rewrites the SQLite file without free pages,
 * so that no byte of the erased data lingers in it or in its WAL. Returns false when the API holds them.
 */
export const scrubReadModels = async (dataDir: string, store: EventStore, vault: PersonalDataVault, progress: NodeJS.WritableStream): Promise<boolean> => {
  let documents;
  try {
    documents = openEmbeddedReadModels(dataDir);
  } catch (error) {
    if (error instanceof UsageError) return false;
    throw error;
  }
  try {
    await rebuildHere(new UnsealingEventStore(store, vault), documents, REGISTER_JOURNAL, progress);
  } finally {
    await documents.close();
  }
  const db = new Database(join(resolve(dataDir), READ_MODELS_FILE), { timeout: 10_000 });
  try {
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return true;
};
