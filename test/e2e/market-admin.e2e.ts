/**
 * The admin's market settings in Chromium (issue 10 "Admin"): 王乐天 (the demo admin) goes from
 * home to 集市设置 → 管理服务项目 → 爱心义剪 and raises its places from 2 to 3 (the page says how
 * many coming slots changed); a lower figure than the places booked is refused naming the slot;
 * back on 集市设置 he moves the market to 老城社区文化广场 and books 5 weeks ahead: the page says
 * the 4 days already created keep their place and names the new one. Then 赵建国 sees the change
 * where it applies: 3 places per haircut slot on the coming Friday (its place unchanged), and the
 * fifth Friday at the new place. Turning a stall off asks first, and a held stall is refused.
 * The service form takes its limits from cloudfunctions/market/limits.ts, the numbers the function's
 * schemas use (issue 19): its fields' maxlength and the checks it makes before sending.
 * The three pages pass axe-core (no serious or critical violation) in normal and elder mode.
 * Screenshots: test-artifacts/market-admin/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations, button, callAs, openAs, startKiosk, step, visiblePage, WANG, ZHAO, useRun } from './harness';
import { MARKET_LIMITS } from '../../cloudfunctions/market/limits';

// its own kiosk, not the run's: it changes 老城社区's market for everyone — 爱心义剪 goes from 2 to 3 places per slot, the market moves to a new place and books 5 weeks ahead, a stall is turned off — and asserts the seed's figures (4 market days, 每档 2 人); every other file books "剩 2 位" slots of that market.
const run = useRun({ shots: 'market-admin', kiosk: startKiosk });

const OLD_PLACE = '壁山丽景小区 石榴籽“解忧铺”门前';
const NEW_PLACE = '老城社区文化广场';


const snap = (page: Page, name: string) => page.screenshot({ path: path.join(run.shots, `${name}.png`), fullPage: true });

it('王乐天 changes the haircut places and the market place; 赵建国 sees each change where it applies', async () => {
  const context = await run.browser.newContext({ viewport: { width: 390, height: 1600 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const days = (await callAs<{ days: { id: string; dateLabel: string }[] }>(run.kiosk.url, 'market', ZHAO, { action: 'listMarketDays' })).data!.days;
  expect(days).toHaveLength(4);
  // two residents hold the 10:00 haircut chairs of the coming Friday
  for (const who of ['local-r-zou', 'local-w-yan']) {
    expect(await callAs(run.kiosk.url, 'market', who, { action: 'book', slotId: `${days[0].id}_svc-lc-haircut_1000`, requestId: `ma-e2e-${who}` })).toMatchObject({ ok: true });
  }
  try {
    await step(page, 'ma01-home-to-services', async () => {
      await openAs(page, run.kiosk.url, WANG, '/pages/index/index', '集市设置');
      await button(page, /^集市设置$/).click();
      await visiblePage(page).getByText('摊位安排').waitFor();
      await snap(page, 'settings');
      await button(page, '管理服务项目').click();
      await visiblePage(page).locator('.ma-service-row[data-service="爱心义剪"]').waitFor();
      expect(await visiblePage(page).locator('.ma-service-row[data-service="爱心义剪"]').textContent()).toContain('每档 2 人');
      await visiblePage(page).locator('.ma-service-row[data-service="爱心义剪"]').click();
      await visiblePage(page).getByText('每档几个人').waitFor();
    });

    await step(page, 'ma02-fewer-places-than-booked-refused', async () => {
      await visiblePage(page).locator('.svc-capacity input').fill('1');
      await button(page, '保存修改').click();
      const notice = visiblePage(page).locator('.v-notice');
      await notice.waitFor();
      expect(await notice.textContent()).toContain(`${days[0].dateLabel} 10:00–10:20 已经有 2 人预约`);
    });

    await step(page, 'ma03-raise-to-three', async () => {
      await visiblePage(page).locator('.svc-capacity input').fill('3');
      await button(page, '保存修改').click();
      const done = visiblePage(page).locator('.service-done');
      await done.waitFor();
      expect(await done.textContent()).toMatch(/有 \d+ 个时段的名额改成了 3 人/);
      await visiblePage(page).getByText('现在：每 20 分钟一档，每档 3 人').waitFor();
      await snap(page, 'service-saved');
    });

    await step(page, 'ma04-move-the-market', async () => {
      await page.locator('.page:visible taro-button-core.page-nav-back').click();
      await visiblePage(page).locator('.ma-service-row[data-service="爱心义剪"]', { hasText: '每档 3 人' }).waitFor();
      await page.locator('.page:visible taro-button-core.page-nav-back').click();
      await visiblePage(page).getByText('摊位安排').waitFor();
      await visiblePage(page).locator('.ma-place input').fill(NEW_PLACE);
      await button(page, /^5 周$/).click();
      await button(page, '保存设置').click();
      const done = visiblePage(page).locator('.settings-done');
      await done.waitFor();
      const said = (await done.textContent()) ?? '';
      expect(said).toContain(`已经排好的 4 个集市日（${days.map((d) => d.dateLabel).join('、')}）保持原来的时间和地点`);
      expect(said).toMatch(/按新设置排好了：\d+月\d+日 周五/);
      // the days list (reloaded after the save) marks the ones that keep the old settings
      await visiblePage(page).locator('.ma-day', { hasText: NEW_PLACE }).waitFor();
      expect(await visiblePage(page).locator('.ma-day', { hasText: '按原设置' }).count()).toBe(4);
      expect(await visiblePage(page).locator('.ma-day', { hasText: NEW_PLACE }).count()).toBe(1);
      await snap(page, 'settings-saved');
    });

    await step(page, 'ma05-resident-sees-it', async () => {
      await openAs(page, run.kiosk.url, ZHAO, '/pages/index/index', '预约集市服务');
      // the coming Friday keeps its place (people booked it there) …
      expect(await visiblePage(page).locator('.market-next').textContent()).toContain(`地点：${OLD_PLACE}`);
      await button(page, '预约集市服务').click();
      const haircut = visiblePage(page).locator('.service-card[data-service="爱心义剪"]');
      await haircut.waitFor();
      if ((await haircut.locator('taro-button-core.slot-open').count()) === 0) await haircut.locator('taro-button-core.service-toggle').click();
      // … and its haircut slots have 3 chairs now: 10:00 has one left (two booked), 10:20 all three
      await haircut.getByText('10:00–10:20 · 剩 1 位').waitFor();
      await haircut.getByText('10:20–10:40 · 剩 3 位').waitFor();
      // the fifth Friday, made with the new settings, is at the new place
      await page.locator('.page:visible taro-button-core.page-nav-home').click();
      await visiblePage(page).locator('.later-day').last().waitFor();
      expect(await visiblePage(page).locator('.later-day').count()).toBe(4);
      await visiblePage(page).locator('.later-day').last().click();
      await visiblePage(page).getByText(`地点：${NEW_PLACE}`).waitFor();
      await snap(page, 'resident-fifth-friday');
    });

    await step(page, 'ma06-stall-off-asks-first-held-refused', async () => {
      const held = (await callAs<{ stalls: { number: number; heldOn: string[] }[] }>(run.kiosk.url, 'market', WANG, { action: 'marketSettings' })).data!.stalls.find((s) => s.heldOn.length)!;
      await openAs(page, run.kiosk.url, WANG, '/marketAdmin/pages/settings/index', '摊位安排');
      const row = visiblePage(page).locator(`.ma-stall[data-stall="${held.number}"]`);
      await row.locator('taro-button-core.stall-off').click();
      await row.getByText('停用').first().waitFor();
      await row.locator('taro-button-core.stall-off-yes').click();
      await button(page, '保存摊位').click();
      const notice = visiblePage(page).locator('.stall-plan .v-notice');
      await notice.waitFor();
      expect(await notice.textContent()).toContain('不能停用');
      expect(await notice.textContent()).toContain(`${held.number}号摊位`);
      // a free stall goes off after the question
      const free = visiblePage(page).locator('.ma-stall').filter({ hasNot: page.locator('.nut-tag', { hasText: '有摊主' }) }).last();
      const n = Number(await free.getAttribute('data-stall'));
      await openAs(page, run.kiosk.url, WANG, '/marketAdmin/pages/settings/index', '摊位安排');
      await visiblePage(page).locator(`.ma-stall[data-stall="${n}"] taro-button-core.stall-off`).click();
      await visiblePage(page).locator(`.ma-stall[data-stall="${n}"] taro-button-core.stall-off-yes`).click();
      await button(page, '保存摊位').click();
      await visiblePage(page).locator('.stalls-done').waitFor();
      const vendorSees = await callAs<{ number: number }[]>(run.kiosk.url, 'stall', 'local-v-farmer-2', { action: 'stalls' });
      expect(vendorSees.data!.map((s) => s.number)).not.toContain(n);
    });
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}, 240_000);

it('the service form and the settings form take their limits from the function (cloudfunctions/market/limits.ts); 320 and 390 px, normal and elder mode', async () => {
  const L = MARKET_LIMITS;
  for (const width of [320, 390]) {
    for (const elder of [false, true]) {
      const context = await run.browser.newContext({ viewport: { width, height: 1200 }, locale: 'zh-CN' });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        const tag = `${width}${elder ? '-elder' : ''}`;
        await openAs(page, run.kiosk.url, WANG, '/marketAdmin/pages/service/index', '新增服务项目', elder);
        const form = visiblePage(page);
        expect(await form.locator('.svc-name input').getAttribute('maxlength')).toBe(String(L.serviceName.max));
        expect(await form.locator('.svc-description input').getAttribute('maxlength')).toBe(String(L.description.max));
        expect(await form.locator('.svc-provider input').getAttribute('maxlength')).toBe(String(L.provider.max));
        // one character is too short for the function: the page says so before sending anything
        await form.locator('.svc-name input').fill('剪');
        await button(page, '保存并加到集市').click();
        await form.locator('.v-notice', { hasText: `至少 ${L.serviceName.min} 个字` }).waitFor();
        // more places than the function takes
        await form.locator('.svc-name input').fill('修雨伞');
        await form.locator('.svc-capacity input').fill(String(L.capacity.max + 1));
        await button(page, '保存并加到集市').click();
        await form.locator('.v-notice', { hasText: `名额请写 ${L.capacity.min} 到 ${L.capacity.max} 之间的整数` }).waitFor();
        // a slot longer than the function takes
        await form.locator('.svc-capacity input').fill('2');
        await form.locator('.svc-minutes input').fill(String(L.slotMinutes.max + L.slotMinutes.step));
        await button(page, '保存并加到集市').click();
        await form.locator('.v-notice', { hasText: `${L.slotMinutes.min} 到 ${L.slotMinutes.max} 分钟` }).waitFor();
        await page.screenshot({ path: path.join(run.shots, `service-limits-${tag}.png`), fullPage: true });
        await openAs(page, run.kiosk.url, WANG, '/marketAdmin/pages/settings/index', '摊位安排', elder);
        expect(await visiblePage(page).locator('.ma-place input').getAttribute('maxlength')).toBe(String(L.place.max));
        expect(await visiblePage(page).locator('.horizon-choices .choice').count()).toBe(L.horizonWeeks.max - L.horizonWeeks.min + 1);
        expect(errors).toEqual([]);
        // nothing was saved: no 修雨伞 in the catalogue
        const view = await callAs<{ services: { name: string }[] }>(run.kiosk.url, 'market', WANG, { action: 'marketSettings' });
        expect(view.data!.services.map((s) => s.name)).not.toContain('修雨伞');
      } finally {
        await context.close();
      }
    }
  }
}, 240_000);

it('the 集市设置 pages have no serious accessibility violation (axe-core), normal and elder mode', async () => {
  const context = await run.browser.newContext({ viewport: { width: 390, height: 1600 }, locale: 'zh-CN' });
  const page = await context.newPage();
  try {
    for (const elder of [false, true]) {
      for (const [route, ready] of [
        ['/marketAdmin/pages/settings/index', '摊位安排'],
        ['/marketAdmin/pages/services/index', '爱心义剪'],
        ['/marketAdmin/pages/service/index?id=svc-lc-haircut', '每档几个人'],
      ]) {
        await openAs(page, run.kiosk.url, WANG, route, ready, elder);
        expect({ route, elder, violations: await axeViolations(page) }).toEqual({ route, elder, violations: [] });
      }
    }
  } finally {
    await context.close();
  }
}, 120_000);
