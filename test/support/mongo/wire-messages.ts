import { BSON, Document as BsonDocument } from 'mongodb';

// The bson package that ships with the driver, through the driver's own export.
const { deserialize, serialize } = BSON;

// MongoDB's wire protocol, the part the official driver speaks to a standalone server: the legacy
// OP_QUERY handshake answered with OP_REPLY, then OP_MSG both ways.
// https://www.mongodb.com/docs/manual/reference/mongodb-wire-protocol/

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

const HEADER_SIZE = 16;
const CHECKSUM_PRESENT = 1 << 0;
export const MORE_TO_COME = 1 << 1;
/** Refused above this size, as a server that advertises 48 MB would. */
export const MAX_MESSAGE_SIZE = 48_000_000;

export interface MessageHeader {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

/** A command as the driver sent it: its body (kind 0) with the document sequences (kind 1) folded in. */
export interface CommandRequest {
  header: MessageHeader;
  /** OP_QUERY (handshake) or OP_MSG. */
  legacy: boolean;
  /** OP_MSG's moreToCome: the driver wants no reply. */
  moreToCome: boolean;
  /** The database it runs against: OP_QUERY's namespace prefix, or OP_MSG's $db. */
  db: string;
  command: BsonDocument;
}

/** Documents come back as plain JS values; 64-bit integers as numbers where exact (cursor ids are small). */
const DESERIALIZE = { promoteLongs: true, promoteValues: true, bsonRegExp: false } as const;

/** Splits a stream's buffered bytes into whole messages; returns the messages and the bytes left over. */
export const takeMessages = (buffer: Buffer): { messages: Buffer[]; rest: Buffer } => {
  const messages: Buffer[] = [];
  let offset = 0;
  while (buffer.length - offset >= 4) {
    const length = buffer.readInt32LE(offset);
    if (length < HEADER_SIZE || length > MAX_MESSAGE_SIZE) throw new Error(`Invalid message length ${length}.`);
    if (buffer.length - offset < length) break;
    messages.push(buffer.subarray(offset, offset + length));
    offset += length;
  }
  return { messages, rest: buffer.subarray(offset) };
};

const headerOf = (message: Buffer): MessageHeader => ({
  length: message.readInt32LE(0),
  requestId: message.readInt32LE(4),
  responseTo: message.readInt32LE(8),
  opCode: message.readInt32LE(12),
});

const cString = (buffer: Buffer, offset: number): { value: string; next: number } => {
  const end = buffer.indexOf(0, offset);
  if (end < 0) throw new Error('Unterminated C string.');
  return { value: buffer.toString('utf8', offset, end), next: end + 1 };
};

const documentAt = (buffer: Buffer, offset: number): { document: BsonDocument; next: number } => {
  const size = buffer.readInt32LE(offset);
  return { document: deserialize(buffer.subarray(offset, offset + size), DESERIALIZE), next: offset + size };
};

/** Parses an OP_QUERY (the handshake) or OP_MSG; other op codes are refused (the caller closes the connection). */
export const parseRequest = (message: Buffer): CommandRequest => {
  const header = headerOf(message);
  if (header.opCode === OP_QUERY) {
    // flags, fullCollectionName ("admin.$cmd"), numberToSkip, numberToReturn, query
    const namespace = cString(message, HEADER_SIZE + 4);
    const { document } = documentAt(message, namespace.next + 8);
    const command = (document.$query as BsonDocument | undefined) ?? document;
    return { header, legacy: true, moreToCome: false, db: namespace.value.split('.')[0], command };
  }
  if (header.opCode === OP_MSG) {
    const flags = message.readUInt32LE(HEADER_SIZE);
    const end = message.length - (flags & CHECKSUM_PRESENT ? 4 : 0);
    let offset = HEADER_SIZE + 4;
    let body: BsonDocument | undefined;
    const sequences: Record<string, BsonDocument[]> = {};
    while (offset < end) {
      const kind = message.readUInt8(offset++);
      if (kind === 0) {
        ({ document: body, next: offset } = documentAt(message, offset));
      } else if (kind === 1) {
        const sectionEnd = offset + message.readInt32LE(offset);
        const identifier = cString(message, offset + 4);
        const documents: BsonDocument[] = [];
        for (let at = identifier.next; at < sectionEnd; ) {
          const { document, next } = documentAt(message, at);
          documents.push(document);
          at = next;
        }
        sequences[identifier.value] = documents;
        offset = sectionEnd;
      } else {
        throw new Error(`Unknown OP_MSG section kind ${kind}.`);
      }
    }
    if (!body) throw new Error('OP_MSG without a body section.');
    return { header, legacy: false, moreToCome: (flags & MORE_TO_COME) !== 0, db: String(body.$db ?? ''), command: { ...body, ...sequences } };
  }
  throw new Error(`Unsupported op code ${header.opCode}${header.opCode === OP_COMPRESSED ? ' (compression is not offered)' : ''}.`);
};

const headerBytes = (length: number, requestId: number, responseTo: number, opCode: number): Buffer => {
  const header = Buffer.alloc(HEADER_SIZE);
  header.writeInt32LE(length, 0);
  header.writeInt32LE(requestId, 4);
  header.writeInt32LE(responseTo, 8);
  header.writeInt32LE(opCode, 12);
  return header;
};

/** The reply to a request, in the form the request came in: OP_REPLY for OP_QUERY, OP_MSG (one body section) otherwise. */
export const replyTo = (request: CommandRequest, requestId: number, reply: BsonDocument): Buffer => {
  const document = serialize(reply);
  if (request.legacy) {
    // responseFlags, cursorID (0), startingFrom, numberReturned, then the document
    const fields = Buffer.alloc(20);
    fields.writeInt32LE(1, 16);
    const length = HEADER_SIZE + fields.length + document.length;
    return Buffer.concat([headerBytes(length, requestId, request.header.requestId, OP_REPLY), fields, document]);
  }
  const flagsAndKind = Buffer.alloc(5); // flags 0, section kind 0
  const length = HEADER_SIZE + flagsAndKind.length + document.length;
  return Buffer.concat([headerBytes(length, requestId, request.header.requestId, OP_MSG), flagsAndKind, document]);
};
