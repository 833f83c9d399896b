/** Unit and integration tests: no external programs needed. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
  // transpile only: `npm test` type-checks src, test and scripts once with `tsc --noEmit`
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true } }] },
  // the cache stays in the project, so a run adds nothing to the system temp folder
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
  // each run gets a private temp folder and fails if anything is left in it or in the repository
  globalSetup: '<rootDir>/test/global/temp-setup.ts',
  globalTeardown: '<rootDir>/test/global/temp-teardown.ts',
};
