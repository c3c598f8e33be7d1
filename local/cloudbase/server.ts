/**
 * HTTP face of the local CloudBase emulator: the endpoint wx-server-sdk posts to once
 * `TCB_CONTEXT_CNFG` = `{"URL":"http://127.0.0.1:PORT/admin"}` redirects it.
 *
 * Routes: `POST /admin` (the API, see `api.ts`), `GET /stats` (round-trip counters, JSON).
 * Durability: a write's answer leaves only after the journal's group fdatasync covering it; a read's
 * answer leaves at once (MongoDB's default read concern "local" also returns committed data that
 * may not be on disk yet).
 * Listens on 127.0.0.1 only; it is never exposed on the kiosk's public port.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApiRequest } from './api';
import type { LocalDatabase } from './database';

const MAX_BODY = 16 * 1024 * 1024;
/** API actions that change the store (their answer waits for the journal's fdatasync). */
const WRITE_ACTIONS = new Set(['database.insertDocument', 'database.modifyDocument', 'database.removeDocument', 'database.commitTransaction', 'database.addCollection']);

/** A running emulator endpoint. */
export interface CloudbaseEndpoint {
  /** e.g. `http://127.0.0.1:41234/admin` — the value for `TCB_CONTEXT_CNFG.URL`. */
  url: string;
  close(): Promise<void>;
}

/** Starts the endpoint on 127.0.0.1 (port 0 = any free port). */
export async function startCloudbaseEndpoint(db: LocalDatabase, port = 0): Promise<CloudbaseEndpoint> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (req.method === 'GET' && url.pathname === '/stats') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(db.stats));
      return;
    }
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
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = { action: '' };
      }
      // a write is answered only once every write so far is on disk: nothing acknowledged can be
      // lost. A read answers at once with what is committed (as MongoDB's default "local" read
      // concern does): what it saw becomes durable before any write that depends on it is answered.
      let answer = '';
      const writes = WRITE_ACTIONS.has(typeof body.action === 'string' ? body.action : '');
      handleApiRequest(db, body)
        .then((a) => {
          answer = JSON.stringify(a);
          return writes ? db.durable() : undefined;
        })
        .then(
        () => {
          res.setHeader('content-type', 'application/json');
          res.end(answer);
        },
        (e: Error) => {
          res.statusCode = 500;
          res.end(JSON.stringify({ code: 'DATABASE_REQUEST_FAILED', message: `journal sync failed: ${e.message}` }));
        },
      );
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}/admin`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
