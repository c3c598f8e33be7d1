/**
 * 社区议事 for staff in Chromium (issue 20, the consultAdmin pages): 王乐天 (admin of 老城社区)
 * - creates a topic through the form (title, background, a building of 壁山丽景小区, the rule) and lands on its page;
 * - enters the paper of 3号楼 for a topic whose voting is about to end: 赵建国 (3号楼2单元301) voted in
 *   WeChat first, so of the rooms typed 2-301 2-302 2-303 the page lists 2单元301 to set aside; a count
 *   that does not add up is stopped on the page, the matching one is saved with a photo; once voting has
 *   ended, 计票完成 with the other buildings marked 无纸质票 writes the result, and he publishes it;
 * - records a meeting from draft to held: attendance by steppers, minutes, announce, hold, and an
 *   opinion said at it; then turns that opinion into a ticket and opens the ticket on the desk.
 * Then every consultAdmin page at 320 and 390 px, normal and elder mode (shootAll's measures).
 * On a kiosk of its own started with `KIOSK_TEST_CLOCK=1`: the end of the voting period is reached by
 * moving its clock (advanceKioskClock), not by waiting for it. Screenshots: test-artifacts/consult-staff/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { advanceKioskClock, button, callAs, newPage, openAs, shootAll, startKiosk, step, useRun, visiblePage, WANG, ZHAO, type Screen } from './harness';

// its own kiosk: the voting period's end is reached by moving the clock, which the run's shared kiosk never does
const run = useRun({ shots: 'consult-staff', kiosk: () => startKiosk({ env: { KIOSK_TEST_CLOCK: '1' } }) });
const ids = { topic: '', paperTopic: '', meeting: '', opinion: '' };
/** When the paper topic's voting ends (the kiosk's epoch ms). */
let voteEnds = 0;
const tag = Date.now().toString(36);
/** A 1×1 PNG (the count sheet's photo). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const snap = (page: Page, name: string) => page.screenshot({ path: path.join(run.shots, `${name}.png`), fullPage: true });

/** Types into a Taro input (or textarea) found by its class. */
async function fill(page: Page, cls: string, value: string): Promise<void> {
  const box = visiblePage(page).locator(`.${cls} input, .${cls} textarea, input.${cls}, textarea.${cls}`).first();
  await box.fill(value);
}

beforeAll(async () => {
  // a topic of 3号楼 whose voting ends in 100 seconds of the kiosk's clock (the shortest period is one
  // hour): paper is entered while it is open, then the clock is moved past its end
  const now = await advanceKioskClock(run.kiosk.url, 0);
  voteEnds = now + 100_000;
  const voteFrom = new Date(voteEnds - 3600_000).toISOString();
  const voteUntil = new Date(voteEnds).toISOString();
  const created = await callAs<{ id: string }>(run.kiosk.url, 'consult', WANG, {
    action: 'create',
    title: `楼道灯改声控 ${tag}`,
    background: '3号楼楼道灯常亮，耗电多，想改成声控灯，费用从公共收益里出。',
    kind: 'yesNo',
    scope: { kind: 'building', estateId: 'e-bishan', building: '3号楼' },
    rule: 'majority',
    discussFrom: voteFrom,
    voteFrom,
    voteUntil,
    requestId: `cs-e2e-paper-${tag}`,
  });
  expect(created).toMatchObject({ ok: true });
  ids.paperTopic = created.data!.id;
  expect(await callAs(run.kiosk.url, 'consult', ZHAO, { action: 'vote', topicId: ids.paperTopic, choice: 'agree', requestId: `cs-e2e-zhao-${tag}` })).toMatchObject({ ok: true });
}, 60_000);

