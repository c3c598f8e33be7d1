/**
 * Vendors and stalls through the real wx-server-sdk (issue 10): the 2024-11-13 scene (a Wednesday:
 * 大葱 registered for Friday, 白菜 not), registration and approval, 30 vendors racing for the last
 * stall, waitlist promotion under concurrent withdrawals, synonyms, watching a product, check-in on
 * the day, absences, permissions and round trips.
 */
import { ok, openidOf, startTestCloud, type Envelope, type TestCloud } from '../support/local-cloud';
import { allow } from '../support/consent';
import type { SearchResult, StallApplicationView, VendorView, RegistryView } from '../../cloudfunctions/stall/contract';

let cloud: TestCloud;
const ma = openidOf('v-farmer-1');
const zhao = openidOf('r-zhao');
const wang = openidOf('a-wang');
const yan = openidOf('w-yan');
const act = <T>(event: object, openid: string) => cloud.act<T>('stall', event, openid);

/** Approved vendors of 老城社区 inserted directly (each with their own WeChat). */
function insertVendors(prefix: string, n: number, goods: string[] = ['青菜']): string[] {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  cloud.db.insert('users', ids.map((id) => ({ _id: `u-${id}`, openid: openidOf(id), name: `摊主${id}`, role: 'vendor', communityId: 'c-laocheng', createdAt: new Date() })));
  cloud.db.insert('vendors', ids.map((id) => ({ _id: id, communityId: 'c-laocheng', name: `摊主${id}`, kind: 'farmer', goods, userId: `u-${id}`, status: 'approved', regular: false, regularStall: null, absences: 0, createdAt: new Date() })));
  return ids;
}

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 8 });
}, 60_000);
afterAll(() => cloud.close());

