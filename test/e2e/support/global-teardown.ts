/** jest globalTeardown of the browser tests: stops the run's browser and kiosk (global-setup.ts) and prints the e2e run's time. */
import type { RunHandles } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const run = (globalThis as { __e2eRun?: RunHandles }).__e2eRun;
  if (!run) return;
  await run.browser.close().catch(() => undefined);
  await run.kiosk.stop();
  console.log(`e2e: the browser tests took ${((Date.now() - run.startedAt) / 1000).toFixed(0)} s (one kiosk, one browser)`);
}
