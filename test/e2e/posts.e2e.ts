/**
 * 邻里互助 in Chromium (issue 22, src/posts): 赵建国 opens 邻里互助, taps 我要发布, types a 旧物置换
 * (旧婴儿车) with a photo, 7 天, 发布. 邹建庄 sees it on the board (by 「3号楼 赵大爷」, no phone), opens
 * it, writes a few words under 联系TA, confirms (解忧铺会把您的话和您的名字转告给TA，不会给出您的电话),
 * and 赵建国 reads them in 消息 with 邹建庄's name. 严婷 opens the post, taps 下架, tries without a reason
 * (refused), writes one, confirms: the post leaves the board, 赵建国 reads the reason in 消息 and on
 * 我的发布. 邹建庄 picks a photo the emulator's image check (imgSecCheck) calls risky: the page says
 * 「第 2 张照片不能发布，请换一张再发」 and nothing is posted. Then the pages at 320 and 390 px, normal and elder mode (measureEachMode: clipped, small,
 * targets, axe). Screenshots: test-artifacts/posts/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_POSTS } from '../../local/seed/demo-posts';
import { png, RISKY_IMAGE_TEXT } from '../support/images';
import { button, callAs, measureEachMode, newPage, openAs, step, useRun, visiblePage, YAN, ZHAO, ZOU, type Screen } from './harness';

const run = useRun({ shots: 'posts' });
const snap = (page: Page, name: string) => page.screenshot({ path: path.join(run.shots, `${name}.png`), fullPage: true });
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAF0lEQVR4nGOoiLI5sWUBg1zUtF+/fgEAKsAHJ6TxEXkAAAAASUVORK5CYII=', 'base64');
const TITLE = '旧婴儿车，能折叠';
const RISKY_TITLE = '旧藤椅一把';
const text = (page: Page) => visiblePage(page).innerText();

it('赵建国 posts a swap by tapping, 邹建庄 contacts him through the kiosk, 严婷 takes it down with a reason', async () => {
  const { page, errors } = await newPage(run.browser, 390, 2400);
  await step(page, 'posts01-publish', async () => {
    await openAs(page, run.kiosk.url, ZHAO, '/pages/index/index', '邻里互助');
    await visiblePage(page).locator('.posts-home').click();
    await visiblePage(page).getByText('我要发布').first().waitFor({ timeout: 30_000 });
    await button(page, '我要发布').click();
    await visiblePage(page).getByText('发布信息').first().waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.publish-kind').innerText()).not.toContain('就业招聘');
    await visiblePage(page).locator('.publish-title input').fill(TITLE);
    await visiblePage(page).locator('.publish-body textarea').fill('孙子大了用不上了，推着还很稳，送给有小宝宝的邻居');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button(page, '拍照或选照片').click()]);
    await chooser.setFiles({ name: 'pram.png', mimeType: 'image/png', buffer: PHOTO });
    await visiblePage(page).locator('.photo-item .ticket-photo').waitFor({ timeout: 30_000 });
    await button(page, /^7 天$/).click();
    await snap(page, 'walk-publish-form');
    await button(page, /^发布$/).click();
    await visiblePage(page).locator('.publish-done').waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.publish-done').innerText()).toContain(TITLE);
    await button(page, '看看我发的').click();
    await visiblePage(page).locator('.po-article-title', { hasText: TITLE }).waitFor({ timeout: 30_000 });
    // the photo comes back from the server's temporary URL
    await page.waitForFunction(() => [...document.querySelectorAll('.page .po-article .ticket-photos img')].some((i) => (i as HTMLImageElement).naturalWidth === 2));
    expect(await text(page)).toContain('撤下这条信息');
    await snap(page, 'walk-own-post');
  });

  await step(page, 'posts02-contact', async () => {
    await openAs(page, run.kiosk.url, ZOU, '/posts/pages/list/index', '我要发布');
    const card = visiblePage(page).locator('.po-row', { hasText: TITLE });
    await card.waitFor({ timeout: 30_000 });
    expect(await card.innerText()).toContain('3号楼 赵大爷');
    expect(await text(page)).not.toMatch(/赵建国|1[3-9]\d{9}/);
    await snap(page, 'walk-board');
    await card.click();
    await visiblePage(page).locator('.po-contact').waitFor({ timeout: 30_000 });
    await visiblePage(page).locator('.contact-text textarea').fill('婴儿车我想要，我家外孙女刚满月');
    await button(page, '请解忧铺转告TA').click();
    expect(await visiblePage(page).locator('.inline-confirm-text').innerText()).toBe('解忧铺会把您的话和您的名字转告给3号楼 赵大爷，不会给出您的电话。确认转告吗？');
    await snap(page, 'walk-contact-confirm');
    await button(page, '确认转告').click();
    await visiblePage(page).locator('.contact-done').waitFor({ timeout: 30_000 });
    await snap(page, 'walk-contact-done');
    await openAs(page, run.kiosk.url, ZHAO, '/pages/messages/index', '有邻居看到您的信息，托解忧铺捎话');
    expect(await text(page)).toContain('邹建庄（5号楼）说：婴儿车我想要，我家外孙女刚满月');
    await snap(page, 'walk-messages-contact');
  });

  await step(page, 'posts03-take-down', async () => {
    await openAs(page, run.kiosk.url, YAN, '/posts/pages/list/index', '我要发布');
    await visiblePage(page).locator('.po-row', { hasText: TITLE }).click();
    await button(page, '下架这条信息').click();
    await button(page, '下一步').click();
    expect(await visiblePage(page).locator('.takedown-error').innerText()).toContain('请写下架的原因');
    await visiblePage(page).locator('.takedown-reason textarea').fill('照片和说明对不上，请到解忧铺说明');
    await button(page, '下一步').click();
    expect(await visiblePage(page).locator('.inline-confirm-text').innerText()).toContain('3号楼 赵大爷会在“消息”里看到原因：照片和说明对不上，请到解忧铺说明');
    await snap(page, 'walk-takedown-confirm');
    await button(page, '确认下架').click();
    await visiblePage(page).locator('.po-state-takenDown').waitFor({ timeout: 30_000 });
    expect(await text(page)).toContain('下架原因：照片和说明对不上，请到解忧铺说明');
    await openAs(page, run.kiosk.url, YAN, '/posts/pages/list/index', '我要发布');
    await visiblePage(page).locator('.po-row', { hasText: '儿童自行车' }).waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.po-row', { hasText: TITLE }).count()).toBe(0);
    await openAs(page, run.kiosk.url, ZHAO, '/pages/messages/index', '您发布的信息已被社区下架');
    expect(await text(page)).toContain('原因：照片和说明对不上，请到解忧铺说明');
    await openAs(page, run.kiosk.url, ZHAO, '/posts/pages/mine/index', '我的发布');
    await visiblePage(page).locator('.po-row', { hasText: TITLE }).waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.po-row', { hasText: TITLE }).innerText()).toContain('下架原因：照片和说明对不上');
    await snap(page, 'walk-mine');
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 180_000);

/** Opens 发布信息 as the page is, types `title` and picks `photos` one by one (the picker's file chooser). */
async function fillPublish(page: Page, title: string, photos: { name: string; buffer: Buffer }[]): Promise<void> {
  await visiblePage(page).locator('.publish-title input').fill(title);
  for (const [i, photo] of photos.entries()) {
    // 拍照或选照片, then 再加一张（还能加 N 张）
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button(page, /拍照或选照片|再加一张/).click()]);
    await chooser.setFiles({ name: photo.name, mimeType: 'image/png', buffer: photo.buffer });
    await visiblePage(page).locator('.photo-item .ticket-photo').nth(i).waitFor({ timeout: 30_000 });
  }
}

