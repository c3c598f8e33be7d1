/**
 * Issue 17 through the real wx-server-sdk: the waitlist as the pages use it (the place in line, in
 * 我的预约 too; leaving moves the next one up; a promotion is a booking marked 候补成功 and a
 * message), overlapping bookings (a warning for the resident, a refusal at the counter unless staff
 * confirm, naming the other booking, nothing written), descriptions whose places come from the
 * capacity, and the round trips of book and bookFor.
 */
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import { allow } from '../support/consent';
import type { BookingView, MarketDayDetail, MarketDaysResult, WaitlistView } from '../../cloudfunctions/market/contract';

let cloud: TestCloud;
let dayId = '';
const act = <T>(event: object, openid: string) => cloud.act<T>('market', event, openid);
let rid = 0;
const nextId = () => `ov-${(rid += 1).toString().padStart(6, '0')}`;
const book = (slotId: string, who: string) => act<BookingView>({ action: 'book', slotId, requestId: nextId() }, who);
const YAN = openidOf('w-yan');

function residents(prefix: string, n: number): { ids: string[]; openids: string[] } {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  cloud.db.insert('users', ids.map((id) => ({ _id: id, openid: openidOf(id), name: `居民${id}`, role: 'resident', communityId: 'c-laocheng', verified: true, createdAt: new Date() })));
  return { ids, openids: ids.map(openidOf) };
}

async function trips<T>(event: object, openid: string): Promise<{ n: number; r: Awaited<ReturnType<typeof act<T>>> }> {
  const before = cloud.db.stats.requests;
  const r = await act<T>(event, openid);
  return { n: cloud.db.stats.requests - before, r };
}

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 4 });
  dayId = (await ok(act<MarketDaysResult>({ action: 'listMarketDays' }, openidOf('r-zhao')))).days[0].id;
}, 60_000);
afterAll(() => cloud.close());

describe('the waitlist as residents see it', () => {
  it('places in line in myWaitlist; leaving moves the next up; the promoted one has a booking marked 候补成功 and a message', async () => {
    const slot = `${dayId}_svc-lc-haircut_1100`; // 2 chairs
    const { openids: [a, b, c, d] } = residents('wq', 4);
    const first = await ok(book(slot, a));
    await ok(book(slot, b));
    const cJoin = await ok(act<WaitlistView>({ action: 'joinWaitlist', slotId: slot }, c));
    const dJoin = await ok(act<WaitlistView>({ action: 'joinWaitlist', slotId: slot }, d));
    await allow(cloud, d, ['waitlistPromoted']); // the join's ask (issue 18)
    expect([cJoin.position, dJoin.position]).toEqual([1, 2]);
    expect(await ok(act<WaitlistView[]>({ action: 'myWaitlist' }, d))).toMatchObject([{ slotId: slot, marketDayId: dayId, serviceName: '爱心义剪', slotLabel: '11:00–11:20', position: 2 }]);
    // the day page shows how many wait
    const day = await ok(act<MarketDayDetail>({ action: 'getMarketDay', marketDayId: dayId }, d));
    expect(day.services.find((s) => s.name === '爱心义剪')!.slots.find((s) => s.id === slot)).toMatchObject({ state: 'full', waiting: 2 });
    // c leaves: d is next
    await ok(act({ action: 'leaveWaitlist', entryId: cJoin.id }, c));
    expect(await ok(act<WaitlistView[]>({ action: 'myWaitlist' }, d))).toMatchObject([{ position: 1 }]);
    expect(await ok(act<WaitlistView[]>({ action: 'myWaitlist' }, c))).toEqual([]);
    // a cancels: d has the booking, marked as from the waitlist, and a message
    await ok(act({ action: 'cancelBooking', bookingId: first.id }, a));
    const mine = (await ok(act<BookingView[]>({ action: 'myBookings' }, d))).filter((x) => x.status === 'booked');
    expect(mine).toMatchObject([{ serviceName: '爱心义剪', slotLabel: '11:00–11:20', fromWaitlist: true }]);
    expect(await ok(act<WaitlistView[]>({ action: 'myWaitlist' }, d))).toEqual([]);
    expect(cloud.endpoint.messages.inbox(d).map((m) => m.templateId)).toContain('waitlistPromotedLocal');
    // an ordinary booking is not marked
    expect((await ok(act<BookingView[]>({ action: 'myBookings' }, b)))[0].fromWaitlist).toBe(false);
  });
});

