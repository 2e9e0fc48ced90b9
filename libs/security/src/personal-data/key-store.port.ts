/**
 * Data keys of the subjects whose personal data is sealed (here: one per complaint's complainant),
 * kept apart from the events. Destroying a key is what erases the data: the events keep only ciphertext.
 * The embedded adapter is SQLite; a MongoDB collection for production is still to be written.
 */
export interface KeyStore {
  /** The subject's key, created on first use; undefined once the subject was erased (never a new one). */
  keyFor(subject: string, now: Date): Buffer | undefined;
  /** The subject's key if it has one; undefined when it never had one or was erased. */
  existingKey(subject: string): Buffer | undefined;
  /** Destroys the subject's key for good; false when there was none to destroy. */
  destroy(subject: string, now: Date): boolean;
  close(): void;
}
