/**
 * The admin's market settings, service catalogue and stall plan (issue 10 "Admin"), through the
 * real wx-server-sdk: malformed events write nothing; only a community admin may call, and only on
 * their own community; settings apply to days created from now on; capacity never goes below the
 * places booked; a raise fills places from the waitlist (with real concurrent calls); a service
 * with bookings is not deactivated silently; a stall held on a coming day is not deactivated.
 */
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import { allow } from '../support/consent';
import type { BookingView, MarketDayDetail, MarketDaysResult } from '../../cloudfunctions/market/contract';
import type { MarketAdminView, ServiceSaveResult, SettingsUpdateResult, StallPlanResult } from '../../cloudfunctions/market/contract';

let cloud: TestCloud;
let days: string[] = [];
const ADMIN = openidOf('a-wang');
const act = <T>(event: object, openid = ADMIN) => cloud.act<T>('market', event, openid);
let rid = 0;
const nextRid = () => `ma-${(rid += 1).toString().padStart(6, '0')}`;

function residents(prefix: string, n: number): string[] {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  cloud.db.insert('users', ids.map((id) => ({ _id: id, openid: openidOf(id), name: `居民${id}`, role: 'resident', communityId: 'c-laocheng', verified: true, createdAt: new Date() })));
  return ids.map(openidOf);
}
const book = (slotId: string, who: string) => act<BookingView>({ action: 'book', slotId, requestId: nextRid() }, who);

/** The haircut service as the admin's form sends it, with `changes`. */
function haircut(changes: object = {}): object {
  return { action: 'saveService', serviceId: 'svc-lc-haircut', name: '爱心义剪', kind: 'service', bookingMode: 'slots', slotMinutes: 20, capacity: 2, description: '志愿者免费理发，每 20 分钟一档，两把椅子', provider: '张师傅', order: 1, active: true, ...changes };
}

const settings = { name: '解忧集市', weekday: 5, start: '10:00', end: '13:00', place: '壁山丽景小区 石榴籽“解忧铺”门前', horizonWeeks: 4 };

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 8 });
  days = (await ok(act<MarketDaysResult>({ action: 'listMarketDays' }, openidOf('r-zhao')))).days.map((d) => d.id);
}, 60_000);
afterAll(() => cloud.close());

describe('validation: malformed events write nothing', () => {
  const bad: [string, object][] = [
    ['weekday 0', { action: 'updateMarketSettings', ...settings, weekday: 0 }],
    ['weekday 8', { action: 'updateMarketSettings', ...settings, weekday: 8 }],
    ['end before start', { action: 'updateMarketSettings', ...settings, start: '13:00', end: '10:00' }],
    ['start equal to end', { action: 'updateMarketSettings', ...settings, start: '10:00', end: '10:00' }],
    ['a time of 25:00', { action: 'updateMarketSettings', ...settings, end: '25:00' }],
    ['horizon 9 weeks', { action: 'updateMarketSettings', ...settings, horizonWeeks: 9 }],
    ['an operator as place', { action: 'updateMarketSettings', ...settings, place: { $ne: '' } }],
    ['an extra field', { action: 'updateMarketSettings', ...settings, communityId: 'c-mingzhu' }],
    ['slots without slotMinutes', haircut({ slotMinutes: null })],
    ['queue with slotMinutes', haircut({ bookingMode: 'queue', slotMinutes: 20 })],
    ['queue without capacity', haircut({ bookingMode: 'queue', slotMinutes: null, capacity: null })],
    ['capacity 0', haircut({ capacity: 0 })],
    ['walk-in with a capacity', haircut({ bookingMode: 'none', slotMinutes: null, capacity: 3 })],
    ['slotMinutes 7 (not a multiple of 5)', haircut({ slotMinutes: 7 })],
    ['a new service without requestId', haircut({ serviceId: undefined })],
    ['serviceId as an operator', haircut({ serviceId: { $regex: '.*' } })],
    ['stall numbers twice', { action: 'setStallPlan', stalls: [{ number: 1, label: '1号', active: true }, { number: 1, label: '一号', active: true }] }],
    ['an empty stall plan', { action: 'setStallPlan', stalls: [] }],
    ['a stall label with a bidi override', { action: 'setStallPlan', stalls: [{ number: 1, label: '1号\u202e', active: true }] }],
  ];
  it.each(bad)('%s → COMMON.INVALID_INPUT, store unchanged', async (_name, event) => {
    const before = cloud.snapshot();
    expect(await act(event)).toMatchObject({ ok: false, error: { code: 'COMMON.INVALID_INPUT' } });
    expect(cloud.snapshot()).toBe(before);
  });

  it('a slot length that does not divide the market hours is refused, and nothing changes', async () => {
    const before = cloud.snapshot();
    expect(await act(haircut({ slotMinutes: 50 }))).toMatchObject({ ok: false, error: { code: 'MARKET.SLOT_MINUTES_MISFIT' } });
    // hours that the haircut's 20 minutes do not divide
    expect(await act({ action: 'updateMarketSettings', ...settings, end: '12:50' })).toMatchObject({ ok: false, error: { code: 'MARKET.SLOT_MINUTES_MISFIT', details: { services: expect.arrayContaining(['爱心义剪']) } } });
    expect(cloud.snapshot()).toBe(before);
  });
});

