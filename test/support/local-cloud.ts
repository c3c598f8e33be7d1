/**
 * Test helper: a fresh local cloud (seeded demo community) in a temporary data directory, plus a
 * store snapshot for "nothing was written" checks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EJSON } from 'bson';
import { startLocalCloud, type LocalCloud } from '../../local/cloud';
import { paths } from '../../local/paths';
import { pointSdkAt } from '../../local/runtime/sdk-env';

export interface TestCloud extends LocalCloud {
  dataDir: string;
  /** Every document of every collection, canonical and sorted: equal snapshots = nothing changed. */
  snapshot(): string;
  /** Calls and unwraps the envelope type for assertions. */
  act<T = unknown>(name: string, event: unknown, openid: string): Promise<Envelope<T>>;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: unknown } };

/** Each stored document's canonical EJSON text (snapshot()), by document object. */
const texts = new WeakMap<object, string>();
function docText(doc: object): string {
  let t = texts.get(doc);
  if (t === undefined) {
    t = EJSON.stringify(doc, { relaxed: false });
    texts.set(doc, t);
  }
  return t;
}

/** Starts a seeded local cloud in a new temp directory. */
export async function startTestCloud(options: { poolSize?: number; seed?: boolean; demoTickets?: boolean } = {}): Promise<TestCloud> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-test-'));
  const cloud = await startLocalCloud({ dataDir, poolSize: options.poolSize ?? 4, seed: options.seed, demoTickets: options.demoTickets, fsync: false });
  return {
    ...cloud,
    dataDir,
    snapshot() {
      // the text of `EJSON.stringify({ <collection>: [docs by _id] }, { relaxed: false })`, built from each
      // document's own text, kept per document object: the database never changes a stored document in
      // place (every write stores a new object, local/cloudbase/database.ts `commit`), so an object's text
      // stays its text, and a snapshot costs the documents written since the last one
      const parts: string[] = [];
      for (const c of cloud.db.collectionNames().sort()) {
        const docs = cloud.db.all(c).slice().sort((a, b) => (a._id < b._id ? -1 : 1));
        parts.push(`${JSON.stringify(c)}:[${docs.map(docText).join(',')}]`);
      }
      return `{${parts.join(',')}}`;
    },
    act: (name, event, openid) => cloud.call(name, event, openid) as never,
    async close() {
      await cloud.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Local OPENID of a seeded person. */
export const openidOf = (personId: string): string => `local-${personId}`;

/**
 * Every action a bundled function declares (its exported `permissions`), as `fn.action` → who may
 * call it. Loads the bundles in this process, pointed at `cloud`'s emulator.
 */
export function declaredActions(cloud: LocalCloud): Record<string, import('../../cloudfunctions/shared/policy').Who> {
  pointSdkAt(cloud.endpoint.url, 'declared-actions');
  const out: Record<string, import('../../cloudfunctions/shared/policy').Who> = {};
  for (const fn of cloud.pool.functionNames().sort()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(paths.functions(), fn, 'index.js')) as { permissions?: Record<string, import('../../cloudfunctions/shared/policy').Who> };
    for (const [action, who] of Object.entries(mod.permissions ?? {})) out[`${fn}.${action}`] = who;
  }
  return out;
}

/** The data of a successful answer; throws (failing the test) with the whole envelope otherwise. */
export async function ok<T>(r: Promise<Envelope<T>>): Promise<T> {
  const e = await r;
  if (!e.ok) throw new Error(JSON.stringify(e));
  return e.data;
}

/** The error code of an answer, or `'ok'` for a success: what a refusal test compares. */
export async function codeOf(r: Promise<Envelope<unknown>>): Promise<string> {
  const e = await r;
  return e.ok ? 'ok' : e.error.code;
}
