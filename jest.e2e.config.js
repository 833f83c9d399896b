/** End-to-end tests against real applications (LibreOffice; later Chromium). */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testTimeout: 180000,
  testPathIgnorePatterns: ['/node_modules/'],
  transform: { '^.+\\.ts$': 'ts-jest' },
};
