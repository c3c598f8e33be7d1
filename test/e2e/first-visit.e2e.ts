/**
 * The first visit, in a real run.browser: a new person (the local switch's "一位新居民", a fresh OPENID)
 * sees "第一次来？先登记一下" on the home page, registers at 壁山丽景小区 3号楼 2单元 302 (estate and
 * building from lists, problems said in the page), lands home registered and opens 我的预约: an
 * empty list, not an error. A visitor nobody registered who opens 我的预约 directly is sent to the
 * registration page (先登记), not offered a retry that cannot help. The new resident then books
 * 爱心义剪, reloads the booking page (the booking again, not the form) and goes home — with no
 * console error on the way (the app has a favicon). Home says how to reach the kiosk
 * (place, hours, phone), and in a community without a market what its kiosk offers instead.
 *
 * Then screenshots of these pages at 320 and 390 px wide, in normal and elder mode
 * (test-artifacts/first-visit/), each measured: no clipped text, text ≥ 18 px and targets ≥ 60 px
 * in elder mode (≥ 44 px otherwise).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { button, measurePage, newPage, openAs, settle, step, useRun } from './harness';

const run = useRun({ shots: 'first-visit' });

/** How many times the screens registered 欧阳淑华 (each at another room). */
let justRegistered = 0;


it('a new person registers at 壁山丽景小区 3号楼 and lands home registered; 我的预约 is empty, not an error', async () => {
  const { context, page, errors } = await newPage(run.browser, 390, 844, { consoleErrors: true, failedResponses: true });
  await step(page, 'first-01-choose-new-person', async () => {
    await page.goto(run.kiosk.url);
    await page.getByText('切换身份').click();
    for (const label of ['社区管理员 · ', '访客 · ']) await page.getByText(label).first().waitFor(); // one name per role (GLOSSARY; issue 19)
    await page.getByText('一位新居民（还没登记）').click();
    await page.getByText('当前身份：新居民（未登记）').waitFor();
  });
  await step(page, 'first-02-home-offers-registration', async () => {
    await page.getByText('第一次来？先登记一下').waitFor();
    await page.getByText('在解忧铺登记过？').waitFor(); // the link-code card stays, below it
    const cards = await page.locator('.page:visible .card .title, .page:visible .card .subtitle').allTextContents();
    expect(cards.indexOf('第一次来？先登记一下')).toBeLessThan(cards.indexOf('在解忧铺登记过？'));
    await button(page, '去登记').click();
    await page.getByText('第一次来，先登记一下').waitFor();
    expect(page.url()).toContain('/pages/register/index');
  });
  await step(page, 'first-03-problems-in-the-page', async () => {
    await button(page, /^登记$/).click();
    await page.getByText('请填写您的姓名').waitFor();
    await page.locator('.reg-name input').fill('钱淑华');
    await button(page, /^登记$/).click();
    await page.getByText('请选择您住的小区').waitFor();
    await button(page, '壁山丽景小区').click();
    expect(await page.getByText('请选择您住的小区').count()).toBe(0); // an edit clears the problem
    await button(page, /^3号楼$/).click();
    expect(await button(page, '3号楼').textContent()).toContain('☑');
    await page.locator('.reg-unit input').fill('2单元');
    await page.locator('.reg-room input').fill('302');
    // no phone is asked at registration: it is asked where a feature needs it (the report page)
    expect(await page.getByText('手机号').count()).toBe(0);
    expect(await page.locator('.nut-dialog, .nut-toast, .taro__toast, .taro__modal').count()).toBe(0); // no pop-ups
  });
  await step(page, 'first-04-register-and-land-home', async () => {
    await button(page, /^登记$/).click();
    await page.getByText('登记好了：钱淑华，您好').waitFor();
    await page.getByText('当前身份：钱淑华（老城社区）').waitFor();
    await button(page, '预约集市服务').waitFor();
    expect(await page.getByText('第一次来？先登记一下').count()).toBe(0);
    expect(await page.getByText('在解忧铺登记过？').count()).toBe(0);
  });
  await step(page, 'first-05-my-bookings-empty', async () => {
    await button(page, '我的预约').click();
    await page.getByText('您还没有预约').waitFor();
    expect(await button(page, '重新加载').count()).toBe(0);
    expect(await button(page, '先登记').count()).toBe(0);
  });
  await step(page, 'first-05b-book-reload-go-home', async () => {
    // from my bookings home, book 爱心义剪, reload the booking page: the booking again, not the form
    await page.locator('.page:visible taro-button-core.page-nav-home').click();
    await page.locator('.page:visible taro-button-core', { hasText: '预约集市服务' }).click();
    await page.locator('.page:visible .service-card[data-service="爱心义剪"] taro-button-core.slot-open').first().click();
    await page.getByText('请确认预约信息').waitFor();
    await button(page, '确认预约').click();
    await page.locator('.page:visible', { hasText: '预约成功' }).waitFor();
    const code = ((await page.locator('.page:visible .booking-code').textContent()) ?? '').trim();
    await page.reload();
    await page.locator('.page:visible', { hasText: '预约成功' }).waitFor();
    expect(((await page.locator('.page:visible .booking-code').textContent()) ?? '').trim()).toBe(code);
    expect(await button(page, '确认预约').count()).toBe(0);
    await page.locator('.page:visible taro-button-core.page-nav-home').click();
    await page.getByText('当前身份：钱淑华（老城社区）').waitFor();
  });
  await step(page, 'first-06-register-page-again', async () => {
    // the registration page, opened again, does not register twice
    await page.goto(`${run.kiosk.url}/#/pages/register/index`);
    await page.reload();
    await page.getByText('您已经登记过了').waitFor();
  });
  expect(errors).toEqual([]);
  await context.close();
}, 180_000);

