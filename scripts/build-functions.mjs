#!/usr/bin/env node
/**
 * Bundles every cloud function (cloudfunctions/<name>/index.ts) with esbuild into a deployable
 * folder dist/cloudfunctions/<name>/ holding index.js, config.json and a package.json whose only
 * dependency is wx-server-sdk, pinned exactly. Also bundles the local runtime's worker and server
 * (dist/local/). Usage: node scripts/build-functions.mjs
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sdkVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/wx-server-sdk/package.json'), 'utf8')).version;
const srcDir = path.join(root, 'cloudfunctions');
const outRoot = path.join(root, 'dist/cloudfunctions');

export async function buildFunctions() {
  const names = fs.readdirSync(srcDir).filter((n) => fs.existsSync(path.join(srcDir, n, 'index.ts')));
  // a function renamed or removed must not stay deployable (or runnable locally) from an old build
  for (const stale of fs.existsSync(outRoot) ? fs.readdirSync(outRoot) : []) if (!names.includes(stale)) fs.rmSync(path.join(outRoot, stale), { recursive: true, force: true });
  fs.mkdirSync(outRoot, { recursive: true });
  for (const name of names) {
    const out = path.join(outRoot, name);
    fs.mkdirSync(out, { recursive: true });
    await build({
      entryPoints: [path.join(srcDir, name, 'index.ts')],
      outfile: path.join(out, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      legalComments: 'none',
      logLevel: 'warning',
    });
    fs.copyFileSync(path.join(srcDir, name, 'config.json'), path.join(out, 'config.json'));
    const pkg = { name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': sdkVersion } };
    fs.writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  }
  return names;
}

export async function buildLocalRuntime() {
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', logLevel: 'warning', sourcemap: 'inline' };
  await build({ ...common, entryPoints: [path.join(root, 'local/runtime/worker.ts')], outfile: path.join(root, 'dist/local/worker.js') });
  await build({ ...common, entryPoints: [path.join(root, 'local/main.ts')], outfile: path.join(root, 'dist/local/main.js') });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const names = await buildFunctions();
  await buildLocalRuntime();
  console.log(`built functions: ${names.join(', ')} → dist/cloudfunctions; local runtime → dist/local`);
}
