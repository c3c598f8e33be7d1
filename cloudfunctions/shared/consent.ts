/**
 * Consent and notifications (issue 18 §1): how many WeChat subscribe messages each person may still
 * be sent per template, the in-app inbox (消息) every notification is stored in, and the one function
 * every sender uses, {@link notify}.
 *
 * ## WeChat's rule
 * A one-time subscription (一次性订阅) lets the mini-program send ONE message of a template to the
 * person for each tap of 允许 on `wx.requestSubscribeMessage` (up to 3 templates per call, only
 * inside a tap); taps accumulate; a send without one is refused with errcode 43101
 * (developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html,
 * errcode table "43101 用户拒绝接受消息…"; developers.weixin.qq.com/miniprogram/dev/framework/open-ability/subscribe-message.html
 * "用户自主订阅后，开发者可不限时间地下发一条对应的服务消息"). WeChat does not tell the function how
 * many a person has left, so the pages report each 允许 (`account.subscribed`) and this module counts.
 *
 * ## Collections (docs/api.md "Messages")
 * - `subscriptions`: one document per person and template, `_id = "<openid>|<templateKey>"`,
 *   `{ openid, template, left, updatedAt }` — `left` = sends still allowed (taps reported − sends used).
 * - `messages`: the inbox, `{ _id, userId, openid?, kind, title, lines, page, at, readAt? }`; every
 *   notification is stored here for its person whether or not WeChat delivered it, so a resident
 *   who declined a permission loses nothing (the message centre, `account.myMessages`).
 *
 * ## notify(): stored always, sent when consented
 * 1. The inbox message is inserted and, in parallel, one send is taken from the person's count with
 *    one conditional update (`left > reserve`, `left − 1`): no read-then-write, so two senders at once
 *    never spend one tap twice. One round trip (both calls at once), then the WeChat call.
 * 2. No send left (or only the ones kept for more important messages, `reserve`) → WeChat is not
 *    called at all (it would answer 43101). A person without WeChat (placeholder OPENID) → none.
 * 3. WeChat refuses with 43101 → the tap is spent (WeChat's count is the truth; ours was too kind):
 *    not given back. Any other failure (network, 47003 data, system busy) → WeChat delivered nothing
 *    and kept the subscription, so the send is given back (`left + 1`) and the caller may retry.
 * 4. Never throws: a notification is never part of the action that caused it (call it after the
 *    write, or with it through {@link notifyWith}). A failed inbox insert is logged and reported as
 *    `stored: false`.
 * A retried notice (a job after a transient failure) passes `messageId`: the inbox keeps one message
 * (the second insert is a duplicate key, ignored).
 * {@link notifyWith} runs step 1 at the same time as the write it is about (one round trip less, for a
 * write that tells its person at once: parcels.log), and undoes it if that write fails.
 *
 * ## Long-term subscriptions (`KIOSK_LONG_TERM_SUBSCRIPTIONS=1`, docs/long-term-subscriptions.md)
 * A mini-program registered in a category WeChat opens long-term subscribe messages to (政务民生 …)
 * uses long-term templates: one 允许 lets it send that template to that person again and again,
 * until they turn it off ("目前长期性订阅消息仅向政务民生、医疗、交通、金融、教育等线下公共服务开放",
 * the 订阅消息 overview cited there). With the setting ({@link longTermSubscriptions}) every template
 * is a long-term one, and notify() follows that rule instead of counting: a person who accepted a
 * template (`left ≥ 1`: at least one tap reported) is sent every message of it — the check is a
 * read, nothing is spent, `reserve` does not apply (nothing to save for later); WeChat's 43101
 * means they turned it off, so their count goes to 0 (no more WeChat calls until they tap 允许
 * again); any other failure changes nothing. Without the setting (the default) every template is
 * one-time, as above — right for every category.
 *
 * ## Importance (`reserve`)
 * Where one subject sends several messages of one template (a ticket's progress), the sender passes
 * `reserve` = how many sends must stay for more important messages still to come; the step is sent
 * only when the person has more than that left. See `ticket/notify.ts` for the ticket rule.
 */
import { _, db, isDuplicateKey } from './cloud';
import { now as clockNow } from './clock';
import { AppError } from './errors';
import { sendSubscribe, type SendResult } from './notify';
import { isPlaceholderOpenid } from './openids';
import { longTermSubscriptions, TEMPLATES, templateId, type TemplateKey } from './templates';

/** Collection of sends left per person and template. */
export const SUBSCRIPTIONS = 'subscriptions';
/** Collection of the inbox. */
export const MESSAGES = 'messages';

