/**
 * The kiosk's local HTTP face (`npm start`):
 * - `GET /healthz` → 200 `ok` once the cloud is ready;
 * - `POST /api/functions/:name` — body: the `data` of `wx.cloud.callFunction` (JSON object, ≤ 1 MB);
 *   answer `{ result }` (what the function returned). The caller is the `X-WX-OPENID` header, which
 *   the function sees only as its OPENID. Errors: 400 bad JSON, 404 unknown function, 413 too
 *   large, 502 `{ errCode, errMsg }` when the function itself failed (as callFunction rejects);
 * - `GET /api/local/people` → the seeded people to act as (local runtime only);
 * - everything else: the H5 build (dist/h5), with the app's index.html for client routes.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import type { LocalCloud } from './cloud';
import { FunctionInvokeError } from './runtime/pool';
import { demoPeople } from './seed/seed';

const MAX_BODY = 1024 * 1024;
const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/;

export interface Gateway {
  port: number;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}

function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.resume();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Starts the gateway for `cloud` on `port` (0 = any free port), serving `h5Dir` if it exists. */
export async function startGateway(cloud: LocalCloud, options: { port: number; host?: string; h5Dir: string }): Promise<Gateway> {
  const functions = new Set(cloud.pool.functionNames());
  const hasH5 = fs.existsSync(path.join(options.h5Dir, 'index.html'));
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
      const m = /^\/api\/functions\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
      if (m) {
        if (req.method !== 'POST') return send(res, 405, { errCode: -1, errMsg: 'POST only' });
        const name = m[1];
        if (!functions.has(name)) return send(res, 404, { errCode: -501000, errMsg: `FunctionName parameter could not be found: ${name}` });
        const raw = await readBody(req);
        if (raw === null) return send(res, 413, { errCode: -1, errMsg: 'request body too large' });
        let data: unknown;
        try {
          data = raw.length ? JSON.parse(raw.toString('utf8')) : {};
        } catch {
          return send(res, 400, { errCode: -1, errMsg: 'body must be JSON' });
        }
        const header = req.headers['x-wx-openid'];
        const openid = typeof header === 'string' && OPENID_RE.test(header) ? header : '';
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
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '0.0.0.0', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
