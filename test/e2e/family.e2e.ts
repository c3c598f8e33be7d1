/**
 * 家人代办 in Chromium (issue 22 §5): 邹建庄's daughter 邹梅 — a WeChat the kiosk has no record of,
 * chosen in the local identity switch — opens 家人代办 from home, writes her name and gets a 6-digit
 * code; 严婷 at the counter opens 邹建庄's page, types the code, taps 女儿 and his spoken consent, 绑定家人:
 * the link is listed under 已绑定的家人. 邹梅 switches to 为邹建庄办理: the market pages show the banner
 * 「正在为 邹建庄 办理 · 切回自己」, she books a place for him (the slip names her as who made it); 邹建庄
 * sees it in his own 我的预约. She cannot vote for him (the function refuses `forElder` on a vote, and
 * nothing is written). Then the family page, the counter card and the banner at 320 and 390 px, normal
 * and elder mode (measureEachMode: clipped, small, targets, axe). Screenshots: test-artifacts/family/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { uniqueOpenid, button, callAs, measureEachMode, newPage, openAs, step, useRun, visiblePage, YAN, ZOU, type Screen } from './harness';

const run = useRun({ shots: 'family' });
const snap = (page: Page, name: string) => page.screenshot({ path: path.join(run.shots, `${name}.png`), fullPage: true });
/** 邹梅's WeChat, as the identity switch lists her (local/seed/seed.ts FAMILY_DEMO_OPENID). */
const MEI = 'local-family-zoumei';
let dayId = '';

