/**
 * The kiosk counter (代办): a grid worker finds a resident by name or address and books, checks
 * in and cancels on their behalf, with the resident's spoken consent recorded; residents and
 * staff of other communities cannot.
 */
import { openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { BookingView, MarketDayDetail, MarketDaysResult } from '../../cloudfunctions/market/contract';
import type { ResidentCard } from '../../cloudfunctions/account/contract';

let cloud: TestCloud;
let dayId: string;
const yan = openidOf('w-yan');

beforeAll(async () => {
  cloud = await startTestCloud();
  const r = await cloud.act<MarketDaysResult>('market', { action: 'listMarketDays' }, yan);
  if (!r.ok) throw new Error('setup');
  dayId = r.data.days[0].id;
}, 60_000);
afterAll(() => cloud.close());

describe('finding a resident', () => {
  it('finds 赵建国 by name, by how he is called, and by address, with his phone status', async () => {
    for (const query of ['赵建国', '赵大爷', '3号楼', '301']) {
      const r = await cloud.act<ResidentCard[]>('account', { action: 'searchResidents', query }, yan);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.data.map((c) => c.name)).toContain('赵建国');
    }
    const r = await cloud.act<ResidentCard[]>('account', { action: 'searchResidents', query: '赵建国' }, yan);
    expect(r).toMatchObject({ ok: true, data: [{ id: 'r-zhao', address: '壁山丽景小区3号楼2单元301', hasPhone: false, phoneMasked: null, age: 72 }] });
  });

  it('finds only residents of the worker’s own community and masks phones', async () => {
    const other = await cloud.act<ResidentCard[]>('account', { action: 'searchResidents', query: '李秀兰' }, yan);
    expect(other).toEqual({ ok: true, data: [] });
    const zou = await cloud.act<ResidentCard[]>('account', { action: 'searchResidents', query: '邹' }, yan);
    expect(zou).toMatchObject({ ok: true, data: [{ name: '邹建庄', phoneMasked: '138****2345', hasPhone: true }] });
  });

  it('is for staff only; a pattern is only punctuation, ignored, and lists nobody', async () => {
    expect(await cloud.act('account', { action: 'searchResidents', query: '赵' }, openidOf('r-zou'))).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    for (const query of ['.*', '^', '$where', '|', '(.*)']) {
      const r = await cloud.act<ResidentCard[]>('account', { action: 'searchResidents', query }, yan);
      expect({ query, names: r.ok ? r.data.map((c) => c.name) : r.error.code }).toEqual({ query, names: [] });
    }
    expect(await cloud.act('account', { action: 'searchResidents', query: '赵\u202e' }, yan)).toMatchObject({ ok: false, error: { code: 'COMMON.INVALID_INPUT' } });
  });

  it('finds residents as staff type them: pinyin, initials, 3栋 / ３号楼 / 301室, several parts, spaces and punctuation ignored', async () => {
    const names = async (query: string) => {
      const r = await cloud.act<ResidentCard[]>('account', { action: 'searchResidents', query }, yan);
      if (!r.ok) throw new Error(JSON.stringify(r));
      return r.data.map((c) => c.name);
    };
    for (const query of ['zhaojianguo', 'ZhaoJianGuo', 'zhao', 'zjg', 'zdy', '3栋', '3幢', '３号楼', '301室', '3栋301', '3号楼 2单元 301', '赵 建国', '赵建国！', '壁山丽景 3号楼']) {
      expect({ query, found: (await names(query)).includes('赵建国') }).toEqual({ query, found: true });
    }
    // address parts are whole words: 3号楼 is not 13号楼 or 5号楼; a room is not part of another number
    expect(await names('3号楼')).not.toContain('邹建庄');
    expect(await names('30')).toEqual([]);
    expect(await names('zou 5栋')).toEqual(['邹建庄']);
    expect(await names('zjg 5栋')).toEqual([]);
  });
});

