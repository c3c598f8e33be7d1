/**
 * 社区议事 for residents in Chromium (issue 20, src/consult), walked by tapping on the run's kiosk with
 * its demo seed (local/seed/demo-consultation.ts: the planned 议事长廊 meeting, the published
 * 小区楼道灯更换方案). The file's own people, made through the API: 孙凤英 (72) and her son 孙立新 in one
 * room of 壁山丽景小区1号楼, and 钱桂芳 next door (another household); 严婷 verifies them, 王乐天 puts a
 * yes/no topic of 1号楼 to the vote.
 * - 孙凤英, elder mode: home's "<topic> · 请您家表决" card → 同意 → 确认投票 (three taps) → "已投票，截止前可以改";
 *   she changes it to 不同意; the turnout line shows households by channel and never a split;
 * - 孙立新 (same room) sees the household's vote and the turnout; no vote card asks him again;
 * - a decided topic shows its result by channel and the rule's text; the board shows 社区议事结果;
 * - she proposes (a sentence with full-width digits) and 钱桂芳 seconds it;
 * - she signs up for the meeting (参加 and 发言), sees it under 我报名的会议, and cancels both;
 * - she gives an opinion, sees it in 我的意见, 严婷 resolves it, and she rates it.
 * Then every consult page at 320 and 390 px, normal and elder mode (pageProblems: clipped, small text,
 * targets, axe) — screenshots in test-artifacts/consult-resident/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { button, callAs, measureEachMode, newPage, openAs, settle, step, uniqueOpenid, useRun, visiblePage, WANG, YAN, type Screen } from './harness';

const run = useRun({ shots: 'consult-resident' });
const SUN = uniqueOpenid('cr-sun');
const SON = uniqueOpenid('cr-son');
const QIAN = uniqueOpenid('cr-qian');
const tag = Date.now().toString(36);
const room = String(100 + (Date.now() % 800));
const ids = { topic: '', proposal: '', opinion: '' };
const TOPIC_TITLE = `1号楼单元门换门禁 ${tag}`;
const LIGHTS = 'topic-demo-lights';
const MEETING = 'mtg-demo-corridor';
const snap = (page: Page, name: string) => page.screenshot({ path: path.join(run.shots, `walk-${name}.png`), fullPage: true });

/** Types into the Taro input or textarea labelled `label` on the visible page. */
async function fill(page: Page, label: string, value: string): Promise<void> {
  const l = `[aria-label="${label}"]`;
  await visiblePage(page).locator(`:is(input, textarea)${l}, ${l} :is(input, textarea)`).first().fill(value);
}

/** What sticks out of the window on the visible page (`<tag.class> right=<px>`): nothing may be wider than the screen. */
async function wider(page: Page): Promise<string[]> {
  // a page opened by a tap slides in from the right: measure once it has arrived
  await page.waitForFunction(() => [...document.querySelectorAll('.taro_page_show')].every((e) => Math.abs(e.getBoundingClientRect().left) < 1), undefined, { timeout: 10_000 });
  return page.evaluate(() => {
    const out = [...document.body.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().right > window.innerWidth + 1)
      .map((e) => `${e.tagName.toLowerCase()}.${String((e as HTMLElement).className).split(' ').join('.')} right=${Math.round(e.getBoundingClientRect().right)}`);
    if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push(`document scrollWidth=${document.documentElement.scrollWidth}`);
    return out.slice(0, 8);
  });
}

async function registerVerified(openid: string, name: string, roomNo: string): Promise<string> {
  const me = await callAs<{ id: string }>(run.kiosk.url, 'account', openid, { action: 'register', name, estateId: 'e-bishan', building: '1号楼', unit: '3单元', room: roomNo });
  expect(me).toMatchObject({ ok: true });
  expect(await callAs(run.kiosk.url, 'account', YAN, { action: 'verifyResident', residentId: me.data!.id })).toMatchObject({ ok: true });
  return me.data!.id;
}

beforeAll(async () => {
  await registerVerified(SUN, '孙凤英', room);
  await registerVerified(SON, '孙立新', room);
  await registerVerified(QIAN, '钱桂芳', String(Number(room) + 1));
  const now = Date.now();
  const created = await callAs<{ id: string }>(run.kiosk.url, 'consult', WANG, {
    action: 'create',
    title: TOPIC_TITLE,
    background: '1号楼单元门的门禁坏了半年，外人随便进出。想换成刷卡门禁，费用从公共收益里出，每户发两张卡。',
    kind: 'yesNo',
    scope: { kind: 'building', estateId: 'e-bishan', building: '1号楼' },
    rule: 'majority',
    discussFrom: new Date(now - 60_000).toISOString(),
    voteFrom: new Date(now - 60_000).toISOString(),
    voteUntil: new Date(now + 3 * 86_400_000).toISOString(),
    requestId: `cr-topic-${tag}`,
  });
  expect(created).toMatchObject({ ok: true });
  ids.topic = created.data!.id;
}, 120_000);

