import { DocumentStoreUnavailableError, DuplicateKeyError } from '@app/read-store';
import { Document as BsonDocument } from 'mongodb';

/** A command refused as MongoDB refuses it: `{ ok: 0, errmsg, code, codeName }`. */
export class CommandError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    private readonly details: BsonDocument = {},
  ) {
    super(message);
  }

  get reply(): BsonDocument {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.details };
  }
}

export const badValue = (message: string): CommandError => new CommandError(2, 'BadValue', message);
export const notSupported = (what: string): CommandError =>
  new CommandError(115, 'CommandNotSupported', `${what} is not supported by this test server.`);

/** MongoDB's text of a duplicate key: `E11000 duplicate key error collection: db.c index: a_1 dup key: { a: "x" }`. */
const duplicateKeyMessage = ({ collection, index, key }: DuplicateKeyError): string =>
  `E11000 duplicate key error collection: ${collection} index: ${index} dup key: { ${Object.entries(key)
    .map(([field, value]) => `${field}: ${JSON.stringify(value)}`)
    .join(', ')} }`;

/** One entry of a write command's `writeErrors`, for the operation at `index`. */
export const writeErrorOf = (index: number, error: unknown): BsonDocument => {
  if (error instanceof DuplicateKeyError) {
    const keyPattern = Object.fromEntries(Object.keys(error.key).map((field) => [field, 1]));
    return { index, code: 11000, errmsg: duplicateKeyMessage(error), keyPattern, keyValue: error.key };
  }
  if (error instanceof CommandError) return { index, code: error.code, errmsg: error.message };
  const message = error instanceof Error ? error.message : String(error);
  if (/immutable field '_id'/.test(message)) return { index, code: 66, errmsg: message };
  return { index, code: 2, errmsg: message };
};

/** The reply for an error thrown while running a command. */
export const errorReply = (error: unknown): BsonDocument => {
  if (error instanceof CommandError) return error.reply;
  if (error instanceof DocumentStoreUnavailableError) return new CommandError(6, 'HostUnreachable', error.message).reply;
  return badValue(error instanceof Error ? error.message : String(error)).reply;
};
