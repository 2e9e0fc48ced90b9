import { DocumentStore, Filter, FindOptions } from '@app/read-store';
import { Aggregator } from 'mingo';
import { Document as BsonDocument } from 'mongodb';
import { Cursors } from './cursors';
import { Namespace } from './namespace';
import { badValue, notSupported } from './server-errors';

const asFilter = (value: unknown): Filter => (value && typeof value === 'object' ? (value as Filter) : {});

/** find, getMore, killCursors, aggregate and count, answered from the document store through real cursors. */
export class ReadCommands {
  constructor(
    private readonly store: DocumentStore,
    private readonly cursors: Cursors,
  ) {}

  async find(ns: Namespace, command: BsonDocument): Promise<BsonDocument> {
    const { filter, sort, projection, skip, limit, batchSize, singleBatch } = command;
    const options: FindOptions = { sort, projection, skip, limit: typeof limit === 'number' ? Math.abs(limit) : undefined };
    const results = await this.store.collection(ns.full).find(asFilter(filter), options);
    return this.cursors.first(ns.full, results, { batchSize, singleBatch: singleBatch === true || (typeof limit === 'number' && limit < 0) });
  }

  async getMore(ns: Namespace, command: BsonDocument): Promise<BsonDocument> {
    return this.cursors.more(Number(command.getMore), ns.full, command.batchSize);
  }

  async killCursors(command: BsonDocument): Promise<BsonDocument> {
    return this.cursors.kill(((command.cursors ?? []) as unknown[]).map(Number));
  }

  async aggregate(ns: Namespace, command: BsonDocument): Promise<BsonDocument> {
    const { pipeline, cursor, explain } = command;
    if (explain) throw notSupported('explain');
    if (!Array.isArray(pipeline)) throw badValue("'pipeline' option must be specified as an array");
    if (pipeline.some((stage: BsonDocument) => '$out' in stage || '$merge' in stage)) throw notSupported('$out and $merge');
    // The store has no aggregate (the port keeps what the product uses): the stages run in mingo over
    // the documents a leading $match finds — enough for the driver's countDocuments and for tests.
    const stages = (pipeline as BsonDocument[]).flatMap(expandCount);
    const match = stages[0] && Object.keys(stages[0]).length === 1 ? asFilter(stages[0].$match) : {};
    const input = await this.store.collection(ns.full).find(match);
    const results = new Aggregator(stages).run(input) as BsonDocument[];
    return this.cursors.first(ns.full, results, { batchSize: (cursor as BsonDocument | undefined)?.batchSize });
  }

  async count(ns: Namespace, command: BsonDocument): Promise<BsonDocument> {
    const { query, skip, limit } = command;
    const collection = this.store.collection(ns.full);
    if (!skip && !limit) return { n: await collection.countDocuments(asFilter(query)), ok: 1 };
    const matches = await collection.find(asFilter(query), { skip, limit: typeof limit === 'number' ? Math.abs(limit) : undefined, projection: { _id: 1 } });
    return { n: matches.length, ok: 1 };
  }
}

/** MongoDB's own definition of $count; mingo's $count yields { n: 0 } on no input where MongoDB yields nothing. */
const expandCount = (stage: BsonDocument): BsonDocument[] =>
  Object.keys(stage).length === 1 && typeof stage.$count === 'string'
    ? [{ $group: { _id: null, [stage.$count]: { $sum: 1 } } }, { $project: { _id: 0 } }]
    : [stage];