describe('booking on behalf', () => {
  it('严婷 books 爱心义剪 for 赵建国: the booking is his, made by her, with his consent recorded', async () => {
    const before = cloud.snapshot();
    const noConsent = await cloud.act('market', { action: 'bookFor', residentId: 'r-zhao', slotId: `${dayId}_svc-lc-haircut_1100`, requestId: 'counter-1', consent: { spoken: false } }, yan);
    expect(noConsent).toMatchObject({ ok: false, error: { code: 'COUNTER.CONSENT_REQUIRED' } });
    expect(cloud.snapshot()).toBe(before);

    const r = await cloud.act<BookingView>('market', { action: 'bookFor', residentId: 'r-zhao', slotId: `${dayId}_svc-lc-haircut_1100`, requestId: 'counter-2', consent: { spoken: true, note: '本人在柜台口头同意' } }, yan);
    expect(r).toMatchObject({ ok: true, data: { residentName: '赵建国', actorName: '严婷', assisted: true, consentRecorded: true, status: 'booked' } });
    const [doc] = cloud.db.find('bookings', { residentId: 'r-zhao' });
    expect(doc).toMatchObject({ actorId: 'w-yan', actorName: '严婷', consent: { method: 'spoken', recordedBy: 'w-yan', recordedByName: '严婷', note: '本人在柜台口头同意' } });

    // it shows under his name — for him, and for the worker looking him up
    const his = await cloud.act<BookingView[]>('market', { action: 'myBookings' }, openidOf('r-zhao'));
    expect(his).toMatchObject({ ok: true, data: [{ serviceName: '爱心义剪', actorName: '严婷', assisted: true }] });
    const forHim = await cloud.act<BookingView[]>('market', { action: 'bookingsFor', residentId: 'r-zhao' }, yan);
    expect(forHim).toMatchObject({ ok: true, data: [{ serviceName: '爱心义剪', residentName: '赵建国' }] });
  });

  it('shows the market day as the resident sees it: his booking, not the worker’s', async () => {
    const r = await cloud.act<MarketDayDetail>('market', { action: 'getMarketDay', marketDayId: dayId, forResidentId: 'r-zhao' }, yan);
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.data.services.find((s) => s.name === '爱心义剪')!.myBookingId).toEqual(expect.any(String));
    const own = await cloud.act<MarketDayDetail>('market', { action: 'getMarketDay', marketDayId: dayId }, yan);
    expect(own.ok && own.data.services.find((s) => s.name === '爱心义剪')!.myBookingId).toBeNull();
    expect(await cloud.act('market', { action: 'getMarketDay', marketDayId: dayId, forResidentId: 'r-zhao' }, openidOf('r-zou'))).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect(await cloud.act('market', { action: 'getMarketDay', marketDayId: dayId, forResidentId: 'r-zhao' }, 'unknown-openid')).toMatchObject({ ok: false, error: { code: 'COMMON.NOT_REGISTERED' } });
    expect(await cloud.act('market', { action: 'getMarketDay', marketDayId: dayId, forResidentId: 'r-zhao' }, openidOf('w-chen'))).toMatchObject({ ok: false, error: { code: 'COUNTER.RESIDENT_NOT_FOUND' } });
  });

  it('keeps the one-per-service rule for him, whoever books', async () => {
    const r = await cloud.act('market', { action: 'book', slotId: `${dayId}_svc-lc-haircut_1200`, requestId: 'zhao-self-1' }, openidOf('r-zhao'));
    expect(r).toMatchObject({ ok: false, error: { code: 'BOOKING.ALREADY_BOOKED' } });
  });

  it('refuses residents and staff of other communities, and unknown residents', async () => {
    const ev = { action: 'bookFor', residentId: 'r-zhao', slotId: `${dayId}_svc-lc-knife_1000`, requestId: 'counter-3', consent: { spoken: true } };
    expect(await cloud.act('market', ev, openidOf('r-zou'))).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect(await cloud.act('market', ev, openidOf('w-chen'))).toMatchObject({ ok: false, error: { code: 'COUNTER.RESIDENT_NOT_FOUND' } });
    expect(await cloud.act('market', { ...ev, residentId: 'w-yan' }, yan)).toMatchObject({ ok: false, error: { code: 'COUNTER.RESIDENT_NOT_FOUND' } });
    expect(await cloud.act('market', { action: 'bookingsFor', residentId: 'r-zhao' }, openidOf('w-chen'))).toMatchObject({ ok: false, error: { code: 'COUNTER.RESIDENT_NOT_FOUND' } });
  });
});

describe('checking in', () => {
  it('checks in only on the market day, by staff of the community', async () => {
    const [b] = cloud.db.find('bookings', { residentId: 'r-zhao', status: 'booked' });
    // the counter's list offers check-in exactly when it can succeed
    const offered = async () => {
      const list = await cloud.act<BookingView[]>('market', { action: 'bookingsFor', residentId: 'r-zhao' }, yan);
      if (!list.ok) throw new Error(JSON.stringify(list));
      return list.data.find((v) => v.id === b._id)!.checkInOpen;
    };
    expect(await offered()).toBe(false);
    const early = await cloud.act('market', { action: 'checkIn', bookingId: b._id }, yan);
    expect(early).toMatchObject({ ok: false, error: { code: 'BOOKING.NOT_CHECKABLE' } });
    // move the market day so that it opens in 30 minutes (its slots still start days later: only the market's start counts)
    const opens = new Date(Date.now() + 30 * 60_000);
    cloud.db.modify('marketDays', { queryType: 'DOC', query: { _id: b.marketDayId }, data: { $set: { startAt: opens } }, multi: false, merge: true, upsert: false });
    expect(await offered()).toBe(true);
    expect(await cloud.act('market', { action: 'checkIn', bookingId: b._id }, openidOf('r-zhao'))).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect(await cloud.act('market', { action: 'checkIn', bookingId: b._id }, openidOf('w-chen'))).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    const ok = await cloud.act<BookingView>('market', { action: 'checkIn', bookingId: b._id }, yan);
    expect(ok).toMatchObject({ ok: true, data: { status: 'checkedIn', cancellable: false } });
    expect(cloud.db.find('bookings', { _id: b._id })[0]).toMatchObject({ checkedInBy: 'w-yan' });
    const again = await cloud.act('market', { action: 'checkIn', bookingId: b._id }, yan);
    expect(again).toMatchObject({ ok: false, error: { code: 'BOOKING.NOT_CHECKABLE' } });
    expect(await offered()).toBe(false); // checked in: not offered again
  });

  it('staff may cancel a resident’s booking at the counter; staff elsewhere may not', async () => {
    const made = await cloud.act<BookingView>('market', { action: 'book', slotId: `${dayId}_svc-lc-repair_1000`, requestId: 'zou-self-1' }, openidOf('r-zou'));
    if (!made.ok) throw new Error(JSON.stringify(made));
    expect(await cloud.act('market', { action: 'cancelBooking', bookingId: made.data.id }, openidOf('w-chen'))).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect(await cloud.act('market', { action: 'cancelBooking', bookingId: made.data.id }, yan)).toMatchObject({ ok: true, data: { status: 'cancelled' } });
    expect(cloud.db.find('bookings', { _id: made.data.id })[0]).toMatchObject({ cancelledBy: 'w-yan' });
  });
});
