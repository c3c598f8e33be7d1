/**
 * A grid's WeCom group robot in Chromium (issue 18 §1): as 王乐天 open grid G-LC-02 → 企业微信群提醒 →
 * 本地演示：新建一个群机器人 (the local stand-in of 添加群机器人 in a WeCom group) → 保存地址 → the card reads
 * 已设置 with the key masked → 发送测试消息 → 最近推送 shows the test message. 邹建庄 (5号楼, G-LC-02)
 * reports a broken light; the ticket timer runs (the kiosk runs in this process so the test can fire
 * `ticket.ticketJobs` as the platform does — timers are never reachable over HTTP); 刷新最近推送 shows
 * the new problem by its category and place, never 邹建庄 or his words. A bad address is refused
 * in Chinese. Screenshots (320/390 px, normal and elder): test-artifacts/robot/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startLocalCloud, type LocalCloud } from '../../local/cloud';
import { startGateway, type Gateway } from '../../local/gateway';
import { paths } from '../../local/paths';
import { callAs, measurePage, openAs, sharedBrowser, step, WANG, ZOU } from './harness';

let cloud: LocalCloud;
let gateway: Gateway;
let url = '';
let dataDir = '';
let browser: Browser;
const shots = path.resolve(__dirname, '../../test-artifacts/robot');
const GRID_PAGE = '/console/pages/grid/index?id=G-LC-02';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-robot-e2e-'));
  cloud = await startLocalCloud({ dataDir, demoTickets: true, fsync: false, poolSize: 4 });
  gateway = await startGateway(cloud, { mode: 'demo', port: 0, h5Dir: paths.h5() });
  url = `http://127.0.0.1:${gateway.port}`;
  browser = await sharedBrowser();
  fs.mkdirSync(shots, { recursive: true });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await gateway?.close();
  await cloud?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const card = (page: Page) => page.locator('.page:visible .robot-card');
const tap = (page: Page, cls: string) => page.locator(`.page:visible taro-button-core.${cls}`).click();

it('王乐天 sets G-LC-02’s robot in the console, tests it, and sees the post of 邹建庄’s new problem after the timer', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 1600 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await step(page, 'r01-open', async () => {
      await openAs(page, url, WANG, GRID_PAGE, '企业微信群提醒');
      await card(page).getByText('还没有设置群机器人。').waitFor();
      await card(page).getByText('群里还没有收到消息。').waitFor();
    });
    await step(page, 'r02-bad-address', async () => {
      await card(page).locator('input').fill('https://oapi.dingtalk.com/robot/send?access_token=abc');
      await tap(page, 'robot-save');
      await card(page).getByText(/这不是企业微信群机器人的地址/).waitFor();
      await page.screenshot({ path: path.join(shots, 'refused-390.png'), fullPage: true });
    });
    await step(page, 'r03-set', async () => {
      await card(page).locator('input').fill('');
      await tap(page, 'robot-local-new');
      await page.waitForFunction(() => (document.querySelector('.page .robot-card input') as HTMLInputElement | null)?.value.startsWith('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key='));
      const webhook = await card(page).locator('input').inputValue();
      const key = webhook.split('key=')[1];
      await tap(page, 'robot-save');
      await card(page).getByText(`已设置：群机器人 ${key.slice(0, 4)}…${key.slice(-4)}`).waitFor();
      // the key is never on the page whole once saved
      expect(await card(page).innerText()).not.toContain(key);
    });
    await step(page, 'r04-test', async () => {
      await tap(page, 'robot-test');
      await card(page).getByText('测试消息发出去了，请在企业微信群里看一看。').waitFor();
      await card(page).getByText(/G-LC-02 的群机器人接好了/).waitFor();
      await page.screenshot({ path: path.join(shots, 'tested-390.png'), fullPage: true });
    });
    await step(page, 'r05-report-and-timer', async () => {
      const r = await callAs<{ id: string }>(url, 'ticket', ZOU, { action: 'report', category: 'facilities', text: '邹建庄：楼道的灯坏了好几天', where: { estateId: 'e-bishan', building: '5号楼', spot: '二单元楼道' }, requestId: 'robot-e2e-1' });
      expect(r.ok).toBe(true);
      const run = (await cloud.trigger('ticket', 'ticketJobs')) as { ok: boolean; data: { robotPosted: number } };
      expect(run).toMatchObject({ ok: true, data: { robotPosted: 1 } });
      await tap(page, 'robot-posts-reload');
      await card(page).getByText(/新问题 · 公共设施损坏 · 壁山丽景小区 5号楼 二单元楼道/).waitFor();
      const text = await card(page).innerText();
      expect(text).not.toContain('邹建庄');
      expect(text).not.toContain('灯坏了');
      await page.screenshot({ path: path.join(shots, 'posted-390.png'), fullPage: true });
    });
    await step(page, 'r06-screens', async () => {
      for (const width of [320, 390]) {
        for (const elder of [false, true]) {
          await page.setViewportSize({ width, height: 2600 });
          await openAs(page, url, WANG, GRID_PAGE, '企业微信群提醒', elder);
          await card(page).getByText(/新问题 · 公共设施损坏/).waitFor();
          const name = `grid-robot-${width}${elder ? '-elder' : ''}`;
          await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
          expect({ name, ...(await measurePage(page, { elder })) }).toEqual({ name, clipped: [], wrapped: [], small: [], targets: [], lowContrast: [], elderRoot: elder });
        }
      }
    });
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});
