/**
 * Layer boundaries, checked by `npm run lint:deps` (part of `npm test`). docs/architecture.md: dependencies point inwards —
 * apps → platform/projections/read-store/event-store/security → domain; no app imports another app; no library
 * imports an app or test/; adapters are reached through their own entry (`@app/event-store/sqlite`), the library's index
 * exports the port.
 */
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
      from: { path: '^libs/', pathNot: ['\\.spec\\.ts$', '\\.contract\\.ts$'] },
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
    {
      name: 'ports-library-index-exports-no-adapter',
      comment:
        'The index of a library of ports exports the port (and its factory); each adapter has its own entry ' +
        '(@app/event-store/sqlite, @app/read-store/mongo, @app/security/key-stores, @app/blob-store/s3, ...), so importing the port pulls in no driver.',
      severity: 'error',
      from: { path: '^libs/(event-store|read-store|security|blob-store)/src/index\\.ts$' },
      to: { path: '^libs/[^/]+/src/(sqlite|esdb|mongo|s3|directory|key-stores)/' },
    },
    {
      name: 'adapters-through-their-entry',
      comment: 'Inside a library too, code outside an adapter reaches it through its index, never its files.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/src/', pathNot: '^libs/[^/]+/src/(sqlite|esdb|mongo|s3|directory|key-stores)/' },
      to: { path: '^libs/$1/src/(sqlite|esdb|mongo|s3|directory|key-stores)/', pathNot: '/index\\.ts$' },
    },
    {
      name: 'testing-equipment-only-in-tests',
      comment: 'A library\'s testing folder (e.g. appendChained, builders) serves specs, contract suites and test/; production code writes through handleCommand.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: ['\\.spec\\.ts$', '\\.contract\\.ts$', '\\.bench\\.ts$', '/testing/'] },
      to: { path: '^libs/[^/]+/src/.*testing/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      // A type-only import back (a subscription naming its store's type) is not a runtime cycle.
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
