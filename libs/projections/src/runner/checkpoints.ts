import { DocumentStore } from '@app/read-store';

export const CHECKPOINTS = 'projection_checkpoints';

/** Where a projection stands in `$all`: stored with its documents, in the same bulkWriteAll. */
export interface Checkpoint {
  _id: string;
  /** positionKey of the last position the projection has fully applied (or scanned past). */
  position: string;
  projectionVersion: number;
  /**
   * Documents the collection should hold: created minus deleted, as the runner writes them (a rebuild
   * counts them at its swap). Absent in checkpoints written before it was kept: unknown until a rebuild.
   */
  documents?: number;
}

export const readCheckpoint = async (documents: DocumentStore, id: string): Promise<Checkpoint | null> =>
  documents.collection<Checkpoint>(CHECKPOINTS).findOne({ _id: id });
