/**
 * WeCom (企业微信) group robots (群机器人) — the channel grid teams read (issue 18 §1).
 *
 * A group robot is a webhook: `POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=<key>`
 * with a JSON body `{ msgtype: 'text' | 'markdown', text|markdown: { content } }`; WeCom answers
 * `{ errcode: 0, errmsg: 'ok' }` when the group got it. The key IS the credential: whoever holds it
 * can post into the group ("一定要保护好机器人的webhook地址，避免泄漏"), so it is stored only in
 * `gridRobots` (read by admins' actions and the ticket timer), never in a grid document, and shown
 * to admins masked ({@link maskKey}). Facts and sources: docs/robots.md.
 *
 * - {@link parseWebhook}: what an admin pasted → the key, or null (only the exact WeCom address or
 *   the bare key: a UUID, 8-4-4-4-12 hex).
 * - {@link postRobot}: one post with a short timeout ({@link ROBOT_TIMEOUT_MS}); never throws; answers
 *   `{ ok: true }` or `{ ok: false, reason, errcode?, errmsg? }`.
 * - The origin comes from `KIOSK_WECOM_ORIGIN` (the local runtime points it at the emulator),
 *   default `https://qyapi.weixin.qq.com`.
 */
import type { Grid } from './model';

/** WeCom's API origin in production. */
export const WECOM_ORIGIN = 'https://qyapi.weixin.qq.com';

/** Milliseconds a post may take before it is given up (and retried by the next run). */
export const ROBOT_TIMEOUT_MS = 3_000;

/** WeCom's rate limit: 20 messages a minute per robot (errcode 45009 beyond it; docs/robots.md). */
export const ROBOT_MESSAGES_PER_MINUTE = 20;

/** Longest markdown content WeCom takes, in UTF-8 bytes (docs/robots.md). */
export const MARKDOWN_MAX_BYTES = 4096;

const KEY_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const URL_RE = /^https:\/\/qyapi\.weixin\.qq\.com\/cgi-bin\/webhook\/send\?key=([0-9a-fA-F-]{36})$/;

/**
 * The robot key in what an admin pasted: the whole webhook address WeCom shows
 * (`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=<uuid>`) or the key alone; surrounding
 * spaces are ignored. Anything else (http, another host or path, extra parameters, not a UUID) → null.
 */
export function parseWebhook(input: string): string | null {
  const s = input.trim();
  const m = URL_RE.exec(s);
  const key = m ? m[1] : s;
  return KEY_RE.test(key) ? key.toLowerCase() : null;
}

/** What an admin sees of a key: its first and last 4 characters (`693a…5aaa`). */
export function maskKey(key: string): string {
  return `${key.slice(0, 4)}…${key.slice(-4)}`;
}

/** The robot set for a grid (collection `gridRobots`, `_id` = the grid's id). Admin-only data. */
export interface GridRobot {
  _id: Grid['_id'];
  communityId: string;
  /** The webhook key (secret), or null once cleared. */
  key: string | null;
  /** Facts from this instant on are posted (no flood of old tickets when a robot is first set). */
  since: Date;
  /** The ticket timer has looked at tickets updated up to this instant (less a margin, `ticket/robot.ts`). */
  scannedTo: Date;
  setById: string;
  setByName: string;
  setAt: Date;
  lastPostAt: Date | null;
  /** The last failure, for the admin (cleared by a success). */
  lastError: { reason: string; errcode: number | null; at: Date } | null;
}

/** A post waiting to go to a grid's robot, or sent (collection `robotPosts`; `_id` = the fact, so a fact is queued once). */
export interface RobotPost {
  _id: string;
  gridId: string;
  communityId: string;
  ticketId: string;
  kind: 'new' | 'overdue' | 'supervised';
  /** One line of the message, written by `ticket/domain/robotMessage.ts` (no names, no words). */
  line: string;
  status: 'pending' | 'sent' | 'expired';
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
}

/** A message body WeCom's robot takes. */
export type RobotMessage = { msgtype: 'markdown'; markdown: { content: string } } | { msgtype: 'text'; text: { content: string } };

/** The outcome of one post. `reason`: `timeout`, `network` (no answer), `http` (not 200), `errcode` (WeCom refused). */
export type PostResult = { ok: true } | { ok: false; reason: 'timeout' | 'network' | 'http' | 'errcode'; errcode: number | null; errmsg: string };

/** The origin posts go to (`KIOSK_WECOM_ORIGIN`, else WeCom's). */
export function wecomOrigin(env: Record<string, string | undefined> = process.env): string {
  return (env.KIOSK_WECOM_ORIGIN || WECOM_ORIGIN).replace(/\/+$/, '');
}

/** Posts `message` to the robot `key`; gives up after `timeoutMs`. Never throws. */
export async function postRobot(key: string, message: RobotMessage, timeoutMs = ROBOT_TIMEOUT_MS): Promise<PostResult> {
  const url = `${wecomOrigin()}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`;
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message), signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    if (res.status !== 200) return { ok: false, reason: 'http', errcode: null, errmsg: `HTTP ${res.status}` };
    let body: { errcode?: unknown; errmsg?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      return { ok: false, reason: 'http', errcode: null, errmsg: 'not JSON' };
    }
    if (body.errcode === 0) return { ok: true };
    return { ok: false, reason: 'errcode', errcode: typeof body.errcode === 'number' ? body.errcode : null, errmsg: String(body.errmsg ?? '') };
  } catch (e) {
    const name = (e as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, reason: 'timeout', errcode: null, errmsg: `no answer within ${timeoutMs} ms` };
    return { ok: false, reason: 'network', errcode: null, errmsg: String((e as Error)?.message ?? e) };
  }
}

/** A failure in words an admin understands (Chinese). */
export function failureText(r: { reason: string; errcode: number | null }): string {
  if (r.reason === 'timeout') return '企业微信没有及时回应，下一轮会再发';
  if (r.reason === 'network' || r.reason === 'http') return '连不上企业微信，下一轮会再发';
  if (r.errcode === 45009) return '发得太频繁（每个机器人每分钟最多 20 条），下一轮会再发';
  if (r.errcode === 93000) return '这个机器人地址已经失效（机器人可能被移出群了），请在企业微信群里重新复制地址';
  return `企业微信没有收下（错误码 ${r.errcode ?? '未知'}），下一轮会再发`;
}

/** The text of the admin's test post (`account.testGridRobot`). */
export function robotTestText(gridCode: string): string {
  return `解忧铺测试消息：网格 ${gridCode.replace(/[^A-Za-z0-9-]/g, '')} 的群机器人接好了。以后这个网格的新问题、超时的问题和社区督办会发到这个群。`;
}
