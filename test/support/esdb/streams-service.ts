import { ExpectedRevision, WrongExpectedRevisionError } from '@app/event-store';
import { SqliteEventStore } from '@app/event-store/sqlite';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { AppendReq, AppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { sendUnaryData, ServerReadableStream, ServerWritableStream, status } from '@grpc/grpc-js';
import { setTimeout as sleep } from 'node:timers/promises';
import { predicateOf } from './read-filter';
import {
  eventDataFrom,
  readResponse,
  storePositionAtOrAfter,
  storePositionAtOrBefore,
  streamIdentifier,
  streamName,
  toLogPosition,
} from './wire-events';

const PAGE = 500;

/**
 * The parts of EventStoreDB's `Streams` service the official client uses for append and reads, over
 * the embedded store (the port has no subscriptions: ADR 0019, so neither does this server). Delete, tombstone and BatchAppend are not served: the
 * server features call answers UNIMPLEMENTED, so the client falls back to `Append`.
 */
export class StreamsService {
  /** A pause before each read is served: a slow server, so that a test can catch a reader half-way. */
  readDelayMs = 0;

  constructor(private readonly store: SqliteEventStore) {}

  append(call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void {
    let options: AppendReq.Options | undefined;
    const events: ReturnType<typeof eventDataFrom>[] = [];
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      else if (request.hasProposedMessage()) events.push(eventDataFrom(request.getProposedMessage() as AppendReq.ProposedMessage));
    });
    call.on('end', () => {
      if (!options) return callback({ code: status.INVALID_ARGUMENT, details: 'An append must begin with its options.' });
      const stream = streamName(options.getStreamIdentifier());
      const expected = expectedRevisionOf(options);
      const append = async () => {
        const headBefore = (await this.store.readAll({ direction: 'backwards', maxCount: 1 }))[0]?.position ?? -1n;
        const result = await this.store.appendToStream(stream, events, { expectedRevision: expected });
        // Nothing new past the old head: an idempotent re-append, which the real server answers without a position.
        return { result, idempotent: result.position <= headBefore };
      };
      append().then(
        ({ result, idempotent }) => {
          const success = new AppendResp.Success();
          success.setCurrentRevision(result.nextExpectedRevision.toString());
          if (idempotent) success.setNoPosition(new Empty());
          else {
            const position = new AppendResp.Position();
            position.setCommitPosition(toLogPosition(result.position).toString());
            position.setPreparePosition(toLogPosition(result.position).toString());
            success.setPosition(position);
          }
          const response = new AppendResp();
          response.setSuccess(success);
          callback(null, response);
        },
        (error: unknown) => {
          // A wrong expected version is an ordinary reply, not a gRPC error.
          if (error instanceof WrongExpectedRevisionError) return callback(null, wrongExpectedVersion(error));
          callback({ code: status.INTERNAL, details: String(error) });
        },
      );
    });
  }

  read(call: ServerWritableStream<ReadReq, ReadResp>): void {
    const options = call.request.getOptions() as ReadReq.Options;
    const serve = (this.readDelayMs > 0 ? sleep(this.readDelayMs) : Promise.resolve()).then(() =>
      options.hasSubscription()
        ? Promise.reject(new Error('Subscriptions are not served: the EventStore port has none (ADR 0019).'))
        : options.hasStream()
          ? this.readStream(call, options)
          : this.readAll(call, options),
    );
    serve.then(
      () => {
        if (!call.writableEnded) call.end();
      },
      (error: unknown) => call.emit('error', { code: status.INTERNAL, details: String(error) }),
    );
  }

  private async readStream(call: ServerWritableStream<ReadReq, ReadResp>, options: ReadReq.Options): Promise<void> {
    const streamOptions = options.getStream() as ReadReq.Options.StreamOptions;
    const stream = streamName(streamOptions.getStreamIdentifier());
    if ((await this.store.readStream(stream, { maxCount: 1 })).length === 0) {
      const notFound = new ReadResp.StreamNotFound();
      notFound.setStreamIdentifier(streamIdentifier(stream));
      const response = new ReadResp();
      response.setStreamNotFound(notFound);
      return void (await write(call, response));
    }
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const from = streamOptions.hasRevision() ? BigInt(streamOptions.getRevision()) : streamOptions.hasEnd() ? 'end' : 'start';
    if (from === 'end' && !backwards) return; // forwards from the end: nothing yet
    const events = await this.store.readStream(stream, {
      direction: backwards ? 'backwards' : 'forwards',
      fromRevision: backwards && from === 'start' ? 0n : from,
      maxCount: countOf(options),
    });
    for (const event of events) if (!(await write(call, readResponse(event, options.getUuidOption(), false)))) return;
  }

  private async readAll(call: ServerWritableStream<ReadReq, ReadResp>, options: ReadReq.Options): Promise<void> {
    const all = options.getAll() as ReadReq.Options.AllOptions;
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const allows = predicateOf(options);
    let remaining = countOf(options);
    // Forward reads include the event at the position; backward reads stop before it, as the real server's do.
    let bound: bigint | 'start' | 'end' = all.hasStart() ? 'start' : all.hasEnd() ? 'end' : 0n;
    if (all.hasPosition()) {
      const logPosition = BigInt((all.getPosition() as ReadReq.Options.Position).getCommitPosition());
      bound = backwards ? storePositionAtOrBefore(logPosition - 1n) : storePositionAtOrAfter(logPosition);
    }
    if (bound === 'start' && backwards) return;
    while (remaining > 0) {
      const page = await this.store.readAll({ fromPosition: bound, direction: backwards ? 'backwards' : 'forwards', maxCount: PAGE });
      for (const event of page) {
        if (!allows(event)) continue;
        if (!(await write(call, readResponse(event, options.getUuidOption(), true)))) return;
        if (--remaining === 0) return;
      }
      if (page.length < PAGE) return;
      bound = page[page.length - 1].position + (backwards ? -1n : 1n);
    }
  }
}

/** Writes one response, waiting while the client is slow; false once the call is over. */
const write = async (call: ServerWritableStream<ReadReq, ReadResp>, response: ReadResp): Promise<boolean> => {
  if (call.cancelled || call.destroyed || call.writableEnded) return false;
  if (!call.write(response))
    await new Promise<void>((resolve) => {
      const done = () => {
        call.off('drain', done);
        call.off('close', done);
        resolve();
      };
      call.on('drain', done);
      call.on('close', done);
    });
  return !call.cancelled && !call.destroyed;
};

const countOf = (options: ReadReq.Options): number =>
  options.hasCount() ? Number(BigInt.asUintN(53, BigInt(options.getCount()))) || Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;

const expectedRevisionOf = (options: AppendReq.Options): ExpectedRevision => {
  if (options.hasRevision()) return BigInt(options.getRevision());
  if (options.hasNoStream()) return 'no_stream';
  if (options.hasStreamExists()) return 'stream_exists';
  return 'any';
};

const wrongExpectedVersion = (error: WrongExpectedRevisionError): AppendResp => {
  const wrong = new AppendResp.WrongExpectedVersion();
  if (error.actual === 'no_stream') wrong.setCurrentNoStream(new Empty());
  else wrong.setCurrentRevision(error.actual.toString());
  const expected = error.expected;
  if (typeof expected === 'bigint') wrong.setExpectedRevision(expected.toString());
  else if (expected === 'no_stream') wrong.setExpectedNoStream(new Empty());
  else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
  else wrong.setExpectedAny(new Empty());
  const response = new AppendResp();
  response.setWrongExpectedVersion(wrong);
  return response;
};