describe('permissions', () => {
  it('residents, grid workers and vendors are refused; the store is unchanged', async () => {
    for (const who of ['r-zhao', 'w-yan', 'v-farmer-2', 'w-chen']) {
      const before = cloud.snapshot();
      for (const event of [{ action: 'marketSettings' }, { action: 'updateMarketSettings', ...settings, place: '别处' }, haircut({ capacity: 5 }), { action: 'setStallPlan', stalls: [{ number: 1, label: '1号', active: false }] }]) {
        expect(await act(event, openidOf(who))).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
      }
      expect(cloud.snapshot()).toBe(before);
    }
  });

  it("another community's admin sees and changes only their own community, never this one", async () => {
    const other = openidOf('a-wang2'); // 汪淑红, 西河社区 (no market yet)
    const view = await ok(act<MarketAdminView>({ action: 'marketSettings' }, other));
    expect(view).toMatchObject({ communityName: '西河社区', market: null, services: [], stalls: [], days: [] });
    const before = cloud.db.find('services', { _id: 'svc-lc-haircut' })[0];
    expect(await act(haircut({ capacity: 5 }), other)).toMatchObject({ ok: false, error: { code: 'MARKET.SERVICE_NOT_FOUND' } });
    expect(cloud.db.find('services', { _id: 'svc-lc-haircut' })[0]).toEqual(before);
    // their stall plan is their own: 老城社区's stalls stay as they were
    await ok(act<StallPlanResult>({ action: 'setStallPlan', stalls: [{ number: 1, label: '西河1号', active: true }] }, other));
    expect(cloud.db.find('stalls', { communityId: 'c-xihe' }).map((s) => s._id)).toEqual(['c-xihe_1']);
    expect(cloud.db.find('stalls', { _id: 'c-laocheng_1' })[0]).toMatchObject({ label: '1号摊位', active: true });
  });

  it('an admin of a community without a market starts one: its days exist at once', async () => {
    const other = openidOf('a-wang2');
    const r = await ok(act<SettingsUpdateResult>({ action: 'updateMarketSettings', ...settings, name: '西河集市', weekday: 3, place: '双茂小区门口', horizonWeeks: 2 }, other));
    expect(r.started).toBe(true);
    expect(r.createdDays).toHaveLength(2);
    expect(r.createdDays.every((d) => d.dateLabel.endsWith('周三') && d.place === '双茂小区门口')).toBe(true);
    const listed = await ok(act<MarketDaysResult>({ action: 'listMarketDays' }, openidOf('w-lin')));
    expect(listed.days.map((d) => d.id)).toEqual(r.createdDays.map((d) => d.id));
    // 老城社区's market is untouched
    expect(cloud.db.find('communities', { _id: 'c-laocheng' })[0].market).toMatchObject({ weekday: 5, place: settings.place });
  });
});

