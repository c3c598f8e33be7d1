/**
 * The stall lottery (抽签) and the rest of issue 10's vendor function, through the real
 * wx-server-sdk: a community switches to lottery mode; applications wait for the draw; the draw
 * (the admin's 现在抽签 and the platform timer, racing) writes one record that anyone can re-check
 * from its seed; regulars first; undersubscribed days go in application order; after the draw it
 * is first come again, behind the drawn waitlist. Also: the admin's move of a stall, which
 * communities run a market, `watch` for residents only, permissions and malformed events.
 */
import { ok, openidOf, startTestCloud, type Envelope, type TestCloud } from '../support/local-cloud';
import { allow } from '../support/consent';
import type { DayDrawView, MarketCommunityView, StallApplicationView } from '../../cloudfunctions/stall/contract';
import { planDraw, shuffleBySeed } from '../../cloudfunctions/stall/domain/lottery';

let cloud: TestCloud;
const wang = openidOf('a-wang');
const yan = openidOf('w-yan');
const zhao = openidOf('r-zhao');
const act = <T>(event: object, openid: string) => cloud.act<T>('stall', event, openid);
const timer = () => cloud.pool.invoke('stall', { Type: 'Timer', TriggerName: 'drawStalls', Time: new Date().toISOString() }, { OPENID: '', APPID: '', SOURCE: 'wx_trigger' }) as Promise<Envelope<{ drawn: number }>>;

/** Approved vendors of 老城社区 inserted directly (each with their own WeChat); `regular` maps index → own stall. */
function insertVendors(prefix: string, n: number, regular: Record<number, number> = {}): string[] {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  cloud.db.insert('users', ids.map((id) => ({ _id: `u-${id}`, openid: openidOf(id), name: `摊主${id}`, role: 'vendor', communityId: 'c-laocheng', createdAt: new Date() })));
  cloud.db.insert(
    'vendors',
    ids.map((id, i) => ({ _id: id, communityId: 'c-laocheng', name: `摊主${id}`, kind: 'farmer', goods: ['青菜'], userId: `u-${id}`, status: 'approved', regular: i in regular, regularStall: regular[i] ?? null, absences: 0, createdAt: new Date() })),
  );
  return ids;
}

/** Applies one after another (application order is the order of the calls). */
async function applyInOrder(vendors: string[], date: string): Promise<StallApplicationView[]> {
  const out: StallApplicationView[] = [];
  for (const v of vendors) {
    out.push((await ok(act<StallApplicationView[]>({ action: 'applyStall', dates: [date] }, openidOf(v))))[0]);
    await allow(cloud, openidOf(v), ['stallDraw']); // the apply's ask (issue 18): the draw's result may be sent
  }
  return out;
}

/** A draw record as stored. */
type DrawRec = { seed: string; plan: number[]; held: number[]; oversubscribed: boolean; order: string[]; drawnBy: string; applicants: { applicationId: string; vendorId: string; vendorName: string; regularStall: number | null }[]; results: ReturnType<typeof planDraw>['results'] };
const drawRecords = (date: string) => cloud.db.find('stallDraws', { communityId: 'c-laocheng', date }) as unknown as DrawRec[];

/** The day's applications straight from the database. */
const dayApps = (date: string) => cloud.db.find('stallApplications', { communityId: 'c-laocheng', date }, { limit: 1000 }) as unknown as { _id: string; vendorId: string; status: string; stallNumber: number | null; drawRank?: number }[];

/** The promises: no stall has two holders, no vendor two active applications. */
function expectPromisesKept(date: string) {
  const active = dayApps(date).filter((a) => ['applied', 'allocated', 'waitlisted', 'checkedIn'].includes(a.status));
  const stalls = active.filter((a) => a.status === 'allocated' || a.status === 'checkedIn').map((a) => a.stallNumber);
  expect(new Set(stalls).size).toBe(stalls.length);
  expect(new Set(active.map((a) => a.vendorId)).size).toBe(active.length);
}

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 8 });
  // a Monday; 老城社区's market is on Fridays
  cloud.setClock(new Date('2024-11-25T09:00:00+08:00'));
}, 60_000);
afterAll(() => cloud.close());

