/**
 * 便民服务 figures (issue 22, docs/everyday-services-design.md §6) through the real wx-server-sdk:
 * `console.stats.everyday` and the 便民服务台账 (`exportLedger kind: everyday`) from records inserted
 * with the stored shapes of the design (parcels, errands, referrals, providers, notices,
 * noticeReads, events, event bookings, volunteerHours) — the actions that write them are tested by
 * their own functions' tests. Collections a branch has not created yet are read as none (CloudBase
 * answers -502005 for them): the first test runs before any is created.
 *
 * 老城社区 (c-laocheng; admin 王乐天, grid worker 严婷); 西河社区 (c-xihe; admin 西河管理员, added here).
 * Period P: 2026-09-01 … 2026-09-30; read on 2026-10-05 (so 超期未取 is judged at 09-30 24:00,
 * parcels logged before 09-27 24:00 and still waiting then).
 *
 * Parcels: p1 logged 09-02, picked up 09-03 · p2 logged 09-10, delivered 09-11 · p3 logged 09-20,
 *   waiting (超期) · p4 logged 09-29, waiting (1 day: not 超期) · p5 logged 08-25, picked up 10-02
 *   (waiting at P's end: 超期) · p6 logged 08-20, picked up 09-05 · p7 logged 10-01 · p8 logged
 *   09-05, returned · px 西河 09-05 waiting.
 *   → logged 5 (p1 p2 p3 p4 p8), pickedUp 2 (p1 p6), delivered 1 (p2), unclaimed 2 (p3 p5).
 * Errands: e1 asked 09-03 done 09-04 · e2 asked 09-10 accepted · e3 asked 08-28 done 09-02 · e4
 *   asked 09-15 cancelled · e5 asked 10-01 · ex 西河 → requested 3 (e1 e2 e4), done 2 (e1 e3).
 * Referrals: r1 referred 09-02 rated 09-06 ★5 · r2 09-08 / 09-12 ★2 · r3 08-25 / 09-03 ★4 · r4
 *   09-20 not rated · r5 09-25 / 10-02 ★1 · rx 西河 → made 4, rated 3, average (5+2+4)/3 = 3.7.
 * Providers (their ratings are their rated referrals; those below are rated in May, outside P):
 *   pv1 ★2 ★2 ★3 (flagged) · pv2 ★1 ★1 ★1 (flagged, deactivated) · pv3 r1 r2 r3 r5 above, ★5 ★2 ★4 ★1
 *   (average exactly 3: not flagged) · pv4 ★1 ★1 (two ratings: not flagged) · pvx 西河 ★2 ★2 ★2 and
 *   rx (flagged) → 1 more flagged.
 * Notices: n1 09-03 · n2 09-20 (withdrawn since) · n3 08-30 · nx 西河 → published 2; reads: two on
 *   09-04, one 09-21, one 08-31, one 10-01, one in 西河 → 3.
 * Events: ev1 09-12 50 places · ev2 09-20 cancelled · ev4 09-26 20 places · ev3 10-03 · evx 西河 →
 *   held 2, places 70. Bookings: ev1 b1 b2 checked in, b3 no-show, b4 cancelled; ev4 b5 booked; ev3
 *   b6; 西河 bx; and a market booking mk1 (爱心义剪 09-12, no eventId) → signedUp 4, attended 2;
 *   the market's figures count mk1 only.
 * Volunteer hours: h1 u1 巡逻员 patrol 120 (09-03) · h2 u1 巡逻员 duty 180 (09-10) · h3 u2 调解员
 *   mediation 60 (09-15) · h4 u3 (no role) parcel delivered 20 (09-16) · h5 u2 08-31 · h6 u1 10-01 ·
 *   hx 西河 → 3 volunteers, 380 minutes; patroller 300, mediator 60; patrol 120, duty 180,
 *   mediation 60, parcelDelivered 20.
 */
