/** `requestSubscribe` in the mini-program: `wx.requestSubscribeMessage` (contract: ./subscribe.ts). */
import Taro from '@tarojs/taro';
import { acceptedTemplates, templatesToAsk } from './result';
import { call } from './call';
import { actingForElderHere } from './family';

export { MAX_TEMPLATES_PER_ASK } from './result';

/** See ./subscribe.ts: call it synchronously inside the tap handler (WeChat refuses it elsewhere). */
export async function requestSubscribe(templateIds: string[]): Promise<string[]> {
  const ids = templatesToAsk(templateIds);
  // acting for an elder: his messages are his, a tap here would only spend hers (family.ts)
  if (!ids.length || actingForElderHere()) return [];
  let accepted: string[];
  try {
    const answer = (await Taro.requestSubscribeMessage({ tmplIds: ids } as never)) as unknown as Record<string, unknown>;
    accepted = acceptedTemplates(ids, answer);
  } catch {
    return [];
  }
  // the server counts what is left to send: told in the background, never awaited by the action
  if (accepted.length) void call('account', 'subscribed', { templateIds: accepted }).catch(() => undefined);
  return accepted;
}
