/**
 * Elder mode up front, one primary action on the report form, and China time on a phone set to UTC
 * (issue 17), tapped through in Chromium as the person would (one kiosk, one run.browser):
 *
 * - a first-time visitor (the local switch's 一位新居民) sees 字太小？点这里用大字 at the top of home, on
 *   the first screen, above 第一次来？先登记一下; taps 用大字: the page's text becomes large (the root
 *   carries `elder`, lines ≥ 20 px); after a reload the choice holds and the offer is not made again;
 *   the header's 大字 switch turns it off (and that holds after a reload) and on again;
 * - another first-time visitor opens the registration page: the offer is there too; 不用了 puts it
 *   away, and after a reload it stays away and the text stays standard;
 * - 赵建国 in elder mode opens 反映问题: exactly one primary button (提交) and no phone button;
 * - on a phone set to UTC (run.browser context `timezoneId: 'UTC'`), 赵建国's problem page gives its
 *   反映时间 in China time (the instant the function stored, read in Asia/Shanghai), not UTC's;
 * - home, registration and the report page at 320 and 390 px, normal and elder mode: measured
 *   (`measurePage`) and saved in test-artifacts/elder-upfront/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { button, callAs, measurePage, newPage, openAs, settle, step, visiblePage, ZHAO, useRun } from './harness';

const run = useRun({ shots: 'elder-upfront' });

const REPORT = '/ticket/pages/report/index';
const REGISTER = '/pages/register/index';
const CLEAN = (elder: boolean) => ({ clipped: [], wrapped: [], small: [], targets: [], lowContrast: [], elderRoot: elder });


const isElder = (page: Page) => visiblePage(page).evaluate((e) => e.classList.contains('elder'));
const fontOf = (page: Page, selector: string) => visiblePage(page).locator(selector).first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));

/** A first-time visitor: a fresh OPENID from the local switch, nothing stored on the device but it. */
async function firstTimeVisitor(page: Page): Promise<void> {
  await page.goto(run.kiosk.url);
  await page.getByText('切换身份').click();
  await page.getByText('一位新居民（还没登记）').click();
  await page.getByText('当前身份：新居民（未登记）').waitFor();
}

