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
