/**
 * Where the bytes of attachments live: a directory under DATA_DIR (embedded) or an S3-compatible bucket
 * (production). The store keeps opaque bytes under a key; what they mean (sealed evidence, named by its
 * SHA-256) is the caller's business. Every write replaces the whole object: no partial objects are ever read.
 */
export interface BlobStore {
  /** Where the blobs are, for messages to an operator (never a secret). */
  readonly location: string;
  /** Stores the bytes under the key, replacing any; resolves once they are durably stored. */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes under the key, or undefined when there are none. */
  get(key: string): Promise<Buffer | undefined>;
  /** Whether bytes are stored under the key (without reading them). */
  has(key: string): Promise<boolean>;
  /** Removes the bytes; false when there were none. */
  delete(key: string): Promise<boolean>;
  /** The keys that start with the prefix, in ascending order. */
  list(prefix: string): Promise<string[]>;
  close(): Promise<void>;
}

/** The blob store cannot be reached now: nothing was stored or read; the caller may try again later. */
export class BlobStoreUnavailableError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'BlobStoreUnavailableError';
  }
}

// Keys are paths of plain segments: no "..", no empty segment, nothing a file system or URL reads specially.
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}(\/[A-Za-z0-9][A-Za-z0-9._-]{0,127}){0,7}$/;

export const isBlobKey = (key: string): boolean => KEY.test(key) && !key.split('/').some((segment) => segment.includes('..'));

/** Throws on a key no adapter accepts; every adapter calls it first, so all of them refuse the same keys. */
export const assertBlobKey = (key: string): void => {
  if (!isBlobKey(key)) throw new RangeError(`"${key.slice(0, 80)}" is not a blob key (segments of letters, digits, ".", "_", "-", joined by "/").`);
};

/** A prefix for list(): empty, or a key-like path that may end with "/". */
export const assertBlobPrefix = (prefix: string): void => {
  if (prefix !== '' && !isBlobKey(prefix.replace(/\/$/, ''))) throw new RangeError(`"${prefix.slice(0, 80)}" is not a blob key prefix.`);
};