/** One document of `subscriptions`. */
export interface Subscription {
  _id: string;
  openid: string;
  template: TemplateKey;
  left: number;
  updatedAt: Date;
}

/** One document of `messages` (the inbox). */
export interface InboxDoc {
  _id: string;
  userId: string;
  openid?: string;
  kind: TemplateKey | string;
  title: string;
  lines: string[];
  /** The page it is about, e.g. `ticket/pages/detail/index?id=…` (no leading slash); null: none. */
  page: string | null;
  at: Date;
  readAt?: Date;
}

/** The `_id` of a person's count for one template. */
export const subscriptionId = (openid: string, key: TemplateKey): string => `${openid}|${key}`;

/** Every template key. */
const KEYS = Object.keys(TEMPLATES) as TemplateKey[];

/** The template key of a template id (by the function's current ids), or null. */
export function keyOfTemplateId(id: string): TemplateKey | null {
  return KEYS.find((k) => templateId(k) === id) ?? null;
}

/**
 * Records the taps of 允许 `openid` made: each id in `templateIds` (1..3, as `wx.requestSubscribeMessage`
 * answered 'accept') adds one send to the person's count of that template. An id the kiosk does not
 * use → COMMON.INVALID_INPUT before anything is written; a caller without WeChat → COMMON.FORBIDDEN.
 * Answers the caller's sends left for those templates. Round trips: one read of the caller's
 * counts, then at once one multi-document increment of those that exist and an insert of each that
 * does not (a racing tap's insert landing first turns ours into an increment): 2 for one template.
 */
export async function recordConsent(openid: string, templateIds: string[]): Promise<{ left: Partial<Record<TemplateKey, number>> }> {
  if (!openid) throw new AppError('COMMON.NOT_REGISTERED');
  if (isPlaceholderOpenid(openid)) throw new AppError('COMMON.FORBIDDEN');
  const keys: TemplateKey[] = [];
  const unknown: string[] = [];
  for (const id of templateIds) {
    const key = keyOfTemplateId(id);
    if (!key) unknown.push(id);
    else if (!keys.includes(key)) keys.push(key);
  }
  if (unknown.length) throw new AppError('COMMON.INVALID_INPUT', unknown.map(() => ({ path: 'templateIds', message: 'not a template of this mini-program' })));
  const now = clockNow();
  const { data } = await db.collection(SUBSCRIPTIONS).where({ _id: _.in(keys.map((k) => subscriptionId(openid, k))) }).limit(10).get();
  const had = new Map((data as Subscription[]).map((s) => [s.template, s.left]));
  const existing = keys.filter((k) => had.has(k));
  const missing = keys.filter((k) => !had.has(k));
  await Promise.all([
    existing.length ? increment(openid, existing, now) : Promise.resolve(),
    ...missing.map(async (key) => {
      try {
        await db.collection(SUBSCRIPTIONS).add({ data: { _id: subscriptionId(openid, key), openid, template: key, left: 1, updatedAt: now } });
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        await increment(openid, [key], now); // another tap's insert landed first
      }
    }),
  ]);
  // what the caller has now (another tap at the same moment may make it one more: a hint for the page)
  const left: Partial<Record<TemplateKey, number>> = {};
  for (const k of keys) left[k] = (had.get(k) ?? 0) + 1;
  return { left };
}

/** Adds one send of each of `keys` to `openid`'s counts: one multi-document update. */
async function increment(openid: string, keys: TemplateKey[], now: Date): Promise<void> {
  await db.collection(SUBSCRIPTIONS).where({ _id: _.in(keys.map((k) => subscriptionId(openid, k))) }).update({ data: { left: _.inc(1), updatedAt: now } });
}

/** One notification: who, what it says in the inbox and in WeChat, and how important it is. */
export interface Notice {
  /** The person (`users._id`); their inbox gets the message. Null: no record (nothing stored). */
  userId: string | null;
  /** Their OPENID (a placeholder or none: nothing sent to WeChat). */
  openid?: string | null;
  /** The template (also the inbox message's `kind`). */
  key: TemplateKey;
  /** The inbox title, e.g. 您反映的问题已受理. */
  title: string;
  /** The inbox lines (Chinese, each a short sentence). */
  lines: string[];
  /** The page it is about (no leading slash), null for none; also the WeChat card's page. */
  page: string | null;
  /** The template's fields for WeChat (`thing1`, …; fitted to their limits by `sendSubscribe`). */
  data: Record<string, string | number>;
  /** Sends of this template kept for more important messages still to come (default 0). */
  reserve?: number;
  /** A stable inbox id, for a notice that may be retried (one message however often it runs). */
  messageId?: string;
}

