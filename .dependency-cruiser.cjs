/**
 * Layer boundaries, checked by `npm run lint:deps` (part of `npm test`). docs/architecture.md: dependencies point inwards —
 * apps → platform/projections/read-store/event-store/security → domain; no app imports another app; no library
 * imports an app or test/; adapters are reached through their own entry (`@app/event-store/sqlite`), the library's index
 * exports the port.
 */
/** The folders that hold an adapter of a port, each with its own index (its entry). */
const ADAPTER = '(sqlite|esdb|mongo|s3|directory|key-stores)';
/** Test code inside libraries: specs and the contract suites they run. */
const LIBRARY_TESTS = ['\\.spec\\.ts$', '\\.contract\\.ts$'];

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain imports nothing but itself and Node-free TypeScript (no Nest, no database, no other lib).',
      severity: 'error',
      from: { path: '^libs/domain/src', pathNot: '^libs/domain/src/testing/' },
      to: { pathNot: ['^libs/domain/src'] },
    },
    {
      name: 'domain-testing-uses-only-node-assert',
      comment: 'The decider specification helper may use node:assert; nothing else outside the domain.',
      severity: 'error',
      from: { path: '^libs/domain/src/testing/' },
      to: { pathNot: ['^libs/domain/src', '^(node:)?assert(/strict)?$'] },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'libs-never-import-test',
      comment: 'Test equipment (protocol test servers, generators) is used by tests under test/, never by a library (its specs and contract suites are tests).',
      severity: 'error',
      from: { path: '^libs/', pathNot: LIBRARY_TESTS },
      to: { path: '^test/' },
    },
    {
      name: 'apps-never-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libraries-through-their-entry',
      comment: 'Outside a library, only its index (or an adapter\'s or testing folder\'s own index) is imported.',
      severity: 'error',
      from: { path: '^(apps|test|bench)/' },
      to: { path: '^libs/', pathNot: ['^libs/[^/]+/src/index\\.ts$', '^libs/[^/]+/src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'libraries-through-each-others-entry',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$', '^libs/[^/]+/src/[^/]+/index\\.ts$'] },
    },
    // A ports library's index exports the port (and its factory), no adapter: importing the port pulls in no driver.
    { name: 'ports-index-exports-no-adapter', severity: 'error', from: { path: '^libs/[^/]+/src/index\\.ts$' }, to: { path: `^libs/[^/]+/src/${ADAPTER}/` } },
    // Inside a library too, code outside an adapter reaches it through the adapter's index, never its files.
    {
      name: 'adapters-through-their-entry',
      severity: 'error',
      from: { path: '^libs/([^/]+)/src/', pathNot: `^libs/[^/]+/src/${ADAPTER}/` },
      to: { path: `^libs/$1/src/${ADAPTER}/`, pathNot: '/index\\.ts$' },
    },
    // A testing folder (appendChained, builders) serves tests and the bench; production code writes through handleCommand.
    {
      name: 'testing-equipment-only-in-tests',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: [...LIBRARY_TESTS, '\\.bench\\.ts$', '/testing/'] },
      to: { path: '^libs/[^/]+/src/.*testing/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      // A type-only import back (a module naming its caller's type) is not a runtime cycle.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^node_modules/'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
