/**
 * A function worker: loads bundled cloud functions and runs one invocation at a time.
 *
 * Before each invocation it sets the `WX_*` variables that wx-server-sdk's `getWXContext()` reads
 * (`WX_CONTEXT_KEYS`, `WX_OPENID`, `WX_APPID`, …) and, as the platform does, the function's
 * cloud-call credential `WX_API_TOKEN` (`WX_TRIGGER_API_TOKEN_V0` with `TRIGGER_SRC=timer` for a
 * timer): @cloudbase/node-sdk reads them through `WX_CONTEXT_KEYS` (`utils/wxCloudToken.ts`) and
 * wx-server-sdk's `getWXContext()` leaves them out (its `CONTEXT_KEYS_BLACKLIST`). A worker thread has its own copy of
 * `process.env`, so concurrent invocations in other workers never see this caller.
 * While a call runs, its memory is watched against the function's `memorySize` (`watchMemory`).
 */
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { InvokeMessage, WorkerData, WorkerReply } from './protocol';

type Main = (event: unknown, context: unknown) => Promise<unknown>;

const { functionsDir, memoryBudgetMb } = workerData as WorkerData;

/** How often the memory of a running call is looked at (ms). */
const MEMORY_WATCH_MS = 10;
const MB = 1024 * 1024;

/**
 * This worker's memory (MB): its V8 heap (allocated, not only live) and the buffers it holds
 * outside the heap (`external`, which includes ArrayBuffers) — what the function adds to its
 * instance's memory. In a worker thread `process.memoryUsage()` reports these for the worker's own
 * isolate (`rss` is the whole process's and is not used).
 */
function usedMb(): number {
  const m = process.memoryUsage();
  return (m.heapTotal + m.external) / MB;
}

/**
 * Watches the call `id` until `stop()` (which returns the peak seen, MB): the first time its memory passes the budget it tells the
 * pool (`type: 'memory'`), which fails the call and replaces this worker. The V8 heap limit
 * (resourceLimits) catches a heap that grows between two looks; this catches buffers, which the
 * heap limit does not count.
 */
function watchMemory(id: number): () => number {
  let peak = usedMb();
  const timer = setInterval(() => {
    const used = usedMb();
    peak = Math.max(peak, used);
    if (memoryBudgetMb && used > memoryBudgetMb) {
      clearInterval(timer);
      parentPort!.postMessage({ type: 'memory', id, usedMb: Math.round(used) } satisfies WorkerReply);
    }
  }, MEMORY_WATCH_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    return Math.max(peak, usedMb());
  };
}
const loaded = new Map<string, Main>();

function load(name: string): Main {
  let fn = loaded.get(name);
  if (!fn) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(functionsDir, name, 'index.js')) as { main?: Main };
    if (typeof mod.main !== 'function') throw new Error(`function ${name} exports no main`);
    fn = mod.main;
    loaded.set(name, fn);
  }
  return fn;
}

parentPort!.on('message', async (msg: InvokeMessage) => {
  const env = process.env;
  env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_SOURCE,WX_API_TOKEN,WX_TRIGGER_API_TOKEN_V0';
  env.WX_API_TOKEN = msg.apiToken ?? '';
  env.WX_TRIGGER_API_TOKEN_V0 = msg.apiToken ?? '';
  if (msg.caller.SOURCE === 'wx_trigger') env.TRIGGER_SRC = 'timer';
  else delete env.TRIGGER_SRC;
  env.WX_OPENID = msg.caller.OPENID;
  env.WX_APPID = msg.caller.APPID;
  env.WX_UNIONID = msg.caller.UNIONID ?? '';
  env.WX_CLIENTIP = '127.0.0.1';
  env.WX_SOURCE = msg.caller.SOURCE ?? 'local';
  env.KIOSK_CLOCK_OFFSET_MS = String(msg.clockOffsetMs ?? 0);
  let reply: WorkerReply;
  const stopWatch = watchMemory(msg.id);
  try {
    const result = await load(msg.name)(msg.event, { function_name: msg.name, request_id: String(msg.id) });
    reply = { type: 'result', id: msg.id, result };
  } catch (e) {
    const err = e as Error;
    reply = { type: 'error', id: msg.id, message: err?.message ?? String(e), stack: err?.stack };
  }
  reply.peakMb = Math.round(stopWatch());
  try {
    parentPort!.postMessage(reply);
  } catch (e) {
    // a result structured clone refuses (nested too deep, a function in it): the call fails, the worker lives on
    parentPort!.postMessage({ type: 'error', id: msg.id, message: `the function's result cannot be returned (${(e as Error)?.message ?? String(e)})` } satisfies WorkerReply);
  }
});
