import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AllFilter, EventStore, ReadAllOptions, RecordedEvent } from '../event-store.port';
import { readAllPages } from '../read-all-pages';
import { readAhead } from './read-ahead';
import { SqliteEventStore } from './sqlite-event-store';

describe('reading $all ahead in a worker thread', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'read-ahead-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'));
    for (let i = 0; i < 2345; i++) {
      const stream = i % 5 === 0 ? `register-${i % 3}` : `complaint-${i % 17}`;
      await store.appendToStream(stream, [{ eventId: crypto.randomUUID(), type: i % 4 === 0 ? 'Answered' : 'Received', data: { i }, metadata: { n: i } }]);
    }
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The same store without read-ahead: readAllPages then pages through readAll, the reference. */
  const withoutReadAhead = (): EventStore => ({ ...store, readAll: (options?: ReadAllOptions) => store.readAll(options), readAllAhead: undefined }) as unknown as EventStore;
  const collect = async (source: EventStore, options: { after?: bigint; pageSize: number; filter?: AllFilter }) => {
    const pages: RecordedEvent[][] = [];
    for await (const page of readAllPages(source, options)) pages.push(page);
    return pages;
  };

  it.each([
    { pageSize: 1000 },
    { pageSize: 7, filter: { eventTypePrefixes: ['Answ'] } },
    { pageSize: 100, filter: { streamPrefixes: ['complaint-'] } },
    { pageSize: 2345 },
  ])('gives exactly the pages readAll gives: %j', async (options) => {
    const ahead = await collect(store, options);
    const reference = await collect(withoutReadAhead(), options);
    expect(ahead.map((page) => page.length)).toEqual(reference.map((page) => page.length));
    expect(ahead.flat()).toEqual(reference.flat());
    expect(ahead.flat().length).toBeGreaterThan(0);
  });

  it('starts strictly after a position', async () => {
    const all = (await collect(store, { pageSize: 500 })).flat();
    const after = all[1000].position;
    const rest = (await collect(store, { after, pageSize: 300 })).flat();
    expect(rest.map((e) => e.position)).toEqual(all.slice(1001).map((e) => e.position));
  });

  it('stops its worker when the reader stops early, and reads again afterwards', async () => {
    for await (const page of readAllPages(store, { pageSize: 10 })) {
      expect(page).toHaveLength(10);
      break;
    }
    expect((await collect(store, { pageSize: 1000 })).flat()).toHaveLength(2345);
  });

  it('fails the read, not the process, when the worker cannot open the file', async () => {
    const pages = readAhead(join(dir, 'no-such-file.sqlite'), { pageSize: 10 });
    await expect(pages.next()).rejects.toThrow(/Reading \$all ahead in .*no-such-file.sqlite failed: .+/);
  });

  it('hands over the pages as the opener returns them, in order, with what it noted', async () => {
    const opener = join(dir, 'tagging-opener.js');
    // Resolves later for earlier pages: the pages must still arrive in the order they were read.
    writeFileSync(opener, `exports.pageOpener = (options) => (events) => new Promise((resolve) =>
      setTimeout(() => resolve({ events: events.map((e) => ({ ...e, data: { ...e.data, tag: options.tag } })), notes: [String(events[0].position)] }), events.length % 3))`);
    const notes: string[] = [];
    const pages: RecordedEvent[][] = [];
    for await (const page of readAhead(store.path, { pageSize: 100, open: { module: opener, options: { tag: 't' }, onNotes: (n) => notes.push(...n) } })) pages.push(page);
    const reference = await collect(withoutReadAhead(), { pageSize: 100 });
    expect(pages.flat()).toEqual(reference.flat().map((e) => ({ ...e, data: { ...(e.data as object), tag: 't' } })));
    expect(notes).toEqual(reference.map((page) => String(page[0].position)));
  });

  it('never asks the opener to open the empty page read past the end (an opener may fail on it)', async () => {
    // Pages are asked for ahead, so the worker reads one page past the last; opening it did nothing but could fail the read.
    const opener = join(dir, 'counting-opener.js');
    const sizes = join(dir, 'opened-sizes.txt');
    writeFileSync(opener, `const { appendFileSync } = require('node:fs');
      exports.pageOpener = (options) => async (events) => { appendFileSync(options.sizes, events.length + ','); return { events, notes: [] }; }`);
    const pages: RecordedEvent[][] = [];
    for await (const page of readAhead(store.path, { pageSize: 100, open: { module: opener, options: { sizes } } })) pages.push(page);
    expect(pages.map((page) => page.length)).toEqual([...Array(23).fill(100), 45]);
    expect(readFileSync(sizes, 'utf8')).toBe(`${pages.map((page) => page.length).join(',')},`);
  });

  it('fails the read with the opener\'s reason when it fails', async () => {
    const opener = join(dir, 'failing-opener.js');
    writeFileSync(opener, `exports.pageOpener = () => async () => { throw new Error('the key store is gone'); }`);
    const pages = readAhead(store.path, { pageSize: 10, open: { module: opener, options: {} } });
    await expect(pages.next()).rejects.toThrow(/Reading \$all ahead in .* failed: the key store is gone/);
  });
});
