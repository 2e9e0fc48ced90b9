import {
  MongoBulkWriteError,
  MongoClientClosedError,
  MongoError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerClosedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';
import { DocumentStoreUnavailableError, DuplicateKeyError } from '../document-store.port';

/** Server codes that mean "not now, try again": shutdown, stepdown, unreachable hosts, network trouble. */
const TRANSIENT_CODES = new Set([6, 7, 89, 91, 189, 9001, 10107, 11600, 11602, 13435, 13436]);

/**
 * The key of `E11000 … dup key: { registerNumber: "R-1", n: 2, x: null }`: field names, then values as
 * MongoDB prints them (JSON for strings, numbers, booleans, null; other values kept as their text).
 */
export const keyFromMessage = (message: string): Record<string, unknown> => {
  const body = /dup key: \{ (.*) \}\s*$/.exec(message)?.[1];
  if (!body) return {};
  const key: Record<string, unknown> = {};
  const entry = /\s*([^:,\s]+): ("(?:[^"\\]|\\.)*"|[^,]*)(?:,|$)/g;
  for (let match = entry.exec(body); match; match = entry.exec(body)) {
    const [, field, text] = match;
    try {
      key[field] = JSON.parse(text.trim());
    } catch {
      key[field] = text.trim();
    }
  }
  return key;
};

/** The write error of a duplicate key, wherever the driver put it (a command error, or a bulk write's first write error). */
const duplicateKeyOf = (error: MongoServerError): { errmsg?: string; keyValue?: Record<string, unknown> } | undefined => {
  if (error instanceof MongoBulkWriteError) {
    const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    const duplicate = writeErrors.find((writeError) => writeError.code === 11000);
    // The driver keeps only code and errmsg of a bulk write's errors: the key is read back from the message.
    return duplicate && { errmsg: duplicate.errmsg, keyValue: keyFromMessage(duplicate.errmsg ?? '') };
  }
  return error.code === 11000 ? (error as { errmsg?: string; keyValue?: Record<string, unknown> }) : undefined;
};

/** A bulk write carries a network failure as its errorResponse. */
const causeOf = (error: unknown): unknown =>
  error instanceof MongoBulkWriteError && error.errorResponse instanceof Error ? error.errorResponse : error;

/** True for a driver error that means MongoDB cannot be reached now (worth retrying later). */
export const isUnavailable = (error: unknown): boolean =>
  error instanceof MongoNetworkError ||
  error instanceof MongoServerSelectionError ||
  error instanceof MongoTopologyClosedError ||
  error instanceof MongoNotConnectedError ||
  error instanceof MongoClientClosedError ||
  error instanceof MongoServerClosedError ||
  (error instanceof MongoError && (TRANSIENT_CODES.has(Number(error.code)) || error.hasErrorLabel('RetryableWriteError')));

/** The collection does not exist (listIndexes on one never written). */
export const isNamespaceNotFound = (error: unknown): boolean => error instanceof MongoServerError && error.code === 26;

/** The index is not there (dropped since it was listed, by another instance). */
export const isIndexNotFound = (error: unknown): boolean => error instanceof MongoServerError && error.code === 27;

/** The port's errors for the driver's: E11000 → DuplicateKeyError, an unreachable server → DocumentStoreUnavailableError. */
export const translateError = (error: unknown, collection?: string): unknown => {
  if (error instanceof MongoServerError && collection !== undefined) {
    const duplicate = duplicateKeyOf(error);
    if (duplicate) {
      const index = /index: (\S+) dup key/.exec(duplicate.errmsg ?? '')?.[1] ?? 'unknown';
      return new DuplicateKeyError(collection, index, duplicate.keyValue ?? {});
    }
  }
  if (isUnavailable(causeOf(error))) return new DocumentStoreUnavailableError(`MongoDB cannot be reached: ${(error as Error).message}`, error);
  return error;
};

/** Runs a driver call and rethrows its failure as the port's error. */
export const translated = async <R>(call: () => Promise<R>, collection?: string): Promise<R> => {
  try {
    return await call();
  } catch (error) {
    throw translateError(error, collection);
  }
};