describe('market settings', () => {
  it('shows the settings, every service and the stall plan with the stalls held', async () => {
    const view = await ok(act<MarketAdminView>({ action: 'marketSettings' }));
    expect(view.market).toMatchObject(settings);
    expect(view.services.map((s) => s.name)).toEqual(['爱心义剪', '磨刀', '小补小修', '法律咨询', '爱心义诊', '旧物置换', '互助广告']);
    expect(view.days.map((d) => d.id)).toEqual(days);
    const held = cloud.db.find('stallApplications', { communityId: 'c-laocheng', status: 'allocated' });
    for (const a of held) expect(view.stalls.find((s) => s.number === a.stallNumber)?.heldOn).toContain(a.date);
  });

  it('a new place applies to days created from now on; created days keep theirs, and say so', async () => {
    const r = await ok(act<SettingsUpdateResult>({ action: 'updateMarketSettings', ...settings, place: '老城社区文化广场', horizonWeeks: 5 }));
    expect(r.keptDays.map((d) => d.id)).toEqual(days);
    expect(r.createdDays).toHaveLength(1);
    expect(r.createdDays[0].place).toBe('老城社区文化广场');
    const listed = await ok(act<MarketDaysResult>({ action: 'listMarketDays' }, openidOf('r-zhao')));
    expect(listed.days.map((d) => d.place)).toEqual([...days.map(() => settings.place), '老城社区文化广场']);
    const newSlot = cloud.db.find('slots', { marketDayId: r.createdDays[0].id, serviceId: 'svc-lc-haircut' });
    expect(newSlot.length).toBeGreaterThan(0);
    expect(newSlot.every((s) => s.place === '老城社区文化广场')).toBe(true);
    days = listed.days.map((d) => d.id);
  });

  it('another weekday: the Fridays already created stay listed (people booked them), the new weekday follows', async () => {
    const r = await ok(act<SettingsUpdateResult>({ action: 'updateMarketSettings', ...settings, weekday: 3, horizonWeeks: 5 }));
    expect(r.keptDays.length).toBe(days.length);
    const listed = await ok(act<MarketDaysResult>({ action: 'listMarketDays' }, openidOf('r-zhao')));
    for (const id of days.slice(0, -1)) expect(listed.days.map((d) => d.id)).toContain(id);
    expect(listed.days.some((d) => d.dateLabel.endsWith('周三'))).toBe(true);
    // back to Friday for the rest of the file (the Wednesdays stay, created)
    await ok(act({ action: 'updateMarketSettings', ...settings, horizonWeeks: 5 }));
  }, 30_000);
});

describe('capacity', () => {
  it('is changed on the coming days too, never below the places booked', async () => {
    const slot = `${days[0]}_svc-lc-haircut_1000`;
    const [a, b] = residents('cap-a', 2);
    await ok(book(slot, a));
    await ok(book(slot, b));
    const before = cloud.snapshot();
    const refused = await act(haircut({ capacity: 1 }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'MARKET.CAPACITY_BELOW_BOOKED', details: { slotId: slot, slotLabel: '10:00–10:20', booked: 2 } } });
    expect(cloud.snapshot()).toBe(before);
    const raised = await ok(act<ServiceSaveResult>(haircut({ capacity: 3 })));
    const coming = cloud.db.find('slots', { serviceId: 'svc-lc-haircut' }, { limit: 1000 }).filter((s) => (s.startAt as Date).getTime() > Date.now());
    expect(raised.slotsChanged).toBe(coming.length);
    expect(coming.every((s) => s.capacity === 3)).toBe(true);
    expect(cloud.db.find('services', { _id: 'svc-lc-haircut' })[0].capacity).toBe(3);
    const day = await ok(act<MarketDayDetail>({ action: 'getMarketDay', marketDayId: days[0] }, openidOf('r-zhao')));
    expect(day.services.find((s) => s.id === 'svc-lc-haircut')?.slots[0]).toMatchObject({ capacity: 3, remaining: 1 });
    // the service document is written whole: a field cleared on the form is gone
    await ok(act<ServiceSaveResult>(haircut({ capacity: 3, provider: null })));
    expect(cloud.db.find('services', { _id: 'svc-lc-haircut' })[0].provider).toBeUndefined();
    await ok(act<ServiceSaveResult>(haircut({ capacity: 3 })));
  }, 30_000);

  it('a raise gives the freed places to the people waiting, in line order, even with bookings racing it', async () => {
    const slot = `${days[1]}_svc-lc-legal_1000`; // 1 place
    const [holder] = residents('cap-h', 1);
    await ok(book(slot, holder));
    const waiters = residents('cap-w', 6);
    for (const w of waiters) await ok(act({ action: 'joinWaitlist', slotId: slot }, w));
    for (const w of waiters) await allow(cloud, w, ['waitlistPromoted']); // the join's ask (issue 18)
    const latecomers = residents('cap-l', 6);
    const legal = (capacity: number) => ({ action: 'saveService', serviceId: 'svc-lc-legal', name: '法律咨询', kind: 'service', bookingMode: 'slots', slotMinutes: 30, capacity, description: '律师面对面解答法律问题', provider: '县法律援助中心', order: 4, active: true });
    // the raise to 5 (4 places freed) races six bookings for the same slot and another raise to 5
    const results = await Promise.all([act<ServiceSaveResult>(legal(5)), act<ServiceSaveResult>(legal(5)), ...latecomers.map((l) => book(slot, l))]);
    expect(results[0].ok && results[1].ok).toBe(true);
    const [s] = cloud.db.find('slots', { _id: slot });
    const live = cloud.db.find('bookings', { slotId: slot, status: 'booked' }, { limit: 100 });
    expect(s.booked).toBe(5);
    expect(live).toHaveLength(5);
    expect((s.holds as unknown[]).length).toBe(5);
    // the freed places went to the first four in line, nobody twice, no latecomer jumped the line
    const promoted = cloud.db.find('waitlist', { slotId: slot, status: 'promoted' }, { limit: 100 }).map((e) => e.residentId);
    expect(new Set(promoted).size).toBe(4);
    expect(promoted.sort()).toEqual(['cap-w-0', 'cap-w-1', 'cap-w-2', 'cap-w-3']);
    expect(live.some((b) => String(b.residentId).startsWith('cap-l-'))).toBe(false);
    expect(s.waiting).toBe(2);
    expect(results.slice(2).every((r) => !r.ok && r.error.code === 'BOOKING.SLOT_FULL')).toBe(true);
    for (const w of waiters.slice(0, 4)) expect(cloud.endpoint.messages.inbox(w).map((m) => m.templateId)).toContain('waitlistPromotedLocal');
  }, 60_000);
});

