/**
 * Every page of the compiled mini-program (dist/weapp, built by `npm run build:weapp`) loads in
 * miniprogram-simulate and renders its key text, with data fetched through wx.cloud.callFunction
 * from the real functions on the local cloud.
 */
import { openidOf } from '../support/local-cloud';
import { renderPage, startWeapp, waitForText, type WeappEnv } from './render';
import type { BookingView, MarketDaysResult } from '../../cloudfunctions/market/contract';

let env: WeappEnv;
let dayId = '';
let slotId = '';
let bookingId = '';

beforeAll(async () => {
  env = await startWeapp(openidOf('r-zhao'));
  const days = (await env.cloud.call('market', { action: 'listMarketDays' }, openidOf('r-zhao'))) as { ok: true; data: MarketDaysResult };
  dayId = days.data.days[0].id;
  slotId = `${dayId}_svc-lc-haircut_1040`;
  const booked = (await env.cloud.call('market', { action: 'book', slotId: `${dayId}_svc-lc-knife_1000`, requestId: 'weapp-test-1' }, openidOf('r-zhao'))) as { ok: boolean; data: BookingView };
  expect(booked.ok).toBe(true);
  bookingId = booked.data.id;
  env.install();
}, 60_000);
afterAll(() => env?.close());

it('home shows the coming Friday market, without the local identity switch', async () => {
  const text = await waitForText(await renderPage(env.host, 'pages/index/index'), '预约集市服务');
  expect(text).toContain('最近一次解忧集市');
  expect(text).toMatch(/\d+月\d+日 周五/);
  expect(text).toContain('壁山丽景小区');
  expect(text).not.toContain('本地演示');
  expect(text).toContain('没有新消息'); // 消息, with its count, near the top (issue 18)
}, 30_000);

it('the message centre (消息) is a page of the product and loads the inbox (issue 18)', async () => {
  const text = await waitForText(await renderPage(env.host, 'pages/messages/index'), '还没有消息');
  expect(text).toContain('服务通知');
  expect(text).not.toContain('本地演示');
}, 30_000);

it('the market day lists the services with their slots and places left', async () => {
  const text = await waitForText(await renderPage(env.host, 'market/pages/day/index', { id: dayId }), '爱心义剪');
  expect(text).toContain('10:00–10:20 · 剩 2 位');
  expect(text).toContain('磨刀');
  expect(text).toContain('您已预约'); // 磨刀 was booked in beforeAll
  expect(text).toContain('不用预约，集市当天直接来就行');
}, 30_000);

it('the confirmation page shows what will be booked', async () => {
  const text = await waitForText(await renderPage(env.host, 'market/pages/confirm/index', { day: dayId, slot: slotId }), '请确认预约信息');
  expect(text).toContain('项目：爱心义剪');
  expect(text).toContain('时间：10:40–11:00');
  expect(text).toContain('确认预约');
}, 30_000);

it('the booking page shows the booking loaded by its id (as after booking, a reload or a shared link), with the way home', async () => {
  const text = await waitForText(await renderPage(env.host, 'market/pages/booking/index', { id: bookingId }, { alone: true }), '预约成功');
  expect(text).toContain('项目：磨刀');
  expect(text).toMatch(/预约码.*[A-Z0-9]{6}/s);
  expect(text).toContain('回首页'); // opened alone: WeChat's bar has no way back, the page has the way home
  expect(text).not.toContain('确认预约');
  expect(text).not.toContain('打印预约单'); // printing is for the H5 counter only
}, 30_000);

it('my bookings shows the booking with its code and a cancel button', async () => {
  const text = await waitForText(await renderPage(env.host, 'market/pages/bookings/index'), '磨刀');
  expect(text).toContain('预约码');
  expect(text).toContain('取消这个预约');
  expect(text).toMatch(/[A-Z0-9]{6}/);
}, 30_000);


it('the registration page asks a new visitor for name and address, with estates and buildings to choose', async () => {
  const asZhao = env.host.callFunction;
  env.host.callFunction = (name, data) => env.cloud.call(name, data, 'wx-weapp-newcomer');
  try {
    const text = await waitForText(await renderPage(env.host, 'pages/register/index'), '第一次来，先登记一下');
    expect(text).toContain('壁山丽景小区');
    // the phone is asked only where a feature needs it (the report page's WeChat phone button), never here
    expect(text).not.toContain('手机号');
    expect(text).not.toContain('本地演示');
  } finally {
    env.host.callFunction = asZhao;
  }
}, 30_000);
