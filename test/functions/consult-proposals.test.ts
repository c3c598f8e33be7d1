/**
 * 有事来商量 — proposals, 附议 and the discussion (issue 20; docs/consultation-design.md §3, §6) through
 * the real wx-server-sdk against the local emulator, with real concurrent calls where it matters:
 * 30 households second at once across the threshold → one `seconded` move; two phones of one room →
 * one second; a second from outside the scope refused; a decline reason the proposer reads; words
 * refused by msgSecCheck store nothing; hidden comments' text kept from residents; retries idempotent.
 */
import { openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { CommentPage, CommentView, ProposalView, SecondResult } from '../../cloudfunctions/consult/contract';

let cloud: TestCloud;
const zhao = openidOf('r-zhao'); // 老城社区, 壁山丽景小区 3号楼 2单元 301, verified
const zou = openidOf('r-zou'); // 老城社区, 壁山丽景小区 5号楼
const li = openidOf('r-li'); // 明珠社区
const wang = openidOf('a-wang'); // 老城社区 admin
const yan = openidOf('w-yan'); // 老城社区 grid worker

const propose = (over: Record<string, unknown> = {}) => ({
  action: 'propose',
  title: '3号楼加装电梯',
  background: '3号楼住着很多老人，上下楼不方便，想请大家商量加装电梯。',
  scope: { kind: 'building', estateId: 'e-bishan', building: '3号楼' },
  requestId: 'propose-0001',
  ...over,
});

/** Adds `n` residents of 壁山丽景小区 3号楼 (one per room, 1单元 101…), verified; answers their OPENIDs. */
function addNeighbours(n: number, prefix: string, building = '3号楼'): string[] {
  const people = Array.from({ length: n }, (_, i) => ({
    _id: `${prefix}-${i}`,
    openid: openidOf(`${prefix}-${i}`),
    name: `居民${prefix}${i}`,
    role: 'resident',
    communityId: 'c-laocheng',
    home: { estateId: 'e-bishan', building, unit: '1单元', room: `${100 + i}` },
    verified: true,
    createdAt: new Date(),
  }));
  cloud.db.insert('users', people);
  return people.map((p) => p.openid);
}

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 8 });
}, 60_000);
afterAll(() => cloud.close());

let topicId = '';

it('a verified resident proposes for their building; a retry returns the same proposal; the same requestId with other words is refused', async () => {
  const r = await cloud.act<ProposalView>('consult', propose(), zhao);
  expect(r).toMatchObject({ ok: true, data: { status: 'proposed', secondsNeeded: 10, seconds: 0, kind: 'yesNo', proposerLabel: '3号楼居民', mine: true, scopeText: '壁山丽景小区 3号楼' } });
  if (!r.ok) return;
  topicId = r.data.topicId;
  const again = await cloud.act<ProposalView>('consult', propose(), zhao);
  expect(again).toMatchObject({ ok: true, data: { topicId } });
  expect(cloud.db.find('topics', {})).toHaveLength(1);
  const before = cloud.snapshot();
  expect(await cloud.act('consult', propose({ title: '3号楼换防盗门' }), zhao)).toMatchObject({ ok: false, error: { code: 'COMMON.REQUEST_REUSED' } });
  expect(cloud.snapshot()).toBe(before);
});

