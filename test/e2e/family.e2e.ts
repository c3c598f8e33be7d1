/**
 * 家人代办 in Chromium (issue 22 §5). The demo already links 邹建庄's daughter 邹梅 (local/seed/demo-family.ts):
 * chosen in the local identity switch, she finds him under 家人代办 → 我的家人. To walk the whole linking
 * by tapping (and never depend on what other files do), 严婷 first 解除 that link on 邹建庄's counter
 * page; 邹梅 writes her name and gets a 6-digit code; 严婷 types it, taps 女儿 and his spoken consent,
 * 绑定家人: the new link is listed under 已绑定的家人 (the old one 已解除). 邹梅 switches to 为邹建庄办理:
 * the market pages show the banner 「正在为 邹建庄 办理 · 切回自己」, she books a place for him (the slip
 * names her as who made it, the page reads 「已为邹建庄预约成功」); the pages she acts for him on name him
 * (「邹建庄的预约」「邹建庄的消息」「邹建庄待取的快递」「邹建庄…反映的问题」「为邹建庄报名社区活动」), and after
 * 切回自己 the same pages read 我的预约 / 消息 again. 邹建庄 sees the booking in his own 我的预约. She cannot
 * vote for him (the function refuses `forElder` on a vote, and nothing is written). Then the family
 * page, the counter card and each page she acts for him on, at 320 and 390 px, normal and elder mode
 * (measureEachMode: clipped, small, targets, axe). Screenshots: test-artifacts/family/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { uniqueOpenid, button, callAs, measureEachMode, newPage, openAs, step, useRun, visiblePage, openSlots, YAN, ZOU, type Screen } from './harness';
import { DEMO_EVENT_ID } from '../../local/seed/demo-events';
import { FAMILY_DEMO_OPENID } from '../../local/seed/demo-family';

const run = useRun({ shots: 'family' });
const snap = (page: Page, name: string) => page.screenshot({ path: path.join(run.shots, `${name}.png`), fullPage: true });
/** 邹梅's WeChat, as the identity switch lists her (local/seed/demo-family.ts). */
const MEI = FAMILY_DEMO_OPENID;
/** The stored switch 为邹建庄办理, as the family page writes it (src/services/family.ts). */
const ACTING_ZOU = JSON.stringify({ data: { elderId: 'r-zou', elderName: '邹建庄', communityId: 'c-laocheng' } });
let dayId = '';
/** what the walk leaves for the screens: the booking she made for him, and a slot she can still book for him */
let bookingId = '';
let freeSlot = '';

/** The visible page's headings and empty-state lines (`.title`, `.subtitle`, the empty state's text). */
const headings = (page: Page) => visiblePage(page).locator('.title, .subtitle, .state-text, .bookings-none-coming').allTextContents();

