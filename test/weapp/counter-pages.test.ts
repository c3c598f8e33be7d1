/**
 * The counter pages of the compiled mini-program, logged in as grid worker 严婷 (a test file of its
 * own: a page route loads once per environment).
 */
import { openidOf } from '../support/local-cloud';
import { renderPage, startWeapp, waitForText, type WeappEnv } from './render';
import type { BookingView, MarketDaysResult } from '../../cloudfunctions/market/contract';

let env: WeappEnv;

beforeAll(async () => {
  const yan = openidOf('w-yan');
  env = await startWeapp(yan);
  const days = (await env.cloud.call('market', { action: 'listMarketDays' }, yan)) as { ok: true; data: MarketDaysResult };
  const booked = (await env.cloud.call('market', { action: 'bookFor', residentId: 'r-zhao', slotId: `${days.data.days[0].id}_svc-lc-knife_1000`, requestId: 'weapp-counter-1', consent: { spoken: true } }, yan)) as { ok: boolean; data: BookingView };
  expect(booked.ok).toBe(true);
  env.install();
}, 60_000);
afterAll(() => env?.close());

describe('the counter, as grid worker 严婷', () => {
  it('home offers the counter to staff', async () => {
    const text = await waitForText(await renderPage(env.host, 'pages/index/index'), '为居民代办');
    expect(text).toContain('柜台代办');
  }, 30_000);

  it('the search page asks for a name or address, and offers to register a resident without WeChat', async () => {
    const text = await waitForText(await renderPage(env.host, 'counter/pages/search/index'), '查找居民');
    expect(text).toContain('输入居民的姓名、拼音或住址');
    expect(text).toContain('为没有微信的居民登记');
  }, 30_000);

  it('the resident page shows his bookings and the entry to book for him', async () => {
    const text = await waitForText(await renderPage(env.host, 'counter/pages/resident/index', { id: 'r-zhao' }), '赵建国的预约');
    expect(text).toContain('为赵建国预约');
    expect(text).toContain('磨刀');
    // 签到 is offered exactly when the check-in can succeed (on the market day)
    const list = (await env.cloud.call('market', { action: 'bookingsFor', residentId: 'r-zhao' }, openidOf('w-yan'))) as { ok: true; data: BookingView[] };
    expect(text.includes('签到')).toBe(list.data.some((b) => b.checkInOpen));
    expect(text).toContain('由 严婷 在解忧铺代为预约');
    expect(text).toMatch(/已核实|未核实/);
  }, 30_000);

  it('the register page asks for name, address and the resident’s consent, with the community’s estates to choose from', async () => {
    const text = await waitForText(await renderPage(env.host, 'counter/pages/register/index'), '为没有微信的居民登记');
    expect(text).toContain('壁山丽景小区');
    expect(text).toContain('3号楼');
    expect(text).toContain('已问过居民，他同意由我为他登记');
    expect(text).not.toContain('蓝天家园小区'); // another community's estate
  }, 30_000);

  it('the report page shows the resident from the server (not the URL’s name), the categories, his home as the place, and asks for consent', async () => {
    // a wrong name in the URL is only a loading hint: the page shows whom the id belongs to
    const text = await waitForText(await renderPage(env.host, 'counter/pages/report/index', { for: 'r-zhao', forName: '邹建庄' }), '提交，转给网格员');
    expect(text).toContain('为 赵建国 反映问题');
    expect(text).not.toContain('邹建庄');
    expect(text).toContain('☑ 3号楼');
    expect(text).toContain('楼顶');
    expect(text).toContain('饲养动物扰民'); // a category: 邻里纠纷 is a group now, not a category (cloudfunctions/shared/vocabulary/categories.ts)
    expect(text).toContain('已问过居民，他同意由我代为反映');
    expect(text).toContain('提交，转给网格员');
  }, 30_000);
});
