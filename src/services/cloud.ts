/**
 * The one client call to a cloud function — the platform-neutral interface. Taro builds one of the
 * platform files instead of this one (its multi-platform files: `import … from './cloud'` resolves
 * to `cloud.weapp.ts` in the mini-program build and `cloud.h5.ts` in the local H5 kiosk; Taro 4's
 * MultiPlatformPlugin, @tarojs/runner-utils). This file is what TypeScript reads: the declarations
 * below, which both platform files must keep (src/services/platforms.ts checks that at compile time).
 * - Mini-program: `wx.cloud.callFunction({ name, data })` (cloud.weapp.ts).
 * - Local H5 kiosk: `POST /api/functions/:name` to the local gateway, acting as the chosen demo
 *   person (cloud.h5.ts).
 */
import type { CallResult } from './result';

export { NETWORK_ERROR, newRequestId, type CallError, type CallResult } from './result';

/**
 * Calls action `data.action` of cloud function `name` with `data` (the action's input, JSON).
 * Always resolves to the function's envelope `{ ok, data | error }`; a network or platform failure
 * (or an answer that is not an envelope) becomes `{ ok: false, error: NETWORK_ERROR }`. Never rejects.
 */
export declare function callFunction<T>(name: string, data: Record<string, unknown>): Promise<CallResult<T>>;
