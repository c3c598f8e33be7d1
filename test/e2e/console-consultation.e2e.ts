/**
 * The 社区议事 panel of 统计 and the three consultation ledgers in Chromium (issue 20): the kiosk's
 * demo seed holds last month's 业主会议 with five opinions and the published 小区楼道灯更换方案
 * (`local/seed/demo-consultation.ts`). 王乐天 chooses 上个月: the panel shows the same numbers
 * `console.stats` answers (召开会议, 解决意见建议, …) with its four charts painted; the ledger page
 * offers 会议台账, 议题台账 and 意见台账 and downloads 意见台账 with the rows the API counts.
 * Screenshots at 320 and 390 px, normal and elder mode: test-artifacts/console-consultation/.
 */
import path from 'node:path';
import { button, callAs, openAs, visiblePage, WANG, useRun } from './harness';
import type { StatsView } from '../../cloudfunctions/console/contract';

const run = useRun({ shots: 'console-consultation' });

/** Last month in Asia/Shanghai, as the page's 上个月. */
function lastMonth(): { from: string; to: string } {
  const today = new Date(Date.now() + 8 * 3600_000);
  const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}


for (const width of [320, 390]) {
  for (const elder of [false, true]) {
    it(`上个月的社区议事 at ${width} px, ${elder ? 'elder' : 'normal'} mode: the figures equal console.stats, charts painted`, async () => {
      const p = lastMonth();
      const api = await callAs<StatsView>(run.kiosk.url, 'console', WANG, { action: 'stats', ...p });
      const c = api.data!.consultation;
      expect(c.meetingsHeld.total).toBeGreaterThan(0);
      const context = await run.browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await openAs(page, run.kiosk.url, WANG, '/console/pages/stats/index', '按期结案率', elder);
      await button(page, /上个月/).click();
      await visiblePage(page).locator('.console-section', { hasText: '社区议事' }).waitFor();
      const panel = visiblePage(page).locator('.console-consultation');
      await panel.getByText(`${c.meetingsHeld.total} 次`).first().waitFor();
      await panel.getByText(`${c.opinionsResolved} 条`).first().waitFor();
      await panel.getByText(`${c.opinionsCollected} 条`).first().waitFor();
      await panel.getByText(`${c.attendance.total} 人次`).first().waitFor();
      await page.waitForTimeout(600);
      const n = await panel.locator('canvas').count();
      expect(n).toBe(4);
      const px = await panel.locator('canvas').evaluateAll((list) =>
        (list as HTMLCanvasElement[]).map((cv) => {
          const d = cv.getContext('2d')!.getImageData(0, 0, cv.width, cv.height).data;
          let k = 0;
          for (let i = 3; i < d.length; i += 4) if (d[i] > 0) k += 1;
          return k;
        }),
      );
      for (const k of px) expect(k).toBeGreaterThan(100);
      // nothing wider than the screen
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await panel.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(run.shots, `stats-consultation-${width}-${elder ? 'elder' : 'normal'}.png`), fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    }, 120_000);
  }
}

it('下载台账 offers 会议台账, 议题台账, 意见台账 and downloads 意见台账 of last month', async () => {
  const context = await run.browser.newContext({ viewport: { width: 390, height: 1400 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await openAs(page, run.kiosk.url, WANG, '/console/pages/ledger/index', '什么格式');
  for (const t of ['会议台账', '议题台账', '意见台账']) await visiblePage(page).getByText(t).first().waitFor();
  await button(page, /上个月/).click();
  await button(page, /意见台账/).click();
  await button(page, '下载台账').click();
  const ready = visiblePage(page).getByText(/台账做好了：共 \d+ 条记录/);
  await ready.waitFor({ timeout: 30_000 });
  const p = lastMonth();
  const api = await callAs<{ rows: number }>(run.kiosk.url, 'console', WANG, { action: 'exportLedger', ...p, format: 'xlsx', kind: 'opinions' });
  expect(await ready.textContent()).toContain(`共 ${api.data!.rows} 条记录`);
  await visiblePage(page).getByText(/意见台账-.*\.xlsx/).waitFor();
  for (const width of [320, 390]) {
    await page.setViewportSize({ width, height: 1400 });
    await page.screenshot({ path: path.join(run.shots, `ledger-${width}.png`), fullPage: true });
  }
  await context.close();
}, 120_000);
