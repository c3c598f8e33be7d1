/**
 * The market as it must behave on the real CloudBase (issue 7): a large race for the last places,
 * bookings only at one's own community's market, a reused requestId, a market day half-made by a
 * creator that died after any single document, and the repair of holds left by killed calls —
 * all through the real wx-server-sdk against the emulator that raises conflicts at the write and
 * inserts in bulk non-atomically.
 */
import { EJSON } from 'bson';
import { openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { BookingView, MarketDayDetail, MarketDaysResult } from '../../cloudfunctions/market/contract';

let cloud: TestCloud;
let days: MarketDaysResult['days'];

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 8 });
  const r = await cloud.act<MarketDaysResult>('market', { action: 'listMarketDays' }, openidOf('r-zou'));
  if (!r.ok) throw new Error(JSON.stringify(r));
  days = r.data.days;
}, 60_000);
afterAll(() => cloud.close());

type SlotDoc = { _id: string; booked: number; capacity: number; holds: { id: string; r: string; at: Date }[] };
const slotDoc = (id: string) => cloud.db.find('slots', { _id: id })[0] as unknown as SlotDoc;
const setSlot = (id: string, set: object) => cloud.db.modify('slots', { queryType: 'DOC', query: { _id: id }, data: { $set: set }, multi: false, merge: true, upsert: false });

describe('200 residents racing for 2 places', () => {
  it('gives exactly 2 bookings; every other caller is told the slot is full (none INTERNAL or BUSY)', async () => {
    const slotId = `${days[1].id}_svc-lc-legal_1000`;
    setSlot(slotId, { capacity: 2 });
    const people = Array.from({ length: 200 }, (_, i) => ({ _id: `racer-${i}`, openid: `racer-openid-${i}`, name: `居民${i}`, role: 'resident', communityId: 'c-laocheng', createdAt: new Date() }));
    cloud.db.insert('users', people);
    const results = await Promise.all(people.map((p, i) => cloud.act<BookingView>('market', { action: 'book', slotId, requestId: `racer-request-${i}` }, p.openid)));
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
    const tally = codes.reduce<Record<string, number>>((m, c) => ({ ...m, [c]: (m[c] ?? 0) + 1 }), {});
    expect(tally).toEqual({ ok: 2, 'BOOKING.SLOT_FULL': 198 });
    const slot = slotDoc(slotId);
    expect(slot.booked).toBe(2);
    expect(slot.holds).toHaveLength(2);
    expect(cloud.db.find('bookings', { slotId, status: 'booked' })).toHaveLength(2);
  }, 180_000);
});

describe('own community only', () => {
  it('a resident of 明珠社区 cannot book 老城社区’s market, and nothing is written', async () => {
    const before = cloud.snapshot();
    const r = await cloud.act('market', { action: 'book', slotId: `${days[0].id}_svc-lc-knife_1000`, requestId: 'li-request-1' }, openidOf('r-li'));
    expect(r).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect(cloud.snapshot()).toBe(before);
  });

  it('staff of another community cannot book for a 老城 resident', async () => {
    const r = await cloud.act('market', { action: 'bookFor', residentId: 'r-zhao', slotId: `${days[0].id}_svc-lc-knife_1000`, requestId: 'chen-request-1', consent: { spoken: true } }, openidOf('w-chen'));
    expect(r).toMatchObject({ ok: false, error: { code: 'COUNTER.RESIDENT_NOT_FOUND' } });
  });
});

