import { Document as BsonDocument, Long } from 'mongodb';
import { CommandError } from './server-errors';

/** The first batch of a cursor unless the driver asks for another size, as MongoDB does. */
const DEFAULT_FIRST_BATCH = 101;

interface OpenCursor {
  ns: string;
  remaining: BsonDocument[];
}

/**
 * Server-side cursors over results computed in full: what find, aggregate and listCollections return.
 * Ids travel as 64-bit Longs (the driver refuses anything else) and start above 2^32 so they never fit an int32.
 */
export class Cursors {
  private readonly open = new Map<number, OpenCursor>();
  private nextId = 2 ** 32 + 1;

  /** `{ cursor: { firstBatch, id, ns } }`; the id is 0 when everything fits the first batch. */
  first(ns: string, results: BsonDocument[], options: { batchSize?: number; singleBatch?: boolean } = {}): BsonDocument {
    const size = positive(options.batchSize) ?? DEFAULT_FIRST_BATCH;
    const firstBatch = results.slice(0, size);
    const remaining = results.slice(size);
    let id = 0;
    if (remaining.length > 0 && !options.singleBatch) {
      id = this.nextId++;
      this.open.set(id, { ns, remaining });
    }
    return { cursor: { firstBatch, id: Long.fromNumber(id), ns }, ok: 1 };
  }

  /** `{ cursor: { nextBatch, id, ns } }` for a getMore; without a batch size, everything left. */
  more(id: number, ns: string, batchSize?: number): BsonDocument {
    const cursor = this.open.get(id);
    if (!cursor || cursor.ns !== ns) throw new CommandError(43, 'CursorNotFound', `cursor id ${id} not found`);
    const nextBatch = cursor.remaining.splice(0, positive(batchSize) ?? cursor.remaining.length);
    if (cursor.remaining.length === 0) this.open.delete(id);
    return { cursor: { nextBatch, id: Long.fromNumber(this.open.has(id) ? id : 0), ns }, ok: 1 };
  }

  kill(ids: number[]): BsonDocument {
    const killed = ids.filter((id) => this.open.delete(id));
    const notFound = ids.filter((id) => !killed.includes(id));
    const longs = (list: number[]) => list.map((id) => Long.fromNumber(id));
    return { cursorsKilled: longs(killed), cursorsNotFound: longs(notFound), cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  }

  get count(): number {
    return this.open.size;
  }

  clear(): void {
    this.open.clear();
  }
}

const positive = (value: unknown): number | undefined => (typeof value === 'number' && value > 0 ? value : undefined);
