/**
 * Honest figures (issue 17, "Staff"), in Chromium as 王乐天 (老城社区's admin) would tap them:
 * 1. 看统计 reads 24小时内受理 as numerator/denominator with its percentage, and the demo's
 *    never-accepted problems (严婷's 开荒种菜, 3号楼's basement — 疑难督办 lists them) count against
 *    it: the denominator is larger than the numerator, and the page says how many waited.
 * 2. 本月 covers the whole month, its coming market days included, and says so
 *    (`本月（12月1日至31日，含还没到的集市日）`): two bookings on this month's coming market day are
 *    counted in 预约.
 * 3. 下载台账 → 集市台账 saves a file named as the page says (`集市台账-<from>至<to>.xlsx`, playwright's
 *    `suggestedFilename()`), whose rows are the ones the page announced, the two bookings among them.
 * Then the stats and ledger pages measured at 320 and 390 px, normal and elder mode, with
 * screenshots in test-artifacts/figures/.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { button, callAs, openAs, step, uniqueOpenid, visiblePage, WANG, useRun, shootAll } from './harness';
import type { StatsView } from '../../cloudfunctions/console/contract';

const run = useRun({ shots: 'figures' });

/** 本月 in Asia/Shanghai: the 1st to the month's last day, and today. */
const shanghaiToday = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const [Y, M] = shanghaiToday.split('-').map(Number);
const monthEnd = new Date(Date.UTC(Y, M, 0)).getUTCDate();
const MONTH = { from: `${shanghaiToday.slice(0, 8)}01`, to: `${shanghaiToday.slice(0, 8)}${String(monthEnd).padStart(2, '0')}` };
/** booking codes made on this month's coming market day (none when no market day is left this month) */
const codes: string[] = [];
let comingDay: string | null = null;

beforeAll(async () => {
  // two residents of its own book this month's coming market day (after today: a day still to come), at 爱心义剪's first places left
  const days = await callAs<{ days: { id: string; date: string }[] }>(run.kiosk.url, 'market', 'local-r-zhao', { action: 'listMarketDays' });
  const day = days.data!.days.find((d) => d.date > shanghaiToday && d.date <= MONTH.to);
  if (day) {
    comingDay = day.date;
    const shown = await callAs<{ services: { slots: { id: string; state: string }[] }[] }>(run.kiosk.url, 'market', 'local-r-zhao', { action: 'getMarketDay', marketDayId: day.id });
    const open = shown.data!.services.flatMap((x) => x.slots).filter((x) => x.id.startsWith(`${day.id}_svc-lc-haircut_`) && x.state === 'open');
    for (const [i, [name, room]] of [
      ['冯桂香', '601'],
      ['冯建业', '602'],
    ].entries()) {
      const openid = uniqueOpenid('figures');
      expect(await callAs(run.kiosk.url, 'account', openid, { action: 'register', name, estateId: 'e-bishan', building: '6号楼', unit: '2单元', room })).toMatchObject({ ok: true });
      const r = await callAs<{ id: string; code: string }>(run.kiosk.url, 'market', openid, { action: 'book', slotId: open[i].id, requestId: `figures-e2e-${i}-0001` });
      if (!r.ok) throw new Error(JSON.stringify(r));
      codes.push(r.data!.code);
    }
  }
}, 300_000);

const kpi = (page: Page, name: string) => visiblePage(page).locator('.console-kpi', { has: page.locator('.console-kpi-name', { hasText: name }) });