import ExcelJS from 'exceljs';
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { EverydayFigures, LedgerFile, StatsView } from '../../cloudfunctions/console/contract';
import { UNCLAIMED_AFTER_DAYS } from '../../cloudfunctions/shared/vocabulary/everyday';
import { EVERYDAY_SHEETS } from '../../cloudfunctions/console/domain/everydayLedger';
import { PARCELS_LIMITS } from '../../cloudfunctions/parcels/limits';
import { BOOKING_STATUS_LABELS } from '../../cloudfunctions/shared/vocabulary/statuses';

let cloud: TestCloud;
const wang = openidOf('a-wang');
const yan = openidOf('w-yan');
const xhAdmin = openidOf('a-xh');
const SEPT = { from: '2026-09-01', to: '2026-09-30' };
const L = 'c-laocheng';
const X = 'c-xihe';
const INJECTION = '=HYPERLINK("http://evil.example","点我")';

/** A local (Asia/Shanghai) instant `2026-MM-DD HH:mm`. */
const at = (s: string) => new Date(`2026-${s.replace(' ', 'T')}:00+08:00`);

const EVERYDAY_COLLECTIONS = ['parcels', 'errands', 'referrals', 'providers', 'notices', 'noticeReads', 'events', 'volunteerHours'];
let absentAtStart: string[] = [];
let flaggedBefore = 0;

function parcel(id: string, logged: string, status: string, extra: Record<string, unknown> = {}, communityId = L) {
  return {
    _id: id, communityId, residentId: `r-${id}`, residentName: `居民${id}`, carrier: 'sf', shelf: 'A-1', code: id.padStart(6, '0'),
    codeKey: status === 'waiting' ? `${communityId}|${id}` : id, status, loggedById: 'w-yan', loggedByName: '严婷', loggedAt: at(logged),
    requestKey: `w-yan:${id}`, events: [{ kind: 'logged', byId: 'w-yan', byName: '严婷', at: at(logged) }], ...extra,
  };
}
function errand(id: string, asked: string, status: string, extra: Record<string, unknown> = {}, communityId = L) {
  return {
    _id: id, communityId, residentId: 'r-zhao', residentName: '赵建国', kind: 'utilities', what: `${id}：代缴水电费`, status, requestedAt: at(asked),
    requestedBy: { id: 'w-yan', name: '严婷' }, receiptPhotos: [], events: [], requestKey: `w-yan:${id}`, ...extra,
  };
}
function referral(id: string, referred: string | null, rated: [string, number] | null, communityId = L, providerId = communityId === L ? 'pv3' : 'pvx') {
  return {
    _id: id, communityId, providerId, providerName: '李师傅家电维修', residentId: 'r-zhao', residentName: '赵建国', need: '空调不制冷',
    status: rated ? 'rated' : referred ? 'referred' : 'requested', ...(referred ? { referredById: 'w-yan', referredAt: at(referred) } : {}),
    ...(rated ? { rating: { stars: rated[1], comment: '来得快', at: at(rated[0]) } } : {}), requestKey: `r-zhao:${id}`,
  };
}
function notice(id: string, published: string, status = 'published', communityId = L) {
  return {
    _id: id, communityId, kind: 'notice', title: `${id} 停水通知`, body: '明天停水', audience: { kind: 'community' }, pinned: false, expiresOn: null, status,
    byId: 'a-wang', byName: '王乐天', publishedAt: at(published), readCount: 0, requestKey: `a-wang:${id}`, requestHash: 'h',
  };
}
const read = (noticeId: string, user: string, when: string, communityId = L) => ({ _id: `${noticeId}|${user}`, noticeId, userId: user, communityId, at: at(when) });
const event = (id: string, date: string, places: number, status = 'open', communityId = L) => ({
  _id: id, communityId, title: '文艺演出', kind: 'performance', date, start: '19:00', end: '21:00', place: '解忧铺门前', places, description: '', status, slotId: `ev_${id}`, byId: 'a-wang', byName: '王乐天', createdAt: at('08-20 09:00'), requestKey: `a-wang:${id}`,
});
function booking(id: string, date: string, status: string, eventId: string | null, communityId = L) {
  return {
    _id: id, code: `C${id}`, communityId, marketDayId: eventId ? `event:${eventId}` : `md-${date}`, date, slotId: eventId ? `ev_${eventId}` : `md-${date}_s-haircut_0900`,
    serviceId: eventId ?? 's-haircut', serviceName: eventId ? '中秋文艺演出' : '爱心义剪', slotLabel: '19:00–21:00', mode: 'slots', startAt: at(`${date.slice(5)} 19:00`), endAt: at(`${date.slice(5)} 21:00`),
    place: '解忧铺门前', residentId: `r-${id}`, residentName: `居民${id}`, actorId: id === 'b2' ? 'w-yan' : `r-${id}`, actorName: id === 'b2' ? '严婷' : `居民${id}`,
    status, activeKey: status === 'booked' ? `r-${id}|x|${id}` : `${status}:${id}`, requestKey: `r-${id}:${id}`, createdAt: at('09-01 10:00'),
    ...(eventId ? { eventId } : {}), ...(status === 'checkedIn' ? { checkedInAt: at(`${date.slice(5)} 18:50`), checkedInBy: 'w-yan' } : {}),
  };
}
/** The active providers of `communityId` flagged now, worked out by hand from the stored rated referrals (average below 3 over at least 3). */
function flaggedNow(communityId: string): number {
  return cloud.db.all('providers').filter((p) => {
    if (p.communityId !== communityId || p.active !== true) return false;
    const rated = cloud.db.all('referrals').filter((r) => r.providerId === p._id && r.communityId === communityId && r.status === 'rated');
    const stars = rated.reduce((a, r) => a + ((r.rating as { stars: number }).stars), 0);
    return rated.length >= 3 && stars < 3 * rated.length;
  }).length;
}
const hours = (id: string, user: string, role: string | null, source: string, minutes: number, date: string, communityId = L) => ({
  _id: `${source}:${id}:${user}`, communityId, userId: user, name: `志愿者${user}`, ...(role ? { role } : {}), source, refId: id, minutes, date, note: source === 'staff' ? INJECTION : '', at: at(`${date.slice(5)} 20:00`),
});

