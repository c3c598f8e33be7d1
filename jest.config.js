/**
 * Jest: three projects.
 * - `node`: domain rules, the local cloud (emulator, runtime) and the cloud functions driven
 *   through the real wx-server-sdk (test/domain, test/local, test/functions).
 * - `components`: React components in jsdom, with @tarojs/components mapped to its React build and
 *   @tarojs/taro mocked (test/components).
 * - `weapp`: the compiled mini-program in miniprogram-simulate (test/weapp).
 * globalSetup bundles the functions and the local runtime once.
 */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2020' }, module: { type: 'commonjs' } }];

module.exports = {
  // every core runs a test file: Jest's default (cores − 1) is ONE worker on CI's two cores, which ran
  // the files one after another in a single process (the fuzz files are split for two workers); a
  // single file still runs in band
  maxWorkers: '100%',
  // a test waits up to 30 s (Jest's default is 5): concurrent-call tests on CI's two cores, busy
  // with bundling and fuzzing, may take longer than 5 s without anything being wrong
  testTimeout: 30_000,
  globalSetup: '<rootDir>/test/global-setup.js',
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/{domain,local,functions,policy,fuzz,crash,deploy}/**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
    },
    {
      displayName: 'components',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/components/**/*.test.tsx'],
      // src/services/x.ts resolves to x.h5.ts, as in the local H5 build (Taro's multi-platform files); a test of the mini-program's file imports x.weapp explicitly
      haste: { defaultPlatform: 'h5', platforms: ['h5', 'weapp'] },
      setupFiles: ['<rootDir>/test/components/setup-globals.js'],
      setupFilesAfterEnv: ['<rootDir>/test/components/setup.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.m?js$': swc },
      transformIgnorePatterns: ['/node_modules/(?!(@tarojs|@nutui|@stencil|swiper|ssr-window|dom7|classnames|tslib|\.pnpm|@react-spring|@use-gesture)/)'],
      moduleNameMapper: {
        '^@tarojs/components$': '<rootDir>/node_modules/@tarojs/components/lib/react/index.js',
        '^@tarojs/taro$': '<rootDir>/test/components/taro-mock.ts',
        '\\.(css|scss)$': '<rootDir>/test/components/style-mock.js',
      },
    },
    {
      displayName: 'weapp',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/weapp/**/*.test.ts'],
      // the local cloud runs in this process: resolve packages as Node does, not as a browser
      testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
      transform: { '^.+\\.(t|j)sx?$': swc },
    },
  ],
};
