/**
 * `consult.topicsFor` (代表决, before casting; issue 20, docs/consultation-design.md §6) through the
 * real wx-server-sdk against the local emulator: the counter learns, of the resident at hand, which
 * topics their household may vote on and whether it voted and by which channel — never the choice.
 *
 * - only topics in discussion or voting whose scope holds the resident's home are listed, soonest
 *   closing first; another building's topic and a decided one are not;
 * - `householdVoted`/`channel` follow the household (户), whoever of it voted and however (WeChat by a
 *   family member, counter, paper claim);
 * - the answer carries no choice: two households that voted differently get the same answer, and no
 *   `choice` field appears anywhere in it;
 * - a resident of another community reads as not found (and a resident cannot call it);
 * - ≤ 3 database round trips (measured: the caller with the preloads, then votes and turnout).
 */
import { householdKeyOf } from '../../cloudfunctions/shared/households';
import type { CounterTopicList, StaffTopicView } from '../../cloudfunctions/consult/contract';
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';

let cloud: TestCloud;
const T0 = new Date('2026-12-07T01:00:00Z'); // 09:00 in Shanghai
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ADMIN = openidOf('a-wang');
const WORKER = openidOf('w-yan');
let created = 0;

/** A verified resident of 壁山丽景小区 (老城社区); `legacy`: no stored householdKey (a record older than issue 20). */
function resident(id: string, building: string, unit: string, room: string, legacy = false) {
  const home = { estateId: 'e-bishan', building, unit, room };
  return { _id: id, openid: `openid-${id}`, name: `居民${id}`, role: 'resident', communityId: 'c-laocheng', home, ...(legacy ? {} : { householdKey: householdKeyOf(home) }), verified: true, version: 1, createdAt: T0, updatedAt: T0, events: [] };
}

/** A yesNo topic of 壁山丽景小区 (`building`, or the whole estate when null), voting from T0 + `opensIn` for `days`. */
async function createTopic(title: string, building: string | null, opensIn = HOUR, days = 2): Promise<StaffTopicView> {
  cloud.setClock(T0);
  return ok(
    cloud.act<StaffTopicView>(
      'consult',
      {
        action: 'create',
        title,
        background: '请每户表决这件事，柜台也可以代为表决。',
        kind: 'yesNo',
        scope: building ? { kind: 'building', estateId: 'e-bishan', building } : { kind: 'estate', estateId: 'e-bishan' },
        rule: 'majority',
        discussFrom: T0.toISOString(),
        voteFrom: new Date(T0.getTime() + opensIn).toISOString(),
        voteUntil: new Date(T0.getTime() + opensIn + days * DAY).toISOString(),
        requestId: `counter-topics-${(created += 1)}`,
      },
      ADMIN,
    ),
  );
}

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 2 });
  await ok(cloud.act('consult', { action: 'setHouseholds', estateId: 'e-bishan', households: ['1号楼', '2号楼', '3号楼', '4号楼', '5号楼', '6号楼'].map((building) => ({ building, count: 120 })) }, ADMIN));
}, 120_000);
afterAll(() => cloud?.close());

