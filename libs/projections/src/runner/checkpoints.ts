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
  /**
   * A rebuild's only: the complaints whose documents it has not written up to `position` (open cases it
   * still holds in memory). A resumed rebuild folds them again from their streams; a swapped-in read model has none.
   */
  pending?: string[];
}

export const readCheckpoint = async (documents: DocumentStore, id: string): Promise<Checkpoint | null> =>
  documents.collection<Checkpoint>(CHECKPOINTS).findOne({ _id: id });
