/**
 * The market screens as a resident sees them, in Chromium at 320 and 390 px wide, in normal and elder
 * mode: the market day (services first, one service's slots unfolded, a full slot marked 已满 · 去候补),
 * my bookings (coming first; earlier and cancelled ones folded, here unfolded) and the counter's
 * confirmation (consent chosen). On each: no text overflows or is clipped by its box (scroll size vs
 * client size of every text-bearing element), no slot label wraps, full slots are readable (≥ 4.5:1),
 * and in elder mode every text is ≥ 18 px and every target ≥ 60 px (≥ 44 px otherwise).
 * Screenshots: test-artifacts/market-screens/. Also the flow: choose 爱心义剪 → pick a slot → confirm.
 */
import path from 'node:path';
import { button, callAs, newPage, openAs, openSlots, type Screen, shootAll, step, uniqueOpenid, useRun } from './harness';

const run = useRun({ shots: 'market-screens' });
let dayId = '';
let nextDayLabel = '';
/** the 爱心义剪 slot this file fills, as the page labels it (`10:00–10:20`) */
let fullLabel = '';
const VIEWER = 'wx-e2e-screens-viewer';
const BOOKER = 'wx-e2e-screens-booker';
/** this file's residents on the run's kiosk: the one whose bookings are shown, and a neighbour who takes the other chair */
const HOLDER = uniqueOpenid('screens-holder');
const NEIGHBOUR = uniqueOpenid('screens-neighbour');
const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

beforeAll(async () => {
  const url = run.kiosk.url;
  const days = (await callAs<{ days: { id: string; dateLabel: string }[] }>(url, 'market', 'local-r-zhao', { action: 'listMarketDays' })).data!.days;
  dayId = days[0].id;
  nextDayLabel = days[1]?.dateLabel ?? '';
  // residents who registered in WeChat, with nothing booked: one looks, one books; two of this file's own hold bookings
  for (const [openid, name, room] of [
    [VIEWER, '钱秀英', '201'],
    [BOOKER, '吴桂兰', '202'],
    [HOLDER, '吴建华', '203'],
    [NEIGHBOUR, '吴建英', '204'],
  ]) {
    expect(await callAs(url, 'account', openid, { action: 'register', name, estateId: 'e-bishan', building: '2号楼', unit: '1单元', room })).toMatchObject({ ok: true });
  }
  // the last 爱心义剪 slot still open (other files on the run's kiosk book the first ones) is made full (two chairs): HOLDER and NEIGHBOUR
  const slot = (await openSlots(url, dayId, 'haircut')).pop()!;
  const start = Number(slot.slice(-4, -2)) * 60 + Number(slot.slice(-2));
  fullLabel = `${hm(start)}–${hm(start + 20)}`;
  expect(await callAs(url, 'market', HOLDER, { action: 'book', slotId: slot, requestId: 'screens-holder-1' })).toMatchObject({ ok: true });
  if ((await openSlots(url, dayId, 'haircut')).includes(slot)) expect(await callAs(url, 'market', NEIGHBOUR, { action: 'book', slotId: slot, requestId: 'screens-neighbour-1' })).toMatchObject({ ok: true });
  expect(await openSlots(url, dayId, 'haircut')).not.toContain(slot);
  // HOLDER: one more coming booking, one on the next market day, one cancelled
  const knifeSlot = (await openSlots(url, dayId, 'knife'))[0];
  const knife = await callAs<{ id: string }>(url, 'market', HOLDER, { action: 'book', slotId: knifeSlot, requestId: 'screens-holder-2' });
  expect(knife.ok).toBe(true);
  expect(await callAs(url, 'market', HOLDER, { action: 'cancelBooking', bookingId: knife.data!.id })).toMatchObject({ ok: true });
  expect(await callAs(url, 'market', HOLDER, { action: 'book', slotId: knifeSlot, requestId: 'screens-holder-3' })).toMatchObject({ ok: true });
  if (days[1]) expect(await callAs(url, 'market', HOLDER, { action: 'book', slotId: (await openSlots(url, days[1].id, 'haircut'))[0], requestId: 'screens-holder-4' })).toMatchObject({ ok: true });
}, 300_000);

const SCREENS: Screen[] = [
  {
    name: 'market-day',
    as: VIEWER,
    route: () => `/market/pages/day/index?id=${dayId}`,
    ready: '爱心义剪',
    then: async (page) => {
      // 爱心义剪 is open: its full slot is marked (a resident can join its waitlist: 已满 · 去候补), its open ones show places left
      await page.locator('.service-card[data-service="爱心义剪"] .slot-full', { hasText: new RegExp(`${fullLabel} 已(约满|满 · 去候补)`) }).waitFor();
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
    as: HOLDER,
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

shootAll(run, SCREENS, {
  prefix: 'screens',
  height: 3200,
  after: async (page, s, width, elder) => {
    // a card up close, to look at (the second, if there is one)
    const cards = page.locator('.page:visible .card');
    await cards.nth(Math.min(1, (await cards.count()) - 1)).screenshot({ path: path.join(run.shots, `${s.name}-${width}-${elder ? 'elder' : 'normal'}-card.png`) });
  },
});

it('a resident chooses 爱心义剪, picks a slot and confirms', async () => {
  const { context, page, errors } = await newPage(run.browser, 320, 800);
  try {
    await step(page, 'screens-flow-open', () => openAs(page, run.kiosk.url, BOOKER, `/market/pages/day/index?id=${dayId}`, '爱心义剪', true));
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
