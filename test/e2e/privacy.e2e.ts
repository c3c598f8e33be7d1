/**
 * A reporter is never revealed (issue 16 §1), in a real run.browser, by tapping:
 * - 陈晓丹 enters a dispute (鸽子, 7号楼 楼顶) at the counter for 李秀兰, with her spoken consent;
 * - 冶永福 (the neighbour it is about) reports the same: no "已经有人反映过" offer, his own report is
 *   filed; 我反映的问题 lists only his own; the board never shows it — nothing names 李秀兰 or repeats her words;
 * - a community problem 李秀兰 reported (楼道的灯) is offered to him, he taps 我也遇到了 and follows its
 *   progress, never her name, words, photos or the counter's notes;
 * - the report page's 小区外面 sends only the spot written.
 * Screenshots of the report page (the page this issue changed) at 320 and 390 px, normal and elder
 * mode: test-artifacts/privacy/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { actAs, button, callAs, CHEN, LI, measurePage, newPage, openAs, step, visiblePage, YE, useRun, usePage } from './harness';

const run = useRun({ shots: 'privacy' });

/** What would tell 冶永福 who reported, or what she said. */
const HERS = /李秀兰|李女士|13709945678|在解忧铺代|口头同意|晒不了被子|她家楼道最黑|回访时说/;


const api = <T = unknown>(openid: string, data: object) => callAs<T>(run.kiosk.url, 'ticket', openid, data);
const shown = async (page: Page) => (await visiblePage(page).textContent()) ?? '';

describe('the neighbour finds nothing about who reported', () => {
  const tab = usePage(run);

  it('陈晓丹 enters the pigeon dispute at the counter for 李秀兰', async () => {
    await step(tab.page, 'privacy-01-counter', async () => {
      await actAs(tab.page, run.kiosk.url, '陈晓丹');
      await button(tab.page, '为居民代办').click();
      await tab.page.locator('.counter-input input').fill('李秀兰');
      await button(tab.page, '查找居民').click();
      await tab.page.locator('.resident-card', { hasText: '李秀兰' }).click();
      await button(tab.page, '为李秀兰反映问题').click();
      await tab.page.getByText('为 李秀兰 反映问题').waitFor();
      await button(tab.page, '饲养动物扰民').click();
      await tab.page.locator('.counter-textarea textarea').fill('楼顶养了一百多只鸽子，晒不了被子');
      expect(await tab.page.locator('.place-buildings').textContent()).toContain('☑ 7号楼');
      await button(tab.page, '楼顶').click();
      await button(tab.page, '已问过居民').click();
      await button(tab.page, '提交，转给网格员').click();
      await tab.page.getByText('已替 李秀兰 反映').waitFor();
    });
  });

  it('冶永福 reports the same: no offer, his own report; his list and the board show nothing of hers', async () => {
    await step(tab.page, 'privacy-02-ye-reports', async () => {
      await openAs(tab.page, run.kiosk.url, YE, '/ticket/pages/report/index', '是哪一类问题');
      await button(tab.page, '饲养动物扰民').click();
      await button(tab.page, /^楼顶$/).click();
      await tab.page.locator('.page:visible .ticket-textarea textarea').fill('我家楼顶的鸽子是养着玩的');
      await button(tab.page, /^提交$/).click();
      await visiblePage(tab.page, '等待网格员受理').waitFor();
      const body = await shown(tab.page);
      expect(body).toContain('我家楼顶的鸽子是养着玩的');
      expect(body).not.toMatch(HERS);
      expect(body).not.toContain('附近已经有人反映过');
    });
    await step(tab.page, 'privacy-03-ye-mine', async () => {
      await openAs(tab.page, run.kiosk.url, YE, '/ticket/pages/mine/index', '我反映的问题');
      await tab.page.locator('.page:visible .my-ticket').first().waitFor();
      expect(await tab.page.locator('.page:visible .my-ticket').count()).toBe(1);
      expect(await shown(tab.page)).not.toMatch(HERS);
    });
    await step(tab.page, 'privacy-04-ye-board', async () => {
      await openAs(tab.page, run.kiosk.url, YE, '/ticket/pages/board/index', '问题挂牌');
      const body = await shown(tab.page);
      expect(body).not.toContain('饲养动物扰民');
      expect(body).not.toMatch(HERS);
    });
  });

  it('a community problem he joins (我也遇到了) shows its progress, never her name, words or photos', async () => {
    const r = await api<{ id: string }>(LI, { action: 'report', category: 'facilities', text: '7号楼楼道的声控灯坏了，她家楼道最黑', where: { estateId: 'e-lantian', building: '7号楼', spot: '楼道' }, requestId: 'e2e-privacy-light' });
    expect(r.ok).toBe(true);
    const id = r.data!.id;
    for (const s of [{ action: 'accept' }, { action: 'handle', result: '物业换了新的声控灯' }, { action: 'followUp', date: '2026-01-02', method: 'phone', reporterSaid: '回访时说灯亮了' }]) {
      expect(await api(CHEN, { ...s, ticketId: id })).toMatchObject({ ok: true });
    }
    await step(tab.page, 'privacy-05-ye-joins', async () => {
      await openAs(tab.page, run.kiosk.url, YE, '/ticket/pages/report/index', '是哪一类问题');
      await button(tab.page, '公共设施损坏').click();
      await button(tab.page, /^楼道$/).click();
      await tab.page.locator('.page:visible .ticket-textarea textarea').fill('楼道的灯不亮，晚上看不见');
      await button(tab.page, /^提交$/).click();
      await visiblePage(tab.page, '附近已经有人反映过这个问题').waitFor();
      expect(await shown(tab.page)).not.toMatch(HERS);
      await tab.page.locator(`.similar-item[data-ticket="${id}"] taro-button-core`, { hasText: '我也遇到了' }).click();
      await visiblePage(tab.page, '您点了“我也遇到了”').waitFor();
      const body = await shown(tab.page);
      expect(body).toContain('已处理');
      expect(body).toContain('物业换了新的声控灯');
      expect(body).toContain('回访');
      expect(body).not.toMatch(HERS);
      expect(await tab.page.locator('.page:visible .ticket-photos img').count()).toBe(0);
      await tab.page.screenshot({ path: path.join(run.shots, 'follower-390.png'), fullPage: true });
    });
  });
});

