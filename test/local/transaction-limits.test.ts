/**
 * Transactions as CloudBase runs them (issue 18 §2). Each test drives the real, unmodified
 * wx-server-sdk 4.0.2 against the emulator and pins a documented limit of the real service, with
 * the error as the SDK hands it to function code (sources: docs/database.md, "Transactions"):
 * - no `db.serverDate()` in a transactional add / update / set (TencentCloudBase/node-sdk's own test
 *   suite: "事务内插入 含 serverDate 类型文档 报错不支持"); a Date from the function's clock works;
 * - one document per request, by `_id`: no `where()` read, no batch insert ("只允许进行单记录操作，
 *   不允许进行批量操作"; "不能使用 where、aggregate 接口");
 * - a `where().update()` or `count()` through the transaction's collection is not part of the
 *   transaction at all: wx-server-sdk 4.0.2 sends it without the transaction id, so it survives a
 *   rollback (the functions' `TransactionRef` type offers neither);
 * - a transaction lives 30 s at most (here shortened), and nothing can be done in it after its
 *   commit: `[ResourceUnavailable.TransactionNotExist] …`, the text node-sdk's test expects.
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
type Err = { errCode?: number; errMsg?: string; code?: string };
/** A transaction as wx-server-sdk hands it out: its collections also have where() (which the functions' type leaves out). */
type Tx = {
  collection(name: string): ReturnType<TransactionRef['collection']> & { where(q: object): { get(): Promise<unknown>; update(o: { data: object }): Promise<unknown> } };
  commit(): Promise<unknown>;
  rollback(): Promise<unknown>;
};

let db: Database;
let shared: Shared;
let local: LocalDatabase;
let endpoint: CloudbaseEndpoint;
let dir: string;
const TTL_MS = 1500;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'txlimits-'));
  local = LocalDatabase.open({ dir, fsync: false, transactionTtlMs: TTL_MS, schema: { collections: { users: {}, vendors: {}, slots: {} } } });
  endpoint = await startCloudbaseEndpoint(local);
  pointSdkAt(endpoint.url, 'txlimits-env');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk: Sdk = require('wx-server-sdk');
  sdk.init({ env: 'txlimits-env' });
  db = sdk.database({ throwOnNotFound: false } as object) as unknown as Database;
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

const start = () => (db as unknown as { startTransaction(): Promise<Tx> }).startTransaction();
const fail = (p: Promise<unknown>): Promise<Err | null> => p.then(() => null, (e: unknown) => e as Err);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const slot = async (id: string) => (await db.collection('slots').doc(id).get()).data as { booked: number; at?: Date } | null;

describe('no server date inside a transaction', () => {
  it('an add carrying db.serverDate() is refused at the write (-501001), writes nothing and ends the transaction', async () => {
    const t = await start();
    const err = await fail(t.collection('users').add({ data: { _id: 'u1', name: '张', createdAt: db.serverDate() } }));
    expect(err).toMatchObject({ errCode: -501001 });
    expect(err!.errMsg).toMatch(/^collection\.add:fail -501001 resource system error\. \[InvalidParameter\] 事务内不支持 serverDate/);
    expect(shared.isTransactionConflict(err)).toBe(false); // never retried as a conflict
    expect(local.liveTransactions()).toEqual([]);
    expect(await fail(t.commit())).toBeTruthy();
    expect((await db.collection('users').doc('u1').get()).data).toBeNull();
  });

  it('so are an update and a set carrying it, even nested (an event pushed with `at: serverDate`); the document is unchanged', async () => {
    const _ = db.command;
    const t1 = await start();
    expect((await fail(t1.collection('slots').doc('s1').update({ data: { booked: 1, at: db.serverDate() } })))?.errMsg).toMatch(/^document\.update:fail -501001 .*事务内不支持 serverDate/);
    const t2 = await start();
    expect((await fail(t2.collection('slots').doc('s1').update({ data: { events: _.push([{ to: 'x', at: db.serverDate() }]) } })))?.errCode).toBe(-501001);
    const t3 = await start();
    expect((await fail(t3.collection('slots').doc('s1').set({ data: { booked: 2, at: db.serverDate({ offset: 1000 }) } })))?.errMsg).toMatch(/^document\.set:fail -501001 .*serverDate/);
    expect(await slot('s1')).toEqual({ _id: 's1', booked: 0 });
  });

  it('withTransaction passes the refusal through (no retry) and the same write with the function clock commits', async () => {
    await expect(shared.withTransaction(async (t) => t.collection('users').add({ data: { _id: 'u2', createdAt: db.serverDate() } }))).rejects.toMatchObject({ errCode: -501001 });
    const at = new Date('2026-11-27T01:00:00Z');
    await shared.withTransaction(async (t) => {
      await t.collection('users').add({ data: { _id: 'u2', createdAt: at } });
      await t.collection('slots').doc('s2').update({ data: { booked: 1, at } });
    });
    expect((await db.collection('users').doc('u2').get()).data).toEqual({ _id: 'u2', createdAt: at });
    expect(await slot('s2')).toEqual({ _id: 's2', booked: 1, at });
  });
});

describe('one document per request, by _id', () => {
  it('a where() read inside a transaction is refused, even one naming the _id', async () => {
    const t = await start();
    const err = await fail(t.collection('slots').where({ _id: 's1', booked: 5 }).get());
    expect(err).toMatchObject({ errCode: -501001 });
    expect(err!.errMsg).toContain('不能使用 where');
    expect(local.liveTransactions()).toEqual([]);
  });

  it('a batch insert inside a transaction is refused and writes nothing', async () => {
    const t = await start();
    const err = await fail(t.collection('users').add({ data: [{ _id: 'b1' }, { _id: 'b2' }] } as unknown as { data: object }));
    expect(err?.errMsg).toContain('不允许批量插入');
    expect((await db.collection('users').where({ _id: db.command.in(['b1', 'b2']) }).count()).total).toBe(0);
  });

  it('a where().update() through the transaction is sent outside it: a rollback does not undo it', async () => {
    const t = await start();
    await t.collection('slots').doc('s3').get();
    await t.collection('slots').where({ _id: 's3' }).update({ data: { booked: 7 } });
    await t.rollback();
    expect((await slot('s3'))!.booked).toBe(7);
  });
});

describe('a transaction’s lifetime', () => {
  it('after its commit nothing more can be done in it: TransactionNotExist', async () => {
    const t = await start();
    await t.collection('slots').doc('s1').get();
    await t.commit();
    const err = await fail(t.collection('slots').doc('s1').set({ data: { booked: 3 } }));
    expect(err?.errMsg).toContain('[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds.');
    expect((await slot('s1'))!.booked).toBe(0);
  });

  it('it expires (real: 30 s; here shortened): a write after that fails and nothing it wrote lands', async () => {
    const t = await start();
    await t.collection('slots').doc('s1').update({ data: { booked: 9 } });
    await sleep(TTL_MS + 100);
    expect((await fail(t.collection('slots').doc('s2').update({ data: { booked: 9 } })))?.errMsg).toContain('TransactionNotExist');
    expect(await fail(t.commit())).toBeTruthy();
    expect((await slot('s1'))!.booked).toBe(0);
  });
});
