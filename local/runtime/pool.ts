/**
 * The local function runtime: a pool of worker threads that run the bundled cloud functions with
 * the real wx-server-sdk against the local CloudBase endpoint.
 *
 * - One worker runs one invocation at a time (as a CloudBase instance does), so every call sees
 *   its own caller in `getWXContext()`; calls beyond the pool size wait in a FIFO queue.
 * - Each function's timeout comes from its `config.json` (`timeout`, seconds); a call that runs
 *   past it is failed and its worker replaced.
 * - Each function's memory comes from its `config.json` (`memorySize`, MB; default 256, CloudBase's
 *   default — docs/runtime-limits.md "Memory"): a worker runs only functions of its size, with a V8
 *   heap of {@link heapLimitsOf} that size, and its own memory (heap + buffers) is watched while a
 *   call runs. A call that goes past it is failed as the platform fails it (-504002 with SCF's
 *   `434 MemoryLimitReached` / CloudBase's `FUNCTIONS_MEMORY_LIMIT_EXCEEDED`) and its worker replaced.
 *   A call for a function of another size takes an idle worker and restarts it at that size.
 * - A worker that dies (e.g. an unhandled rejection) fails only the call it was running.
 * - An event the worker cannot be handed (structured clone refuses it: nested thousands of levels
 *   deep, or holding a function) fails only that call, at once, and leaves its worker free: before,
 *   the worker stayed marked busy until the function's timeout, so a few such calls stalled the pool.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CallerContext, InvokeMessage, WorkerData, WorkerReply } from './protocol';
import { sdkEnvFor } from './sdk-env';
import { clockOffset } from '../clock';

/** CloudBase's memory for a function whose config.json names none (MB; docs/runtime-limits.md "Memory"). */
export const DEFAULT_MEMORY_MB = 256;

/**
 * What a CloudBase instance spends outside the function's JS heap and buffers: the Node.js process
 * itself (measured here, Node 20: a bare `node` is 39–41 MB RSS, of which its heap and buffers are
 * 5 MB; docs/runtime-limits.md "Memory"). The platform counts the whole instance against
 * `memorySize`, so the worker's heap + buffers — the loaded bundle and wx-server-sdk (about 60 MB)
 * and the call's data — get the rest.
 */
export const RUNTIME_BASELINE_MB = 40;

/** The young generation a worker gets (MB); part of the function's share. */
const YOUNG_GENERATION_MB = 16;

/**
 * The memory of a worker for a function of `memoryMb` (its config.json `memorySize`): `budgetMb`
 * for the function's heap and buffers together (memorySize − the runtime's baseline), of which
 * `oldMb` + `youngMb` is the V8 heap limit (`worker_threads` resourceLimits).
 */
export function heapLimitsOf(memoryMb: number): { budgetMb: number; oldMb: number; youngMb: number } {
  const budgetMb = memoryMb - RUNTIME_BASELINE_MB;
  return { budgetMb, oldMb: budgetMb - YOUNG_GENERATION_MB, youngMb: YOUNG_GENERATION_MB };
}

/**
 * The error a caller gets for a call that went past its function's memory: CloudBase answers a
 * failed execution with -504002 "functions execute fail"; the reason is SCF's status
 * `434 MemoryLimitReached` (cloud.tencent.com/document/product/583/35311) — CloudBase's error code
 * `FUNCTIONS_MEMORY_LIMIT_EXCEEDED` (docs.cloudbase.net/error-code/FUNCTIONS_MEMORY_LIMIT_EXCEEDED).
 */
export function memoryLimitError(name: string, memoryMb: number): FunctionInvokeError {
  return new FunctionInvokeError(
    -504002,
    `functions execute fail: FUNCTIONS_MEMORY_LIMIT_EXCEEDED (434 MemoryLimitReached): function ${name} used more than its memorySize of ${memoryMb} MB. 云函数运行内存超限：请减少内存使用（分页读取、流式写文件）或调大内存配置。`,
  );
}

/** A call that failed inside the runtime (thrown error, timeout, crashed worker, unknown function). */
export class FunctionInvokeError extends Error {
  constructor(
    readonly errCode: number,
    message: string,
  ) {
    super(message);
  }
}