beforeAll(async () => {
  cloud = await startTestCloud();
  absentAtStart = EVERYDAY_COLLECTIONS.filter((c) => !cloud.db.collectionNames().includes(c));
  cloud.db.insert('users', [{ _id: 'a-xh', openid: xhAdmin, name: '西河管理员', role: 'communityAdmin', communityId: X, gridIds: [], verified: true, createdAt: at('08-01 09:00') }]);
  cloud.setClock(at('10-05 10:00'));
}, 120_000);
afterAll(() => cloud.close());

/** Creates the collections a branch has not created yet and inserts this file's records. */
function seed(): void {
  for (const c of [...EVERYDAY_COLLECTIONS, 'bookings']) if (!cloud.db.collectionNames().includes(c)) cloud.db.createCollection(c);
  flaggedBefore = flaggedNow(L);
  cloud.db.insert('parcels', [
    parcel('p1', '09-02 10:00', 'pickedUp', { pickedUpAt: at('09-03 18:00'), pickedUpById: 'w-yan', pickedUpByName: '严婷' }),
    parcel('p2', '09-10 10:00', 'delivered', { deliveredAt: at('09-11 10:00'), deliveredById: 'u1', deliveredByName: '志愿者u1' }),
    parcel('p3', '09-20 10:00', 'waiting', { remindedAt: at('09-23 20:00') }),
    parcel('p4', '09-29 10:00', 'waiting'),
    parcel('p5', '08-25 10:00', 'pickedUp', { pickedUpAt: at('10-02 10:00') }),
    parcel('p6', '08-20 10:00', 'pickedUp', { pickedUpAt: at('09-05 10:00') }),
    parcel('p7', '10-01 10:00', 'waiting'),
    parcel('p8', '09-05 10:00', 'returned'),
    parcel('px', '09-05 10:00', 'waiting', {}, X),
  ]);
  cloud.db.insert('errands', [
    errand('e1', '09-03 09:00', 'done', { acceptedAt: at('09-03 10:00'), assigneeId: 'w-yan', assigneeName: '严婷', doneAt: at('09-04 10:00'), doneNote: '已缴 120 元', receiptPhotos: ['cloud://r1.jpg'] }),
    errand('e2', '09-10 09:00', 'accepted', { acceptedAt: at('09-10 10:00'), what: INJECTION }),
    errand('e3', '08-28 09:00', 'done', { doneAt: at('09-02 10:00') }),
    errand('e4', '09-15 09:00', 'cancelled', { cancelReason: '居民自己办了' }),
    errand('e5', '10-01 09:00', 'requested'),
    errand('ex', '09-05 09:00', 'requested', {}, X),
  ]);
  cloud.db.insert('referrals', [
    referral('r1', '09-02 10:00', ['09-06 10:00', 5]), referral('r2', '09-08 10:00', ['09-12 10:00', 2]), referral('r3', '08-25 10:00', ['09-03 10:00', 4]),
    referral('r4', '09-20 10:00', null), referral('r5', '09-25 10:00', ['10-02 10:00', 1]), referral('rx', '09-05 10:00', ['09-06 10:00', 1], X),
    // the providers' earlier ratings (May: no period read here counts them)
    ...([['pv1', [2, 2, 3]], ['pv2', [1, 1, 1]], ['pv4', [1, 1]], ['pvx', [2, 2, 2]]] as const).flatMap(([pv, stars]) =>
      stars.map((n, i) => referral(`${pv}-r${i}`, `05-0${i + 1} 10:00`, [`05-0${i + 2} 10:00`, n], pv === 'pvx' ? X : L, pv)),
    ),
  ]);
  const provider = (id: string, active: boolean, communityId = L) => ({
    _id: id, communityId, name: `${id}师傅`, service: 'plumbing', phone: '13900001111', area: '老城', priceNote: '', verifiedById: 'a-wang', verifiedByName: '王乐天', verifiedAt: at('08-01 09:00'), active, requestKey: `a-wang:${id}`,
  });
  cloud.db.insert('providers', [provider('pv1', true), provider('pv2', false), provider('pv3', true), provider('pv4', true), provider('pvx', true, X)]);
  cloud.db.insert('notices', [notice('n1', '09-03 09:00'), notice('n2', '09-20 09:00', 'withdrawn'), notice('n3', '08-30 09:00'), notice('nx', '09-05 09:00', 'published', X)]);
  cloud.db.insert('noticeReads', [read('n1', 'u1', '09-04 08:00'), read('n1', 'u2', '09-04 09:00'), read('n2', 'u1', '09-21 08:00'), read('n3', 'u1', '08-31 08:00'), read('n1', 'u3', '10-01 08:00'), read('nx', 'ux', '09-05 10:00', X)]);
  cloud.db.insert('events', [event('ev1', '2026-09-12', 50), event('ev2', '2026-09-20', 30, 'cancelled'), event('ev4', '2026-09-26', 20), event('ev3', '2026-10-03', 40), event('evx', '2026-09-12', 10, 'open', X)]);
  cloud.db.insert('bookings', [
    booking('b1', '2026-09-12', 'checkedIn', 'ev1'), booking('b2', '2026-09-12', 'checkedIn', 'ev1'), booking('b3', '2026-09-12', 'noShow', 'ev1'), booking('b4', '2026-09-12', 'cancelled', 'ev1'),
    booking('b5', '2026-09-26', 'booked', 'ev4'), booking('b6', '2026-10-03', 'booked', 'ev3'), booking('bx', '2026-09-12', 'checkedIn', 'evx', X), booking('mk1', '2026-09-12', 'checkedIn', null),
  ]);
  cloud.db.insert('volunteerHours', [
    hours('pt1', 'u1', 'patroller', 'patrol', 120, '2026-09-03'), hours('d1', 'u1', 'patroller', 'duty', 180, '2026-09-10'), hours('t1', 'u2', 'mediator', 'mediation', 60, '2026-09-15'),
    hours('p2', 'u3', null, 'parcelDelivered', 20, '2026-09-16'), hours('v1', 'u2', 'informant', 'verification', 30, '2026-08-31'), hours('d2', 'u1', 'patroller', 'duty', 180, '2026-10-01'),
    hours('s1', 'ux', 'liaison', 'staff', 45, '2026-09-10', X), hours('s2', 'u2', 'mediator', 'staff', 15, '2026-10-02'),
  ]);
}