it('邹建庄’s daughter links at the counter and books for him; he sees it; she cannot vote for him', async () => {
  const { page, errors } = await newPage(run.browser, 390, 2400);
  let code = '';
  await step(page, 'family01-code', async () => {
    // the local identity switch lists her: a WeChat with no record (the bar reads 新居民（未登记）)
    await page.goto(run.kiosk.url);
    await page.getByText('切换身份').click();
    await page.getByText('邹梅（邹建庄的女儿）').first().click();
    await page.getByText('当前身份：新居民（未登记）').waitFor();
    await visiblePage(page).locator('.home-family').click();
    await visiblePage(page, '获取绑定码').locator('.family-name-input input').fill('邹梅');
    await button(page, '获取绑定码').click();
    await visiblePage(page).locator('.family-code').waitFor({ timeout: 30_000 });
    code = (await visiblePage(page).locator('.family-code').textContent())!.trim();
    expect(code).toMatch(/^\d{6}$/);
    expect(await visiblePage(page).locator('.family-code-expiry').textContent()).toMatch(/30 分钟内有效（到 \d\d:\d\d 为止）/);
    await snap(page, 'walk-code');
  });

  await step(page, 'family02-counter', async () => {
    await openAs(page, run.kiosk.url, YAN, '/counter/pages/resident/index?id=r-zou', '绑定家人');
    await visiblePage(page).locator('.family-code-input input').fill(code);
    await button(page, /^女儿$/).click();
    // the counter asks for his consent as elsewhere: without it, the page says so and sends nothing
    await button(page, '绑定家人').click();
    await visiblePage(page).getByText('请先问邹建庄是否同意').waitFor();
    await visiblePage(page).locator('.family-consent').click();
    await button(page, '绑定家人').click();
    await visiblePage(page).locator('.family-linked', { hasText: '邹建庄的女儿 邹梅' }).waitFor({ timeout: 30_000 });
    await visiblePage(page).locator('.family-link-row', { hasText: '邹梅（女儿）' }).waitFor({ timeout: 30_000 });
    await snap(page, 'walk-counter-linked');
  });

  await step(page, 'family03-switch', async () => {
    await openAs(page, run.kiosk.url, MEI, '/family/pages/index/index', '我的家人');
    await button(page, '为邹建庄办理').click();
    await visiblePage(page).locator('.family-acting', { hasText: '正在为 邹建庄 办理' }).waitFor();
    await snap(page, 'walk-acting');
  });

  await step(page, 'family04-book', async () => {
    const days = await callAs<{ days: { id: string }[] }>(run.kiosk.url, 'market', ZOU, { action: 'listMarketDays' });
    dayId = days.data!.days[days.data!.days.length - 1].id;
    await openAs(page, run.kiosk.url, MEI, `/market/pages/day/index?id=${encodeURIComponent(dayId)}`, '正在为 邹建庄 办理');
    const slot = visiblePage(page).locator('.service-card[data-service="爱心义剪"] taro-button-core', { hasText: '剩' }).first();
    await slot.click();
    await visiblePage(page, '请确认预约信息').locator('.family-banner').waitFor({ timeout: 30_000 });
    await button(page, '确认预约').click();
    await visiblePage(page).locator('.booking-code').waitFor({ timeout: 30_000 });
    await snap(page, 'walk-booked');
  });
  const booked = await callAs<{ id: string; actorName: string; serviceName: string; status: string }[]>(run.kiosk.url, 'market', ZOU, { action: 'myBookings' });
  const mine = booked.data!.filter((b) => b.actorName === '邹建庄的女儿 邹梅' && b.status === 'booked');
  expect(mine.map((b) => b.serviceName)).toEqual(['爱心义剪']);

  await step(page, 'family05-he-sees-it', async () => {
    // his own phone: no 为TA办理 switch on it
    await page.evaluate(() => localStorage.removeItem('kiosk.familyActing'));
    await openAs(page, run.kiosk.url, ZOU, '/market/pages/bookings/index', '爱心义剪');
    await visiblePage(page).locator('.booking-card', { hasText: '邹建庄的女儿 邹梅' }).first().waitFor({ timeout: 30_000 });
    await snap(page, 'walk-his-bookings');
  });

  await step(page, 'family06-no-vote', async () => {
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

  await step(page, 'family07-switch-back', async () => {
    await page.evaluate(() => localStorage.setItem('kiosk.familyActing', JSON.stringify({ data: { elderId: 'r-zou', elderName: '邹建庄', communityId: 'c-laocheng' } })));
    await openAs(page, run.kiosk.url, MEI, '/market/pages/bookings/index', '正在为 邹建庄 办理');
    await button(page, '切回自己').click();
    await visiblePage(page).locator('.home-family').waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.home-family-acting').count()).toBe(0);
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 240_000);

/** Turns 为邹建庄办理 on (the stored switch), as the family page does. */
async function actingForZou(page: Page): Promise<void> {
  await page.evaluate(() => localStorage.setItem('kiosk.familyActing', JSON.stringify({ data: { elderId: 'r-zou', elderName: '邹建庄', communityId: 'c-laocheng' } })));
  await page.reload();
}

const screens: Screen[] = [
  { name: 'family', as: MEI, route: () => '/family/pages/index/index', ready: '我的家人' },
  // a fresh WeChat each time (a WeChat has 5 codes a day)
  { name: 'family-code', as: () => uniqueOpenid('family-code'), route: () => '/family/pages/index/index', ready: '获取绑定码', then: async (page) => {
    await visiblePage(page).locator('.family-name-input input').fill('邹梅');
    await button(page, '获取绑定码').click();
    await visiblePage(page).locator('.family-code').waitFor({ timeout: 30_000 });
  } },
  { name: 'counter-family', as: YAN, route: () => '/counter/pages/resident/index?id=r-zou', ready: '已绑定的家人' },
  { name: 'bookings-acting', as: MEI, route: () => '/market/pages/bookings/index', ready: /预约/, then: async (page) => {
    await actingForZou(page);
    await visiblePage(page, '正在为 邹建庄 办理').waitFor({ timeout: 30_000 });
  } },
];
describe('the family pages at 320 and 390 px, normal and elder mode', () => measureEachMode(run, screens, 'family'));