export interface PoolOptions {
  /** Directory of bundled functions (`<name>/index.js`, `<name>/config.json`). */
  functionsDir: string;
  /** The worker entry, bundled (`dist/local/worker.js`). */
  workerFile: string;
  /** `TCB_CONTEXT_CNFG.URL` for the SDK, e.g. `http://127.0.0.1:PORT/admin`. */
  cloudbaseUrl: string;
  /** Cloud environment id the SDK reports (`SCF_NAMESPACE`). */
  envId?: string;
  /** Number of workers (default 4). */
  size?: number;
  /** The cloud-call credential of function `name` (`OpenApiService.tokenFor`); none if absent. */
  apiToken?: (name: string) => string;
  /** Extra environment for the functions (e.g. `KIOSK_LOCAL=1`). */
  env?: Record<string, string>;
}

interface Job {
  msg: InvokeMessage;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  /** the memorySize (MB) this worker was started with: it runs only functions of that size */
  memoryMb: number;
}

/** A function's config.json as the runtime reads it. */
interface FunctionConfig {
  timeout?: number;
  memorySize?: number;
}

/**
 * The memorySize of config.json `cfg` of function `name` (MB), default {@link DEFAULT_MEMORY_MB}.
 * SCF's allowed sizes are 64 MB, then 128 MB to 3 072 MB in steps of 128 MB
 * (intl.cloud.tencent.com/document/product/583/11637). Errors: any other value (thrown at start).
 */
export function memorySizeOf(name: string, cfg: FunctionConfig): number {
  const m = cfg.memorySize ?? DEFAULT_MEMORY_MB;
  if (!Number.isInteger(m) || !(m === 64 || (m >= 128 && m <= 3072 && m % 128 === 0))) {
    throw new Error(`${name}/config.json: memorySize ${JSON.stringify(cfg.memorySize)} is not a size CloudBase offers (64, or 128 to 3072 in steps of 128 MB)`);
  }
  return m;
}

