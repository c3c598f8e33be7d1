/**
 * The waitlist (候补) for full slots, check-in by code and no-shows (issue 10 "On the day"), through
 * the real wx-server-sdk: a resident joins a full slot; while anyone waits a freed place is theirs,
 * not the next booker's; 50 concurrent cancellations fill every freed place once, nobody twice,
 * never oversold; staff check residents in by their booking code; unused bookings become no-shows.
 */
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import { allow } from '../support/consent';
import type { DayCancelResult } from '../../cloudfunctions/market/contract';
import type { BookingView, MarketDaysResult } from '../../cloudfunctions/market/contract';

let cloud: TestCloud;
let dayId = '';
const act = <T>(event: object, openid: string) => cloud.act<T>('market', event, openid);
let rid = 0;
const book = (slotId: string, who: string) => act<BookingView>({ action: 'book', slotId, requestId: `wl-${(rid += 1).toString().padStart(6, '0')}` }, who);

function residents(prefix: string, n: number): string[] {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  cloud.db.insert('users', ids.map((id) => ({ _id: id, openid: openidOf(id), name: `居民${id}`, role: 'resident', communityId: 'c-laocheng', verified: true, createdAt: new Date() })));
  return ids.map(openidOf);
}

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 8 });
  const days = await ok(act<MarketDaysResult>({ action: 'listMarketDays' }, openidOf('r-zhao')));
  dayId = days.days[0].id;
}, 60_000);
afterAll(() => cloud.close());

it('a resident waits for a full slot; the freed place is theirs, not the next booker’s', async () => {
  const slot = `${dayId}_svc-lc-haircut_1000`; // 2 chairs
  const [a, b, c, d] = residents('wl-a', 4);
  const first = await ok(book(slot, a));
  await ok(book(slot, b));
  expect(await book(slot, c)).toMatchObject({ ok: false, error: { code: 'BOOKING.SLOT_FULL' } });
  const joined = await ok(act<{ id: string; position: number }>({ action: 'joinWaitlist', slotId: slot }, c));
  expect(joined.position).toBe(1);
  await allow(cloud, c, ['waitlistPromoted']); // the join's ask (issue 18)
  expect(await ok(act<{ id: string }[]>({ action: 'myWaitlist' }, c))).toHaveLength(1);
  expect(await act({ action: 'joinWaitlist', slotId: `${dayId}_svc-lc-haircut_1020` }, d)).toMatchObject({ ok: false, error: { code: 'BOOKING.NOT_FULL' } });
  await ok(act({ action: 'cancelBooking', bookingId: first.id }, a));
  // c got the place: a booking, a message, and the line is empty
  const mine = await ok(act<BookingView[]>({ action: 'myBookings' }, c));
  expect(mine.filter((x) => x.status === 'booked').map((x) => x.serviceName)).toEqual(['爱心义剪']);
  expect(cloud.endpoint.messages.inbox(c).map((m) => m.templateId)).toContain('waitlistPromotedLocal');
  const [s] = cloud.db.find('slots', { _id: slot });
  expect([s.booked, (s.holds as unknown[]).length, s.waiting]).toEqual([2, 2, 0]);
  expect(await ok(act<unknown[]>({ action: 'myWaitlist' }, c))).toEqual([]);
});

