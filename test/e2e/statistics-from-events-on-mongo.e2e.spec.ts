/**
 * Statistics from the events equal the projected report, with the read models on MongoDB: the very
 * tests of statistics-from-events.e2e.spec.ts, on the MongoDB adapter through the wire-protocol test server.
 */
import { runTestAppsOn } from '../support/test-app';

runTestAppsOn('mongo');

describe('read models on MongoDB (the adapter, through the wire-protocol test server)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./statistics-from-events.e2e.spec');
});
