#!/usr/bin/env node
/**
 * `npm start`: builds what is missing or stale, then serves the local kiosk.
 * 1. bundles the cloud functions and the local runtime (esbuild, about a second), then checks that
 *    this is a local demo (`dist/local/main.js --preflight`: exit 2 when NODE_ENV=production or real
 *    CloudBase credentials/env ids are set; see local/demo-guard.ts) before any slow step;
 * 2. builds the local H5 app into dist/h5-local if it is missing or older than src/ or config/
 *    (Taro + webpack, about a minute the first time);
 * 3. runs dist/local/main.js: the emulated CloudBase, the function workers and the gateway on
 *    HOST:PORT (default 127.0.0.1:10086, this machine only), seeding the demo community into KIOSK_DATA_DIR (default .data) at first start.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFunctions, buildLocalRuntime } from './build-functions.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

await buildFunctions();
await buildLocalRuntime();
const preflight = spawnSync(process.execPath, [path.join(root, 'dist/local/main.js'), '--preflight'], { stdio: 'inherit', env: process.env });
if (preflight.status !== 0) process.exit(preflight.status ?? 2);

const h5Index = path.join(root, 'dist/h5-local/index.html');
const sourcesChanged = () =>
  Math.max(newestMtime(path.join(root, 'src')), newestMtime(path.join(root, 'config')), newestMtime(path.join(root, 'cloudfunctions'))) >
  fs.statSync(h5Index).mtimeMs;
if (!fs.existsSync(h5Index) || sourcesChanged()) {
  console.log('正在构建 H5 应用（首次约需 1 分钟）…');
  const taro = path.join(root, 'node_modules/.bin/taro');
  const r = spawnSync(taro, ['build', '--type', 'h5'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TARO_APP_LOCAL: '1', NODE_ENV: 'production' } });
  if (r.status !== 0 || !fs.existsSync(h5Index)) {
    console.error(`${r.stdout ?? ''}\n${r.stderr ?? ''}\nH5 build failed`);
    process.exit(1);
  }
  fs.utimesSync(h5Index, new Date(), new Date());
}

const child = spawn(process.execPath, [path.join(root, 'dist/local/main.js')], { stdio: 'inherit', env: process.env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
