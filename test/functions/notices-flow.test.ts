/**
 * Notices (公告, 政策宣传; issue 22) through the real wx-server-sdk against the local emulator:
 * an admin publishes to one building and only its residents see it; a person's openings count once
 * even when two arrive at once; expired and withdrawn notices disappear; a resident cannot publish;
 * another community's admin cannot withdraw; bad input changes nothing (the whole store compared);
 * and the round trips of each action (forMe ≤ 2).
 * The clock is fixed: Wednesday 2026-03-04 10:00 China time.
 */
import { codeOf, ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { ForMeAnswer, NoticeListAnswer, NoticeView, StaffNoticeView } from '../../cloudfunctions/notices/contract';

let cloud: TestCloud;
const wang = openidOf('a-wang'); // 老城 admin
const wang2 = openidOf('a-wang2'); // 西河 admin (another community)
const zhao = openidOf('r-zhao'); // resident, e-bishan 3号楼
const zou = openidOf('r-zou'); // resident, e-bishan 5号楼
const li = openidOf('r-li'); // resident of another community
const NOW = new Date('2026-03-04T02:00:00Z');
let seq = 0;
const rid = () => `notice-req-${(seq += 1)}`;

const notices = <T>(event: object, who: string) => cloud.act<T>('notices', event, who);
const toBuilding3 = { kind: 'building', estateId: 'e-bishan', building: '3号楼' } as const;
const publishEvent = (over: object = {}) => ({ action: 'publish', kind: 'notice', title: '3号楼停水通知', body: '3月5日上午9点到12点，3号楼停水检修，请提前储水。', audience: toBuilding3, pinned: true, expiresOn: '2026-03-10', requestId: rid(), ...over });

beforeAll(async () => {
  cloud = await startTestCloud();
  cloud.setClock(NOW);
}, 60_000);
afterAll(() => cloud.close());

it('an admin publishes to one building: only its residents see it, pinned first, with an unread count', async () => {
  const community = await ok(notices<StaffNoticeView>(publishEvent({ title: '社区春节活动', body: '欢迎大家来社区活动室。', audience: { kind: 'community' }, pinned: false, expiresOn: null }), wang));
  const n = await ok(notices<StaffNoticeView>(publishEvent(), wang));
  expect(n).toMatchObject({ kindLabel: '公告', audienceLabel: expect.stringContaining('3号楼'), status: 'published', statusLabel: '展示中', readCount: 0, pinned: true, expiresOn: '2026-03-10' });
  const forZhao = await ok(notices<ForMeAnswer>({ action: 'forMe' }, zhao));
  expect(forZhao.notices.map((x) => x.id)).toEqual([n.id, community.id]); // pinned first
  expect(forZhao.unread).toBe(2);
  const forZou = await ok(notices<ForMeAnswer>({ action: 'forMe' }, zou));
  expect(forZou.notices.map((x) => x.id)).toEqual([community.id]);
  expect((await ok(notices<ForMeAnswer>({ action: 'forMe' }, li))).notices).toEqual([]);
  // 5号楼 cannot open it either
  expect(await codeOf(notices({ action: 'read', noticeId: n.id }, zou))).toBe('NOTICES.NOT_FOUND');
  const list = await ok(notices<NoticeListAnswer>({ action: 'list' }, wang));
  const row = list.notices.find((x) => x.id === n.id)!;
  expect(row.audienceSize).toBeGreaterThanOrEqual(1);
  expect(list.notices.find((x) => x.id === community.id)!.audienceSize).toBeGreaterThan(row.audienceSize);
  expect(list.estates.map((e) => e.estateId)).toContain('e-bishan');
});

it('a repeated publish with one requestId stores one notice; another payload with it is refused', async () => {
  const ev = publishEvent({ title: '重复提交测试' });
  const [a, b] = await Promise.all([ok(notices<StaffNoticeView>(ev, wang)), ok(notices<StaffNoticeView>(ev, wang))]);
  expect(a.id).toBe(b.id);
  expect(cloud.db.find('notices', { title: '重复提交测试' })).toHaveLength(1);
  expect(await codeOf(notices({ ...ev, title: '换了标题' }, wang))).toBe('COMMON.REQUEST_REUSED');
});

it('a person opening a notice twice at once counts once; another person counts too', async () => {
  const n = await ok(notices<StaffNoticeView>(publishEvent({ title: '读数测试' }), wang));
  // each database request answered 100 ms late (as deployed): the openings' caller loads all see no read yet
  await Promise.all(Array.from({ length: 4 }, () => ok(notices({ action: 'forMe' }, zou)))); // every worker has loaded the function
  cloud.endpoint.setDbLatency(100);
  const opened = await Promise.all(Array.from({ length: 4 }, () => notices<NoticeView>({ action: 'read', noticeId: n.id }, zhao))).finally(() => cloud.endpoint.setDbLatency(0));
  expect(opened.map((r) => r.ok)).toEqual(Array(4).fill(true));
  expect((cloud.db.find('notices', { _id: n.id })[0] as unknown as { readCount: number }).readCount).toBe(1);
  expect(cloud.db.find('noticeReads', { noticeId: n.id })).toHaveLength(1);
  await ok(notices({ action: 'read', noticeId: n.id }, zhao));
  expect((cloud.db.find('notices', { _id: n.id })[0] as unknown as { readCount: number }).readCount).toBe(1);
  const mine = await ok(notices<ForMeAnswer>({ action: 'forMe' }, zhao));
  expect(mine.notices.find((x) => x.id === n.id)!.read).toBe(true);
  // the admin's own opening of a community-wide notice counts (staff are people too)
  const all = await ok(notices<StaffNoticeView>(publishEvent({ title: '全体读数', audience: { kind: 'community' } }), wang));
  await Promise.all([ok(notices({ action: 'read', noticeId: all.id }, zhao)), ok(notices({ action: 'read', noticeId: all.id }, zou))]);
  expect((await ok(notices<NoticeListAnswer>({ action: 'list' }, wang))).notices.find((x) => x.id === all.id)!.readCount).toBe(2);
});

it('expired and withdrawn notices disappear from residents; staff still list them', async () => {
  const n = await ok(notices<StaffNoticeView>(publishEvent({ title: '明天就过期', expiresOn: '2026-03-05' }), wang));
  const w = await ok(notices<StaffNoticeView>(publishEvent({ title: '要撤下的' }), wang));
  const ids = async () => (await ok(notices<ForMeAnswer>({ action: 'forMe' }, zhao))).notices.map((x) => x.id);
  expect(await ids()).toEqual(expect.arrayContaining([n.id, w.id]));
  const withdrawn = await ok(notices<StaffNoticeView>({ action: 'withdraw', noticeId: w.id, reason: '时间改了，另行通知' }, wang));
  expect(withdrawn).toMatchObject({ status: 'withdrawn', statusLabel: '已撤下', withdrawReason: '时间改了，另行通知' });
  expect(await ids()).not.toContain(w.id);
  expect(await codeOf(notices({ action: 'read', noticeId: w.id }, zhao))).toBe('NOTICES.NOT_FOUND');
  expect(await codeOf(notices({ action: 'withdraw', noticeId: w.id, reason: '再撤一次' }, wang))).toBe('NOTICES.ALREADY_WITHDRAWN');
  cloud.setClock(new Date('2026-03-05T15:00:00Z')); // 3月5日 23:00: still its last day
  expect(await ids()).toContain(n.id);
  cloud.setClock(new Date('2026-03-05T16:00:00Z')); // 3月6日 00:00
  expect(await ids()).not.toContain(n.id);
  const list = await ok(notices<NoticeListAnswer>({ action: 'list' }, wang));
  expect(list.notices.find((x) => x.id === n.id)!.status).toBe('expired');
  expect(list.notices.find((x) => x.id === w.id)!.status).toBe('withdrawn');
  cloud.setClock(NOW);
});

it('a resident cannot publish; another community\'s admin cannot withdraw; nothing is written', async () => {
  const n = await ok(notices<StaffNoticeView>(publishEvent({ title: '别人撤不了' }), wang));
  const before = cloud.snapshot();
  expect(await codeOf(notices(publishEvent(), zhao))).toBe('COMMON.FORBIDDEN');
  expect(await codeOf(notices({ action: 'list' }, zhao))).toBe('COMMON.FORBIDDEN');
  expect(await codeOf(notices({ action: 'withdraw', noticeId: n.id, reason: '我想撤下' }, wang2))).toBe('NOTICES.NOT_FOUND');
  expect(await codeOf(notices({ action: 'withdraw', noticeId: n.id, reason: '我想撤下' }, zhao))).toBe('COMMON.FORBIDDEN');
  // another community's admin cannot publish to this community's building
  expect(await codeOf(notices(publishEvent(), wang2))).toBe('NOTICES.AUDIENCE_NOT_FOUND');
  expect(await codeOf(notices({ action: 'forMe' }, 'local-stranger-notices'))).toBe('COMMON.NOT_REGISTERED');
  expect(cloud.snapshot()).toBe(before);
});

it('bad input answers a stable code and changes nothing', async () => {
  const before = cloud.snapshot();
  const cases: [object, string][] = [
    [publishEvent({ title: '' }), 'COMMON.INVALID_INPUT'],
    [publishEvent({ body: 'x'.repeat(2001) }), 'COMMON.INVALID_INPUT'],
    [publishEvent({ kind: 'ad' }), 'COMMON.INVALID_INPUT'],
    [publishEvent({ audience: { kind: 'building', estateId: 'e-bishan' } }), 'COMMON.INVALID_INPUT'],
    [publishEvent({ audience: { kind: 'building', estateId: 'e-bishan', building: '99号楼' } }), 'NOTICES.AUDIENCE_NOT_FOUND'],
    [publishEvent({ audience: { kind: 'estate', estateId: 'e-lantian' } }), 'NOTICES.AUDIENCE_NOT_FOUND'],
    [publishEvent({ expiresOn: '2026-03-03' }), 'NOTICES.EXPIRES_INVALID'],
    [publishEvent({ expiresOn: '2027-03-06' }), 'NOTICES.EXPIRES_INVALID'],
    [publishEvent({ body: '这里有违禁测试词' }), 'COMMON.TEXT_REJECTED'],
    [publishEvent({ communityId: 'c-xihe' }), 'COMMON.INVALID_INPUT'],
    [{ action: 'withdraw', noticeId: 'nope', reason: '原因写清楚' }, 'NOTICES.NOT_FOUND'],
    [{ action: 'withdraw', noticeId: { $ne: 1 }, reason: '原因写清楚' }, 'COMMON.INVALID_INPUT'],
    [{ action: 'read', noticeId: 'nope' }, 'NOTICES.NOT_FOUND'],
  ];
  for (const [ev, expected] of cases) expect({ ev, code: await codeOf(notices(ev, (ev as { action: string }).action === 'read' ? zhao : wang)) }).toEqual({ ev, code: expected });
  expect(cloud.snapshot()).toBe(before);
});

it('round trips: forMe 1, read ≤ 3, publish ≤ 2, withdraw 2, list 2', async () => {
  const trips = async (event: object, who: string) => {
    const before = cloud.db.stats.requests;
    await ok(notices(event, who));
    return cloud.db.stats.requests - before;
  };
  const pub = await trips(publishEvent({ title: '往返次数' }), wang);
  const id = (cloud.db.find('notices', { title: '往返次数' })[0] as { _id: string })._id;
  const measured = {
    publish: pub,
    forMe: await trips({ action: 'forMe' }, zhao),
    readFirst: await trips({ action: 'read', noticeId: id }, zhao),
    readAgain: await trips({ action: 'read', noticeId: id }, zhao),
    list: await trips({ action: 'list' }, wang),
    withdraw: await trips({ action: 'withdraw', noticeId: id, reason: '测完撤下' }, wang),
  };
  console.log(`notices round trips: ${JSON.stringify(measured)}`);
  expect(measured.forMe).toBeLessThanOrEqual(2);
  expect(measured.readFirst).toBeLessThanOrEqual(3);
  expect(measured.readAgain).toBe(1);
  expect(measured.publish).toBeLessThanOrEqual(2);
  expect(measured.list).toBeLessThanOrEqual(2);
  expect(measured.withdraw).toBeLessThanOrEqual(2);
});
