/**
 * Abuse in Chromium (issue 16 §3): a resident (registered here, his own on the shared kiosk) whose day's reports are used up taps 提交 on the
 * report page and reads the Chinese message (COMMON.TOO_MANY); the grid worker's queue shows at
 * most 3 of one resident's waiting problems, says how many more there are, and lists them on a tap.
 * Screenshots at 320 and 390 px, normal and elder mode, in test-artifacts/abuse/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { button, callAs, uniqueOpenid, measurePage, newPage, openAs, step, visiblePage, YAN, useRun } from './harness';

const run = useRun({ shots: 'abuse' });

/** The resident who uses up his reports: his own, so no other file's reports count against his day (the kiosk is shared by the run). */
const REPORTER = uniqueOpenid('abuse');


beforeAll(async () => {
  expect(await callAs(run.kiosk.url, 'account', REPORTER, { action: 'register', name: '常玉山', estateId: 'e-bishan', building: '3号楼', unit: '1单元', room: '103' })).toMatchObject({ ok: true });
}, 300_000);

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(run.shots, `${name}.png`), fullPage: true });
}

it('a resident (常玉山) has used up his reports for the day: 提交 shows why, and what to do instead', async () => {
  // his day's quota, used up through the API (different problems, so the page offers no "similar")
  for (let i = 0; i < 10; i += 1) {
    const r = await callAs(run.kiosk.url, 'ticket', REPORTER, { action: 'report', category: 'roads', text: `3号楼前的路面第${i + 1}处坑，下雨积水`, where: { estateId: 'e-bishan', building: '3号楼' }, requestId: `e2e-abuse-road-${i}` });
    expect(r.ok).toBe(true);
  }
  const refused = await callAs(run.kiosk.url, 'ticket', REPORTER, { action: 'report', category: 'roads', text: '3号楼前的路面又多了一处坑', where: { estateId: 'e-bishan', building: '3号楼' }, requestId: 'e2e-abuse-road-x' });
  expect(refused).toMatchObject({ ok: false, error: { code: 'COMMON.TOO_MANY' } });

  for (const width of [320, 390]) {
    for (const elder of [false, true]) {
      const { page, errors, context } = await newPage(run.browser, width, 844);
      const name = `abuse-report-${width}${elder ? '-elder' : ''}`;
      await step(page, name, async () => {
        await openAs(page, run.kiosk.url, REPORTER, '/ticket/pages/report/index', '是哪一类问题', elder);
        await button(page, '环境卫生').click();
        await page.locator('.page:visible .ticket-textarea textarea').fill('楼道里堆了好多旧家具，老人下楼不方便');
        await button(page, /^提交$/).click();
        const similar = button(page, '不是同一件事，照样提交');
        const notice = visiblePage(page).locator('.notice');
        await similar.or(notice).first().waitFor();
        if (await similar.isVisible()) await similar.click();
        await notice.waitFor();
        const text = (await notice.textContent()) ?? '';
        expect(text).toContain('今天提交的次数太多了');
        expect(text).toContain('解忧铺柜台');
        await notice.scrollIntoViewIfNeeded();
        await shoot(page, name);
        const m = await measurePage(page, { elder });
        expect({ clipped: m.clipped, small: m.small }).toEqual({ clipped: [], small: [] });
      });
      expect(errors).toEqual([]);
      await context.close();
    }
  }
});

it('严婷’s queue shows 3 of his waiting problems, says how many more, and lists them all on a tap', async () => {
  for (const width of [320, 390]) {
    for (const elder of [false, true]) {
      const { page, errors, context } = await newPage(run.browser, width, 844);
      const name = `abuse-queue-${width}${elder ? '-elder' : ''}`;
      await step(page, name, async () => {
        await openAs(page, run.kiosk.url, YAN, '/desk/pages/queue/index', '等您受理', elder);
        const more = visiblePage(page).locator('.queue-more');
        await more.first().waitFor();
        expect(await more.count()).toBe(1);
        expect(await more.textContent()).toMatch(/同一位居民还反映了 \d+ 个问题/);
        await more.scrollIntoViewIfNeeded();
        await shoot(page, name);
        await more.locator('taro-button-core', { hasText: '看这些问题' }).click();
        await visiblePage(page, '同一位居民反映的问题').waitFor();
        // the list survives a reload (the ticket id is in the URL, never a name); measured after it, not mid-slide
        const route = decodeURIComponent(new URL(page.url()).hash.slice(1));
        expect(route).toMatch(/sameAs=/);
        await openAs(page, run.kiosk.url, YAN, route, '同一位居民反映的问题', elder);
        const title = (await visiblePage(page).locator('.queue-same-title').textContent()) ?? '';
        expect(Number(/（(\d+)）/.exec(title)?.[1])).toBeGreaterThanOrEqual(10);
        await shoot(page, `${name}-same`);
        const m = await measurePage(page, { elder });
        expect({ clipped: m.clipped, small: m.small }).toEqual({ clipped: [], small: [] });
      });
      expect(errors).toEqual([]);
      await context.close();
    }
  }
});