const zeroRoles = { patroller: 0, mediator: 0, informant: 0, speaker: 0, liaison: 0 };
const zeroSources = { parcelDelivered: 0, patrol: 0, mediation: 0, verification: 0, duty: 0, staff: 0 };

describe('console.stats — 便民服务 (issue 22)', () => {
  it('the 超期未取 days are the parcels function\'s', () => {
    expect(UNCLAIMED_AFTER_DAYS).toBe(PARCELS_LIMITS.remindAfterDays);
  });

  it('before any record (and with the collections other branches create still absent: CloudBase -502005), every figure is 0 and nothing fails', async () => {
    console.log(`collections absent at the start: ${absentAtStart.join(', ') || 'none'}`);
    const s = await ok(cloud.act<StatsView>('console', { action: 'stats', ...SEPT }, wang));
    expect(s.everyday).toEqual({
      parcels: { logged: 0, pickedUp: 0, delivered: 0, unclaimed: 0 },
      errands: { requested: 0, done: 0 },
      referrals: { made: 0, rated: 0, averageStars: null, flaggedProviders: 0 },
      notices: { published: 0, reads: 0 },
      events: { held: 0, places: 0, signedUp: 0, attended: 0 },
      volunteers: { count: 0, minutes: 0, minutesByRole: zeroRoles, minutesBySource: zeroSources },
    });
    // the ledger too: five empty sheets
    const f = await ok(cloud.act<LedgerFile>('console', { action: 'exportLedger', ...SEPT, format: 'xlsx', kind: 'everyday' }, wang));
    expect(f.rows).toBe(0);
  });

  it('王乐天 (admin) gets every figure worked out by hand, in 23 round trips; the market counts only its own booking', async () => {
    seed();
    const before = cloud.db.stats.requests;
    const s = await ok(cloud.act<StatsView>('console', { action: 'stats', ...SEPT }, wang));
    const trips = cloud.db.stats.requests - before;
    console.log(`console.stats as admin with 便民服务: ${trips} database round trips`);
    expect(trips).toBe(23);
    const want: EverydayFigures = {
      parcels: { logged: 5, pickedUp: 2, delivered: 1, unclaimed: 2 },
      errands: { requested: 3, done: 2 },
      referrals: { made: 4, rated: 3, averageStars: 3.7, flaggedProviders: flaggedBefore + 1 },
      notices: { published: 2, reads: 3 },
      events: { held: 2, places: 70, signedUp: 4, attended: 2 },
      volunteers: { count: 3, minutes: 380, minutesByRole: { ...zeroRoles, patroller: 300, mediator: 60 }, minutesBySource: { ...zeroSources, patrol: 120, duty: 180, mediation: 60, parcelDelivered: 20 } },
    };
    expect(s.everyday).toEqual(want);
    expect(flaggedNow(L)).toBe(flaggedBefore + 1);
    // an event's bookings are not a market service's
    expect(s.market!.services.map((x) => [x.serviceId, x.booked, x.attended])).toEqual([['s-haircut', 1, 1]]);
    expect(JSON.stringify(s.everyday)).not.toMatch(/赵建国|1390000|居民|志愿者u/);
  });

  it('严婷 (grid worker) sees the same community figures, in 22 round trips, and still no market', async () => {
    const admin = await ok(cloud.act<StatsView>('console', { action: 'stats', ...SEPT }, wang));
    const before = cloud.db.stats.requests;
    const s = await ok(cloud.act<StatsView>('console', { action: 'stats', ...SEPT }, yan));
    expect(cloud.db.stats.requests - before).toBe(22);
    expect(s.everyday).toEqual(admin.everyday);
    expect(s.market).toBeNull();
  });

  it('西河社区\'s admin sees only 西河\'s records — none of 老城\'s', async () => {
    const s = await ok(cloud.act<StatsView>('console', { action: 'stats', ...SEPT }, xhAdmin));
    expect(s.everyday).toEqual({
      parcels: { logged: 1, pickedUp: 0, delivered: 0, unclaimed: 1 },
      errands: { requested: 1, done: 0 },
      referrals: { made: 1, rated: 1, averageStars: 1, flaggedProviders: 1 },
      notices: { published: 1, reads: 1 },
      events: { held: 1, places: 10, signedUp: 1, attended: 1 },
      volunteers: { count: 1, minutes: 45, minutesByRole: { ...zeroRoles, liaison: 45 }, minutesBySource: { ...zeroSources, staff: 45 } },
    });
    const f = await ok(cloud.act<LedgerFile>('console', { action: 'exportLedger', ...SEPT, format: 'xlsx', kind: 'everyday' }, xhAdmin));
    expect(f.rows).toBe(5);
    const wb = await workbook(await download(f));
    // each sheet's last column is the record's number: only 西河's
    expect(wb.worksheets.map((ws) => rowsOf(ws).slice(1).map((r) => r[r.length - 1]))).toEqual([['px'], ['ex'], ['rx'], ['Cbx'], ['staff:s1:ux']]);
  });

  it('a period of another month counts none of September\'s acts', async () => {
    const s = await ok(cloud.act<StatsView>('console', { action: 'stats', from: '2026-07-01', to: '2026-07-31' }, wang));
    expect(s.everyday.parcels).toEqual({ logged: 0, pickedUp: 0, delivered: 0, unclaimed: 0 });
    expect([s.everyday.errands.requested, s.everyday.referrals.made, s.everyday.notices.published, s.everyday.events.held, s.everyday.volunteers.minutes]).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('console.exportLedger — 便民服务台账', () => {
  it('XLSX: five sheets with their headers, a row per record of the period, the stats\' counts; a formula is kept as text', async () => {
    const s = await ok(cloud.act<StatsView>('console', { action: 'stats', ...SEPT }, wang));
    const f = await ok(cloud.act<LedgerFile>('console', { action: 'exportLedger', ...SEPT, format: 'xlsx', kind: 'everyday' }, wang));
    expect(f).toMatchObject({ kind: 'everyday', format: 'xlsx', fileName: '便民服务台账-2026-09-01至2026-09-30.xlsx', rows: 24 });
    const wb = await workbook(await download(f));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['代收快递', '代缴代办', '转介评价', '活动签到', '志愿服务时长']);
    const sheet = (name: string) => rowsOf(wb.getWorksheet(name)!);

    const [ph, ...parcels] = sheet('代收快递');
    expect(ph).toEqual([...EVERYDAY_SHEETS.parcels.headers]);
    expect(parcels.map((r) => r[ph.indexOf('编号')])).toEqual(['p6', 'p1', 'p8', 'p2', 'p3', 'p4']);
    const p2 = parcels.find((r) => r[11] === 'p2')!;
    expect([p2[0], p2[1], p2[2], p2[4], p2[8], p2[9]]).toEqual(['2026-09-10 10:00', '居民p2', '顺丰', '已送到家', '2026-09-11 10:00', '志愿者u1']);
    expect(parcels.filter((r) => r[4] === '已送到家').length).toBe(s.everyday.parcels.delivered);
    expect(JSON.stringify(parcels)).not.toMatch(/000p1|00000p|codeKey/); // never a pickup code

    const [eh, ...errands] = sheet('代缴代办');
    expect(eh).toEqual([...EVERYDAY_SHEETS.errands.headers]);
    expect(errands.map((r) => r[12])).toEqual(['e3', 'e1', 'e2', 'e4']);
    expect(errands[1].slice(0, 11)).toEqual(['2026-09-03 09:00', '代缴水电费', 'e1：代缴水电费', '赵建国', '严婷', '严婷', '已办好', '2026-09-03 10:00', '2026-09-04 10:00', '已缴 120 元', 1]);
    expect(errands[2][2]).toBe(INJECTION); // an XLSX string cell: shown, never run

    const [rh, ...referrals] = sheet('转介评价');
    expect(rh).toEqual([...EVERYDAY_SHEETS.referrals.headers]);
    expect(referrals.map((r) => [r[8], r[5]])).toEqual([['r3', 4], ['r1', 5], ['r2', 2], ['r4', ''], ['r5', 1]]);
    expect(referrals.every((r) => !JSON.stringify(r).includes('1390000'))).toBe(true);

    const [vh, ...events] = sheet('活动签到');
    expect(vh).toEqual([...EVERYDAY_SHEETS.events.headers]);
    expect(events.map((r) => [r[9], r[6]])).toEqual([['Cb1', '已签到'], ['Cb2', '已签到'], ['Cb3', BOOKING_STATUS_LABELS.noShow], ['Cb4', '已取消'], ['Cb5', '已预约']]);
    expect(events.filter((r) => r[6] === '已签到').length).toBe(s.everyday.events.attended);
    expect(events.find((r) => r[9] === 'Cb2')![5]).toBe('严婷'); // signed up at the counter

    const [hh, ...hrs] = sheet('志愿服务时长');
    expect(hh).toEqual([...EVERYDAY_SHEETS.hours.headers]);
    expect(hrs.map((r) => [r[0], r[1], r[2], r[3], r[4]])).toEqual([
      ['2026-09-03', '志愿者u1', '巡逻员', '巡逻', 120],
      ['2026-09-10', '志愿者u1', '巡逻员', '值班', 180],
      ['2026-09-15', '志愿者u2', '调解员', '调解纠纷', 60],
      ['2026-09-16', '志愿者u3', '', '送快递上门', 20],
    ]);
    expect(hrs.reduce((n, r) => n + Number(r[4]), 0)).toBe(s.everyday.volunteers.minutes);
  });

  it('CSV: the five tables one after the other under their names, UTF-8 with BOM and CRLF, a formula-looking cell made text with a leading \'', async () => {
    const f = await ok(cloud.act<LedgerFile>('console', { action: 'exportLedger', ...SEPT, format: 'csv', kind: 'everyday' }, wang));
    expect(f).toMatchObject({ fileName: '便民服务台账-2026-09-01至2026-09-30.csv', rows: 24 });
    const buf = await download(f);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = buf.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
    for (const name of ['代收快递', '代缴代办', '转介评价', '活动签到', '志愿服务时长']) expect(lines).toContain(`【${name}】`);
    expect(lines[1]).toBe(EVERYDAY_SHEETS.parcels.headers.join(','));
    // 5 titles + 5 header rows + 24 records + 4 blank separators (+ the final line end)
    expect(lines.filter(Boolean)).toHaveLength(5 + 5 + 24);
    const e2 = lines.find((l) => l.endsWith(',e2'))!;
    expect(e2).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(lines.some((l) => l.startsWith('=') || l.includes(',=HYPERLINK'))).toBe(false);
  });

  it('a grid worker may not export it (admins only, as every ledger)', async () => {
    expect(await cloud.act('console', { action: 'exportLedger', ...SEPT, format: 'csv', kind: 'everyday' }, yan)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
  });
});

async function download(f: LedgerFile): Promise<Buffer> {
  const r = await fetch(f.tempFileURL);
  expect(r.status).toBe(200);
  return Buffer.from(await r.arrayBuffer());
}

async function workbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** A sheet's rows: strings, numbers kept as numbers, empty cells ''. */
function rowsOf(ws: ExcelJS.Worksheet): (string | number)[][] {
  const out: (string | number)[][] = [];
  ws.eachRow((row) => out.push(Array.from((row.values as unknown[]).slice(1), (v) => (v == null ? '' : typeof v === 'number' ? v : String(v)))));
  return out;
}
