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
import { seedDemoReceipt } from './seed/demo-errands';
import { loadTriggers, Scheduler, type FiringResult, type TimerTrigger } from './runtime/scheduler';

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
  /** Subscribe messages need an accepted subscription, else 43101, as in WeChat (default true; false only for a test of something else). */
  enforceSubscriptions?: boolean;
  /**
   * Milliseconds added to every database request's round trip, as a deployed function pays them
   * (default 0; `KIOSK_DB_LATENCY_MS` for `npm start`; docs/performance.md). Change it later with
   * `endpoint.setDbLatency`.
   */
  dbLatencyMs?: number;
  /**
   * Run the functions' timer triggers on the clock as it runs (`npm start`; default false). Tests
   * leave it off and move through the schedule with {@link LocalCloud.runSchedule}.
   */
  liveSchedule?: boolean;
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
  trigger(name: string, trigger: string, at?: Date): Promise<unknown>;
  /** Every function's timer triggers, as read and validated from config.json at start (local/runtime/scheduler.ts). */
  triggers: TimerTrigger[];
  /**
   * Moves the clock forward to `until` through the schedule: every trigger firing in (now, until]
   * runs, one after another in time order, with the clock set to its instant (docs/jobs.md).
   * `only` limits it to some functions (`'ticket'`) or triggers (`'ticket.ticketJobs'`).
   * `setClock`/`advanceClock` alone fire nothing.
   */
  runSchedule(until: Date, only?: string[]): Promise<FiringResult[]>;
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
  // a bad trigger declaration stops the start, as the platform refuses to deploy it
  const triggers = loadTriggers(paths.functions());
  const db = LocalDatabase.open({ dir: options.dataDir, schema: loadSchema(), fsync: options.fsync });
  const seeding = options.seed !== false && needsSeed(db);
  if (seeding) seedDemo(db, new Date(), { tickets: options.demoTickets });
  const endpoint = await startCloudbaseEndpoint(db, 0, { dataDir: options.dataDir, functionsDir: paths.functions(), fsync: options.fsync, enforceSubscriptions: options.enforceSubscriptions, dbLatencyMs: options.dbLatencyMs ?? 0 });
  // the demo errand's receipt photo (issue 22) lives in storage, which exists only now
  if (seeding && options.demoTickets) seedDemoReceipt(endpoint.storage);
  const pool = new FunctionPool({
    functionsDir: paths.functions(),
    workerFile: paths.worker(),
    cloudbaseUrl: endpoint.url,
    apiToken: (name) => endpoint.openapi.tokenFor(name),
    size: options.poolSize,
    // WeCom's robot webhook is the emulator's too (production: https://qyapi.weixin.qq.com)
    env: { KIOSK_WECOM_ORIGIN: endpoint.origin },
  });
  const trigger = (name: string, triggerName: string, at?: Date) =>
    pool.invoke(name, { Type: 'Timer', TriggerName: triggerName, Time: new Date(at ? at.getTime() : clockNow()).toISOString().replace(/\.\d{3}Z$/, 'Z'), Message: '' }, { OPENID: '', APPID: '', SOURCE: 'wx_trigger' });
  const scheduler = new Scheduler(triggers, trigger);
  if (options.liveSchedule) {
    scheduler.startLive((r) => {
      if (r.error || (r.result as { ok?: boolean } | undefined)?.ok === false) console.warn(`[timer] ${r.fn}.${r.name} at ${r.at.toISOString()} failed: ${r.error ?? JSON.stringify(r.result)}`);
    });
  }
  return {
    db,
    endpoint,
    pool,
    call: (name, event, openid) => pool.invoke(name, event, { OPENID: openid, APPID: 'wx-local-kiosk', SOURCE: 'wx_client' }),
    trigger,
    triggers,
    runSchedule: (until, only) => scheduler.runUntil(until, only),
    setClock,
    advanceClock,
    async close() {
      scheduler.stop();
      setClock(null);
      await pool.close();
      await endpoint.close();
      db.close();
    },
  };
}