describe('overlapping bookings (义剪 10:20–10:40, 小补小修 10:30–11:00)', () => {
  const hair = () => `${dayId}_svc-lc-haircut_1020`;
  const repair = () => `${dayId}_svc-lc-repair_1030`;

  it('the resident is warned on the day page (the slot names the other booking) and may still book', async () => {
    const { openids: [e] } = residents('ov-self', 1);
    const h = await ok(book(hair(), e));
    const day = await ok(act<MarketDayDetail>({ action: 'getMarketDay', marketDayId: dayId }, e));
    const repairSlots = day.services.find((s) => s.name === '小补小修')!.slots;
    expect(repairSlots.find((s) => s.id === repair())!.overlaps).toEqual({ bookingId: h.id, serviceName: '爱心义剪', slotLabel: '10:20–10:40' });
    expect(repairSlots.find((s) => s.id === `${dayId}_svc-lc-repair_1100`)!.overlaps).toBeNull();
    // someone else sees no warning
    const other = await ok(act<MarketDayDetail>({ action: 'getMarketDay', marketDayId: dayId }, openidOf('r-zou')));
    expect(other.services.find((s) => s.name === '小补小修')!.slots.find((s) => s.id === repair())!.overlaps).toBeNull();
    expect(await book(repair(), e)).toMatchObject({ ok: true, data: { serviceName: '小补小修' } });
  });

  it('at the counter: refused with BOOKING.OVERLAPS naming the other booking, nothing written; booked once staff confirm', async () => {
    const { ids: [fId], openids: [f] } = residents('ov-desk', 1);
    const h = await ok(book(hair(), f));
    const [before] = cloud.db.find('slots', { _id: repair() });
    const bookingsBefore = cloud.db.find('bookings', {}, { limit: 1000 }).length;
    const consent = { spoken: true };
    const refused = await act({ action: 'bookFor', residentId: fId, slotId: repair(), requestId: nextId(), consent }, YAN);
    expect(refused).toMatchObject({ ok: false, error: { code: 'BOOKING.OVERLAPS', details: { bookingId: h.id, serviceName: '爱心义剪', slotLabel: '10:20–10:40' } } });
    const [after] = cloud.db.find('slots', { _id: repair() });
    expect([after.booked, cloud.db.find('bookings', {}, { limit: 1000 }).length]).toEqual([before.booked, bookingsBefore]);
    // a slot that only touches, or another day's, is not an overlap
    expect(await act({ action: 'bookFor', residentId: fId, slotId: `${dayId}_svc-lc-legal_1100`, requestId: nextId(), consent }, YAN)).toMatchObject({ ok: true });
    const confirmed = await act<BookingView>({ action: 'bookFor', residentId: fId, slotId: repair(), requestId: nextId(), consent, allowOverlap: true }, YAN);
    expect(confirmed).toMatchObject({ ok: true, data: { serviceName: '小补小修', residentName: '居民ov-desk-0' } });
    // a cancelled booking no longer counts
    const { ids: [gId], openids: [g] } = residents('ov-cancel', 1);
    const gh = await ok(book(`${dayId}_svc-lc-haircut_1220`, g));
    await ok(act({ action: 'cancelBooking', bookingId: gh.id }, g));
    expect(await act({ action: 'bookFor', residentId: gId, slotId: `${dayId}_svc-lc-repair_1230`, requestId: nextId(), consent }, YAN)).toMatchObject({ ok: true });
  });

  it('round trips: book ≤ 4 and bookFor ≤ 4 with the overlap rule (the resident’s slots come with the caller)', async () => {
    const { ids: [hId], openids: [h] } = residents('ov-trips', 1);
    const b = await trips<BookingView>({ action: 'book', slotId: `${dayId}_svc-lc-haircut_1140`, requestId: nextId() }, h);
    const f = await trips<BookingView>({ action: 'bookFor', residentId: hId, slotId: `${dayId}_svc-lc-repair_1200`, requestId: nextId(), consent: { spoken: true } }, YAN);
    const refused = await trips({ action: 'bookFor', residentId: hId, slotId: `${dayId}_svc-lc-legal_1130`, requestId: nextId(), consent: { spoken: true } }, YAN);
    expect([b.r.ok, f.r.ok, refused.r.ok]).toEqual([true, true, false]);
    console.log(`round trips: book ${b.n}, bookFor ${f.n}, bookFor refused for an overlap ${refused.n}`);
    expect({ book: b.n <= 4, bookFor: f.n <= 4, refused: refused.n <= 1 }).toEqual({ book: true, bookFor: true, refused: true });
  });
});

describe('a description states the capacity the admin set', () => {
  it('"两把椅子" is gone from the text; the places line follows the capacity (3 after the admin sets 3)', async () => {
    const admin = openidOf('a-wang');
    const haircut = async () => (await ok(act<MarketDayDetail>({ action: 'getMarketDay', marketDayId: dayId }, openidOf('r-zou')))).services.find((s) => s.name === '爱心义剪')!;
    // a day made from the old text ("两把椅子" in the admin's description, as the seed had it)
    const [day] = cloud.db.find('marketDays', { _id: dayId });
    const services = (day.services as { id: string; description: string }[]).map((s) => (s.id === 'svc-lc-haircut' ? { ...s, description: '志愿者免费理发，每 20 分钟一档，两把椅子' } : s));
    cloud.db.modify('marketDays', { queryType: 'DOC', query: { _id: dayId }, data: { $set: { services } }, multi: false, merge: true, upsert: false });
    const before = await haircut();
    expect(before.description).not.toMatch(/椅子|一档/);
    expect(before.capacityText).toBe('每 20 分钟一档，每档 2 位');
    await ok(act({ action: 'saveService', serviceId: 'svc-lc-haircut', name: '爱心义剪', kind: 'service', bookingMode: 'slots', slotMinutes: 20, capacity: 3, description: '志愿者免费理发，每 20 分钟一档，两把椅子', provider: '张师傅', order: 1, active: true }, admin));
    const after = await haircut();
    expect(after.capacityText).toBe('每 20 分钟一档，每档 3 位');
    expect(after.description).toBe('志愿者免费理发');
    expect(`${after.description} ${after.capacityText}`).not.toMatch(/两把|2 位/);
  });
});
