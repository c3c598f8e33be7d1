/**
 * The kiosk's local HTTP face (`npm start`), for the local demo only (`mode: 'demo'`, the one mode
 * there is; local/main.ts refuses to start it outside a local demo, see local/demo-guard.ts):
 * - `GET /healthz` → 200 `ok` once the cloud is ready;
 * - `POST /api/functions/:name` — body: the `data` of `wx.cloud.callFunction` (JSON object, ≤ 100 KB);
 *   answer `{ result }` (what the function returned). The caller is the `X-WX-OPENID` header, which
 *   the function sees only as its OPENID. A request without a valid header acts as a fresh unknown
 *   visitor (`local-visitor-<random>`, new for every request): the function never sees an empty
 *   OPENID, because an empty OPENID is what the platform's timer trigger looks like, and timer
 *   actions must never be reachable over HTTP. Errors (`{ errCode, errMsg }`): 413 larger than 100 KB
 *   and 400 nested deeper than {@link MAX_JSON_DEPTH} levels (both -501007, checked before the body
 *   is parsed: `json-limits.ts`), 400 bad JSON, 404 unknown function, 502 when the function itself
 *   failed (as callFunction rejects). No request can take a worker or the server down: an event a
 *   worker cannot be handed fails alone (`runtime/pool.ts`). The size limit is the real one:
 *   CloudBase refuses function request bodies over 100 KB of text / 6 MB otherwise
 *   (EXCEED_MAX_PAYLOAD_SIZE, docs.cloudbase.net/error-code/service/EXCEED_MAX_PAYLOAD_SIZE) and
 *   WeChat's callFunction docs send data over 100 KB through `wx.cloud.CDN`; the app's own bodies
 *   are a few KB, so an action that needs more fails here as it would there;
 * - `GET /api/local/people` → the seeded people to act as (demo mode only);
 * - `POST /api/local/upload?cloudPath=<path>` — body: the file's bytes (≤ 10 MB); the caller
 *   (`X-WX-OPENID`) uploads them to the emulator's cloud storage (environment `local-kiosk`), as
 *   `wx.cloud.uploadFile` does in the mini-program, and gets `{ fileID }`. The uploader's OPENID is
 *   recorded as the file's owner, as CloudBase does. Refused with `{ errCode: -503002 (storage
 *   permission denied), errMsg }`: 401 without a valid header; 403 for a path outside the caller's
 *   own photo folder `tickets/<users._id>/<name>` (cloudfunctions/shared/photos.ts; an unregistered
 *   caller has none) and for a file another person uploaded (the storage rule
 *   `resource.openid == auth.openid`, database/storage-rules.json). 400 without `cloudPath` or for a
 *   path cloud storage refuses, 413 too large;
 * - `GET /api/local/messages` → `{ messages }`: the subscribe messages the emulator delivered to
 *   the caller (`X-WX-OPENID`), newest first (`cloudbase/messages.ts`); 401 without a valid header,
 *   400 with an `openid` parameter (there is no asking for someone else's);
 * - `POST /api/local/subscribe` — body `{ "templateIds": [1–3 ids] }`: the caller (`X-WX-OPENID`)
 *   accepts one message of each template, as a tap of 允许 in `wx.requestSubscribeMessage` does;
 *   answers that API's result `{ errMsg: 'requestSubscribeMessage:ok', <id>: 'accept', … }`;
 * - `POST /api/local/phone-code` — body `{ "phone"?: "1xxxxxxxxxx" }`: the caller (`X-WX-OPENID`)
 *   shares a phone number, as a tap of 允许 on WeChat's phone-number sheet does; answers
 *   `{ errMsg: 'getPhoneNumber:ok', code }` — the button's `e.detail` — with a code that
 *   `cloud.openapi.phonenumber.getPhoneNumber` redeems once within 5 minutes
 *   (`cloudbase/phone-codes.ts`). Without `phone`: the caller's number on record (the demo
 *   people's seeded phones), else {@link DEMO_PHONE}. 400 for a phone that is not 11 digits
 *   starting with 1, or a caller without a valid `X-WX-OPENID`;
 * - `GET /api/local/robot-posts?gridId=<id>` → `{ posts }`: the last 20 posts the WeCom group of that
 *   grid's robot received (`cloudbase/wecom.ts`), newest first, without the key — for a community
 *   admin (`X-WX-OPENID`) of the grid's community only (401 / 403 / 404 otherwise);
 * - `POST /api/local/wecom-robots` → `{ webhook }`: a new robot's address, as 添加群机器人 in a WeCom
 *   group gives one (community admins only);
 * - `POST /api/local/clock` — body `{ "advanceMs": <0 … 400 days in ms> }` → `{ now }` (ISO): moves the
 *   local cloud's clock forward (local/clock.ts: the functions' `now()` and `db.serverDate()`
 *   together; the live timers then fire what it crossed, each once). ONLY when the server's
 *   environment has `KIOSK_TEST_CLOCK=1` (the browser tests' private kiosks: test/e2e/harness.ts
 *   `startKiosk({ env })`); otherwise 404 like any unknown route — `npm start` never sets it.
 *   400 for a bad body, 405 for another method;
 * - `GET /tcb-file/<bucket>/<path>?sign&t`: a temp URL's path served on this port too (the
 *   emulator itself listens on 127.0.0.1 only), so a page can show a photo by the path of the
 *   `tempFileURL` a function gave it when the kiosk is opened from another device;
 * - everything else: the local H5 build (dist/h5-local), with the app's index.html for client routes.
 * Listens on `host` (default 127.0.0.1, loopback only) and `port` (0 = any free port).
 */
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import type { LocalCloud } from './cloud';
import { clockNow } from './clock';
import { FunctionInvokeError } from './runtime/pool';
import { demoPeople } from './seed/seed';
import { DEFAULT_HOST } from './demo-guard';
import { badCloudPath } from './cloudbase/storage';
import { LOCAL_ENV_ID } from './runtime/sdk-env';
import { MAX_JSON_DEPTH, jsonNestingDepth } from './json-limits';
import { PHOTO_DIR, photoPathOwner } from '../cloudfunctions/shared/photos';
import { longTermSubscriptions } from '../cloudfunctions/shared/templates';

