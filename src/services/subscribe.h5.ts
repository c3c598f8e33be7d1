/**
 * `requestSubscribe` in the local H5 kiosk: no WeChat dialog; `POST /api/local/subscribe` (as the chosen
 * demo person) records the acceptance in the emulator and answers like WeChat would (contract: ./subscribe.ts).
 */
import Taro from '@tarojs/taro';
import { actingOpenid } from './identity';
import { acceptedTemplates, templatesToAsk } from './result';
import { call } from './call';
import { actingForElderHere } from './family';

export { MAX_TEMPLATES_PER_ASK } from './result';

/** See ./subscribe.ts. */
export async function requestSubscribe(templateIds: string[]): Promise<string[]> {
  const ids = templatesToAsk(templateIds);
  // acting for an elder: his messages are his, a tap here would only spend hers (family.ts)
  if (!ids.length || actingForElderHere()) return [];
  let accepted: string[];
  try {
    const header = { 'content-type': 'application/json', 'X-WX-OPENID': actingOpenid() };
    const res = await Taro.request<Record<string, unknown>>({ url: '/api/local/subscribe', method: 'POST', data: { templateIds: ids }, header });
    if (res.statusCode !== 200) return [];
    accepted = acceptedTemplates(ids, res.data ?? {});
  } catch {
    return [];
  }
  // the server counts what is left to send: told in the background, never awaited by the action
  if (accepted.length) void call('account', 'subscribed', { templateIds: accepted }).catch(() => undefined);
  return accepted;
}