it('the app has a favicon, served by the local server', async () => {
  const html = await (await fetch(`${run.kiosk.url}/`)).text();
  expect(html).toContain('<link rel="icon" href="/favicon.ico">');
  const icon = await fetch(`${run.kiosk.url}/favicon.ico`);
  expect(icon.status).toBe(200);
  const bytes = Buffer.from(await icon.arrayBuffer());
  expect([...bytes.subarray(0, 4)]).toEqual([0, 0, 1, 0]); // an ICO file's header
  expect(bytes.readUInt16LE(4)).toBeGreaterThanOrEqual(1); // with at least one image
});

it('an unknown visitor opening 我的预约 directly is sent to the registration page', async () => {
  const { context, page, errors } = await newPage(run.browser, 390, 844, { consoleErrors: true, failedResponses: true });
  await step(page, 'first-07-bookings-unregistered', async () => {
    await openAs(page, run.kiosk.url, 'wx-first-visit-stranger', '/market/pages/bookings/index', '先登记');
    expect(await page.locator('.page:visible').first().textContent()).toContain('您还没有登记');
    expect(await button(page, '重新加载').count()).toBe(0);
    await button(page, '先登记').click();
    await page.getByText('第一次来，先登记一下').waitFor();
  });
  expect(errors).toEqual([]);
  await context.close();
}, 60_000);

it('home says how to reach the kiosk, and a community without a market says what its kiosk offers instead', async () => {
  const { context, page, errors } = await newPage(run.browser, 390, 844, { consoleErrors: true, failedResponses: true });
  await step(page, 'first-08-kiosk-laocheng', async () => {
    await openAs(page, run.kiosk.url, 'local-r-zhao', '/pages/index/index', '到解忧铺找我们');
    const card = ((await page.locator('.kiosk-card').textContent()) ?? '').replace(/\s+/g, '');
    expect(card).toContain('地点：壁山丽景小区老城社区居委会一楼');
    expect(card).toContain('开放时间：周一至周五9:00–18:00');
    expect(card).toContain('电话：0994-4820101');
    expect(await page.locator('.home-hero-title').textContent()).toBe('石榴籽“解忧铺”');
  });
  await step(page, 'first-09-kiosk-without-market', async () => {
    await openAs(page, run.kiosk.url, 'local-r-li', '/pages/index/index', '暂时没有解忧集市');
    const text = ((await page.locator('.page:visible').first().textContent()) ?? '').replace(/\s+/g, '');
    expect(text).toContain('明珠社区邻家帮手“解忧铺”');
    expect(text).toContain('可以办：代办、调解邻里纠纷、反映问题');
    expect(text).toContain('电话：0994-4820102');
    expect(text).not.toContain('每周解忧集市');
  });
  expect(errors).toEqual([]);
  await context.close();
}, 60_000);