describe('the catalogue', () => {
  it('a new service is added to the coming days at once; a repeated submit makes no second one', async () => {
    const event = { action: 'saveService', requestId: 'ma-new-service-1', name: '磨剪子', kind: 'service', bookingMode: 'queue', capacity: 10, description: '剪刀、菜刀都能磨', provider: '王师傅', order: 8, active: true };
    const [r1, r2] = await Promise.all([ok(act<ServiceSaveResult>(event)), ok(act<ServiceSaveResult>(event))]);
    expect(r1.service.id).toBe(r2.service.id);
    expect(cloud.db.find('services', { name: '磨剪子' })).toHaveLength(1);
    const day = await ok(act<MarketDayDetail>({ action: 'getMarketDay', marketDayId: days[0] }, openidOf('r-zhao')));
    const shown = day.services.find((s) => s.name === '磨剪子');
    expect(shown?.slots).toHaveLength(1);
    expect(shown?.slots[0]).toMatchObject({ capacity: 10, remaining: 10 });
    expect(day.services.map((s) => s.name).indexOf('磨剪子')).toBe(day.services.length - 1);
  }, 30_000);

  it('deactivating a service with bookings is refused without a reason; with one, bookings are cancelled and residents told', async () => {
    const slot = `${days[0]}_svc-lc-repair_1000`;
    const [r] = residents('deact', 1);
    const booking = await ok(book(slot, r));
    await allow(cloud, r, ['bookingReminder', 'bookingChange']); // the booking confirm's ask (issue 18)
    const repair = { action: 'saveService', serviceId: 'svc-lc-repair', name: '小补小修', kind: 'service', bookingMode: 'slots', slotMinutes: 30, capacity: 3, description: '缝补衣服、修雨伞、修小家电', provider: '志愿者', order: 3, active: false };
    const before = cloud.snapshot();
    expect(await act(repair)).toMatchObject({ ok: false, error: { code: 'MARKET.SERVICE_HAS_BOOKINGS', details: { bookings: 1 } } });
    expect(cloud.snapshot()).toBe(before);
    const done = await ok(act<ServiceSaveResult>({ ...repair, withdrawReason: '修理志愿者外出培训' }));
    expect(done.bookingsCancelled).toBe(1);
    expect(cloud.db.find('bookings', { _id: booking.id })[0]).toMatchObject({ status: 'cancelled', cancelReason: '修理志愿者外出培训' });
    expect(cloud.endpoint.messages.inbox(r).length).toBeGreaterThan(0);
    const day = await ok(act<MarketDayDetail>({ action: 'getMarketDay', marketDayId: days[0] }, openidOf('r-zhao')));
    expect(day.services.map((s) => s.id)).not.toContain('svc-lc-repair');
    expect(await book(`${days[1]}_svc-lc-repair_1000`, r)).toMatchObject({ ok: false, error: { code: 'BOOKING.SLOT_CLOSED' } });
    // reactivated: back on the coming days, bookable again
    await ok(act<ServiceSaveResult>({ ...repair, active: true }));
    const again = await ok(act<MarketDayDetail>({ action: 'getMarketDay', marketDayId: days[0] }, openidOf('r-zhao')));
    expect(again.services.map((s) => s.id)).toContain('svc-lc-repair');
    await ok(book(`${days[1]}_svc-lc-repair_1000`, r));
  }, 30_000);
});