it('邹建庄’s daughter links at the counter and books for him; the pages name him; he sees it; she cannot vote for him', async () => {
  const { page, errors } = await newPage(run.browser, 390, 2400);
  let code = '';
  await step(page, 'family01-demo-link', async () => {
    // the local identity switch lists her; the demo has already linked her to her father
    await page.goto(run.kiosk.url);
    await page.getByText('切换身份').click();
    await page.getByText('邹梅（邹建庄的女儿）').first().click();
    await page.getByText('当前身份：邹梅（老城社区）').waitFor();
    await visiblePage(page).locator('.home-family').click();
    await visiblePage(page, '我的家人').locator('.family-elder[data-elder="r-zou"]', { hasText: '由 严婷 在解忧铺绑定' }).waitFor({ timeout: 30_000 });
    await snap(page, 'walk-demo-link');
  });

  await step(page, 'family02-unlink', async () => {
    // 严婷 undoes it on his page (asked first, inside the card), so the linking below is walked whole
    await openAs(page, run.kiosk.url, YAN, '/counter/pages/resident/index?id=r-zou', '已绑定的家人');
    const row = visiblePage(page).locator('.family-link-row', { hasText: '邹梅（女儿）' }).filter({ hasNotText: '已解除' });
    await row.locator('.family-unlink').click();
    await row.getByText('解除以后，邹梅不能再替邹建庄办事').waitFor();
    await row.locator('.family-unlink-yes').click();
    await visiblePage(page).locator('.family-link-row', { hasText: '邹梅（女儿） · 已解除' }).first().waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.family-link-row', { hasText: '邹梅（女儿）' }).filter({ hasNotText: '已解除' }).count()).toBe(0);
  });

  await step(page, 'family03-code', async () => {
    await openAs(page, run.kiosk.url, MEI, '/family/pages/index/index', '获取绑定码');
    await visiblePage(page).locator('.family-none').waitFor({ timeout: 30_000 });
    await visiblePage(page).locator('.family-name-input input').fill('邹梅');
    await button(page, '获取绑定码').click();
    await visiblePage(page).locator('.family-code').waitFor({ timeout: 30_000 });
    code = (await visiblePage(page).locator('.family-code').textContent())!.trim();
    expect(code).toMatch(/^\d{6}$/);
    expect(await visiblePage(page).locator('.family-code-expiry').textContent()).toMatch(/30 分钟内有效（到 \d\d:\d\d 为止）/);
    await snap(page, 'walk-code');
  });

  await step(page, 'family04-counter', async () => {
    await openAs(page, run.kiosk.url, YAN, '/counter/pages/resident/index?id=r-zou', '绑定家人');
    await visiblePage(page).locator('.family-code-input input').fill(code);
    await button(page, /^女儿$/).click();
    // the counter asks for his consent as elsewhere: without it, the page says so and sends nothing
    await button(page, '绑定家人').click();
    await visiblePage(page).getByText('请先问邹建庄是否同意').waitFor();
    await visiblePage(page).locator('.family-consent').click();
    await button(page, '绑定家人').click();
    await visiblePage(page).locator('.family-linked', { hasText: '邹建庄的女儿 邹梅' }).waitFor({ timeout: 30_000 });
    await visiblePage(page).locator('.family-link-row', { hasText: '邹梅（女儿）' }).filter({ hasNotText: '已解除' }).waitFor({ timeout: 30_000 });
    await snap(page, 'walk-counter-linked');
  });

  await step(page, 'family05-switch', async () => {
    await openAs(page, run.kiosk.url, MEI, '/family/pages/index/index', '我的家人');
    await button(page, '为邹建庄办理').click();
    await visiblePage(page).locator('.family-acting', { hasText: '正在为 邹建庄 办理' }).waitFor();
    // the ways to act for him name him
    for (const t of ['邹建庄的预约', '为邹建庄反映问题', '邹建庄的消息', '邹建庄的快递']) await button(page, t).waitFor();
    await snap(page, 'walk-acting');
  });

  await step(page, 'family06-book', async () => {
    const days = await callAs<{ days: { id: string }[] }>(run.kiosk.url, 'market', ZOU, { action: 'listMarketDays' });
    dayId = days.data!.days[days.data!.days.length - 1].id;
    await openAs(page, run.kiosk.url, MEI, `/market/pages/day/index?id=${encodeURIComponent(dayId)}`, '正在为 邹建庄 办理');
    const slot = visiblePage(page).locator('.service-card[data-service="爱心义剪"] taro-button-core', { hasText: '剩' }).first();
    await slot.click();
    await visiblePage(page, '请确认为邹建庄预约的信息').locator('.family-banner').waitFor({ timeout: 30_000 });
    await button(page, '确认预约').click();
    await visiblePage(page).locator('.booking-code').waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.booking-title').textContent()).toBe('已为邹建庄预约成功');
    await visiblePage(page).getByText('邹建庄的预约码（到场时给工作人员看）').waitFor();
    // how to cancel, once on screen (the slip's paper-only line stays off the screen)
    expect(await visiblePage(page).locator('.slip-cancel:visible').allTextContents()).toEqual(['不能来了：在“邹建庄的预约”里点“取消预约”，或打上面的电话']);
    await snap(page, 'walk-booked');
    await button(page, '查看邹建庄的预约').click();
    await visiblePage(page, '正在为 邹建庄 办理').locator('.bookings-title', { hasText: '邹建庄的预约' }).waitFor({ timeout: 30_000 });
    await visiblePage(page).locator('.booking-card', { hasText: '由家人 邹建庄的女儿 邹梅 代为预约' }).first().waitFor({ timeout: 30_000 });
    // the day she booked from reads his booking (the market day is read for him too)
    await openAs(page, run.kiosk.url, MEI, `/market/pages/day/index?id=${encodeURIComponent(dayId)}`, '正在为 邹建庄 办理');
    const haircut = visiblePage(page).locator('.service-card[data-service="爱心义剪"]');
    await haircut.locator('taro-button-core', { hasText: '查看邹建庄的预约' }).waitFor({ timeout: 30_000 });
    expect(await haircut.getByText('您已预约').count()).toBe(0);
  });
  const booked = await callAs<{ id: string; actorName: string; serviceName: string; status: string }[]>(run.kiosk.url, 'market', ZOU, { action: 'myBookings' });
  const mine = booked.data!.filter((b) => b.actorName === '邹建庄的女儿 邹梅' && b.status === 'booked');
  expect(mine.map((b) => b.serviceName)).toEqual(['爱心义剪']);
  bookingId = mine[0].id;
  freeSlot = (await openSlots(run.kiosk.url, dayId, 'knife'))[0] ?? '';

  // each page she acts for him on names him, never 我的 (whatever other files have done for him)
  const named: { route: string; says: RegExp }[] = [
    { route: '/market/pages/bookings/index', says: /^邹建庄的预约$/ },
    { route: '/pages/messages/index', says: /^邹建庄的消息$/ },
    { route: '/parcels/pages/mine/index', says: /^邹建庄待取的快递$/ },
    { route: '/ticket/pages/mine/index', says: /^(邹建庄还没有反映过问题|邹建庄反映的问题（\d+）)$/ },
    { route: '/events/pages/list/index', says: /^为邹建庄报名社区活动$/ },
    { route: '/ticket/pages/report/index', says: /^为邹建庄反映问题$/ },
  ];
  await step(page, 'family07-pages-name-him', async () => {
    for (const n of named) {
      await openAs(page, run.kiosk.url, MEI, n.route, '正在为 邹建庄 办理');
      await visiblePage(page).locator('.title, .state-text', { hasText: n.says }).first().waitFor({ timeout: 30_000 });
      const texts = await headings(page);
      expect({ route: n.route, mine: texts.filter((t) => /我的|我反映|您还没有|没有您的/.test(t)) }).toEqual({ route: n.route, mine: [] });
    }
  });

  await step(page, 'family08-he-sees-it', async () => {
    // his own phone: no 为TA办理 switch on it
    await page.evaluate(() => localStorage.removeItem('kiosk.familyActing'));
    await openAs(page, run.kiosk.url, ZOU, '/market/pages/bookings/index', '爱心义剪');
    await visiblePage(page).locator('.booking-card', { hasText: '邹建庄的女儿 邹梅' }).first().waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.bookings-title').textContent()).toBe('我的预约');
    await snap(page, 'walk-his-bookings');
  });

  await step(page, 'family09-no-vote', async () => {
    const topics = await callAs<{ items: { id: string; status: string }[] }>(run.kiosk.url, 'consult', ZOU, { action: 'topics' });
    const topicId = topics.data?.items[0]?.id ?? 'no-topic';
    const before = await callAs<{ myVote: unknown }>(run.kiosk.url, 'consult', ZOU, { action: 'topic', topicId });
    const vote = await callAs(run.kiosk.url, 'consult', MEI, { action: 'vote', topicId, choice: 'agree', requestId: 'family-e2e-vote-1', forElder: 'r-zou' });
    expect(vote.ok ? 'ok' : vote.error!.code).toBe('COMMON.FORBIDDEN');
    const after = await callAs<{ myVote: unknown }>(run.kiosk.url, 'consult', ZOU, { action: 'topic', topicId });
    expect(after.data?.myVote ?? null).toEqual(before.data?.myVote ?? null);
    // 社区议事 is never a page she acts for him on: no banner there
    await openAs(page, run.kiosk.url, MEI, '/consult/pages/index/index', /社区议事|议事/);
    expect(await visiblePage(page).locator('.family-banner').count()).toBe(0);
  });

  await step(page, 'family10-switch-back', async () => {
    await page.evaluate((v) => localStorage.setItem('kiosk.familyActing', v), ACTING_ZOU);
    await openAs(page, run.kiosk.url, MEI, '/market/pages/bookings/index', '正在为 邹建庄 办理');
    await visiblePage(page).locator('.bookings-title', { hasText: '邹建庄的预约' }).waitFor({ timeout: 30_000 });
    await button(page, '切回自己').click();
    await visiblePage(page).locator('.home-family').waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.home-family-acting').count()).toBe(0);
    // the same pages are her own again: 我的预约, 消息 — no banner, no name of his
    for (const [route, title] of [['/market/pages/bookings/index', '我的预约'], ['/pages/messages/index', '消息'], ['/parcels/pages/mine/index', '待取的快递']]) {
      await openAs(page, run.kiosk.url, MEI, route, title);
      await visiblePage(page).locator('.title', { hasText: new RegExp(`^${title}$`) }).first().waitFor({ timeout: 30_000 });
      expect(await visiblePage(page).locator('.family-banner').count()).toBe(0);
      expect((await headings(page)).filter((t) => t.includes('邹建庄'))).toEqual([]);
    }
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 300_000);

/** Turns 为邹建庄办理 on (the stored switch, as the family page writes it) and opens the page again. */
async function actingForZou(page: Page): Promise<void> {
  await page.evaluate((v) => localStorage.setItem('kiosk.familyActing', v), ACTING_ZOU);
  await page.reload();
}

/** A page she acts for him on, photographed while acting: the banner, and the heading `says` naming him. */
const acting = (name: string, route: () => string, says: string | RegExp): Screen => ({
  name,
  as: MEI,
  route,
  ready: /./,
  then: async (page) => {
    await actingForZou(page);
    await visiblePage(page, '正在为 邹建庄 办理').locator('.title, .state-text, .booking-title', { hasText: says }).first().waitFor({ timeout: 30_000 });
  },
});

// her own pages first: the switch, once on, stays on in the context (as on her phone)
const screens: Screen[] = [
  { name: 'family', as: MEI, route: () => '/family/pages/index/index', ready: '我的家人' },
  // a fresh WeChat each time (a WeChat has 5 codes a day)
  { name: 'family-code', as: () => uniqueOpenid('family-code'), route: () => '/family/pages/index/index', ready: '获取绑定码', then: async (page) => {
    await visiblePage(page).locator('.family-name-input input').fill('邹梅');
    await button(page, '获取绑定码').click();
    await visiblePage(page).locator('.family-code').waitFor({ timeout: 30_000 });
  } },
  { name: 'counter-family', as: YAN, route: () => '/counter/pages/resident/index?id=r-zou', ready: '已绑定的家人' },
  acting('bookings-acting', () => '/market/pages/bookings/index', '邹建庄的预约'),
  acting('booking-acting', () => `/market/pages/booking/index?id=${encodeURIComponent(bookingId)}`, '已为邹建庄预约成功'),
  acting('day-acting', () => `/market/pages/day/index?id=${encodeURIComponent(dayId)}`, /集市/),
  acting('confirm-acting', () => `/market/pages/confirm/index?day=${encodeURIComponent(dayId)}&slot=${encodeURIComponent(freeSlot)}`, '请确认为邹建庄预约的信息'),
  acting('messages-acting', () => '/pages/messages/index', '邹建庄的消息'),
  acting('parcels-acting', () => '/parcels/pages/mine/index', '邹建庄待取的快递'),
  acting('tickets-acting', () => '/ticket/pages/mine/index', /^(邹建庄还没有反映过问题|邹建庄反映的问题（\d+）)$/),
  acting('report-acting', () => '/ticket/pages/report/index', '为邹建庄反映问题'),
  acting('events-acting', () => '/events/pages/list/index', '为邹建庄报名社区活动'),
  acting('event-acting', () => `/events/pages/detail/index?id=${DEMO_EVENT_ID}`, '石榴籽文艺演出'),
];
describe('the family pages at 320 and 390 px, normal and elder mode', () => measureEachMode(run, screens, 'family'));
