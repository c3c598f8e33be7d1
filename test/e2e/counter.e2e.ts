/**
 * The counter in a real browser: 严婷 (grid worker) finds 钟建平 — this file's own resident of 3号楼,
 * registered in WeChat with no phone, on the run's kiosk — books 爱心义剪 for him with his spoken
 * consent, and the booking shows under his name as made by her — at the counter and in his own
 * "my bookings"; she also reports a problem for him, queued for his grid.
 */
import type { Page } from 'playwright-core';
import { actAs as actAsPerson, button, callAs, openAs, step, uniqueOpenid, useRun } from './harness';

const run = useRun();
const HIM = uniqueOpenid('counter');

beforeAll(async () => {
  expect(await callAs(run.kiosk.url, 'account', HIM, { action: 'register', name: '钟建平', estateId: 'e-bishan', building: '3号楼', unit: '1单元', room: '102' })).toMatchObject({ ok: true });
});

const actAs = (page: Page, name: string) => actAsPerson(page, run.kiosk.url, name);

it('严婷 books 爱心义剪 for 钟建平 at the counter; it shows under his name as made by her', async () => {
  const context = await run.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await step(page, 'counter-01-act-as-yan', () => actAs(page, '严婷'));
  await step(page, 'counter-02-find-him', async () => {
    await button(page, '为居民代办').click();
    await page.locator('.counter-input input').fill('3号楼');
    await button(page, '查找居民').click();
    const card = page.locator('.resident-card', { hasText: '钟建平' });
    await card.waitFor();
    // he registered in WeChat: labelled by his linked WeChat, not by the phone he never gave (issue 17)
    expect(await card.textContent()).toContain('已关联微信，自己能在手机上办');
    await card.click();
  });
  await step(page, 'counter-03-pick-slot', async () => {
    await button(page, /为钟建平预约/).first().click();
    await page.getByText('正在为 钟建平 代为预约').waitFor();
    await page.locator('.service-card[data-service="爱心义剪"] taro-button-core', { hasText: '剩 2 位' }).first().click();
    await page.getByText('为 钟建平 代为预约', { exact: true }).waitFor();
  });
  await step(page, 'counter-04-consent-required', async () => {
    await button(page, '确认预约').click();
    await page.getByText('请先问居民是否同意由您代为预约').waitFor();
  });
  const code = await step(page, 'counter-05-book-with-consent', async () => {
    await button(page, '已问过居民').click();
    await button(page, '确认预约').click();
    await page.getByText('已为 钟建平 预约成功').waitFor();
    return ((await page.locator('.slip-code').textContent()) ?? '').trim();
  });
  expect(code).toMatch(/^[A-Z0-9]{6}$/);
  await step(page, 'counter-06-under-his-name', async () => {
    await button(page, '回到 钟建平 的预约').click();
    const card = page.locator('.booking-card', { hasText: code });
    await card.waitFor();
    expect(await card.textContent()).toContain('由 严婷 在解忧铺代为预约（居民已口头同意）');
  });
  await step(page, 'counter-07-report-for-him', async () => {
    await button(page, '为钟建平反映问题').click();
    await page.getByText('为 钟建平 反映问题').waitFor();
    await button(page, '占用公共空间').click();
    await page.locator('.counter-textarea textarea').fill('楼道里堆满了杂物，老人上下楼不方便');
    // the place: his own building is chosen already; the spot is chosen from the list
    expect(await page.locator('.place-buildings').textContent()).toContain('☑ 3号楼');
    await button(page, '楼道').click();
    await button(page, '提交，转给网格员').click();
    await page.getByText('请先问居民是否同意由您代为反映').waitFor(); // consent first
    await button(page, '已问过居民').click();
    await button(page, '提交，转给网格员').click();
    await page.getByText('已替 钟建平 反映').waitFor();
    expect(await page.locator('.counter-report-done').textContent()).toContain('已转给网格员 严婷');
    await button(page, '回到 钟建平 的页面').click();
    await page.locator('.ticket-card', { hasText: '由 严婷 代为反映' }).waitFor();
    expect(await page.locator('.ticket-card', { hasText: '由 严婷 代为反映' }).first().textContent()).toContain('地点：楼道');
  });
  await step(page, 'counter-08-he-sees-it', async () => {
    await openAs(page, run.kiosk.url, HIM, '/pages/index/index', '我的预约');
    await button(page, '我的预约').click();
    const card = page.locator('.booking-card', { hasText: code });
    await card.waitFor();
    expect(await card.textContent()).toContain('由 严婷 在解忧铺代为预约');
  });
  expect(errors).toEqual([]);
  await context.close();
}, 180_000);

