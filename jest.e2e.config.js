/** Browser end-to-end tests (`npm run test:e2e`): playwright-core + Debian Chromium against npm start's server. */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2020' }, module: { type: 'commonjs' } }];
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
  transform: { '^.+\\.ts$': swc },
  testTimeout: 180_000,
};
