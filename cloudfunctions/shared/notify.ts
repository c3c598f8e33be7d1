/**
 * Notifications: one-time subscribe messages (`subscribeMessage.send`) to a resident's WeChat.
 *
 * A notification is a courtesy, never part of the action: {@link sendSubscribe} never throws into
 * its caller — a failed send is logged and reported in the result, and the action that caused it
 * has already committed. Call it after the write.
 *
 * The real call (wx-server-sdk 4.0.2, `cloud.openapi.subscribeMessage.send({ touser, templateId,
 * page, data, miniprogramState, lang })`; the SDK turns the keys into snake_case) answers
 * `{ errCode: 0 }` or rejects with WeChat's errcode: 40003 touser is not an OPENID of this app,
 * 40037 bad template id, 43101 the user has no subscription left (one-time subscriptions allow one
 * message per tap of 允许), 47003 a data value is empty or breaks its type's limit (`thing` ≤ 20
 * characters, `phrase` ≤ 5 汉字, `name` ≤ 10 汉字, `character_string`/`number`/`letter` ≤ 32, …),
 * 41030 page not in the released app. The function must declare `subscribeMessage.send` in its
 * `config.json` `permissions.openapi` (else -604101). Locally the emulator records each delivered
 * message (`local/cloudbase/messages.ts`, `GET /api/local/messages`) and, as WeChat, refuses with
 * 43101 a message nobody allowed (recording the refusal).
 *
 * Senders do not call this directly: `shared/consent.ts` `notify` stores the message in the person's
 * inbox and calls this only when they have a send of the template left (issue 18).
 */
import { cloud } from './cloud';
import { isPlaceholderOpenid } from './openids';

export interface SubscribeMessageInput {
  /** The resident's OPENID. A placeholder (`nowechat:…`, no WeChat linked) is skipped without a call. */
  touser: string;
  /** The template id from the mini-program's admin console (订阅消息 → 我的模板). */
  templateId: string;
  /** The page the card opens, e.g. `ticket/pages/detail?id=…` (no leading slash). */
  page?: string;
  /** Template fields by key (`thing1`, `phrase2`, `time3`, …) → value; values are fitted to their type's length limit. */
  data: Record<string, string | number>;
  /** developer | trial | formal (default formal). */
  miniprogramState?: 'developer' | 'trial' | 'formal';
}

export type SendResult =
  | { sent: true }
  | { sent: false; reason: 'no-wechat' | 'refused' | 'failed'; errCode?: number; errMsg?: string };

/** Longest value per key type, in characters (WeChat's "订阅消息参数值内容限制说明"). */
const LIMITS: Record<string, number> = { thing: 20, name: 10, phrase: 5, character_string: 32, number: 32, letter: 32, symbol: 5, car_number: 8, phone_number: 17 };

/** `value` cut to the limit of `key`'s type (`thing3` → 20 characters, the last one `…`). */
export function fitValue(key: string, value: string | number): string {
  const text = String(value).replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  const type = /^([a-z_]+?)\d+$/.exec(key)?.[1] ?? '';
  const limit = LIMITS[type];
  const chars = [...text];
  if (!limit || chars.length <= limit) return text;
  return type === 'thing' ? `${chars.slice(0, limit - 1).join('')}…` : chars.slice(0, limit).join('');
}

/** Sends one subscribe message; never throws (see the module notes). One round trip, none for a placeholder. */
export async function sendSubscribe(msg: SubscribeMessageInput): Promise<SendResult> {
  if (isPlaceholderOpenid(msg.touser)) return { sent: false, reason: 'no-wechat' };
  const data: Record<string, { value: string }> = {};
  for (const [k, v] of Object.entries(msg.data)) data[k] = { value: fitValue(k, v) };
  try {
    await cloud.openapi.subscribeMessage.send({
      touser: msg.touser,
      templateId: msg.templateId,
      page: msg.page,
      data,
      miniprogramState: msg.miniprogramState ?? 'formal',
      lang: 'zh_CN',
    } as never);
    return { sent: true };
  } catch (e) {
    const err = e as { errCode?: number; errMsg?: string };
    console.warn(`[notify] subscribeMessage.send to ${msg.templateId} failed: ${err?.errCode ?? ''} ${err?.errMsg ?? String(e)}`);
    return { sent: false, reason: err?.errCode === 43101 ? 'refused' : 'failed', errCode: err?.errCode, errMsg: err?.errMsg ?? String(e) };
  }
}
