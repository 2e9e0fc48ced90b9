/**
 * The register journal, deadlines, reports and rebuilds over HTTP, with the read models on MongoDB: the
 * very tests of journal.e2e.spec.ts, run here on the MongoDB adapter through the wire-protocol test server.
 */
import { runTestAppsOn } from '../support/test-app';

runTestAppsOn('mongo');

describe('read models on MongoDB (the adapter, through the wire-protocol test server)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./journal.e2e.spec');
});
