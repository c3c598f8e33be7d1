/**
 * Notices in Chromium (issue 22, src/notices): 王乐天 (admin of 老城社区) opens 社区管理 → 公告管理 →
 * 发布公告 on home, and by tapping publishes a pinned 公告 to 壁山丽景小区 3号楼 (kind, title, text, 一栋楼,
 * 置顶, 预览, 确认发布); 赵建国 (3号楼) sees its title and 没看 on home's 社区公告 card, opens the list and the
 * notice (and again in 长辈模式: large text), and the read count is 1; 邹建庄 (5号楼) does not see it;
 * 王乐天's 公告管理 shows 已读 1 人 and he withdraws it (a reason, 确认撤下): 赵建国 no longer sees it.
 * Then every notices page at 320 and 390 px, normal and elder mode (measureEachMode: clipped, small,
 * targets, axe). Screenshots: test-artifacts/notices/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { button, callAs, measureEachMode, newPage, openAs, pageProblems, step, useRun, visiblePage, WANG, ZHAO, ZOU, type Screen } from './harness';
import type { ForMeAnswer, NoticeListAnswer } from '../../cloudfunctions/notices/contract';

const run = useRun({ shots: 'notices' });
const TITLE = `3号楼停水通知${Date.now().toString(36).slice(-4)}`;
const BODY = '明天上午9点到12点，3号楼停水检修，请大家提前储水。';
const ids = { notice: '' };
const snap = (page: Page, name: string) => page.screenshot({ path: path.join(run.shots, `${name}.png`), fullPage: true });
const forMe = async (who: string) => {
  const r = await callAs<ForMeAnswer>(run.kiosk.url, 'notices', who, { action: 'forMe' });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data!;
};
const staffRow = async () => {
  const r = await callAs<NoticeListAnswer>(run.kiosk.url, 'notices', WANG, { action: 'list' });
  return r.data!.notices.find((n) => n.title === TITLE)!;
};

it('王乐天 publishes a pinned notice to 3号楼 by tapping; 赵建国 sees it on home and opens it (count 1); 邹建庄 does not; 王乐天 withdraws it', async () => {
  const { page, errors } = await newPage(run.browser, 390, 2400);
  await step(page, 'notices01-publish', async () => {
    await openAs(page, run.kiosk.url, WANG, '/pages/index/index', '社区管理');
    await button(page, '公告管理').click();
    await button(page, '发布公告').first().waitFor({ timeout: 30_000 });
    await button(page, '发布公告').first().click();
    await visiblePage(page).locator('.publish-title').waitFor({ timeout: 30_000 });
    await button(page, /^(☑ )?公告$/).click();
    await visiblePage(page).locator('.publish-title input').fill(TITLE);
    await visiblePage(page).locator('.publish-body textarea').fill(BODY);
    await button(page, /^一栋楼$/).click();
    const estate = button(page, /壁山丽景小区/);
    if (!(await estate.textContent())?.includes('☑')) await estate.click();
    await button(page, /^3号楼$/).click();
    await button(page, /^置顶$/).click();
    await button(page, /^预览$/).click();
    await visiblePage(page).locator('.n-preview').waitFor();
    expect(await visiblePage(page).locator('.inline-confirm-text').textContent()).toContain('发给壁山丽景小区3号楼的居民，置顶');
    await snap(page, 'walk-publish-preview');
    expect(await pageProblems(page, false, 'publish-preview')).toEqual([]);
    await button(page, '确认发布').click();
    await visiblePage(page).locator('.publish-done').waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.publish-done').textContent()).toContain(TITLE);
    ids.notice = (await staffRow()).id;
    expect(ids.notice).toBeTruthy();
  });

  await step(page, 'notices02-resident', async () => {
    await openAs(page, run.kiosk.url, ZHAO, '/pages/index/index', '社区公告');
    const card = visiblePage(page).locator('.notices-home');
    expect(await card.locator('.notices-home-title').textContent()).toContain(TITLE);
    expect(await card.locator('.notices-home-count').textContent()).toMatch(/\d+ 条没看/);
    await snap(page, 'walk-home-card');
    await card.click();
    const row = visiblePage(page).locator('.n-row', { hasText: TITLE });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('没看');
    await row.click();
    await visiblePage(page).locator('.n-body', { hasText: BODY }).waitFor({ timeout: 30_000 });
    await snap(page, 'walk-notice');
    expect((await staffRow()).readCount).toBe(1);
    // opened again in elder mode: large text, still counted once
    await openAs(page, run.kiosk.url, ZHAO, `/notices/pages/detail/index?id=${ids.notice}`, BODY, true);
    const size = await visiblePage(page).locator('.n-body').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(24);
    await snap(page, 'walk-notice-elder');
    expect((await staffRow()).readCount).toBe(1);
    expect((await forMe(ZHAO)).notices.find((n) => n.id === ids.notice)!.read).toBe(true);
  });

  await step(page, 'notices03-other-building', async () => {
    expect((await forMe(ZOU)).notices.map((n) => n.title)).not.toContain(TITLE);
    await openAs(page, run.kiosk.url, ZOU, '/notices/pages/list/index', /共 \d+ 条|现在没有公告/);
    expect(await visiblePage(page).textContent()).not.toContain(TITLE);
  });

  await step(page, 'notices04-withdraw', async () => {
    await openAs(page, run.kiosk.url, WANG, '/notices/pages/manage/index', TITLE);
    const row = visiblePage(page).locator('.n-manage', { hasText: TITLE });
    expect(await row.locator('.n-reads').textContent()).toContain('已读 1 人');
    await snap(page, 'walk-manage');
    await row.locator('taro-button-core', { hasText: '撤下' }).click();
    await row.locator('.withdraw-reason input').fill('时间改了，另行通知');
    await row.locator('taro-button-core.withdraw-next').click();
    await row.locator('taro-button-core.withdraw-confirm').click();
    await visiblePage(page).locator('.n-manage.n-status-withdrawn', { hasText: TITLE }).waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.n-manage', { hasText: TITLE }).textContent()).toContain('撤下原因：时间改了，另行通知');
    expect((await forMe(ZHAO)).notices.map((n) => n.id)).not.toContain(ids.notice);
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 180_000);

const screens: Screen[] = [
  { name: 'list', as: ZHAO, route: () => '/notices/pages/list/index', ready: '社区公告' },
  { name: 'detail', as: ZHAO, route: () => '/notices/pages/detail/index?id=notice-demo-winter-power', ready: '冬季用电安全' },
  { name: 'home', as: ZHAO, route: () => '/pages/index/index', ready: '社区公告' },
  { name: 'publish', as: WANG, route: () => '/notices/pages/publish/index', ready: '预览' },
  { name: 'manage', as: WANG, route: () => '/notices/pages/manage/index', ready: '公告管理' },
];
describe('every notices page at 320 and 390 px, normal and elder mode', () => measureEachMode(run, screens, 'notices'));
