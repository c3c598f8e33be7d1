/**
 * What staff see and what they tell people (issue 17 "Staff"), tapped through in Chromium with one
 * kiosk and one run.browser:
 * - the counter labels a resident by a linked WeChat: a resident who registered in WeChat is
 *   "已关联微信", one registered at the counter without WeChat "没有关联微信，需要代办";
 * - a second WeChat registering 王秀英 at the same home is told "这个地址已经登记过一位王秀英" and
 *   sent to the counter, and may go on when it really is someone else of the same name;
 * - 安排摊位 marks the stalls held that day (已有摊主：哈力木) and they cannot be picked; 换摊位 does
 *   the same; the vendor's 我的摊位 shows the stall he was given, after a reload too — also a vendor
 *   who was waiting for the draw in a lottery community (he used to stay 等待抽签 while the admin read
 *   "安排好了…null号摊");
 * - the desk's 协调 form says which fields the reporter reads; a 督办 deadline reads 前办结 on the
 *   card and the page; the reporter's phone is a 拨打 target; 来源 is explained;
 * - the counter's booking slip gives the kiosk's phone and how to cancel;
 * - the console's grid picker names the buildings of each grid.
 * Then the changed pages at 320 and 390 px, normal and elder mode: screenshots in
 * test-artifacts/staffui/, no text under 18 px in elder mode among the lines this issue added.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { button, callAs, KNIFE, newPage, openAs, settle, startKiosk, step, visiblePage, WANG, YAN, useRun, shootWholePage } from './harness';

// its own kiosk, not the run's: it switches 老城社区's stall allocation to a lottery and back and gives out stalls of the coming days; vendor-lottery asserts the seed's allocation (按申请先后分配) and the registry files the stalls held.
const run = useRun({ shots: 'staffui', kiosk: startKiosk });

let firstDate = '';
let supervisedId = '';
let heldId = '';
let counterBookingId = '';
let noWeChatId = '';


beforeAll(async () => {
  const days = await callAs<{ days: { date: string }[] }>(run.kiosk.url, 'market', 'local-r-zhao', { action: 'listMarketDays' });
  firstDate = days.data!.days[0].date;
  // 王秀英 registered in WeChat first (the resident the warning protects)
  expect((await callAs(run.kiosk.url, 'account', 'local-wx-wang-xiuying', { action: 'register', name: '王秀英', estateId: 'e-bishan', building: '4号楼', unit: '2单元', room: '301' })).ok).toBe(true);
  // 孙桂英 has no WeChat: 严婷 registered her at the counter
  const sun = await callAs<{ id: string }>(run.kiosk.url, 'account', YAN, { action: 'registerFor', name: '孙桂英', estateId: 'e-bishan', building: '4号楼', unit: '1单元', room: '101', requestId: 'e2e-staffui-sun', consent: { spoken: true } });
  noWeChatId = sun.data!.id;
  // a pending problem in 严婷's grid that 王乐天 supervises (督办): due to be 办结, nobody accepted it yet
  const a = await callAs<{ id: string }>(run.kiosk.url, 'ticket', 'local-r-zhao', { action: 'report', category: 'facilities', text: '3号楼楼道的灯坏了一个月了，晚上看不见台阶', where: { estateId: 'e-bishan', building: '3号楼' }, requestId: 'e2e-staffui-light' });
  supervisedId = a.data!.id;
  const week = new Date(Date.now() + 8 * 3600_000 + 6 * 86400_000).toISOString().slice(0, 10);
  expect((await callAs(run.kiosk.url, 'ticket', WANG, { action: 'supervise', ticketId: supervisedId, deadline: week, note: '请联系物业尽快修好' })).ok).toBe(true);
  // a problem 严婷 holds (the 协调 form, the reporter's phone)
  const b = await callAs<{ id: string }>(run.kiosk.url, 'ticket', 'local-r-zou', { action: 'report', category: 'roads', text: '5号楼门口的路面塌了一个坑，老人容易绊倒', where: { estateId: 'e-bishan', building: '5号楼' }, requestId: 'e2e-staffui-road' });
  heldId = b.data!.id;
  expect((await callAs(run.kiosk.url, 'ticket', YAN, { action: 'accept', ticketId: heldId })).ok).toBe(true);
}, 300_000);

it('staff see who needs them, which stalls are taken, who reads what they write; residents are warned of a namesake', async () => {
  const { context, page, errors } = await newPage(run.browser, 390, 844);

  await step(page, 'su01-counter-labels-by-wechat', async () => {
    await openAs(page, run.kiosk.url, YAN, '/counter/pages/search/index', '为居民代办');
    await page.locator('.page:visible .counter-input input').fill('4号楼');
    await button(page, '查找居民').click();
    const wang = visiblePage(page).locator('.resident-card', { hasText: '王秀英' });
    await wang.waitFor();
    // registered in WeChat, no phone given: not someone who needs staff to act for her
    expect(await wang.locator('.resident-wechat').textContent()).toBe('已关联微信，自己能在手机上办');
    expect(await wang.textContent()).not.toContain('需要代办');
    const sun = visiblePage(page).locator('.resident-card', { hasText: '孙桂英' });
    expect(await sun.locator('.resident-wechat').textContent()).toBe('没有关联微信，需要代办');
  });

  await step(page, 'su02-self-registration-namesake', async () => {
    await openAs(page, run.kiosk.url, 'local-wx-wang-xiuying-2', '/pages/register/index', '第一次来，先登记一下');
    await page.locator('.page:visible .reg-name input').fill('王秀英');
    await button(page, '壁山丽景小区').click();
    await button(page, /^4号楼$/).click();
    await page.locator('.page:visible .reg-unit input').fill('2单元');
    await page.locator('.page:visible .reg-room input').fill('301');
    await button(page, /^登记$/).click();
    const notice = visiblePage(page).locator('.reg-duplicate');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('这个地址已经登记过一位王秀英。');
    expect(await notice.textContent()).toContain('到解忧铺柜台让工作人员帮您关联微信');
    // nothing was written: still unregistered
    expect((await callAs<{ registered: boolean }>(run.kiosk.url, 'account', 'local-wx-wang-xiuying-2', { action: 'me' })).data!.registered).toBe(false);
    await screenshot(page, 'register-namesake');
    await button(page, '我是另一个人，继续登记').click();
    await page.getByText('当前身份：王秀英（老城社区）').waitFor();
  });

  await step(page, 'su03-assign-stall-marks-taken', async () => {
    await openAs(page, run.kiosk.url, WANG, '/stallAdmin/pages/vendor/index?id=v-knife', '给他安排摊位');
    const taken = visiblePage(page).locator('.give-stall .stall-choices taro-button-core', { hasText: '2号 已有摊主：哈力木' });
    await taken.waitFor();
    expect(await visiblePage(page).locator('.give-stall .stall-choices taro-button-core', { hasText: '3号 已有摊主：东城果园' }).count()).toBe(1);
    // a taken stall cannot be picked: tapping it chooses nothing
    await taken.click({ force: true });
    expect(await taken.textContent()).not.toContain('☑');
    await visiblePage(page).locator('.give-stall .stall-choices taro-button-core', { hasText: /^4号$/ }).click();
    await button(page, /^安排摊位$/).click();
    const done = visiblePage(page).locator('.give-done');
    await done.waitFor();
    expect(await done.textContent()).toContain('刘师傅在 4号摊');
    // read again: 4号 is now his
    await visiblePage(page).locator('.give-stall .stall-choices taro-button-core', { hasText: '4号 已有摊主：刘师傅' }).waitFor();
  });

  await step(page, 'su04-move-marks-taken', async () => {
    await openAs(page, run.kiosk.url, WANG, `/stallAdmin/pages/day/index?date=${firstDate}`, '摊主签到名单');
    const row = visiblePage(page).locator('.day-row[data-vendor="刘师傅"]');
    await row.locator('taro-button-core', { hasText: '换摊位' }).click();
    await row.locator('taro-button-core', { hasText: '2号 已有摊主：哈力木' }).waitFor();
    await row.locator('taro-button-core', { hasText: '4号 他现在的摊位' }).waitFor();
    expect(await row.locator('taro-button-core.move-to', { hasText: '2号摊' }).count()).toBe(0);
    await button(page, '不换了').click();
    expect(await row.locator('taro-button-core', { hasText: '收回摊位' }).count()).toBe(1);
  });

  await step(page, 'su05-mine-after-reload', async () => {
    await openAs(page, run.kiosk.url, KNIFE, '/stall/pages/mine/index', '刘师傅');
    const card = visiblePage(page).locator(`.stall-app[data-date="${firstDate}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain('4号摊');
    await page.reload();
    await visiblePage(page).locator(`.stall-app[data-date="${firstDate}"]`, { hasText: '4号摊' }).waitFor();
  });

  await step(page, 'su05b-lottery-waiting-vendor-given-a-stall', async () => {
    // a lottery community: 张师傅 applied for the second Friday and waits for the draw (等待抽签);
    // 王乐天 gives him a stall: he holds it at once, and his 我的摊位 shows it, after a reload too
    expect((await callAs(run.kiosk.url, 'stall', WANG, { action: 'setAllocation', mode: 'lottery', drawDaysBefore: 2, drawAt: '18:00' })).ok).toBe(true);
    const days = await callAs<{ days: { date: string; dateLabel: string }[] }>(run.kiosk.url, 'market', WANG, { action: 'listMarketDays' });
    const second = days.data!.days[1];
    const [applied] = (await callAs<{ status: string }[]>(run.kiosk.url, 'stall', 'local-v-barber', { action: 'applyStall', dates: [second.date] })).data!;
    expect(applied.status).toBe('applied');
    await openAs(page, run.kiosk.url, WANG, '/stallAdmin/pages/vendor/index?id=v-barber', '给他安排摊位');
    await visiblePage(page).locator('.give-stall taro-button-core', { hasText: second.dateLabel }).click();
    await button(page, /^安排摊位$/).click();
    const done = visiblePage(page).locator('.give-done');
    await done.waitFor();
    const said = (await done.textContent()) ?? '';
    const n = /张师傅在 (\d+)号摊/.exec(said)?.[1];
    expect(n).toBeDefined();
    await openAs(page, run.kiosk.url, 'local-v-barber', '/stall/pages/mine/index', '张师傅');
    await visiblePage(page).locator(`.stall-app[data-date="${second.date}"]`, { hasText: `${n}号摊` }).waitFor();
    await page.reload();
    const card = visiblePage(page).locator(`.stall-app[data-date="${second.date}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain(`${n}号摊`);
    expect(await card.textContent()).not.toContain('等待抽签');
    expect((await callAs(run.kiosk.url, 'stall', WANG, { action: 'setAllocation', mode: 'firstCome', drawDaysBefore: 2, drawAt: '18:00' })).ok).toBe(true);
  });

  await step(page, 'su06-supervised-reads-banjie', async () => {
    await openAs(page, run.kiosk.url, YAN, '/desk/pages/queue/index', /等您受理|受理/);
    const card = visiblePage(page).locator(`.queue-card[data-ticket="${supervisedId}"]`);
    await card.waitFor();
    expect(await card.textContent()).toMatch(/前办结/);
    expect(await card.textContent()).not.toMatch(/前受理/);
    await card.click();
    await visiblePage(page).getByText('社区督办：').waitFor();
    expect(await visiblePage(page).textContent()).toMatch(/请在 .+ 前办结/);
  });

  await step(page, 'su07-desk-field-readers', async () => {
    await openAs(page, run.kiosk.url, YAN, `/desk/pages/detail/index?id=${heldId}`, '办理人：严婷');
    // the reporter's full phone: a 拨打 target; the source in words
    await visiblePage(page).locator('.reporter-phone[role="button"]', { hasText: '拨打' }).waitFor();
    expect(await visiblePage(page).locator('.ticket-source').textContent()).toBe('来源：群众提（居民自己反映的）');
    await button(page, '协调部门').click();
    const form = visiblePage(page).locator('.form-coordinate');
    await form.waitFor();
    expect(await form.locator('.ticket-hint').textContent()).toContain('反映人会看到联系了哪个部门和商量好的办法');
    const field = (label: string) => form.locator('.ticket-field', { has: page.locator('.field-label', { hasText: label }) });
    expect(await field('联系人').locator('.field-reader').textContent()).toBe('只有工作人员能看到，反映人看不到');
    expect(await field('商量好的办法').locator('.field-reader').textContent()).toBe('反映人会看到这段话（一起反映的邻居也能看到）');
    await screenshot(page, 'desk-coordinate');
    await button(page, '不做了，返回').click();
    await button(page, '记录情况').click();
    const note = visiblePage(page).locator('.form-note');
    expect(await note.locator('.field-reader').textContent()).toBe('只有工作人员能看到，反映人看不到');
    await button(page, '反映人可见').click();
    expect(await note.locator('.field-reader').textContent()).toBe('反映人会看到这段话（一起反映的邻居也能看到）');
  });

  await step(page, 'su08-slip-phone-and-cancel', async () => {
    const slot = await firstOpenSlot();
    const r = await callAs<{ id: string }>(run.kiosk.url, 'market', YAN, { action: 'bookFor', residentId: noWeChatId, slotId: slot, requestId: 'e2e-staffui-slip', consent: { spoken: true } });
    expect(r.ok).toBe(true);
    counterBookingId = r.data!.id;
    await openAs(page, run.kiosk.url, YAN, `/market/pages/booking/index?id=${counterBookingId}&for=${noWeChatId}`, '集市预约单');
    expect(await visiblePage(page).locator('.slip-phone').textContent()).toBe('石榴籽“解忧铺”电话：0994-4820101（周一至周五 9:00–18:00，周五集市 10:00–13:00）');
    expect(await visiblePage(page).locator('.slip-cancel').textContent()).toContain('不能来了：请打上面的电话，或到石榴籽“解忧铺”柜台，说预约码就能取消');
  });

  await step(page, 'su09-grid-picker-names-buildings', async () => {
    await openAs(page, run.kiosk.url, WANG, '/console/pages/person/index?id=r-zou', '邹建庄');
    await button(page, /^网格员$/).click();
    await visiblePage(page).locator('.grid-toggles taro-button-core', { hasText: '壁山丽景小区 4号楼、5号楼、6号楼（G-LC-02）' }).waitFor();
  });

  expect(errors).toEqual([]);
  await context.close();
}, 300_000);

/** The first slot of the first market day with a place left (for the counter's booking). */
async function firstOpenSlot(): Promise<string> {
  const days = await callAs<{ days: { id: string }[] }>(run.kiosk.url, 'market', YAN, { action: 'listMarketDays' });
  const day = await callAs<{ services: { slots: { id: string; state: string }[] }[] }>(run.kiosk.url, 'market', YAN, { action: 'getMarketDay', marketDayId: days.data!.days[0].id });
  for (const s of day.data!.services) for (const x of s.slots) if (x.state === 'open') return x.id;
  throw new Error('no open slot');
}

