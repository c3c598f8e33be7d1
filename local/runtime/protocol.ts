/**
 * Messages between the function pool (main thread) and a function worker (one worker thread runs
 * one invocation at a time, like a CloudBase instance).
 */

/** Caller identity handed to `getWXContext()` through the `WX_*` environment of the worker. */
export interface CallerContext {
  OPENID: string;
  APPID: string;
  UNIONID?: string;
  /** Local-runtime only: where the call came from (`gateway`, `test`, `bench`). */
  SOURCE?: string;
}

export interface InvokeMessage {
  type: 'invoke';
  id: number;
  name: string;
  event: unknown;
  caller: CallerContext;
  /** local/clock.ts offset (ms) for this invocation: the worker sets it as KIOSK_CLOCK_OFFSET_MS */
  clockOffsetMs?: number;
  /**
   * The function's cloud-call credential, set as `WX_API_TOKEN` (and `WX_TRIGGER_API_TOKEN_V0`) as
   * the platform does; the emulator knows the calling function by it (`cloudbase/openapi.ts`).
   */
  apiToken?: string;
}

export type WorkerReply =
  /** `peakMb`: the most the call's memory (worker heap + buffers, MB) was seen at, sampled every 10 ms */
  | { type: 'result'; id: number; result: unknown; peakMb?: number }
  | { type: 'error'; id: number; message: string; stack?: string; peakMb?: number }
  /** the call's memory (the worker's heap + buffers, MB) went past the function's budget */
  | { type: 'memory'; id: number; usedMb: number };

/** Data passed at worker start. */
export interface WorkerData {
  /** Directory that holds one bundled function per sub-directory (`<name>/index.js`). */
  functionsDir: string;
  /**
   * MB the function's own heap and buffers may use (its memorySize − the runtime's baseline:
   * pool.ts heapLimitsOf); watched while a call runs. Absent: not watched.
   */
  memoryBudgetMb?: number;
}
