/**
 * Actions that had no page, tapped through in Chromium (issue 17, "Actions no page reaches"):
 * - 严婷 (grid worker) → 我的工单 → 登记我发现的问题: category, 3号楼 楼道, what she saw, a photo,
 *   赵建国 as the resident it concerns → 登记 → 回到我的工单 shows it under 等您受理 (`ticket.fileCase`);
 *   she is not offered 组织议/上级点, 王乐天 (admin) is;
 * - 王乐天 → 集市设置 → a coming day → 这天的安排 → 这天爱心义剪来不了 with a reason: 邹建庄's haircut
 *   booking that day is cancelled (`market.withdrawService`);
 * - the next day → 取消这次集市, asked inside the card, refused without a reason, then with one: the
 *   day leaves the list; 赵建国's booking reads 这个预约已取消 and his messages carry the reason
 *   (`market.cancelMarketDay`);
 * - 严婷 → 为居民代办 → 凭预约码签到: a code typed in lower case, full width and with spaces checks
 *   邹建庄 in and names him (`market.checkInByCode`). Check-in needs a market open today: the admin
 *   moves the market to today's weekday with hours starting soon; between about 22:20 and midnight
 *   (China time) no such hours exist, and the step checks the refusal instead.
 * - 王乐天 → 人员和网格 → 看全部修改记录 (`account.roleLog`, which no page called either).
 * Then the pages added or changed are measured at 320 and 390 px in normal and elder mode
 * (`measurePage`) and saved to test-artifacts/reach/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { acceptMessages, button, callAs, measurePage, openAs, startKiosk, step, visiblePage, WANG, YAN, ZHAO, ZOU, useRun } from './harness';

// its own kiosk, not the run's: it cancels a coming market day, withdraws 爱心义剪 from another, and moves 老城社区's market to today's weekday and hours — every other file books that market's days and slots.
const run = useRun({ shots: 'reach', kiosk: startKiosk });

const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');


const snap = (page: Page, name: string) => page.screenshot({ path: path.join(run.shots, `${name}.png`), fullPage: true });

interface Day {
  id: string;
  date: string;
  dateLabel: string;
}
interface Booking {
  id: string;
  code: string;
  status: string;
}

/** China time now: weekday 1–7 and minutes since midnight. */
function chinaNow(): { weekday: number; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date());
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { weekday, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

it('each action that had no page is reached by tapping, where the person looks for it', async () => {
  const context = await run.browser.newContext({ viewport: { width: 390, height: 1600 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const days = (await callAs<{ days: Day[] }>(run.kiosk.url, 'market', ZHAO, { action: 'listMarketDays' })).data!.days;
  expect(days.length).toBeGreaterThanOrEqual(2);
  // as the booking page's 确认预约 tap asks (issue 18): both allow the reminder and the change message
  for (const who of [ZOU, ZHAO]) await acceptMessages(run.kiosk.url, who, ['bookingReminderLocal', 'bookingChangedLocal']);
  const zouHaircut = await callAs<Booking>(run.kiosk.url, 'market', ZOU, { action: 'book', slotId: `${days[0].id}_svc-lc-haircut_1000`, requestId: 'reach-zou-0' });
  const zhaoHaircut = await callAs<Booking>(run.kiosk.url, 'market', ZHAO, { action: 'book', slotId: `${days[1].id}_svc-lc-haircut_1000`, requestId: 'reach-zhao-1' });
  expect([zouHaircut.ok, zhaoHaircut.ok]).toEqual([true, true]);

  await step(page, 'reach01-grid-worker-files-a-find', async () => {
    await openAs(page, run.kiosk.url, YAN, '/desk/pages/queue/index', '等您受理');
    const before = await visiblePage(page).locator('.queue-waiting-title').textContent();
    await button(page, '登记我发现的问题').click();
    await visiblePage(page).getByText('1. 怎么来的？').waitFor();
    expect(await visiblePage(page).textContent()).not.toContain('上级交办的');
    await snap(page, 'file-form');
    await button(page, '公共设施损坏').click();
    await button(page, /^3号楼$/).click();
    await button(page, /^楼道$/).click();
    await visiblePage(page).locator('.ticket-textarea textarea, textarea').first().fill('入户时发现3号楼2单元楼道灯坏了，老人晚上看不见台阶');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button(page, '拍照或选照片').click()]);
    await chooser.setFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: PHOTO });
    await visiblePage(page).getByRole('img', { name: '第 1 张照片' }).waitFor();
    await visiblePage(page).locator('.file-resident-query input').fill('赵建国');
    await button(page, '找这位居民').click();
    await button(page, /^赵建国，/).click();
    await visiblePage(page).locator('.file-resident-name').waitFor();
    await visiblePage(page).locator('.file-submit').scrollIntoViewIfNeeded();
    await snap(page, 'file-filled');
    await button(page, '登记，排进工单').click();
    await visiblePage(page).getByText('已登记').waitFor();
    expect(await visiblePage(page).textContent()).toContain('公共设施损坏 · 来源：自己找（网格员、工作人员自己发现的）');
    await snap(page, 'file-done');
    await button(page, '回到我的工单').click();
    await visiblePage(page).locator('.queue-waiting-title').waitFor();
    const n = (s: string | null) => Number(/（(\d+)）/.exec(s ?? '')?.[1] ?? -1);
    expect(n(await visiblePage(page).locator('.queue-waiting-title').textContent())).toBe(n(before) + 1);
    expect(await visiblePage(page).textContent()).toContain('楼道灯坏了');
  });

  await step(page, 'reach02-admin-sees-the-admin-sources', async () => {
    await openAs(page, run.kiosk.url, WANG, '/desk/pages/file/index', '1. 怎么来的？');
    expect(await visiblePage(page).textContent()).toContain('上级交办的（上级点）');
    expect(await visiblePage(page).textContent()).toContain('社区开会议定的（组织议）');
  });

  await step(page, 'reach03-admin-withdraws-a-service-for-a-day', async () => {
    await openAs(page, run.kiosk.url, WANG, '/marketAdmin/pages/settings/index', '已经排好的集市日');
    const row = visiblePage(page).locator(`.ma-day[data-day="${days[0].date}"]`);
    await row.locator('taro-button-core', { hasText: '这天的安排' }).click();
    const haircut = row.locator('.ma-day-service[data-service="svc-lc-haircut"]');
    await haircut.getByText('已约 1 人').waitFor();
    await haircut.locator('taro-button-core', { hasText: '这天爱心义剪来不了' }).click();
    await haircut.locator('.closure-reason input').fill('理发师傅生病了');
    await snap(page, 'withdraw-asked');
    await haircut.locator('taro-button-core', { hasText: '确定这天不来了' }).click();
    await row.locator('.withdraw-done').waitFor();
    expect(await row.locator('.withdraw-done').textContent()).toContain('取消了 1 个预约，已告知 1 位居民（其中');
    await haircut.getByText('这天已停').waitFor();
    const zou = (await callAs<Booking[]>(run.kiosk.url, 'market', ZOU, { action: 'myBookings' })).data!;
    expect(zou.find((b) => b.id === zouHaircut.data!.id)?.status).toBe('cancelled');
  });

  await step(page, 'reach04-admin-cancels-a-market-day', async () => {
    const row = visiblePage(page).locator(`.ma-day[data-day="${days[1].date}"]`);
    await row.locator('taro-button-core', { hasText: '这天的安排' }).click();
    await row.locator('taro-button-core', { hasText: '取消这次集市' }).click();
    await row.getByText('取消后不能恢复').waitFor();
    await row.locator('taro-button-core', { hasText: '确定取消这次集市' }).click();
    expect(await row.locator('.v-notice').textContent()).toContain('请写上原因');
    await row.locator('.closure-reason input').fill('大风降温，集市暂停一次');
    await snap(page, 'cancel-asked');
    await row.locator('taro-button-core', { hasText: '确定取消这次集市' }).click();
    const notice = visiblePage(page).locator('.day-cancelled');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(`${days[1].dateLabel}的集市已取消（大风降温，集市暂停一次）`);
    expect(await notice.textContent()).toContain('取消了 1 个预约，已告知 1 位居民（其中');
    await visiblePage(page).locator(`.ma-day[data-day="${days[1].date}"]`).waitFor({ state: 'detached' });
    await snap(page, 'day-cancelled');
    // 赵建国's booking says cancelled; his messages carry the reason
    await openAs(page, run.kiosk.url, ZHAO, `/market/pages/booking/index?id=${zhaoHaircut.data!.id}`, '这个预约已取消');
    await openAs(page, run.kiosk.url, ZHAO, '/pages/messages/index', '大风降温，集市暂停一次');
  });

  await step(page, 'reach05-staff-check-in-by-typed-code', async () => {
    await openAs(page, run.kiosk.url, YAN, '/counter/pages/search/index', '凭预约码签到');
    const card = visiblePage(page).locator('.checkin-code-card');
    await card.locator('input').fill('zz zz zz');
    await button(page, /^签到$/).click();
    expect(await card.locator('.checkin-code-problem').textContent()).toContain('没有找到预约码 ZZZZZZ 的预约');
    // a market open today: today's weekday, starting on the next 10 minutes after 30 from now, for an hour
    const now = chinaNow();
    const start = Math.ceil((now.minutes + 30) / 10) * 10;
    const settings = (await callAs<{ market: Record<string, unknown> }>(run.kiosk.url, 'market', WANG, { action: 'marketSettings' })).data!.market;
    const today = start + 60 <= 23 * 60 + 50;
    let code: string;
    if (today) {
      expect(await callAs(run.kiosk.url, 'market', WANG, { action: 'updateMarketSettings', ...settings, weekday: now.weekday, start: hhmm(start), end: hhmm(start + 60) })).toMatchObject({ ok: true });
      const todayDay = (await callAs<{ days: Day[] }>(run.kiosk.url, 'market', ZOU, { action: 'listMarketDays' })).data!.days[0];
      const detail = (await callAs<{ services: { id: string; slots: { id: string; state: string }[] }[] }>(run.kiosk.url, 'market', ZOU, { action: 'getMarketDay', marketDayId: todayDay.id })).data!;
      const slot = detail.services.flatMap((s) => s.slots).find((s) => s.state === 'open')!;
      const b = await callAs<Booking>(run.kiosk.url, 'market', ZOU, { action: 'book', slotId: slot.id, requestId: 'reach-zou-today' });
      expect(b.ok).toBe(true);
      code = b.data!.code;
    } else {
      code = (await callAs<Booking>(run.kiosk.url, 'market', ZOU, { action: 'book', slotId: `${days[2].id}_svc-lc-haircut_1000`, requestId: 'reach-zou-2' })).data!.code;
    }
    // as a person types it: lower case, the letters and digits full width, spaces between
    const typed = [...code.toLowerCase()].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join(' ');
    await card.locator('input').fill(typed);
    await button(page, /^签到$/).click();
    if (today) {
      await card.locator('.checkin-code-done').waitFor();
      expect(await card.locator('.checkin-code-who').textContent()).toBe('邹建庄 已签到');
      expect(await card.locator('.checkin-code-what').textContent()).toContain(`预约码 ${code}`);
      const zou = (await callAs<Booking[]>(run.kiosk.url, 'market', ZOU, { action: 'myBookings' })).data!;
      expect(zou.find((x) => x.code === code)?.status).toBe('checkedIn');
    } else {
      expect(await card.locator('.checkin-code-problem').textContent()).toContain('只能在集市当天');
    }
    await snap(page, 'checkin-by-code');
  });

  await step(page, 'reach06-admin-reads-the-role-log', async () => {
    // the community-wide role log (`account.roleLog`), found unreached by test/deploy/actions-reachable
    await openAs(page, run.kiosk.url, WANG, '/console/pages/people/index', '人员和网格');
    await button(page, '看全部修改记录').click();
    await visiblePage(page).locator('.role-log-all .p-line').first().waitFor();
  });

  expect(errors).toEqual([]);
  await context.close();
}, 300_000);

