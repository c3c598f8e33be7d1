/**
 * 有事来商量 at the counter and on the staff pages in Chromium (issue 20), on the run's kiosk:
 * - 严婷 finds 钟桂兰 (this file's own resident of 壁山丽景小区 3号楼) as the counter does (search by
 *   name), taps 代表决 and reads, before casting, that her household already voted in WeChat (her son
 *   did) — never how; she ticks the spoken consent and changes the household's vote; 钟桂兰 then reads
 *   on her own topic page that her household's vote was cast at the counter;
 * - 代提意见 for 钟桂兰, and the opinion is in the staff opinions list;
 * - the demo's overdue opinion (npm start seeds it: 乱停车, past its deadline) is on 王乐天's desk 疑难 page
 *   and its link opens the staff opinion page;
 * - 王乐天 hides 钟桂兰's comment on the topic page with a reason; a neighbour in scope reads
 *   "已隐藏：<reason>" (the author still reads her own text).
 * Then counter/pages/vote, counter/pages/opinion, desk/pages/hard and the staff topic page at 320 and
 * 390 px, normal and elder mode (shootAll's measures). Screenshots: test-artifacts/consult-counter/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { button, callAs, newPage, openAs, shootAll, step, uniqueOpenid, useRun, visiblePage, WANG, YAN, ZHAO, type Screen } from './harness';

const run = useRun({ shots: 'consult-counter' });
const HER = uniqueOpenid('cc-her');
const SON = uniqueOpenid('cc-son');
const tag = Date.now().toString(36);
const room = `9${String(Date.now() % 100).padStart(2, '0')}`;
const ids = { her: '', topic: '', comment: '' };
const REASON = '涉及邻居隐私';
const snap = (page: Page, name: string) => page.screenshot({ path: path.join(run.shots, `${name}.png`), fullPage: true });

beforeAll(async () => {
  const url = run.kiosk.url;
  const her = await callAs<{ id: string }>(url, 'account', HER, { action: 'register', name: '钟桂兰', estateId: 'e-bishan', building: '3号楼', unit: '4单元', room });
  const son = await callAs<{ id: string }>(url, 'account', SON, { action: 'register', name: '钟伟', estateId: 'e-bishan', building: '3号楼', unit: '4单元', room });
  expect([her.ok, son.ok]).toEqual([true, true]);
  ids.her = her.data!.id;
  // staff checked both at the counter (a topic's voters must be verified)
  for (const id of [her.data!.id, son.data!.id]) expect(await callAs(url, 'account', YAN, { action: 'verifyResident', residentId: id })).toMatchObject({ ok: true });
  const now = Date.now();
  const created = await callAs<{ id: string }>(url, 'consult', WANG, {
    action: 'create',
    title: `3号楼加装晾衣架 ${tag}`,
    background: '3号楼楼顶平台想加装公共晾衣架，费用从公共收益里出，请每户表决。',
    kind: 'yesNo',
    scope: { kind: 'building', estateId: 'e-bishan', building: '3号楼' },
    rule: 'majority',
    discussFrom: new Date(now - 120_000).toISOString(),
    voteFrom: new Date(now - 60_000).toISOString(),
    voteUntil: new Date(now + 2 * 86_400_000).toISOString(),
    requestId: `cc-e2e-topic-${tag}`,
  });
  expect(created).toMatchObject({ ok: true });
  ids.topic = created.data!.id;
  // her son votes in WeChat first; she writes a comment that names a neighbour
  expect(await callAs(url, 'consult', SON, { action: 'vote', topicId: ids.topic, choice: 'disagree', requestId: `cc-e2e-son-${tag}` })).toMatchObject({ ok: true });
  const c = await callAs<{ commentId: string }>(url, 'consult', HER, { action: 'comment', topicId: ids.topic, text: '楼顶401那家老是占着平台晒被子', requestId: `cc-e2e-comment-${tag}` });
  expect(c).toMatchObject({ ok: true });
  ids.comment = c.data!.commentId;
}, 60_000);

it('严婷 finds 钟桂兰, sees her household voted in WeChat, changes the vote with her consent; she sees it was cast at the counter', async () => {
  const { page, errors } = await newPage(run.browser, 390, 2000);
  await step(page, 'cc01-find-her', async () => {
    await openAs(page, run.kiosk.url, YAN, '/counter/pages/search/index', '查找居民');
    await page.locator('.counter-input input').fill('钟桂兰');
    await button(page, '查找居民').click();
    const card = visiblePage(page).locator('.resident-card', { hasText: '钟桂兰' }).first();
    await card.waitFor();
    await card.click();
    await button(page, '代表决').waitFor();
  });
  await step(page, 'cc02-household-voted', async () => {
    await button(page, '代表决').click();
    const card = visiblePage(page).locator(`.counter-topic[data-topic="${ids.topic}"]`);
    await card.waitFor({ timeout: 30_000 });
    expect(await card.locator('.household-voted').textContent()).toContain('这户已在微信投过票，可以帮他改票');
    // whether it voted, never how
    expect(await card.textContent()).not.toMatch(/选的是|选了/);
    await snap(page, 'vote-before');
  });
  await step(page, 'cc03-consent-and-vote', async () => {
    const card = visiblePage(page).locator(`.counter-topic[data-topic="${ids.topic}"]`);
    await card.locator('taro-button-core', { hasText: /^同意$/ }).click();
    await card.locator('taro-button-core', { hasText: '确认改票' }).click();
    await card.getByText(/请先问居民是否同意由您代为表决/).waitFor();
    await card.locator('taro-button-core', { hasText: '已问过居民' }).click();
    await card.locator('taro-button-core', { hasText: '确认改票' }).click();
    await card.getByText('已为钟桂兰家改票（以这次为准）').waitFor({ timeout: 30_000 });
    await snap(page, 'vote-done');
  });
  await step(page, 'cc04-she-sees-counter', async () => {
    await openAs(page, run.kiosk.url, HER, `/consult/pages/topic/index?id=${ids.topic}`, '您家已投票');
    expect(await visiblePage(page).locator('.vote-card').textContent()).toContain('在解忧铺柜台投的');
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 180_000);

it('代提意见 for 钟桂兰 reaches the staff opinions list', async () => {
  const { page, errors } = await newPage(run.browser, 390, 2000);
  const text = `4单元门口的台阶太高，老人推车上不去 ${tag}`;
  await step(page, 'cc05-opinion-for', async () => {
    await openAs(page, run.kiosk.url, YAN, `/counter/pages/resident/index?id=${encodeURIComponent(ids.her)}`, '代提意见');
    await button(page, '代提意见').click();
    await visiblePage(page).getByText('为 钟桂兰 提意见建议').waitFor();
    await visiblePage(page).locator('textarea').first().fill(text);
    await button(page, '提交意见').click();
    await visiblePage(page).getByText(/请先问居民是否同意由您代为提意见/).waitFor();
    await button(page, '已问过居民').click();
    await button(page, '提交意见').click();
    await visiblePage(page).getByText('已替 钟桂兰 提交意见').waitFor({ timeout: 30_000 });
    await snap(page, 'opinion-done');
  });
  await step(page, 'cc06-in-staff-list', async () => {
    await openAs(page, run.kiosk.url, WANG, '/consultAdmin/pages/opinions/index', '意见建议');
    const row = visiblePage(page).locator('.opinion-row', { hasText: text });
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    await visiblePage(page).getByText('怎么处理').waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).textContent()).toContain('钟桂兰');
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 120_000);

it('the overdue opinion is on the desk 疑难 page and opens the opinion', async () => {
  const { page, errors } = await newPage(run.browser, 390, 2000);
  await step(page, 'cc07-desk-hard', async () => {
    await openAs(page, run.kiosk.url, WANG, '/desk/pages/hard/index', '超期未答复的意见建议');
    const row = visiblePage(page).locator('[data-opinion="op-demo-parking"]');
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('消防通道被堵');
    await snap(page, 'desk-hard');
    await row.click();
    await visiblePage(page).getByText('怎么处理').waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).textContent()).toContain('晚上小区里乱停车，消防通道被堵。');
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 120_000);

it('王乐天 hides a comment with a reason; a neighbour reads 已隐藏：<reason>, the author her own text', async () => {
  const { page, errors } = await newPage(run.browser, 390, 2600);
  await step(page, 'cc08-hide', async () => {
    await openAs(page, run.kiosk.url, WANG, `/consultAdmin/pages/topicEdit/index?id=${ids.topic}`, '留言');
    const row = visiblePage(page).locator(`.ca-comment[data-comment="${ids.comment}"]`);
    await row.waitFor({ timeout: 30_000 });
    await row.locator('taro-button-core', { hasText: '隐藏…' }).click();
    await row.locator('taro-button-core', { hasText: '确定隐藏' }).click();
    await row.getByText(/请写上隐藏的原因/).waitFor();
    await row.locator('.hide-reason input, input.hide-reason').first().fill(REASON);
    await row.locator('taro-button-core', { hasText: '确定隐藏' }).click();
    await row.getByText(`居民看到的是：已隐藏：${REASON}`).waitFor({ timeout: 30_000 });
    await snap(page, 'topic-comment-hidden');
  });
  await step(page, 'cc09-resident-reads', async () => {
    // 赵建国 lives in 3号楼: he reads the reason, not the text
    await openAs(page, run.kiosk.url, ZHAO, `/consult/pages/topic/index?id=${ids.topic}`, `已隐藏：${REASON}`);
    expect(await visiblePage(page).textContent()).not.toContain('楼顶401那家');
    await openAs(page, run.kiosk.url, HER, `/consult/pages/topic/index?id=${ids.topic}`, '楼顶401那家老是占着平台晒被子');
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 120_000);

const screens: Screen[] = [
  { name: 'counter-vote', as: YAN, route: () => `/counter/pages/vote/index?for=${encodeURIComponent(ids.her)}`, ready: '这户已在柜台投过票' },
  { name: 'counter-opinion', as: YAN, route: () => `/counter/pages/opinion/index?for=${encodeURIComponent(ids.her)}`, ready: '提意见建议' },
  { name: 'desk-hard', as: WANG, route: () => '/desk/pages/hard/index', ready: '超期未答复的意见建议' },
  { name: 'staff-topic', as: WANG, route: () => `/consultAdmin/pages/topicEdit/index?id=${ids.topic}`, ready: '留言' },
];
shootAll(run, screens);
