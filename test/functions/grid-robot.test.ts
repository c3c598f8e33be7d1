/**
 * A grid's WeCom group robot (企业微信群机器人, issue 18 §1), through the real wx-server-sdk and the
 * functions' real HTTP posts to the emulator's webhook (`local/cloudbase/wecom.ts`):
 * - the emulator's endpoint answers as WeCom does (errcode 0 'ok'; 93000 for a key no robot has;
 *   40008 / 44004 / 40058 for a bad body; 45009 beyond 20 a minute);
 * - an admin sets, tests and clears the robot of a grid of their own community only; a bad address
 *   is refused with a Chinese message and nothing written; the key never leaves masked;
 * - the ticket timer posts a new ticket once; a post that timed out or was refused is retried by the
 *   next run and, once WeCom said ok, never sent again; overdue and 督办 are posted too;
 * - nothing of the reporter (name, phone, words) is ever in a post, and of a dispute only its
 *   category and grid.
 */
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { ResidentTicketView } from '../../cloudfunctions/ticket/contract';

let cloud: TestCloud;
const wang = openidOf('a-wang'); // admin of 老城社区 (G-LC-01, G-LC-02)
const wang2 = openidOf('a-wang2'); // admin of another community
const yan = openidOf('w-yan'); // grid worker of G-LC-01
const zhao = openidOf('r-zhao'); // resident, 碧山小区 3号楼 (G-LC-01)
let n = 0;
const rid = () => `robot-${(n += 1).toString().padStart(6, '0')}`;

type RobotView = { gridId: string; set: boolean; masked: string | null; lastPostAt: unknown; lastError: string | null };
const acc = <T>(event: object, openid: string) => cloud.act<T>('account', event, openid);
const setRobot = (webhook: string | null, openid = wang, gridId = 'G-LC-01') => acc<RobotView>({ action: 'setGridRobot', gridId, webhook }, openid);
const runJobs = () => cloud.trigger('ticket', 'ticketJobs') as Promise<{ ok: boolean; data: { robotQueued: number; robotPosted: number; robotFailed: number } }>;
const report = (category: string, text: string, spot = '楼道') =>
  ok(cloud.act<ResidentTicketView>('ticket', { action: 'report', category, text, where: { estateId: 'e-bishan', building: '3号楼', spot }, requestId: rid() }, zhao));
const robotPosts = () => cloud.db.find('robotPosts', {}) as { _id: string; status: string; attempts: number; line: string }[];
const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ errcode: number; errmsg: string }>);

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 4 });
}, 60_000);
afterAll(() => cloud.close());

describe("the emulator's WeCom robot endpoint", () => {
  it('answers as WeCom: ok, 93000 for a key no robot has, 40008/44004/40058 for bad bodies, 45009 beyond 20 a minute', async () => {
    const { key } = cloud.endpoint.wecom.createRobot();
    const url = `${cloud.endpoint.origin}/cgi-bin/webhook/send?key=${key}`;
    expect(await post(url, { msgtype: 'text', text: { content: 'hello' } })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await post(`${cloud.endpoint.origin}/cgi-bin/webhook/send?key=00000000-0000-4000-8000-000000000000`, { msgtype: 'text', text: { content: 'x' } })).errcode).toBe(93000);
    expect((await post(url, { msgtype: 'image', image: {} })).errcode).toBe(40008);
    expect((await post(url, { msgtype: 'markdown', markdown: { content: ' ' } })).errcode).toBe(44004);
    expect((await post(url, { msgtype: 'markdown', markdown: { content: '字'.repeat(1366) } })).errcode).toBe(40058); // 4098 bytes
    expect((await post(url, { msgtype: 'text', text: { content: '字'.repeat(683) } })).errcode).toBe(40058); // 2049 bytes
    for (let i = 1; i < 20; i += 1) expect((await post(url, { msgtype: 'text', text: { content: `#${i}` } })).errcode).toBe(0);
    expect(await post(url, { msgtype: 'text', text: { content: 'one too many' } })).toEqual({ errcode: 45009, errmsg: 'api freq out of limit' });
    expect(cloud.endpoint.wecom.posts(key)).toHaveLength(20);
    cloud.advanceClock(61_000);
    expect((await post(url, { msgtype: 'text', text: { content: 'a minute later' } })).errcode).toBe(0);
  });
});

