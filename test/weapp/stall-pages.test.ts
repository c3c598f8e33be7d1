/**
 * The vendor and stall-admin pages of the compiled mini-program (dist/weapp) load in
 * miniprogram-simulate and show their key text, with data from the real `stall` function on the
 * local cloud (the demo: 哈力木 on stall 2, 东城果园 on stall 3 for the coming Friday).
 */
import { openidOf } from '../support/local-cloud';
import { renderPage, startWeapp, waitForText, type WeappEnv } from './render';

let env: WeappEnv;
const as = (openid: string) => {
  env.host.callFunction = (name, data) => env.cloud.call(name, data, openid);
};

beforeAll(async () => {
  env = await startWeapp(openidOf('r-zhao'));
  env.install();
}, 60_000);
afterAll(() => env?.close());

it('the registry shows the coming market day, who comes and the search', async () => {
  as(openidOf('r-zhao'));
  const text = await waitForText(await renderPage(env.host, 'stall/pages/registry/index'), '集市登记本');
  expect(text).toContain('周五集市有什么卖？');
  expect(text).toContain('哈力木');
  expect(text).toContain('2号摊');
  expect(text).toContain('查一查有没有人卖');
}, 30_000);

it('我的摊位 shows a vendor his stall and check-in code', async () => {
  as(openidOf('v-farmer-2'));
  const text = await waitForText(await renderPage(env.host, 'stall/pages/mine/index'), '已分到摊位');
  expect(text).toContain('2号摊');
  expect(text).toContain('给工作人员看这个号'); // the seeded code is 2-APP- (backend: checkInCodeOf takes the id's first 4 characters)
}, 30_000);

it('the registration form offers the kinds of vendor', async () => {
  as('wx-weapp-new-vendor');
  const text = await waitForText(await renderPage(env.host, 'stall/pages/register/index'), '摊主登记');
  expect(text).toContain('农户');
  expect(text).toContain('服务志愿者');
}, 30_000);

it('the admin sees the vendors, and staff the check-in list', async () => {
  as(openidOf('a-wang'));
  expect(await waitForText(await renderPage(env.host, 'stallAdmin/pages/vendors/index'), '东城果园')).toContain('摊主和摊位');
  as(openidOf('w-yan'));
  const day = await waitForText(await renderPage(env.host, 'stallAdmin/pages/day/index'), '哈力木');
  expect(day).toContain('摊主签到名单');
}, 30_000);
