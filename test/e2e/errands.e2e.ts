/**
 * 代缴代办 and 找师傅 in Chromium (issue 22, src/errands, src/providers).
 * - 邹建庄 taps home's 找师傅 card, keeps 管道疏通, taps 请社区推荐管道疏通师傅, says what he needs and
 *   sends it; 严婷 taps home's 转介, 推荐师傅 on his ask, chooses 马师傅管道疏通 (the demo's) and confirms;
 *   邹建庄 reads 马师傅's phone in 消息 (it was nowhere on 找师傅), opens 我的转介 from home and gives 4 stars.
 * - 赵建国 taps home's 代缴代办 card, 请社区代缴代办, 代缴水电费, writes what and sends; 严婷 opens 代办单
 *   from home, 接单 (confirmed), and on 正在办理 taps 办好了, photographs the receipt, writes a note and
 *   confirms; 赵建国's 消息 says it is done and 我的代办 shows it 已办好 with the receipt photo.
 * Then every page at 320 and 390 px, normal and elder mode (measureEachMode: clipped, small, targets,
 * axe). Screenshots: test-artifacts/errands/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { button, measureEachMode, newPage, openAs, step, useRun, visiblePage, type Screen } from './harness';
import { WANG, YAN, ZHAO, ZOU } from './support/personas';
import { receiptPng } from '../../local/seed/demo-errands';
import { DEMO_PROVIDERS } from '../../local/seed/demo-providers';

const run = useRun({ shots: 'errands' });
const snap = (page: Page, name: string) => page.screenshot({ path: path.join(run.shots, `${name}.png`), fullPage: true });
const textOf = async (page: Page) => (await visiblePage(page).textContent()) ?? '';

it('邹建庄 asks for a 管道疏通 referral by tapping, 严婷 refers 马师傅, he reads the phone in 消息 and rates', async () => {
  const { page, errors } = await newPage(run.browser, 390, 2400);
  await step(page, 'errands01-ask', async () => {
    await openAs(page, run.kiosk.url, ZOU, '/pages/index/index', '找师傅');
    await visiblePage(page).locator('.home-providers').click();
    await visiblePage(page).locator('.provider-row', { hasText: DEMO_PROVIDERS.plumbing.name }).waitFor({ timeout: 30_000 });
    // the directory never shows the phone
    expect(await textOf(page)).not.toContain(DEMO_PROVIDERS.plumbing.phone);
    await button(page, '请社区推荐管道疏通师傅').click();
    await visiblePage(page).locator('.ask-card textarea').fill('厨房下水道堵了，水下不去');
    await snap(page, 'walk-ask');
    await button(page, /^请社区推荐$/).click();
    await visiblePage(page).locator('.referral-asked').waitFor({ timeout: 30_000 });
  });
  await step(page, 'errands02-refer', async () => {
    await openAs(page, run.kiosk.url, YAN, '/pages/index/index', '找师傅');
    await button(page, /^转介$/).click();
    const row = visiblePage(page).locator('.referral-staff-row', { hasText: '厨房下水道堵了' });
    await row.waitFor({ timeout: 30_000 });
    await row.locator('.referral-refer').click();
    await row.locator('.refer-option', { hasText: DEMO_PROVIDERS.plumbing.name }).click();
    expect(await row.locator('.inline-confirm-text').textContent()).toContain(`把「${DEMO_PROVIDERS.plumbing.name}」（${DEMO_PROVIDERS.plumbing.phone}）推荐给 邹建庄？`);
    await snap(page, 'walk-refer');
    await button(page, '确定推荐').click();
    await row.waitFor({ state: 'detached', timeout: 30_000 });
  });
  await step(page, 'errands03-told-and-rate', async () => {
    await openAs(page, run.kiosk.url, ZOU, '/pages/messages/index', '社区为您推荐了管道疏通师傅');
    expect(await textOf(page)).toContain(`联系电话：${DEMO_PROVIDERS.plumbing.phone}`);
    await openAs(page, run.kiosk.url, ZOU, '/pages/index/index', '社区给您推荐了');
    await visiblePage(page).locator('.home-providers').click();
    const row = visiblePage(page).locator('.referral-mine-row', { hasText: '厨房下水道堵了' });
    await row.locator('.referral-phone', { hasText: DEMO_PROVIDERS.plumbing.phone }).waitFor({ timeout: 30_000 });
    await row.locator('.star-4').click();
    await row.locator('.ticket-input input').fill('来得快，价钱说在前头');
    await snap(page, 'walk-rate');
    await row.locator('.rate-send').click();
    await row.locator('.v-tag', { hasText: '已评价' }).waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('★★★★☆');
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 180_000);

it('赵建国 asks for 代缴水电费, 严婷 takes it on and marks it done with a receipt photo, he is told', async () => {
  const { page, errors } = await newPage(run.browser, 390, 2400);
  const what = '交5号楼2单元301十二月的水费';
  await step(page, 'errands04-request', async () => {
    await openAs(page, run.kiosk.url, ZHAO, '/pages/index/index', '代缴代办');
    await visiblePage(page).locator('.home-errands').click();
    await button(page, '请社区代缴代办').click();
    await button(page, /代缴水电费/).click();
    await visiblePage(page).locator('.ticket-textarea textarea').fill(what);
    await snap(page, 'walk-request');
    await button(page, '交给社区办').click();
    await visiblePage(page).locator('.errand-sent').waitFor({ timeout: 30_000 });
  });
  await step(page, 'errands05-accept-done', async () => {
    await openAs(page, run.kiosk.url, YAN, '/pages/index/index', '代缴代办');
    await button(page, /^代办单$/).click();
    const row = visiblePage(page).locator('.errand-staff-row', { hasText: what });
    await row.waitFor({ timeout: 30_000 });
    await row.locator('.errand-accept').click();
    await button(page, '确定接单').click();
    await row.waitFor({ state: 'detached', timeout: 30_000 });
    await button(page, /正在办理/).click();
    const taken = visiblePage(page).locator('.errand-staff-row', { hasText: what });
    await taken.waitFor({ timeout: 30_000 });
    await taken.locator('.errand-done').click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button(page, '拍照或选照片').click()]);
    await chooser.setFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: receiptPng() });
    await taken.locator('.photo-item .ticket-photo').waitFor({ timeout: 30_000 });
    await taken.locator('.ticket-input input').fill('水费45元已交');
    await taken.locator('.errand-done-ask').click();
    await snap(page, 'walk-done-confirm');
    await button(page, '确定办好了').click();
    await taken.waitFor({ state: 'detached', timeout: 30_000 });
  });
  await step(page, 'errands06-told', async () => {
    await openAs(page, run.kiosk.url, ZHAO, '/pages/messages/index', '您托办的「代缴水电费」已经办好了');
    expect(await textOf(page)).toContain('说明：水费45元已交');
    await openAs(page, run.kiosk.url, ZHAO, '/errands/pages/mine/index', '我的代办');
    const row = visiblePage(page).locator('.errand-mine-row', { hasText: what });
    await row.locator('.e-state', { hasText: '已办好' }).waitFor({ timeout: 30_000 });
    await row.locator('.e-receipt').first().waitFor();
    await snap(page, 'walk-mine-done');
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 180_000);

const screens: Screen[] = [
  { name: 'home-resident', as: ZHAO, route: () => '/pages/index/index', ready: '找师傅' },
  { name: 'home-staff', as: YAN, route: () => '/pages/index/index', ready: '代办单' },
  { name: 'errand-request', as: ZHAO, route: () => '/errands/pages/request/index', ready: '请社区帮忙代缴代办' },
  { name: 'errand-request-counter', as: YAN, route: () => '/errands/pages/request/index?for=r-zou', ready: '为 邹建庄 代提交代办' },
  { name: 'errands-mine', as: ZHAO, route: () => '/errands/pages/mine/index', ready: '已办好' },
  { name: 'errands-staff', as: YAN, route: () => '/errands/pages/staff/index', ready: '代缴代办' },
  { name: 'errands-staff-done', as: YAN, route: () => '/errands/pages/staff/index', ready: '代缴代办', then: async (page) => {
    await button(page, /^已办好$/).click();
    await visiblePage(page).locator('.errand-staff-row').first().waitFor({ timeout: 30_000 });
  } },
  { name: 'providers-find', as: ZOU, route: () => '/providers/pages/index/index', ready: DEMO_PROVIDERS.plumbing.name },
  { name: 'providers-mine', as: ZHAO, route: () => '/providers/pages/mine/index', ready: '我的转介' },
  { name: 'providers-staff', as: YAN, route: () => '/providers/pages/staff/index', ready: '居民请社区推荐师傅' },
  { name: 'providers-manage', as: WANG, route: () => '/providers/pages/manage/index', ready: DEMO_PROVIDERS.repair.name },
  { name: 'providers-manage-form', as: WANG, route: () => '/providers/pages/manage/index', ready: DEMO_PROVIDERS.repair.name, then: async (page) => {
    await button(page, '添加服务商').click();
    await visiblePage(page).locator('.provider-form').waitFor();
  } },
];
describe('the errands and providers pages at 320 and 390 px, normal and elder mode', () => measureEachMode(run, screens, 'errands'));
