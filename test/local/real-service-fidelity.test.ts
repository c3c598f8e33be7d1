/**
 * The emulator is never kinder than the real CloudBase (issue 7 §1; DESIGN.md, "Real-service
 * facts"). Each test drives the real, unmodified wx-server-sdk 4.0.2 and pins the error exactly as
 * the SDK hands it to function code:
 * - a transaction conflict is raised at the conflicting write, wrapped by wx-server-sdk into
 *   errCode -501001 with the original code lost; the holder keeps the document until it ends;
 *   a write outside a transaction waits for the holder; transactions expire;
 * - a duplicate key names the key (`dup key: { requestKey: "…" }`), whatever the index is called;
 * - a multi-document insert is not atomic: it stops at the first failure, keeping what came before;
 * - a unique index holds null (or a missing field) once.
 * It also checks the functions' own helpers (`isTransactionConflict`, `isDuplicateKey`,
 * `withTransaction`) against those real shapes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalDatabase } from '../../local/cloudbase/database';
import { startCloudbaseEndpoint, type CloudbaseEndpoint } from '../../local/cloudbase/server';
import { pointSdkAt } from '../../local/runtime/sdk-env';
import type { Database, TransactionRef } from '../../cloudfunctions/shared/db-types';

type Sdk = typeof import('wx-server-sdk');
type Shared = typeof import('../../cloudfunctions/shared/cloud') & typeof import('../../cloudfunctions/shared/transactions');
let db: Database;
let shared: Shared;
let local: LocalDatabase;
let endpoint: CloudbaseEndpoint;
let dir: string;
const TTL_MS = 2000; // short enough to wait for, long enough for 20 contending transactions on a busy 2-core machine

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fidelity-'));
  local = LocalDatabase.open({
    dir,
    fsync: false,
    transactionTtlMs: TTL_MS,
    schema: {
      collections: {
        slots: {},
        bookings: { indexes: [{ name: 'idx_rk_typed_by_an_admin', fields: { requestKey: 1 }, unique: true }] },
        users: { indexes: [{ name: 'openid_unique', fields: { openid: 1 }, unique: true }] },
        days: { indexes: [{ name: 'community_date_unique', fields: { communityId: 1, date: 1 }, unique: true }] },
      },
    },
  });
  endpoint = await startCloudbaseEndpoint(local);
  pointSdkAt(endpoint.url, 'fidelity-env');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk: Sdk = require('wx-server-sdk');
  sdk.init({ env: 'fidelity-env' });
  db = sdk.database({ throwOnNotFound: false } as object) as unknown as Database;
  // the functions' own modules, initialised against the same emulator
  shared = {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ...require('../../cloudfunctions/shared/cloud'),
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ...require('../../cloudfunctions/shared/transactions'),
  };
  await db.collection('slots').add({ data: [{ _id: 's1', booked: 0 }, { _id: 's2', booked: 0 }, { _id: 's3', booked: 0 }] });
});
afterAll(async () => {
  await endpoint.close();
  local.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Sdb = Database & { startTransaction(): Promise<TransactionRef & { commit(): Promise<unknown>; rollback(): Promise<unknown> }> };
const start = () => (db as Sdb).startTransaction();
const booked = async (id: string) => ((await db.collection('slots').doc(id).get()).data as { booked: number }).booked;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('transaction conflicts are raised at the write, as wx-server-sdk hands them to function code', () => {
  it('a second transaction writing a held document fails at that update with errCode -501001, the real message and no code', async () => {
    const first = await start();
    const second = await start();
    await first.collection('slots').doc('s1').update({ data: { booked: 1 } });
    const err = await second
      .collection('slots')
      .doc('s1')
      .update({ data: { booked: 5 } })
      .then(() => null, (e: unknown) => e as { errCode?: number; errMsg?: string; code?: string });
    expect(err).not.toBeNull();
    expect(err!.errCode).toBe(-501001);
    expect(err!.errMsg).toMatch(/^document\.update:fail -501001 resource system error\. \[ResourceUnavailable\.TransactionConflict\] Transaction is conflict, maybe resource operated by others/);
    expect(err!.code).toBeUndefined();
    expect(shared.isTransactionConflict(err)).toBe(true);
    // the holder is unaffected and commits; the loser was aborted by the service
    await first.commit();
    expect(await booked('s1')).toBe(1);
    await expect(second.commit()).rejects.toBeTruthy();
    expect(local.liveTransactions()).toEqual([]);
  });

  it('a transaction writing a document committed after it started conflicts at the write', async () => {
    const t = await start();
    expect(((await t.collection('slots').doc('s2').get()).data as { booked: number }).booked).toBe(0);
    await db.collection('slots').doc('s2').update({ data: { booked: db.command.inc(1) } });
    const err = await t.collection('slots').doc('s2').update({ data: { booked: 10 } }).then(() => null, (e: unknown) => e);
    expect(shared.isTransactionConflict(err)).toBe(true);
    expect(await booked('s2')).toBe(1);
  });

  it('a write outside a transaction waits until the holder commits, then applies on top', async () => {
    const t = await start();
    await t.collection('slots').doc('s3').update({ data: { booked: 10 } });
    let done = false;
    const outside = db
      .collection('slots')
      .doc('s3')
      .update({ data: { booked: db.command.inc(1) } })
      .then(() => {
        done = true;
      });
    await sleep(60);
    expect(done).toBe(false);
    await t.commit();
    await outside;
    expect(await booked('s3')).toBe(11);
  });

  it('an abandoned transaction expires and releases what it held (real: 30 s; here shortened)', async () => {
    const abandoned = await start();
    await abandoned.collection('slots').doc('s1').update({ data: { booked: 99 } });
    const blocked = await start();
    expect(shared.isTransactionConflict(await blocked.collection('slots').doc('s1').update({ data: { booked: 2 } }).then(() => null, (e: unknown) => e))).toBe(true);
    await sleep(TTL_MS + 50);
    const later = await start();
    await later.collection('slots').doc('s1').update({ data: { booked: 2 } });
    await later.commit();
    expect(await booked('s1')).toBe(2);
    await expect(abandoned.commit()).rejects.toBeTruthy();
  });

  it('the SDK does not retry a conflict raised at the write; withTransaction does, so 20 concurrent increments all count', async () => {
    await db.collection('slots').add({ data: { _id: 'counter', booked: 0 } });
    await Promise.all(
      Array.from({ length: 20 }, () =>
        shared.withTransaction(async (t) => {
          const { data } = await t.collection('slots').doc('counter').get();
          await t.collection('slots').doc('counter').update({ data: { booked: (data as { booked: number }).booked + 1 } });
        }),
      ),
    );
    expect(await booked('counter')).toBe(20);
  });
});

describe('duplicate keys name the key, whatever the index is called', () => {
  it('answers -502001 with `dup key: { requestKey: "…" }`; the functions recognise the field, not the index name', async () => {
    await db.collection('bookings').add({ data: { requestKey: 'u1:r1' } });
    const err = await db.collection('bookings').add({ data: { requestKey: 'u1:r1' } }).then(() => null, (e: unknown) => e as { errCode: number; errMsg: string });
    expect(err).toMatchObject({ errCode: -502001 });
    expect(err!.errMsg).toContain('index: idx_rk_typed_by_an_admin dup key: { requestKey: "u1:r1" }');
    expect(shared.isDuplicateKey(err, 'requestKey')).toBe(true);
    expect(shared.isDuplicateKey(err, 'activeKey')).toBe(false);
    expect(shared.duplicateKeyFields(err)).toEqual(['requestKey']);
  });

  it('a compound key lists every field; inside a transaction the insert fails at the write', async () => {
    await db.collection('days').add({ data: { communityId: 'c1', date: '2026-11-27' } });
    const t = await start();
    const err = await t.collection('days').add({ data: { communityId: 'c1', date: '2026-11-27' } }).then(() => null, (e: unknown) => e);
    expect(shared.duplicateKeyFields(err)).toEqual(['communityId', 'date']);
    await t.rollback().catch(() => undefined);
  });

  it('the helpers read the older storage-engine text without field names by the index name', () => {
    const old = { errCode: -502001, errMsg: 'E11000 duplicate key error collection: env.bookings index: requestKey_unique dup key: { : "u1:r1" }' };
    expect(shared.isDuplicateKey(old, 'requestKey')).toBe(true);
    expect(shared.isDuplicateKey({ errCode: -1, errMsg: 'network' }, 'requestKey')).toBe(false);
  });
});

describe('multi-document inserts are not atomic', () => {
  it('a bulk insert stops at the first failure and keeps the documents before it', async () => {
    await db.collection('bookings').add({ data: { requestKey: 'taken' } });
    const err = await db
      .collection('bookings')
      .add({ data: [{ _id: 'b-before', requestKey: 'k-before' }, { _id: 'b-dup', requestKey: 'taken' }, { _id: 'b-after', requestKey: 'k-after' }] })
      .then(() => null, (e: unknown) => e);
    expect(shared.isDuplicateKey(err, 'requestKey')).toBe(true);
    expect((await db.collection('bookings').doc('b-before').get()).data).toMatchObject({ requestKey: 'k-before' });
    expect((await db.collection('bookings').doc('b-dup').get()).data).toBeNull();
    expect((await db.collection('bookings').doc('b-after').get()).data).toBeNull();
  });
});

describe('a unique index holds null once', () => {
  it('two users with openid null collide, and so do two without the field', async () => {
    await db.collection('users').add({ data: { _id: 'n1', openid: null } });
    expect(shared.isDuplicateKey(await db.collection('users').add({ data: { _id: 'n2', openid: null } }).then(() => null, (e: unknown) => e), 'openid')).toBe(true);
    expect(shared.isDuplicateKey(await db.collection('users').add({ data: { _id: 'n3' } }).then(() => null, (e: unknown) => e), 'openid')).toBe(true);
    await db.collection('users').add({ data: { _id: 'n4', openid: 'nowechat:n4' } });
    expect((await db.collection('users').count()).total).toBe(2);
  });
});
