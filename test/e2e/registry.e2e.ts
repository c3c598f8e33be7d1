/**
 * The registry answers the question residents actually ask (issue 17), in Chromium, as 赵建国 taps
 * it: 马师傅 sells 大葱 at stall 1 on the coming market day (set up through the functions); from home
 * 看看有什么卖 → he types the press report's sentence "周五的集市有卖白菜和大葱的吗？" whole (the box
 * keeps every character, up to 60) → one answer per good: "白菜：还没有人登记。" with its own 告诉我 and
 * "大葱：马师傅，1号摊。" — 大葱 never denied. Then "白菜 大葱" and "这周五有洋芋、baicai还有大葱吗"
 * (a nickname, pinyin, 顿号, 还有), a 40-character sentence typed key by key, and a question naming
 * nothing known (it says so and offers what is registered). The answered page at 320 and 390 px,
 * normal and elder mode: no clipped text, elder sizes, no serious axe-core violation. Screenshots:
 * test-artifacts/registry/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { button, callAs, MA, newPage, openAs, settle, step, visiblePage, WANG, ZHAO, useRun, pageProblems, shootWholePage } from './harness';

const run = useRun({ shots: 'registry' });
const QUESTION = '周五的集市有卖白菜和大葱的吗？';
let stall = 0;
/** the coming day's registry after 马师傅 is given his stall (the demo seed's regulars: 哈力木 土豆、红薯 …) */
let registered: { name: string; goods: string[]; stallNumber: number | null }[] = [];

beforeAll(async () => {
  // 马师傅 (no other file on the run's kiosk makes him a vendor) registers 大葱, is approved and given a stall for the coming market day
  const reg = await callAs<{ id: string }>(run.kiosk.url, 'stall', MA, { action: 'register', communityId: 'c-laocheng', kind: 'farmer', name: '马师傅', phone: '13899017788', goods: ['大葱'] });
  expect(reg.ok).toBe(true);
  expect((await callAs(run.kiosk.url, 'stall', WANG, { action: 'approve', vendorId: reg.data!.id })).ok).toBe(true);
  const registry = await callAs<{ date: string }>(run.kiosk.url, 'stall', ZHAO, { action: 'registry' });
  const app = await callAs<{ stallNumber: number }>(run.kiosk.url, 'stall', WANG, { action: 'assignStall', vendorId: reg.data!.id, date: registry.data!.date });
  expect(app.ok).toBe(true);
  stall = app.data!.stallNumber;
  registered = (await callAs<{ vendors: typeof registered }>(run.kiosk.url, 'stall', ZHAO, { action: 'registry' })).data!.vendors;
}, 300_000);

/** `土豆` sellers of the day as the answer names them: `哈力木（土豆），2号摊` (the demo seed's regular). */
function potatoSellers(): string {
  return registered
    .filter((v) => v.goods.includes('土豆'))
    .map((v) => `${v.name}（土豆），${v.stallNumber}号摊`)
    .join('；');
}


/** Types `q` into the question box key by key (as a person does: maxlength applies), then 查一查. */
async function ask(page: Page, q: string): Promise<void> {
  const input = visiblePage(page).locator('.search-input textarea');
  await input.fill('');
  await input.pressSequentially(q);
  expect(await input.inputValue()).toBe(q);
  await button(page, '查一查有没有人卖').click();
}

/** The answer blocks shown: `[product, answer text]`. */
async function answers(page: Page): Promise<[string, string][]> {
  const blocks = visiblePage(page).locator('.search-result .good-answer');
  await blocks.first().waitFor();
  const out: [string, string][] = [];
  for (const b of await blocks.all()) out.push([(await b.getAttribute('data-product')) ?? '', ((await b.locator('.answer').textContent()) ?? '').trim()]);
  return out;
}

