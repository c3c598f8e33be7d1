/**
 * 解忧智囊团 in Chromium (issue 22, src/volunteers): 王乐天 (admin of 老城社区) taps 解忧智囊团 on home's
 * 柜台代办 card, finds 何德福 by name, taps him and 巡逻员, taps 招募 and confirms: he is on the team
 * list. In the 值班表 he puts him on today's 晚上 (tapping the day, the slot and his name), confirms,
 * then taps 已值班 on that duty and confirms: it reads 已值班. 何德福 then sees the 我的志愿服务 card on
 * home, and on the page today's duty (已值班) and 3小时 of 值班.
 * 孔令军 (the demo's 巡逻员) opens 我的志愿服务 → 巡逻, picks a grid, 开始巡逻, adds a place, 结束巡逻
 * and confirms: he reads 「巡逻了 N 分钟，已记入志愿服务时长」 and the round under 最近的巡逻.
 * Then the pages at 320 and 390 px, normal and elder mode (measureEachMode: clipped, small, targets,
 * axe), with the demo's volunteers (孔令军 on duty today). Screenshots: test-artifacts/volunteers/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { button, measureEachMode, newPage, openAs, step, useRun, visiblePage, WANG, type Screen } from './harness';

const run = useRun({ shots: 'volunteers' });
const snap = (page: Page, name: string) => page.screenshot({ path: path.join(run.shots, `${name}.png`), fullPage: true });
/** 何德福 (r-he, 76, 老城社区 6号楼; the rounds seed's resident, not on the demo team). */
const HE = 'local-r-he';
/** 孔令军 (r-kong), the demo's 巡逻员, on duty this morning. */
const KONG = 'local-r-kong';

