/**
 * Cloud storage as the local CloudBase emulator serves it to the real wx-server-sdk.
 *
 * ## What the SDK requests (wx-server-sdk 4.0.2 → @cloudbase/node-sdk 3.17.2, `src/storage/index.ts`)
 * - `cloud.uploadFile({ cloudPath, fileContent })` → node-sdk `uploadFile`: first
 *   `getUploadMetadata`, a JSON POST to `…/admin` with `{ action: 'storage.getUploadMetadata',
 *   path: cloudPath, method: 'put' }`, answered `{ requestId, data: { url, token, authorization,
 *   fileId, cosFileId } }`; then an HTTP **PUT** of the bytes (streamed, no content type) to `url`
 *   with headers `Signature` and `authorization` (both = `authorization`), `x-cos-security-token`
 *   (`token`), `x-cos-meta-fileid` (`cosFileId`) and `key` (`encodeURIComponent(cloudPath)`). COS
 *   answers an empty body on success or an XML `<Error><Code>…</Code><Message>…</Message>
 *   <RequestId>…</RequestId><TraceId>…</TraceId></Error>`; `SignatureDoesNotMatch` becomes
 *   `SYS_ERR` (-501001), any other code `STORAGE_REQUEST_FAIL` (-503001). The result is
 *   `{ fileID: data.fileId }`.
 * - `cloud.getTempFileURL({ fileList })` → `{ action: 'storage.batchGetDownloadUrl', file_list:
 *   [{ fileid, max_age, url_type }] }` (a bare string becomes `{ fileid }`), answered
 *   `{ data: { download_list: [{ fileID, tempFileURL, code, maxAge }] } }`; wx-server-sdk
 *   (`src/api/cloud/provider/tcb/api/getTempFileURL.ts`) maps each `code` ≠ SUCCESS through its TCB
 *   table into `status` (e.g. `STORAGE_FILE_NONEXIST` → -503003, `INVALIID_ENV` → -501005) with
 *   `tempFileURL: ''`.
 * - `cloud.downloadFile({ fileID })` → `getTempFileURL` with `maxAge: 600`, then an HTTP GET of
 *   `encodeURI(tempFileURL)`; anything but 200 rejects with STORAGE_REQUEST_FAIL.
 * - `cloud.deleteFile({ fileList })` → `{ action: 'storage.batchDeleteFile', fileid_list }`,
 *   answered `{ data: { delete_list: [{ fileID, code }] } }`.
 * The node-sdk repository's own tests (github TencentCloudBase/node-sdk, `test/storage/*.test.ts`)
 * show the real answers: more than 50 files in one call → `INVALID_PARAM`; a missing file →
 * per-file `STORAGE_FILE_NONEXIST` (also for a malformed id such as `unexistFileID`); a fileID of
 * an environment other than the caller's → per-file `INVALIID_ENV` (sic, the service's spelling,
 * which wx-server-sdk's table also uses).
 *
 * ## Formats kept from the real service
 * - fileID: `cloud://<env>.<bucket>/<cloudPath>`; the bucket is `<hex of the env id's first two
 *   characters>-<env>-<appid number>` (e.g. `cloud://cloud1-5g.636c-cloud1-5g-1250000000/a.jpg`).
 * - temp URL: `<host>/<cloudPath>?sign=…&t=<expiry, unix seconds>` with the path unencoded (the SDK
 *   `encodeURI`s it before fetching). Locally the host is this emulator:
 *   `http://127.0.0.1:PORT/tcb-file/<bucket>/<cloudPath>?sign&t`; past `t` it answers 403, after
 *   `deleteFile` 404, as the real CDN/COS do. A string fileID's URL lives one day; `maxAge` sets it.
 * - upload URL: `http://127.0.0.1:PORT/cos/<bucket>/<cloudPath>`; a PUT needs the issued
 *   `authorization` within 10 minutes, else 403 `SignatureDoesNotMatch` / `AccessDenied`.
 *
 * ## Local limits
 * A cloudPath must be 1–850 bytes, must not start with `/`, and may not hold control characters or
 * `?`, `#`, `%` (a temp URL carries the path unencoded, so those could not be served back).
 * Files are kept under `<dataDir>/storage/` named by a hash of (env, path), written to a temporary
 * file, fsync'ed and renamed before the PUT is answered.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { newId } from './database';

/** The appid number that stands in for the Tencent Cloud account in bucket names. */
const LOCAL_APPID = '1250000000';
/** Files per `getTempFileURL` / `deleteFile` call (node-sdk tests: 51 → INVALID_PARAM). */
const MAX_FILES = 50;
const DEFAULT_MAX_AGE = 86_400;
const UPLOAD_TTL_S = 600;
/** Largest file the local emulator accepts. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

const MIME: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json',
  pdf: 'application/pdf',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
};

/** Content type by the path's extension (COS does the same when the upload names none). */
export function contentTypeOf(cloudPath: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(cloudPath)?.[1]?.toLowerCase() ?? '';
  return MIME[ext] ?? 'application/octet-stream';
}

