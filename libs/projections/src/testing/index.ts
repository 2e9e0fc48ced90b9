/** Test equipment of the read models, for specs outside the library: events as recorded, documents after them. */
export * from '../read-models/testing/recorded';
export * from './machine-clock';
export * from './fresh-stores';
export * from './temp-stores';