describe('the 2024-11-13 scene', () => {
  beforeAll(() => cloud.setClock(new Date('2024-11-13T10:00:00+08:00')));
  afterAll(() => cloud.setClock(null));

  it('马师傅 registers 大葱; the admin approves him and gives him a stall for Friday', async () => {
    const reg = await ok(act<VendorView>({ action: 'register', communityId: 'c-laocheng', kind: 'farmer', name: '马师傅', phone: '13899017788', goods: ['大葱'] }, ma));
    expect(reg).toMatchObject({ status: 'pending', statusLabel: '等待社区审核', goods: ['大葱'] });
    expect(await act({ action: 'applyStall', dates: ['2024-11-15'] }, ma)).toMatchObject({ ok: false, error: { code: 'VENDOR.NOT_APPROVED' } });
    const list = await ok(act<VendorView[]>({ action: 'vendors' }, wang));
    expect(list[0]).toMatchObject({ name: '马师傅', status: 'pending' });
    await ok(act({ action: 'approve', vendorId: reg.id }, wang));
    const app = await ok(act<StallApplicationView>({ action: 'assignStall', vendorId: reg.id, date: '2024-11-15' }, wang));
    expect(app).toMatchObject({ status: 'allocated', stallNumber: 1, date: '2024-11-15', dateLabel: '11月15日 周五' });
    expect(app.checkInCode).toMatch(/^1-[A-Z0-9]{4}$/);
  }, 60_000);

  it('赵大爷 asks on Wednesday: 大葱 — 马师傅; 白菜 — nobody yet, only 大葱 is registered (the paper book’s answer)', async () => {
    const onion = await ok(act<SearchResult>({ action: 'search', query: '大葱' }, zhao));
    expect(onion).toMatchObject({ date: '2024-11-15', sellers: [{ name: '马师傅', goods: ['大葱'], stallNumber: 1 }] });
    const cabbage = await ok(act<SearchResult>({ action: 'search', query: '白菜' }, zhao));
    expect(cabbage.sellers).toEqual([]);
    expect(cabbage.matched).toEqual(['白菜', '大白菜', '油白菜', '小白菜']);
    expect(cabbage.answer).toBe('11月15日 周五的集市：白菜：还没有人登记。目前只有卖大葱的登记了。');
    // a visitor (no record) sees the same registry
    const registry = await ok(act<RegistryView>({ action: 'registry' }, 'visitor-xyz'));
    expect(registry.vendors.map((v) => [v.name, v.goods])).toEqual([['马师傅', ['大葱']]]);
  });

  it('the press report’s question, typed in full (issue 17): one answer per good, 大葱 never denied', async () => {
    const q = '周五的集市有卖白菜和大葱的吗？';
    const r = await ok(act<SearchResult>({ action: 'search', query: q }, zhao));
    expect(r).toMatchObject({ query: q, date: '2024-11-15', askedDay: { word: '周五', date: '2024-11-15', marketDay: true }, registered: ['大葱'] });
    expect(r.goods.map((g) => [g.product, g.answer])).toEqual([
      ['白菜', '白菜：还没有人登记。'],
      ['大葱', '大葱：马师傅，1号摊。'],
    ]);
    expect(r.goods[1].sellers).toEqual([{ name: '马师傅', goods: ['大葱'], stallNumber: 1 }]);
    expect(r.answer).toBe('11月15日 周五的集市：白菜：还没有人登记。大葱：马师傅，1号摊。');
    // the other ways residents type it name the same goods
    for (const other of ['白菜 大葱', '白菜和大葱', '白菜、大葱', 'baicai dacong', 'ｂａｉｃａｉ，ｄａｃｏｎｇ', '有没有人卖白菜跟大葱啊']) {
      const a = await ok(act<SearchResult>({ action: 'search', query: other }, zhao));
      expect({ other, goods: a.goods.map((g) => g.answer) }).toEqual({ other, goods: ['白菜：还没有人登记。', '大葱：马师傅，1号摊。'] });
    }
  });

  it('a long sentence is taken whole (60 characters); a nickname, another day, and a sentence naming nothing known', async () => {
    const long = `请问一下这周五解忧集市上有没有人卖白菜和大葱还有洋芋呀我想给老伴包饺子谢谢您们啦麻烦帮我看看有没有卖的好吗谢谢您了我等着呢`.slice(0, 60);
    expect([...long]).toHaveLength(60);
    const r = await ok(act<SearchResult>({ action: 'search', query: long }, zhao));
    expect(r.goods.map((g) => g.product)).toEqual(['白菜', '大葱', '洋芋']);
    expect(r.goods[2].matched).toEqual(['土豆', '马铃薯', '洋芋']);
    expect(await act({ action: 'search', query: `${long}吗` }, zhao)).toMatchObject({ ok: false, error: { code: 'COMMON.INVALID_INPUT' } });
    // 明天 (a Thursday) is no market day: said so, and the next one answered
    const tomorrow = await ok(act<SearchResult>({ action: 'search', query: '明天有大葱吗' }, zhao));
    expect(tomorrow).toMatchObject({ date: '2024-11-15', askedDay: { word: '明天', date: '2024-11-14', marketDay: false } });
    expect(tomorrow.answer).toBe('明天（11月14日 周四）没有集市。下次集市是11月15日 周五：大葱：马师傅，1号摊。');
    // 下周五 is a coming market day of its own: 马师傅 has no stall then
    const next = await ok(act<SearchResult>({ action: 'search', query: '下周五有大葱吗' }, zhao));
    expect(next).toMatchObject({ date: '2024-11-22', dateLabel: '11月22日 周五', registered: [] });
    expect(next.goods.map((g) => g.answer)).toEqual(['大葱：还没有人登记。']);
    // naming nothing known: says so and what is registered
    const none = await ok(act<SearchResult>({ action: 'search', query: '周五的集市开几点？' }, zhao));
    expect(none).toMatchObject({ goods: [], registered: ['大葱'], answer: '没有听出您要买什么。11月15日 周五登记了的有：大葱。' });
  });

  it('a resident asks to be told about 白菜; when a vendor with 大白菜 gets a stall, the message is sent once', async () => {
    await ok(act({ action: 'watch', product: '白菜' }, zhao));
    await allow(cloud, zhao, ['productRegistered']); // the watch's ask (issue 18)
    const [cabbage] = insertVendors('v-cabbage', 1, ['大白菜']);
    await ok(act({ action: 'applyStall', dates: ['2024-11-15'] }, openidOf(cabbage)));
    const found = await ok(act<SearchResult>({ action: 'search', query: '白菜' }, zhao));
    expect(found.sellers.map((s) => s.goods)).toEqual([['大白菜']]);
    const inbox = cloud.endpoint.messages.inbox(zhao);
    expect(inbox.filter((m) => m.templateId === 'productRegisteredLocal')).toHaveLength(1);
    // 葱 does not find 洋葱
    const [onion] = insertVendors('v-onion', 1, ['洋葱']);
    await ok(act({ action: 'applyStall', dates: ['2024-11-15'] }, openidOf(onion)));
    const scallion = await ok(act<SearchResult>({ action: 'search', query: '葱' }, zhao));
    expect(scallion.sellers.map((s) => s.name)).toEqual(['马师傅']);
  });

  it('search ≤ 2 round trips (the full question too), applyStall ≤ 4', async () => {
    let before = cloud.db.stats.requests;
    await ok(act({ action: 'search', query: '周五的集市有卖白菜和大葱的吗？' }, zhao));
    const search = cloud.db.stats.requests - before;
    const [v] = insertVendors('v-trips', 1);
    before = cloud.db.stats.requests;
    await ok(act({ action: 'applyStall', dates: ['2024-11-15'] }, openidOf(v)));
    const apply = cloud.db.stats.requests - before;
    expect({ search: search <= 2, apply: apply <= 4 }).toEqual({ search: true, apply: true });
  });
});

