/**
 * The local function runtime: a pool of worker threads that run the bundled cloud functions with
 * the real wx-server-sdk against the local CloudBase endpoint.
 *
 * - One worker runs one invocation at a time (as a CloudBase instance does), so every call sees
 *   its own caller in `getWXContext()`; calls beyond the pool size wait in a FIFO queue.
 * - Each function's timeout comes from its `config.json` (`timeout`, seconds); a call that runs
 *   past it is failed and its worker replaced.
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
}

/** Pool of function workers. */
export class FunctionPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly names: Set<string>;
  private readonly timeouts = new Map<string, number>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: PoolOptions) {
    this.names = new Set(
      fs.readdirSync(options.functionsDir).filter((n) => fs.existsSync(path.join(options.functionsDir, n, 'index.js'))),
    );
    for (const n of this.names) {
      const cfgFile = path.join(options.functionsDir, n, 'config.json');
      const cfg = fs.existsSync(cfgFile) ? (JSON.parse(fs.readFileSync(cfgFile, 'utf8')) as { timeout?: number }) : {};
      this.timeouts.set(n, (cfg.timeout ?? 20) * 1000);
    }
    for (let i = 0; i < (options.size ?? 4); i += 1) this.slots.push(this.spawn());
  }

  /** Names of the functions this pool can run. */
  functionNames(): string[] {
    return [...this.names];
  }

  private spawn(): Slot {
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      ...sdkEnvFor(this.options.cloudbaseUrl, this.options.envId),
      TZ: 'Asia/Shanghai',
      KIOSK_LOCAL: '1',
      ...(this.options.env ?? {}),
    };
    const data: WorkerData = { functionsDir: this.options.functionsDir };
    const worker = new Worker(this.options.workerFile, { workerData: data, env });
    const slot: Slot = { worker, job: null, timer: null };
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

  private pump(): void {
    for (const slot of this.slots) {
      while (this.queue.length && !slot.job) {
        const job = this.queue.shift()!;
        try {
          slot.worker.postMessage(job.msg);
        } catch (e) {
          // structured clone refused the event (e.g. RangeError for 5 000 levels of nesting): this
          // call fails, the worker never saw it and stays free for the next one
          job.reject(new FunctionInvokeError(-504002, `functions execute fail: the event cannot be passed to the function (${(e as Error)?.message ?? String(e)})`));
          continue;
        }
        slot.job = job;
        slot.timer = setTimeout(() => {
          this.replace(slot, new FunctionInvokeError(-504003, `Invoking task timed out after ${this.timeouts.get(job.msg.name)! / 1000} seconds`));
        }, this.timeouts.get(job.msg.name));
      }
      if (!this.queue.length) return;
    }
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
    if (reply.type === 'result') job.resolve(reply.result);
    else job.reject(new FunctionInvokeError(-504002, `functions execute fail: ${reply.message}`));
    this.pump();
  }

  private crash(slot: Slot, err: Error): void {
    if (this.closed || !this.slots.includes(slot)) return;
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
    if (!this.closed) this.slots.push(this.spawn());
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
