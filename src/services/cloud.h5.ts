/**
 * `callFunction` in the local H5 kiosk: `POST /api/functions/:name` to the local gateway (local/gateway.ts)
 * with `data` as the JSON body and the chosen demo person's OPENID as `X-WX-OPENID`; the gateway
 * answers `{ result }` (the interface and its contract: ./cloud.ts). The H5 app exists only as the
 * local demo (config/index.ts refuses any other H5 build), so this file is built only there.
 */
import Taro from '@tarojs/taro';
import { actingOpenid } from './identity';
import { isEnvelope, NETWORK_ERROR, type CallResult } from './result';

export { NETWORK_ERROR, newRequestId, type CallError, type CallResult } from './result';

/** See ./cloud.ts: resolves to the envelope, or `{ ok: false, error: NETWORK_ERROR }` (also for a non-200 answer); never rejects. */
export async function callFunction<T>(name: string, data: Record<string, unknown>): Promise<CallResult<T>> {
  try {
    const header = { 'content-type': 'application/json', 'X-WX-OPENID': actingOpenid() };
    const res = await Taro.request<{ result?: unknown }>({ url: `/api/functions/${name}`, method: 'POST', data, header });
    if (res.statusCode !== 200) return { ok: false, error: NETWORK_ERROR };
    const result = res.data?.result;
    return isEnvelope<T>(result) ? result : { ok: false, error: NETWORK_ERROR };
  } catch {
    return { ok: false, error: NETWORK_ERROR };
  }
}