describe('a requestId is one request', () => {
  it('the same requestId with the same slot returns the first booking; with another slot it is refused and books nothing', async () => {
    const first = await cloud.act<BookingView>('market', { action: 'book', slotId: `${days[2].id}_svc-lc-knife_1000`, requestId: 'zou-reuse-1' }, openidOf('r-zou'));
    if (!first.ok) throw new Error(JSON.stringify(first));
    const same = await cloud.act<BookingView>('market', { action: 'book', slotId: `${days[2].id}_svc-lc-knife_1000`, requestId: 'zou-reuse-1' }, openidOf('r-zou'));
    expect(same).toMatchObject({ ok: true, data: { id: first.data.id } });
    const before = cloud.snapshot();
    const other = await cloud.act('market', { action: 'book', slotId: `${days[2].id}_svc-lc-clinic_1000`, requestId: 'zou-reuse-1' }, openidOf('r-zou'));
    expect(other).toMatchObject({ ok: false, error: { code: 'COMMON.REQUEST_REUSED' } });
    expect(cloud.snapshot()).toBe(before);
    expect(slotDoc(`${days[2].id}_svc-lc-knife_1000`).booked).toBe(1);
  });

  it('staff reusing a requestId for another resident get an error, never the first resident’s booking', async () => {
    const slotId = `${days[2].id}_svc-lc-repair_1100`;
    const forZhao = await cloud.act<BookingView>('market', { action: 'bookFor', residentId: 'r-zhao', slotId, requestId: 'yan-reuse-1', consent: { spoken: true } }, openidOf('w-yan'));
    expect(forZhao).toMatchObject({ ok: true, data: { residentName: '赵建国' } });
    const forZou = await cloud.act('market', { action: 'bookFor', residentId: 'r-zou', slotId, requestId: 'yan-reuse-1', consent: { spoken: true } }, openidOf('w-yan'));
    expect(forZou).toMatchObject({ ok: false, error: { code: 'COMMON.REQUEST_REUSED' } });
  });
});

describe('a market day half-made by a creator that died', () => {
  it('is hidden until complete, and completed correctly whichever document the creator died after', async () => {
    const last = days[days.length - 1];
    const dayDoc = cloud.db.find('marketDays', { _id: last.id })[0];
    const slots = cloud.db.find('slots', { marketDayId: last.id }, { limit: 1000, order: { _id: 1 } });
    const canonical = () => EJSON.stringify({ day: cloud.db.find('marketDays', { _id: last.id }), slots: cloud.db.find('slots', { marketDayId: last.id }, { limit: 1000, order: { _id: 1 } }) }, { relaxed: false });
    const complete = canonical();
    expect(slots.length).toBeGreaterThan(10);
    for (let survived = 0; survived <= slots.length; survived += 1) {
      // the state a creator leaves when killed after `survived` slot documents (the day is written last)
      cloud.db.remove('marketDays', 'DOC', { _id: last.id }, false);
      cloud.db.remove('slots', 'WHERE', { marketDayId: last.id }, true);
      if (survived) cloud.db.insert('slots', slots.slice(0, survived));
      const hidden = await cloud.act('market', { action: 'getMarketDay', marketDayId: last.id }, openidOf('r-zou'));
      expect(hidden).toMatchObject({ ok: false, error: { code: 'MARKET.DAY_NOT_FOUND' } });
      const listed = await cloud.act<MarketDaysResult>('market', { action: 'listMarketDays' }, openidOf('r-zou'));
      expect(listed.ok && listed.data.days.map((d) => d.id)).toEqual(days.map((d) => d.id));
      expect({ survived, state: canonical() }).toEqual({ survived, state: complete });
    }
    expect(dayDoc).toMatchObject({ slotCount: slots.length });
  }, 120_000);
});

describe('repairing holds left by killed calls', () => {
  it('releases holds whose booking was never written or was cancelled, keeps live ones, and a second run changes nothing', async () => {
    const slotId = `${days[3].id}_svc-lc-haircut_1200`;
    const live = await cloud.act<BookingView>('market', { action: 'book', slotId, requestId: 'zhao-repair-1' }, openidOf('r-zhao'));
    if (!live.ok) throw new Error(JSON.stringify(live));
    const longAgo = new Date(Date.now() - 5 * 60_000);
    const slot = slotDoc(slotId);
    // a booking call killed after its hold (no booking), and a cancel killed before its release
    const cancelled = await cloud.act<BookingView>('market', { action: 'book', slotId: `${days[3].id}_svc-lc-knife_1000`, requestId: 'zou-repair-1' }, openidOf('r-zou'));
    if (!cancelled.ok) throw new Error(JSON.stringify(cancelled));
    cloud.db.modify('bookings', { queryType: 'DOC', query: { _id: cancelled.data.id }, data: { $set: { status: 'cancelled', activeKey: `cancelled:${cancelled.data.id}` } }, multi: false, merge: true, upsert: false });
    setSlot(slotId, { booked: 2, holds: [...slot.holds.map((h) => ({ ...h, at: longAgo })), { id: 'never-written', r: 'r-zou', at: longAgo }] });
    const knife = slotDoc(`${days[3].id}_svc-lc-knife_1000`);
    setSlot(knife._id, { holds: knife.holds.map((h) => ({ ...h, at: longAgo })) });
    // a fresh orphan may still belong to a call in flight: kept
    const fresh = slotDoc(`${days[3].id}_svc-lc-legal_1000`);
    setSlot(fresh._id, { booked: 1, holds: [{ id: 'in-flight', r: 'r-zou', at: new Date() }] });

    const first = await cloud.trigger('market', 'ensureMarketDays');
    expect(first).toMatchObject({ ok: true, data: { released: 2 } });
    expect(slotDoc(slotId)).toMatchObject({ booked: 1, holds: [expect.objectContaining({ id: live.data.id })] });
    expect(slotDoc(knife._id)).toMatchObject({ booked: 0, holds: [] });
    expect(slotDoc(fresh._id)).toMatchObject({ booked: 1 });
    const before = cloud.snapshot();
    expect(await cloud.trigger('market', 'ensureMarketDays')).toMatchObject({ ok: true, data: { released: 0 } });
    expect(cloud.snapshot()).toBe(before);
  });
});

