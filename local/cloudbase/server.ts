/**
 * HTTP face of the local CloudBase emulator: the endpoint wx-server-sdk posts to once
 * `TCB_CONTEXT_CNFG` = `{"URL":"http://127.0.0.1:PORT/admin"}` redirects it.
 *
 * Routes:
 * - `POST /admin`, JSON body: the database API (`database.*`, see `api.ts`) and cloud storage's
 *   API (`storage.getUploadMetadata`, `storage.batchGetDownloadUrl`, `storage.batchDeleteFile`,
 *   see `storage.ts`);
 * - `POST /admin`, multipart/form-data body: WeChat server APIs (`action: wx.openApi`, protobuf
 *   `requestData`, see `openapi.ts`; {@link parseMultipart});
 * - `PUT /cos/<bucket>/<path>`: the signed upload that follows `storage.getUploadMetadata`, as COS
 *   takes it; `GET|HEAD /tcb-file/<bucket>/<path>?sign&t`: temp URLs (`storage.ts`);
 * - `POST /cgi-bin/webhook/send?key=…`: WeCom's group-robot webhook (`wecom.ts`; the functions'
 *   `KIOSK_WECOM_ORIGIN` points here);
 * - `GET /stats`: round-trip counters (JSON: requests, by action, and sequential waves — `DatabaseStats`).
 * Latency: with `dbLatencyMs` > 0 every database request (`database.*`, transactions' steps
 * included: one request of the SDK = one round trip) is answered that many milliseconds later than
 * it would be, half on the way in and half on the way out — what a deployed function pays per
 * database call (an assumption, see docs/performance.md). Storage, WeChat APIs and `/stats` are
 * not delayed. Default 0 (`npm start` and the tests).
 * Durability: a database write's answer leaves only after the journal's group fdatasync covering it;
 * a read's answer leaves at once (MongoDB's default read concern "local" also returns committed
 * data that may not be on disk yet). An upload's PUT and a subscribe message's send are answered
 * after their fsync.
 * Listens on 127.0.0.1 only; it is never exposed on the kiosk's public port.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApiRequest } from './api';
import type { LocalDatabase } from './database';
import { MessageStore } from './messages';
import { OpenApiService, tcbError, type RawAnswer } from './openapi';
import { PhoneCodeStore } from './phone-codes';
import { StorageService } from './storage';
import { WecomRobotStore } from './wecom';

const MAX_BODY = 16 * 1024 * 1024;
/** API actions that change the store (their answer waits for the journal's fdatasync). */
const WRITE_ACTIONS = new Set(['database.insertDocument', 'database.modifyDocument', 'database.removeDocument', 'database.commitTransaction', 'database.addCollection']);

/** A running emulator endpoint. */
export interface CloudbaseEndpoint {
  /** e.g. `http://127.0.0.1:41234/admin` — the value for `TCB_CONTEXT_CNFG.URL`. */
  url: string;
  /** Cloud storage: files under `<dataDir>/storage/`. */
  storage: StorageService;
  /** Subscribe messages "delivered" (`<dataDir>/subscribe-messages.jsonl`). */
  messages: MessageStore;
  /** Codes of WeChat's phone-number button, as the local gateway issues them (`phone-codes.ts`; in memory). */
  phoneCodes: PhoneCodeStore;
  /** Cloud calls: per-function credentials (`WX_API_TOKEN`) and the `permissions.openapi` check. */
  openapi: OpenApiService;
  /** WeCom group robots and the posts they received (`wecom.ts`). */
  wecom: WecomRobotStore;
  /** `http://127.0.0.1:PORT`: the functions' `KIOSK_WECOM_ORIGIN`. */
  origin: string;
  /** The added latency per database request, in milliseconds (see the module notes). */
  dbLatencyMs(): number;
  /** Sets the added latency per database request (ms, ≥ 0; applies to requests arriving from now on). */
  setDbLatency(ms: number): void;
  close(): Promise<void>;
}

export interface EndpointOptions {
  /** Where storage and recorded messages live (default: the database's data directory). */
  dataDir?: string;
  /** Bundled functions whose `config.json` declares `permissions.openapi`. */
  functionsDir?: string;
  /** fsync uploads and messages (default true). */
  fsync?: boolean;
  /** Refuse subscribe messages nobody subscribed to with 43101, as WeChat does (default true; see `openapi.ts`). */
  enforceSubscriptions?: boolean;
  /** Milliseconds added to every database request's round trip (default 0; see the module notes). */
  dbLatencyMs?: number;
}

/** A valid latency: a finite number ≥ 0 (ms), else an error naming the value. */
export function checkLatency(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`database latency must be a number of milliseconds ≥ 0, got ${ms}`);
  return ms;
}

const sleep = (ms: number): Promise<void> => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

/** The environment a request acts in: `envName` of the body, else `?env=` of the URL. */
function envOf(body: Record<string, unknown> | Record<string, string>, url: URL): string {
  const e = typeof body.envName === 'string' && body.envName ? body.envName : url.searchParams.get('env') ?? '';
  return e;
}

function sendRaw(res: http.ServerResponse, a: RawAnswer): void {
  res.statusCode = a.status;
  res.setHeader('content-type', a.contentType);
  res.end(a.body);
}

