/**
 * Events (活动, issue 22) in Chromium, tapping as the people would, on a kiosk of its own started with
 * `KIOSK_TEST_CLOCK=1` (the check-in at the end moves its clock to the event's day):
 * - 王乐天 (admin) opens 活动管理 from home's 社区活动 card and publishes a 文艺演出 for tomorrow with
 *   2 places (类别, 名称, 明天, 地点, 名额, 预览, 确认发布);
 * - two new residents sign up on the event's page (我要报名); a third finds it full and taps 排队候补
 *   (第 1 位); the first cancels (取消报名, asked inside the card) and the third is promoted: 我的预约
 *   shows 活动：<title> with 候补成功, and 消息 the 候补成功 message;
 * - on the event's day 严婷 opens the roster (报名名单和签到) and checks the second resident in by the
 *   code she reads out (按报名码签到).
 * - 候补 at the counter: an event of one place is full; 严婷 opens 赵建国's counter page, 为赵建国报名活动,
 *   finds it 已报满, ticks his spoken consent and taps 帮 赵建国 排候补; his counter page lists 赵建国的候补
 *   (活动：<title>); 赵建国's own 我的预约 shows the place in line naming the event and 由 严婷 代为排候补;
 *   严婷 also gives up 邹建庄's place in line on his counter page (取消候补, asked inside the card); the
 *   resident holding the place cancels and 赵建国 is promoted: his booking says 候补成功 and 由 严婷 在解忧铺代为预约.
 * Then the events pages at 320 and 390 px, normal and elder mode (measureEachMode: clipped, small,
 * targets, axe). Screenshots: test-artifacts/events/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { advanceKioskClock, button, callAs, measureEachMode, newPage, openAs, startKiosk, step, uniqueOpenid, useRun, visiblePage, WANG, YAN, ZOU, type Screen } from './harness';
import { ZHAO } from './support/personas';
import type { BookingView, EventSaveResult, EventsResult, WaitlistView } from '../../cloudfunctions/market/contract';

const run = useRun({ shots: 'events', kiosk: () => startKiosk({ env: { KIOSK_TEST_CLOCK: '1' } }) });
const TITLE = `社区文艺演出${Date.now().toString(36).slice(-3)}`;
const snap = (page: Page, name: string) => page.screenshot({ path: path.join(run.shots, `${name}.png`), fullPage: true });
const people = { a: uniqueOpenid('ev-a'), b: uniqueOpenid('ev-b'), c: uniqueOpenid('ev-c') };
let eventId = '';

async function newResident(openid: string, name: string, room: string): Promise<void> {
  const r = await callAs(run.kiosk.url, 'account', openid, { action: 'register', name, estateId: 'e-bishan', building: '2号楼', unit: '1单元', room });
  if (!r.ok) throw new Error(JSON.stringify(r));
}

it('an admin publishes an event of 2 places; two sign up, a third waits; a cancellation promotes the third; staff check in by code', async () => {
  await newResident(people.a, '孙桂芳', '101');
  await newResident(people.b, '高建华', '102');
  await newResident(people.c, '韩玉梅', '103');
  const { page, errors } = await newPage(run.browser, 390, 2400);

  await step(page, 'ev01-publish', async () => {
    await openAs(page, run.kiosk.url, WANG, '/pages/index/index', '社区活动');
    await button(page, '活动管理（发布、签到）').click();
    await button(page, '发布新活动').waitFor({ timeout: 30_000 });
    await button(page, '发布新活动').click();
    await visiblePage(page).locator('.event-title').waitFor({ timeout: 30_000 });
    await button(page, /^(☑ )?文艺演出$/).click();
    await visiblePage(page).locator('.event-title input').fill(TITLE);
    await visiblePage(page).locator('taro-button-core.event-quick-1').click();
    await visiblePage(page).locator('.event-place input').fill('石榴籽“解忧铺”');
    await visiblePage(page).locator('.event-places input').fill('2');
    await visiblePage(page).locator('.event-description textarea').fill('歌舞、小品、戏曲');
    await button(page, /^预览$/).click();
    expect(await visiblePage(page).locator('.inline-confirm-text').textContent()).toContain('2 个名额');
    await snap(page, 'walk-publish-preview');
    await button(page, '确认发布').click();
    await visiblePage(page).locator('.ev-row', { hasText: TITLE }).waitFor({ timeout: 30_000 });
    const list = await callAs<EventsResult>(run.kiosk.url, 'market', WANG, { action: 'listEvents' });
    eventId = list.data!.events.find((e) => e.title === TITLE)!.id;
    expect(list.data!.events.find((e) => e.id === eventId)).toMatchObject({ places: 2, kind: 'performance', place: '石榴籽“解忧铺”' });
    await snap(page, 'walk-manage');
  });

  await step(page, 'ev02-two-sign-up', async () => {
    await openAs(page, run.kiosk.url, people.a, '/events/pages/list/index', TITLE);
    await visiblePage(page).locator('.ev-row', { hasText: TITLE }).click();
    await button(page, '我要报名').click();
    await visiblePage(page).locator('.ev-notice', { hasText: '报名成功' }).waitFor({ timeout: 30_000 });
    await visiblePage(page).locator('.event-code').waitFor();
    await snap(page, 'walk-signed-up');
    await openAs(page, run.kiosk.url, people.b, `/events/pages/detail/index?id=${eventId}`, TITLE);
    await button(page, '我要报名').click();
    await visiblePage(page).locator('.ev-notice', { hasText: '报名成功' }).waitFor({ timeout: 30_000 });
  });

  await step(page, 'ev03-third-waits', async () => {
    await openAs(page, run.kiosk.url, people.c, `/events/pages/detail/index?id=${eventId}`, '已报满');
    await button(page, '排队候补').click();
    await visiblePage(page).locator('.event-wait-position', { hasText: '您排在候补第 1 位' }).waitFor({ timeout: 30_000 });
    await snap(page, 'walk-waiting');
  });

  await step(page, 'ev04-cancel-promotes', async () => {
    await openAs(page, run.kiosk.url, people.a, `/events/pages/detail/index?id=${eventId}`, '您已报名');
    await button(page, '取消报名').click();
    await visiblePage(page).getByText('确定取消报名吗？').waitFor();
    expect(await page.locator('.nut-dialog, .taro__modal').count()).toBe(0);
    await button(page, '确定取消报名').click();
    await visiblePage(page).locator('.ev-notice', { hasText: '已取消报名' }).waitFor({ timeout: 30_000 });
    await openAs(page, run.kiosk.url, people.c, '/market/pages/bookings/index', '我的预约');
    const card = visiblePage(page).locator('.booking-card.booking-booked', { hasText: TITLE });
    await card.waitFor({ timeout: 30_000 });
    expect(await card.textContent()).toContain(`活动：${TITLE}`);
    expect(await card.textContent()).toContain('候补成功');
    expect(await visiblePage(page).locator('.waitlist-card').count()).toBe(0);
    await snap(page, 'walk-my-bookings-promoted');
    await openAs(page, run.kiosk.url, people.c, '/pages/messages/index', '服务通知');
    await visiblePage(page).locator('.message-card', { hasText: `候补成功：${TITLE}` }).first().waitFor({ timeout: 30_000 });
    await snap(page, 'walk-message');
  });

  await step(page, 'ev05-check-in-by-code', async () => {
    const mine = await callAs<BookingView[]>(run.kiosk.url, 'market', people.b, { action: 'myBookings' });
    const b = mine.data!.find((x) => x.eventId === eventId)!;
    // the event's day, 14:00 China time (it starts at 14:30; check-in opens an hour before)
    const now = await advanceKioskClock(run.kiosk.url, 0);
    const day = new Date(Date.parse(`${b.date}T14:00:00+08:00`));
    await advanceKioskClock(run.kiosk.url, day.getTime() - now);
    await openAs(page, run.kiosk.url, YAN, `/events/pages/roster/index?id=${eventId}`, '报名名单');
    expect(await visiblePage(page).locator('.roster-count').textContent()).toContain('已签到 0 人');
    await visiblePage(page).locator('.roster-code input').fill(b.code.toLowerCase());
    await visiblePage(page).locator('taro-button-core.roster-code-check-in').click();
    await visiblePage(page).locator('.roster-notice', { hasText: '高建华 已签到' }).waitFor({ timeout: 30_000 });
    await visiblePage(page).locator('.roster-count', { hasText: '已签到 1 人' }).waitFor({ timeout: 30_000 });
    await snap(page, 'walk-roster-checked-in');
  });
  expect(errors).toEqual([]);
  await page.context().close();
}, 300_000);

/** A new event of one place on the kiosk's day + `days` (local), its place taken by a new resident; answers the event and that resident. */
async function fullEvent(title: string, days: number): Promise<{ id: string; slotId: string; holder: string; bookingId: string }> {
  const now = await advanceKioskClock(run.kiosk.url, 0);
  const date = new Date(now + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
  const saved = await callAs<EventSaveResult>(run.kiosk.url, 'market', WANG, { action: 'saveEvent', requestId: `e2e-wl-${days}-${now}`, title, kind: 'talk', date, start: '09:00', end: '10:00', place: '石榴籽“解忧铺”', places: 1, description: '' });
  if (!saved.ok) throw new Error(JSON.stringify(saved));
  const holder = uniqueOpenid('ev-hold');
  await newResident(holder, days === 3 ? '钟国庆' : '钟国华', `10${days}`);
  const b = await callAs<BookingView>(run.kiosk.url, 'market', holder, { action: 'book', slotId: saved.data!.event.slotId, requestId: `e2e-hold-${now}-${days}` });
  if (!b.ok) throw new Error(JSON.stringify(b));
  return { id: saved.data!.event.id, slotId: saved.data!.event.slotId, holder, bookingId: b.data!.id };
}

const LINE_TITLE = `健康讲座${Date.now().toString(36).slice(-3)}`;
const SECOND_TITLE = `防诈骗宣讲${Date.now().toString(36).slice(-3)}`;
let secondEvent = '';

it('候补 at the counter: 严婷 puts 赵建国 in line for a full event with his consent; he sees it naming the event; a cancellation books him, made by 严婷', async () => {
  const ev = await fullEvent(LINE_TITLE, 3);
  const { page, errors } = await newPage(run.browser, 390, 2400);

  await step(page, 'ev06-counter-puts-in-line', async () => {
    await openAs(page, run.kiosk.url, YAN, '/counter/pages/resident/index?id=r-zhao', '为赵建国报名活动');
    await button(page, '为赵建国报名活动').click();
    await visiblePage(page).locator('.ev-row', { hasText: LINE_TITLE }).click();
    await button(page, '帮 赵建国 排候补').waitFor({ timeout: 30_000 });
    // without the consent ticked: asked first, nothing written
    await button(page, '帮 赵建国 排候补').click();
    await visiblePage(page).locator('.ev-notice', { hasText: '是否同意由您代为排候补' }).waitFor({ timeout: 30_000 });
    await visiblePage(page).locator('.ev-consent', { hasText: '已口头同意由我代为排候补' }).click();
    await snap(page, 'walk-counter-wait-for');
    await button(page, '帮 赵建国 排候补').click();
    await visiblePage(page).locator('.ev-notice', { hasText: '已帮 赵建国 排上候补，排在第 1 位' }).waitFor({ timeout: 30_000 });
    await visiblePage(page).locator('.event-wait-position', { hasText: '赵建国排在候补第 1 位' }).waitFor({ timeout: 30_000 });
    await openAs(page, run.kiosk.url, YAN, '/counter/pages/resident/index?id=r-zhao', '赵建国的候补');
    const card = visiblePage(page).locator('.counter-waitlist .waitlist-card', { hasText: LINE_TITLE });
    expect(await card.textContent()).toContain(`活动：${LINE_TITLE}`);
    expect(await card.textContent()).toContain('赵建国排在候补第 1 位');
    await snap(page, 'walk-counter-resident-waitlist');
  });

  await step(page, 'ev07-he-sees-it', async () => {
    await openAs(page, run.kiosk.url, ZHAO, '/market/pages/bookings/index', '候补中');
    const card = visiblePage(page).locator('.waitlist-card', { hasText: LINE_TITLE });
    await card.waitFor({ timeout: 30_000 });
    expect(await card.textContent()).toContain(`活动：${LINE_TITLE}`);
    expect(await card.textContent()).toContain('由 严婷 代为排候补');
    await snap(page, 'walk-my-waitlist-event');
  });

  await step(page, 'ev08-counter-leaves-for-zou', async () => {
    const put = await callAs<WaitlistView>(run.kiosk.url, 'market', YAN, { action: 'joinWaitlistFor', residentId: 'r-zou', slotId: ev.slotId, consent: { spoken: true } });
    expect(put.ok && put.data!.position).toBe(2);
    await openAs(page, run.kiosk.url, YAN, '/counter/pages/resident/index?id=r-zou', '邹建庄的候补');
    const card = visiblePage(page).locator('.counter-waitlist .waitlist-card', { hasText: LINE_TITLE });
    await card.locator('taro-button-core.wait-leave').click();
    await card.getByText('确定为邹建庄取消候补吗？').waitFor();
    expect(await page.locator('.nut-dialog, .taro__modal').count()).toBe(0);
    await card.locator('taro-button-core.wait-leave-yes').click();
    await visiblePage(page).locator('.counter-done', { hasText: `已为邹建庄取消候补：活动：${LINE_TITLE}` }).waitFor({ timeout: 30_000 });
    await visiblePage(page).locator('.counter-waitlist .waitlist-card', { hasText: LINE_TITLE }).waitFor({ state: 'detached', timeout: 30_000 });
  });

  await step(page, 'ev09-cancel-promotes-him', async () => {
    const cancelled = await callAs(run.kiosk.url, 'market', ev.holder, { action: 'cancelBooking', bookingId: ev.bookingId });
    expect(cancelled.ok).toBe(true);
    await openAs(page, run.kiosk.url, ZHAO, '/market/pages/bookings/index', '我的预约');
    const card = visiblePage(page).locator('.booking-card.booking-booked', { hasText: LINE_TITLE });
    await card.waitFor({ timeout: 30_000 });
    const text = await card.textContent();
    expect(text).toContain(`活动：${LINE_TITLE}`);
    expect(text).toContain('候补成功');
    expect(text).toContain('由 严婷 在解忧铺代为预约（居民已口头同意）');
    expect(await visiblePage(page).locator('.waitlist-card', { hasText: LINE_TITLE }).count()).toBe(0);
    await snap(page, 'walk-my-bookings-promoted-by-counter');
  });

  // for the screens below: 赵建国 waits for a second full event (the counter page lists it)
  const second = await fullEvent(SECOND_TITLE, 4);
  secondEvent = second.id;
  const put = await callAs(run.kiosk.url, 'market', YAN, { action: 'joinWaitlistFor', residentId: 'r-zhao', slotId: second.slotId, consent: { spoken: true } });
  expect(put.ok).toBe(true);
  expect(errors).toEqual([]);
  await page.context().close();
}, 300_000);

const screens: Screen[] = [
  { name: 'home', as: ZOU, route: () => '/pages/index/index', ready: '社区活动' },
  { name: 'list', as: ZOU, route: () => '/events/pages/list/index', ready: '石榴籽文艺演出' },
  { name: 'detail', as: ZOU, route: () => '/events/pages/detail/index?id=event-demo-performance', ready: '我要报名' },
  { name: 'detail-waiting', as: () => people.c, route: () => `/events/pages/detail/index?id=${eventId}`, ready: '已报名' },
  { name: 'counter-sign-up', as: YAN, route: () => '/events/pages/detail/index?id=event-demo-performance&for=r-zou', ready: '邹建庄 已口头同意' },
  { name: 'manage', as: WANG, route: () => '/events/pages/manage/index', ready: '发布新活动' },
  { name: 'edit', as: WANG, route: () => '/events/pages/edit/index', ready: '预览' },
  { name: 'edit-existing', as: WANG, route: () => '/events/pages/edit/index?id=event-demo-performance', ready: '取消这个活动' },
  { name: 'roster', as: YAN, route: () => '/events/pages/roster/index?id=event-demo-performance', ready: '钱秀英' },
  { name: 'counter-resident-waitlist', as: YAN, route: () => '/counter/pages/resident/index?id=r-zhao', ready: '赵建国的候补' },
  { name: 'counter-wait-for', as: YAN, route: () => `/events/pages/detail/index?id=${secondEvent}&for=r-zou`, ready: '帮 邹建庄 排候补' },
  { name: 'my-waitlist-event', as: ZHAO, route: () => '/market/pages/bookings/index', ready: `活动：${SECOND_TITLE}` },
];
describe('every events page at 320 and 390 px, normal and elder mode', () => measureEachMode(run, screens, 'events'));