it('lists the household’s open topics with whether it voted and how it was cast — never the choice', async () => {
  const wechat = await createTopic('楼道灯更换（柜台）', '3号楼', HOUR, 3);
  const counter = await createTopic('电梯广告收益用途（柜台）', null, HOUR, 2);
  const paper = await createTopic('车棚加装雨棚（柜台）', '3号楼', HOUR, 4);
  await createTopic('垃圾房搬迁（柜台）', '3号楼', 3 * DAY, 2); // still in discussion
  const elsewhere = await createTopic('4号楼外墙修补', '4号楼');
  // 301: 李 (at the counter) and his daughter (legacy record, votes in WeChat); 302: a neighbour
  const li = resident('cnt-li', '3号楼', '1单元', '301');
  const daughter = resident('cnt-li-d', '３号楼', '1 单元', '301室', true);
  const neighbour = resident('cnt-nb', '3号楼', '1单元', '302');
  cloud.db.insert('users', [li, daughter, neighbour]);
  cloud.setClock(new Date(T0.getTime() + 2 * HOUR));

  const before = await ok(cloud.act<CounterTopicList>('consult', { action: 'topicsFor', residentId: li._id }, WORKER));
  expect(before.items.map((t) => [t.title, t.phase, t.householdVoted, t.channel])).toEqual([
    ['电梯广告收益用途（柜台）', 'voting', false, null],
    ['楼道灯更换（柜台）', 'voting', false, null],
    ['车棚加装雨棚（柜台）', 'voting', false, null],
    ['垃圾房搬迁（柜台）', 'discussion', false, null],
  ]);
  expect(before.items.map((t) => t.id)).not.toContain(elsewhere.id);
  expect(before.items[0]).toMatchObject({ scopeLabel: '壁山丽景小区', options: [{ key: 'agree', label: '同意' }, { key: 'disagree', label: '不同意' }, { key: 'abstain', label: '弃权' }], rule: 'majority', turnout: { voted: 0, electorate: 720 } });
  expect(before.items[3].turnout).toBeNull();

  // the daughter votes in WeChat, staff vote for 李 on another topic, 李's sheet is claimed on paper for the third;
  // the neighbour votes the other way on every one
  await ok(cloud.act('consult', { action: 'vote', topicId: wechat.id, choice: 'disagree', requestId: 'counter-d-1' }, daughter.openid));
  await ok(cloud.act('consult', { action: 'voteFor', topicId: counter.id, residentId: li._id, choice: 'abstain', consent: { spoken: true }, requestId: 'counter-li-1' }, WORKER));
  await ok(cloud.act('consult', { action: 'claimPaperRooms', topicId: paper.id, estateId: 'e-bishan', building: '3号楼', rooms: [{ unit: '1单元', room: '301' }, { unit: '1单元', room: '302' }] }, WORKER));
  await ok(cloud.act('consult', { action: 'vote', topicId: wechat.id, choice: 'agree', requestId: 'counter-nb-1' }, neighbour.openid));
  await ok(cloud.act('consult', { action: 'voteFor', topicId: counter.id, residentId: neighbour._id, choice: 'agree', consent: { spoken: true }, requestId: 'counter-nb-2' }, WORKER));

  const requests = cloud.db.stats.requests;
  const after = await ok(cloud.act<CounterTopicList>('consult', { action: 'topicsFor', residentId: li._id }, WORKER));
  const trips = cloud.db.stats.requests - requests;
  console.log(`consult.topicsFor: ${trips} of ≤ 3 database round trips`);
  expect(trips).toBeGreaterThanOrEqual(1);
  expect(trips).toBeLessThanOrEqual(3);

  expect(after.items.map((t) => [t.title, t.householdVoted, t.channel])).toEqual([
    ['电梯广告收益用途（柜台）', true, 'counter'],
    ['楼道灯更换（柜台）', true, 'wechat'],
    ['车棚加装雨棚（柜台）', true, 'paper'],
    ['垃圾房搬迁（柜台）', false, null],
  ]);
  expect(after.items[1].turnout).toEqual({ voted: 2, electorate: 120, byChannel: { wechat: 2, counter: 0, paper: 0 } });
  expect(after.items[0].turnout?.byChannel).toEqual({ wechat: 0, counter: 2, paper: 0 });
  expect(after.items[2].turnout?.byChannel).toEqual({ wechat: 0, counter: 0, paper: 2 });

  // no choice in the answer: the neighbour voted otherwise, the answer about him is the same
  expect(JSON.stringify(after)).not.toMatch(/"choice"|myVote/);
  const aboutNeighbour = await ok(cloud.act<CounterTopicList>('consult', { action: 'topicsFor', residentId: neighbour._id }, WORKER));
  expect(aboutNeighbour).toEqual(after);
  // the same answer whichever member of the household is at the counter
  expect(await ok(cloud.act<CounterTopicList>('consult', { action: 'topicsFor', residentId: daughter._id }, WORKER))).toEqual(after);
}, 120_000);

it('refuses another community’s resident as not found, and residents cannot ask — and writes nothing', async () => {
  const t = await createTopic('小区大门改造（柜台）', null);
  cloud.setClock(new Date(T0.getTime() + 2 * HOUR));
  const before = JSON.stringify(cloud.db.find('votes', { topicId: t.id }));
  expect(await cloud.act('consult', { action: 'topicsFor', residentId: 'r-li' }, WORKER)).toMatchObject({ ok: false, error: { code: 'COUNTER.RESIDENT_NOT_FOUND' } });
  expect(await cloud.act('consult', { action: 'topicsFor', residentId: 'r-zou' }, openidOf('w-chen'))).toMatchObject({ ok: false, error: { code: 'COUNTER.RESIDENT_NOT_FOUND' } });
  expect(await cloud.act('consult', { action: 'topicsFor', residentId: 'r-zou' }, openidOf('r-zhao'))).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
  expect(await cloud.act('consult', { action: 'topicsFor', residentId: 'a-wang' }, WORKER)).toMatchObject({ ok: false, error: { code: 'COUNTER.RESIDENT_NOT_FOUND' } });
  expect(JSON.stringify(cloud.db.find('votes', { topicId: t.id }))).toBe(before);
  // 邹建庄 (5号楼 of 壁山丽景小区) is in the estate-wide topic's scope
  const zou = await ok(cloud.act<CounterTopicList>('consult', { action: 'topicsFor', residentId: 'r-zou' }, WORKER));
  expect(zou.items.find((i) => i.id === t.id)).toMatchObject({ householdVoted: false, channel: null, phase: 'voting' });
}, 60_000);