describe('an admin sets a grid robot', () => {
  it('refuses anything but a WeCom robot address or key, in Chinese, writing nothing', async () => {
    const before = cloud.snapshot();
    const key = '693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa'.replace('si', '00');
    for (const bad of [
      `http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`,
      `https://qyapi.weixin.qq.com.evil.cn/cgi-bin/webhook/send?key=${key}`,
      `https://evil.cn/cgi-bin/webhook/send?key=${key}`,
      `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}&debug=1`,
      'https://oapi.dingtalk.com/robot/send?access_token=abc',
      'not a url',
      '',
    ]) {
      const r = await setRobot(bad);
      expect(r).toMatchObject({ ok: false, error: { code: 'GRID.ROBOT_URL_INVALID' } });
      if (!r.ok) expect(r.error.message).toContain('企业微信群机器人');
    }
    expect((await acc({ action: 'setGridRobot', gridId: 'G-LC-01', webhook: { $ne: '' } }, wang)).ok).toBe(false);
    expect(cloud.snapshot()).toBe(before);
  });

  it("sets only their own community's grids; staff and residents may not; the key is never answered whole", async () => {
    const { key, webhook } = cloud.endpoint.wecom.createRobot();
    const before = cloud.snapshot();
    expect(await setRobot(webhook, wang2)).toMatchObject({ ok: false, error: { code: 'GRID.NOT_FOUND' } });
    expect(await setRobot(webhook, yan)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect(await setRobot(webhook, zhao)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    expect(await acc({ action: 'testGridRobot', gridId: 'G-LC-01' }, wang2)).toMatchObject({ ok: false, error: { code: 'GRID.NOT_FOUND' } });
    expect(cloud.snapshot()).toBe(before);

    const view = await ok(setRobot(`  ${webhook}  `));
    expect(view).toMatchObject({ gridId: 'G-LC-01', set: true, masked: `${key.slice(0, 4)}…${key.slice(-4)}` });
    const grids = await ok(acc<{ robots: RobotView[] }>({ action: 'grids' }, wang));
    expect(grids.robots.find((r) => r.gridId === 'G-LC-01')).toMatchObject({ set: true });
    expect(grids.robots.find((r) => r.gridId === 'G-LC-02')).toMatchObject({ set: false, masked: null });
    // nobody's answer carries the key: the admin's own views, the worker's queue, the resident's home
    const answers = JSON.stringify([
      view,
      grids,
      await acc({ action: 'me' }, yan),
      await cloud.act('ticket', { action: 'queue' }, yan),
      await acc({ action: 'me' }, zhao),
      await acc({ action: 'people' }, wang),
    ]);
    expect(answers).not.toContain(key);
    expect(answers).not.toContain(key.slice(4, -4));

    // the test message goes through the function's real HTTP post
    const tested = await ok(acc<{ robot: RobotView }>({ action: 'testGridRobot', gridId: 'G-LC-01' }, wang));
    expect(tested.robot.lastError).toBeNull();
    expect(cloud.endpoint.wecom.posts(key)).toEqual([expect.objectContaining({ msgtype: 'text', content: expect.stringContaining('G-LC-01 的群机器人接好了') })]);
  });

  it('a robot removed from its group: the test says so (93000) in Chinese; a key no robot has likewise', async () => {
    const { key, webhook } = cloud.endpoint.wecom.createRobot();
    await ok(setRobot(webhook, wang, 'G-LC-02'));
    cloud.endpoint.wecom.removeRobot(key);
    const r = await acc({ action: 'testGridRobot', gridId: 'G-LC-02' }, wang);
    expect(r).toMatchObject({ ok: false, error: { code: 'GRID.ROBOT_FAILED', details: { reason: expect.stringContaining('失效') } } });
    const grids = await ok(acc<{ robots: RobotView[] }>({ action: 'grids' }, wang));
    expect(grids.robots.find((x) => x.gridId === 'G-LC-02')?.lastError).toContain('失效');
    expect(await ok(setRobot(null, wang, 'G-LC-02'))).toMatchObject({ set: false, masked: null });
    expect(await acc({ action: 'testGridRobot', gridId: 'G-LC-02' }, wang)).toMatchObject({ ok: false, error: { code: 'GRID.ROBOT_NOT_SET' } });
  });
});

describe('the ticket timer posts to the robot', () => {
  let key = '';
  beforeAll(async () => {
    const robot = cloud.endpoint.wecom.createRobot();
    key = robot.key;
    await ok(setRobot(robot.webhook));
  });

  it('posts a new ticket once, without the reporter; a dispute by its category and grid only', async () => {
    const problem = await report('facilities', '赵建国家门口楼道灯坏了三天，电话13899017766');
    await report('animals', '冶永福家楼顶养鸽子，天天吵，赵建国说的', '楼顶');
    const first = await runJobs();
    expect(first.data).toMatchObject({ robotQueued: 2, robotPosted: 1, robotFailed: 0 });
    const posts = cloud.endpoint.wecom.posts(key).filter((p) => p.msgtype === 'markdown');
    expect(posts).toHaveLength(1);
    const content = posts[0].content;
    expect(content).toContain('网格 G-LC-01');
    expect(content).toContain('新问题 · 公共设施损坏 · 壁山丽景小区 3号楼 楼道');
    expect(content).toContain('新问题 · 饲养动物扰民 · 网格 G-LC-01（邻里之间的事，详情只在小程序里看）');
    expect(content).toContain('小程序');
    for (const secret of ['赵建国', '冶永福', '13899017766', '灯坏了', '鸽子', '楼顶', '301', '2单元']) expect(content).not.toContain(secret);
    expect(robotPosts().find((p) => p._id === `${problem.id}:new`)).toMatchObject({ status: 'sent', attempts: 0 });

    const second = await runJobs();
    expect(second.data).toMatchObject({ robotQueued: 0, robotPosted: 0 });
    expect(cloud.endpoint.wecom.posts(key).filter((p) => p.msgtype === 'markdown')).toHaveLength(1);
  });

  it('a post that timed out is retried by the next run, and not repeated after WeCom said ok', async () => {
    const before = cloud.endpoint.wecom.posts(key).length;
    cloud.endpoint.wecom.failNext(key, 'timeout', 1, 8_000);
    const t = await report('roads', '路面塌了一个坑');
    const failed = await runJobs();
    expect(failed.data).toMatchObject({ robotQueued: 1, robotPosted: 0, robotFailed: 1 });
    expect(cloud.endpoint.wecom.posts(key)).toHaveLength(before);
    expect(robotPosts().find((p) => p._id === `${t.id}:new`)).toMatchObject({ status: 'pending', attempts: 1 });
    const grids = await ok(acc<{ robots: RobotView[] }>({ action: 'grids' }, wang));
    expect(grids.robots.find((r) => r.gridId === 'G-LC-01')?.lastError).toContain('没有及时回应');

    const retried = await runJobs();
    expect(retried.data).toMatchObject({ robotQueued: 0, robotPosted: 1, robotFailed: 0 });
    const after = cloud.endpoint.wecom.posts(key);
    expect(after).toHaveLength(before + 1);
    expect(after[0].content).toContain('道路破损');
    expect(robotPosts().find((p) => p._id === `${t.id}:new`)).toMatchObject({ status: 'sent', attempts: 1 });
    await runJobs();
    expect(cloud.endpoint.wecom.posts(key)).toHaveLength(before + 1);
    expect((await ok(acc<{ robots: RobotView[] }>({ action: 'grids' }, wang))).robots.find((r) => r.gridId === 'G-LC-01')?.lastError).toBeNull();
  }, 30_000);

  it("WeCom's rate limit (45009) and a busy answer are retried the same way", async () => {
    const before = cloud.endpoint.wecom.posts(key).length;
    cloud.endpoint.wecom.failNext(key, 'rateLimit', 1);
    await report('sanitation', '垃圾堆了好几天');
    expect((await runJobs()).data).toMatchObject({ robotPosted: 0, robotFailed: 1 });
    expect((await ok(acc<{ robots: RobotView[] }>({ action: 'grids' }, wang))).robots.find((r) => r.gridId === 'G-LC-01')?.lastError).toContain('20 条');
    cloud.endpoint.wecom.failNext(key, 'error', 1);
    expect((await runJobs()).data).toMatchObject({ robotPosted: 0, robotFailed: 1 });
    expect((await runJobs()).data).toMatchObject({ robotPosted: 1, robotFailed: 0 });
    expect(cloud.endpoint.wecom.posts(key)).toHaveLength(before + 1);
    expect(cloud.endpoint.wecom.posts(key)[0].content).toContain('环境卫生');
  });

  it('posts an overdue ticket and a 督办 once each', async () => {
    const t = await report('greenery', '绿化带被人种了菜');
    await runJobs(); // posted as new
    const before = cloud.endpoint.wecom.posts(key).length;
    cloud.advanceClock(12 * 24 * 3600_000); // past its accept-by deadline
    const overdue = await runJobs();
    expect(overdue.data).toMatchObject({ robotPosted: 1 });
    const lines = cloud.endpoint.wecom.posts(key)[0].content;
    expect(lines).toContain('已超时 · 绿化');
    expect(cloud.endpoint.wecom.posts(key)).toHaveLength(before + 1);
    await ok(cloud.act('ticket', { action: 'supervise', ticketId: t.id, deadline: new Date(Date.now() + 20 * 24 * 3600_000 + 8 * 3600_000).toISOString().slice(0, 10), note: '本周内必须处理' }, wang));
    await runJobs();
    const supervised = cloud.endpoint.wecom.posts(key)[0].content;
    expect(supervised).toContain('社区督办 · 绿化');
    expect(supervised).not.toContain('本周内必须处理');
    const count = cloud.endpoint.wecom.posts(key).length;
    await runJobs();
    expect(cloud.endpoint.wecom.posts(key)).toHaveLength(count);
  });

  it('a cleared robot gets nothing more', async () => {
    await ok(setRobot(null));
    const count = cloud.endpoint.wecom.posts(key).length;
    await report('safety', '小区门口的井盖松了');
    await runJobs();
    expect(cloud.endpoint.wecom.posts(key)).toHaveLength(count);
  });
});