it('50 concurrent cancellations with 60 waiting: every freed place filled once, nobody twice, never oversold', async () => {
  const slot = `${dayId}_svc-lc-clinic_1000`;
  cloud.db.modify('slots', { queryType: 'DOC', query: { _id: slot }, data: { $set: { capacity: 50 } }, multi: false, merge: true, upsert: false });
  const holders = residents('wl-h', 50);
  const bookings = await Promise.all(holders.map((h) => ok(book(slot, h))));
  const waiters = residents('wl-w', 60);
  for (const w of waiters) await ok(act({ action: 'joinWaitlist', slotId: slot }, w));
  await Promise.all(bookings.map((b, i) => ok(act({ action: 'cancelBooking', bookingId: b.id }, holders[i]))));
  await cloud.trigger('market', 'ensureMarketDays'); // repairs anything a race left (nothing, here)
  const live = cloud.db.find('bookings', { slotId: slot, status: 'booked' }, { limit: 1000 });
  const [s] = cloud.db.find('slots', { _id: slot });
  expect(live).toHaveLength(50);
  expect(new Set(live.map((b) => b.residentId)).size).toBe(50);
  expect(live.every((b) => String(b.residentId).startsWith('wl-w-'))).toBe(true);
  expect([s.booked, (s.holds as unknown[]).length, s.waiting]).toEqual([50, 50, 10]);
  const promoted = cloud.db.find('waitlist', { slotId: slot, status: 'promoted' }, { limit: 1000 });
  expect(promoted).toHaveLength(50);
  // the first 50 in line, in order
  // (sorted here by time: in this test process the store's Dates come from another realm than mingo's)
  const order = cloud.db
    .find('waitlist', { slotId: slot }, { limit: 1000 })
    .sort((x, y) => (x.createdAt as Date).getTime() - (y.createdAt as Date).getTime())
    .map((e) => e.status);
  expect(order.slice(0, 50).every((x) => x === 'promoted') && order.slice(50).every((x) => x === 'waiting')).toBe(true);
}, 180_000);

it('staff check a resident in by the booking code on the day; unused bookings become no-shows', async () => {
  const [e] = residents('wl-c', 1);
  const b = await ok(book(`${dayId}_svc-lc-repair_1000`, e));
  const [f] = residents('wl-n', 1);
  await ok(book(`${dayId}_svc-lc-repair_1000`, f));
  const [day] = cloud.db.find('marketDays', { _id: dayId });
  expect(await act({ action: 'checkInByCode', code: b.code }, openidOf('r-zhao'))).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
  cloud.setClock(new Date((day.startAt as Date).getTime() - 10 * 60_000));
  expect(await ok(act<BookingView>({ action: 'checkInByCode', code: b.code.toLowerCase() }, openidOf('w-yan')))).toMatchObject({ status: 'checkedIn' });
  cloud.setClock(new Date((day.endAt as Date).getTime() + 3600_000));
  await cloud.trigger('market', 'ensureMarketDays');
  const statuses = cloud.db.find('bookings', { slotId: `${dayId}_svc-lc-repair_1000` }, { limit: 100 }).map((x) => [x.residentId, x.status]);
  expect(statuses).toEqual(expect.arrayContaining([['wl-c-0', 'checkedIn'], ['wl-n-0', 'noShow']]));
  cloud.setClock(null);
});

