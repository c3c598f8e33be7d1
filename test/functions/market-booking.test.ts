/**
 * Booking at the market through the real wx-server-sdk against the local emulator: capacity under
 * a race, idempotent retries, cancel, one booking per service per day, closed slots, identity.
 */
import { openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { BookingView, MarketDayDetail, MarketDaysResult } from '../../cloudfunctions/market/contract';

let cloud: TestCloud;
let dayId: string;
let haircut1000: string;

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 8 });
  const r = await cloud.act<MarketDaysResult>('market', { action: 'listMarketDays' }, openidOf('r-zhao'));
  if (!r.ok) throw new Error(JSON.stringify(r));
  dayId = r.data.days[0].id;
  haircut1000 = `${dayId}_svc-lc-haircut_1000`;
}, 60_000);
afterAll(() => cloud.close());

const slotDoc = (id: string) => cloud.db.find('slots', { _id: id })[0] as unknown as { booked: number; capacity: number };
const bookingsOf = (slotId: string, status = 'booked') => cloud.db.find('bookings', { slotId, status }, { limit: 1000 });

describe('market: listing', () => {
  it('lists four coming Friday market days of the caller community with places left', async () => {
    const r = await cloud.act<MarketDaysResult>('market', { action: 'listMarketDays' }, openidOf('r-zou'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.communityName).toBe('老城社区');
    expect(r.data.days).toHaveLength(4);
    for (const d of r.data.days) {
      expect(new Date(`${d.date}T12:00:00+08:00`).getUTCDay()).toBe(5);
      expect(d).toMatchObject({ start: '10:00', end: '13:00', place: '壁山丽景小区 石榴籽“解忧铺”门前' });
      expect(d.remaining).toBeGreaterThan(0);
    }
  });

  it('shows a market day with services, slots and places left', async () => {
    const r = await cloud.act<MarketDayDetail>('market', { action: 'getMarketDay', marketDayId: dayId }, openidOf('r-zhao'));
    if (!r.ok) throw new Error(JSON.stringify(r));
    const haircut = r.data.services.find((s) => s.name === '爱心义剪')!;
    expect(haircut.slots).toHaveLength(9);
    expect(haircut.slots[0]).toMatchObject({ label: '10:00–10:20', capacity: 2 });
    const knife = r.data.services.find((s) => s.name === '磨刀')!;
    expect(knife.bookingMode).toBe('queue');
    expect(knife.slots).toHaveLength(1);
    expect(r.data.services.find((s) => s.name === '互助广告')!.slots).toHaveLength(0);
  });

  it('a resident of a community without a market gets an empty list, not an error', async () => {
    const r = await cloud.act<MarketDaysResult>('market', { action: 'listMarketDays' }, openidOf('r-li'));
    expect(r).toEqual({
      ok: true,
      data: { communityName: '明珠社区', kiosk: { name: '邻家帮手“解忧铺”', place: expect.stringContaining('明珠社区'), hours: expect.any(String), phone: expect.any(String), offers: expect.any(String) }, days: [] },
    });
  });

  it('an unknown market day is MARKET.DAY_NOT_FOUND', async () => {
    const r = await cloud.act('market', { action: 'getMarketDay', marketDayId: 'c-laocheng_1999-01-01' }, openidOf('r-zhao'));
    expect(r).toMatchObject({ ok: false, error: { code: 'MARKET.DAY_NOT_FOUND' } });
  });
});

describe('market: booking', () => {
  it('50 residents racing for 5 places get exactly 5 bookings and leave 0 places', async () => {
    const slotId = `${dayId}_svc-lc-legal_1100`;
    cloud.db.modify('slots', { queryType: 'DOC', query: { _id: slotId }, data: { $set: { capacity: 5 } }, multi: false, merge: true, upsert: false });
    const people = Array.from({ length: 50 }, (_, i) => ({ _id: `race-${i}`, openid: `race-openid-${i}`, name: `居民${i}`, role: 'resident', communityId: 'c-laocheng', createdAt: new Date() }));
    cloud.db.insert('users', people);
    const results = await Promise.all(
      people.map((p, i) => cloud.act<BookingView>('market', { action: 'book', slotId, requestId: `race-request-${i}` }, p.openid)),
    );
    const ok = results.filter((r) => r.ok);
    const codes = results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code));
    expect(ok).toHaveLength(5);
    expect(new Set(codes)).toEqual(new Set(['BOOKING.SLOT_FULL']));
    expect(slotDoc(slotId)).toMatchObject({ booked: 5, capacity: 5 });
    expect(bookingsOf(slotId)).toHaveLength(5);
    const detail = await cloud.act<MarketDayDetail>('market', { action: 'getMarketDay', marketDayId: dayId }, openidOf('r-zhao'));
    if (!detail.ok) throw new Error('detail');
    const slot = detail.data.services.flatMap((s) => s.slots).find((s) => s.id === slotId)!;
    expect(slot).toMatchObject({ remaining: 0, state: 'full' });
  }, 120_000);

  it('the same requestId twice gives one booking, even when both are sent at once', async () => {
    const first = await Promise.all([
      cloud.act<BookingView>('market', { action: 'book', slotId: haircut1000, requestId: 'zhao-request-1' }, openidOf('r-zhao')),
      cloud.act<BookingView>('market', { action: 'book', slotId: haircut1000, requestId: 'zhao-request-1' }, openidOf('r-zhao')),
    ]);
    const again = await cloud.act<BookingView>('market', { action: 'book', slotId: haircut1000, requestId: 'zhao-request-1' }, openidOf('r-zhao'));
    expect(first[0].ok && first[1].ok && again.ok).toBe(true);
    const ids = [...first, again].map((r) => (r.ok ? r.data.id : ''));
    expect(new Set(ids).size).toBe(1);
    expect(cloud.db.find('bookings', { residentId: 'r-zhao', slotId: haircut1000 })).toHaveLength(1);
    expect(slotDoc(haircut1000).booked).toBe(1);
  });

  it('refuses a second booking for the same service on the same day', async () => {
    const r = await cloud.act('market', { action: 'book', slotId: `${dayId}_svc-lc-haircut_1100`, requestId: 'zhao-request-2' }, openidOf('r-zhao'));
    expect(r).toMatchObject({ ok: false, error: { code: 'BOOKING.ALREADY_BOOKED', message: expect.stringContaining('只能预约一次') } });
    expect(slotDoc(`${dayId}_svc-lc-haircut_1100`).booked).toBe(0);
  });

  it('shows the booking under my bookings, and not under someone else’s', async () => {
    const mine = await cloud.act<BookingView[]>('market', { action: 'myBookings' }, openidOf('r-zhao'));
    const theirs = await cloud.act<BookingView[]>('market', { action: 'myBookings' }, openidOf('r-zou'));
    if (!mine.ok || !theirs.ok) throw new Error('myBookings failed');
    expect(mine.data).toEqual([expect.objectContaining({ serviceName: '爱心义剪', slotLabel: '10:00–10:20', status: 'booked', cancellable: true, residentName: '赵建国' })]);
    expect(mine.data[0].code).toMatch(/^[A-Z0-9]{6}$/);
    expect(theirs.data.some((b) => b.id === mine.data[0].id)).toBe(false);
  });

  it('only the resident may cancel; cancelling frees the place for another resident', async () => {
    cloud.db.modify('slots', { queryType: 'DOC', query: { _id: haircut1000 }, data: { $set: { capacity: 1 } }, multi: false, merge: true, upsert: false });
    const [booking] = cloud.db.find('bookings', { residentId: 'r-zhao', slotId: haircut1000 });
    const full = await cloud.act('market', { action: 'book', slotId: haircut1000, requestId: 'zou-request-1' }, openidOf('r-zou'));
    expect(full).toMatchObject({ ok: false, error: { code: 'BOOKING.SLOT_FULL' } });

    const stranger = await cloud.act('market', { action: 'cancelBooking', bookingId: booking._id }, openidOf('r-zou'));
    expect(stranger).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect(slotDoc(haircut1000).booked).toBe(1);

    const cancelled = await cloud.act<BookingView>('market', { action: 'cancelBooking', bookingId: booking._id }, openidOf('r-zhao'));
    expect(cancelled).toMatchObject({ ok: true, data: { status: 'cancelled', cancellable: false } });
    expect(slotDoc(haircut1000).booked).toBe(0);
    const twice = await cloud.act('market', { action: 'cancelBooking', bookingId: booking._id }, openidOf('r-zhao'));
    expect(twice).toMatchObject({ ok: false, error: { code: 'BOOKING.NOT_CANCELLABLE' } });

    const zou = await cloud.act<BookingView>('market', { action: 'book', slotId: haircut1000, requestId: 'zou-request-2' }, openidOf('r-zou'));
    expect(zou).toMatchObject({ ok: true, data: { residentName: '邹建庄', status: 'booked' } });
    expect(slotDoc(haircut1000).booked).toBe(1);

    // after cancelling, the resident may book the same service that day again
    const rebook = await cloud.act('market', { action: 'book', slotId: `${dayId}_svc-lc-haircut_1200`, requestId: 'zhao-request-3' }, openidOf('r-zhao'));
    expect(rebook).toMatchObject({ ok: true });
  });

  it('refuses to book or cancel once the slot has started', async () => {
    const slotId = `${dayId}_svc-lc-repair_1000`;
    const booked = await cloud.act<BookingView>('market', { action: 'book', slotId, requestId: 'zou-request-3' }, openidOf('r-zou'));
    if (!booked.ok) throw new Error(JSON.stringify(booked));
    const past = new Date(Date.now() - 60_000);
    cloud.db.modify('slots', { queryType: 'DOC', query: { _id: slotId }, data: { $set: { startAt: past } }, multi: false, merge: true, upsert: false });
    cloud.db.modify('bookings', { queryType: 'DOC', query: { _id: booked.data.id }, data: { $set: { startAt: past } }, multi: false, merge: true, upsert: false });
    const late = await cloud.act('market', { action: 'book', slotId, requestId: 'zhao-request-4' }, openidOf('r-zhao'));
    expect(late).toMatchObject({ ok: false, error: { code: 'BOOKING.SLOT_CLOSED' } });
    const cancel = await cloud.act('market', { action: 'cancelBooking', bookingId: booked.data.id }, openidOf('r-zou'));
    expect(cancel).toMatchObject({ ok: false, error: { code: 'BOOKING.NOT_CANCELLABLE' } });
    expect(slotDoc(slotId).booked).toBe(1);
  });

  it('needs a registered caller to book, and an existing slot', async () => {
    expect(await cloud.act('market', { action: 'book', slotId: haircut1000, requestId: 'anon-request-1' }, 'someone-unknown')).toMatchObject({
      ok: false,
      error: { code: 'COMMON.NOT_REGISTERED' },
    });
    expect(await cloud.act('market', { action: 'book', slotId: 'no-such-slot', requestId: 'zhao-request-5' }, openidOf('r-zhao'))).toMatchObject({
      ok: false,
      error: { code: 'BOOKING.SLOT_NOT_FOUND' },
    });
  });
});