it('王乐天 enlists 何德福 by tapping, puts him on today’s roster, marks it done; 何德福 sees the duty and his hours', async () => {
  const { page, errors } = await newPage(run.browser, 390, 2400);
  await step(page, 'volunteers01-enlist', async () => {
    await openAs(page, run.kiosk.url, WANG, '/pages/index/index', '柜台代办');
    await button(page, '解忧智囊团').click();
    await visiblePage(page).getByText('招募志愿者').first().waitFor({ timeout: 30_000 });
    await visiblePage(page).locator('.v-search input').fill('何德福');
    await button(page, '查找居民').click();
    await visiblePage(page).locator('.v-resident', { hasText: '何德福' }).first().click();
    await visiblePage(page).locator('.v-enlist-role', { hasText: '巡逻员' }).click();
    await button(page, /^招募$/).click();
    expect(await visiblePage(page).locator('.v-enlist .inline-confirm-text').textContent()).toContain('招募 何德福 做巡逻员？');
    await snap(page, 'walk-enlist-confirm');
    await button(page, '确定招募').click();
    await visiblePage(page).locator('.v-enlisted', { hasText: '何德福' }).waitFor({ timeout: 30_000 });
    await visiblePage(page).locator('.v-member', { hasText: '何德福' }).waitFor({ timeout: 30_000 });
  });

  await step(page, 'volunteers02-roster', async () => {
    // today is the first day offered; 晚上, then 何德福 (his one role is chosen with him)
    await visiblePage(page).locator('.v-duty-slot', { hasText: '晚上' }).click();
    await visiblePage(page).locator('.v-duty-who', { hasText: '何德福' }).click();
    await button(page, /^排班$/).click();
    expect(await visiblePage(page).locator('.v-set-duty .inline-confirm-text').textContent()).toContain('何德福 值班（巡逻员）');
    await button(page, '确定排班').click();
    const duty = visiblePage(page).locator('.v-duty', { hasText: '晚上 · 何德福' });
    await duty.waitFor({ timeout: 30_000 });
    await duty.locator('.v-duty-done').click();
    await button(page, '确定已值班').click();
    await visiblePage(page).locator('.v-duty', { hasText: '晚上 · 何德福' }).filter({ hasText: '已值班' }).waitFor({ timeout: 30_000 });
    await snap(page, 'walk-roster-done');
  });

  await step(page, 'volunteers03-volunteer', async () => {
    await openAs(page, run.kiosk.url, HE, '/pages/index/index', '我的志愿服务');
    await snap(page, 'walk-home-card');
    await visiblePage(page).locator('.home-volunteer').click();
    await visiblePage(page).locator('.v-duty', { hasText: '晚上' }).filter({ hasText: '已值班' }).waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.v-duty', { hasText: '晚上' }).textContent()).toContain('今天');
    expect(await visiblePage(page).locator('.v-hours-total').textContent()).toBe('3小时');
    expect(await visiblePage(page).locator('.v-hours-source').first().textContent()).toContain('值班');
    await snap(page, 'walk-mine');
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 180_000);

it('孔令军, a 巡逻员, walks a patrol from 我的志愿服务: grid, 开始巡逻, a place, 结束巡逻, confirmed; the minutes are credited', async () => {
  const { page, errors } = await newPage(run.browser, 390, 2400);
  await step(page, 'volunteers04-patrol', async () => {
    await openAs(page, run.kiosk.url, KONG, '/volunteers/pages/mine/index', '这周的值班');
    await visiblePage(page).locator('.v-task-patrol').click();
    await visiblePage(page, '开始一次巡逻').waitFor({ timeout: 30_000 });
    await visiblePage(page).locator('.v-patrol-grid').first().click();
    await snap(page, 'walk-patrol-start');
    await button(page, '开始巡逻').click();
    await visiblePage(page).locator('.v-patrol-open').waitFor({ timeout: 30_000 });
    await visiblePage(page).locator('.v-patrol-place-input input').fill('4号楼车棚');
    await button(page, /^加上$/).click();
    await visiblePage(page).locator('.v-patrol-place', { hasText: '4号楼车棚' }).waitFor({ timeout: 30_000 });
    await visiblePage(page).locator('.v-patrol-end').click();
    expect(await visiblePage(page).locator('.v-patrol-open .inline-confirm-text').textContent()).toContain('查了 1 处，结束这次巡逻？');
    await snap(page, 'walk-patrol-confirm');
    await button(page, '确定结束').click();
    const done = visiblePage(page).locator('.v-patrol-done');
    await done.waitFor({ timeout: 30_000 });
    expect(await done.textContent()).toMatch(/^巡逻了 \d+ 分钟，已记入志愿服务时长$/);
    await visiblePage(page).locator('.v-patrol-row', { hasText: '4号楼车棚' }).waitFor({ timeout: 30_000 });
    await visiblePage(page, '开始一次巡逻').waitFor({ timeout: 30_000 });
    await snap(page, 'walk-patrol-done');
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 180_000);

/** The 巡逻 page in its open state (a round started when none is, a place added): with the list of his ended rounds below. */
const patrolOpen = async (page: Page) => {
  if (await visiblePage(page).locator('.v-patrol-begin').count()) {
    await visiblePage(page).locator('.v-patrol-grid').first().click();
    await button(page, '开始巡逻').click();
  }
  await visiblePage(page).locator('.v-patrol-open').waitFor({ timeout: 30_000 });
  await visiblePage(page).locator('.v-patrol-place-input input').fill('2号楼楼道');
  await button(page, /^加上$/).click();
  await visiblePage(page).locator('.v-patrol-place', { hasText: '2号楼楼道' }).waitFor({ timeout: 30_000 });
};

const screens: Screen[] = [
  { name: 'team', as: WANG, route: () => '/volunteers/pages/team/index', ready: '值班表' },
  { name: 'mine', as: KONG, route: () => '/volunteers/pages/mine/index', ready: '这周的值班' },
  { name: 'home-volunteer', as: KONG, route: () => '/pages/index/index', ready: '我的志愿服务' },
  { name: 'patrol', as: KONG, route: () => '/volunteers/pages/patrol/index', ready: '最近的巡逻', then: patrolOpen },
];
describe('the volunteer pages at 320 and 390 px, normal and elder mode', () => measureEachMode(run, screens, 'volunteers'));
