/**
 * 代收快递 in Chromium (issue 22, src/parcels): 严婷 (grid worker of 老城社区) taps 代收快递 on home's
 * 柜台代办 card, finds 赵建国 by name, taps him, 中通, types the shelf A-7, taps 登记并生成取件码 and
 * confirms: the page shows the 6-digit code. 赵建国 then sees it on home's 我的快递 card and on 我的快递
 * with the code and shelf (and taps 快递到了用微信提醒我), and in 消息. 严婷 types the code into 凭取件码取件, confirms, and the parcel
 * leaves the shelf list; she finds the seeded 超期未取 parcel (货架 B-1) with the filter box and marks it
 * 送上门 (confirmed); 赵建国's 我的快递 lists them under 取过的快递.
 * Then both pages at 320 and 390 px, normal and elder mode (measureEachMode: clipped, small, targets, axe).
 * Screenshots: test-artifacts/parcels/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { button, measureEachMode, newPage, openAs, step, useRun, visiblePage, YAN, ZHAO, type Screen } from './harness';

const run = useRun({ shots: 'parcels' });
const snap = (page: Page, name: string) => page.screenshot({ path: path.join(run.shots, `${name}.png`), fullPage: true });
let code = '';

it('严婷 logs a parcel for 赵建国 by tapping, he sees its code, she picks it up by the code', async () => {
  const { page, errors } = await newPage(run.browser, 390, 2400);
  await step(page, 'parcels01-log', async () => {
    await openAs(page, run.kiosk.url, YAN, '/pages/index/index', '柜台代办');
    await button(page, '代收快递').click();
    await visiblePage(page).getByText('登记快递').first().waitFor({ timeout: 30_000 });
    await visiblePage(page).locator('.parcel-search input').fill('赵建国');
    await button(page, '查找居民').click();
    await visiblePage(page).locator('.parcel-resident', { hasText: '赵建国' }).first().click();
    await button(page, /^中通$/).click();
    await visiblePage(page).locator('.parcel-shelf input').fill('A-7');
    await button(page, '登记并生成取件码').click();
    expect(await visiblePage(page).locator('.inline-confirm-text').textContent()).toContain('给 赵建国 登记中通快递，放在货架 A-7？');
    await snap(page, 'walk-log-confirm');
    await button(page, '确定登记').click();
    await visiblePage(page).locator('.parcel-logged-code').waitFor({ timeout: 30_000 });
    code = (await visiblePage(page).locator('.parcel-logged-code').textContent())!.trim();
    expect(code).toMatch(/^\d{6}$/);
    await visiblePage(page).locator('.parcel-row', { hasText: code }).waitFor({ timeout: 30_000 });
    await snap(page, 'walk-logged');
  });

  await step(page, 'parcels02-resident', async () => {
    await openAs(page, run.kiosk.url, ZHAO, '/pages/index/index', '我的快递');
    await visiblePage(page).locator('.home-parcels-codes', { hasText: code }).waitFor({ timeout: 30_000 });
    await snap(page, 'walk-home-card');
    await visiblePage(page).locator('.home-parcels').click();
    await visiblePage(page).locator('.parcel-mine-row', { hasText: code }).waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.parcel-mine-row', { hasText: code }).textContent()).toContain('货架 A-7');
    await snap(page, 'walk-mine');
    // the next parcel also on WeChat: one tap of 允许 (the local H5 accepts every id)
    await button(page, '快递到了用微信提醒我').click();
    await visiblePage(page).locator('.parcel-remind-done').waitFor({ timeout: 30_000 });
    await openAs(page, run.kiosk.url, ZHAO, '/pages/messages/index', '您有快递到了解忧铺');
    expect(await visiblePage(page).getByText(`取件码：${code}`).count()).toBeGreaterThan(0);
  });

  await step(page, 'parcels03-pickup', async () => {
    await openAs(page, run.kiosk.url, YAN, '/parcels/pages/counter/index', '凭取件码取件');
    await visiblePage(page).locator('.parcel-row', { hasText: code }).waitFor({ timeout: 30_000 });
    // 送上门: the seeded 超期未取 parcel (货架 B-1), found with the filter box
    await visiblePage(page).locator('.parcel-filter input').fill('B-1');
    expect(await visiblePage(page).locator('.parcel-row').count()).toBe(1);
    await visiblePage(page).locator('.parcel-row', { hasText: '超期未取' }).waitFor();
    await button(page, '送上门').click();
    await button(page, '确定已送上门').click();
    await visiblePage(page).locator('.parcel-row', { hasText: '货架 B-1' }).waitFor({ state: 'detached', timeout: 30_000 });
    await visiblePage(page).locator('.parcel-filter input').fill('');
    await visiblePage(page).locator('.parcel-code input').fill(code);
    await button(page, /^取件$/).first().click();
    await button(page, '确定取件').click();
    await visiblePage(page).locator('.parcel-picked', { hasText: '赵建国' }).waitFor({ timeout: 30_000 });
    await visiblePage(page).locator('.parcel-row', { hasText: code }).waitFor({ state: 'detached', timeout: 30_000 });
    await snap(page, 'walk-picked');
    await openAs(page, run.kiosk.url, ZHAO, '/parcels/pages/mine/index', '待取的快递');
    await visiblePage(page).locator('.parcel-done', { hasText: '已取件' }).waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.parcel-mine-row', { hasText: code }).count()).toBe(0);
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 180_000);

const screens: Screen[] = [
  { name: 'counter', as: YAN, route: () => '/parcels/pages/counter/index', ready: '凭取件码取件' },
  { name: 'mine', as: ZHAO, route: () => '/parcels/pages/mine/index', ready: '待取的快递' },
  { name: 'home-resident', as: ZHAO, route: () => '/pages/index/index', ready: '我的快递' },
];
describe('the parcel pages at 320 and 390 px, normal and elder mode', () => measureEachMode(run, screens, 'parcels'));
