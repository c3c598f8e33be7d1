#!/usr/bin/env node
/**
 * Size report and budgets. Prints the sizes of the weapp main package and each subpackage
 * (dist/weapp), the H5 initial JS gzip (the scripts index.html loads, dist/h5-local: the H5 app
 * exists only as the local demo, there is no production H5 build), and each cloud function bundle
 * (dist/cloudfunctions). With `--check`, exits 1 when a budget is broken, naming the figure and the
 * budget: weapp main ≤ 600 KB, each subpackage ≤ 300 KB (console ≤ 700 KB, SUBPACKAGE_BUDGETS), H5 initial JS ≤ 200 KB gzip, or when the
 * weapp or H5 build is missing.
 * Build first: npm run build:weapp && npm run build:h5:local && npm run build:functions.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KB = 1024;
export const BUDGETS = { weappMain: 600 * KB, weappSubpackage: 300 * KB, h5InitialGzip: 200 * KB };
/**
 * Subpackages with their own budget. `console`: the statistics pages draw their charts with AntV F2
 * v5 (@antv/f2 → @antv/f-engine and the g-lite canvas renderer, about 450 KB minified), the chart
 * library that draws in both the mini-program's canvas and H5; 700 KB leaves room for the people
 * and grids pages and stays far under WeChat's 2 MB per subpackage (DevTools warns at 1.5 MB).
 */
export const SUBPACKAGE_BUDGETS = { console: 700 * KB };

function dirSize(dir, skip = new Set()) {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (skip.has(p)) continue;
    total += e.isDirectory() ? dirSize(p, skip) : fs.statSync(p).size;
  }
  return total;
}

/** Measures everything; returns rows { item, bytes, budget? }. */
export function measure() {
  const rows = [];
  const weapp = path.join(root, 'dist/weapp');
  if (fs.existsSync(path.join(weapp, 'app.json'))) {
    const app = JSON.parse(fs.readFileSync(path.join(weapp, 'app.json'), 'utf8'));
    const subs = (app.subPackages ?? app.subpackages ?? []).map((s) => path.join(weapp, s.root));
    const skip = new Set([...subs, ...fs.readdirSync(weapp).filter((f) => f.endsWith('.LICENSE.txt')).map((f) => path.join(weapp, f))]);
    rows.push({ item: 'weapp main package', bytes: dirSize(weapp, skip), budget: BUDGETS.weappMain });
    for (const s of subs) rows.push({ item: `weapp subpackage ${path.basename(s)}`, bytes: dirSize(s), budget: SUBPACKAGE_BUDGETS[path.basename(s)] ?? BUDGETS.weappSubpackage });
  }
  const h5 = path.join(root, 'dist/h5-local');
  if (fs.existsSync(path.join(h5, 'index.html'))) {
    const html = fs.readFileSync(path.join(h5, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => path.join(h5, m[1].replace(/^\//, '')));
    const raw = scripts.reduce((n, f) => n + fs.statSync(f).size, 0);
    const gz = scripts.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length, 0);
    rows.push({ item: `h5 initial JS (${scripts.length} files), raw`, bytes: raw });
    rows.push({ item: 'h5 initial JS, gzip', bytes: gz, budget: BUDGETS.h5InitialGzip });
  }
  const fnDir = path.join(root, 'dist/cloudfunctions');
  if (fs.existsSync(fnDir)) {
    for (const name of fs.readdirSync(fnDir)) {
      const f = path.join(fnDir, name, 'index.js');
      if (fs.existsSync(f)) rows.push({ item: `cloud function ${name} (index.js)`, bytes: fs.statSync(f).size });
    }
  }
  return rows;
}

const fmt = (b) => `${(b / KB).toFixed(1)} KB`;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = measure();
  const check = process.argv.includes('--check');
  if (!rows.length) {
    console.error('nothing built: run npm run build:weapp, build:h5:local and build:functions first');
    process.exit(1);
  }
  console.log('| item | size | budget |\n|---|---:|---:|');
  for (const r of rows) console.log(`| ${r.item} | ${fmt(r.bytes)} | ${r.budget ? fmt(r.budget) : ''} |`);
  const broken = rows.filter((r) => r.budget && r.bytes > r.budget);
  for (const r of broken) console.error(`BUDGET BROKEN: ${r.item} is ${fmt(r.bytes)}, budget ${fmt(r.budget)}`);
  if (check) {
    const missing = ['weapp main package', 'h5 initial JS, gzip'].filter((k) => !rows.some((r) => r.item === k));
    for (const m of missing) console.error(`not measured (not built): ${m}`);
    if (broken.length || missing.length) process.exit(1);
  }
}