const MAX_BODY = 1024 * 1024;
/** Largest `callFunction` data, as CloudBase allows for a text body (EXCEED_MAX_PAYLOAD_SIZE: 100 KB). */
const MAX_FUNCTION_BODY = 100 * 1024;
/** Largest photo the local upload takes. */
const MAX_UPLOAD = 10 * 1024 * 1024;
/** The furthest one `POST /api/local/clock` moves the clock: 400 days, in milliseconds. */
export const MAX_CLOCK_STEP_MS = 400 * 86_400_000;
const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/;
/** The number the local phone-number sheet shares for a person with none on record (invented). */
export const DEMO_PHONE = '13899017766';

/**
 * How the gateway decides who calls. `demo` is the only mode: the caller is whoever the
 * `X-WX-OPENID` header names (the local identity switch). There is no production mode: in
 * production the mini-program calls `wx.cloud.callFunction` and WeChat supplies the OPENID.
 */
export type GatewayMode = 'demo';

export interface GatewayOptions {
  /** Must be `'demo'`: the identity header and `/api/local/people` exist only in the local demo. */
  mode: GatewayMode;
  port: number;
  /** Address to listen on; default 127.0.0.1 (this machine only). */
  host?: string;
  h5Dir: string;
  /**
   * The environment the gateway reads its switches from (default `process.env`): `KIOSK_TEST_CLOCK=1`
   * opens `POST /api/local/clock`.
   */
  env?: Record<string, string | undefined>;
}

export interface Gateway {
  port: number;
  /** The address it listens on. */
  host: string;
  close(): Promise<void>;
}

