/**
 * The local cloud in one piece: database (journal under `dataDir`), the CloudBase API endpoint on
 * loopback, and the function pool whose workers run the bundled functions with the real SDK.
 * Used by `npm start`, the tests and the benchmarks. Build the functions first
 * (`node scripts/build-functions.mjs`).
 */
import fs from 'node:fs';
import { LocalDatabase, type DatabaseSchema } from './cloudbase/database';
import { startCloudbaseEndpoint, type CloudbaseEndpoint } from './cloudbase/server';
import { FunctionPool } from './runtime/pool';
import { paths } from './paths';
import { advanceClock, clockNow, setClock } from './clock';
import { needsSeed, seedDemo } from './seed/seed';

export interface LocalCloudOptions {
  /** Directory for the journal (created if missing). */
  dataDir: string;
  /** Seed the demo community into an empty database (default true). */
  seed?: boolean;
  /** With the seed, also the demo's tickets in every state of the case loop (`npm start`; default false). */
  demoTickets?: boolean;
  /** Function workers (default 4). */
  poolSize?: number;
  /** fsync every commit (default true). */
  fsync?: boolean;
  /** Subscribe messages need an accepted subscription, else 43101, as in WeChat (default false). */
  enforceSubscriptions?: boolean;
}

export interface LocalCloud {
  db: LocalDatabase;
  endpoint: CloudbaseEndpoint;
  pool: FunctionPool;
  /** Calls function `name` as the person with `openid` (what `wx.cloud.callFunction` does). */
  call(name: string, event: unknown, openid: string): Promise<unknown>;
  /**
   * Fires timer trigger `trigger` of function `name` as the platform does: event
   * `{ Type: 'Timer', TriggerName, Time }`, no caller OPENID, SOURCE `wx_trigger`. Not reachable
   * from the HTTP gateway.
   */
  trigger(name: string, trigger: string): Promise<unknown>;
  /** Moves the cloud's clock (functions and `db.serverDate()` together) to `at`, or back to real time with null (local/clock.ts). */
  setClock(at: Date | null): void;
  /** Moves the cloud's clock forward by `ms` milliseconds. */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

/** Reads the declared schema (`database/schema.json`). */
export function loadSchema(): DatabaseSchema {
  return JSON.parse(fs.readFileSync(paths.schema(), 'utf8')) as DatabaseSchema;
}

/** Starts the local cloud. */
export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const db = LocalDatabase.open({ dir: options.dataDir, schema: loadSchema(), fsync: options.fsync });
  if (options.seed !== false && needsSeed(db)) seedDemo(db, new Date(), { tickets: options.demoTickets });
  const endpoint = await startCloudbaseEndpoint(db, 0, { dataDir: options.dataDir, functionsDir: paths.functions(), fsync: options.fsync, enforceSubscriptions: options.enforceSubscriptions });
  const pool = new FunctionPool({
    functionsDir: paths.functions(),
    workerFile: paths.worker(),
    cloudbaseUrl: endpoint.url,
    apiToken: (name) => endpoint.openapi.tokenFor(name),
    size: options.poolSize,
  });
  return {
    db,
    endpoint,
    pool,
    call: (name, event, openid) => pool.invoke(name, event, { OPENID: openid, APPID: 'wx-local-kiosk', SOURCE: 'wx_client' }),
    trigger: (name, trigger) => pool.invoke(name, { Type: 'Timer', TriggerName: trigger, Time: new Date(clockNow()).toISOString(), Message: '' }, { OPENID: '', APPID: '', SOURCE: 'wx_trigger' }),
    setClock,
    advanceClock,
    async close() {
      setClock(null);
      await pool.close();
      await endpoint.close();
      db.close();
    },
  };
}