it("邹建庄 picks a photo WeChat's image check calls risky: the page says which photo cannot be published, and nothing is posted", async () => {
  const { page, errors } = await newPage(run.browser, 390, 2400);
  await step(page, 'posts04-risky-photo', async () => {
    await openAs(page, run.kiosk.url, ZOU, '/posts/pages/publish/index', '显示多久');
    await fillPublish(page, RISKY_TITLE, [
      { name: 'chair.png', buffer: PHOTO },
      { name: 'risky.png', buffer: png({ width: 2, height: 2, text: RISKY_IMAGE_TEXT }) },
    ]);
    await button(page, /^发布$/).click();
    const refusal = visiblePage(page).locator('.publish-error');
    await refusal.waitFor({ timeout: 30_000 });
    expect(await refusal.innerText()).toBe('第 2 张照片不能发布，请换一张再发');
    expect(await visiblePage(page).locator('.publish-done').count()).toBe(0);
    await snap(page, 'walk-risky-photo-refused');
    // nothing posted: not among his own, not on the board
    const mine = await callAs<{ posts: { title: string }[] }>(run.kiosk.url, 'posts', ZOU, { action: 'mine' });
    expect(mine.ok).toBe(true);
    expect(mine.data!.posts.some((p) => p.title === RISKY_TITLE)).toBe(false);
    const board = await callAs<{ posts: { title: string }[] }>(run.kiosk.url, 'posts', ZHAO, { action: 'list' });
    expect(board.ok).toBe(true);
    expect(board.data!.posts.some((p) => p.title === RISKY_TITLE)).toBe(false);
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 120_000);

const screens: Screen[] = [
  { name: 'board', as: ZOU, route: () => '/posts/pages/list/index', ready: '儿童自行车' },
  { name: 'board-job', as: ZOU, route: () => '/posts/pages/list/index', ready: '儿童自行车', then: async (page) => { await button(page, /就业招聘$/).click(); await visiblePage(page).locator('.po-row', { hasText: '社区超市招理货员' }).waitFor(); } },
  { name: 'detail-contact', as: ZOU, route: () => `/posts/pages/detail/index?id=${DEMO_POSTS.bike}`, ready: '联系TA' },
  { name: 'detail-staff', as: YAN, route: () => `/posts/pages/detail/index?id=${DEMO_POSTS.bike}`, ready: '下架这条信息' },
  { name: 'publish', as: ZHAO, route: () => '/posts/pages/publish/index', ready: '显示多久' },
  {
    name: 'publish-photo-refused',
    as: ZOU,
    route: () => '/posts/pages/publish/index',
    ready: '显示多久',
    then: async (page) => {
      await fillPublish(page, RISKY_TITLE, [{ name: 'risky.png', buffer: png({ width: 2, height: 2, text: RISKY_IMAGE_TEXT }) }]);
      await button(page, /^发布$/).click();
      await visiblePage(page).locator('.publish-error', { hasText: '有一张照片不能发布，请换一张再发' }).waitFor({ timeout: 30_000 });
    },
  },
  { name: 'mine', as: ZHAO, route: () => '/posts/pages/mine/index', ready: '儿童自行车' },
  { name: 'home', as: ZOU, route: () => '/pages/index/index', ready: '邻里互助' },
];
describe('the 邻里互助 pages at 320 and 390 px, normal and elder mode', () => measureEachMode(run, screens, 'posts'));
