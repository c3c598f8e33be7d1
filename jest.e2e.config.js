/**
 * Browser end-to-end tests (`npm run test:e2e`): playwright-core + Debian Chromium against npm start's
 * server. globalSetup starts ONE kiosk and ONE browser for the whole run (test/e2e/support/global-setup.ts);
 * the files share them through test/e2e/harness.ts (`sharedKiosk`, `sharedBrowser`).
 */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2020' }, module: { type: 'commonjs' } }];
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
  transform: { '^.+\\.ts$': swc },
  globalSetup: '<rootDir>/test/e2e/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/e2e/support/global-teardown.ts',
  testTimeout: 180_000,
};
