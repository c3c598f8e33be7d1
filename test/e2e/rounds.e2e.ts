/**
 * The grid workers' own rounds in Chromium (issue 21, src/rounds): 严婷 (grid worker of 老城社区, grids
 * G-LC-01 and G-LC-02)
 * - taps 我的住户 on home, finds a due household (a resident this file registers in 1号楼, never visited)
 *   by typing its room with full-width digits, opens it, marks it 独居老人 (confirmed; the plan becomes
 *   every 7 days), taps 记录走访, picks 见到家属 and two topics, writes a
 *   note and taps 发现问题: the visit is saved and the staff filing page opens with the household's place
 *   (1号楼, 3单元908) and the source 自己找 fixed; she files the problem and goes back to the household, which
 *   shows the visit with its ticket; through the gateway the ticket's source is selfFound (自己找) and the
 *   visit lists the ticket;
 * - starts a patrol, ticks a building and types a place, files a problem found on it (自己找, linked to the
 *   patrol) and comes back to the round with its places kept, ends it, and finds it in her patrol records;
 * - takes the problem found on the visit through to 办结 by tapping (受理, 反馈; 王乐天 核查 on site; 办结 — a
 *   problem she found herself has no reporter to follow up), and 王乐天's 统计 then counts it: one more
 *   closed and one more check than before, and the 走访巡查 figures as console.stats answers them;
 * and 王乐天 (admin) opens 走访计划 from home, is stopped on 0 days, and saves the plan.
 * Then every rounds page at 320 and 390 px, normal and elder mode (measureEachMode: clipped, small, targets, typed text and placeholders, axe).
 * Screenshots: test-artifacts/rounds/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { button, callAs, measureEachMode, newPage, openAs, pageProblems, step, uniqueOpenid, useRun, visiblePage, WANG, YAN, type Screen, thisMonth } from './harness';
import type { StatsView } from '../../cloudfunctions/console/contract';

const run = useRun({ shots: 'rounds' });
const RESIDENT = uniqueOpenid('rounds');
const ROOM = '908';
const KEY = `e-bishan|1|3|${ROOM}`;
const ids = { visit: '', ticket: '' };
const snap = (page: Page, name: string) => page.screenshot({ path: path.join(run.shots, `${name}.png`), fullPage: true });

beforeAll(async () => {
  // a household of 严婷's first grid (G-LC-01: 壁山丽景小区 1–3号楼) nobody has visited: due
  expect(await callAs(run.kiosk.url, 'account', RESIDENT, { action: 'register', name: '柏桂香', estateId: 'e-bishan', building: '1号楼', unit: '3单元', room: ROOM })).toMatchObject({ ok: true });
}, 60_000);

it('严婷 visits a due household, files the problem she found there, and the household shows the visit and its ticket', async () => {
  const { page, errors } = await newPage(run.browser, 390, 2400);
  await step(page, 'rounds01-households', async () => {
    await openAs(page, run.kiosk.url, YAN, '/pages/index/index', '入户走访和巡查');
    await button(page, '我的住户').click();
    await visiblePage(page).locator('.households-totals').waitFor({ timeout: 30_000 });
    await button(page, /^待走访$/).click();
    await visiblePage(page).locator('.households-search input').fill('１号楼９０８');
    const row = visiblePage(page).locator(`.household-row[data-key="${KEY}"]`);
    await row.waitFor();
    expect(await visiblePage(page).locator('.household-row').count()).toBe(1);
    expect(await row.textContent()).toContain('该走访了');
    expect(await row.textContent()).toContain('柏桂香');
    await snap(page, 'walk-households');
    await row.click();
    await visiblePage(page).locator('.household-visits', { hasText: '还没有走访记录。' }).waitFor({ timeout: 30_000 });
    // 关爱对象: marked with a confirmation; the plan follows (独居老人: every 7 days by default)
    await button(page, '修改关爱标记').click();
    await button(page, /^独居老人$/).click();
    await button(page, '保存关爱标记…').click();
    await button(page, '确定保存').click();
    await visiblePage(page).locator('.household-tags .r-tag', { hasText: '独居老人' }).waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.household-plan').textContent()).toContain('每 7 天');
  });

  await step(page, 'rounds02-visit', async () => {
    await button(page, '记录走访').click();
    await visiblePage(page).getByText('见到谁了？').waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.visit-dates').textContent()).toContain('☑ 今天');
    await button(page, /^见到家属$/).click();
    await button(page, /^政策宣传$/).click();
    await button(page, /^了解需求$/).click();
    await visiblePage(page).locator('.visit-note textarea').fill('女儿在家，说楼顶有人养鸽子，晾的衣服常被弄脏。');
    await snap(page, 'walk-visit-form');
    expect(await pageProblems(page, false, 'visit-filled')).toEqual([]);
    await button(page, '发现问题（保存走访，再登记工单）').click();
    await visiblePage(page).getByText('登记我发现的问题').waitFor({ timeout: 30_000 });
    expect(page.url()).toContain('visitId=');
    ids.visit = decodeURIComponent(/visitId=([^&]+)/.exec(page.url())![1]);
  });

  await step(page, 'rounds03-file', async () => {
    const form = visiblePage(page);
    expect(await form.locator('.file-found-on').textContent()).toContain('入户走访');
    expect(await form.locator('.file-sources').count()).toBe(0);
    expect(await form.locator('.place-buildings').textContent()).toContain('☑ 1号楼');
    expect(await form.locator('.ticket-input input').first().inputValue()).toBe('3单元908');
    await button(page, '环境卫生').click();
    await form.locator('textarea').first().fill('1号楼楼顶搭了鸽舍，养了二十多只鸽子，邻居晾的衣服常被弄脏。');
    await snap(page, 'walk-file');
    await button(page, '登记，排进工单').click();
    await visiblePage(page).getByText('已登记').first().waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.file-done').textContent()).toContain('来源：自己找');
    await button(page, '回到这一户').click();
    const visit = visiblePage(page).locator(`.visit-item[data-visit="${ids.visit}"]`);
    await visit.waitFor({ timeout: 30_000 });
    expect(await visit.textContent()).toContain('见到家属');
    expect(await visit.textContent()).toContain('政策宣传、了解需求、发现问题');
    expect(await visit.textContent()).toContain('查看登记的问题');
    expect(await visiblePage(page).locator('.household-plan').textContent()).toContain('上次走访');
    await snap(page, 'walk-household-after');
  });

  await step(page, 'rounds04-gateway', async () => {
    const h = await callAs<{ due: boolean; visits: { id: string; ticketIds: string[]; met: string }[] }>(run.kiosk.url, 'rounds', YAN, { action: 'household', householdKey: KEY });
    expect(h.ok).toBe(true);
    expect(h.data!.due).toBe(false);
    const v = h.data!.visits.find((x) => x.id === ids.visit)!;
    expect(v.met).toBe('family');
    expect(v.ticketIds).toHaveLength(1);
    ids.ticket = v.ticketIds[0];
    const t = await callAs<{ view: string; ticket: { source: string; sourceLabel: string; categoryLabel: string } }>(run.kiosk.url, 'ticket', YAN, { action: 'get', ticketId: ids.ticket });
    expect(t).toMatchObject({ ok: true, data: { view: 'staff', ticket: { source: 'selfFound', sourceLabel: '自己找（入户走访）', categoryLabel: '环境卫生' } } });
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 240_000);


it('the problem found on the visit goes through to 办结 by tapping, and 统计 counts it (closed, checked, found on a visit)', async () => {
  expect(ids.ticket).not.toBe('');
  const stats = async () => (await callAs<StatsView>(run.kiosk.url, 'console', WANG, { action: 'stats', ...thisMonth() })).data!;
  const before = await stats();
  const { page, errors } = await newPage(run.browser, 390, 2400);
  const detail = `/desk/pages/detail/index?id=${encodeURIComponent(ids.ticket)}`;
  await step(page, 'rounds05-found-problem-closed', async () => {
    await openAs(page, run.kiosk.url, YAN, detail, '办理人');
    await button(page, /^受理$/).click();
    await visiblePage(page).getByText('已受理').first().waitFor();
    await button(page, '反馈处理结果').click();
    await page.locator('.page:visible .form-handle .ticket-textarea textarea').fill('楼道里的杂物已经清走了');
    await button(page, '保存处理结果').click();
    await visiblePage(page).getByText('下一步：请社区管理员或其他网格员到现场核查').waitFor();
    await openAs(page, run.kiosk.url, WANG, detail, '待核查');
    await button(page, /^核查$/).click();
    await button(page, /^通过$/).click();
    await page.locator('.page:visible .form-verify .ticket-textarea textarea').fill('楼道通了');
    await button(page, '确定核查通过').click();
    await visiblePage(page).getByText('核查通过。下一步').first().waitFor();
    await openAs(page, run.kiosk.url, YAN, detail, '核查通过');
    await button(page, /^办结$/).click();
    await button(page, '确定办结').click();
    await visiblePage(page).getByText('已办结。').first().waitFor();
    expect(await page.locator('.page:visible .ticket-status').textContent()).toBe('已办结');
  });
  const after = await stats();
  expect(after.tickets.closed).toBe(before.tickets.closed + 1);
  expect(after.loop.verified).toBe(before.loop.verified + 1);
  expect(after.rounds.problemsFoundByVisit).toBeGreaterThanOrEqual(1);
  await step(page, 'rounds06-stats', async () => {
    await openAs(page, run.kiosk.url, WANG, '/console/pages/stats/index', '走访巡查');
    const p = visiblePage(page);
    const r = after.rounds;
    const ratio = (x: { numerator: number; denominator: number; rate: number | null }) => `${x.numerator}/${x.denominator}（${x.rate == null ? '暂无' : `${Math.round(x.rate * 1000) / 10}%`}）`;
    await p.getByText(`按期办结 ${after.tickets.rates.onTimeClosure.numerator} 件 ÷ 应办结 ${after.tickets.rates.onTimeClosure.denominator} 件`).first().waitFor();
    expect(await p.locator('.console-rounds .console-kpi-value').allTextContents()).toEqual([`${r.visits} 次`, ratio(r.coverage), `${r.problemsFoundByVisit} 件`, `${r.patrols} 次`, `${r.problemsFoundByPatrol} 件`]);
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 240_000);

it('严婷 starts a patrol, ticks a building and types a place, ends it and finds it in her records', async () => {
  const { page, errors } = await newPage(run.browser, 390, 2400);
  await step(page, 'rounds05-patrol', async () => {
    await openAs(page, run.kiosk.url, YAN, '/desk/pages/queue/index', '入户走访和巡查');
    await button(page, /^巡查$/).click();
    await visiblePage(page).locator('.patrol-begin, .patrol-open').first().waitFor({ timeout: 30_000 });
    if (await visiblePage(page).locator('.patrol-begin').count()) {
      await button(page, /G-LC-01/).click();
      await button(page, '开始巡查').click();
    }
    await visiblePage(page).locator('.patrol-open').waitFor({ timeout: 30_000 });
    await button(page, /^1号楼$/).click();
    await visiblePage(page).locator('.patrol-place-input input').fill('东门口');
    await button(page, /^记上$/).click();
    await button(page, /^☑ 东门口$/).waitFor();
    // a problem found on the round: filed with the patrol's id (自己找), then back to the open round, places kept
    await button(page, '发现问题，登记工单').click();
    await visiblePage(page).locator('.file-found-on', { hasText: '巡查' }).waitFor({ timeout: 30_000 });
    // the building ticked last is where the form starts (so the ticket goes to this grid, not to the hard cases)
    expect(await visiblePage(page).locator('.place-buildings').textContent()).toContain('☑ 1号楼');
    await button(page, '道路破损').click();
    await visiblePage(page).locator('textarea').first().fill('东门口路面塌了一个坑，晚上容易绊倒老人。');
    await button(page, '登记，排进工单').click();
    await visiblePage(page).locator('.file-done').waitFor({ timeout: 30_000 });
    await button(page, '回到巡查').click();
    await visiblePage(page).getByText('这次巡查已登记 1 个问题').waitFor({ timeout: 30_000 });
    await button(page, /^☑ 东门口$/).waitFor();
    expect(await visiblePage(page).locator('.patrol-open .field-label').first().textContent()).toContain('已记 2 处');
    await snap(page, 'walk-patrol-open');
    // the open round (not among the screens below, which would leave one open): measured here at 390 px
    expect(await pageProblems(page, false, 'patrol-open')).toEqual([]);
    await button(page, '结束巡查…').click();
    await button(page, '确定结束').click();
    await visiblePage(page).locator('.patrol-begin').waitFor({ timeout: 30_000 });
    const rec = visiblePage(page).locator('.patrol-row').first();
    expect(await rec.textContent()).toContain('查了：1号楼、东门口');
    await snap(page, 'walk-patrol-ended');
  });
  const list = await callAs<{ status: string; places: string[]; ticketIds: string[] }[]>(run.kiosk.url, 'rounds', YAN, { action: 'patrols' });
  expect(list.data![0]).toMatchObject({ status: 'ended', places: ['1号楼', '东门口'] });
  expect(list.data![0].ticketIds).toHaveLength(1);
  const t = await callAs(run.kiosk.url, 'ticket', YAN, { action: 'get', ticketId: list.data![0].ticketIds[0] });
  expect(t).toMatchObject({ ok: true, data: { ticket: { source: 'selfFound', sourceLabel: '自己找（巡查）', categoryLabel: '道路破损' } } });
  expect(errors).toEqual([]);
  await page.context().close();
}, 120_000);

it('王乐天 opens 走访计划 from home and saves it (the defaults kept: other files on this kiosk read the plan)', async () => {
  const { page, errors } = await newPage(run.browser, 390, 2400);
  await step(page, 'rounds06-plans', async () => {
    await openAs(page, run.kiosk.url, WANG, '/pages/index/index', '入户走访和巡查');
    await button(page, '走访计划').click();
    await visiblePage(page).locator('.plan-default input').waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.plan-default input').inputValue()).toBe('90');
    await visiblePage(page).locator('.plan-livingAlone input').fill('0');
    await button(page, '保存走访计划').click();
    expect(await visiblePage(page).locator('.plans-error').textContent()).toContain('独居老人：请写 1 到 365 之间的天数');
    await visiblePage(page).locator('.plan-livingAlone input').fill('7');
    await button(page, '保存走访计划').click();
    await visiblePage(page).locator('.plans-done').waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.plans-done').textContent()).toContain('所有住户每 90 天走访一次，独居老人 7 天');
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 120_000);

const screens: Screen[] = [
  { name: 'households', as: YAN, route: () => '/rounds/pages/households/index', ready: '待走访' },
  { name: 'household', as: YAN, route: () => `/rounds/pages/household/index?key=${encodeURIComponent(KEY)}`, ready: '走访记录' },
  { name: 'visit', as: YAN, route: () => `/rounds/pages/visit/index?key=${encodeURIComponent(KEY)}`, ready: '见到谁了？' },
  { name: 'file-from-visit', as: YAN, route: () => `/desk/pages/file/index?visitId=${ids.visit}&estateId=e-bishan&building=1&spot=${encodeURIComponent('3单元908')}`, ready: '登记我发现的问题' },
  { name: 'patrol', as: YAN, route: () => '/rounds/pages/patrol/index', ready: '开始巡查' },
  { name: 'log', as: YAN, route: () => '/rounds/pages/log/index', ready: '民情日志' },
  { name: 'households-admin', as: WANG, route: () => '/rounds/pages/households/index', ready: '待走访' },
  { name: 'plans', as: WANG, route: () => '/rounds/pages/plans/index', ready: '保存走访计划' },
];
describe('every rounds page at 320 and 390 px, normal and elder mode', () => measureEachMode(run, screens, 'rounds'));
