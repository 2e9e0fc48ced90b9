/** A contract's storage that can be opened more than once: each open is another process on it (the API and the CLI). */
export type ReopenableStorage<S> = () => Promise<{ open(): Promise<S>; dispose(): Promise<void> }>;

/**
 * Fresh storage before each test of the suite; after it, every store the test opened is closed and the storage
 * disposed. Returns `another`, which opens one more store on the test's storage.
 */
export const storesPerTest = <S extends { close(): Promise<void> }>(storage: ReopenableStorage<S>): (() => Promise<S>) => {
  let setUp: Awaited<ReturnType<ReopenableStorage<S>>>;
  let opened: S[] = [];
  beforeEach(async () => {
    setUp = await storage();
    opened = [];
  });
  afterEach(async () => {
    for (const store of opened) await store.close();
    await setUp.dispose();
  });
  return async () => {
    const store = await setUp.open();
    opened.push(store);
    return store;
  };
};

/** One store for the whole suite (a contract run on one server): `use` receives it before the first test; disposed after the last. */
export const aStoreForTheSuite = <S>(create: () => Promise<{ store: S; dispose: () => Promise<void> }>, use: (store: S) => void): void => {
  let dispose: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const created = await create();
    dispose = created.dispose;
    use(created.store);
  });
  afterAll(async () => {
    await dispose?.();
  });
};

/** Wraps a function that opens a store so that every store it opened during a test is closed after it. */
export const closedAfterEach = <A extends unknown[], S extends { close(): Promise<void> }>(open: (...args: A) => S): ((...args: A) => S) => {
  const opened: S[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });
  return (...args) => {
    const store = open(...args);
    opened.push(store);
    return store;
  };
};
