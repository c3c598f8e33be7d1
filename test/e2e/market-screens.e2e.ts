/**
 * The market screens as a resident sees them, in Chromium at 320 and 390 px wide, in normal and elder
 * mode: the market day (services first, one service's slots unfolded, a full slot marked 已满 · 去候补),
 * my bookings (coming first; earlier and cancelled ones folded, here unfolded) and the counter's
 * confirmation (consent chosen). On each: no text overflows or is clipped by its box (scroll size vs
 * client size of every text-bearing element), no slot label wraps, full slots are readable (≥ 4.5:1),
 * and in elder mode every text is ≥ 18 px and every target ≥ 60 px (≥ 44 px otherwise).
 * Screenshots: test-artifacts/market-screens/. Also the flow: choose 爱心义剪 → pick a slot → confirm.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { button, callAs, type Kiosk, measurePage, newPage, openAs, sharedBrowser, startKiosk, step } from './harness';

let kiosk: Kiosk;
let browser: Browser;
let dayId = '';
let nextDayLabel = '';
const shots = path.resolve(__dirname, '../../test-artifacts/market-screens');
const VIEWER = 'wx-e2e-screens-viewer';
const BOOKER = 'wx-e2e-screens-booker';

beforeAll(async () => {
  // its own kiosk, not the run's: it fills 爱心义剪 10:00 with 赵建国 and 邹建庄 and counts 赵建国's bookings (issue 19 §7: to be made its own data)
  kiosk = await startKiosk();
  browser = await sharedBrowser();
  fs.mkdirSync(shots, { recursive: true });
  const days = (await callAs<{ days: { id: string; dateLabel: string }[] }>(kiosk.url, 'market', 'local-r-zhao', { action: 'listMarketDays' })).data!.days;
  dayId = days[0].id;
  nextDayLabel = days[1]?.dateLabel ?? '';
  // two residents who registered in WeChat, with nothing booked: one looks, one books
  for (const [openid, name, room] of [
    [VIEWER, '钱秀英', '201'],
    [BOOKER, '吴桂兰', '202'],
  ]) {
    expect(await callAs(kiosk.url, 'account', openid, { action: 'register', name, estateId: 'e-bishan', building: '2号楼', unit: '1单元', room })).toMatchObject({ ok: true });
  }
  // 10:00 of 爱心义剪 is full (two chairs): 赵建国 and 邹建庄
  expect(await callAs(kiosk.url, 'market', 'local-r-zhao', { action: 'book', slotId: `${dayId}_svc-lc-haircut_1000`, requestId: 'screens-zhao-1' })).toMatchObject({ ok: true });
  expect(await callAs(kiosk.url, 'market', 'local-r-zou', { action: 'book', slotId: `${dayId}_svc-lc-haircut_1000`, requestId: 'screens-zou-1' })).toMatchObject({ ok: true });
  // 赵建国: one more coming booking, one on the next market day, one cancelled
  const knife = await callAs<{ id: string }>(kiosk.url, 'market', 'local-r-zhao', { action: 'book', slotId: `${dayId}_svc-lc-knife_1000`, requestId: 'screens-zhao-2' });
  expect(knife.ok).toBe(true);
  expect(await callAs(kiosk.url, 'market', 'local-r-zhao', { action: 'cancelBooking', bookingId: knife.data!.id })).toMatchObject({ ok: true });
  expect(await callAs(kiosk.url, 'market', 'local-r-zhao', { action: 'book', slotId: `${dayId}_svc-lc-knife_1000`, requestId: 'screens-zhao-3' })).toMatchObject({ ok: true });
  if (days[1]) await callAs(kiosk.url, 'market', 'local-r-zhao', { action: 'book', slotId: `${days[1].id}_svc-lc-haircut_1020`, requestId: 'screens-zhao-4' });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

const SCREENS: { name: string; as: string; route: () => string; ready: string; then?: (page: Page) => Promise<void> }[] = [
  {
    name: 'market-day',
    as: VIEWER,
    route: () => `/market/pages/day/index?id=${dayId}`,
    ready: '爱心义剪',
    then: async (page) => {
      // 爱心义剪 is open: its full 10:00 slot is marked (a resident can join its waitlist: 已满 · 去候补), its open ones show places left
      await page.locator('.service-card[data-service="爱心义剪"] .slot-full', { hasText: /10:00–10:20 已(约满|满 · 去候补)/ }).waitFor();
      await page.locator('.service-card[data-service="爱心义剪"] .slot-open', { hasText: '剩 2 位' }).first().waitFor();
      await page.locator('.service-card[data-service="旧物置换"]', { hasText: '不用预约' }).waitFor();
    },
  },
  {
    name: 'market-day-folded',
    as: VIEWER,
    route: () => `/market/pages/day/index?id=${dayId}`,
    ready: '爱心义剪',
    then: async (page) => {
      await page.locator('.service-card[data-service="爱心义剪"] taro-button-core.service-toggle', { hasText: '收起时间' }).click();
      await page.locator('.slot').first().waitFor({ state: 'detached' });
    },
  },
  {
    name: 'my-bookings',
    as: 'local-r-zhao',
    route: () => '/market/pages/bookings/index',
    ready: '预约码',
    then: async (page) => {
      // coming first, soonest first; the cancelled one folded until asked for
      const coming = await page.locator('.booking-card').allTextContents();
      expect(await page.locator('.booking-card.booking-cancelled').count()).toBe(0);
      expect(coming.length).toBe(nextDayLabel ? 3 : 2);
      if (nextDayLabel) expect(coming[2]).toContain(nextDayLabel);
      await button(page, /^以前的和已取消的预约（1）$/).click();
      await page.locator('.booking-card.booking-cancelled', { hasText: '已取消' }).waitFor();
    },
  },
  {
    name: 'counter-confirm',
    as: 'local-w-yan',
    route: () => `/market/pages/confirm/index?day=${dayId}&slot=${dayId}_svc-lc-haircut_1040&for=r-zou&forName=${encodeURIComponent('邹建庄')}`,
    ready: '代为预约',
    then: async (page) => {
      await button(page, '已问过居民').click();
      await page.locator('.consent-on').waitFor();
      // at the counter: no "cancel it in my bookings" (the resident may have no phone)
      expect(await page.locator('.page:visible').textContent()).not.toContain('我的预约');
    },
  },
];

describe.each([320, 390])('%i px wide', (width) => {
  describe.each([false, true])('elder mode %s', (elder) => {
    it.each(SCREENS.map((s) => [s.name, s] as const))('%s: no clipped text, sizes and contrast hold', async (_name, s) => {
      // tall enough for the whole page: Taro's H5 pages scroll inside their own container
      const { context, page, errors } = await newPage(browser, width, 3200);
      try {
        await step(page, `screens-${s.name}-${width}-${elder ? 'elder' : 'normal'}`, async () => {
          await openAs(page, kiosk.url, s.as, s.route(), s.ready, elder);
          if (s.then) await s.then(page);
          await page.waitForTimeout(300);
          await page.screenshot({ path: path.join(shots, `${s.name}-${width}-${elder ? 'elder' : 'normal'}.png`), fullPage: true });
          // a card up close, to look at (the second, if there is one)
          const cards = page.locator('.page:visible .card');
          await cards.nth(Math.min(1, (await cards.count()) - 1)).screenshot({ path: path.join(shots, `${s.name}-${width}-${elder ? 'elder' : 'normal'}-card.png`) });
          expect(await measurePage(page, { elder })).toEqual({ clipped: [], wrapped: [], small: [], targets: [], lowContrast: [], elderRoot: elder });
        });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }, 60_000);
  });
});

it('a resident chooses 爱心义剪, picks a slot and confirms', async () => {
  const { context, page, errors } = await newPage(browser, 320, 800);
  try {
    await step(page, 'screens-flow-open', () => openAs(page, kiosk.url, BOOKER, `/market/pages/day/index?id=${dayId}`, '爱心义剪', true));
    await step(page, 'screens-flow-choose', async () => {
      // another service first: only one is open at a time
      await page.locator('.service-card[data-service="磨刀"] taro-button-core.service-toggle', { hasText: '看看排队取号' }).click();
      await page.locator('.service-card[data-service="磨刀"] .slot').first().waitFor();
      expect(await page.locator('.service-card[data-service="爱心义剪"] .slot').count()).toBe(0);
      await page.locator('.service-card[data-service="爱心义剪"] taro-button-core.service-toggle', { hasText: '选这个项目，看时间' }).click();
      await page.locator('.service-card[data-service="爱心义剪"] .slot').first().waitFor();
      expect(await page.locator('.service-card[data-service="磨刀"] .slot').count()).toBe(0);
    });
    const slot = page.locator('.service-card[data-service="爱心义剪"] taro-button-core.slot-open', { hasText: '剩 2 位' }).first();
    const label = ((await slot.textContent()) ?? '').split(' · ')[0].trim();
    expect(label).toMatch(/^\d\d:\d\d–\d\d:\d\d$/);
    await step(page, 'screens-flow-confirm', async () => {
      await slot.click();
      await page.getByText('请确认预约信息').waitFor();
      expect(await page.locator('.page:visible').textContent()).toContain('开始前都可以在“我的预约”里取消');
      await button(page, '确认预约').click();
      await page.getByText('预约成功').waitFor();
      expect(await page.locator('.confirm-done').textContent()).toContain(label);
    });
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}, 120_000);