it('王乐天 creates a topic, enters 3号楼 paper with a set-aside room, finishes counting and publishes', async () => {
  const { page, errors } = await newPage(run.browser, 390, 2400);
  await step(page, 'cs01-create-topic', async () => {
    await openAs(page, run.kiosk.url, WANG, '/pages/index/index', '社区议事');
    await button(page, '议题和表决').click();
    await visiblePage(page).getByText('待处理的提议').waitFor();
    await button(page, '新建议题').click();
    await visiblePage(page).getByText('谁来投票').waitFor();
    await fill(page, 'topic-title', `东门加装雨棚 ${tag}`);
    await fill(page, 'topic-background', '东门口下雨天没处躲雨，想加一个雨棚，物业出钱。');
    await button(page, /^一栋楼$/).click();
    await button(page, '壁山丽景小区').click();
    await button(page, /^5号楼$/).click();
    await button(page, /民法典/).click();
    await button(page, /改建、重建/).click();
    expect(await visiblePage(page).locator('.rule-text').textContent()).toContain('四分之三以上同意');
    await snap(page, 'topic-form');
    // the demo's 壁山丽景小区 has its household register (户数登记), which a 民法典 topic needs: accepted
    // (without a register it is refused with CONSULT.HOUSEHOLDS_UNKNOWN: test/functions/consult-votes.test.ts)
    await button(page, '发布议题').click();
    await visiblePage(page).locator('.topic-head', { hasText: `东门加装雨棚 ${tag}` }).waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.topic-head').textContent()).toContain('壁山丽景小区 5号楼');
  });

  await step(page, 'cs02-paper', async () => {
    await openAs(page, run.kiosk.url, WANG, `/consultAdmin/pages/tally/index?topicId=${ids.paperTopic}&estateId=e-bishan&building=${encodeURIComponent('3号楼')}`, '第一步');
    await fill(page, 'tally-rooms-input', '2-301 2-302 2-303');
    await button(page, '登记这 3 户').click();
    const aside = visiblePage(page).locator('.tally-set-aside');
    await aside.waitFor();
    expect(await aside.textContent()).toContain('2单元301');
    await snap(page, 'tally-set-aside');
    await visiblePage(page).getByText('第二步').waitFor();
    await fill(page, 'count-agree', '3');
    await visiblePage(page).getByText('合计 3 张，收回的是 2 户：多了 1 张。请再数一遍。').waitFor();
    await fill(page, 'count-agree', '1');
    await fill(page, 'count-disagree', '1');
    await visiblePage(page).getByText('合计 2 张，和收回的 2 户对上了').waitFor();
    await button(page, '保存计票结果').click();
    await visiblePage(page).getByText('请先拍一张纸质票的照片').waitFor();
    await snap(page, 'tally-counts');
    // the photo: the local kiosk's chooseImage is the browser's file input
    const chooser = page.waitForEvent('filechooser');
    await button(page, '拍照或选照片').click();
    await (await chooser).setFiles({ name: 'sheet.png', mimeType: 'image/png', buffer: PNG });
    await visiblePage(page).locator('.photo-item').first().waitFor({ timeout: 30_000 });
    await button(page, '保存计票结果').click();
    await visiblePage(page).locator('.tally-saved').waitFor({ timeout: 30_000 });
    expect(await visiblePage(page).locator('.tally-saved').textContent()).toContain('同意：1 张');
  });

  await step(page, 'cs03-finish-publish', async () => {
    // voting ends 100 s (kiosk time) after the file started: move the kiosk's clock past it, and 计票中
    const now = await advanceKioskClock(run.kiosk.url, 0);
    await advanceKioskClock(run.kiosk.url, Math.max(0, voteEnds - now) + 1000);
    const t = await callAs<{ phase: string }>(run.kiosk.url, 'consult', WANG, { action: 'topic', topicId: ids.paperTopic });
    expect(t.data?.phase).toBe('counting');
    await openAs(page, run.kiosk.url, WANG, `/consultAdmin/pages/topicEdit/index?id=${ids.paperTopic}`, '计票完成，出结果…');
    await button(page, '计票完成，出结果…').click();
    await button(page, '确定计票完成').click();
    await visiblePage(page).locator('.topic-result').waitFor({ timeout: 30_000 });
    // 赵建国's WeChat vote and the two paper sheets: 3 households (微信 1 · 纸质 2)
    expect(await visiblePage(page).locator('.topic-result').textContent()).toContain('参与 ');
    expect(await visiblePage(page).locator('.topic-result').textContent()).toContain('纸质 2');
    await fill(page, 'publish-note', '下一步由物业联系施工。');
    await button(page, '公布结果…').click();
    await button(page, '确定公布').click();
    await visiblePage(page).locator('.topic-result', { hasText: '已公布' }).waitFor({ timeout: 30_000 });
    await snap(page, 'topic-published');
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 240_000);

it('王乐天 records a meeting from draft to held with attendance, minutes and an opinion, and turns the opinion into a ticket', async () => {
  const { page, errors } = await newPage(run.browser, 390, 2600);
  await step(page, 'cs03-meeting-draft', async () => {
    await openAs(page, run.kiosk.url, WANG, '/consultAdmin/pages/meetings/index', '新建会议');
    await button(page, '新建会议').click();
    await visiblePage(page).getByText('到会人数').waitFor();
    await fill(page, 'meeting-title', `充电桩业主会 ${tag}`);
    await fill(page, 'meeting-place', '壁山丽景小区 3号楼前院子');
    // tomorrow: the form's default is today 19:00, which a meeting can no longer be announced for
    // from 19:00 China time on (announceMeeting needs a start still ahead)
    await visiblePage(page).locator('.ca-quick-1').first().click();
    await button(page, '保存草稿').click();
    await visiblePage(page).getByText('公布会议…').waitFor({ timeout: 30_000 });
  });
  await step(page, 'cs04-announce-hold', async () => {
    await button(page, '公布会议…').click();
    await button(page, '确定公布').click();
    await visiblePage(page).locator('.meeting-head', { hasText: '即将召开' }).waitFor({ timeout: 30_000 });
    for (let i = 0; i < 3; i += 1) await visiblePage(page).locator('.step-resident taro-button-core.ca-step-plus').click();
    await visiblePage(page).locator('.step-gridWorker taro-button-core.ca-step-plus').click();
    await fill(page, 'meeting-minutes', '居民同意在3号楼前装6个充电桩，物业下周报方案。');
    await snap(page, 'meeting-record');
    await button(page, '会开完了，标记已召开…').click();
    await button(page, '确定已召开').click();
    await visiblePage(page).locator('.meeting-head', { hasText: '已召开' }).waitFor({ timeout: 30_000 });
  });
  await step(page, 'cs05-opinion', async () => {
    await fill(page, 'opinion-row-0 .opinion-text', '3号楼前的路灯坏了一个月，晚上看不见路。');
    await fill(page, 'opinion-row-0 .opinion-giver', '3号楼 张大姐');
    await button(page, '保存这些意见').click();
    await visiblePage(page).locator('.opinions-saved').waitFor({ timeout: 30_000 });
    await visiblePage(page).locator('.saved-opinion').first().click();
    await visiblePage(page).getByText('怎么处理').waitFor();
    await button(page, '转工单…').click();
    await button(page, '楼道环境').first().click().catch(async () => button(page, /其他/).first().click());
    await button(page, '壁山丽景小区').click();
    await button(page, '确定转工单').click();
    await visiblePage(page).locator('.open-ticket, .open-new-ticket').first().waitFor({ timeout: 30_000 });
    await snap(page, 'opinion-ticketed');
    await visiblePage(page).locator('.open-ticket, .open-new-ticket').first().click();
    await visiblePage(page).getByText('3号楼前的路灯坏了一个月').waitFor({ timeout: 30_000 });
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 240_000);

const screens: Screen[] = [
  { name: 'topics', as: WANG, route: () => '/consultAdmin/pages/topics/index', ready: '待处理的提议' },
  { name: 'topic-new', as: WANG, route: () => '/consultAdmin/pages/topicEdit/index', ready: '谁来投票' },
  { name: 'topic', as: WANG, route: () => `/consultAdmin/pages/topicEdit/index?id=${ids.paperTopic}`, ready: '纸质票' },
  { name: 'households', as: WANG, route: () => '/consultAdmin/pages/households/index', ready: '保存户数' },
  { name: 'tally', as: WANG, route: () => `/consultAdmin/pages/tally/index?topicId=${ids.paperTopic}&estateId=e-bishan&building=${encodeURIComponent('3号楼')}`, ready: '纸质票' },
  { name: 'meetings', as: WANG, route: () => '/consultAdmin/pages/meetings/index', ready: '新建会议' },
  { name: 'meeting-new', as: WANG, route: () => '/consultAdmin/pages/meetingEdit/index', ready: '到会人数' },
  { name: 'opinions', as: WANG, route: () => '/consultAdmin/pages/opinions/index', ready: '意见建议' },
];
shootAll(run, screens);
