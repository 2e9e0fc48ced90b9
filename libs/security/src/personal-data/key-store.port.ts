/**
 * Data keys of the subjects whose personal data is sealed (here: one per complaint's complainant),
 * kept apart from the events. Destroying a key is what erases the data: the events keep only ciphertext.
 * Asynchronous because the production store is on the network; adapters: SQLite (embedded), MongoDB.
 */
export interface KeyStore {
  /** Where the keys are, for messages to an operator (never a secret). */
  readonly location: string;
  /**
   * How another thread of this process opens the same store, read-only (a module exporting
   * `reopenKeyStore(options)`, and its options as data); absent where it cannot (a store in memory).
   */
  readonly reopen?: { module: string; options: unknown };
  /**
   * The subject's key, created on first use; undefined once the subject was erased (never a new one).
   * Resolves only once a new key is durably stored: data sealed with it must never outlive it.
   */
  keyFor(subject: string, now: Date): Promise<Buffer | undefined>;
  /** The subject's key if it has one; undefined when it never had one or was erased. */
  existingKey(subject: string): Promise<Buffer | undefined>;
  /**
   * The subject's key, or why there is none: erased (a tombstone is recorded) or missing (this store never
   * heard of it: another key store, or events restored without their keys). Looking up creates nothing.
   */
  lookup(subject: string): Promise<KeyLookup>;
  /** `lookup` of several subjects at once (a page of events read by a rebuild): one question to the store, not one per subject. */
  lookupMany(subjects: readonly string[]): Promise<Map<string, KeyLookup>>;
  /** Destroys the subject's key for good, leaving a tombstone; false when there was none to destroy. */
  destroy(subject: string, now: Date): Promise<boolean>;
  close(): Promise<void>;
}

/** The key store cannot be reached now: nothing was sealed or erased; the caller may try again later. */
export class KeyStoreUnavailableError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'KeyStoreUnavailableError';
  }
}

/** What a key store knows of a subject. "missing" must never be shown as erased: the data may well be readable elsewhere. */
export type KeyLookup = { state: 'present'; key: Buffer } | { state: 'erased' } | { state: 'missing' };

/** There is no key store where one was looked for (opening for reading never creates one). */
export class KeyStoreNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyStoreNotFoundError';
  }
}
