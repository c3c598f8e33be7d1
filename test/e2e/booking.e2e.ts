/**
 * The booking flow in a real browser against `npm start`'s server: a resident (贾春梅, registered in
 * WeChat for this file) books 爱心义剪 at a slot, sees it under my bookings and cancels it; another
 * (贾秋生) then books the freed place. On the run's kiosk: both are this file's own people.
 */
import type { Page } from 'playwright-core';
import { button, callAs, openAs, step, uniqueOpenid, useRun } from './harness';

const run = useRun();
const FIRST = uniqueOpenid('booking-first');
const SECOND = uniqueOpenid('booking-second');

beforeAll(async () => {
  for (const [openid, name, room] of [
    [FIRST, '贾春梅', '301'],
    [SECOND, '贾秋生', '302'],
  ]) {
    expect(await callAs(run.kiosk.url, 'account', openid, { action: 'register', name, estateId: 'e-bishan', building: '2号楼', unit: '3单元', room })).toMatchObject({ ok: true });
  }
});

/** Opens home as `openid` (a reload, as the identity switch does). */
const actAs = (page: Page, openid: string) => openAs(page, run.kiosk.url, openid, '/pages/index/index', '预约集市服务');

it('two residents: book, see, cancel, and the freed place is booked by the other', async () => {
  const context = await run.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await step(page, '01-act-as-first', () => actAs(page, FIRST));
  await step(page, '02-open-market', async () => {
    await page.getByText(/\d+月\d+日 周五/).first().waitFor();
    await button(page, '预约集市服务').click();
    await page.getByText('爱心义剪').first().waitFor();
  });
  // 爱心义剪 is the first service that can be booked: its slots are unfolded
  // take the first slot of 爱心义剪 that still has 2 places
  const slot = page.locator('.service-card[data-service="爱心义剪"] taro-button-core', { hasText: '剩 2 位' }).first();
  const slotLabel = await step(page, '03-pick-slot', async () => ((await slot.textContent()) ?? '').split(' · ')[0]);
  expect(slotLabel).toMatch(/^\d\d:\d\d–\d\d:\d\d$/);
  await step(page, '04-confirm', async () => {
    await slot.click();
    await page.getByText('请确认预约信息').waitFor();
    await button(page, '确认预约').click();
    await page.getByText('预约成功').waitFor();
  });
  const code = await step(page, '05-code', async () => (await page.locator('.booking-code').textContent())?.trim() ?? '');
  expect(code).toMatch(/^[A-Z0-9]{6}$/);

  await step(page, '06-my-bookings', async () => {
    await button(page, '查看我的预约').click();
    const card = page.locator('.booking-card', { hasText: code });
    await card.waitFor();
    expect(await card.textContent()).toContain(slotLabel);
  });
  await step(page, '07-cancel', async () => {
    await button(page, '取消这个预约').click();
    await page.getByText('确定取消', { exact: true }).click(); // the confirmation dialog
    // the cancelled booking is folded under the earlier ones
    await button(page, '以前的和已取消的预约（1）').click();
    await page.locator('.booking-card.booking-cancelled', { hasText: '已取消' }).waitFor();
    await button(page, '取消这个预约').waitFor({ state: 'detached' });
  });

  // another resident sees the freed place (2 left again) and books it
  await step(page, '08-act-as-second', () => actAs(page, SECOND));
  await step(page, '09-second-books-freed-place', async () => {
    await button(page, '预约集市服务').click();
    const freed = page.locator('.service-card[data-service="爱心义剪"] taro-button-core', { hasText: `${slotLabel} · 剩 2 位` });
    await freed.click();
    await button(page, '确认预约').click();
    await page.getByText('预约成功').waitFor();
    expect(await page.locator('.confirm-done').textContent()).toContain(slotLabel);
  });
  expect(errors).toEqual([]);
  await context.close();
}, 180_000);