describe('races', () => {
  const date = '2024-11-22';
  beforeAll(() => cloud.setClock(new Date('2024-11-18T10:00:00+08:00')));
  afterAll(() => cloud.setClock(null));

  it('30 vendors race for the last stall: one holder, the rest waitlisted in order', async () => {
    const early = insertVendors('v-early', 7);
    for (const v of early) await ok(act({ action: 'applyStall', dates: [date] }, openidOf(v)));
    const racers = insertVendors('v-race', 30);
    const answers = await Promise.all(racers.map((v) => ok(act<StallApplicationView[]>({ action: 'applyStall', dates: [date] }, openidOf(v)))));
    const flat = answers.map((a) => a[0]);
    expect(flat.filter((a) => a.status === 'allocated').map((a) => a.stallNumber)).toEqual([8]);
    const apps = cloud.db.find('stallApplications', { date }, { limit: 1000 });
    const held = apps.filter((a) => a.status === 'allocated').map((a) => a.stallNumber);
    expect(new Set(held).size).toBe(held.length);
    expect(held).toHaveLength(8);
    expect(apps.filter((a) => a.status === 'waitlisted')).toHaveLength(29);
    const list = await ok(act<StallApplicationView[]>({ action: 'dayList', date }, wang));
    expect(list.filter((a) => a.status === 'waitlisted').map((a) => a.waitlistPosition)).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
    // each racer was told the place the stored line gives it (issue 16: two were told the same number)
    const told = new Map(flat.filter((a) => a.status === 'waitlisted').map((a) => [a.id, a.waitlistPosition]));
    const stored = new Map(list.filter((a) => a.status === 'waitlisted').map((a) => [a.id, a.waitlistPosition]));
    expect([...told.values()].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
    for (const [id, p] of told) expect({ id, p }).toEqual({ id, p: stored.get(id) });
    // applying again changes nothing
    const before = cloud.snapshot();
    await ok(act({ action: 'applyStall', dates: [date] }, openidOf(racers[0])));
    expect(cloud.snapshot()).toBe(before);
  }, 120_000);

  it('8 holders withdraw at once: every freed stall goes to one waiting vendor, the first in line, nobody twice', async () => {
    const before = cloud.db.find('stallApplications', { date, status: 'waitlisted' }, { order: { createdAt: 1 }, limit: 1000 }).map((a) => a._id);
    const holders = cloud.db.find('stallApplications', { date, status: 'allocated' }, { limit: 100 });
    await Promise.all(holders.map((h) => ok(act({ action: 'withdraw', applicationId: h._id }, openidOf(h.vendorId as string)))));
    const apps = cloud.db.find('stallApplications', { date }, { limit: 1000 });
    const allocated = apps.filter((a) => a.status === 'allocated');
    expect(allocated.map((a) => a.stallNumber).sort((a, b) => Number(a) - Number(b))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(allocated.map((a) => a.vendorId)).size).toBe(8);
    expect(allocated.map((a) => a._id).sort()).toEqual(before.slice(0, 8).sort());
    expect(apps.filter((a) => a.status === 'waitlisted')).toHaveLength(21);
  }, 120_000);
});

describe('on the day', () => {
  it('staff check 马师傅 in by his code on market day only; an unchecked stall becomes an absence; 3 cost a regular his stall', async () => {
    cloud.setClock(new Date('2024-11-13T10:00:00+08:00'));
    const mine = await ok(act<{ applications: StallApplicationView[] }>({ action: 'myVendor' }, ma));
    const app = mine.applications.find((a) => a.date === '2024-11-15')!;
    expect(await act({ action: 'checkIn', code: app.checkInCode }, yan)).toMatchObject({ ok: false, error: { code: 'VENDOR.NOT_MARKET_DAY' } });
    cloud.setClock(new Date('2024-11-15T09:30:00+08:00'));
    expect(await act({ action: 'checkIn', code: app.checkInCode }, zhao)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect(await ok(act<StallApplicationView>({ action: 'checkIn', code: app.checkInCode }, yan))).toMatchObject({ status: 'checkedIn' });
    // the cabbage and onion vendors never came
    cloud.setClock(new Date('2024-11-16T10:00:00+08:00'));
    const first = (await cloud.trigger('stall', 'markAbsences')) as Envelope<{ absences: number }>;
    expect(first.ok && first.data.absences).toBeGreaterThanOrEqual(2);
    expect(await cloud.trigger('stall', 'markAbsences')).toEqual({ ok: true, data: { absences: 0 } });
    expect(cloud.db.find('stallApplications', { _id: mine.applications[0].id })[0]).toMatchObject({ status: 'checkedIn' });
    cloud.setClock(null);
  });

  it('a regular who misses 3 market days loses regular status', async () => {
    const [v] = insertVendors('v-regular', 1);
    cloud.db.modify('vendors', { queryType: 'DOC', query: { _id: v }, data: { $set: { regular: true, regularStall: 5, absences: 2 } }, multi: false, merge: true, upsert: false });
    cloud.setClock(new Date('2024-12-02T10:00:00+08:00'));
    const [app] = await ok(act<StallApplicationView[]>({ action: 'applyStall', dates: ['2024-12-06'] }, openidOf(v)));
    expect(app).toMatchObject({ status: 'allocated', stallNumber: 5 });
    cloud.setClock(new Date('2024-12-07T10:00:00+08:00'));
    await cloud.trigger('stall', 'markAbsences');
    expect(cloud.db.find('vendors', { _id: v })[0]).toMatchObject({ regular: false, regularStall: null, absences: 3 });
    cloud.setClock(null);
  });
});

describe('registration without a transaction (issue 18 §2/§3: 3 round trips)', () => {
  const form = (name: string) => ({ action: 'register', communityId: 'c-laocheng', kind: 'farmer', name, phone: '13899017766', goods: ['韭菜'] });

  it('eight taps of one new WeChat at once make ONE person and ONE vendor record; the others are told they are registered', async () => {
    const openid = 'local-reg-race-farmer';
    const rs = await Promise.all(Array.from({ length: 8 }, () => act<VendorView>(form('抢着登记'), openid)));
    expect(rs.filter((r) => r.ok)).toHaveLength(1);
    for (const r of rs.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, error: { code: 'VENDOR.ALREADY_REGISTERED' } });
    const users = cloud.db.find('users', { openid });
    expect(users).toHaveLength(1);
    expect(cloud.db.find('vendors', { userId: users[0]._id })).toHaveLength(1);
  });

  it('a registration cut short after its first write is seen by nobody else, and the person’s next tap finishes it — once', async () => {
    const openid = 'local-reg-cut-short';
    // what the function leaves when it stops between its two inserts: the person's record, no vendor record
    cloud.db.insert('users', [{ _id: 'u-reg-cut-short', openid, name: '半截', role: 'vendor', communityId: 'c-laocheng', phone: '13899017765', verified: false, createdAt: new Date() }]);
    expect(await ok(act<{ vendor: VendorView | null }>({ action: 'myVendor' }, openid))).toMatchObject({ vendor: null });
    expect((await ok(act<VendorView[]>({ action: 'vendors' }, wang))).map((x) => x.name)).not.toContain('半截');
    const v = await ok(act<VendorView>(form('半截'), openid));
    expect(v).toMatchObject({ name: '半截', status: 'pending' });
    expect(cloud.db.find('users', { openid })).toHaveLength(1);
    expect(cloud.db.find('vendors', { userId: 'u-reg-cut-short' })).toMatchObject([{ _id: v.id }]);
    expect(await act(form('半截'), openid)).toMatchObject({ ok: false, error: { code: 'VENDOR.ALREADY_REGISTERED' } });
    expect(cloud.db.find('vendors', { userId: 'u-reg-cut-short' })).toHaveLength(1);
    expect(await ok(act<{ vendor: VendorView | null }>({ action: 'myVendor' }, openid))).toMatchObject({ vendor: { id: v.id } });
  });
});

describe('permissions and bad input', () => {
  it('a vendor cannot approve themselves; a resident cannot register as a vendor with the same WeChat; nothing is written', async () => {
    const before = cloud.snapshot();
    const [v] = insertVendors('v-self', 1);
    const snap = cloud.snapshot();
    expect(await act({ action: 'approve', vendorId: v }, openidOf(v))).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect(await act({ action: 'register', communityId: 'c-laocheng', kind: 'farmer', name: '赵建国', phone: '13899010099', goods: ['白菜'] }, zhao)).toMatchObject({ ok: false, error: { code: 'VENDOR.ACCOUNT_IS_RESIDENT' } });
    expect(await act({ action: 'register', communityId: 'c-mingzhu', kind: 'farmer', name: '新农户', phone: '13899010098', goods: ['白菜'] }, 'local-new-farmer')).toMatchObject({ ok: false, error: { code: 'VENDOR.NO_MARKET' } });
    expect(await act({ action: 'register', communityId: 'c-laocheng', kind: 'farmer', name: '新农户', phone: '13899010098', goods: [] }, 'local-new-farmer')).toMatchObject({ ok: false, error: { code: 'VENDOR.GOODS_REQUIRED' } });
    expect(await act({ action: 'search', query: { $ne: '' } }, zhao)).toMatchObject({ ok: false, error: { code: 'COMMON.INVALID_INPUT' } });
    expect(cloud.snapshot()).toBe(snap);
    expect(before).not.toBe(snap);
  });
});
