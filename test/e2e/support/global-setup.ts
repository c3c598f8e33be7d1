/**
 * jest globalSetup of the browser tests (jest.e2e.config.js): starts the run's ONE kiosk
 * (`startKiosk`: `npm start`'s server on a free port, a temporary data directory) and ONE headless
 * Chromium (`chromium.launchServer`), and hands them to the test files through the environment
 * (`RUN_ENV`: the kiosk's URL and data directory, the browser's websocket endpoint). globalTeardown
 * (global-teardown.ts) stops both. Prints how long starting took.
 */
import { chromium, type BrowserServer } from 'playwright-core';
import { CHROMIUM_LAUNCH, RUN_ENV, startKiosk, type Kiosk } from '../harness';

/** What globalTeardown stops (jest runs both in the same parent process). */
export interface RunHandles {
  kiosk: Kiosk;
  browser: BrowserServer;
  startedAt: number;
}

export default async function globalSetup(): Promise<void> {
  const startedAt = Date.now();
  const [kiosk, browser] = await Promise.all([startKiosk(), chromium.launchServer(CHROMIUM_LAUNCH)]);
  process.env[RUN_ENV.kioskUrl] = kiosk.url;
  process.env[RUN_ENV.kioskDataDir] = kiosk.dataDir;
  process.env[RUN_ENV.browserWs] = browser.wsEndpoint();
  (globalThis as { __e2eRun?: RunHandles }).__e2eRun = { kiosk, browser, startedAt };
  console.log(`\ne2e: one kiosk at ${kiosk.url} and one Chromium for the run, started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
}