describe('timer actions belong to the platform', () => {
  it('a client sending a timer-shaped event to any function gets COMMON.FORBIDDEN and nothing runs', async () => {
    const before = cloud.snapshot();
    for (const fn of ['market', 'account', 'ticket']) {
      for (const event of [{ Type: 'Timer' }, { Type: 'Timer', TriggerName: 'ensureMarketDays', Time: new Date().toISOString() }]) {
        expect(await cloud.act(fn, event, openidOf('a-wang'))).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
        expect(await cloud.act(fn, event, 'someone-unregistered')).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
      }
    }
    expect(cloud.snapshot()).toBe(before);
  });
});

describe('market day detail', () => {
  it('shows my booking from the slot holds', async () => {
    const day = await cloud.act<MarketDayDetail>('market', { action: 'getMarketDay', marketDayId: days[2].id }, openidOf('r-zou'));
    if (!day.ok) throw new Error(JSON.stringify(day));
    const knife = day.data.services.find((s) => s.name === '磨刀')!;
    expect(knife.myBookingId).toEqual(expect.any(String));
    expect(cloud.db.find('bookings', { _id: knife.myBookingId! })[0]).toMatchObject({ residentId: 'r-zou', status: 'booked' });
    expect(day.data.services.map((s) => s.name)).toEqual(['爱心义剪', '磨刀', '小补小修', '法律咨询', '爱心义诊', '旧物置换', '互助广告']);
  });
});

describe('database round trips per action (steady state: days exist; issue 7 §4 budgets)', () => {
  /** Round trips the emulator counted for one call. */
  async function trips(fn: string, event: object, openid: string): Promise<{ n: number; ok: boolean }> {
    const before = cloud.db.stats.requests;
    const r = await cloud.act(fn, event, openid);
    return { n: cloud.db.stats.requests - before, ok: r.ok };
  }

  it('book ≤ 4, cancelBooking ≤ 4, getMarketDay ≤ 3, listMarketDays ≤ 2, account.me ≤ 2', async () => {
    const booked = await trips('market', { action: 'book', slotId: `${days[0].id}_svc-lc-clinic_1000`, requestId: 'zhao-trips-1' }, openidOf('r-zhao'));
    const [b] = cloud.db.find('bookings', { requestKey: 'r-zhao:zhao-trips-1' });
    const cancelled = await trips('market', { action: 'cancelBooking', bookingId: b._id }, openidOf('r-zhao'));
    const day = await trips('market', { action: 'getMarketDay', marketDayId: days[0].id }, openidOf('r-zhao'));
    const list = await trips('market', { action: 'listMarketDays' }, openidOf('r-zhao'));
    const me = await trips('account', { action: 'me' }, openidOf('r-zhao'));
    expect([booked.ok, cancelled.ok, day.ok, list.ok, me.ok]).toEqual([true, true, true, true, true]);
    const budget = { book: [booked.n, 4], cancelBooking: [cancelled.n, 4], getMarketDay: [day.n, 3], listMarketDays: [list.n, 2], me: [me.n, 2] }; // me: the caller, and the unread count of 消息 (issue 18)
    for (const [name, [n, max]] of Object.entries(budget)) expect({ name, withinBudget: n <= max && n >= 1 }).toEqual({ name, withinBudget: true });
  });
});
