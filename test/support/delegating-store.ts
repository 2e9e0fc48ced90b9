import { EventStore } from '@app/event-store';

/** An EventStore that forwards every call to `inner`, except those the test overrides. */
export const delegatingStore = (inner: EventStore, overrides: Partial<EventStore>): EventStore => ({
  appendToStream: (...args) => inner.appendToStream(...args),
  readStream: (...args) => inner.readStream(...args),
  readAll: (...args) => inner.readAll(...args),
  ping: () => inner.ping(),
  close: () => inner.close(),
  ...overrides,
});
