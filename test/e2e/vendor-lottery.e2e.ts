/**
 * The stall lottery (抽签) and the admin's move of a stall in Chromium (issue 10): 王乐天 switches
 * 老城社区 to a lottery on the day page; ten vendors apply for the second coming Friday (哈力木 and
 * 东城果园 are regulars of stalls 2 and 3); 哈力木's 我的摊位 says 等待抽签 and when; 王乐天 taps
 * 现在抽签: regulars keep their stalls, the other eight draw for six, two wait; the record on the
 * page (results, seed) is the one the function answers, and re-computing it from its seed gives
 * the same order. Then a stall is freed and 王乐天 moves 哈力木 there with 换摊位. 赵建国 declines
 * WeChat's message permission when he asks to be told about 萝卜: the page says no message will come.
 * Then the pages of this flow at 320 and 390 px, normal and elder: no text overflows its box; in
 * elder mode no text under 18 px, no target under 60 px; no serious axe-core violation.
 * Screenshots: test-artifacts/vendor-lottery/.
 */
import { button, callAs, HALIMU, newPage, openAs, startKiosk, step, visiblePage, WANG, useRun, measureEachMode, type Screen } from './harness';
import { planDraw } from '../../cloudfunctions/stall/domain/lottery';
import type { DayDrawView, StallApplicationView } from '../../cloudfunctions/stall/contract';

// its own kiosk, not the run's: it switches 老城社区's stall allocation to a lottery and asserts 现在有 0 位在等 and the seed's regulars' stalls; registry and staffui read the same stalls.
const run = useRun({ shots: 'vendor-lottery', kiosk: startKiosk });

const SEEDED = ['local-v-farmer-2', 'local-v-orchard', 'local-v-barber', 'local-v-knife'];
let date = '';
let later = '';


beforeAll(async () => {
  const days = await callAs<{ days: { date: string }[] }>(run.kiosk.url, 'market', 'local-r-zhao', { action: 'listMarketDays' });
  [, date, later] = days.data!.days.map((d) => d.date);
}, 300_000);

/** Six new vendors of 老城社区, registered and approved (OPENIDs `local-…`). */
async function newVendors(): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < 6; i += 1) {
    const openid = `local-e2e-lottery-${i}`;
    const r = await callAs<{ id: string }>(run.kiosk.url, 'stall', openid, { action: 'register', communityId: 'c-laocheng', kind: 'farmer', name: `农户${'甲乙丙丁戊己'[i]}`, phone: `1380000000${i}`, goods: ['青菜'] });
    expect(r.ok).toBe(true);
    expect((await callAs(run.kiosk.url, 'stall', WANG, { action: 'approve', vendorId: r.data!.id })).ok).toBe(true);
    out.push(openid);
  }
  return out;
}

