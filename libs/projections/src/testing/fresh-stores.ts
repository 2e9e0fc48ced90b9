import { tempStores, TempStores } from './temp-stores';

export type FreshStores = Omit<TempStores, 'close'>;

/** For each test, an embedded event store and document store in a folder of their own, closed and removed after it. */
export const freshStores = (prefix: string): FreshStores => {
  const stores = {} as FreshStores;
  let opened: TempStores | undefined;
  beforeEach(() => {
    opened = tempStores(`${prefix}-`);
    Object.assign(stores, { events: opened.events, documents: opened.documents });
  });
  afterEach(async () => {
    await opened?.close();
  });
  return stores;
};
