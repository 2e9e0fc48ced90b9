// Measures the embedded store on a register journal of 150,000 rows of ~40 fields: a rebuild in
// batches of 1000, a reopen, and the three queries that must answer in under 100 ms (p99): each
// request is a page of 50 and its total, after a projection wrote a document (as when live).
// Run: npx ts-node --transpile-only libs/read-store/src/sqlite/sqlite-document-store.bench.ts [rows]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Filter, FindOptions, literalPattern } from '../document-store.port';
import { SqliteDocumentStore } from './sqlite-document-store';
import { seeded } from './random-queries';

const ROWS = Number(process.argv[2] ?? 150_000);
const BATCH = 1000;
const random = seeded(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const WORDS = 'parcel late damaged screen cracked refund invoice twice charged battery charger broken missing wrong size colour delivery driver rude call centre waited hours warranty repair replaced again still not working order cancelled'.split(' ');
const CATEGORIES = Array.from({ length: 20 }, (_, i) => `category-${i}`);
const STATUSES = ['received', 'registered', 'investigating', 'answered', 'closed', 'withdrawn'];
const NAMES = ['ada lovelace', 'bob builder', 'cy young', 'dee dee', 'eve adams', 'fay wray', 'gus grissom', 'hal jordan'];
const START = Date.parse('2023-01-01T00:00:00.000Z');
const SPAN = 3 * 365 * 24 * 3600_000;
const NOW_MS = START + SPAN;
const NOW = new Date(NOW_MS).toISOString();
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const sentence = (words: number) => Array.from({ length: words }, () => pick(WORDS)).join(' ');

const aJournalRow = (i: number): Document => {
  const received = START + Math.floor((i / ROWS) * SPAN);
  // Recent complaints are mostly open; older ones mostly answered or closed, a few left overdue.
  const open = random() < (NOW_MS - received < 45 * DAY ? 0.8 : 0.03);
  const status = open ? pick(STATUSES.slice(0, 3)) : pick(STATUSES.slice(3));
  const registerNumber = status === 'received' ? null : `r-${String(i).padStart(7, '0')}`;
  const name = pick(NAMES);
  const description = sentence(30);
  return {
    _id: `complaint-${String(i).padStart(8, '0')}`, _position: String(i).padStart(20, '0'), complaintId: `complaint-${i}`,
    registerNumber, status, channel: pick(['email', 'phone', 'letter', 'in-person']), receivedAt: iso(received), takenBy: 'clerk',
    registeredAt: registerNumber ? iso(received + 3600_000) : null, complainantName: name, complainantKind: 'person',
    complainantEmail: `${name.replace(' ', '.')}@example.com`, complainantPhone: null, complainantPostalAddress: null,
    productOrService: pick(['phone x1', 'tablet t2', 'laptop l3', 'subscription']), sku: `sku-${i % 500}`, lotNumber: null,
    serialNumber: null, orderReference: `o-${i}`, category: pick(CATEGORIES), categoryCatalogueVersion: 'v1',
    severity: pick(['low', 'medium', 'high']), description, desiredRemedy: 'refund', documents: [], primaryResponse: 'apologised',
    resolvedOnTheSpot: false, responsibleOfficer: 'officer', registrationDueAt: iso(received + 86_400_000), registrationMet: true,
    answerDueAt: iso(received + 30 * 86_400_000), answerMet: open ? null : true, followUpDueAt: null, followUpMet: null,
    nextDeadlineKind: open ? 'answer' : null, nextDueAt: open ? iso(received + 30 * 86_400_000) : null,
    investigationOutcome: null, verdict: null, findings: null, rootCause: null, responsibleParty: null, correctiveAction: null,
    compensations: [], compensationTotals: [], reopenedCount: 0,
    searchText: `${registerNumber ?? ''} ${name} ${description}`.toLowerCase(), revision: 3, lastEventAt: iso(received + 7200_000),
  };
};

const aDeadline = (row: Document): Document => ({
  _id: row._id, _position: row._position, complaintId: row.complaintId, registerNumber: row.registerNumber, status: row.status,
  category: row.category, responsibleOfficer: row.responsibleOfficer, receivedAt: row.receivedAt, kind: 'answer', dueAt: row.nextDueAt,
  explanation: { policy: 'answer within 30 days', from: row.receivedAt, days: 30, catalogueVersion: 'v1' },
});

const percentile = (samples: number[], p: number) => [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(samples.length * p))];
const ms = (n: number) => `${n.toFixed(1)} ms`;