it('王乐天 switches to a lottery, ten vendors apply, he draws, the record re-checks, he moves a vendor', async () => {
  const { context, page, errors } = await newPage(run.browser);

  await step(page, 'l01-wang-switches-to-lottery', async () => {
    await openAs(page, run.kiosk.url, WANG, `/stallAdmin/pages/day/index?date=${date}`, '摊位分配');
    expect(await visiblePage(page).locator('.draw-mode').textContent()).toContain('按申请先后分配');
    await button(page, '改成抽签分配').click();
    await visiblePage(page).locator('.draw-mode', { hasText: '抽签：每次集市前 2 天 18:00 抽签' }).waitFor();
    expect(await visiblePage(page).locator('.draw-when').textContent()).toContain('现在有 0 位在等');
  });

  const applicants = [...SEEDED, ...(await newVendors())];
  for (const o of applicants) expect((await callAs(run.kiosk.url, 'stall', o, { action: 'applyStall', dates: [date, later] })).ok).toBe(true);

  await step(page, 'l02-halimu-waits-for-the-draw', async () => {
    await openAs(page, run.kiosk.url, HALIMU, '/stall/pages/mine/index', '等待抽签');
    const card = visiblePage(page).locator(`.stall-app[data-date="${date}"]`);
    expect(await card.locator('.draw-wait').textContent()).toMatch(/摊位抽签分配：\d+月\d+日 周[一二三四五六日] 18:00 抽签/);
    expect(await card.locator('.checkin-code').count()).toBe(0);
  });

  await step(page, 'l03-wang-draws-now', async () => {
    await openAs(page, run.kiosk.url, WANG, `/stallAdmin/pages/day/index?date=${date}`, '摊位分配');
    expect(await visiblePage(page).locator('.draw-when').textContent()).toContain('现在有 10 位在等');
    expect(await visiblePage(page).locator('.day-row.app-applied').count()).toBe(10);
    await button(page, '现在抽签').click();
    await visiblePage(page).locator('.draw-summary').waitFor();
    expect(await visiblePage(page).locator('.draw-summary').textContent()).toContain('摊位不够，按抽签顺序分配');
    await button(page, '看抽签记录').click();
    await visiblePage(page).locator('.draw-seed').waitFor();
  });

  const day = await callAs<DayDrawView>(run.kiosk.url, 'stall', WANG, { action: 'drawRecord', date });
  const record = day.data!.record!;
  // the page shows the function's record; the record re-checks from its seed
  expect(await visiblePage(page).locator('.draw-seed').textContent()).toContain(record.seed);
  expect(await visiblePage(page).locator('.draw-result-row').count()).toBe(10);
  const again = planDraw({ seed: record.seed, applicants: record.applicants.map((a) => ({ ...a, vendorId: '' })), plan: record.plan, held: record.held });
  expect(again.order).toEqual(record.order);
  expect(again.results).toEqual(record.results);
  expect(record.results.filter((r) => r.regular).map((r) => [r.vendorName, r.stallNumber])).toEqual([
    ['哈力木', 2],
    ['东城果园', 3],
  ]);
  expect(record.results.filter((r) => r.status === 'waitlisted').map((r) => r.waitlistPosition)).toEqual([1, 2]);
  expect(await visiblePage(page).locator('.day-row.app-waitlisted').count()).toBe(2);

  await step(page, 'l04-wang-moves-halimu', async () => {
    // free a stall: the two waiting leave the line, then a holder is released (nobody left to promote)
    const list = (await callAs<StallApplicationView[]>(run.kiosk.url, 'stall', WANG, { action: 'dayList', date })).data!;
    for (const a of list.filter((x) => x.status === 'waitlisted')) expect((await callAs(run.kiosk.url, 'stall', WANG, { action: 'release', applicationId: a.id })).ok).toBe(true);
    const freed = list.find((x) => x.status === 'allocated' && x.stallNumber === 8)!;
    expect((await callAs(run.kiosk.url, 'stall', WANG, { action: 'release', applicationId: freed.id })).ok).toBe(true);
    await openAs(page, run.kiosk.url, WANG, `/stallAdmin/pages/day/index?date=${date}`, '摊位分配');
    const row = visiblePage(page).locator('.day-row[data-vendor="哈力木"]');
    await row.locator('taro-button-core', { hasText: '换摊位' }).click();
    await row.getByText('把哈力木换到几号摊？').waitFor();
    expect(await row.locator('.move-to').allTextContents()).toEqual(['8号摊']);
    await row.locator('.move-to-8').click();
    await visiblePage(page).locator('.day-row[data-vendor="哈力木"] .seller-stall', { hasText: '8号摊' }).waitFor();
  });
  const after = (await callAs<StallApplicationView[]>(run.kiosk.url, 'stall', WANG, { action: 'dayList', date })).data!;
  const held = after.filter((a) => a.status === 'allocated').map((a) => a.stallNumber);
  expect(new Set(held).size).toBe(held.length);
  expect(after.find((a) => a.vendorName === '哈力木')?.stallNumber).toBe(8);
  // a vendor cannot move a stall
  expect(await callAs(run.kiosk.url, 'stall', HALIMU, { action: 'moveStall', applicationId: after[0].id, toNumber: 2 })).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
  expect(errors).toEqual([]);
  await context.close();
}, 300_000);

it('赵建国 declines WeChat’s message permission for 告诉我: the page says plainly that no message will come', async () => {
  const { context, page, errors } = await newPage(run.browser);
  // the local stand-in of wx.requestSubscribeMessage answers as WeChat does when the person taps 取消
  await page.route('**/api/local/subscribe', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ errMsg: 'requestSubscribeMessage:ok', productRegisteredLocal: 'reject' }) }));
  await step(page, 'l05-zhao-declines-the-message', async () => {
    await openAs(page, run.kiosk.url, 'local-r-zhao', `/stall/pages/registry/index?q=${encodeURIComponent('萝卜')}`, '萝卜：还没有人登记');
    await button(page, '有人卖萝卜的时候告诉我').click();
    const declined = visiblePage(page).locator('.watch-declined');
    await declined.waitFor();
    expect(await declined.textContent()).toContain('不会有消息给您');
    expect(await visiblePage(page).locator('.watch-done').count()).toBe(0);
    await button(page, /再试一次/).waitFor();
  });
  expect(errors).toEqual([]);
  await context.close();
}, 120_000);

describe('the lottery pages at 320 and 390 px, normal and elder', () => {
  const pages: Screen[] = [
    { name: 'mine-applied', as: HALIMU, route: () => '/stall/pages/mine/index', ready: '等待抽签' },
    { name: 'day-waiting-for-draw', as: WANG, route: () => `/stallAdmin/pages/day/index?date=${later}`, ready: '现在抽签' },
    { name: 'day-drawn-record', as: WANG, route: () => `/stallAdmin/pages/day/index?date=${date}`, ready: '看抽签记录', then: async (page) => button(page, '看抽签记录').click() },
    {
      name: 'day-move',
      as: WANG,
      route: () => `/stallAdmin/pages/day/index?date=${date}`,
      ready: '换摊位',
      then: async (page) => visiblePage(page).locator('.day-row[data-vendor="东城果园"] taro-button-core', { hasText: '换摊位' }).click(),
    },
  ];
  measureEachMode(run, pages, 'lm');
});
