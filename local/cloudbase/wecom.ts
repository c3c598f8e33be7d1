/**
 * The WeCom (企业微信) group-robot webhook, as the local cloud answers it (issue 18 §1): the functions
 * post to `KIOSK_WECOM_ORIGIN` + `/cgi-bin/webhook/send?key=<key>` (the local runtime sets the
 * origin to this emulator; production's is https://qyapi.weixin.qq.com) and each post a real group
 * would have shown is recorded where a test or the console (in the local demo) can read it.
 *
 * As strict as WeCom (sources in docs/robots.md):
 * - only `POST` with a JSON body; a key no robot has → `{ errcode: 93000, errmsg: 'invalid webhook url…' }`
 *   (WeCom's answer for a wrong key or a robot removed from its group);
 * - `msgtype` `text` (content ≤ 2048 bytes) or `markdown` (content ≤ 4096 bytes); another type →
 *   40008, a missing or empty content → 44004, too long → 40058 (the codes WeCom uses for
 *   "invalid message type", "empty content" and "content too long");
 * - at most 20 messages a minute per robot, counted on the cloud's clock: the 21st → 45009
 *   `api freq out of limit` (nothing recorded);
 * - success: HTTP 200 `{ errcode: 0, errmsg: 'ok' }`.
 * Robots exist only when made: {@link WecomRobotStore.createRobot} (tests; the local gateway's
 * `POST /api/local/wecom-robots` stands in for 添加群机器人 in WeCom) or {@link DEMO_ROBOT_KEY}.
 * A test can make the next posts to a robot fail ({@link WecomRobotStore.failNext}): `error`
 * (errcode -1, 系统繁忙), `rateLimit` (45009), or `timeout` (the request is held without an answer
 * for `hangMs`, longer than the functions' 3 s timeout, then the connection is closed) — none of
 * them recorded as delivered.
 *
 * Posts are kept in `<dataDir>/wecom-posts.jsonl` (appended and fsync'ed before the answer) and in
 * memory; made robots in `<dataDir>/wecom-robots.jsonl`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { clockNow } from '../clock';
import { appendLine, readLines } from './jsonl';

/** The key of the demo's robot (grid G-LC-01 of 老城社区; `seed.ts`). Invented. */
export const DEMO_ROBOT_KEY = '5f0c1a2e-7b3d-4e8f-9a10-2b3c4d5e6f70';

/** One post a group received. */
export interface WecomPost {
  id: string;
  /** When the emulator took it (ISO 8601, the cloud's clock). */
  at: string;
  key: string;
  msgtype: 'text' | 'markdown';
  content: string;
}

/** How an injected failure fails. */
export type WecomFailure = 'timeout' | 'error' | 'rateLimit';

const POSTS = 'wecom-posts.jsonl';
const ROBOTS = 'wecom-robots.jsonl';
const RATE_PER_MINUTE = 20;
const MAX_BYTES = { text: 2048, markdown: 4096 } as const;
const MAX_BODY = 64 * 1024;

/** The robots, their recorded posts and the failures a test asked for. */
export class WecomRobotStore {
  private readonly postsFile: string;
  private readonly robotsFile: string;
  private readonly robots = new Set<string>([DEMO_ROBOT_KEY]);
  private readonly all: WecomPost[];
  private readonly failures = new Map<string, { mode: WecomFailure; times: number; hangMs: number }>();
  /** Every request that reached the endpoint (delivered or not), for tests: key and outcome. */
  readonly attempts: { key: string; outcome: 'delivered' | 'refused' | WecomFailure }[] = [];

  constructor(
    dataDir: string,
    private readonly fsync = true,
  ) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.postsFile = path.join(dataDir, POSTS);
    this.robotsFile = path.join(dataDir, ROBOTS);
    for (const r of readLines<{ key: string }>(this.robotsFile)) this.robots.add(r.key);
    this.all = readLines<WecomPost>(this.postsFile);
  }

  private append(file: string, value: unknown): void {
    appendLine(file, value, this.fsync);
  }


  /** Makes a robot (as 添加群机器人 in a WeCom group does) and answers its webhook address on WeCom's origin. */
  createRobot(): { key: string; webhook: string } {
    const key = crypto.randomUUID();
    this.robots.add(key);
    this.append(this.robotsFile, { key, at: new Date(clockNow()).toISOString() });
    return { key, webhook: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}` };
  }

  /** Removes a robot from its group: its key answers 93000 from now on. */
  removeRobot(key: string): void {
    this.robots.delete(key);
  }

  /** The posts robot `key` received, newest first. */
  posts(key: string): WecomPost[] {
    return this.all.filter((p) => p.key === key).reverse();
  }

  /** The next `times` posts to `key` fail as `mode` (`timeout`: held `hangMs`, default 10 s, without an answer). */
  failNext(key: string, mode: WecomFailure, times = 1, hangMs = 10_000): void {
    this.failures.set(key, { mode, times, hangMs });
  }

  /** Answers `POST /cgi-bin/webhook/send?key=…`. */
  handleHttp(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    const answer = (body: { errcode: number; errmsg: string }) => {
      res.statusCode = 200;
      res.setHeader('content-type', 'application/json; charset=UTF-8');
      res.end(JSON.stringify(body));
    };
    const key = url.searchParams.get('key') ?? '';
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      if (!this.robots.has(key)) {
        this.attempts.push({ key, outcome: 'refused' });
        return answer({ errcode: 93000, errmsg: 'invalid webhook url, hint: [local] the key is not a robot of any group' });
      }
      const failure = this.failures.get(key);
      if (failure && failure.times > 0) {
        failure.times -= 1;
        if (failure.times === 0) this.failures.delete(key);
        this.attempts.push({ key, outcome: failure.mode });
        if (failure.mode === 'timeout') {
          const t = setTimeout(() => req.socket.destroy(), failure.hangMs);
          req.socket.once('close', () => clearTimeout(t));
          return;
        }
        return answer(failure.mode === 'rateLimit' ? { errcode: 45009, errmsg: 'api freq out of limit' } : { errcode: -1, errmsg: 'system busy' });
      }
      if (req.method !== 'POST') return answer({ errcode: 43004, errmsg: 'POST method required' });
      let body: { msgtype?: unknown; text?: { content?: unknown }; markdown?: { content?: unknown } };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        return answer({ errcode: 40017, errmsg: 'Warning: wrong json format.' });
      }
      const type = body.msgtype;
      if (type !== 'text' && type !== 'markdown') return answer({ errcode: 40008, errmsg: 'invalid message type' });
      const content = body[type]?.content;
      if (typeof content !== 'string' || !content.trim()) return answer({ errcode: 44004, errmsg: 'empty content' });
      if (Buffer.byteLength(content, 'utf8') > MAX_BYTES[type]) return answer({ errcode: 40058, errmsg: `content exceed max length ${MAX_BYTES[type]}` });
      const now = clockNow();
      const lastMinute = this.all.filter((p) => p.key === key && now - Date.parse(p.at) < 60_000 && now >= Date.parse(p.at)).length;
      if (lastMinute >= RATE_PER_MINUTE) {
        this.attempts.push({ key, outcome: 'rateLimit' });
        return answer({ errcode: 45009, errmsg: 'api freq out of limit' });
      }
      const post: WecomPost = { id: crypto.randomUUID(), at: new Date(now).toISOString(), key, msgtype: type, content };
      this.append(this.postsFile, post);
      this.all.push(post);
      this.attempts.push({ key, outcome: 'delivered' });
      answer({ errcode: 0, errmsg: 'ok' });
    });
  }
}
