/**
 * Entry of the local kiosk demo server (bundled to dist/local/main.js; `npm start` runs it).
 *
 * Environment: PORT (default 10086), HOST (default 127.0.0.1: this machine only; any other address
 * prints a warning that everyone on that network can act as any demo person), KIOSK_DATA_DIR
 * (default .data), KIOSK_POOL_SIZE (default 4), KIOSK_DB_LATENCY_MS (default 0: milliseconds added to
 * every database round trip, as a deployed function pays them; docs/performance.md), KIOSK_TEST_CLOCK
 * (unset: only `1` opens `POST /api/local/clock`, the browser tests' movable clock; local/gateway.ts). The functions' timer triggers run live on their
 * config.json schedules (docs/jobs.md); a bad trigger declaration stops the start.
 *
 * It refuses to start (exit code 2, message in Chinese and English on stderr) when NODE_ENV is
 * `production` or when real CloudBase / Tencent Cloud credentials or environment ids are set
 * (local/demo-guard.ts lists them): the demo's identity switch must never run next to a real cloud.
 * `node dist/local/main.js --preflight` runs only that check (exit 0 or 2); scripts/start.mjs calls
 * it before spending a minute on the H5 build.
 */
import path from 'node:path';
import { startLocalCloud } from './cloud';
import { DEFAULT_HOST, demoRefusal, exposureWarning } from './demo-guard';
import { startGateway } from './gateway';
import { paths } from './paths';

async function run(): Promise<void> {
  const port = Number(process.env.PORT ?? 10086);
  const host = process.env.HOST?.trim() || DEFAULT_HOST;
  const dataDir = path.resolve(process.env.KIOSK_DATA_DIR ?? '.data');
  const cloud = await startLocalCloud({ dataDir, poolSize: Number(process.env.KIOSK_POOL_SIZE ?? 4), demoTickets: true, liveSchedule: true, dbLatencyMs: Number(process.env.KIOSK_DB_LATENCY_MS ?? 0) });
  const gateway = await startGateway(cloud, { mode: 'demo', port, host, h5Dir: paths.h5() });
  const warning = exposureWarning(gateway.host);
  if (warning) console.warn(warning);
  const shown = warning ? gateway.host : 'localhost';
  console.log(`解忧铺 local kiosk (demo): http://${shown.includes(':') ? `[${shown}]` : shown}:${gateway.port}  (listening on ${gateway.host}, data: ${dataDir})`);
  const stop = async () => {
    await gateway.close();
    await cloud.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const refusal = demoRefusal(process.env);
if (refusal) {
  console.error(refusal);
  process.exit(2);
} else if (process.argv.includes('--preflight')) {
  process.exit(0);
} else {
  run().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
