/** One jest run for every kind of test; names tell them apart: *.unit.spec.ts, *.int.spec.ts, *.e2e.spec.ts. */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testRegex: '.*\\.spec\\.ts$',
  // apps/web is type-checked by its own tsconfig and tested in the browser (test/e2e/browser).
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/web/'],
  // Type checking is done once by `npm run typecheck`; ts-jest only transpiles, which keeps the suite fast.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: {
    '^@app/domain(|/.*)$': '<rootDir>/libs/domain/src$1',
    // The ports' libraries: the index (the port) and each adapter's own entry, nothing deeper (as in tsconfig.json).
    '^@app/event-store(|/sqlite|/esdb|/testing)$': '<rootDir>/libs/event-store/src$1',
    '^@app/read-store(|/sqlite|/mongo)$': '<rootDir>/libs/read-store/src$1',
    '^@app/projections(|/.*)$': '<rootDir>/libs/projections/src$1',
    '^@app/security(|/key-stores)$': '<rootDir>/libs/security/src$1',
    '^@app/platform(|/.*)$': '<rootDir>/libs/platform/src$1',
    '^@app/blob-store(|/directory|/s3)$': '<rootDir>/libs/blob-store/src$1',
  },
  testTimeout: 30000,
};