/** The bucket of environment `env`. */
export function bucketOf(env: string): string {
  return `${Buffer.from(env.slice(0, 2), 'utf8').toString('hex')}-${env}-${LOCAL_APPID}`;
}

/** The fileID of `cloudPath` in `env`. */
export function fileIdOf(env: string, cloudPath: string): string {
  return `cloud://${env}.${bucketOf(env)}/${cloudPath}`;
}

/** Splits a fileID; null if it is not of the form `cloud://<env>.<bucket>/<path>`. */
export function parseFileId(fileID: string): { env: string; bucket: string; key: string } | null {
  const m = /^cloud:\/\/([a-z0-9_-]+)\.([A-Za-z0-9_-]+)\/(.+)$/.exec(fileID);
  return m ? { env: m[1], bucket: m[2], key: m[3] } : null;
}

/** Why `cloudPath` cannot be stored, or null. */
export function badCloudPath(cloudPath: unknown): string | null {
  if (typeof cloudPath !== 'string' || !cloudPath) return 'cloudPath must be a non-empty string';
  if (Buffer.byteLength(cloudPath) > 850) return 'cloudPath is longer than 850 bytes';
  if (cloudPath.startsWith('/')) return 'cloudPath must not start with /';
  if (/[\u0000-\u001f\u007f?#%]/.test(cloudPath)) return 'cloudPath must not hold control characters, ?, # or %';
  if (cloudPath.split('/').some((s) => s === '' || s === '.' || s === '..')) return 'cloudPath has an empty, . or .. segment';
  return null;
}

interface FileMeta {
  env: string;
  key: string;
  size: number;
  contentType: string;
  uploadedAt: string;
  /**
   * The OPENID of the client that uploaded it, as CloudBase records it (the storage rule's
   * `resource.openid`); absent for a file a function or the console wrote (admin).
   */
  openid?: string;
}

type Api = { requestId: string; data?: unknown; code?: string; message?: string };

/** Files of the emulator's cloud storage, and the storage actions and HTTP routes that serve them. */
export class StorageService {
  private readonly dir: string;
  private readonly secret = crypto.randomBytes(16);

  constructor(
    dataDir: string,
    private readonly fsync = true,
  ) {
    this.dir = path.join(dataDir, 'storage');
    fs.mkdirSync(this.dir, { recursive: true });
  }

  private fileBase(env: string, key: string): string {
    return path.join(this.dir, crypto.createHash('sha256').update(`${env}\n${key}`).digest('hex'));
  }

  private sign(kind: 'put' | 'get', bucket: string, key: string, t: number): string {
    return crypto.createHmac('sha256', this.secret).update(`${kind}\n${bucket}\n${key}\n${t}`).digest('hex').slice(0, 32);
  }

  private meta(env: string, key: string): FileMeta | null {
    try {
      return JSON.parse(fs.readFileSync(`${this.fileBase(env, key)}.json`, 'utf8')) as FileMeta;
    } catch {
      return null;
    }
  }

  /**
   * Stores `bytes` at `cloudPath` of `env` (durable on return); returns the fileID. `openid`: the
   * client uploader recorded as the file's owner (none for a function's upload).
   */
  put(env: string, cloudPath: string, bytes: Buffer, openid?: string): string {
    const bad = badCloudPath(cloudPath);
    if (bad) throw new Error(bad);
    const base = this.fileBase(env, cloudPath);
    this.writeDurably(`${base}.bin`, bytes);
    const meta: FileMeta = { env, key: cloudPath, size: bytes.length, contentType: contentTypeOf(cloudPath), uploadedAt: new Date().toISOString(), ...(openid ? { openid } : {}) };
    this.writeDurably(`${base}.json`, Buffer.from(JSON.stringify(meta)));
    return fileIdOf(env, cloudPath);
  }

  /**
   * Who owns the file at `cloudPath` of `env`: `{ openid }` of the client that uploaded it
   * (`openid: null` for a function's or the console's file), or null when there is no such file.
   */
  ownerOf(env: string, cloudPath: string): { openid: string | null } | null {
    const meta = this.meta(env, cloudPath);
    return meta ? { openid: meta.openid ?? null } : null;
  }

  /** The bytes behind `fileID`, or null (missing, malformed, or of a bucket that is not its env's). */
  read(fileID: string): { bytes: Buffer; contentType: string } | null {
    const f = parseFileId(fileID);
    if (!f || f.bucket !== bucketOf(f.env)) return null;
    const meta = this.meta(f.env, f.key);
    if (!meta) return null;
    try {
      return { bytes: fs.readFileSync(`${this.fileBase(f.env, f.key)}.bin`), contentType: meta.contentType };
    } catch {
      return null;
    }
  }

  private writeDurably(file: string, bytes: Buffer): void {
    const tmp = `${file}.${process.pid}.${newId()}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, bytes);
      if (this.fsync) fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    if (this.fsync) {
      const d = fs.openSync(this.dir, 'r');
      try {
        fs.fsyncSync(d);
      } finally {
        fs.closeSync(d);
      }
    }
  }

  private remove(env: string, key: string): boolean {
    const base = this.fileBase(env, key);
    if (!fs.existsSync(`${base}.json`)) return false;
    fs.rmSync(`${base}.json`, { force: true });
    fs.rmSync(`${base}.bin`, { force: true });
    return true;
  }

  /**
   * Per-file verdict of the real service for `fileID` asked by a caller in `env`: `{ f }` (its
   * parts) when the file exists there, else the code the service answers for that entry.
   */
  private check(env: string, fileID: unknown): { f: { env: string; bucket: string; key: string } } | { code: string; message: string } {
    const f = typeof fileID === 'string' ? parseFileId(fileID) : null;
    if (!f) return { code: 'STORAGE_FILE_NONEXIST', message: 'file not exist' };
    if (f.env !== env) return { code: 'INVALIID_ENV', message: `fileID of environment ${f.env} asked from environment ${env}` };
    if (f.bucket !== bucketOf(env) || !this.meta(f.env, f.key)) return { code: 'STORAGE_FILE_NONEXIST', message: 'file not exist' };
    return { f };
  }

  /** Answers a `storage.*` action of the `/admin` endpoint. `base` = `http://127.0.0.1:PORT`. */
  handleAction(body: Record<string, unknown>, env: string, base: string): Api {
    const requestId = newId();
    const action = String(body.action ?? '');
    if (!env) return { requestId, code: 'INVALID_PARAM', message: 'envName is required' };
    switch (action) {
      case 'storage.getUploadMetadata': {
        const cloudPath = body.path;
        const bad = badCloudPath(cloudPath);
        if (bad) return { requestId, code: 'INVALID_PARAM', message: bad };
        const key = cloudPath as string;
        const bucket = bucketOf(env);
        const t = Math.floor(Date.now() / 1000) + UPLOAD_TTL_S;
        const authorization = `local-cos-sign t=${t}&sign=${this.sign('put', bucket, key, t)}`;
        return {
          requestId,
          data: {
            url: `${base}/cos/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`,
            token: crypto.randomBytes(16).toString('hex'),
            authorization,
            fileId: fileIdOf(env, key),
            cosFileId: crypto.randomBytes(12).toString('base64url'),
            download_url: `${base}/tcb-file/${bucket}/${key}`,
          },
        };
      }
      case 'storage.batchGetDownloadUrl': {
        const list = body.file_list;
        if (!Array.isArray(list) || !list.length || list.length > MAX_FILES) {
          return { requestId, code: 'INVALID_PARAM', message: `file_list must hold 1 to ${MAX_FILES} files` };
        }
        const now = Math.floor(Date.now() / 1000);
        const download_list = list.map((item: { fileid?: unknown; max_age?: unknown }) => {
          const fileID = item?.fileid;
          const c = this.check(env, fileID);
          if (!('f' in c)) return { fileID, tempFileURL: '', code: c.code, message: c.message };
          const age = Number.isInteger(item.max_age) && (item.max_age as number) > 0 ? (item.max_age as number) : DEFAULT_MAX_AGE;
          const t = now + age;
          return {
            fileID,
            tempFileURL: `${base}/tcb-file/${c.f.bucket}/${c.f.key}?sign=${this.sign('get', c.f.bucket, c.f.key, t)}&t=${t}`,
            code: 'SUCCESS',
            maxAge: age,
          };
        });
        return { requestId, data: { download_list } };
      }
      case 'storage.batchDeleteFile': {
        const list = body.fileid_list;
        if (!Array.isArray(list) || !list.length || list.length > MAX_FILES) {
          return { requestId, code: 'INVALID_PARAM', message: `fileid_list must hold 1 to ${MAX_FILES} files` };
        }
        const delete_list = list.map((fileID: unknown) => {
          const c = this.check(env, fileID);
          if (!('f' in c)) return { fileID, code: c.code, message: c.message };
          this.remove(c.f.env, c.f.key);
          return { fileID, code: 'SUCCESS' };
        });
        return { requestId, data: { delete_list } };
      }
      default:
        return { requestId, code: 'INVALID_PARAM', message: `action ${action} is not supported by the local emulator` };
    }
  }

  /** Serves `PUT /cos/<bucket>/<key>` and `GET|HEAD /tcb-file/<bucket>/<key>?sign&t`; false if `url` is neither. */
  handleHttp(req: http.IncomingMessage, res: http.ServerResponse, url: URL): boolean {
    const put = /^\/cos\/([A-Za-z0-9_-]+)\/(.+)$/.exec(url.pathname);
    if (put && req.method === 'PUT') {
      this.servePut(req, res, put[1], decodePath(put[2]));
      return true;
    }
    const get = /^\/tcb-file\/([A-Za-z0-9_-]+)\/(.+)$/.exec(url.pathname);
    if (get && (req.method === 'GET' || req.method === 'HEAD')) {
      this.serveGet(req, res, get[1], decodePath(get[2]), url);
      return true;
    }
    return false;
  }

  private envOfBucket(bucket: string): string | null {
    const m = /^[0-9a-f]+-([a-z0-9_-]+)-\d+$/.exec(bucket);
    return m && bucketOf(m[1]) === bucket ? m[1] : null;
  }

  private servePut(req: http.IncomingMessage, res: http.ServerResponse, bucket: string, key: string | null): void {
    const env = this.envOfBucket(bucket);
    const auth = String(req.headers.authorization ?? '');
    const m = /^local-cos-sign t=(\d+)&sign=([0-9a-f]+)$/.exec(auth);
    const fail = (status: number, code: string, message: string) => {
      req.resume();
      cosError(res, status, code, message, `/${bucket}/${key ?? ''}`);
    };
    if (!env || key === null || badCloudPath(key)) return fail(404, 'NoSuchBucket', 'The specified bucket does not exist.');
    if (!m || this.sign('put', bucket, key, Number(m[1])) !== m[2]) return fail(403, 'SignatureDoesNotMatch', 'The Signature you specified is invalid.');
    if (Number(m[1]) < Math.floor(Date.now() / 1000)) return fail(403, 'AccessDenied', 'Request has expired');
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_FILE_BYTES) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => {
      if (tooBig) return cosError(res, 400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed object size.', `/${bucket}/${key}`);
      try {
        this.put(env, key, Buffer.concat(chunks));
      } catch (e) {
        return cosError(res, 500, 'InternalError', (e as Error).message, `/${bucket}/${key}`);
      }
      res.statusCode = 200;
      res.setHeader('ETag', `"${crypto.createHash('md5').update(Buffer.concat(chunks)).digest('hex')}"`);
      res.setHeader('x-cos-request-id', newId());
      res.end();
    });
  }

  private serveGet(req: http.IncomingMessage, res: http.ServerResponse, bucket: string, key: string | null, url: URL): void {
    const env = this.envOfBucket(bucket);
    const t = Number(url.searchParams.get('t'));
    const sign = url.searchParams.get('sign') ?? '';
    const resource = `/${bucket}/${key ?? ''}`;
    if (!env || key === null) return cosError(res, 404, 'NoSuchBucket', 'The specified bucket does not exist.', resource);
    if (!Number.isInteger(t) || this.sign('get', bucket, key, t) !== sign) return cosError(res, 403, 'AccessDenied', 'Access Denied.', resource);
    if (t < Math.floor(Date.now() / 1000)) return cosError(res, 403, 'AccessDenied', 'Request has expired', resource);
    const meta = this.meta(env, key);
    let bytes: Buffer;
    try {
      if (!meta) throw new Error('missing');
      bytes = fs.readFileSync(`${this.fileBase(env, key)}.bin`);
    } catch {
      return cosError(res, 404, 'NoSuchKey', 'The specified key does not exist.', resource);
    }
    res.statusCode = 200;
    res.setHeader('content-type', meta.contentType);
    res.setHeader('content-length', String(bytes.length));
    res.setHeader('cache-control', 'private, max-age=0');
    res.end(req.method === 'HEAD' ? undefined : bytes);
  }
}

function decodePath(p: string): string | null {
  try {
    return decodeURIComponent(p);
  } catch {
    return null;
  }
}

/** A COS-style XML error (the shape node-sdk's `uploadFile` parses). */
function cosError(res: http.ServerResponse, status: number, code: string, message: string, resource: string): void {
  const esc = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
  res.statusCode = status;
  res.setHeader('content-type', 'application/xml');
  res.end(
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n<Code>${code}</Code>\n<Message>${esc(message)}</Message>\n<Resource>${esc(resource)}</Resource>\n<RequestId>${newId()}</RequestId>\n<TraceId>${newId()}</TraceId>\n</Error>`,
  );
}
