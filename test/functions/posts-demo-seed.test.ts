/**
 * The demo's 邻里互助 board (`local/seed/demo-posts.ts`, issue 22) through the real wx-server-sdk:
 * 邹建庄 (老城) sees 赵大爷's 儿童自行车 under 旧物置换 and 严婷's 就业招聘, authors by nickname, newest
 * first; 赵建国 finds his on 我的发布; 李秀兰 (明珠社区) sees neither; 邹建庄's 联系TA reaches 赵建国.
 */
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { ListAnswer, MineAnswer } from '../../cloudfunctions/posts/contract';
import type { InboxPage } from '../../cloudfunctions/account/contract';
import { DEMO_POSTS } from '../../local/seed/demo-posts';

let cloud: TestCloud;
const zou = openidOf('r-zou');
const zhao = openidOf('r-zhao');
const li = openidOf('r-li');

beforeAll(async () => {
  cloud = await startTestCloud({ demoTickets: true });
}, 60_000);
afterAll(() => cloud.close());

it('老城 has a 旧物置换 儿童自行车 by 「3号楼 赵大爷」 and a 就业招聘 by 「社区 严婷」; another community has neither', async () => {
  const board = await ok(cloud.act<ListAnswer>('posts', { action: 'list' }, zou));
  expect(board.posts.map((p) => [p.id, p.kindLabel, p.author, p.status])).toEqual([
    [DEMO_POSTS.bike, '旧物置换', '3号楼 赵大爷', 'published'],
    [DEMO_POSTS.job, '就业招聘', '社区 严婷', 'published'],
  ]);
  expect(board.posts[0].title).toBe('儿童自行车，九成新');
  const mine = await ok(cloud.act<MineAnswer>('posts', { action: 'mine' }, zhao));
  expect(mine.posts.map((p) => [p.id, p.mine])).toEqual([[DEMO_POSTS.bike, true]]);
  expect((await ok(cloud.act<ListAnswer>('posts', { action: 'list' }, li))).posts).toEqual([]);
  await ok(cloud.act('posts', { action: 'contact', postId: DEMO_POSTS.bike, text: '自行车还在吗？我孙女想要', requestId: 'seed-contact-1' }, zou));
  const inbox = await ok(cloud.act<InboxPage>('account', { action: 'myMessages' }, zhao));
  expect(inbox.messages.find((m) => m.kind === 'postNote')?.lines).toContain('邹建庄（5号楼）说：自行车还在吗？我孙女想要');
  // the timer leaves both (not past their last day)
  await cloud.trigger('posts', 'postJobs');
  expect((await ok(cloud.act<ListAnswer>('posts', { action: 'list' }, zou))).posts).toHaveLength(2);
});