describe('the shuffle (pure)', () => {
  const ids = Array.from({ length: 30 }, (_, i) => `a${i}`);
  it('is a permutation, the same for the same seed, and differs between seeds', () => {
    const a = shuffleBySeed('seed-1', ids);
    expect([...a].sort()).toEqual([...ids].sort());
    expect(shuffleBySeed('seed-1', ids)).toEqual(a);
    expect(shuffleBySeed('seed-2', ids)).not.toEqual(a);
    expect(ids[0]).toBe('a0'); // the input is untouched
  });

  it('puts every item first about equally often (400 seeds, 4 items: each 60–140 times)', () => {
    const counts = new Map<string, number>();
    for (let s = 0; s < 400; s += 1) {
      const first = shuffleBySeed(`s${s}`, ['w', 'x', 'y', 'z'])[0];
      counts.set(first, (counts.get(first) ?? 0) + 1);
    }
    for (const k of ['w', 'x', 'y', 'z']) expect({ k, fair: (counts.get(k) ?? 0) > 60 && (counts.get(k) ?? 0) < 140 }).toEqual({ k, fair: true });
  });

  it('planDraw: regulars first on their own stalls; undersubscribed → application order, lowest stall first', () => {
    const applicants = ['p', 'q', 'r'].map((x, i) => ({ applicationId: x, vendorId: `v${x}`, vendorName: x, regularStall: i === 2 ? 4 : null }));
    const plan = planDraw({ seed: 'any', applicants, plan: [1, 2, 3, 4], held: [1] });
    expect(plan.oversubscribed).toBe(false);
    expect(plan.results.map((r) => [r.applicationId, r.stallNumber, r.regular])).toEqual([
      ['r', 4, true],
      ['p', 2, false],
      ['q', 3, false],
    ]);
    // one stall fewer: oversubscribed, the seeded order decides, the last waits
    const over = planDraw({ seed: 'any', applicants, plan: [1, 2, 3, 4], held: [1, 2] });
    expect(over.oversubscribed).toBe(true);
    expect(over.order).toEqual(shuffleBySeed('any', ['p', 'q']));
    expect(over.results.map((r) => r.status)).toEqual(['allocated', 'allocated', 'waitlisted']);
  });
});