describe('when a day or a service will not happen', () => {
  it('a volunteer barber withdraws: that service’s bookings are cancelled and the residents told; others untouched', async () => {
    const days = await ok(act<MarketDaysResult>({ action: 'listMarketDays' }, openidOf('r-zhao')));
    const day = days.days[1];
    const [p, q] = residents('wl-v', 2);
    const haircut = await ok(book(`${day.id}_svc-lc-haircut_1040`, p));
    await allow(cloud, p, ['bookingReminder', 'bookingChange']); // the booking confirm's ask (issue 18)
    const knife = await ok(book(`${day.id}_svc-lc-knife_1000`, q));
    // 张师傅 (the barber, a service volunteer) has a stall application that day and withdraws it
    cloud.db.insert('stallApplications', [{ _id: 'app-barber', communityId: 'c-laocheng', vendorId: 'v-barber', vendorName: '张师傅', goods: [], date: day.date, status: 'allocated', stallNumber: 7, stallKey: `c-laocheng|${day.date}|7`, vendorDayKey: `v-barber|${day.date}`, createdAt: new Date() }]);
    await ok(cloud.act('stall', { action: 'withdraw', applicationId: 'app-barber' }, openidOf('v-barber')));
    const [h] = cloud.db.find('bookings', { _id: haircut.id });
    expect(h).toMatchObject({ status: 'cancelled', cancelReason: '张师傅这天来不了' });
    expect(cloud.db.find('bookings', { _id: knife.id })[0]).toMatchObject({ status: 'booked' });
    expect(cloud.endpoint.messages.inbox(p).map((m) => m.templateId)).toContain('bookingChangedLocal');
    expect(await book(`${day.id}_svc-lc-haircut_1100`, q)).toMatchObject({ ok: false, error: { code: 'BOOKING.SLOT_CLOSED' } });
  });

  it('an admin cancels a market day: it disappears, every booking is cancelled and every stall released, everyone told; a second call changes nothing', async () => {
    const days = await ok(act<MarketDaysResult>({ action: 'listMarketDays' }, openidOf('r-zhao')));
    const day = days.days[2];
    const [p, q] = residents('wl-d', 2);
    await ok(book(`${day.id}_svc-lc-clinic_1000`, p)); // p never allowed a message: told only in 消息
    await ok(book(`${day.id}_svc-lc-clinic_1000`, q));
    await allow(cloud, q, ['bookingChange']); // q allowed one: told in 消息 and by WeChat
    const [app] = await ok(cloud.act<{ id: string; status: string }[]>('stall', { action: 'applyStall', dates: [day.date] }, openidOf('v-farmer-2')));
    await allow(cloud, openidOf('v-farmer-2'), ['stallDraw', 'bookingChange']); // the apply's ask (issue 18)
    const vendorInbox = (await ok(cloud.act<{ messages: unknown[] }>('account', { action: 'myMessages' }, openidOf('v-farmer-2')))).messages.length;
    expect(await act({ action: 'cancelMarketDay', marketDayId: day.id, reason: '大风降温' }, openidOf('w-yan'))).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    const r = await ok(act<DayCancelResult>({ action: 'cancelMarketDay', marketDayId: day.id, reason: '大风降温' }, openidOf('a-wang')));
    expect(r.bookingsCancelled).toBeGreaterThanOrEqual(2);
    expect(r.stallsReleased).toBeGreaterThanOrEqual(1);
    expect(r.vendorsTold).toBeGreaterThanOrEqual(1);
    expect(r.vendorsByWeChat).toBeGreaterThanOrEqual(1);
    // told = every resident it reached (消息), not only WeChat's deliveries: p counts, q counts in both
    expect(r.residentsTold).toBe(new Set(cloud.db.find('bookings', { marketDayId: day.id, cancelReason: '大风降温' }, { limit: 1000 }).map((b) => b.residentId)).size);
    expect(r.residentsByWeChat).toBeGreaterThanOrEqual(1);
    expect(r.residentsTold - r.residentsByWeChat).toBeGreaterThanOrEqual(1);
    for (const who of [p, q]) expect((await ok(cloud.act<{ messages: { title: string }[] }>('account', { action: 'myMessages' }, who))).messages[0].title).toMatch(/预约取消了/);
    // and it waits in their 消息 too
    const inbox = await ok(cloud.act<{ messages: { title: string }[] }>('account', { action: 'myMessages' }, openidOf('v-farmer-2')));
    expect(inbox.messages.length).toBe(vendorInbox + 1);
    expect(inbox.messages[0].title).toMatch(/集市取消了/);
    expect(cloud.db.find('stallApplications', { _id: app.id })[0]).toMatchObject({ status: 'released' });
    expect(cloud.db.find('bookings', { marketDayId: day.id, status: 'booked' })).toEqual([]);
    const after = await ok(act<MarketDaysResult>({ action: 'listMarketDays' }, openidOf('r-zhao')));
    expect(after.days.map((d) => d.id)).not.toContain(day.id);
    const before = cloud.snapshot();
    expect(await ok(act({ action: 'cancelMarketDay', marketDayId: day.id, reason: '大风降温' }, openidOf('a-wang')))).toEqual({ bookingsCancelled: 0, residentsTold: 0, residentsByWeChat: 0, stallsReleased: 0, vendorsTold: 0, vendorsByWeChat: 0 });
    expect(cloud.snapshot()).toBe(before);
  });
});
