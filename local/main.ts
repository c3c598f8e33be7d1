/**
 * Entry of the local kiosk server (bundled to dist/local/main.js; `npm start` runs it).
 * Environment: PORT (default 10086), KIOSK_DATA_DIR (default .data), KIOSK_POOL_SIZE (default 4).
 */
import path from 'node:path';
import { startLocalCloud } from './cloud';
import { startGateway } from './gateway';
import { paths } from './paths';

async function run(): Promise<void> {
  const port = Number(process.env.PORT ?? 10086);
  const dataDir = path.resolve(process.env.KIOSK_DATA_DIR ?? '.data');
  const cloud = await startLocalCloud({ dataDir, poolSize: Number(process.env.KIOSK_POOL_SIZE ?? 4) });
  const gateway = await startGateway(cloud, { port, h5Dir: paths.h5() });
  console.log(`解忧铺 local kiosk: http://localhost:${gateway.port}  (data: ${dataDir})`);
  const stop = async () => {
    await gateway.close();
    await cloud.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

run().catch((e) => {
  console.error(e);
  process.exit(1);
});