describe('the stall plan', () => {
  const plan = (n: number, off: number[] = []) => Array.from({ length: n }, (_, i) => ({ number: i + 1, label: `${i + 1}号摊位`, active: !off.includes(i + 1) }));

  it('a stall held on a coming day is never deactivated: refused naming the stall and the date', async () => {
    const held = cloud.db.find('stallApplications', { communityId: 'c-laocheng', status: 'allocated' })[0];
    const n = held.stallNumber as number;
    const before = cloud.snapshot();
    const r = await act({ action: 'setStallPlan', stalls: plan(8, [n]) });
    expect(r).toMatchObject({ ok: false, error: { code: 'MARKET.STALL_HELD', details: { number: n, date: held.date } } });
    // leaving it out of the plan is the same as turning it off
    expect(await act({ action: 'setStallPlan', stalls: plan(8).filter((s) => s.number !== n) })).toMatchObject({ ok: false, error: { code: 'MARKET.STALL_HELD' } });
    expect(cloud.snapshot()).toBe(before);
  });

  it('adds stalls, renames them and turns free ones off', async () => {
    const heldNumbers = cloud.db.find('stallApplications', { communityId: 'c-laocheng', status: 'allocated' }).map((a) => a.stallNumber as number);
    const free = [1, 2, 3, 4, 5, 6, 7, 8].find((n) => !heldNumbers.includes(n))!;
    const stalls = plan(10, [free]).map((s) => (s.number === 10 ? { ...s, label: '10号（树荫下）' } : s));
    const r = await ok(act<StallPlanResult>({ action: 'setStallPlan', stalls }));
    expect(r.stalls).toHaveLength(10);
    expect(r.stalls.find((s) => s.number === free)?.active).toBe(false);
    expect(r.stalls.find((s) => s.number === 10)).toMatchObject({ label: '10号（树荫下）', active: true });
    const vendorSees = await cloud.act<{ number: number }[]>('stall', { action: 'stalls' }, openidOf('v-farmer-2'));
    expect(vendorSees.ok && vendorSees.data.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].filter((n) => n !== free));
  });
});

describe('round trips (database requests per call)', () => {
  it('stay within their budgets', async () => {
    const trips = async (event: object) => {
      const before = cloud.db.stats.requests;
      await ok(act(event));
      return cloud.db.stats.requests - before;
    };
    const view = await trips({ action: 'marketSettings' });
    const settingsSave = await trips({ action: 'updateMarketSettings', ...settings, horizonWeeks: 5 });
    const knife = { action: 'saveService', serviceId: 'svc-lc-knife', name: '磨刀', kind: 'service', bookingMode: 'queue', capacity: 31, description: '刀具可以先放下，集市结束前来取', provider: '刘师傅', order: 2, active: true };
    const capacity = await trips(knife);
    const stalls = await trips({ action: 'setStallPlan', stalls: Array.from({ length: 10 }, (_, i) => ({ number: i + 1, label: `${i + 1}号摊位`, active: true })) });
    const comingKnifeSlots = cloud.db.find('slots', { serviceId: 'svc-lc-knife' }, { limit: 1000 }).filter((x) => (x.startAt as Date).getTime() > Date.now()).length;
    // the caller and five reads; settings: caller, services, days before, the update, the days (+ creation); stalls: one transaction
    expect({ view: view <= 6, settings: settingsSave <= 10, stalls: stalls <= 10 }).toEqual({ view: true, settings: true, stalls: true });
    // a capacity change: a fixed part and, in its transaction, one read and one write per coming slot
    expect(capacity).toBeLessThanOrEqual(8 + 2 * comingKnifeSlots);
  });
});