/**
 * Why WeChat was not (successfully) told: no WeChat linked; no send left; `kept` — none left beyond
 * the `reserve` (maybe none at all); `refused` — WeChat answered 43101; `failed` — any other failure,
 * the only transient one (retry later).
 */
export type NotSentReason = 'no-wechat' | 'no-consent' | 'kept' | 'refused' | 'failed';

/** What {@link notify} did. */
export type NotifyResult = { stored: boolean; sent: true } | { stored: boolean; sent: false; reason: NotSentReason };

/** True when a result is final (delivered, or WeChat will not deliver it): a job may mark itself done. */
export const answered = (r: NotifyResult): boolean => r.sent || r.reason !== 'failed';

/** What {@link prepare} did before the WeChat call: the inbox message (inserted now, already there, or not stored) and the send. */
interface Prepared {
  wechat: boolean;
  stored: 'inserted' | 'existed' | false;
  took: 'none' | 'kept' | 'took' | 'error';
  now: Date;
}

/** Step 1 of notify (module notes): the inbox insert and the send taken from the count, at once (one round trip). */
async function prepare(n: Notice): Promise<Prepared> {
  const wechat = !!n.openid && !isPlaceholderOpenid(n.openid);
  const reserve = Math.max(0, n.reserve ?? 0);
  const now = clockNow();
  const [stored, took] = await Promise.all([
    store(n, now),
    !wechat ? Promise.resolve<Prepared['took']>('none') : longTermSubscriptions() ? accepted(n.openid!, n.key) : take(n.openid!, n.key, reserve, now),
  ]);
  return { wechat, stored, took, now };
}

/** Steps 2–3 of notify: the WeChat call when a send was taken, and what follows its answer. */
async function deliver(n: Notice, { wechat, stored: inbox, took, now }: Prepared): Promise<NotifyResult> {
  const stored = inbox !== false;
  if (!wechat) return { stored, sent: false, reason: 'no-wechat' };
  if (took === 'error') return { stored, sent: false, reason: 'failed' };
  if (took !== 'took') return { stored, sent: false, reason: took === 'kept' ? 'kept' : 'no-consent' };
  const r: SendResult = await sendSubscribe({ touser: n.openid!, templateId: templateId(n.key), page: n.page ?? undefined, data: n.data });
  if (r.sent) return { stored, sent: true };
  if (longTermSubscriptions()) {
    // 43101: they turned the template off — no more WeChat calls until they accept again; any other failure: nothing was spent
    if (r.reason === 'refused') await setLeft(n.openid!, n.key, 0, now);
    return { stored, sent: false, reason: r.reason === 'refused' ? 'refused' : r.reason === 'no-wechat' ? 'no-wechat' : 'failed' };
  }
  if (r.reason === 'refused') return { stored, sent: false, reason: 'refused' };
  // WeChat delivered nothing and kept the subscription: give the send back
  await giveBack(n.openid!, n.key, now);
  return { stored, sent: false, reason: r.reason === 'no-wechat' ? 'no-wechat' : 'failed' };
}

/** Gives one send of `key` back to `openid` (`left + 1`). Logged, never thrown. */
async function giveBack(openid: string, key: TemplateKey, now: Date): Promise<void> {
  try {
    await db.collection(SUBSCRIPTIONS).where({ _id: subscriptionId(openid, key) }).update({ data: { left: _.inc(1), updatedAt: now } });
  } catch (e) {
    console.warn(`[consent] giving back a send of ${key} failed: ${String(e)}`);
  }
}

/** Stores `n` in its person's inbox and sends it to WeChat if they have a send left (module notes). Never throws. */
export async function notify(n: Notice): Promise<NotifyResult> {
  return deliver(n, await prepare(n));
}

/**
 * Runs `write` and notice `n`'s inbox insert and send-taking at the same time — one round trip for
 * the record and its message instead of two, for a write that tells its person at once (parcels.log:
 * issue 22 asks ≤ 2 round trips with the caller). WeChat is called only after `write` succeeded. If
 * `write` throws, the message inserted here is removed and a send taken here given back (one more
 * round trip, only on that failure), then the error is rethrown: a person never keeps a message
 * about a record that was not written, and WeChat never hears of it. For a moment between the insert
 * and its removal the message is in the inbox; `n.messageId` must therefore be new for this write
 * (e.g. the new record's id), so that an older message is never the one removed.
 * Answers `write`'s value and what the notice did; the notice itself never throws.
 */