async function screenshot(page: Page, name: string) {
  const { width } = page.viewportSize()!;
  await shootWholePage(page, path.join(run.shots, `${name}-${width}.png`), width, 844);
}

describe('the changed pages at 320 and 390 px, normal and elder', () => {
  const pages: { name: string; openid: string; route: () => string; ready: string | RegExp; before?: (page: Page) => Promise<void> }[] = [
    { name: 'counter-search', openid: YAN, route: () => '/counter/pages/search/index', ready: '为居民代办', before: async (page) => {
      await page.locator('.page:visible .counter-input input').fill('4号楼');
      await button(page, '查找居民').click();
      await visiblePage(page).locator('.resident-card', { hasText: '孙桂英' }).waitFor();
    } },
    { name: 'counter-resident', openid: YAN, route: () => `/counter/pages/resident/index?id=${noWeChatId}`, ready: '孙桂英' },
    { name: 'register-namesake', openid: 'local-wx-wang-xiuying-3', route: () => '/pages/register/index', ready: '第一次来，先登记一下', before: async (page) => {
      await page.locator('.page:visible .reg-name input').fill('王秀英');
      await button(page, '壁山丽景小区').click();
      await button(page, /^4号楼$/).click();
      await page.locator('.page:visible .reg-unit input').fill('2单元');
      await page.locator('.page:visible .reg-room input').fill('301');
      await button(page, /^登记$/).click();
      await visiblePage(page).locator('.reg-duplicate').waitFor();
    } },
    { name: 'admin-vendor-give', openid: WANG, route: () => '/stallAdmin/pages/vendor/index?id=v-barber', ready: '已有摊主' },
    { name: 'day-move', openid: WANG, route: () => `/stallAdmin/pages/day/index?date=${firstDate}`, ready: '摊主签到名单', before: async (page) => {
      await visiblePage(page).locator('.day-row[data-vendor="刘师傅"] taro-button-core', { hasText: '换摊位' }).click();
    } },
    { name: 'desk-queue', openid: YAN, route: () => '/desk/pages/queue/index', ready: '前办结' },
    { name: 'desk-detail-coordinate', openid: YAN, route: () => `/desk/pages/detail/index?id=${heldId}`, ready: '办理人：严婷', before: async (page) => {
      await button(page, '协调部门').click();
      await visiblePage(page).locator('.form-coordinate').waitFor();
    } },
    { name: 'booking-slip', openid: YAN, route: () => `/market/pages/booking/index?id=${counterBookingId}&for=${noWeChatId}`, ready: '集市预约单' },
    { name: 'console-person', openid: WANG, route: () => '/console/pages/person/index?id=r-zou', ready: '邹建庄', before: async (page) => {
      await button(page, /^网格员$/).click();
    } },
  ];
  for (const width of [320, 390]) {
    for (const elder of [false, true]) {
      it(`${width} px ${elder ? 'elder' : 'normal'}`, async () => {
        const { context, page, errors } = await newPage(run.browser, width, 800);
        const small: string[] = [];
        for (const p of pages) {
          await step(page, `sm-${p.name}-${width}-${elder ? 'elder' : 'normal'}`, async () => {
            await openAs(page, run.kiosk.url, p.openid, p.route(), p.ready, elder);
            if (p.before) await p.before(page);
            await settle(page);
            // the lines this issue added: readable in elder mode (≥ 18 px)
            if (elder) {
              const sizes = await page.evaluate(() =>
                [...document.querySelectorAll('.page .field-reader, .page .reg-duplicate-line, .page .slip-phone, .page .slip-cancel, .page .resident-wechat, .page .phone-call-tap, .page .choice-taken, .page .move-taken, .page .grid-toggle')]
                  .filter((e) => (e as HTMLElement).offsetParent !== null)
                  .map((e) => [(e.textContent ?? '').slice(0, 20), parseFloat(getComputedStyle(e).fontSize)] as const),
              );
              for (const [text, size] of sizes) if (size < 18) small.push(`${p.name}: ${text} ${size}px`);
            }
            await shootWholePage(page, path.join(run.shots, `${p.name}-${width}-${elder ? 'elder' : 'normal'}.png`), width);
          });
        }
        expect(small).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      }, 300_000);
    }
  }
});