/** Pool of function workers. */
export class FunctionPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly names: Set<string>;
  private readonly timeouts = new Map<string, number>();
  private readonly memory = new Map<string, number>();
  private readonly peaks = new Map<string, number>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: PoolOptions) {
    this.names = new Set(
      fs.readdirSync(options.functionsDir).filter((n) => fs.existsSync(path.join(options.functionsDir, n, 'index.js'))),
    );
    for (const n of this.names) {
      const cfgFile = path.join(options.functionsDir, n, 'config.json');
      const cfg = fs.existsSync(cfgFile) ? (JSON.parse(fs.readFileSync(cfgFile, 'utf8')) as FunctionConfig) : {};
      this.timeouts.set(n, (cfg.timeout ?? 20) * 1000);
      this.memory.set(n, memorySizeOf(n, cfg));
    }
    for (let i = 0; i < (options.size ?? 4); i += 1) this.slots.push(this.spawn(DEFAULT_MEMORY_MB));
  }

  /**
   * The peak memory (MB: the worker's heap + buffers, sampled every 10 ms, without the Node
   * process's own baseline) of the last call of `name` that ended, for the bench; undefined if none.
   */
  lastPeakMb(name: string): number | undefined {
    return this.peaks.get(name);
  }

  /** The memorySize (MB) function `name` runs with (its config.json; default 256). */
  memoryOf(name: string): number {
    return this.memory.get(name) ?? DEFAULT_MEMORY_MB;
  }

  /** Names of the functions this pool can run. */
  functionNames(): string[] {
    return [...this.names];
  }

  private spawn(memoryMb: number): Slot {
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      ...sdkEnvFor(this.options.cloudbaseUrl, this.options.envId),
      TZ: 'Asia/Shanghai',
      KIOSK_LOCAL: '1',
      ...(this.options.env ?? {}),
    };
    const limits = heapLimitsOf(memoryMb);
    const data: WorkerData = { functionsDir: this.options.functionsDir, memoryBudgetMb: limits.budgetMb };
    const worker = new Worker(this.options.workerFile, {
      workerData: data,
      env,
      resourceLimits: { maxOldGenerationSizeMb: limits.oldMb, maxYoungGenerationSizeMb: limits.youngMb },
    });
    const slot: Slot = { worker, job: null, timer: null, memoryMb };
    worker.on('message', (reply: WorkerReply) => this.finish(slot, reply));
    worker.on('error', (err) => this.crash(slot, err));
    worker.on('exit', (code) => this.crash(slot, new Error(`worker exited with code ${code}`)));
    return slot;
  }

  /**
   * Runs function `name` with `event` as `caller`. Resolves with what the function returned;
   * rejects with {@link FunctionInvokeError} (-501000 unknown function, -504002 function threw
   * or crashed, -504003 timeout).
   */
  invoke(name: string, event: unknown, caller: CallerContext): Promise<unknown> {
    if (this.closed) return Promise.reject(new FunctionInvokeError(-504002, 'runtime is closed'));
    if (!this.names.has(name)) {
      return Promise.reject(new FunctionInvokeError(-501000, `FunctionName parameter could not be found: ${name}`));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ msg: { type: 'invoke', id: this.nextId++, name, event, caller, apiToken: this.options.apiToken?.(name), clockOffsetMs: clockOffset() }, resolve, reject });
      this.pump();
    });
  }

  /** Hands queued calls, first come first served, to idle workers of their function's memory size. */
  private pump(): void {
    while (this.queue.length) {
      const job = this.queue[0];
      const memoryMb = this.memoryOf(job.msg.name);
      const idle = this.slots.filter((s) => !s.job);
      let slot = idle.find((s) => s.memoryMb === memoryMb) ?? idle[0];
      if (!slot) return;
      if (slot.memoryMb !== memoryMb) slot = this.restart(slot, memoryMb);
      this.queue.shift();
      try {
        slot.worker.postMessage(job.msg);
      } catch (e) {
        // structured clone refused the event (e.g. RangeError for 5 000 levels of nesting): this
        // call fails, the worker never saw it and stays free for the next one
        job.reject(new FunctionInvokeError(-504002, `functions execute fail: the event cannot be passed to the function (${(e as Error)?.message ?? String(e)})`));
        continue;
      }
      slot.job = job;
      const taken = slot;
      slot.timer = setTimeout(() => {
        this.replace(taken, new FunctionInvokeError(-504003, `Invoking task timed out after ${this.timeouts.get(job.msg.name)! / 1000} seconds`));
      }, this.timeouts.get(job.msg.name));
    }
  }

  /** Replaces idle `slot`'s worker by one of `memoryMb` (a cold start, as a new instance is). */
  private restart(slot: Slot, memoryMb: number): Slot {
    const i = this.slots.indexOf(slot);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => undefined);
    void slot.worker.terminate();
    const fresh = this.spawn(memoryMb);
    this.slots[i] = fresh;
    return fresh;
  }

  /** Calls running (`busy`, one per worker at most) and waiting for a worker (`queued`), and the pool's size. */
  load(): { busy: number; queued: number; size: number } {
    return { busy: this.slots.filter((s) => s.job).length, queued: this.queue.length, size: this.slots.length };
  }

  private finish(slot: Slot, reply: WorkerReply): void {
    const job = slot.job;
    if (!job || job.msg.id !== reply.id) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    slot.timer = null;
    this.peaks.set(job.msg.name, reply.type === 'memory' ? reply.usedMb : reply.peakMb ?? 0);
    if (reply.type === 'memory') {
      // the worker's watch saw heap + buffers past the function's memory: fail the call, drop the worker
      slot.job = job;
      this.replace(slot, memoryLimitError(job.msg.name, slot.memoryMb));
      return;
    }
    if (reply.type === 'result') job.resolve(reply.result);
    else job.reject(new FunctionInvokeError(-504002, `functions execute fail: ${reply.message}`));
    this.pump();
  }

  private crash(slot: Slot, err: Error): void {
    if (this.closed || !this.slots.includes(slot)) return;
    if ((err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' && slot.job) {
      this.peaks.set(slot.job.msg.name, heapLimitsOf(slot.memoryMb).budgetMb);
      this.replace(slot, memoryLimitError(slot.job.msg.name, slot.memoryMb));
      return;
    }
    this.replace(slot, new FunctionInvokeError(-504002, `functions execute fail: ${err.message}`));
  }

  private replace(slot: Slot, err: FunctionInvokeError): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    if (slot.timer) clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    this.slots.splice(i, 1);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => undefined);
    void slot.worker.terminate();
    if (!this.closed) this.slots.push(this.spawn(slot.memoryMb));
    job?.reject(err);
    this.pump();
  }

  /** Stops every worker; queued calls are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new FunctionInvokeError(-504002, 'runtime is closed'));
    await Promise.all(
      this.slots.map(async (s) => {
        s.worker.removeAllListeners();
        if (s.timer) clearTimeout(s.timer);
        s.job?.reject(new FunctionInvokeError(-504002, 'runtime is closed'));
        await s.worker.terminate();
      }),
    );
    this.slots.length = 0;
  }
}