/**
 * Splits a multipart/form-data body into its parts, bytes intact. (Node's own parser,
 * `Response.formData()`, turns every part without a filename into a UTF-8 string, which corrupts
 * the protobuf `requestData` that form-data appends without one.) Follows RFC 7578 as the
 * `form-data` package writes it: `--boundary CRLF headers CRLF CRLF body CRLF … --boundary--`.
 */
export function parseMultipart(raw: Buffer, contentType: string): Map<string, Buffer> | null {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!m) return null;
  const delimiter = Buffer.from(`--${m[1] ?? m[2]}`);
  const parts = new Map<string, Buffer>();
  let pos = raw.indexOf(delimiter);
  if (pos < 0) return null;
  for (;;) {
    pos += delimiter.length;
    if (raw.subarray(pos, pos + 2).toString() === '--') return parts;
    if (raw.subarray(pos, pos + 2).toString() !== '\r\n') return null;
    const headerEnd = raw.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) return null;
    const headers = raw.subarray(pos + 2, headerEnd).toString('utf8');
    const next = raw.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) return null;
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(headers)?.[1];
    if (name !== undefined) parts.set(name, raw.subarray(headerEnd + 4, next));
    pos = next + 2;
  }
}

/** Answers a multipart `POST /admin` (only `wx.openApi` travels that way). */
function handleMultipart(openapi: OpenApiService, raw: Buffer, contentType: string, url: URL): RawAnswer {
  const form = parseMultipart(raw, contentType);
  if (!form) return tcbError('INVALID_PARAM', 'bad multipart/form-data body');
  const text = (k: string): string | undefined => form.get(k)?.toString('utf8');
  const action = text('action') ?? '';
  if (action !== 'wx.openApi') return tcbError('INVALID_PARAM', `action ${action || '(none)'} is not supported by the local emulator`);
  return openapi.handle({
    apiName: text('apiName'),
    requestData: form.get('requestData'),
    wxCloudApiToken: text('wxCloudApiToken'),
    envName: envOf({ envName: text('envName') ?? '' }, url),
  });
}

/** Starts the endpoint on 127.0.0.1 (port 0 = any free port). */
export async function startCloudbaseEndpoint(db: LocalDatabase, port = 0, options: EndpointOptions = {}): Promise<CloudbaseEndpoint> {
  const dataDir = options.dataDir ?? db.dataDir;
  const storage = new StorageService(dataDir, options.fsync ?? true);
  const messages = new MessageStore(dataDir, options.fsync ?? true);
  const phoneCodes = new PhoneCodeStore();
  const wecom = new WecomRobotStore(dataDir, options.fsync ?? true);
  const openapi = new OpenApiService({ functionsDir: options.functionsDir, messages, phoneCodes, enforceSubscriptions: options.enforceSubscriptions });
  let base = '';
  let latency = checkLatency(options.dbLatencyMs ?? 0);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (req.method === 'GET' && url.pathname === '/stats') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(db.stats));
      return;
    }
    if (storage.handleHttp(req, res, url)) return;
    if (url.pathname === '/cgi-bin/webhook/send') return wecom.handleHttp(req, res, url);
    if (req.method !== 'POST' || url.pathname !== '/admin') {
      res.statusCode = 404;
      res.end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      const contentType = String(req.headers['content-type'] ?? '');
      if (contentType.startsWith('multipart/form-data')) {
        let a: RawAnswer;
        try {
          a = handleMultipart(openapi, Buffer.concat(chunks), contentType, url);
        } catch (e) {
          a = tcbError('SYS_ERR', (e as Error).message);
        }
        sendRaw(res, a);
        return;
      }
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = { action: '' };
      }
      // a write is answered only once every write so far is on disk: nothing acknowledged can be
      // lost. A read answers at once with what is committed (as MongoDB's default "local" read
      // concern does): what it saw becomes durable before any write that depends on it is answered.
      if (typeof body.action === 'string' && body.action.startsWith('storage.')) {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(storage.handleAction(body, envOf(body, url), base)));
        return;
      }
      let answer = '';
      const writes = WRITE_ACTIONS.has(typeof body.action === 'string' ? body.action : '');
      // the round trip's network time: half before the service sees the request, half after it answered
      const half = latency / 2;
      db.requestArrived();
      sleep(half)
        .then(() => handleApiRequest(db, body))
        .then((a) => {
          answer = JSON.stringify(a);
          return writes ? db.durable() : undefined;
        })
        .then(() => sleep(half))
        .then(
        () => {
          res.setHeader('content-type', 'application/json');
          res.end(answer);
          db.requestAnswered();
        },
        (e: Error) => {
          res.statusCode = 500;
          res.end(JSON.stringify({ code: 'DATABASE_REQUEST_FAILED', message: `journal sync failed: ${e.message}` }));
          db.requestAnswered();
        },
      );
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${actual}`;
  return {
    url: `${base}/admin`,
    storage,
    messages,
    phoneCodes,
    openapi,
    wecom,
    origin: base,
    dbLatencyMs: () => latency,
    setDbLatency: (ms) => {
      latency = checkLatency(ms);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