/**
 * The OPENID a request acts as: the `X-WX-OPENID` header if it is a valid id, otherwise a fresh
 * unknown visitor `local-visitor-<16 hex>` (a new one on every call). Never empty.
 */
export function requestOpenid(header: string | string[] | undefined): string {
  if (typeof header === 'string' && OPENID_RE.test(header)) return header;
  return `local-visitor-${crypto.randomBytes(8).toString('hex')}`;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}

function readBody(req: http.IncomingMessage, max = MAX_BODY): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        resolve(null);
        req.resume();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Starts the demo gateway for `cloud` on `options.host`:`options.port`, serving `h5Dir` if it exists. */
export async function startGateway(cloud: LocalCloud, options: GatewayOptions): Promise<Gateway> {
  if (options.mode !== 'demo') throw new Error(`the local gateway runs only in demo mode (got ${String(options.mode)})`);
  const host = options.host ?? DEFAULT_HOST;
  const functions = new Set(cloud.pool.functionNames());
  const hasH5 = fs.existsSync(path.join(options.h5Dir, 'index.html'));
  const testClock = (options.env ?? process.env).KIOSK_TEST_CLOCK === '1';
  const serveStatic = hasH5 ? sirv(options.h5Dir, { single: true, dev: false, etag: true }) : null;

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://local');
      if (url.pathname === '/healthz') {
        res.setHeader('content-type', 'text/plain');
        res.end('ok');
        return;
      }
      if (url.pathname === '/api/local/people' && req.method === 'GET') {
        send(res, 200, { people: demoPeople() });
        return;
      }
      if (testClock && url.pathname === '/api/local/clock') {
        if (req.method !== 'POST') return send(res, 405, { errCode: -1, errMsg: 'POST only' });
        const raw = await readBody(req);
        let advanceMs: unknown;
        try {
          advanceMs = raw && raw.length ? (JSON.parse(raw.toString('utf8')) as { advanceMs?: unknown }).advanceMs : undefined;
        } catch {
          advanceMs = undefined;
        }
        if (typeof advanceMs !== 'number' || !Number.isInteger(advanceMs) || advanceMs < 0 || advanceMs > MAX_CLOCK_STEP_MS) {
          return send(res, 400, { errCode: -1, errMsg: `advanceMs must be a whole number of milliseconds from 0 to ${MAX_CLOCK_STEP_MS}` });
        }
        cloud.advanceClock(advanceMs);
        return send(res, 200, { now: new Date(clockNow()).toISOString() });
      }
      if (url.pathname.startsWith('/tcb-file/') && cloud.endpoint.storage.handleHttp(req, res, url)) return;
      if (url.pathname === '/api/local/upload') {
        if (req.method !== 'POST') return send(res, 405, { errCode: -1, errMsg: 'POST only' });
        const header = req.headers['x-wx-openid'];
        if (typeof header !== 'string' || !OPENID_RE.test(header)) {
          req.resume();
          return send(res, 401, { errCode: -503002, errMsg: 'uploadFile:fail storage permission denied. 请先选择身份再上传。X-WX-OPENID is required: anonymous callers cannot upload.' });
        }
        const raw = await readBody(req, MAX_UPLOAD);
        if (raw === null) return send(res, 413, { errCode: -1, errMsg: 'file larger than 10 MB' });
        const cloudPath = url.searchParams.get('cloudPath') ?? '';
        const bad = badCloudPath(cloudPath);
        if (bad) return send(res, 400, { errCode: -501007, errMsg: `uploadFile:fail ${bad}` });
        // the shipped storage rule (database/storage-rules.json), made stricter where the real one cannot see:
        // only the caller's own photo folder, and never over a file someone else uploaded
        const me = cloud.db.find('users', { openid: header })[0] as { _id?: unknown } | undefined;
        if (typeof me?._id !== 'string' || photoPathOwner(cloudPath) !== me._id) {
          return send(res, 403, { errCode: -503002, errMsg: `uploadFile:fail storage permission denied. 只能上传到自己的文件夹（${PHOTO_DIR}/<你的用户编号>/）。Only ${PHOTO_DIR}/<your users._id>/<name> may be written.` });
        }
        const owner = cloud.endpoint.storage.ownerOf(LOCAL_ENV_ID, cloudPath);
        if (owner && owner.openid !== header) {
          return send(res, 403, { errCode: -503002, errMsg: 'uploadFile:fail storage permission denied. 不能覆盖别人上传的文件。The file belongs to someone else (resource.openid != auth.openid).' });
        }
        // no await between the checks and the write: two uploads of one path cannot interleave here
        return send(res, 200, { fileID: cloud.endpoint.storage.put(LOCAL_ENV_ID, cloudPath, raw, header) });
      }
      if (url.pathname === '/api/local/subscribe') {
        if (req.method !== 'POST') return send(res, 405, { errCode: -1, errMsg: 'POST only' });
        const raw = await readBody(req);
        let ids: unknown;
        try {
          ids = raw && raw.length ? (JSON.parse(raw.toString('utf8')) as { templateIds?: unknown }).templateIds : undefined;
        } catch {
          ids = undefined;
        }
        if (!Array.isArray(ids) || ids.length < 1 || ids.length > 3 || !ids.every((t) => typeof t === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(t))) {
          return send(res, 400, { errCode: 20001, errMsg: 'requestSubscribeMessage:fail templateIds must be 1 to 3 template ids' });
        }
        const openid = requestOpenid(req.headers['x-wx-openid']);
        // long-term templates (a deploy whose category allows them: KIOSK_LONG_TERM_SUBSCRIPTIONS=1) are granted until revoked
        cloud.endpoint.messages.grant(openid, ids as string[], { longTerm: longTermSubscriptions() });
        return send(res, 200, { errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries((ids as string[]).map((t) => [t, 'accept'])) });
      }
      if (url.pathname === '/api/local/phone-code') {
        if (req.method !== 'POST') return send(res, 405, { errCode: -1, errMsg: 'POST only' });
        const raw = await readBody(req);
        let phone: unknown;
        try {
          phone = raw && raw.length ? (JSON.parse(raw.toString('utf8')) as { phone?: unknown }).phone : undefined;
        } catch {
          return send(res, 400, { errCode: -1, errMsg: 'getPhoneNumber:fail body must be JSON' });
        }
        const header = req.headers['x-wx-openid'];
        if (typeof header !== 'string' || !OPENID_RE.test(header)) return send(res, 400, { errCode: -1, errMsg: 'getPhoneNumber:fail X-WX-OPENID is required' });
        if (phone !== undefined && (typeof phone !== 'string' || !/^1\d{10}$/.test(phone))) return send(res, 400, { errCode: -1, errMsg: 'getPhoneNumber:fail phone must be 11 digits' });
        const onRecord = cloud.db.find('users', { openid: header })[0] as { phone?: unknown } | undefined;
        const shared = (phone as string | undefined) ?? (typeof onRecord?.phone === 'string' && /^1\d{10}$/.test(onRecord.phone) ? onRecord.phone : DEMO_PHONE);
        return send(res, 200, { errMsg: 'getPhoneNumber:ok', code: cloud.endpoint.phoneCodes.issue(header, shared) });
      }
      if (url.pathname === '/api/local/messages' && req.method === 'GET') {
        // the caller's own messages only, like everything else (issue 16): the identity is the header
        if (url.searchParams.has('openid')) return send(res, 400, { errCode: -501007, errMsg: '不能查看别人的消息：去掉 openid 参数。The openid parameter is gone: the caller (X-WX-OPENID) sees only their own messages.' });
        const header = req.headers['x-wx-openid'];
        if (typeof header !== 'string' || !OPENID_RE.test(header)) return send(res, 401, { errCode: -1, errMsg: '请先选择身份。X-WX-OPENID is required.' });
        return send(res, 200, { messages: cloud.endpoint.messages.inbox(header) });
      }
      if (url.pathname === '/api/local/robot-posts' || url.pathname === '/api/local/wecom-robots') {
        // the local stand-ins of a WeCom group (issue 18): community admins only, never the key
        const header = req.headers['x-wx-openid'];
        if (typeof header !== 'string' || !OPENID_RE.test(header)) return send(res, 401, { errCode: -1, errMsg: '请先选择身份。X-WX-OPENID is required.' });
        const admin = cloud.db.find('users', { openid: header })[0] as { role?: string; communityId?: string } | undefined;
        if (admin?.role !== 'communityAdmin') return send(res, 403, { errCode: -1, errMsg: '只有社区管理员能看群机器人。Community admins only.' });
        if (url.pathname === '/api/local/wecom-robots') {
          if (req.method !== 'POST') return send(res, 405, { errCode: -1, errMsg: 'POST only' });
          return send(res, 200, { webhook: cloud.endpoint.wecom.createRobot().webhook });
        }
        if (req.method !== 'GET') return send(res, 405, { errCode: -1, errMsg: 'GET only' });
        const gridId = url.searchParams.get('gridId') ?? '';
        const grid = cloud.db.find('grids', { _id: gridId })[0] as { communityId?: string } | undefined;
        if (!grid || grid.communityId !== admin.communityId) return send(res, 404, { errCode: -1, errMsg: '没有找到这个网格。' });
        const robot = cloud.db.find('gridRobots', { _id: gridId })[0] as { key?: string | null } | undefined;
        const posts = robot?.key ? cloud.endpoint.wecom.posts(robot.key).slice(0, 20).map(({ key: _key, ...p }) => p) : [];
        return send(res, 200, { posts });
      }
      const m = /^\/api\/functions\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
      if (m) {
        if (req.method !== 'POST') return send(res, 405, { errCode: -1, errMsg: 'POST only' });
        const name = m[1];
        if (!functions.has(name)) return send(res, 404, { errCode: -501000, errMsg: `FunctionName parameter could not be found: ${name}` });
        const raw = await readBody(req, MAX_FUNCTION_BODY);
        if (raw === null) return send(res, 413, { errCode: -501007, errMsg: `请求内容太大（超过 100 KB），没有处理。EXCEED_MAX_PAYLOAD_SIZE: request body larger than ${MAX_FUNCTION_BODY} bytes; refused.` });
        const text = raw.toString('utf8');
        // before anything else parses or clones it: a deep body jammed the workers (issue 16)
        if (jsonNestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
          return send(res, 400, { errCode: -501007, errMsg: `请求内容嵌套太深（超过 ${MAX_JSON_DEPTH} 层），没有处理。Request body nests deeper than ${MAX_JSON_DEPTH} levels; refused.` });
        }
        let data: unknown;
        try {
          data = raw.length ? JSON.parse(text) : {};
        } catch {
          return send(res, 400, { errCode: -1, errMsg: 'body must be JSON' });
        }
        const openid = requestOpenid(req.headers['x-wx-openid']);
        // the platform adds userInfo to the event, as wx.cloud.callFunction does
        const event = data && typeof data === 'object' && !Array.isArray(data) ? { ...(data as object), userInfo: { appId: 'wx-local-kiosk', openId: openid } } : data;
        try {
          const result = await cloud.call(name, event, openid);
          return send(res, 200, { result });
        } catch (e) {
          const err = e instanceof FunctionInvokeError ? e : new FunctionInvokeError(-504002, String(e));
          return send(res, 502, { errCode: err.errCode, errMsg: err.message });
        }
      }
      if (url.pathname.startsWith('/api/')) return send(res, 404, { errCode: -1, errMsg: 'not found' });
      if (serveStatic) return serveStatic(req, res, () => send(res, 404, { errCode: -1, errMsg: 'not found' }));
      res.statusCode = 503;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('H5 应用尚未构建：请先运行 npm run build:h5:local');
    } catch (e) {
      send(res, 500, { errCode: -1, errMsg: (e as Error).message });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    port: address.port,
    host: address.address,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