const main = async (): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'read-store-bench-'));
  const path = join(dir, 'read-models.sqlite');
  try {
    let store = new SqliteDocumentStore(path);
    const rebuild = store.collection('register_journal_rebuild');
    await rebuild.createIndex({ keys: { receivedAt: -1 } });
    await rebuild.createIndex({ keys: { category: 1, receivedAt: -1 } });
    await rebuild.createIndex({ keys: { nextDueAt: 1 } });
    await rebuild.createIndex({ keys: { status: 1 } });
    const deadlines = store.collection('deadlines');
    await deadlines.createIndex({ keys: { dueAt: 1 } });
    await deadlines.createIndex({ keys: { responsibleOfficer: 1 } });
    let slowest = 0;
    let writing = 0;
    for (let from = 0; from < ROWS; from += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, ROWS - from) }, (_, k) => aJournalRow(from + k));
      const t = performance.now();
      await store.bulkWriteAll([
        { collection: 'register_journal_rebuild', operations: rows.map((row) => ({ replaceOne: { filter: { _id: row._id }, replacement: row, upsert: true } })) },
        {
          collection: 'deadlines',
          operations: rows.map((row) =>
            row.nextDueAt
              ? { replaceOne: { filter: { _id: row._id }, replacement: aDeadline(row), upsert: true } }
              : { deleteOne: { filter: { _id: row._id } } },
          ),
        },
        { collection: 'checkpoints', operations: [{ replaceOne: { filter: { _id: 'rebuild' }, replacement: { _id: 'rebuild', position: String(from) }, upsert: true } }] },
      ]);
      const took = performance.now() - t;
      writing += took;
      slowest = Math.max(slowest, took);
    }
    const swap = performance.now();
    await store.renameCollection('register_journal_rebuild', 'register_journal');
    const batches = Math.ceil(ROWS / BATCH);
    console.log(
      `rebuild of ${ROWS} rows in ${batches} bulkWriteAll batches of ${BATCH}: ${ms(writing)} writing ` +
        `(average batch ${ms(writing / batches)}, slowest ${ms(slowest)}), swap ${ms(performance.now() - swap)}`,
    );
    console.log(`heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
    await store.close();
    const reopen = performance.now();
    store = new SqliteDocumentStore(path);
    console.log(`reopen (load ${ROWS} rows and indexes): ${ms(performance.now() - reopen)}`);
    const journal = store.collection('register_journal');

    // A request asks for a page and its total with one filter, as the journal endpoint does. Before
    // each, a projection updates a document (so nothing found for the previous request is reused).
    const measure = async (label: string, runs: number, query: (i: number) => { filter: Filter; options: FindOptions }) => {
      const pages: number[] = [];
      const counts: number[] = [];
      let found = 0;
      for (let i = -5; i < runs; i++) {
        await new Promise(setImmediate); // requests arrive through I/O: the event loop turns between them
        const id = `complaint-${String((i * 7919 + 13) % ROWS).padStart(8, '0')}`;
        await journal.updateOne({ _id: id }, { $set: { lastEventAt: new Date().toISOString() }, $inc: { revision: 1 } });
        const { filter, options } = query(Math.abs(i));
        let t = performance.now();
        await journal.find(filter, options);
        const page = performance.now() - t;
        t = performance.now();
        const total = await journal.countDocuments(filter);
        if (i < 0) continue; // warm-up
        pages.push(page);
        counts.push(performance.now() - t);
        found += total;
      }
      const requests = pages.map((page, i) => page + counts[i]);
      console.log(
        `${label}: request p50 ${ms(percentile(requests, 0.5))} p99 ${ms(percentile(requests, 0.99))} ` +
          `(page p50 ${ms(percentile(pages, 0.5))} p99 ${ms(percentile(pages, 0.99))}; ` +
          `count p50 ${ms(percentile(counts, 0.5))} p99 ${ms(percentile(counts, 0.99))}); average total ${Math.round(found / runs)}`,
      );
    };
    const month = (i: number) => {
      const start = new Date(START + ((i * 7) % 35) * 30 * 86_400_000);
      const from = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1));
      const to = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
      return { $gte: from.toISOString(), $lt: to.toISOString() };
    };
    const newestFirst: FindOptions = { sort: { receivedAt: -1 }, limit: 50 };
    await measure('period (month) + category, newest 50', 100, (i) => ({ filter: { receivedAt: month(i), category: CATEGORIES[i % 20] }, options: newestFirst }));
    await measure('period (year) + category, newest 50', 100, (i) => ({
      filter: { receivedAt: { $gte: `${2023 + (i % 3)}-01-01`, $lt: `${2024 + (i % 3)}-01-01` }, category: CATEGORIES[i % 20] },
      options: newestFirst,
    }));
    // The first literal search has the collection sign its texts in the background (once after open or swap).
    await journal.countDocuments({ searchText: { $regex: literalPattern('warm-up') } });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await measure('text search, rare term (register number), newest 50', 100, (i) => ({
      filter: { searchText: { $regex: literalPattern(`r-${String((i * 1237) % ROWS).padStart(7, '0')}`) } },
      options: newestFirst,
    }));
    await measure('text search, common word, newest 50', 100, (i) => ({ filter: { searchText: { $regex: literalPattern(WORDS[i % WORDS.length]) } }, options: newestFirst }));
    await measure('text search, absent word, newest 50', 100, (i) => ({ filter: { searchText: { $regex: literalPattern(`zebra${i}`) } }, options: newestFirst }));
    await measure('overdue list (nextDueAt < now), soonest 50', 100, (i) => ({
      filter: { nextDueAt: { $lt: NOW } },
      options: { sort: { nextDueAt: 1 }, limit: 50, skip: (i % 4) * 50 },
    }));
    const dueList = { sort: { dueAt: 1 as const, _id: 1 as const }, projection: { _position: 0 as const } };
    const lists: number[] = [];
    let listed = 0;
    for (let i = -5; i < 100; i++) {
      await new Promise(setImmediate);
      await journal.updateOne({ _id: `complaint-${String(i * 7 + 100).padStart(8, '0')}` }, { $inc: { revision: 1 } });
      const t = performance.now();
      const [overdue, dueSoon] = await Promise.all([
        store.collection('deadlines').find({ dueAt: { $ne: null, $lt: NOW } }, dueList),
        store.collection('deadlines').find({ dueAt: { $gte: NOW, $lt: new Date(NOW_MS + 2 * DAY).toISOString() } }, dueList),
      ]);
      if (i < 0) continue;
      lists.push(performance.now() - t);
      listed = overdue.length + dueSoon.length;
    }
    console.log(`deadlines: whole overdue list + due within 48 h (${listed} rows): p50 ${ms(percentile(lists, 0.5))} p99 ${ms(percentile(lists, 0.99))}`);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

void main();
