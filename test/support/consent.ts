/**
 * Test helper: a person taps 允许 as a page does (issue 18) — WeChat's `wx.requestSubscribeMessage`
 * grants one message of each template (the emulator's `MessageStore.grant`, what the local
 * `POST /api/local/subscribe` does), then the page reports the taps (`account.subscribed`) so the
 * functions count them. The emulator enforces the count by default: without this nothing reaches
 * WeChat (errcode 43101), though the inbox (消息) has everything.
 */
import type { LocalCloud } from '../../local/cloud';
import { templateId, type TemplateKey } from '../../cloudfunctions/shared/templates';

/** `openid` allows one message of each of `keys` (1–3), `times` taps in a row (default 1). Throws if the function refuses. */
export async function allow(cloud: LocalCloud, openid: string, keys: TemplateKey[], times = 1): Promise<Partial<Record<TemplateKey, number>>> {
  const ids = keys.map((k) => templateId(k, {}));
  let left: Partial<Record<TemplateKey, number>> = {};
  for (let i = 0; i < times; i += 1) {
    cloud.endpoint.messages.grant(openid, ids);
    const r = (await cloud.call('account', { action: 'subscribed', templateIds: ids }, openid)) as { ok: boolean; data?: { left: Partial<Record<TemplateKey, number>> } };
    if (!r.ok || !r.data) throw new Error(`account.subscribed refused: ${JSON.stringify(r)}`);
    left = r.data.left;
  }
  return left;
}
