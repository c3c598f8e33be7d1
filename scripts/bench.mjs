#!/usr/bin/env node
/** `npm run bench`: bundles the functions, the local runtime and bench/bench.ts, then runs the benchmark (prints tables). */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFunctions, buildLocalRuntime } from './build-functions.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await buildFunctions();
await buildLocalRuntime();
const out = path.join(root, 'dist/local/bench.js');
await build({ entryPoints: [path.join(root, 'bench/bench.ts')], outfile: out, bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', logLevel: 'warning' });
const r = spawnSync(process.execPath, [out], { stdio: 'inherit', env: process.env });
process.exit(r.status ?? 1);
