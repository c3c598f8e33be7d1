/**
 * Contract of the local CloudBase emulator: the real, unmodified wx-server-sdk (4.0.2) drives it
 * through every operator and action the project uses, and the cloud database rules it must keep.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalDatabase } from '../../local/cloudbase/database';
import { startCloudbaseEndpoint, type CloudbaseEndpoint } from '../../local/cloudbase/server';
import { pointSdkAt } from '../../local/runtime/sdk-env';
import type { Database } from '../../cloudfunctions/shared/db-types';

type Sdk = typeof import('wx-server-sdk');
let sdk: Sdk;
let db: Database;
let local: LocalDatabase;
let endpoint: CloudbaseEndpoint;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contract-'));
  local = LocalDatabase.open({ dir, fsync: false, schema: { collections: { items: { indexes: [{ name: 'code_unique', fields: { code: 1 }, unique: true }] }, others: {}, stats: {} } } });
  endpoint = await startCloudbaseEndpoint(local);
  pointSdkAt(endpoint.url, 'contract-env');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sdk = require('wx-server-sdk');
  sdk.init({ env: 'contract-env' });
  db = sdk.database({ throwOnNotFound: false } as object) as unknown as Database;
});
afterAll(async () => {
  await endpoint.close();
  local.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const items = () => db.collection('items');

describe('documents', () => {
  it('adds one and many, reads by id and by query, with dates and nested values intact', async () => {
    const when = new Date('2024-11-15T02:00:00Z');
    const { _id } = await items().add({ data: { _id: 'a', code: 'A', n: 1, when, tags: ['x', 'y'], home: { building: '3号楼' } } });
    expect(_id).toBe('a');
    const many = (await items().add({ data: [{ code: 'B', n: 2 }, { code: 'C', n: 3 }] })) as unknown as { _ids?: string[]; ids?: string[] };
    expect((many._ids ?? many.ids ?? []).length).toBe(2);
    const { data } = await items().doc('a').get();
    expect(data).toEqual({ _id: 'a', code: 'A', n: 1, when, tags: ['x', 'y'], home: { building: '3号楼' } });
    expect((await items().doc('missing').get()).data).toBeNull();
  });

  it('evaluates the query operators the project uses', async () => {
    const _ = db.command;
    const codes = async (q: object) => ((await items().where(q).orderBy('code', 'asc').get()).data as { code: string }[]).map((d) => d.code);
    expect(await codes({ n: _.lt(3) })).toEqual(['A', 'B']);
    expect(await codes({ n: _.gt(1) })).toEqual(['B', 'C']);
    expect(await codes({ n: _.gte(2).and(_.lte(2)) })).toEqual(['B']);
    expect(await codes({ code: _.in(['A', 'C']) })).toEqual(['A', 'C']);
    expect(await codes({ code: _.nin(['A']) })).toEqual(['B', 'C']);
    expect(await codes({ code: _.neq('A') })).toEqual(['B', 'C']);
    expect(await codes({ when: _.exists(true) })).toEqual(['A']);
    expect(await codes({ 'home.building': '3号楼' })).toEqual(['A']);
    expect(await codes({ tags: 'y' })).toEqual(['A']);
    expect(await codes(_.or([{ code: 'A' }, { n: 3 }]) as never)).toEqual(['A', 'C']);
    expect(await codes({ code: db.RegExp({ regexp: '^[ab]$', options: 'i' }) })).toEqual(['A', 'B']);
    expect(await codes({ when: _.lt(new Date('2030-01-01')) })).toEqual(['A']);
  });

  it('orders, skips, limits, projects and counts', async () => {
    const { data } = await items().where({}).orderBy('n', 'desc').skip(1).limit(1).field({ code: true }).get();
    expect(data).toEqual([{ _id: expect.any(String), code: 'B' }]);
    expect((await items().where({ n: db.command.gte(2) }).count()).total).toBe(2);
  });

  it('updates by id and by query with update operators and server dates', async () => {
    const _ = db.command;
    const before = Date.now();
    await items().doc('a').update({ data: { n: _.inc(5), seenAt: db.serverDate(), tags: _.push('z'), 'home.unit': '2单元' } });
    const { data } = await items().doc('a').get();
    const a = data as unknown as { n: number; seenAt: Date; tags: string[]; home: { unit: string; building: string } };
    expect(a.n).toBe(6);
    expect(a.seenAt).toBeInstanceOf(Date);
    expect(a.seenAt.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(a.tags).toEqual(['x', 'y', 'z']);
    expect(a.home).toEqual({ building: '3号楼', unit: '2单元' });
    const r = await items().where({ n: _.lt(4) }).update({ data: { flag: true, n: _.mul(10) } });
    expect(r.stats.updated).toBe(2);
    expect((await items().where({ flag: true }).count()).total).toBe(2);
    await items().doc('a').update({ data: { tags: _.pull('x'), gone: _.remove() } });
    expect(((await items().doc('a').get()).data as unknown as { tags: string[] }).tags).toEqual(['y', 'z']);
  });

  it('a conditional update changes nothing when the condition fails (atomic claim)', async () => {
    const _ = db.command;
    const first = await items().where({ _id: 'a', n: _.lt(7) }).update({ data: { n: _.inc(1) } });
    const second = await items().where({ _id: 'a', n: _.lt(7) }).update({ data: { n: _.inc(1) } });
    expect([first.stats.updated, second.stats.updated]).toEqual([1, 0]);
  });

  it('sets (replaces) and removes', async () => {
    await items().doc('s').set({ data: { code: 'S', n: 0 } });
    expect((await items().doc('s').get()).data).toEqual({ _id: 's', code: 'S', n: 0 });
    await items().doc('s').set({ data: { code: 'S2' } });
    expect((await items().doc('s').get()).data).toEqual({ _id: 's', code: 'S2' });
    expect((await items().doc('s').remove()).stats.removed).toBe(1);
    expect((await items().where({ code: 'S2' }).count()).total).toBe(0);
  });

  it('aggregates ($match, $group, $sort, $lookup)', async () => {
    await db.collection('others').add({ data: { _id: 'o1', itemCode: 'A', note: '甲' } });
    const $ = db.command.aggregate;
    const { list } = await items()
      .aggregate()
      .match({ n: db.command.gte(0) })
      .group({ _id: null, total: $.sum('$n'), count: $.sum(1) })
      .end();
    expect(list).toEqual([{ _id: null, total: expect.any(Number), count: 3 }]);
    const joined = await items().aggregate().match({ code: 'A' }).lookup({ from: 'others', localField: 'code', foreignField: 'itemCode', as: 'notes' }).end();
    expect((joined.list[0] as { notes: { note: string }[] }).notes[0].note).toBe('甲');
    // $lookup in pipeline form (uncorrelated, as users.ts loadCaller sends it), with a nested join
    const pipeline = (db.command.aggregate as unknown as { pipeline(): { match(q: object): { limit(n: number): { lookup(l: object): { done(): object[] } } } } })
      .pipeline()
      .match({ _id: 'o1' })
      .limit(1)
      .lookup({ from: 'items', localField: 'itemCode', foreignField: 'code', as: 'items' })
      .done();
    const pre = await items().aggregate().match({ code: 'A' }).limit(1).lookup({ from: 'others', pipeline, as: 'pre' }).end();
    const row = pre.list[0] as { code: string; pre: { _id: string; items: { code: string }[] }[] };
    expect(row.code).toBe('A');
    expect(row.pre.map((p) => p._id)).toEqual(['o1']);
    expect(row.pre[0].items.map((i) => i.code)).toEqual(['A']);
    const none = await items().aggregate().match({ code: 'A' }).lookup({ from: 'others', pipeline: [{ $match: { _id: 'missing' } }], as: 'pre' }).end();
    expect((none.list[0] as { pre: unknown[] }).pre).toEqual([]);
  });
});

describe('aggregation as the console statistics use it', () => {
  const agg = (c: string) => db.collection(c).aggregate() as unknown as Record<string, (v: unknown) => unknown>;
  const run = async (c: string, stages: Record<string, unknown>[]) => {
    let a = agg(c);
    for (const st of stages) {
      const [k, v] = Object.entries(st)[0];
      a = a[k.slice(1)](v) as typeof a;
    }
    return ((await (a as unknown as { end(): Promise<{ list: unknown[] }> }).end()).list) as Record<string, unknown>[];
  };

  it('evaluates $filter, $map, $concatArrays, $let, $arrayElemAt, date $subtract, $cond, $size, $ifNull, $unwind, $replaceRoot, $addToSet', async () => {
    const t0 = new Date('2026-11-03T01:00:00Z');
    await db.collection('stats').add({
      data: [
        { _id: 't1', g: 'a', createdAt: t0, events: [{ type: 'reported', at: t0, by: 'r' }, { type: 'accepted', at: new Date(t0.getTime() + 30 * 60_000), by: 'w1' }, { type: 'followedUp', at: new Date(t0.getTime() + 3_600_000), by: 'w1' }] },
        { _id: 't2', g: 'a', createdAt: t0, events: [{ type: 'reported', at: t0, by: 'r' }] },
        { _id: 't3', g: 'b', createdAt: t0, events: [{ type: 'assigned', at: new Date(t0.getTime() + 90 * 60_000), by: 'admin', detail: { workerId: 'w2' } }] },
      ],
    });
    const first = { $arrayElemAt: [{ $filter: { input: { $ifNull: ['$events', []] }, as: 'e', cond: { $in: ['$$e.type', ['accepted', 'assigned']] } } }, 0] };
    const rows = await run('stats', [
      { $match: { createdAt: { $lte: new Date('2026-11-30T00:00:00Z') } } },
      { $project: { g: 1, acceptAt: { $ifNull: [{ $let: { vars: { f: first }, in: '$$f.at' } }, null] }, createdAt: 1 } },
      { $project: { g: 1, accepted: { $cond: [{ $ne: ['$acceptAt', null] }, 1, 0] }, ms: { $cond: [{ $ne: ['$acceptAt', null] }, { $subtract: ['$acceptAt', '$createdAt'] }, 0] } } },
      { $group: { _id: '$g', accepted: { $sum: '$accepted' }, ms: { $sum: '$ms' }, ids: { $addToSet: '$_id' } } },
      { $sort: { _id: 1 } },
      { $limit: 10 },
    ]);
    expect(rows.map((r) => [r._id, r.accepted, r.ms, (r.ids as string[]).sort()])).toEqual([
      ['a', 1, 30 * 60_000, ['t1', 't2']],
      ['b', 1, 90 * 60_000, ['t3']],
    ]);
    const credits = await run('stats', [
      { $project: { c: { $concatArrays: [[{ w: 'x', n: 1 }], { $map: { input: { $filter: { input: '$events', as: 'e', cond: { $ne: ['$$e.type', 'reported'] } } }, as: 'e', in: { w: { $cond: [{ $eq: ['$$e.type', 'assigned'] }, '$$e.detail.workerId', '$$e.by'] }, n: { $size: ['$events'] } } } }] } } },
      { $unwind: '$c' },
      { $replaceRoot: { newRoot: '$c' } },
      { $group: { _id: '$w', n: { $sum: 1 } } },
      { $sort: { _id: 1 } },
      { $limit: 10 },
    ]);
    expect(credits).toEqual([{ _id: 'w1', n: 2 }, { _id: 'w2', n: 1 }, { _id: 'x', n: 3 }]);
  });

  it('answers 20 rows when the pipeline has no $limit (the service default), all with one', async () => {
    await db.collection('stats').add({ data: Array.from({ length: 30 }, (_, i) => ({ k: i })) });
    expect(await run('stats', [{ $match: { k: db.command.gte(0) } }])).toHaveLength(20);
    expect(await run('stats', [{ $match: { k: db.command.gte(0) } }, { $limit: 1000 }])).toHaveLength(30);
  });

  it('has no $facet: wx-server-sdk 4.0.2 cannot send one, and the emulator refuses any stage CloudBase lacks', async () => {
    const facet = () => (db.collection('stats').aggregate() as unknown as { facet(v: object): unknown }).facet({ a: [{ $limit: 1 }] });
    expect(facet).toThrow(TypeError);
    const { handleApiRequest } = await import('../../local/cloudbase/api');
    for (const stageKey of ['$facet', '$out', '$merge', '$unionWith']) {
      const r = await handleApiRequest(local, { action: 'database.aggregateDocuments', collectionName: 'stats', stages: [{ stageKey, stageValue: '{}' }] });
      expect({ stageKey, code: r.code }).toEqual({ stageKey, code: 'INVALID_PARAM' });
    }
  });
});

describe('cloud database rules', () => {
  it('returns at most 100 documents without limit and at most 1000 with one', async () => {
    await db.collection('others').add({ data: Array.from({ length: 1100 }, (_, i) => ({ i })) });
    expect((await db.collection('others').where({ i: db.command.gte(0) }).get()).data).toHaveLength(100);
    expect((await db.collection('others').where({ i: db.command.gte(0) }).limit(5000).get()).data).toHaveLength(1000);
  });

  it('rejects an unknown collection with errCode -502005', async () => {
    await expect(db.collection('nope').where({}).get()).rejects.toMatchObject({ errCode: -502005 });
    await expect(db.collection('nope').add({ data: { a: 1 } })).rejects.toMatchObject({ errCode: -502005 });
  });

  it('rejects a unique-index violation with errCode -502001, naming the key, and writes nothing', async () => {
    await expect(items().add({ data: { code: 'A' } })).rejects.toMatchObject({
      errCode: -502001,
      errMsg: expect.stringMatching(/E11000 duplicate key error collection: [\w-]+\.items index: code_unique dup key: \{ code: "A" \}/),
    });
    await expect(items().doc('a').update({ data: { code: 'B' } })).rejects.toMatchObject({ errCode: -502001 });
    expect(((await items().doc('a').get()).data as { code: string }).code).toBe('A');
  });

  it('creates collections', async () => {
    await db.createCollection('fresh');
    expect(local.collectionNames()).toContain('fresh');
  });
});

describe('transactions', () => {
  it('commits reads and writes of several documents at once', async () => {
    const _ = db.command;
    const result = await db.runTransaction(async (t) => {
      const { data } = await t.collection('items').doc('a').get();
      await t.collection('items').doc('a').update({ data: { n: _.inc(100) } });
      await t.collection('others').add({ data: { _id: 'tx-1', from: (data as { code: string }).code } });
      return 'done';
    });
    expect(result).toBe('done');
    expect(((await items().doc('a').get()).data as { n: number }).n).toBeGreaterThan(100);
    expect((await db.collection('others').doc('tx-1').get()).data).toEqual({ _id: 'tx-1', from: 'A' });
  });

  it('rolls back everything when the callback throws', async () => {
    await expect(
      db.runTransaction(async (t) => {
        await t.collection('others').add({ data: { _id: 'tx-2' } });
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect((await db.collection('others').doc('tx-2').get()).data).toBeNull();
  });

  it('retries on conflict so that concurrent increments all count', async () => {
    await items().add({ data: { _id: 'counter', code: 'CNT', n: 0 } });
    await Promise.all(
      Array.from({ length: 5 }, () =>
        (async () => {
          for (let attempt = 0; attempt < 50; attempt += 1) {
            try {
              await db.runTransaction(async (t) => {
                const { data } = await t.collection('items').doc('counter').get();
                await t.collection('items').doc('counter').update({ data: { n: (data as { n: number }).n + 1 } });
              }, 1);
              return;
            } catch (e) {
              if (!/CONFLICT/i.test(String((e as { errMsg?: string; code?: string }).code ?? (e as { errMsg?: string }).errMsg ?? e))) throw e;
            }
          }
        })(),
      ),
    );
    expect(((await items().doc('counter').get()).data as { n: number }).n).toBe(5);
  });

  it('counts every request for the benchmarks', () => {
    expect(local.stats.requests).toBeGreaterThan(20);
    expect(local.stats.byAction['database.getDocument']).toBeGreaterThan(0);
  });
});
