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
    '^@app/event-store(|/.*)$': '<rootDir>/libs/event-store/src$1',
    '^@app/read-store(|/.*)$': '<rootDir>/libs/read-store/src$1',
    '^@app/projections(|/.*)$': '<rootDir>/libs/projections/src$1',
    '^@app/security(|/.*)$': '<rootDir>/libs/security/src$1',
    '^@app/blob-store(|/.*)$': '<rootDir>/libs/blob-store/src$1',
  },
  testTimeout: 30000,
};