describe('screenshots of the first visit', () => {
  let n = 0;
  const stranger = () => `wx-first-visit-shots-${(n += 1)}`;
  const routes: { name: string; route: string; ready: string; as?: () => string; then?: (page: Page) => Promise<void> }[] = [
    { name: 'home-new-person', route: '/pages/index/index', ready: '第一次来？先登记一下' },
    { name: 'register', route: '/pages/register/index', ready: '第一次来，先登记一下' },
    {
      name: 'register-filled',
      route: '/pages/register/index',
      ready: '第一次来，先登记一下',
      then: async (page) => {
        await page.locator('.reg-name input').fill('欧阳淑华');
        await button(page, '壁山丽景小区').click();
        await button(page, /^3号楼$/).click();
        await page.locator('.reg-unit input').fill('2单元');
        // the room left empty: the page says what is missing
        await button(page, /^登记$/).click();
        await page.getByText('请填写房号，例如：302').waitFor();
      },
    },
    { name: 'bookings-unregistered', route: '/market/pages/bookings/index', ready: '先登记' },
    { name: 'home-no-market', as: () => 'local-r-li', route: '/pages/index/index', ready: '暂时没有解忧集市' },
    { name: 'home-resident', as: () => 'local-r-zhao', route: '/pages/index/index', ready: '到解忧铺找我们' },
    { name: 'identity', as: () => 'local-r-zhao', route: '/pages/identity/index', ready: '一位新居民（还没登记）' },
    {
      name: 'home-just-registered',
      route: '/pages/register/index',
      ready: '第一次来，先登记一下',
      then: async (page) => {
        await page.locator('.reg-name input').fill('欧阳淑华');
        await button(page, '壁山丽景小区').click();
        await button(page, /^3号楼$/).click();
        await page.locator('.reg-unit input').fill('2单元');
        // a new home each time: the same name at the same home is warned of as a namesake (issue 17)
        justRegistered += 1;
        await page.locator('.reg-room input').fill(String(400 + justRegistered));
        await button(page, /^登记$/).click();
        await page.getByText('登记好了：欧阳淑华，您好').waitFor();
      },
    },
  ];

  for (const width of [320, 390]) {
    for (const elder of [false, true]) {
      it.each(routes.map((r) => [r.name, r] as const))(`%s at ${width} px, ${elder ? 'elder' : 'normal'} mode`, async (_name, r) => {
        // tall enough for the whole page: Taro's H5 pages scroll inside their own container
        const { context, page, errors } = await newPage(run.browser, width, 2400, { consoleErrors: true, failedResponses: true });
        try {
          await step(page, `first-shot-${r.name}-${width}-${elder ? 'elder' : 'normal'}`, async () => {
            await openAs(page, run.kiosk.url, (r.as ?? stranger)(), r.route, r.ready, elder);
            if (r.then) await r.then(page);
            await settle(page);
            await page.screenshot({ path: path.join(run.shots, `${r.name}-${width}-${elder ? 'elder' : 'normal'}.png`), fullPage: true });
            expect(await measurePage(page, { elder })).toEqual({ clipped: [], wrapped: [], small: [], targets: [], lowContrast: [], elderRoot: elder });
          });
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      }, 60_000);
    }
  }
});
