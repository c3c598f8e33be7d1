/**
 * 适老化, proven in Chromium on the H5 build: every page, in normal and in elder mode, has no
 * serious or critical axe-core violations; in elder mode every visible text is ≥ 18 px with line
 * height ≥ 1.3 and every tap target ≥ 60×60 px (≥ 44×44 px otherwise); a screenshot of each page in
 * elder mode is saved to test-artifacts/elder/ (a CI artifact). On the run's kiosk: the resident
 * whose bookings the pages show (柏秀珍) and the one registered at the counter (柏桂英) are its own.
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations, callAs, measurePage, openAs, openSlots, settle, step, uniqueOpenid, useRun, YAN } from './harness';

const run = useRun({ shots: 'elder' });
/** this file's own resident on the run's kiosk: the bookings her pages show are hers */
const HER = uniqueOpenid('a11y');
const HER_NAME = '柏秀珍';
let herId = '';
let dayId = '';
let noWeChatId = '';
/** a 爱心义剪 slot still open on the run's kiosk, for the confirmation pages */
let openHaircut = '';
/** this file's resident with nothing booked, who opens the confirmation page */
const GUEST = uniqueOpenid('a11y-guest');

beforeAll(async () => {
  const me = await callAs<{ id: string }>(run.kiosk.url, 'account', HER, { action: 'register', name: HER_NAME, estateId: 'e-bishan', building: '2号楼', unit: '4单元', room: '401' });
  expect(me.ok).toBe(true);
  herId = me.data!.id;
  const days = (await callAs(run.kiosk.url, 'market', HER, { action: 'listMarketDays' })).data as { days: { id: string }[] };
  dayId = days.days[0].id;
  // bookings to show: one she made, one made for her at the counter (at another time: the counter refuses an overlap)
  const knife = (await openSlots(run.kiosk.url, dayId, 'knife'))[0];
  expect(await callAs(run.kiosk.url, 'market', HER, { action: 'book', slotId: knife, requestId: 'a11y-her-1' })).toMatchObject({ ok: true });
  const haircut = (await openSlots(run.kiosk.url, dayId, 'haircut')).filter((id) => id.slice(-4) !== knife.slice(-4)).pop()!;
  expect(await callAs(run.kiosk.url, 'market', YAN, { action: 'bookFor', residentId: herId, slotId: haircut, requestId: 'a11y-yan-1', consent: { spoken: true } })).toMatchObject({ ok: true });
  expect(await callAs(run.kiosk.url, 'account', GUEST, { action: 'register', name: '柏建新', estateId: 'e-bishan', building: '2号楼', unit: '4单元', room: '402' })).toMatchObject({ ok: true });
  openHaircut = (await openSlots(run.kiosk.url, dayId, 'haircut'))[0];
  // a resident registered at the counter, without WeChat (her page offers to link it)
  const made = await callAs(run.kiosk.url, 'account', YAN, { action: 'registerFor', name: '柏桂英', estateId: 'e-bishan', building: '1号楼', unit: '2单元', room: '201', requestId: 'a11y-register-1', consent: { spoken: true } });
  noWeChatId = (made.data as { id: string }).id;
}, 300_000);

const PAGES: { name: string; as: string; route: () => string; ready: string }[] = [
  { name: 'home', as: HER, route: () => '/pages/index/index', ready: '预约集市服务' },
  { name: 'home-visitor', as: 'wx-a11y-visitor', route: () => '/pages/index/index', ready: '在解忧铺登记过？' },
  { name: 'market-day', as: 'local-r-zhao', route: () => `/market/pages/day/index?id=${dayId}`, ready: '爱心义剪' },
  { name: 'confirm', as: GUEST, route: () => `/market/pages/confirm/index?day=${dayId}&slot=${openHaircut}`, ready: '请确认预约信息' },
  { name: 'my-bookings', as: HER, route: () => '/market/pages/bookings/index', ready: '预约码' },
  { name: 'counter-search', as: 'local-w-yan', route: () => '/counter/pages/search/index', ready: '为居民代办' },
  { name: 'counter-resident', as: 'local-w-yan', route: () => `/counter/pages/resident/index?id=${herId}&name=${encodeURIComponent(HER_NAME)}&address=${encodeURIComponent('壁山丽景小区2号楼4单元401')}&phone=0`, ready: `${HER_NAME}的预约` },
  { name: 'counter-book-for', as: 'local-w-yan', route: () => `/market/pages/confirm/index?day=${dayId}&slot=${openHaircut}&for=r-zhao&forName=${encodeURIComponent('赵建国')}`, ready: '代为预约' },
  { name: 'counter-register', as: 'local-w-yan', route: () => '/counter/pages/register/index', ready: '请居民本人在柜台' },
  { name: 'counter-resident-no-wechat', as: 'local-w-yan', route: () => `/counter/pages/resident/index?id=${noWeChatId}`, ready: '关联居民的微信' },
  { name: 'counter-report', as: 'local-w-yan', route: () => `/counter/pages/report/index?for=r-zhao&forName=${encodeURIComponent('赵建国')}`, ready: '反映问题' },
  { name: 'identity', as: 'local-r-zhao', route: () => '/pages/identity/index', ready: '本地演示时' },
  { name: 'register', as: 'wx-a11y-newcomer', route: () => '/pages/register/index', ready: '第一次来，先登记一下' },
];

/** Opens `p` as its person in normal or elder mode (a new load of the app), then lets the page settle (fonts, transitions). */
async function open(page: Page, p: (typeof PAGES)[number], elder: boolean) {
  await openAs(page, run.kiosk.url, p.as, p.route(), p.ready, elder);
  await settle(page);
}

describe.each([false, true])('elder mode %s', (elder) => {
  // one browser context per mode (a fresh one per page costs the app's uncached load each time); each
  // page is still opened freshly by openAs
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await run.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    page = await context.newPage();
  });
  afterAll(() => context?.close());
  it.each(PAGES.map((p) => [p.name, p] as const))('%s passes axe and the size rules', async (_name, p) => {
    await step(page, `a11y-${p.name}-${elder ? 'elder' : 'normal'}`, async () => {
      await open(page, p, elder);
      const m = await measurePage(page, { elder });
      expect(m.elderRoot).toBe(elder);
      expect(m.targets).toEqual([]);
      expect(m.small).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      if (elder) await page.screenshot({ path: path.join(run.shots, `${p.name}.png`), fullPage: true });
    });
  }, 60_000);
});
