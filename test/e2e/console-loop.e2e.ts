/**
 * Issue 21's figures on the console's stats page in Chromium: 王乐天 sees 办理环节 (the loop's
 * steps) and 走访巡查 (visits, households, coverage of the households due a visit, per grid) with
 * exactly the numbers `console.stats` answers — after 严婷 returned (退单) a problem this month, so
 * that 退单 is not 0 — and the 按期结案率 note names what it divides; the ledger page offers the
 * 走访台账 and its file has as many rows as the page says. 严婷 (a grid worker) sees her own rounds
 * only. Screenshots at 320 and 390 px, normal and elder mode: test-artifacts/console-loop/.
 * (The walk that makes extensions, suspensions, checks and visits through their own actions is the
 * issue's end-to-end test, once the `loop` and `rounds` branches are in.)
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { callAs, openAs, step, visiblePage, WANG, YAN, useRun, shootAll, thisMonth } from './harness';
import type { StatsView } from '../../cloudfunctions/console/contract';

const run = useRun({ shots: 'console-loop' });

const ratioText = (r: { numerator: number; denominator: number; rate: number | null }) => `${r.numerator}/${r.denominator}（${r.rate == null ? '暂无' : `${Math.round(r.rate * 1000) / 10}%`}）`;


beforeAll(async () => {
  // a problem 严婷 accepts and then returns to the community (退单): a loop figure that is not 0
  const t = await callAs<{ id: string }>(run.kiosk.url, 'ticket', 'local-r-zhao', {
    action: 'report',
    category: 'facilities',
    text: '2号楼门口的路灯不亮了，晚上看不清',
    where: { estateId: 'e-bishan', building: '2号楼', spot: '门口' },
    requestId: 'console-loop-e2e-report-1',
  });
  expect(t.ok).toBe(true);
  expect((await callAs(run.kiosk.url, 'ticket', YAN, { action: 'accept', ticketId: t.data!.id })).ok).toBe(true);
  expect((await callAs(run.kiosk.url, 'ticket', YAN, { action: 'returnTicket', ticketId: t.data!.id, reason: '路灯归供电所管，请社区统一协调' })).ok).toBe(true);
}, 300_000);

it('王乐天 sees 办理环节 and 走访巡查 with the API’s numbers, and downloads the 走访台账', async () => {
  const context = await run.browser.newContext({ viewport: { width: 390, height: 2400 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const api = await callAs<StatsView>(run.kiosk.url, 'console', WANG, { action: 'stats', ...thisMonth() });
  expect(api.ok).toBe(true);
  const s = api.data!;
  expect(s.loop.returns).toBeGreaterThanOrEqual(1);
  expect(s.rounds.households).toBeGreaterThan(0); // the demo's residents, by grid

  await step(page, 'console-loop-01-stats', async () => {
    await openAs(page, run.kiosk.url, WANG, '/console/pages/stats/index', '走访巡查');
    const p = visiblePage(page);
    const t = s.tickets;
    await p.getByText(`按期办结 ${t.rates.onTimeClosure.numerator} 件 ÷ 应办结 ${t.rates.onTimeClosure.denominator} 件`).first().waitFor();
    const l = s.loop;
    const loop = p.locator('.console-loop');
    await loop.getByText(`批准 ${l.extensionsApproved} 次（批准的算缓办，不计入按期结案考核）`).waitFor();
    await loop.getByText(`恢复办理的共挂起 ${l.suspendedDays} 天，挂起期间不算超期`).waitFor();
    const values = await loop.locator('.console-kpi-value').allTextContents();
    expect(values).toEqual([`${l.extensionsRequested} 次`, `${l.suspensions} 次`, `${l.returns} 次`, `${l.verified} 次`, `${l.verifyFailed} 次`, `${l.reworks} 件`]);
    const r = s.rounds;
    const rounds = p.locator('.console-rounds');
    expect(await rounds.locator('.console-kpi-value').allTextContents()).toEqual([`${r.visits} 次`, ratioText(r.coverage), `${r.problemsFoundByVisit} 件`, `${r.patrols} 次`, `${r.problemsFoundByPatrol} 件`]);
    await rounds.getByText(`走访了 ${r.householdsVisited} 户（登记 ${r.households} 户）`).waitFor();
    await rounds.getByText(`该走访的 ${r.dueHouseholds} 户中，走访了 ${r.coverage.numerator} 户`).waitFor();
    for (const g of r.byGrid) {
      await rounds.getByText(`${g.code}：登记 ${g.households} 户，该走访 ${g.dueHouseholds} 户，覆盖 ${ratioText(g.coverage)}；走访 ${g.visits} 次，巡查 ${g.patrols} 次，发现问题 ${g.problemsFoundByVisit + g.problemsFoundByPatrol} 件`).waitFor();
    }
    // scorecards carry the new columns
    for (const c of s.scorecards) {
      await p.getByText(`回访 ${c.followUps} 次，退单 ${c.returns} 次，重办 ${c.reworks} 件`).first().waitFor();
      await p.getByText(`入户走访 ${c.visits} 次，巡查 ${c.patrols} 次，自己发现问题 ${c.problemsFound} 件`).first().waitFor();
    }
    expect(s.scorecards.reduce((n, c) => n + c.returns, 0)).toBe(l.returns);
    await page.screenshot({ path: path.join(run.shots, 'stats-loop-390.png'), fullPage: true });
  });

  await step(page, 'console-loop-02-visit-ledger', async () => {
    await openAs(page, run.kiosk.url, WANG, '/console/pages/ledger/index', '什么格式');
    const p = visiblePage(page);
    await p.locator('.choice', { hasText: '走访台账' }).click();
    await p.locator('taro-button-core.nut-button-primary', { hasText: '下载台账' }).click();
    const ready = p.getByText(/台账做好了：共 \d+ 条记录/);
    await ready.waitFor();
    const rows = Number(/共 (\d+) 条/.exec((await ready.textContent()) ?? '')![1]);
    expect(rows).toBe(s.rounds.visits);
    const href = await p.locator('a.console-link').getAttribute('href');
    expect(href).toMatch(/\.xlsx/);
    const res = await fetch(href!.startsWith('http') ? href! : `${run.kiosk.url}${href}`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const sheet = wb.getWorksheet('走访台账')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['走访日期', '小区', '户（房号）']);
    expect(sheet.actualRowCount - 1).toBe(rows);
    await page.screenshot({ path: path.join(run.shots, 'ledger-visits-390.png'), fullPage: true });
  });
  expect(errors).toEqual([]);
  await context.close();
});

it('严婷 (grid worker) sees her grids’ rounds and no other worker’s row', async () => {
  const context = await run.browser.newContext({ viewport: { width: 390, height: 2400 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const api = await callAs<StatsView>(run.kiosk.url, 'console', YAN, { action: 'stats', ...thisMonth() });
  expect(api.ok).toBe(true);
  const r = api.data!.rounds;
  expect(r.byWorker.every((w) => w.workerId === 'w-yan')).toBe(true);
  await openAs(page, run.kiosk.url, YAN, '/console/pages/stats/index', '走访巡查');
  const rounds = visiblePage(page).locator('.console-rounds');
  await rounds.getByText(`走访了 ${r.householdsVisited} 户（登记 ${r.households} 户）`).waitFor();
  // a grid worker's page has no per-worker chart
  expect(await rounds.locator('canvas').count()).toBe(0);
  await context.close();
});

// the stats page with its new sections at 320 and 390 px, normal and elder mode: measured, screenshots
shootAll(
  run,
  [
    { name: 'stats', as: WANG, route: () => '/console/pages/stats/index', ready: '走访巡查' },
    { name: 'stats-worker', as: YAN, route: () => '/console/pages/stats/index', ready: '走访巡查' },
    { name: 'ledger', as: WANG, route: () => '/console/pages/ledger/index', ready: '走访台账' },
  ],
  {
    prefix: 'console-loop',
    // the two new sections on their own, to look at
    after: async (page, s, width, elder) => {
      if (!s.name.startsWith('stats')) return;
      for (const section of ['console-loop', 'console-rounds']) {
        await visiblePage(page).locator(`.${section}`).screenshot({ path: path.join(run.shots, `${s.name}-${section.replace('console-', '')}-${width}-${elder ? 'elder' : 'normal'}.png`) });
      }
    },
  },
);
