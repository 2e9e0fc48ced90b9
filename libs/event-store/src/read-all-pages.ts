import { AllFilter, EventStore, Position, RecordedEvent } from './event-store.port';

/**
 * Pages through `$all` forwards, strictly after `after` (from the start when omitted), read ahead when
 * the store offers it. readAll is inclusive, as EventStoreDB's is, so each page re-reads the previous
 * page's last event and drops it.
 */
export async function* readAllPages(
  store: EventStore,
  options: { after?: Position; pageSize?: number; filter?: AllFilter } = {},
): AsyncGenerator<RecordedEvent[]> {
  const pageSize = options.pageSize ?? 1000;
  if (store.readAllAhead) {
    yield* store.readAllAhead({ after: options.after, pageSize, filter: options.filter });
    return;
  }
  let after = options.after;
  for (;;) {
    const read = await store.readAll({
      fromPosition: after ?? 'start',
      maxCount: after === undefined ? pageSize : pageSize + 1,
      filter: options.filter,
    });
    const page = after === undefined ? read : read.filter((event) => event.position > (after as Position));
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1].position;
  }
}