it('a full market slot at the counter: 严婷 puts 钟建平 in line (帮钟建平排候补, consent first); his counter page lists it as hers, and 取消候补 gives it up', async () => {
  // the last market day's 法律咨询 11:00 (one place) is full: a neighbour of this file took it (or
  // someone else already had)
  const days = await callAs<{ days: { id: string; dateLabel: string }[] }>(run.kiosk.url, 'market', HIM, { action: 'listMarketDays' });
  const last = days.data!.days[days.data!.days.length - 1];
  const filler = uniqueOpenid('counter-fill');
  expect(await callAs(run.kiosk.url, 'account', filler, { action: 'register', name: '马秀英', estateId: 'e-bishan', building: '3号楼', unit: '1单元', room: '103' })).toMatchObject({ ok: true });
  const took = await callAs(run.kiosk.url, 'market', filler, { action: 'book', slotId: `${last.id}_svc-lc-legal_1100`, requestId: `counter-fill-${Date.now()}` });
  expect(took.ok || took.error?.code === 'BOOKING.SLOT_FULL').toBe(true);

  const context = await run.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await step(page, 'counter-wait-01-his-page', async () => {
    await actAs(page, '严婷');
    await button(page, '为居民代办').click();
    await page.locator('.counter-input input').fill('3号楼');
    await button(page, '查找居民').click();
    await page.locator('.resident-card', { hasText: '钟建平' }).click();
  });
  await step(page, 'counter-wait-02-full-slot', async () => {
    await button(page, new RegExp(`为钟建平预约\\s*${last.dateLabel}`)).click();
    await page.getByText('正在为 钟建平 代为预约').waitFor();
    const legal = page.locator('.service-card[data-service="法律咨询"]');
    if (!(await legal.locator('.slot-list').count())) await legal.locator('.service-toggle').click();
    await legal.locator('taro-button-core', { hasText: '11:00' }).filter({ hasText: '去候补' }).click();
    await page.getByText('这个时段已约满').waitFor();
    await page.getByText('可以帮钟建平排队候补').waitFor();
  });
  await step(page, 'counter-wait-03-consent-first', async () => {
    await button(page, '帮钟建平排候补').click();
    await page.getByText('请先问居民是否同意由您代为排候补').waitFor();
    await button(page, '已问过居民').click();
    await button(page, '帮钟建平排候补').click();
    await page.getByText(/钟建平排在候补第 \d+ 位/).first().waitFor();
  });
  await step(page, 'counter-wait-04-listed-at-the-counter', async () => {
    await button(page, '回到钟建平的页面').click();
    const card = page.locator('.waitlist-card', { hasText: '法律咨询' });
    await card.waitFor();
    expect(await card.textContent()).toContain('由 严婷 代为排候补');
    const his = await callAs<{ serviceName: string; actorName: string | null }[]>(run.kiosk.url, 'market', HIM, { action: 'myWaitlist' });
    expect(his.ok && his.data!.filter((e) => e.serviceName === '法律咨询').map((e) => e.actorName)).toEqual(['严婷']);
  });
  await step(page, 'counter-wait-05-give-it-up', async () => {
    const card = page.locator('.waitlist-card', { hasText: '法律咨询' });
    await card.locator('taro-button-core', { hasText: '取消候补' }).first().click();
    await page.getByText('确定为钟建平取消候补吗').waitFor();
    await button(page, '确定取消候补').click();
    await page.getByText(/已为钟建平取消候补：法律咨询/).waitFor();
    // the list is read again: his place is gone from it
    await page.locator('.waitlist-card', { hasText: '法律咨询' }).waitFor({ state: 'detached', timeout: 15_000 });
    // and in his own 候补 too
    const his = await callAs<{ serviceName: string }[]>(run.kiosk.url, 'market', HIM, { action: 'myWaitlist' });
    expect(his.ok && his.data!.filter((e) => e.serviceName === '法律咨询')).toEqual([]);
  });
  expect(errors).toEqual([]);
  await context.close();
}, 180_000);