it('a first-time visitor is offered large text at the top of home, takes it, keeps it, and the header switch turns it off and on', async () => {
  const { context, page, errors } = await newPage(run.browser, 390, 844);
  try {
    await firstTimeVisitor(page);
    await step(page, 'elder-01-offer-on-top', async () => {
      const offer = visiblePage(page).locator('.elder-offer');
      await offer.getByText('字太小？点这里用大字').waitFor();
      const offerBox = (await offer.boundingBox())!;
      const registerBox = (await visiblePage(page).locator('.register-card').boundingBox())!;
      expect(offerBox.y).toBeLessThan(registerBox.y);
      // on the first screen, whole
      expect(offerBox.y + offerBox.height).toBeLessThanOrEqual(844);
      expect(await isElder(page)).toBe(false);
      expect(await visiblePage(page).locator('.elder-toggle').textContent()).toContain('☐ 大字');
    });
    const before = await fontOf(page, '.home-line');
    await step(page, 'elder-02-take-it', async () => {
      await button(page, '用大字（长辈模式）').click();
      await visiblePage(page).getByText('已换成大字（长辈模式）').waitFor();
      expect(await isElder(page)).toBe(true);
      const after = await fontOf(page, '.home-line');
      expect(after).toBeGreaterThanOrEqual(20);
      expect(after).toBeGreaterThan(before);
    });
    await step(page, 'elder-03-remembered', async () => {
      await page.reload();
      await visiblePage(page).getByText('第一次来？先登记一下').waitFor();
      expect(await isElder(page)).toBe(true);
      expect(await visiblePage(page).locator('.elder-offer').count()).toBe(0);
      expect(await visiblePage(page).locator('.elder-toggle').textContent()).toContain('☑ 大字');
    });
    await step(page, 'elder-04-header-switch-off', async () => {
      await visiblePage(page).locator('.elder-toggle').click();
      expect(await isElder(page)).toBe(false);
      expect(await visiblePage(page).locator('.elder-toggle').textContent()).toContain('☐ 大字');
      await page.reload();
      await visiblePage(page).getByText('第一次来？先登记一下').waitFor();
      expect(await isElder(page)).toBe(false);
      // the visitor chose: no offer again
      expect(await visiblePage(page).locator('.elder-offer').count()).toBe(0);
    });
    await step(page, 'elder-05-header-switch-on', async () => {
      await visiblePage(page).locator('.elder-toggle').click();
      expect(await isElder(page)).toBe(true);
      expect(await fontOf(page, '.home-line')).toBeGreaterThanOrEqual(20);
    });
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}, 180_000);

it('the registration page offers large text to a first-time visitor; 不用了 is remembered', async () => {
  const { context, page, errors } = await newPage(run.browser, 390, 844);
  try {
    await firstTimeVisitor(page);
    await step(page, 'elder-11-register-offer', async () => {
      await page.goto(`${run.kiosk.url}/#${REGISTER}`);
      await page.reload();
      await visiblePage(page).getByText('第一次来，先登记一下').waitFor();
      await visiblePage(page).locator('.elder-offer').getByText('字太小？点这里用大字').waitFor();
    });
    await step(page, 'elder-12-register-no-thanks', async () => {
      await button(page, '不用了').click();
      expect(await visiblePage(page).locator('.elder-offer').count()).toBe(0);
      await page.reload();
      await visiblePage(page).getByText('第一次来，先登记一下').waitFor();
      expect(await visiblePage(page).locator('.elder-offer').count()).toBe(0);
      expect(await isElder(page)).toBe(false);
    });
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}, 120_000);

it('the report form in elder mode has one primary button, 提交, and no phone button', async () => {
  const { context, page, errors } = await newPage(run.browser, 390, 844);
  try {
    await openAs(page, run.kiosk.url, ZHAO, REPORT, '3. 发生了什么？', true);
    expect(await isElder(page)).toBe(true);
    const primaries = visiblePage(page).locator('taro-button-core.nut-button-primary');
    expect(await primaries.allTextContents()).toEqual(['提交']);
    expect(await button(page, '用微信绑定的手机号').count()).toBe(0);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}, 120_000);

it('on a phone set to UTC, a problem’s time reads in China time', async () => {
  const r = await callAs<{ id: string }>(run.kiosk.url, 'ticket', ZHAO, { action: 'report', category: 'animals', text: '楼上的狗每天夜里叫，睡不着觉', where: {}, requestId: 'e2e-elder-utc' });
  expect(r.ok).toBe(true);
  const got = await callAs<{ view: string; ticket: { createdAt: string } }>(run.kiosk.url, 'ticket', ZHAO, { action: 'get', ticketId: r.data!.id });
  const createdAt = got.data!.ticket.createdAt;
  const china = new Date(Date.parse(createdAt) + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const chinaClock = `${pad(china.getUTCHours())}:${pad(china.getUTCMinutes())}`;
  const chinaDay = `${china.getUTCMonth() + 1}月${china.getUTCDate()}日 周${'日一二三四五六'[china.getUTCDay()]}`;
  const utc = new Date(createdAt);
  const utcClock = `${pad(utc.getUTCHours())}:${pad(utc.getUTCMinutes())}`;

  const { context, page, errors } = await newPage(run.browser, 390, 844, { timezoneId: 'UTC' });
  try {
    await step(page, 'elder-21-utc-ticket', async () => {
      await openAs(page, run.kiosk.url, ZHAO, `/ticket/pages/detail/index?id=${encodeURIComponent(r.data!.id)}`, '反映时间');
      // the phone really is in UTC
      expect(await page.evaluate(() => new Date().getTimezoneOffset())).toBe(0);
      const line = (await visiblePage(page).getByText(/^反映时间：/).textContent()) ?? '';
      expect(line).toBe(`反映时间：${chinaDay} ${chinaClock}`);
      expect(line).not.toContain(` ${utcClock}`);
    });
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}, 120_000);

describe.each([320, 390])('%i px wide', (width) => {
  it.each([false, true])('elder mode %s: home (first visit), registration and the report page measure clean', async (elder) => {
    const mode = `${width}-${elder ? 'elder' : 'normal'}`;
    const { context, page, errors } = await newPage(run.browser, width, elder ? 3600 : 2400);
    try {
      // home and registration as a first-time visitor: the offer in normal mode, its answer in elder mode
      await firstTimeVisitor(page);
      if (elder) await button(page, '用大字（长辈模式）').click();
      await visiblePage(page).getByText(elder ? '已换成大字（长辈模式）' : '字太小？点这里用大字').waitFor();
      await settle(page);
      await page.screenshot({ path: path.join(run.shots, `home-${mode}.png`), fullPage: true });
      expect(await measurePage(page, { elder })).toEqual(CLEAN(elder));

      const { context: c2, page: p2 } = await newPage(run.browser, width, elder ? 3600 : 2400);
      try {
        await firstTimeVisitor(p2);
        await p2.goto(`${run.kiosk.url}/#${REGISTER}`);
        await p2.reload();
        await visiblePage(p2).getByText('字太小？点这里用大字').waitFor();
        if (elder) await button(p2, '用大字（长辈模式）').click();
        await settle(p2);
        await p2.screenshot({ path: path.join(run.shots, `register-${mode}.png`), fullPage: true });
        expect(await measurePage(p2, { elder })).toEqual(CLEAN(elder));
      } finally {
        await c2.close();
      }

      await openAs(page, run.kiosk.url, ZHAO, REPORT, '3. 发生了什么？', elder);
      await settle(page);
      await page.screenshot({ path: path.join(run.shots, `report-${mode}.png`), fullPage: true });
      expect(await measurePage(page, { elder })).toEqual(CLEAN(elder));
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