it('赵建国 types the press report’s question whole and two other phrasings: one answer per good, 告诉我 per unsold good', async () => {
  const { context, page, errors } = await newPage(run.browser);

  await step(page, 'r01-full-question', async () => {
    await openAs(page, run.kiosk.url, ZHAO, '/pages/index/index', '周五集市有什么卖');
    await button(page, '看看有什么卖').click();
    await visiblePage(page).getByText('集市登记本').waitFor();
    expect(await visiblePage(page).locator('.search-input textarea').getAttribute('maxlength')).toBe('60');
    await ask(page, QUESTION);
    expect(await answers(page)).toEqual([
      ['白菜', '白菜：还没有人登记。'],
      ['大葱', `大葱：马师傅，${stall}号摊。`],
    ]);
    const head = (await visiblePage(page).locator('.answer-head').textContent()) ?? '';
    expect(head).toMatch(/^\d+月\d+日 周五的集市：$/);
    // 大葱 is sold: its block shows 马师傅's stall and offers no 告诉我; 白菜 has its own
    const dacong = visiblePage(page).locator('.good-answer[data-product="大葱"]');
    expect(await dacong.locator('.seller-row').textContent()).toContain(`${stall}号摊马师傅`);
    expect(await dacong.locator('taro-button-core').count()).toBe(0);
    expect(await visiblePage(page).locator('.search-result').textContent()).not.toContain('还没有人登记卖大葱');
    await button(page, '有人卖白菜的时候告诉我').click();
    await visiblePage(page).locator('.good-answer[data-product="白菜"] .watch-done').waitFor();
    expect(await visiblePage(page).locator('.good-answer[data-product="白菜"] .watch-done').textContent()).toContain('有人登记卖白菜时');
  });

  await step(page, 'r02-space-separated', async () => {
    await ask(page, '白菜 大葱');
    expect(await answers(page)).toEqual([
      ['白菜', '白菜：还没有人登记。'],
      ['大葱', `大葱：马师傅，${stall}号摊。`],
    ]);
  });

  await step(page, 'r03-nickname-pinyin-list', async () => {
    await ask(page, '这周五有洋芋、baicai还有大葱吗');
    expect(await answers(page)).toEqual([
      ['洋芋', `洋芋：${potatoSellers()}。`],
      ['白菜', '白菜：还没有人登记。'],
      ['大葱', `大葱：马师傅，${stall}号摊。`],
    ]);
    // a nickname finds the seller's own word (洋芋 → 土豆); only 白菜 offers 告诉我
    expect(potatoSellers()).not.toBe('');
    expect(await visiblePage(page).locator('.good-answer .watch-button').count()).toBe(1);
    expect(await visiblePage(page).locator('.good-answer[data-product="白菜"] .watch-button').count()).toBe(1);
  });

  await step(page, 'r04-long-sentence', async () => {
    const long = '请问一下这周五的解忧集市上面有没有人卖大白菜和大葱呀，我想给老伴包饺子';
    expect([...long].length).toBeGreaterThanOrEqual(30);
    await ask(page, long);
    expect((await answers(page)).map(([p]) => p)).toEqual(['大白菜', '大葱']);
  });

  await step(page, 'r05-nothing-known', async () => {
    await ask(page, '集市几点开？');
    const none = visiblePage(page).locator('.search-result.nothing-heard');
    await none.waitFor();
    const goods = [...new Set(registered.flatMap((v) => v.goods))].join('、');
    expect(goods).toContain('大葱');
    expect(await none.locator('.answer').textContent()).toMatch(new RegExp(`^没有听出您要买什么。\\d+月\\d+日 周五登记了的有：${goods}。$`));
    // what is registered, one tap away
    await none.locator('taro-button-core', { hasText: /^大葱$/ }).click();
    expect(await answers(page)).toEqual([['大葱', `大葱：马师傅，${stall}号摊。`]]);
  });

  expect(errors).toEqual([]);
  await context.close();
}, 300_000);

describe('the answered question at 320 and 390 px, normal and elder', () => {
  for (const width of [320, 390]) {
    for (const elder of [false, true]) {
      it(`${width} px ${elder ? 'elder' : 'normal'}`, async () => {
        const { context, page, errors } = await newPage(run.browser, width, 800);
        const name = `registry-question-${width}-${elder ? 'elder' : 'normal'}`;
        await step(page, name, async () => {
          await openAs(page, run.kiosk.url, ZHAO, `/stall/pages/registry/index?q=${encodeURIComponent(QUESTION)}`, '马师傅', elder);
          await visiblePage(page).locator('.good-answer[data-product="白菜"]').waitFor();
          await settle(page);
          expect(await pageProblems(page, elder, 'registry')).toEqual([]);
          await shootWholePage(page, path.join(run.shots, `${name}.png`), width);
        });
        expect(errors).toEqual([]);
        await context.close();
      }, 120_000);
    }
  }
});