describe('the report page (小区外面 and the dispute path) at 320 and 390 px, normal and elder mode', () => {
  it.each([
    [320, false],
    [320, true],
    [390, false],
    [390, true],
  ])('%i px, elder %s', async (width, elder) => {
    const { context, page, errors } = await newPage(run.browser, width, 800);
    try {
      await step(page, `privacy-report-${width}-${elder ? 'elder' : 'normal'}`, async () => {
        await openAs(page, run.kiosk.url, YE, '/ticket/pages/report/index', '是哪一类问题', elder);
        await button(page, /绿化$/).click();
        await button(page, '小区外面').click();
        await visiblePage(page, '在小区外面：请在下面写上具体地方').waitFor();
        await page.locator('.page:visible .ticket-input input').first().fill('龙堡街行道树');
        const m = await measurePage(page, { elder });
        await page.screenshot({ path: path.join(run.shots, `report-outside-${width}-${elder ? 'elder' : 'normal'}.png`), fullPage: true });
        expect({ clipped: m.clipped, small: m.small, targets: m.targets }).toEqual({ clipped: [], small: [], targets: [] });
      });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('at the counter, 小区外面 files only the spot the resident names: the hard-case list, never her door', async () => {
    const { context, page } = await newPage(run.browser, 390, 844);
    try {
      await step(page, 'privacy-07-counter-outside', async () => {
        await actAs(page, run.kiosk.url, '陈晓丹');
        await button(page, '为居民代办').click();
        await page.locator('.counter-input input').fill('李秀兰');
        await button(page, '查找居民').click();
        await page.locator('.resident-card', { hasText: '李秀兰' }).click();
        await button(page, '为李秀兰反映问题').click();
        await page.getByText('为 李秀兰 反映问题').waitFor();
        await button(page, /绿化$/).click();
        await page.locator('.counter-textarea textarea').fill('龙堡街的行道树枝干断了，挂在半空');
        await button(page, '小区外面').click();
        await button(page, '已问过居民').click();
        await button(page, '提交，转给网格员').click();
        // no spot yet: the form asks for it and files nothing
        await page.getByText('请写上小区外面的具体地方').waitFor();
        await page.locator('.counter-input input').last().fill('龙堡街行道树');
        await button(page, '提交，转给网格员').click();
        await page.getByText('已替 李秀兰 反映').waitFor();
      });
      const mine = await api<{ place: { text: string; estateId: string | null; building: string | null }; statusLabel: string }[]>(LI, { action: 'myTickets' });
      const street = mine.data?.find((t) => t.place.text.includes('龙堡街'));
      expect(street).toMatchObject({ place: { text: '龙堡街行道树', estateId: null, building: null } });
    } finally {
      await context.close();
    }
  });

  it('小区外面 files only the spot written: the hard-case list, never his door', async () => {
    const { context, page } = await newPage(run.browser, 390, 844);
    try {
      await step(page, 'privacy-06-outside', async () => {
        await openAs(page, run.kiosk.url, YE, '/ticket/pages/report/index', '是哪一类问题');
        await button(page, /绿化$/).click();
        await button(page, '小区外面').click();
        await page.locator('.page:visible .ticket-input input').first().fill('龙堡街行道树');
        await page.locator('.page:visible .ticket-textarea textarea').fill('龙堡街的行道树枝干断了，挂在半空');
        await button(page, /^提交$/).click();
        await visiblePage(page, '等待社区安排').waitFor();
        const body = await shown(page);
        expect(body).toContain('地点：龙堡街行道树');
        expect(body).not.toMatch(/7号楼|1单元|蓝天家园小区 龙堡街/);
      });
    } finally {
      await context.close();
    }
  });
});
