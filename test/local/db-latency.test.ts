/**
 * The emulator's database latency (issue 18 §3, `KIOSK_DB_LATENCY_MS`): off by default (`npm start`
 * and the tests), settable at start and later, refused when it is not a number of milliseconds ≥ 0;
 * with it on, every request of the real wx-server-sdk — a transaction's steps included — answers as
 * before and counts as one round trip. (How long a request takes is the bench's business, never a
 * test's: no wall-clock assertion here.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalDatabase } from '../../local/cloudbase/database';
import { checkLatency, startCloudbaseEndpoint, type CloudbaseEndpoint } from '../../local/cloudbase/server';
import { pointSdkAt } from '../../local/runtime/sdk-env';
import type { Database } from '../../cloudfunctions/shared/db-types';

let local: LocalDatabase;
let endpoint: CloudbaseEndpoint;
let dir: string;
let db: Database;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'latency-'));
  local = LocalDatabase.open({ dir, fsync: false, schema: { collections: { slots: {} } } });
  endpoint = await startCloudbaseEndpoint(local);
  pointSdkAt(endpoint.url, 'latency-env');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk');
  sdk.init({ env: 'latency-env' });
  db = sdk.database() as Database;
});
afterAll(async () => {
  await endpoint.close();
  local.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('is 0 unless asked for; a negative or non-numeric latency is refused', () => {
  expect(endpoint.dbLatencyMs()).toBe(0);
  expect(() => endpoint.setDbLatency(-1)).toThrow(/≥ 0/);
  expect(() => endpoint.setDbLatency(Number('twenty'))).toThrow(/≥ 0/);
  expect(checkLatency(20)).toBe(20);
  expect(endpoint.dbLatencyMs()).toBe(0);
});

it('with 20 ms per request, reads, writes and a transaction answer as before, one round trip per request', async () => {
  endpoint.setDbLatency(20);
  try {
    expect(endpoint.dbLatencyMs()).toBe(20);
    const before = local.stats.requests;
    await db.collection('slots').add({ data: { _id: 's1', booked: 0 } });
    await db.collection('slots').where({ _id: 's1' }).update({ data: { booked: db.command.inc(1) } });
    await db.runTransaction(async (t) => {
      const { data } = await t.collection('slots').doc('s1').get();
      await t.collection('slots').doc('s1').update({ data: { booked: (data as { booked: number }).booked + 1 } });
    });
    const { data } = await db.collection('slots').where({ _id: 's1' }).get();
    expect(data).toEqual([{ _id: 's1', booked: 2 }]);
    // add, update, transaction (start, get, update, commit), get
    expect(local.stats.requests - before).toBe(7);
  } finally {
    endpoint.setDbLatency(0);
  }
});

it('counts sequential round trips as waves: requests sent at once share one, one after another each start one', async () => {
  endpoint.setDbLatency(100);
  try {
    const waves = async (work: () => Promise<unknown>) => {
      const [w, r] = [local.stats.waves, local.stats.requests];
      await work();
      return { waves: local.stats.waves - w, requests: local.stats.requests - r };
    };
    // three requests at once: one wave
    expect(
      await waves(() => Promise.all([db.collection('slots').add({ data: { _id: 'w1', booked: 0 } }), db.collection('slots').add({ data: { _id: 'w2', booked: 0 } }), db.collection('slots').where({ _id: 's1' }).get()])),
    ).toEqual({ waves: 1, requests: 3 });
    // the same three one after another: three waves
    expect(
      await waves(async () => {
        await db.collection('slots').add({ data: { _id: 'w3', booked: 0 } });
        await db.collection('slots').add({ data: { _id: 'w4', booked: 0 } });
        await db.collection('slots').where({ _id: 's1' }).get();
      }),
    ).toEqual({ waves: 3, requests: 3 });
  } finally {
    endpoint.setDbLatency(0);
  }
});