/** The pages added or changed, each opened freshly and put into the state worth measuring. */
const PAGES: { name: string; as: string; route: string; ready: string; before?: (page: Page) => Promise<void> }[] = [
  { name: 'queue', as: YAN, route: '/desk/pages/queue/index', ready: '登记我发现的问题' },
  { name: 'file-form', as: YAN, route: '/desk/pages/file/index', ready: '1. 怎么来的？' },
  { name: 'file-form-admin', as: WANG, route: '/desk/pages/file/index', ready: '1. 怎么来的？' },
  {
    name: 'settings-day-open',
    as: WANG,
    route: '/marketAdmin/pages/settings/index',
    ready: '已经排好的集市日',
    before: async (page) => {
      await visiblePage(page).locator('.ma-day').first().locator('taro-button-core', { hasText: '这天的安排' }).click();
      await visiblePage(page).locator('.ma-day-service').first().waitFor();
      // a service still running that day (reach03 stopped the first day's 爱心义剪: it offers no 来不了)
      const running = visiblePage(page).locator('.ma-day').first().locator('.ma-day-service', { has: page.locator('taro-button-core', { hasText: '来不了' }) });
      await running.first().locator('taro-button-core', { hasText: '来不了' }).click();
      await visiblePage(page).locator('.closure-reason').waitFor();
    },
  },
  {
    name: 'counter-checkin',
    as: YAN,
    route: '/counter/pages/search/index',
    ready: '凭预约码签到',
    before: async (page) => {
      await visiblePage(page).locator('.checkin-code-card input').fill('abcd');
      await button(page, /^签到$/).click();
      await visiblePage(page).locator('.checkin-code-problem').waitFor();
    },
  },
];

it('the pages added or changed hold at 320 and 390 px, in normal and elder mode', async () => {
  const failures: string[] = [];
  for (const width of [320, 390]) {
    for (const elder of [false, true]) {
      const context = await run.browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      for (const p of PAGES) {
        await step(page, `reach-measure-${p.name}-${width}-${elder ? 'elder' : 'normal'}`, async () => {
          await openAs(page, run.kiosk.url, p.as, p.route, p.ready, elder);
          if (p.before) await p.before(page);
          await page.screenshot({ path: path.join(run.shots, `${p.name}-${width}-${elder ? 'elder' : 'normal'}.png`), fullPage: true });
          const m = await measurePage(page, { elder });
          const bad = { clipped: m.clipped, small: m.small, targets: m.targets, lowContrast: m.lowContrast };
          for (const [k, v] of Object.entries(bad)) if (v.length) failures.push(`${p.name} ${width}px ${elder ? 'elder' : 'normal'} ${k}: ${v.slice(0, 4).join(' | ')}`);
          if (elder && !m.elderRoot) failures.push(`${p.name} ${width}px: no elder class`);
        });
      }
      await context.close();
    }
  }
  expect(failures).toEqual([]);
}, 600_000);