it('a proposal for a building the resident does not live in is refused, and words refused by msgSecCheck store nothing', async () => {
  const before = cloud.snapshot();
  expect(await cloud.act('consult', propose({ scope: { kind: 'building', estateId: 'e-bishan', building: '1号楼' }, requestId: 'propose-0002' }), zhao)).toMatchObject({ ok: false, error: { code: 'CONSULT.NOT_IN_SCOPE' } });
  expect(await cloud.act('consult', propose({ background: '楼里有人说违禁测试词，大家商量一下怎么办', requestId: 'propose-0003' }), zhao)).toMatchObject({ ok: false, error: { code: 'COMMON.TEXT_REJECTED' } });
  expect(await cloud.act('consult', propose({ requestId: 'propose-0004' }), wang)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
  expect(cloud.snapshot()).toBe(before);
});

it('two phones of one household second once; a household outside the scope cannot second', async () => {
  // 赵建国's wife on her own phone, same room
  cloud.db.insert('users', [{ _id: 'r-zhao-wife', openid: openidOf('r-zhao-wife'), name: '刘桂英', role: 'resident', communityId: 'c-laocheng', home: { estateId: 'e-bishan', building: '3号楼', unit: '2单元', room: '301室' }, verified: true, createdAt: new Date() }]);
  const [a, b] = await Promise.all([cloud.act<SecondResult>('consult', { action: 'second', topicId }, zhao), cloud.act<SecondResult>('consult', { action: 'second', topicId }, openidOf('r-zhao-wife'))]);
  expect([a, b].filter((r) => r.ok)).toHaveLength(1);
  expect([a, b].find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'CONSULT.ALREADY_SECONDED' } });
  expect(cloud.db.find('topicSeconds', { topicId })).toHaveLength(1);
  const before = cloud.snapshot();
  expect(await cloud.act('consult', { action: 'second', topicId }, zou)).toMatchObject({ ok: false, error: { code: 'CONSULT.NOT_IN_SCOPE' } });
  expect(await cloud.act('consult', { action: 'second', topicId }, li)).toMatchObject({ ok: false, error: { code: 'CONSULT.TOPIC_NOT_FOUND' } });
  expect(cloud.snapshot()).toBe(before);
});

it('30 households second at once across the threshold of 10: 31 seconds, exactly one `seconded` event, status seconded', async () => {
  const phones = addNeighbours(30, 'n3');
  const answers = await Promise.all(phones.map((p) => cloud.act<SecondResult>('consult', { action: 'second', topicId }, p)));
  expect(answers.every((r) => r.ok)).toBe(true);
  expect(cloud.db.find('topicSeconds', { topicId })).toHaveLength(31);
  const [topic] = cloud.db.find('topics', { _id: topicId });
  expect(topic.status).toBe('seconded');
  expect((topic.events as { type: string }[]).filter((e) => e.type === 'seconded')).toHaveLength(1);
  expect(topic.seconds).toBe(31);
}, 60_000);

let declinedId = '';