export async function notifyWith<T>(n: Notice & { messageId: string }, write: () => Promise<T>): Promise<{ value: T; notified: NotifyResult }> {
  const [written, prepared] = await Promise.all([write().then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error })), prepare(n)]);
  if (!written.ok) {
    await Promise.all([
      prepared.stored === 'inserted'
        ? db
            .collection(MESSAGES)
            .doc(n.messageId)
            .remove()
            .catch((e: unknown) => console.warn(`[consent] removing the ${n.key} message of a failed write failed: ${String(e)}`))
        : Promise.resolve(),
      prepared.took === 'took' && !longTermSubscriptions() ? giveBack(n.openid!, n.key, prepared.now) : Promise.resolve(),
    ]);
    throw written.error;
  }
  return { value: written.value, notified: await deliver(n, prepared) };
}

/** Inserts the inbox message: 'inserted', 'existed' (a duplicate `messageId`: one message however often it runs) or false (not stored). */
async function store(n: Notice, now: Date): Promise<'inserted' | 'existed' | false> {
  if (!n.userId) return false;
  const doc: Omit<InboxDoc, '_id'> & { _id?: string } = {
    ...(n.messageId ? { _id: n.messageId } : {}),
    userId: n.userId,
    ...(n.openid && !isPlaceholderOpenid(n.openid) ? { openid: n.openid } : {}),
    kind: n.key,
    title: n.title,
    lines: n.lines,
    page: n.page,
    at: now,
  };
  try {
    await db.collection(MESSAGES).add({ data: doc });
    return 'inserted';
  } catch (e) {
    if (n.messageId && isDuplicateKey(e)) return 'existed';
    console.warn(`[consent] storing the ${n.key} message failed: ${String(e)}`);
    return false;
  }
}

/** Takes one send of `key` from `openid` if they have more than `reserve` left. */
async function take(openid: string, key: TemplateKey, reserve: number, now: Date): Promise<'none' | 'kept' | 'took' | 'error'> {
  try {
    const { stats } = await db
      .collection(SUBSCRIPTIONS)
      .where({ _id: subscriptionId(openid, key), left: _.gt(reserve) })
      .update({ data: { left: _.inc(-1), updatedAt: now } });
    if (stats.updated === 1) return 'took';
    // none left beyond those kept for more important messages (maybe none at all): no extra read to tell which
    return reserve === 0 ? 'none' : 'kept';
  } catch (e) {
    console.warn(`[consent] taking a send of ${key} failed: ${String(e)}`);
    return 'error';
  }
}

/** Long-term templates: whether `openid` accepted `key` (and has not turned it off since) — one read, nothing spent. */
async function accepted(openid: string, key: TemplateKey): Promise<'none' | 'took' | 'error'> {
  try {
    const { total } = await db.collection(SUBSCRIPTIONS).where({ _id: subscriptionId(openid, key), left: _.gt(0) }).count();
    return total > 0 ? 'took' : 'none';
  } catch (e) {
    console.warn(`[consent] reading the consent to ${key} failed: ${String(e)}`);
    return 'error';
  }
}

/** Sets `openid`'s count of `key` to `left` (a long-term template turned off: 0). Logged, never thrown. */
async function setLeft(openid: string, key: TemplateKey, left: number, now: Date): Promise<void> {
  try {
    await db.collection(SUBSCRIPTIONS).where({ _id: subscriptionId(openid, key) }).update({ data: { left, updatedAt: now } });
  } catch (e) {
    console.warn(`[consent] clearing the consent to ${key} failed: ${String(e)}`);
  }
}

/** Inbox messages are kept this many days (then removed by the ticket function's timer, `ticket/ratingAsks.ts`). */
export const MESSAGE_KEEP_DAYS = 180;

/**
 * Removes inbox messages older than {@link MESSAGE_KEEP_DAYS} at `now`: one multi-document remove
 * (index `messages.at`). Returns how many went; never throws (a failure waits for the next run).
 */
export async function pruneMessages(now: Date): Promise<number> {
  try {
    const { stats } = await db.collection(MESSAGES).where({ at: _.lt(new Date(now.getTime() - MESSAGE_KEEP_DAYS * 86_400_000)) }).remove();
    return stats.removed;
  } catch (e) {
    console.warn(`[consent] pruning old messages failed: ${String(e)}`);
    return 0;
  }
}
