/**
 * A function has the memory of its configuration (issue 18 §3): the local runtime gives each
 * function's worker the `memorySize` of its config.json (default 256 MB, CloudBase's default) and
 * fails a call that goes past it as the platform does — `-504002 functions execute fail` with
 * `FUNCTIONS_MEMORY_LIMIT_EXCEEDED (434 MemoryLimitReached)` — whether the memory is JS heap (the
 * worker's V8 limit) or buffers (the worker's watch); the worker is replaced and the next call
 * runs. Sources: docs/runtime-limits.md "Memory".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_MEMORY_MB, FunctionPool, heapLimitsOf, memorySizeOf } from '../../local/runtime/pool';
import { LocalDatabase } from '../../local/cloudbase/database';
import { startCloudbaseEndpoint, type CloudbaseEndpoint } from '../../local/cloudbase/server';
import { paths } from '../../local/paths';

const FUNCTIONS: Record<string, { memorySize?: number; code: string }> = {
  // JS objects until the heap is full: a synchronous loop, caught by the worker's V8 heap limit
  heapHog: { memorySize: 128, code: `exports.main = async () => { const a = []; for (let i = 0; ; i += 1) a.push({ i, s: 'x'.repeat(200) + i }); };` },
  // buffers (outside the V8 heap) 8 MB at a time, yielding between: caught by the worker's watch
  bufferHog: { memorySize: 128, code: `exports.main = async () => { const a = []; for (let i = 0; i < 64; i += 1) { a.push(Buffer.alloc(8 << 20, 1)); await new Promise((r) => setTimeout(r, 15)); } return { held: a.length * 8 }; };` },
  // well inside 128 MB
  modest: { memorySize: 128, code: `exports.main = async (e) => { const b = Buffer.alloc(20 << 20, 1); await new Promise((r) => setTimeout(r, 30)); return { mb: b.length >> 20, echo: e.n }; };` },
  // 300 MB of buffers: more than the default 256 MB, fine at 512 MB
  roomy: { memorySize: 512, code: `exports.main = async () => { const a = []; for (let i = 0; i < 30; i += 1) { a.push(Buffer.alloc(10 << 20, 1)); await new Promise((r) => setTimeout(r, 15)); } return { mb: a.length * 10 }; };` },
  // the same 300 MB without a memorySize: the default 256 MB
  defaultSize: { code: `exports.main = async () => { const a = []; for (let i = 0; i < 30; i += 1) { a.push(Buffer.alloc(10 << 20, 1)); await new Promise((r) => setTimeout(r, 15)); } return { mb: a.length * 10 }; };` },
};

let dir: string;
let fnDir: string;
let local: LocalDatabase;
let endpoint: CloudbaseEndpoint;
let pool: FunctionPool;
const caller = { OPENID: 'local-memory-test', APPID: 'wx-local-kiosk', SOURCE: 'test' };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fnmem-'));
  fnDir = path.join(dir, 'functions');
  for (const [name, f] of Object.entries(FUNCTIONS)) {
    fs.mkdirSync(path.join(fnDir, name), { recursive: true });
    fs.writeFileSync(path.join(fnDir, name, 'index.js'), f.code);
    fs.writeFileSync(path.join(fnDir, name, 'config.json'), JSON.stringify({ timeout: 20, ...(f.memorySize ? { memorySize: f.memorySize } : {}) }));
  }
  local = LocalDatabase.open({ dir: path.join(dir, 'db'), fsync: false, schema: { collections: {} } });
  endpoint = await startCloudbaseEndpoint(local, 0, { functionsDir: fnDir, fsync: false });
  pool = new FunctionPool({ functionsDir: fnDir, workerFile: paths.worker(), cloudbaseUrl: endpoint.url, size: 1 });
});
afterAll(async () => {
  await pool?.close();
  await endpoint?.close();
  local?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const memoryError = (name: string, mb: number) => ({
  errCode: -504002,
  message: expect.stringMatching(new RegExp(`^functions execute fail: FUNCTIONS_MEMORY_LIMIT_EXCEEDED \\(434 MemoryLimitReached\\): function ${name} used more than its memorySize of ${mb} MB`)),
});

it('reads memorySize from config.json, 256 MB by default, and refuses a size CloudBase does not offer', () => {
  expect(DEFAULT_MEMORY_MB).toBe(256);
  expect(pool.memoryOf('roomy')).toBe(512);
  expect(pool.memoryOf('defaultSize')).toBe(256);
  expect(heapLimitsOf(256)).toEqual({ budgetMb: 216, oldMb: 200, youngMb: 16 });
  expect(() => memorySizeOf('x', { memorySize: 300 })).toThrow(/not a size CloudBase offers/);
  expect(memorySizeOf('x', { memorySize: 64 })).toBe(64);
});

it('a call that fills the JS heap past its memorySize fails as the platform fails it, and the next call runs', async () => {
  await expect(pool.invoke('heapHog', {}, caller)).rejects.toMatchObject(memoryError('heapHog', 128));
  await expect(pool.invoke('modest', { n: 1 }, caller)).resolves.toEqual({ mb: 20, echo: 1 });
}, 60_000);

it('so does a call that holds buffers past it (memory outside the JS heap counts too)', async () => {
  await expect(pool.invoke('bufferHog', {}, caller)).rejects.toMatchObject(memoryError('bufferHog', 128));
  await expect(pool.invoke('modest', { n: 2 }, caller)).resolves.toEqual({ mb: 20, echo: 2 });
}, 60_000);

it('300 MB of buffers fail at the default 256 MB and succeed for a function configured with 512 MB', async () => {
  await expect(pool.invoke('defaultSize', {}, caller)).rejects.toMatchObject(memoryError('defaultSize', 256));
  await expect(pool.invoke('roomy', {}, caller)).resolves.toEqual({ mb: 300 });
  // the one worker is restarted at each function's size as calls alternate
  await expect(pool.invoke('modest', { n: 3 }, caller)).resolves.toEqual({ mb: 20, echo: 3 });
}, 60_000);