it('an admin declines a proposal with a reason; the proposer reads it in 我的提议 and in the inbox; a second decline is refused', async () => {
  const p = await cloud.act<ProposalView>('consult', propose({ title: '3号楼门口装长椅', background: '老人出门走几步就累，想在3号楼门口装两张长椅。', requestId: 'propose-0010' }), zhao);
  expect(p.ok).toBe(true);
  if (!p.ok) return;
  declinedId = p.data.topicId;
  expect(await cloud.act('consult', { action: 'decline', topicId: declinedId, reason: '好' }, wang)).toMatchObject({ ok: false, error: { code: 'COMMON.INVALID_INPUT' } });
  expect(await cloud.act('consult', { action: 'decline', topicId: declinedId, reason: '门口是消防通道，不能放长椅' }, yan)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
  const d = await cloud.act<ProposalView>('consult', { action: 'decline', topicId: declinedId, reason: '门口是消防通道，不能放长椅；社区会在小花园加长椅' }, wang);
  expect(d).toMatchObject({ ok: true, data: { status: 'declined' } });
  expect(await cloud.act('consult', { action: 'decline', topicId: declinedId, reason: '再说一次' }, wang)).toMatchObject({ ok: false, error: { code: 'CONSULT.WRONG_STATE' } });
  const mine = await cloud.act<ProposalView[]>('consult', { action: 'myProposals' }, zhao);
  expect(mine.ok && mine.data.find((t) => t.topicId === declinedId)).toMatchObject({ status: 'declined', decline: { reason: '门口是消防通道，不能放长椅；社区会在小花园加长椅' }, mine: true });
  expect(cloud.db.find('messages', { userId: 'r-zhao', kind: 'consultResult' })).toHaveLength(1);
  // another resident's list holds none of it
  const other = await cloud.act<ProposalView[]>('consult', { action: 'myProposals' }, openidOf('n3-0'));
  expect(other).toEqual({ ok: true, data: [] });
});

it('merging: the proposer reads the link to the topic it went into', async () => {
  const p = await cloud.act<ProposalView>('consult', propose({ title: '3号楼装电梯', background: '爬楼太累了，希望3号楼能装电梯，大家一起出钱。', requestId: 'propose-0011' }), zhao);
  if (!p.ok) throw new Error(JSON.stringify(p));
  expect(await cloud.act('consult', { action: 'merge', topicId: p.data.topicId, intoTopicId: declinedId, reason: '同一件事' }, wang)).toMatchObject({ ok: false, error: { code: 'CONSULT.MERGE_TARGET_INVALID' } });
  await cloud.act('consult', { action: 'merge', topicId: p.data.topicId, intoTopicId: topicId, reason: '和“3号楼加装电梯”是同一件事' }, wang);
  const mine = await cloud.act<ProposalView[]>('consult', { action: 'myProposals' }, zhao);
  expect(mine.ok && mine.data.find((t) => t.topicId === p.data.topicId)).toMatchObject({ status: 'merged', merged: { intoTopicId: topicId, intoTitle: '3号楼加装电梯' } });
});

let commentId = '';

it('scheduled: residents of the scope and staff comment; labels never name a resident; words refused store nothing; retries return the same comment', async () => {
  const now = Date.now();
  expect(await cloud.act('consult', { action: 'comment', topicId, text: '我家同意加装电梯', requestId: 'comment-0001' }, zhao)).toMatchObject({ ok: false, error: { code: 'CONSULT.NOT_DISCUSSING' } });
  // a vote of one minute is refused as `create` refuses it (voting lasts 1 hour…60 days); nothing changes
  const shortBefore = cloud.snapshot();
  expect(await cloud.act('consult', { action: 'schedule', topicId, rule: 'majority', discussFrom: new Date(now).toISOString(), voteFrom: new Date(now + 60_000).toISOString(), voteUntil: new Date(now + 120_000).toISOString() }, wang)).toMatchObject({ ok: false, error: { code: 'CONSULT.PERIOD_INVALID' } });
  expect(cloud.snapshot()).toBe(shortBefore);
  const s = await cloud.act<ProposalView>('consult', { action: 'schedule', topicId, rule: 'majority', discussFrom: new Date(now - 60_000).toISOString(), voteFrom: new Date(now + 86_400_000).toISOString(), voteUntil: new Date(now + 7 * 86_400_000).toISOString() }, wang);
  expect(s).toMatchObject({ ok: true, data: { status: 'scheduled', rule: 'majority' } });
  const c = await cloud.act<CommentView>('consult', { action: 'comment', topicId, text: '我家同意加装电梯，一楼的邻居也要照顾到', requestId: 'comment-0001' }, zhao);
  expect(c).toMatchObject({ ok: true, data: { authorLabel: '3号楼居民', mine: true, hidden: null } });
  if (!c.ok) return;
  commentId = c.data.commentId;
  const again = await cloud.act<CommentView>('consult', { action: 'comment', topicId, text: '我家同意加装电梯，一楼的邻居也要照顾到', requestId: 'comment-0001' }, zhao);
  expect(again).toMatchObject({ ok: true, data: { commentId } });
  const staff = await cloud.act<CommentView>('consult', { action: 'comment', topicId, text: '社区下周三晚上在3号楼下开庭院会', requestId: 'comment-0002' }, yan);
  expect(staff).toMatchObject({ ok: true, data: { authorLabel: '社区 严婷' } });
  const before = cloud.snapshot();
  expect(await cloud.act('consult', { action: 'comment', topicId, text: '这里有违禁测试词', requestId: 'comment-0003' }, openidOf('n3-1'))).toMatchObject({ ok: false, error: { code: 'COMMON.TEXT_REJECTED' } });
  expect(await cloud.act('consult', { action: 'comment', topicId, text: '我们5号楼也想说两句', requestId: 'comment-0004' }, zou)).toMatchObject({ ok: false, error: { code: 'CONSULT.NOT_IN_SCOPE' } });
  expect(cloud.snapshot()).toBe(before);
  expect(cloud.db.find('topicComments', { topicId })).toHaveLength(2);
  const all = JSON.stringify(cloud.db.find('topicComments', { topicId }).map((x) => x.authorLabel));
  expect(all).not.toMatch(/赵建国/);
});

it('a hidden comment reads “已隐藏：<reason>” to residents; its author and staff still read the text', async () => {
  expect(await cloud.act('consult', { action: 'hideComment', commentId, reason: '涉及邻居隐私' }, zhao)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
  const h = await cloud.act<CommentView>('consult', { action: 'hideComment', commentId, reason: '涉及邻居隐私' }, yan);
  expect(h).toMatchObject({ ok: true, data: { hidden: { reason: '涉及邻居隐私' } } });
  const asNeighbour = await cloud.act<CommentPage>('consult', { action: 'comments', topicId }, openidOf('n3-2'));
  if (!asNeighbour.ok) throw new Error(JSON.stringify(asNeighbour));
  const seen = asNeighbour.data.comments.find((x) => x.commentId === commentId)!;
  expect(seen.text).toBe('已隐藏：涉及邻居隐私');
  expect(JSON.stringify(asNeighbour.data)).not.toMatch(/一楼的邻居/);
  const asAuthor = await cloud.act<CommentPage>('consult', { action: 'comments', topicId }, zhao);
  expect(asAuthor.ok && asAuthor.data.comments.find((x) => x.commentId === commentId)).toMatchObject({ text: '我家同意加装电梯，一楼的邻居也要照顾到', mine: true, hidden: { reason: '涉及邻居隐私' } });
  const asAdmin = await cloud.act<CommentPage>('consult', { action: 'comments', topicId }, wang);
  expect(asAdmin.ok && asAdmin.data.comments.find((x) => x.commentId === commentId)?.text).toBe('我家同意加装电梯，一楼的邻居也要照顾到');
  expect(await cloud.act('consult', { action: 'comments', topicId }, li)).toMatchObject({ ok: false, error: { code: 'CONSULT.TOPIC_NOT_FOUND' } });
});

it('an admin cancels the topic in discussion: closed with the reason; then nobody comments and it cannot be cancelled again', async () => {
  const r = await cloud.act<ProposalView>('consult', { action: 'cancel', topicId, reason: '开发商答复先做结构检测，检测后再议' }, wang);
  expect(r).toMatchObject({ ok: true, data: { status: 'closed', cancelled: { reason: '开发商答复先做结构检测，检测后再议' } } });
  expect(await cloud.act('consult', { action: 'cancel', topicId, reason: '再取消一次' }, wang)).toMatchObject({ ok: false, error: { code: 'CONSULT.WRONG_STATE' } });
  expect(await cloud.act('consult', { action: 'comment', topicId, text: '那我们等检测结果', requestId: 'comment-0010' }, zhao)).toMatchObject({ ok: false, error: { code: 'CONSULT.NOT_DISCUSSING' } });
});

it('a resident may propose 3 a day; the 4th is refused and writes nothing', async () => {
  const [p] = addNeighbours(1, 'q3');
  for (let i = 0; i < 3; i++) {
    expect(await cloud.act('consult', propose({ title: `3号楼的事情${i + 1}`, requestId: `quota-000${i}` }), p)).toMatchObject({ ok: true });
  }
  const before = cloud.snapshot();
  expect(await cloud.act('consult', propose({ title: '3号楼的事情4', requestId: 'quota-0009' }), p)).toMatchObject({ ok: false, error: { code: 'COMMON.TOO_MANY' } });
  expect(cloud.snapshot()).toBe(before);
});
