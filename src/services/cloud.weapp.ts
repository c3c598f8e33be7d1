/**
 * `callFunction` in the mini-program: `wx.cloud.callFunction({ name, data })` (the interface and its
 * contract: ./cloud.ts). Built only into dist/weapp (Taro's multi-platform files).
 */
import Taro from '@tarojs/taro';
import { isEnvelope, NETWORK_ERROR, type CallResult } from './result';

export { NETWORK_ERROR, newRequestId, type CallError, type CallResult } from './result';

/** See ./cloud.ts: resolves to the envelope, or `{ ok: false, error: NETWORK_ERROR }`; never rejects. */
export async function callFunction<T>(name: string, data: Record<string, unknown>): Promise<CallResult<T>> {
  try {
    const { result } = await Taro.cloud.callFunction({ name, data });
    return isEnvelope<T>(result) ? result : { ok: false, error: NETWORK_ERROR };
  } catch {
    return { ok: false, error: NETWORK_ERROR };
  }
}