it('王乐天 reads 24小时内受理 as n/d with the never-accepted problems counted, 本月 to its last day with the coming market’s bookings, and saves 集市台账 under the page’s name', async () => {
  const context = await run.browser.newContext({ viewport: { width: 390, height: 1800 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  const api = await callAs<StatsView>(run.kiosk.url, 'console', WANG, { action: 'stats', ...MONTH });
  expect(api.ok).toBe(true);
  const s = api.data!;
  const r = s.tickets.rates.acceptedWithinDeadline;
  // the demo's problems nobody accepted within 24 h (疑难督办's) are in the denominator
  expect(s.tickets.notAcceptedLate).toBeGreaterThanOrEqual(1);
  expect(r.denominator).toBe(s.tickets.accepted + s.tickets.notAcceptedLate);
  expect(r.numerator).toBeLessThan(r.denominator);

  await step(page, 'figures-01-rate', async () => {
    await openAs(page, run.kiosk.url, WANG, '/pages/index/index', '统计和台账');
    await button(page, '看统计').click();
    await visiblePage(page).getByText('按期结案率').waitFor();
    const rate = kpi(page, '24小时内受理');
    const pct = r.rate == null ? '暂无' : `${Math.round(r.rate * 1000) / 10}%`;
    await rate.locator('.console-kpi-value', { hasText: `${r.numerator}/${r.denominator}（${pct}）` }).waitFor();
    await rate.getByText(`超过24小时还没受理 ${s.tickets.notAcceptedLate} 件`).waitFor();
    expect(await rate.locator('.console-kpi-value').textContent()).not.toBe('100%');
    // the other rates say what they divide too
    const c = s.tickets.rates.onTimeClosure;
    await kpi(page, '按期结案率').locator('.console-kpi-value', { hasText: `${c.numerator}/${c.denominator}` }).waitFor();
    const sat = s.tickets.rates.satisfaction;
    await kpi(page, '满意率').locator('.console-kpi-value', { hasText: `${sat.numerator}/${sat.denominator}` }).waitFor();
  });

  await step(page, 'figures-02-month', async () => {
    await visiblePage(page).locator('.console-periods taro-button-core', { hasText: '上个月' }).click();
    await visiblePage(page).getByText(/^上个月（/).waitFor();
    await visiblePage(page).locator('.console-periods taro-button-core', { hasText: '本月' }).click();
    const [, m, d] = MONTH.to.split('-').map(Number);
    await visiblePage(page).getByText(`本月（${m}月1日至${d}日${MONTH.to > shanghaiToday ? '，含还没到的集市日' : ''}），共 ${d} 天`).waitFor();
    expect(s.market!.totals.booked).toBeGreaterThanOrEqual(codes.length);
    await visiblePage(page).getByText(`合计：预约 ${s.market!.totals.booked}，`).waitFor();
    if (comingDay) expect(s.market!.totals.booked).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: path.join(run.shots, 'stats-walk-390.png'), fullPage: true });
  });

  await step(page, 'figures-03-ledger', async () => {
    await visiblePage(page).locator('taro-button-core', { hasText: '下载台账' }).click();
    await visiblePage(page).getByText('什么格式').waitFor();
    const [, m, d] = MONTH.to.split('-').map(Number);
    await visiblePage(page).getByText(`本月（${m}月1日至${d}日${MONTH.to > shanghaiToday ? '，含还没到的集市日' : ''}）`).waitFor();
    await visiblePage(page).locator('taro-button-core', { hasText: '集市台账' }).click();
    await visiblePage(page).locator('taro-button-core.nut-button-primary', { hasText: '下载台账' }).click();
    const ready = visiblePage(page).getByText(/台账做好了：共 \d+ 条记录/);
    await ready.waitFor();
    const rows = Number(/共 (\d+) 条/.exec((await ready.textContent()) ?? '')![1]);
    const name = `集市台账-${MONTH.from}至${MONTH.to}.xlsx`;
    const link = visiblePage(page).locator('a.console-link');
    await link.getByText(`点这里下载：${name}`).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(name);
    // the run's run.browser is connected remotely: the download is saved here to be read
    const file = path.join(run.shots, name);
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('集市记录')!;
    expect(sheet.actualRowCount - 1).toBe(rows);
    expect(rows).toBeGreaterThanOrEqual(codes.length);
    const ids: string[] = [];
    sheet.eachRow((row, i) => {
      if (i > 1) ids.push(String((row.values as unknown[])[10]));
    });
    expect(ids).toEqual(expect.arrayContaining(codes));
    await page.screenshot({ path: path.join(run.shots, 'ledger-walk-390.png'), fullPage: true });
  });
  expect(errors).toEqual([]);
  await context.close();
});

// stats and ledger at 320 and 390 px, normal and elder mode: measured, screenshots
shootAll(
  run,
  [
    { name: 'stats', as: WANG, route: () => '/console/pages/stats/index', ready: '24小时内受理' },
    { name: 'ledger', as: WANG, route: () => '/console/pages/ledger/index', ready: '什么格式' },
  ],
  { prefix: 'figures' },
);
