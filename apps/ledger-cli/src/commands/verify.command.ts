import { complaintStreamId } from '@app/domain';
import { ChainVerifier, EventStore, readAllPages, verifyChain } from '@app/event-store';
import { UsageError } from '../embedded-store';

const PROGRESS_EVERY_MS = 1000;

/**
 * Verifies the hash chain of one stream, or of every stream in one pass over `$all`.
 * Returns the exit code: 0 when intact, 1 at the first break.
 */
export const verify = async (
  store: EventStore,
  stream: string | undefined,
  out: NodeJS.WritableStream,
  progress: NodeJS.WritableStream,
): Promise<number> => {
  if (stream !== undefined) {
    const streamId = /^[0-9a-f-]{36}$/i.test(stream) ? complaintStreamId(stream.toLowerCase()) : stream;
    const events = await store.readStream(streamId);
    if (events.length === 0) throw new UsageError(`No stream ${streamId}.`);
    const verdict = verifyChain(events);
    if (verdict.valid) {
      out.write(`${streamId}: chain intact (${verdict.eventsChecked} events, last hash ${verdict.lastHash})\n`);
      return 0;
    }
    out.write(`${streamId}: chain BROKEN at revision ${verdict.revision} (${verdict.reason}): ${verdict.message}\n`);
    return 1;
  }

  const verifier = new ChainVerifier();
  const started = Date.now();
  let lastReport = started;
  for await (const page of readAllPages(store)) {
    for (const event of page) {
      const broken = verifier.check(event);
      if (broken) {
        out.write(`${broken.streamId}: chain BROKEN at revision ${broken.revision} (${broken.reason}): ${broken.message}\n`);
        return 1;
      }
    }
    if (Date.now() - lastReport >= PROGRESS_EVERY_MS) {
      lastReport = Date.now();
      const rate = Math.round(verifier.eventsChecked / ((lastReport - started) / 1000));
      progress.write(`verified ${verifier.eventsChecked} events in ${verifier.streamsChecked} streams (${rate} events/s)\n`);
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  out.write(`all streams: chain intact (${verifier.eventsChecked} events in ${verifier.streamsChecked} streams, ${seconds} s)\n`);
  return 0;
};
