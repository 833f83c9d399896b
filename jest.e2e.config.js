/** End-to-end tests against real applications (LibreOffice, Chromium). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testTimeout: 180000,
  testPathIgnorePatterns: ['/node_modules/'],
  // transpile only, as in jest.config.js; the temp folder and the repository are guarded the same way
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true } }] },
  // the cache stays in the project, so a run adds nothing to the system temp folder
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
  globalSetup: '<rootDir>/test/global/temp-setup.ts',
  globalTeardown: '<rootDir>/test/global/temp-teardown.ts',
};