describe('a lottery day', () => {
  const date = '2024-11-29';
  let vendors: string[];

  it('an admin switches 老城社区 to a lottery two days before, at 18:00; a vendor cannot', async () => {
    const v = insertVendors('v-nolot', 1);
    const before = cloud.snapshot();
    for (const who of [openidOf(v[0]), yan, zhao]) expect(await act({ action: 'setAllocation', mode: 'lottery', drawDaysBefore: 2, drawAt: '18:00' }, who)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect(cloud.snapshot()).toBe(before);
    const set = await ok(act({ action: 'setAllocation', mode: 'lottery', drawDaysBefore: 2, drawAt: '18:00' }, wang));
    expect(set).toEqual({ mode: 'lottery', drawDaysBefore: 2, drawAt: '18:00' });
  });

  it('applications wait for the draw (等待抽签, no stall); applying twice changes nothing', async () => {
    // 14 applicants for 8 stalls; the 4th is a regular of stall 6
    vendors = insertVendors('v-lot', 14, { 3: 6 });
    const trips0 = cloud.db.stats.requests;
    const views = [(await ok(act<StallApplicationView[]>({ action: 'applyStall', dates: [date] }, openidOf(vendors[0]))))[0]];
    expect(cloud.db.stats.requests - trips0).toBeLessThanOrEqual(4); // issue 10: applyStall ≤ 4, in lottery mode too
    await allow(cloud, openidOf(vendors[0]), ['stallDraw']);
    views.push(...(await applyInOrder(vendors.slice(1), date)));
    expect(views.map((a) => [a.status, a.statusLabel, a.stallNumber, a.drawAtLabel])).toEqual(views.map(() => ['applied', '等待抽签', null, '11月27日 周三 18:00']));
    const before = cloud.snapshot();
    await ok(act({ action: 'applyStall', dates: [date] }, openidOf(vendors[0])));
    expect(cloud.snapshot()).toBe(before);
    const day = await ok(act<DayDrawView>({ action: 'drawRecord', date }, wang));
    expect(day).toMatchObject({ waiting: 14, record: null, drawAtLabel: '11月27日 周三 18:00' });
  }, 60_000);

  it('a vendor cannot draw; concurrent draws (3 admins’ taps, 2 timers after the draw time) write one record', async () => {
    expect(await act({ action: 'drawStalls', date }, openidOf(vendors[0]))).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    cloud.setClock(new Date('2024-11-27T18:05:00+08:00'));
    const runs = await Promise.all([act<DayDrawView & { drawnNow: boolean }>({ action: 'drawStalls', date }, wang), timer(), act<DayDrawView & { drawnNow: boolean }>({ action: 'drawStalls', date }, wang), timer(), act<DayDrawView & { drawnNow: boolean }>({ action: 'drawStalls', date }, wang)]);
    for (const r of runs) expect(r.ok).toBe(true);
    const records = cloud.db.find('stallDraws', { communityId: 'c-laocheng', date });
    expect(records).toHaveLength(1);
    const taps = [runs[0], runs[2], runs[4]].map((r) => (r.ok ? (r.data as DayDrawView & { drawnNow: boolean }) : null));
    const timers = [runs[1], runs[3]].map((r) => (r.ok ? (r.data as { drawn: number }).drawn : -1));
    expect(taps.filter((t) => t?.drawnNow).length + timers.reduce((a, b) => a + b, 0)).toBe(1);
    // every tap shows that one record
    for (const t of taps) expect(t?.record?.seed).toBe(records[0].seed);
    expectPromisesKept(date);
  }, 60_000);

  it('the record re-checks: its seed and applicants give its order and results; the applications match them', async () => {
    const [record] = drawRecords(date);
    expect(record.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(record.applicants.map((a) => a.vendorId)).toEqual(vendors); // application order
    const again = planDraw({ seed: record.seed, applicants: record.applicants, plan: record.plan, held: record.held });
    expect(again.order).toEqual(record.order);
    expect(again.results).toEqual(record.results);
    expect(record.oversubscribed).toBe(true);
    // regulars first: the regular holds stall 6
    expect(record.results[0]).toMatchObject({ applicationId: record.applicants[3].applicationId, stallNumber: 6, regular: true });
    const apps = new Map(dayApps(date).map((a) => [a._id, a]));
    for (const r of record.results) {
      const a = apps.get(r.applicationId)!;
      expect({ id: r.applicationId, status: a.status, stall: a.stallNumber, rank: a.drawRank ?? null }).toEqual({ id: r.applicationId, status: r.status, stall: r.stallNumber, rank: r.waitlistPosition });
    }
    expect(record.results.filter((r) => r.status === 'allocated')).toHaveLength(8);
    expect(record.results.filter((r) => r.status === 'waitlisted').map((r) => r.waitlistPosition)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('a second draw changes nothing; vendors see their results; each was told once', async () => {
    const before = cloud.snapshot();
    const trips0 = cloud.db.stats.requests;
    const again = await ok(act<DayDrawView & { drawnNow: boolean }>({ action: 'drawStalls', date }, wang));
    expect(cloud.db.stats.requests - trips0).toBeLessThanOrEqual(3); // the caller, the record, what is still applied
    expect(again.drawnNow).toBe(false);
    expect(await ok(timer())).toEqual({ drawn: 0 });
    expect(cloud.snapshot()).toBe(before);
    const [record] = drawRecords(date);
    const loser = record.results.find((r) => r.waitlistPosition === 2)!;
    const loserVendor = record.applicants.find((a) => a.applicationId === loser.applicationId)!.vendorId;
    const mine = await ok(act<{ applications: StallApplicationView[] }>({ action: 'myVendor' }, openidOf(loserVendor)));
    expect(mine.applications[0]).toMatchObject({ status: 'waitlisted', waitlistPosition: 2, viaDraw: true });
    const inbox = cloud.endpoint.messages.inbox(openidOf(loserVendor)).filter((m) => m.templateId === 'stallDrawLocal');
    expect(inbox.map((m) => m.data.thing2.value)).toEqual(['没抽中，候补第2位']);
    const all = vendors.flatMap((v) => cloud.endpoint.messages.inbox(openidOf(v)).filter((m) => m.templateId === 'stallDrawLocal'));
    expect(all).toHaveLength(14);
  });

  it('after the draw it is first come: a new applicant waits behind the drawn waitlist; a withdrawal promotes the first drawn', async () => {
    const [late] = insertVendors('v-late', 1);
    const [view] = await ok(act<StallApplicationView[]>({ action: 'applyStall', dates: [date] }, openidOf(late)));
    expect(view).toMatchObject({ status: 'waitlisted', waitlistPosition: 7, viaDraw: false });
    const [record] = drawRecords(date);
    const holder = record.results.find((r) => r.status === 'allocated' && !r.regular)!;
    const holderVendor = record.applicants.find((a) => a.applicationId === holder.applicationId)!.vendorId;
    const first = record.results.find((r) => r.waitlistPosition === 1)!;
    await ok(act({ action: 'withdraw', applicationId: holder.applicationId }, openidOf(holderVendor)));
    const promoted = dayApps(date).find((a) => a._id === first.applicationId)!;
    expect(promoted).toMatchObject({ status: 'allocated', stallNumber: holder.stallNumber });
    expectPromisesKept(date);
  });
});

describe('an undersubscribed lottery day', () => {
  const date = '2024-12-06';
  it('the timer draws it once its time has come: everyone gets a stall in application order, not oversubscribed', async () => {
    cloud.setClock(new Date('2024-12-02T10:00:00+08:00'));
    const vendors = insertVendors('v-few', 5);
    await applyInOrder(vendors, date);
    cloud.setClock(new Date('2024-12-04T17:59:00+08:00'));
    expect(await ok(timer())).toEqual({ drawn: 0 });
    expect(cloud.db.find('stallDraws', { date })).toHaveLength(0);
    cloud.setClock(new Date('2024-12-04T18:00:00+08:00'));
    expect(await ok(timer())).toEqual({ drawn: 1 });
    const [record] = drawRecords(date);
    expect(record.oversubscribed).toBe(false);
    expect(record.drawnBy).toBe('timer');
    expect(record.order).toEqual(record.applicants.map((a) => a.applicationId));
    const byVendor = new Map(dayApps(date).map((a) => [a.vendorId, a]));
    expect(vendors.map((v) => [byVendor.get(v)?.status, byVendor.get(v)?.stallNumber])).toEqual(vendors.map((_, i) => ['allocated', i + 1]));
  }, 60_000);

  it('applications racing the draw: nobody is left waiting for a draw that has happened, nobody holds two stalls', async () => {
    const raceDate = '2024-12-13';
    cloud.setClock(new Date('2024-12-10T10:00:00+08:00'));
    const early = insertVendors('v-rd-early', 4);
    await applyInOrder(early, raceDate);
    const racers = insertVendors('v-rd', 10);
    await Promise.all([...racers.map((v) => ok(act({ action: 'applyStall', dates: [raceDate] }, openidOf(v)))), ok(act({ action: 'drawStalls', date: raceDate }, wang))]);
    const apps = dayApps(raceDate);
    expect(apps.filter((a) => a.status === 'applied')).toHaveLength(0);
    expect(apps.filter((a) => a.status === 'allocated')).toHaveLength(8);
    expect(apps.filter((a) => a.status === 'waitlisted')).toHaveLength(6);
    // a late application never takes a stall the draw gave: every drawn winner holds its drawn stall
    const [record] = drawRecords(raceDate);
    const byId = new Map(apps.map((a) => [a._id, a]));
    for (const r of record.results.filter((x) => x.status === 'allocated')) expect({ id: r.applicationId, stall: byId.get(r.applicationId)?.stallNumber }).toEqual({ id: r.applicationId, stall: r.stallNumber });
    expectPromisesKept(raceDate);
  }, 60_000);
});

describe('moving a stall', () => {
  const date = '2024-12-20';
  let apps: StallApplicationView[];
  beforeAll(async () => {
    cloud.setClock(new Date('2024-12-16T10:00:00+08:00'));
    await ok(act({ action: 'setAllocation', mode: 'firstCome', drawDaysBefore: 2, drawAt: '18:00' }, wang));
    apps = await applyInOrder(insertVendors('v-mv', 9), date); // 8 stalls, 1 waiting
    cloud.db.modify('stalls', { queryType: 'WHERE', query: { _id: 'c-laocheng_8' }, data: { $set: { active: false } }, multi: false, merge: true, upsert: false });
  }, 60_000);

  it('an admin moves a holder to a taken stall: refused, nothing changes; to a closed stall: refused', async () => {
    const before = cloud.snapshot();
    expect(await act({ action: 'moveStall', applicationId: apps[0].id, toNumber: 2 }, wang)).toMatchObject({ ok: false, error: { code: 'VENDOR.STALL_TAKEN' } });
    expect(await act({ action: 'moveStall', applicationId: apps[0].id, toNumber: 8 }, wang)).toMatchObject({ ok: false, error: { code: 'VENDOR.STALL_CLOSED' } });
    expect(await act({ action: 'moveStall', applicationId: apps[0].id, toNumber: 99 }, wang)).toMatchObject({ ok: false, error: { code: 'VENDOR.STALL_NOT_FOUND' } });
    expect(await act({ action: 'moveStall', applicationId: apps[8].id, toNumber: 3 }, wang)).toMatchObject({ ok: false, error: { code: 'VENDOR.WRONG_STATE' } });
    expect(await act({ action: 'moveStall', applicationId: apps[0].id, toNumber: 3 }, openidOf('v-mv-0'))).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect(await act({ action: 'moveStall', applicationId: apps[0].id, toNumber: 3 }, yan)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect(cloud.snapshot()).toBe(before);
  });

  it('two holders moved to the same free stall at once: one moves, the other is refused; the freed stall goes to the first in line', async () => {
    await ok(act({ action: 'release', applicationId: apps[8].id }, wang)); // the waiting vendor leaves the line
    await ok(act({ action: 'release', applicationId: apps[4].id }, wang)); // stall 5 is free, nobody waits
    const [a, b] = await Promise.all([act({ action: 'moveStall', applicationId: apps[0].id, toNumber: 5 }, wang), act({ action: 'moveStall', applicationId: apps[1].id, toNumber: 5 }, wang)]);
    const results = [a, b].map((r) => (r.ok ? 'moved' : r.error.code)).sort();
    expect(results).toEqual(['VENDOR.STALL_TAKEN', 'moved']);
    expectPromisesKept(date);
    // a new vendor waits (7 of 7 active stalls held), a move frees a stall: the waiting vendor gets it
    const [waiter] = insertVendors('v-mv-wait', 1);
    const moved = dayApps(date).find((x) => x.stallNumber === 5 && x.status === 'allocated')!;
    const from = (a.ok ? apps[0] : apps[1]).stallNumber;
    const w = (await ok(act<StallApplicationView[]>({ action: 'applyStall', dates: [date] }, openidOf(waiter))))[0];
    expect(w.status).toBe('allocated'); // the stall the mover left is free
    expect(w.stallNumber).toBe(from);
    const [waiter2] = insertVendors('v-mv-wait2', 1);
    const w2 = (await ok(act<StallApplicationView[]>({ action: 'applyStall', dates: [date] }, openidOf(waiter2))))[0];
    expect(w2.status).toBe('waitlisted');
    const r = await ok(act<{ moved: StallApplicationView; promoted: StallApplicationView | null }>({ action: 'moveStall', applicationId: moved._id, toNumber: 5 }, wang));
    expect(r.promoted).toBeNull(); // moving to where it is changes nothing
    cloud.db.insert('stalls', [{ _id: 'c-laocheng_9', communityId: 'c-laocheng', number: 9, label: '9号摊位', active: true }]);
    const r2 = await ok(act<{ moved: StallApplicationView; promoted: StallApplicationView | null }>({ action: 'moveStall', applicationId: moved._id, toNumber: 9 }, wang));
    expect(r2.moved.stallNumber).toBe(9);
    expect(r2.promoted).toMatchObject({ vendorName: `摊主${waiter2}`, stallNumber: 5 });
    expectPromisesKept(date);
  }, 60_000);
});

describe('who may do what', () => {
  it('communities: anyone sees which communities run a market (name, weekday, place)', async () => {
    const list = await ok(act<MarketCommunityView[]>({ action: 'communities' }, 'local-visitor-1'));
    const communities = cloud.db.find('communities', {}, { limit: 100 }) as unknown as { _id: string; market: unknown }[];
    expect(list.map((c) => c.id).sort()).toEqual(communities.filter((c) => c.market).map((c) => c._id).sort());
    expect(list.find((c) => c.id === 'c-laocheng')).toMatchObject({ weekday: 5, weekdayLabel: '周五' });
  });

  it('watch: a resident may; a vendor, a grid worker and an admin may not', async () => {
    cloud.setClock(new Date('2024-12-16T10:00:00+08:00'));
    expect((await act({ action: 'watch', product: '萝卜' }, zhao)).ok).toBe(true);
    const before = cloud.snapshot();
    for (const who of [openidOf('v-mv-0'), yan, wang]) expect(await act({ action: 'watch', product: '萝卜' }, who)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect(cloud.snapshot()).toBe(before);
  });

  it('malformed events write nothing', async () => {
    const before = cloud.snapshot();
    const events = [
      { action: 'setAllocation', mode: 'raffle', drawDaysBefore: 2, drawAt: '18:00' },
      { action: 'setAllocation', mode: 'lottery', drawDaysBefore: 0, drawAt: '18:00' },
      { action: 'setAllocation', mode: 'lottery', drawDaysBefore: 2, drawAt: '25:00' },
      { action: 'setAllocation', mode: 'lottery', drawDaysBefore: 2, drawAt: '18:00', communityId: 'c-xinyuan' },
      { action: 'drawStalls', date: '2024-12-20', seed: 'mine' },
      { action: 'drawStalls', date: 'friday' },
      { action: 'moveStall', applicationId: 'x', toNumber: '3' },
      { action: 'moveStall', applicationId: 'x', toNumber: 0 },
      { action: 'moveStall', applicationId: { $ne: null }, toNumber: 3 },
      { action: 'drawRecord', date: ['2024-12-20'] },
      { action: 'communities', all: true },
    ];
    for (const e of events) expect({ e, r: await act(e, wang) }).toMatchObject({ e, r: { ok: false, error: { code: 'COMMON.INVALID_INPUT' } } });
    expect(cloud.snapshot()).toBe(before);
  });

  it('drawing in first-come mode is refused; switching to first come draws days still waiting', async () => {
    const date = '2025-01-03';
    cloud.setClock(new Date('2024-12-30T10:00:00+08:00'));
    expect(await act({ action: 'drawStalls', date }, wang)).toMatchObject({ ok: false, error: { code: 'VENDOR.NOT_LOTTERY' } });
    await ok(act({ action: 'setAllocation', mode: 'lottery', drawDaysBefore: 1, drawAt: '20:00' }, wang));
    const vs = insertVendors('v-sw', 3);
    await applyInOrder(vs, date);
    expect(dayApps(date).map((a) => a.status)).toEqual(['applied', 'applied', 'applied']);
    await ok(act({ action: 'setAllocation', mode: 'firstCome', drawDaysBefore: 1, drawAt: '20:00' }, wang));
    expect(dayApps(date).map((a) => a.status)).toEqual(['allocated', 'allocated', 'allocated']);
    expect(cloud.db.find('stallDraws', { date })).toHaveLength(1);
  }, 60_000);

  it('the timer does not draw a cancelled market day', async () => {
    const date = '2025-01-10';
    cloud.setClock(new Date('2025-01-06T10:00:00+08:00'));
    await ok(act({ action: 'setAllocation', mode: 'lottery', drawDaysBefore: 1, drawAt: '20:00' }, wang));
    const [v] = insertVendors('v-cancelled', 1);
    await applyInOrder([v], date);
    cloud.db.insert('marketDays', [{ _id: `c-laocheng_${date}`, communityId: 'c-laocheng', date, status: 'cancelled' }]);
    cloud.setClock(new Date('2025-01-09T20:05:00+08:00'));
    expect(await ok(timer())).toEqual({ drawn: 0 });
    expect(cloud.db.find('stallDraws', { date })).toHaveLength(0);
    expect(dayApps(date).map((a) => a.status)).toEqual(['applied']);
  }, 60_000);

  it('cancelling a market day releases the applications waiting for its draw too', async () => {
    cloud.setClock(new Date('2025-01-13T09:00:00+08:00'));
    await cloud.trigger('market', 'ensureMarketDays');
    const days = await ok(cloud.act<{ days: { id: string; date: string }[] }>('market', { action: 'listMarketDays' }, openidOf('r-zhao')));
    const { id: dayId, date } = days.days[0];
    await ok(act({ action: 'setAllocation', mode: 'lottery', drawDaysBefore: 1, drawAt: '20:00' }, wang));
    await applyInOrder(insertVendors('v-cancel-day', 2), date);
    expect(dayApps(date).map((a) => a.status)).toEqual(['applied', 'applied']);
    await ok(cloud.act('market', { action: 'cancelMarketDay', marketDayId: dayId, reason: '下雪路滑，集市暂停一次' }, wang));
    expect(dayApps(date).map((a) => a.status)).toEqual(['released', 'released']);
    await ok(act({ action: 'setAllocation', mode: 'firstCome', drawDaysBefore: 1, drawAt: '20:00' }, wang));
  }, 60_000);
});