it('孙凤英 votes in three taps in elder mode, changes her vote; her son sees the household vote', async () => {
  const { page, errors } = await newPage(run.browser, 390, 2400, { consoleErrors: true });
  await step(page, 'cr01-home-vote', async () => {
    await openAs(page, run.kiosk.url, SUN, '/pages/index/index', `${TOPIC_TITLE} · 请您家表决`, true);
    await snap(page, 'home');
    // tap 1: the large card on home
    await visiblePage(page).locator('.home-vote', { hasText: TOPIC_TITLE }).click();
    await visiblePage(page, '请您家表决').locator('.vote-option').first().waitFor();
    const turnout = visiblePage(page).locator('.consult-turnout');
    expect(await turnout.textContent()).toMatch(/还没有人投票|已有 \d+ 户投票（微信 \d+ · 柜台 \d+ · 纸质 \d+）/);
    // tap 2: 同意; tap 3: the confirm inside the card
    await button(page, /^同意$/).click();
    expect(await visiblePage(page).locator('.inline-confirm-text').textContent()).toBe('确认：您家选 同意');
    await snap(page, 'topic-confirm');
    await button(page, '确认投票').click();
    await visiblePage(page).getByText('已投票，截止前可以改').waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.vote-mine').textContent()).toBe('您家选的是：同意');
    // households by channel, never a split before the result
    const line = (await turnout.textContent()) ?? '';
    expect(line).toMatch(/^已有 \d+ 户投票（微信 \d+ · 柜台 0 · 纸质 0）/);
    expect(await visiblePage(page).locator('.topic-result').count()).toBe(0);
    expect(await visiblePage(page).textContent()).not.toMatch(/同意 \d+ 户|\d+ 户同意/);
  });
  await step(page, 'cr02-change', async () => {
    await button(page, '改一下').click();
    await button(page, /不同意$/).click();
    await button(page, '确认投票').click();
    await visiblePage(page).getByText('已投票，截止前可以改').waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.vote-mine').textContent()).toBe('您家选的是：不同意');
    await snap(page, 'topic-voted');
  });
  await step(page, 'cr03-son', async () => {
    await openAs(page, run.kiosk.url, SON, '/pages/index/index', '社区议事');
    // the household voted: home does not ask again (once its requests are answered)
    await settle(page);
    expect(await visiblePage(page).locator('.home-vote', { hasText: TOPIC_TITLE }).count()).toBe(0);
    await button(page, '社区议事').first().click();
    await visiblePage(page).locator('.topic-card', { hasText: TOPIC_TITLE }).click();
    await visiblePage(page).getByText('您家已投票').waitFor();
    expect(await visiblePage(page).locator('.vote-mine').textContent()).toBe('您家选的是：不同意');
    expect(await visiblePage(page).locator('.consult-turnout').textContent()).toMatch(/^已有 \d+ 户投票（微信 \d+ · 柜台 0 · 纸质 0）/);
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 180_000);

it('a decided topic shows its result by channel and its rule; the board lists 社区议事结果', async () => {
  const { page, errors } = await newPage(run.browser, 390, 2400, { consoleErrors: true });
  await step(page, 'cr04-past', async () => {
    await openAs(page, run.kiosk.url, SUN, '/consult/pages/index/index', '社区议事');
    await button(page, '往期结果').click();
    await visiblePage(page).locator('.topic-card', { hasText: '小区楼道灯更换方案' }).click();
    const result = visiblePage(page).locator('.topic-result');
    await result.waitFor();
    const text = (await result.textContent()) ?? '';
    expect(text).toMatch(/\d+ 户参加表决.*（微信 \d+ · 柜台 \d+ · 纸质 \d+）/);
    expect(text).toMatch(/微信 \d+ · 柜台 \d+ · 纸质 \d+/);
    expect(text).toContain('简单多数');
    expect(await wider(page)).toEqual([]);
    await snap(page, 'topic-decided');
  });
  await step(page, 'cr05-board', async () => {
    await openAs(page, run.kiosk.url, SUN, '/ticket/pages/board/index', '问题挂牌');
    const card = visiblePage(page).locator('.board-topic', { hasText: '小区楼道灯更换方案' });
    await card.waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).getByText(/社区议事结果（\d+）/).count()).toBe(1);
    await card.click();
    await visiblePage(page).locator('.topic-result').waitFor();
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 120_000);

it('孙凤英 proposes in whole sentences with full-width digits; 钱桂芳 of another household seconds it', async () => {
  const { page, errors } = await newPage(run.browser, 390, 2400, { consoleErrors: true });
  const title = `在１号楼北边加装２个晾衣架 ${tag}`;
  await step(page, 'cr06-propose', async () => {
    await openAs(page, run.kiosk.url, SUN, '/consult/pages/index/index', '社区议事', true);
    await button(page, '我要提议').click();
    await visiblePage(page).getByText('请哪些住户来表决').waitFor();
    await fill(page, '要商量什么事', title);
    await fill(page, '为什么要商量（说清楚在哪里、怎么办）', '１号楼的老人多，楼里没有地方晒被子。想在北边空地上装２个晾衣架，大家一起用，费用从公共收益里出。');
    await button(page, /1号楼$/).click();
    await snap(page, 'propose-form');
    await button(page, '提交提议').click();
    await visiblePage(page).getByText('提议已提交').waitFor({ timeout: 30_000 });
    await button(page, '看我的提议').click();
    await visiblePage(page).locator('.second-card').waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.topic-title').textContent()).toBe(title);
    ids.proposal = decodeURIComponent(new URL(page.url().replace('/#/', '/')).searchParams.get('id') ?? '');
    expect(ids.proposal).not.toBe('');
  });
  await step(page, 'cr07-second', async () => {
    await openAs(page, run.kiosk.url, QIAN, '/consult/pages/index/index', '居民提议，征集附议');
    await visiblePage(page).locator('.topic-card', { hasText: title }).click();
    const count = visiblePage(page).locator('.second-count');
    await count.waitFor();
    expect(await count.textContent()).toMatch(/^已有 0 户附议/);
    await button(page, '我家附议').click();
    await visiblePage(page).getByText('您家已附议').waitFor({ timeout: 30_000 });
    expect(await count.textContent()).toMatch(/^已有 1 户附议/);
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 120_000);

it('孙凤英 signs up to attend and to speak, finds it under 我报名的会议, and cancels both', async () => {
  const { page, errors } = await newPage(run.browser, 390, 2400, { consoleErrors: true });
  await step(page, 'cr08-signup', async () => {
    await openAs(page, run.kiosk.url, SUN, '/consult/pages/index/index', '社区议事', true);
    await button(page, '近期会议').click();
    await visiblePage(page).locator('.meeting-card', { hasText: '议事长廊' }).first().click();
    await button(page, '我要参加').waitFor();
    // the reminder is asked for at the tap (the local kiosk's WeChat: POST /api/local/subscribe)
    const asked = page.waitForRequest((r) => r.url().includes('/api/local/subscribe'), { timeout: 10_000 });
    await button(page, '我要参加').click();
    expect((await asked).postData()).toContain('meetingReminder');
    await visiblePage(page).getByText('您已报名参加').waitFor({ timeout: 30_000 });
    await button(page, '我要发言').click();
    await visiblePage(page).getByText('您已报名发言').waitFor({ timeout: 30_000 });
    await snap(page, 'meeting-signed');
  });
  await step(page, 'cr09-my-signups', async () => {
    await openAs(page, run.kiosk.url, SUN, '/consult/pages/index/index?tab=meetings', '我报名的会议', true);
    const mine = visiblePage(page).locator('.my-signup', { hasText: '议事长廊' });
    await mine.first().waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.my-signups').textContent()).toMatch(/参加.*发言|发言.*参加/);
    await mine.first().click();
    await button(page, '不去了，取消参加').click();
    await visiblePage(page).getByText('已取消参加').waitFor({ timeout: 30_000 });
    await button(page, '取消发言').click();
    await visiblePage(page).getByText('已取消发言').waitFor({ timeout: 30_000 });
    await button(page, '我要参加').waitFor();
    const left = await callAs<unknown[]>(run.kiosk.url, 'consult', SUN, { action: 'mySignUps' });
    expect(left).toMatchObject({ ok: true, data: [] });
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 120_000);

it('孙凤英 gives an opinion, finds it in 我的意见, and rates it once 严婷 resolved it', async () => {
  const { page, errors } = await newPage(run.browser, 390, 2400, { consoleErrors: true });
  const text = '1号楼3单元门口的台阶缺了一块，老人上下楼容易绊倒，请尽快修一下。';
  await step(page, 'cr10-give', async () => {
    await openAs(page, run.kiosk.url, SUN, '/consult/pages/index/index', '社区议事', true);
    await button(page, '提意见建议').click();
    await visiblePage(page).getByText('您的意见建议').waitFor();
    await fill(page, '您的意见建议', text);
    await fill(page, '在哪里（可以不填）', '1号楼3单元门口');
    await button(page, '提交意见').click();
    await visiblePage(page).getByText(/^已提交，社区会在/).waitFor({ timeout: 30_000 });
    ids.opinion = decodeURIComponent(new URL(page.url().replace('/#/', '/')).searchParams.get('id') ?? '');
    expect(ids.opinion).not.toBe('');
    await openAs(page, run.kiosk.url, SUN, '/consult/pages/index/index?tab=mine', '我的意见', true);
    await visiblePage(page).locator('.opinion-card', { hasText: '台阶缺了一块' }).waitFor({ timeout: 30_000 });
  });
  await step(page, 'cr11-rate', async () => {
    expect(await callAs(run.kiosk.url, 'consult', YAN, { action: 'acceptOpinion', opinionId: ids.opinion })).toMatchObject({ ok: true });
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(await callAs(run.kiosk.url, 'consult', YAN, { action: 'resolveOpinion', opinionId: ids.opinion, what: '物业请师傅把台阶补好了，还加了防滑条。', when: today })).toMatchObject({ ok: true });
    await openAs(page, run.kiosk.url, SUN, '/consult/pages/index/index?tab=mine', '我的意见', true);
    const card = visiblePage(page).locator('.opinion-card', { hasText: '台阶缺了一块' });
    await card.getByText('请您评价一下').waitFor({ timeout: 30_000 });
    await card.click();
    await visiblePage(page).locator('.consult-line', { hasText: '物业请师傅把台阶补好了' }).waitFor();
    await button(page, /^满意$/).click();
    await button(page, '提交评价').click();
    await visiblePage(page).getByText('您的评价').waitFor({ timeout: 30_000 });
    await snap(page, 'opinion-rated');
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 120_000);

describe('every consult page at 320 and 390 px, normal and elder mode', () => {
  const screens: Screen[] = [
    { name: 'index-topics', as: SUN, route: () => '/consult/pages/index/index', ready: '正在表决' },
    { name: 'index-meetings', as: SUN, route: () => '/consult/pages/index/index?tab=meetings', ready: '我报名的会议' },
    { name: 'index-past', as: SUN, route: () => '/consult/pages/index/index?tab=past', ready: '开过的会' },
    { name: 'index-mine', as: SUN, route: () => '/consult/pages/index/index?tab=mine', ready: '我的提议' },
    { name: 'topic-voting', as: QIAN, route: () => `/consult/pages/topic/index?id=${ids.topic}`, ready: '请您家表决' },
    { name: 'topic-voted', as: SUN, route: () => `/consult/pages/topic/index?id=${ids.topic}`, ready: '您家已投票' },
    { name: 'topic-owner', as: SON, route: () => '/consult/pages/topic/index?id=topic-demo-charging', ready: '我是本户业主或受业主委托' },
    { name: 'topic-decided', as: SUN, route: () => `/consult/pages/topic/index?id=${LIGHTS}`, ready: '表决结果' },
    { name: 'topic-proposal', as: SUN, route: () => `/consult/pages/topic/index?id=${ids.proposal}`, ready: '征集附议' },
    { name: 'topic-missing', as: SUN, route: () => '/consult/pages/topic/index?id=no-such-topic', ready: '没有找到这个议题' },
    { name: 'propose', as: SUN, route: () => '/consult/pages/propose/index', ready: '请哪些住户来表决' },
    { name: 'meeting', as: SUN, route: () => `/consult/pages/meeting/index?id=${MEETING}`, ready: '我要参加' },
    { name: 'meeting-held', as: SUN, route: () => '/consult/pages/meeting/index?id=mtg-demo-owners', ready: '会议纪要' },
    { name: 'opinion-new', as: SUN, route: () => '/consult/pages/opinion/index', ready: '我提过的意见' },
    { name: 'opinion', as: SUN, route: () => `/consult/pages/opinion/index?id=${ids.opinion}`, ready: '办理进展' },
    { name: 'home', as: SUN, route: () => '/pages/index/index', ready: '社区议事' },
    { name: 'board', as: SUN, route: () => '/ticket/pages/board/index', ready: '社区议事结果' },
  ];
  measureEachMode(run, screens.map((s) => ({ ...s, then: async (page: Page) => {
    if (s.then) await s.then(page);
    expect(await wider(page)).toEqual([]);
  } })), 'cr');
});
