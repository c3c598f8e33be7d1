/**
 * Household votes through the real wx-server-sdk against the local emulator, with real concurrent
 * calls (issue 20; docs/consultation-design.md §1, §7): one vote per 户 under any concurrency, three
 * channels arbitrated by one unique index, the period end, the result written once, and the
 * choice returned to nobody but the household's own members.
 */
import { householdKeyOf } from '../../cloudfunctions/shared/households';
import type { PaperClaimAnswer, PaperTallyView, StaffTopicView, TopicList, TopicView, VoteAnswer, VoteForAnswer } from '../../cloudfunctions/consult/contract';
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';

let cloud: TestCloud;
const T0 = new Date('2026-12-07T01:00:00Z'); // 09:00 in Shanghai
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ADMIN = openidOf('a-wang');
const WORKER = openidOf('w-yan');
type Doc = Record<string, unknown>;
let created = 0;

/** A verified resident of 壁山丽景小区 (c-laocheng) in `building`, `unit`, `room`; `legacy`: no stored householdKey (a record older than issue 20). */
function resident(id: string, building: string, unit: string, room: string, options: { verified?: boolean; legacy?: boolean } = {}) {
  const home = { estateId: 'e-bishan', building, unit, room };
  return {
    _id: id,
    openid: `openid-${id}`,
    name: `居民${id}`,
    role: 'resident',
    communityId: 'c-laocheng',
    home,
    ...(options.legacy ? {} : { householdKey: householdKeyOf(home) }),
    verified: options.verified ?? true,
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    events: [],
  };
}

/** A topic voted from T0 + 1 h to T0 + 2 days, scope `building` of 壁山丽景小区 (or the estate). */
async function createTopic(title: string, building: string | null, more: Doc = {}): Promise<StaffTopicView> {
  cloud.setClock(T0);
  return ok(
    cloud.act<StaffTopicView>(
      'consult',
      {
        action: 'create',
        title,
        background: '小区想在空地上安装电动车充电桩，请每户表决。',
        kind: 'yesNo',
        scope: building ? { kind: 'building', estateId: 'e-bishan', building } : { kind: 'estate', estateId: 'e-bishan' },
        rule: 'majority',
        discussFrom: T0.toISOString(),
        voteFrom: new Date(T0.getTime() + HOUR).toISOString(),
        voteUntil: new Date(T0.getTime() + 2 * DAY).toISOString(),
        requestId: `create-topic-${(created += 1)}`,
        ...more,
      },
      ADMIN,
    ),
  );
}
const votesOf = (topicId: string) => cloud.db.find('votes', { topicId }, { limit: 1000 }) as Doc[];
const voteEvent = (topicId: string, choice: string, i = 0) => ({ action: 'vote', topicId, choice, requestId: `vote-${topicId.slice(0, 8)}-${i}-${choice}` });

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 8 });
  await ok(cloud.act('consult', { action: 'setHouseholds', estateId: 'e-bishan', households: ['1号楼', '2号楼', '3号楼', '4号楼', '5号楼', '6号楼'].map((building) => ({ building, count: 240 })) }, ADMIN));
}, 120_000);
afterAll(() => cloud?.close());

it('200 verified residents in 200 rooms voting at once: 200 votes, turnout 200, tallied 200', async () => {
  const t = await createTopic('充电桩安装（全楼）', '3号楼');
  const people = Array.from({ length: 200 }, (_, i) => resident(`v200-${i}`, '3号楼', `${(i % 4) + 1}单元`, `${Math.floor(i / 4) + 101}`));
  cloud.db.insert('users', people);
  cloud.setClock(new Date(T0.getTime() + 2 * HOUR));
  const answers = await Promise.all(people.map((p, i) => cloud.act<VoteAnswer>('consult', voteEvent(t.id, i % 3 === 0 ? 'disagree' : 'agree', i), p.openid)));
  expect(answers.filter((a) => !a.ok)).toEqual([]);
  expect(votesOf(t.id)).toHaveLength(200);
  expect(new Set(votesOf(t.id).map((v) => v.householdKey)).size).toBe(200);
  const view = await ok(cloud.act<TopicView>('consult', { action: 'topic', topicId: t.id }, people[0].openid));
  expect(view.turnout).toEqual({ voted: 200, electorate: 240, electorateText: '共 240 户', byChannel: { wechat: 200, counter: 0, paper: 0 } });
  // the result counts each household once
  cloud.setClock(new Date(T0.getTime() + 2 * DAY + HOUR));
  const decided = await ok(cloud.act<StaffTopicView>('consult', { action: 'finishCounting', topicId: t.id, noPaperBuildings: [{ estateId: 'e-bishan', building: '3号楼' }] }, ADMIN));
  expect(decided.result?.households).toEqual({ voted: 200, byChannel: { wechat: 200, counter: 0, paper: 0 }, electorate: 240 });
  expect(decided.result?.byChannel.wechat).toEqual({ agree: 133, disagree: 67 });
  expect(decided.result?.outcome).toBe('passed');
  // the list's card (the board's 社区议事结果) carries the result's households per channel, not the raw vote count
  await ok(cloud.act('consult', { action: 'publish', topicId: t.id }, ADMIN));
  const past = await ok(cloud.act<TopicList>('consult', { action: 'topics', status: 'past' }, people[0].openid));
  expect(past.items.find((c) => c.id === t.id)?.turnout).toEqual({ voted: 200, electorate: 240, electorateText: '共 240 户', byChannel: { wechat: 200, counter: 0, paper: 0 } });
}, 180_000);

it('two members of one household, 20 rounds at once: one vote, the choice one of theirs', async () => {
  const t = await createTopic('楼道灯更换', '4号楼');
  // one record stores its householdKey, the other is older than issue 20 (derived from home): one household
  const a = resident('pair-a', '4号楼', '1单元', '202');
  const b = resident('pair-b', '４号楼', ' 1 单元', '202室', { legacy: true });
  cloud.db.insert('users', [a, b]);
  cloud.setClock(new Date(T0.getTime() + 2 * HOUR));
  for (let round = 0; round < 20; round += 1) {
    const r = await Promise.all([
      cloud.act<VoteAnswer>('consult', voteEvent(t.id, 'agree', round), a.openid),
      cloud.act<VoteAnswer>('consult', voteEvent(t.id, 'disagree', round), b.openid),
    ]);
    expect(r.map((x) => x.ok)).toEqual([true, true]);
    const stored = votesOf(t.id);
    expect(stored).toHaveLength(1);
    expect(['agree', 'disagree']).toContain(stored[0].choice);
  }
  expect(votesOf(t.id)[0]).toMatchObject({ householdKey: 'e-bishan|4|1|202', changes: 39, channel: 'wechat' });
  // both members see the household's vote (it is one vote), with who cast it
  const va = await ok(cloud.act<TopicView>('consult', { action: 'topic', topicId: t.id }, a.openid));
  const vb = await ok(cloud.act<TopicView>('consult', { action: 'topic', topicId: t.id }, b.openid));
  expect(va.myVote?.choice).toBe(votesOf(t.id)[0].choice);
  expect(vb.myVote?.choice).toBe(votesOf(t.id)[0].choice);
  expect([va.myVote?.byMe, vb.myVote?.byMe].filter(Boolean)).toHaveLength(1);
}, 180_000);

it('a paper claim and a WeChat vote for the same room at once: exactly one keeps the household', async () => {
  const t = await createTopic('垃圾房搬迁', '2号楼');
  const people = Array.from({ length: 12 }, (_, i) => resident(`paper-${i}`, '2号楼', '1单元', `${301 + i}`));
  cloud.db.insert('users', people);
  cloud.setClock(new Date(T0.getTime() + 2 * HOUR));
  const [claims, ...votes] = await Promise.all([
    cloud.act<PaperClaimAnswer>('consult', { action: 'claimPaperRooms', topicId: t.id, estateId: 'e-bishan', building: '2号楼', rooms: people.map((p) => ({ unit: '1单元', room: p.home.room })) }, WORKER),
    ...people.map((p, i) => cloud.act<VoteAnswer>('consult', voteEvent(t.id, 'agree', i), p.openid)),
  ]);
  const claim = await ok(Promise.resolve(claims as never as ReturnType<typeof cloud.act<PaperClaimAnswer>>));
  expect(votesOf(t.id)).toHaveLength(12);
  people.forEach((p, i) => {
    const v = votes[i];
    const room = `2号楼1单元${p.home.room}`;
    const stored = votesOf(t.id).find((x) => x.householdKey === p.householdKey)!;
    if (v.ok) {
      expect(stored.channel).toBe('wechat');
      expect(claim.rejected).toContainEqual({ room, channel: 'wechat' });
      expect(claim.accepted).not.toContain(room);
    } else {
      expect(v.error.code).toBe('CONSULT.VOTED_ON_PAPER');
      expect(stored.channel).toBe('paper');
      expect(claim.accepted).toContain(room);
    }
  });
  expect(claim.accepted.length + claim.rejected.length).toBe(12);
  if (claim.rejected.length) expect(claim.message).toContain('请把这几张纸质票抽出');
  // the count must add up to the rooms claimed, with a photo
  const base = { action: 'enterPaperCounts', topicId: t.id, estateId: 'e-bishan', building: '2号楼', blank: 0, invalid: 0, revision: claim.tally.revision };
  const n = claim.accepted.length;
  const wrong = await cloud.act('consult', { ...base, counts: { agree: n + 1 }, photoFileIds: ['cloud://local.bucket/tickets/w-yan/sheet.jpg'] }, WORKER);
  expect(wrong).toMatchObject({ ok: false, error: { code: 'CONSULT.TALLY_MISMATCH' } });
  if (n > 0) {
    const noPhoto = await cloud.act('consult', { ...base, counts: { agree: n }, photoFileIds: [] }, WORKER);
    expect(noPhoto).toMatchObject({ ok: false, error: { code: 'CONSULT.PHOTO_REQUIRED' } });
  }
  const counted = await ok(cloud.act<PaperTallyView>('consult', { ...base, counts: { agree: n }, photoFileIds: ['cloud://local.bucket/tickets/w-yan/sheet.jpg'] }, WORKER));
  expect(counted).toMatchObject({ state: 'counted', counts: { agree: n }, revision: claim.tally.revision + 1 });
  // a late claim cannot join a counted building
  const late = await cloud.act('consult', { action: 'claimPaperRooms', topicId: t.id, estateId: 'e-bishan', building: '2号楼', rooms: [{ unit: '1单元', room: '999' }] }, WORKER);
  expect(late).toMatchObject({ ok: false, error: { code: 'CONSULT.TALLY_CLOSED' } });
}, 180_000);

it('without a household register, the electorate of registered rooms never reads fewer households than voted', async () => {
  // an estate with no 户数登记: the topic snapshots the rooms of registered residents — 1 room here
  cloud.db.insert('estates', [{ _id: 'e-noreg', communityId: 'c-laocheng', name: '东城花园', buildings: ['9号楼'] }]);
  const home = { estateId: 'e-noreg', building: '9号楼', unit: '1单元', room: '101' };
  const p = { ...resident('noreg-1', '9号楼', '1单元', '101'), home, householdKey: householdKeyOf(home) };
  cloud.db.insert('users', [p]);
  const t = await createTopic('9号楼外墙清洗', null, { scope: { kind: 'building', estateId: 'e-noreg', building: '9号楼' } });
  expect(t.staff.electorate).toMatchObject({ households: 1, source: 'registered' });
  cloud.setClock(new Date(T0.getTime() + 2 * HOUR));
  await ok(cloud.act('consult', voteEvent(t.id, 'agree'), p.openid));
  // two paper sheets from rooms nobody registered in the app
  const claim = await ok(cloud.act<PaperClaimAnswer>('consult', { action: 'claimPaperRooms', topicId: t.id, estateId: 'e-noreg', building: '9号楼', rooms: [{ unit: '1单元', room: '201' }, { unit: '1单元', room: '202' }] }, WORKER));
  expect(claim.accepted).toHaveLength(2);
  const live = await ok(cloud.act<TopicView>('consult', { action: 'topic', topicId: t.id }, p.openid));
  expect(live.turnout).toEqual({ voted: 3, electorate: 3, electorateText: '已登记的 3 户', byChannel: { wechat: 1, counter: 0, paper: 2 } });
  const list = await ok(cloud.act<TopicList>('consult', { action: 'topics', status: 'open' }, ADMIN));
  expect(list.items.find((c) => c.id === t.id)?.turnout).toEqual({ voted: 3, electorate: 3, electorateText: '已登记的 3 户', byChannel: null });
  await ok(cloud.act('consult', { action: 'enterPaperCounts', topicId: t.id, estateId: 'e-noreg', building: '9号楼', counts: { agree: 1, disagree: 1 }, blank: 0, invalid: 0, photoFileIds: ['cloud://local.bucket/tickets/w-yan/sheet.jpg'], revision: claim.tally.revision }, WORKER));
  cloud.setClock(new Date(T0.getTime() + 2 * DAY + HOUR));
  const decided = await ok(cloud.act<StaffTopicView>('consult', { action: 'finishCounting', topicId: t.id, noPaperBuildings: [] }, ADMIN));
  expect(decided.result?.households).toEqual({ voted: 3, byChannel: { wechat: 1, counter: 0, paper: 2 }, electorate: 3 });
  expect(decided.result?.turnout).toBe(1);
  expect(decided.result?.electorateText).toBe('已登记的 3 户');
  // stored as decided: the figures the console and the ledger aggregate
  const stored = cloud.db.find('topics', { _id: t.id })[0] as unknown as { result: { households: { electorate: number }; turnout: number } };
  expect(stored.result.households.electorate).toBe(3);
  expect(stored.result.turnout).toBe(1);
}, 120_000);

it('votes after voteUntil are refused and never tallied', async () => {
  const t = await createTopic('健身器材位置', '1号楼');
  const [early, late] = [resident('until-1', '1号楼', '1单元', '101'), resident('until-2', '1号楼', '1单元', '102')];
  cloud.db.insert('users', [early, late]);
  cloud.setClock(new Date(T0.getTime() + 2 * HOUR));
  await ok(cloud.act('consult', voteEvent(t.id, 'agree'), early.openid));
  cloud.setClock(new Date(T0.getTime() + 2 * DAY)); // exactly voteUntil
  const refused = await cloud.act('consult', voteEvent(t.id, 'disagree'), late.openid);
  expect(refused).toMatchObject({ ok: false, error: { code: 'CONSULT.NOT_OPEN', message: '现在不在投票时间' } });
  const change = await cloud.act('consult', voteEvent(t.id, 'disagree', 1), early.openid);
  expect(change).toMatchObject({ ok: false, error: { code: 'CONSULT.NOT_OPEN' } });
  expect(votesOf(t.id)).toEqual([expect.objectContaining({ choice: 'agree', changes: 0 })]);
  const decided = await ok(cloud.act<StaffTopicView>('consult', { action: 'finishCounting', topicId: t.id, noPaperBuildings: [{ estateId: 'e-bishan', building: '1号楼' }] }, ADMIN));
  expect(decided.result?.byChannel.wechat).toEqual({ agree: 1 });
}, 120_000);

it('the timer and finishCounting at once write the result once', async () => {
  const t = await createTopic('儿童游乐区围栏', '5号楼');
  const p = resident('race-1', '5号楼', '2单元', '101');
  cloud.db.insert('users', [p]);
  cloud.setClock(new Date(T0.getTime() + 2 * HOUR));
  await ok(cloud.act('consult', voteEvent(t.id, 'agree'), p.openid));
  cloud.setClock(new Date(T0.getTime() + 5 * DAY)); // voteUntil + 3 days of paper grace: due for the timer
  const [timer, admin] = await Promise.all([
    cloud.trigger('consult', 'consultJobs'),
    cloud.act<StaffTopicView>('consult', { action: 'finishCounting', topicId: t.id, noPaperBuildings: [{ estateId: 'e-bishan', building: '5号楼' }] }, ADMIN),
  ]);
  expect(timer).toMatchObject({ ok: true });
  const view = await ok(Promise.resolve(admin));
  const stored = cloud.db.find('topics', { _id: t.id })[0] as unknown as { status: string; events: { type: string }[]; result: { decidedAt: Date } };
  expect(stored.status).toBe('decided');
  expect(stored.events.filter((e) => e.type === 'decided')).toHaveLength(1);
  expect(view.result?.decidedAt).toBe(new Date(stored.result.decidedAt).toISOString());
  // a second run of the timer changes nothing
  const before = JSON.stringify(cloud.db.find('topics', { _id: t.id }));
  await cloud.trigger('consult', 'consultJobs');
  expect(JSON.stringify(cloud.db.find('topics', { _id: t.id }))).toBe(before);
}, 120_000);

describe('paper races (conditional updates on the tally)', () => {
  const SHEET = 'cloud://local.bucket/tickets/w-yan/sheet.jpg';
  const paperVotes = (tallyId: string) => cloud.db.find('votes', { tallyId }, { limit: 1000 }) as Doc[];
  const tallyDoc = (tallyId: string) => cloud.db.find('paperTallies', { _id: tallyId })[0] as unknown as Doc & { state: string; counts: Record<string, number>; blank: number; invalid: number; revision: number };
  const rooms = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ unit: '1单元', room: `${from + i}` }));

  it("a claim racing the count of the same building: the count always equals the building's claims", async () => {
    const t = await createTopic('楼顶光伏板', null);
    cloud.setClock(new Date(T0.getTime() + 2 * HOUR));
    for (const building of ['1号楼', '2号楼', '3号楼', '4号楼', '5号楼', '6号楼']) {
      const first = await ok(cloud.act<PaperClaimAnswer>('consult', { action: 'claimPaperRooms', topicId: t.id, estateId: 'e-bishan', building, rooms: rooms(1101, 5) }, WORKER));
      const [count, claim] = await Promise.all([
        cloud.act<PaperTallyView>('consult', { action: 'enterPaperCounts', topicId: t.id, estateId: 'e-bishan', building, counts: { agree: 5 }, blank: 0, invalid: 0, photoFileIds: [SHEET], revision: first.tally.revision }, WORKER),
        cloud.act<PaperClaimAnswer>('consult', { action: 'claimPaperRooms', topicId: t.id, estateId: 'e-bishan', building, rooms: rooms(1201, 20) }, WORKER),
      ]);
      const tally = tallyDoc(first.tally.tallyId);
      const claimed = paperVotes(first.tally.tallyId).length;
      if (tally.state === 'counted') {
        // the count went in: it covers exactly the claims, and a claim that came too late left nothing behind
        expect({ building, counted: tally.counts.agree + tally.blank + tally.invalid }).toEqual({ building, counted: claimed });
        expect(count.ok).toBe(true);
        expect(claim).toMatchObject({ ok: false, error: { code: 'CONSULT.TALLY_CLOSED' } });
      } else {
        // the claim went in first: the count on the old revision is refused, to be entered again
        expect(claim.ok).toBe(true);
        expect(count).toMatchObject({ ok: false, error: { code: 'CONSULT.WRONG_STATE' } });
        expect(claimed).toBe(25);
      }
    }
  }, 180_000);

  it('a count racing the result being written: the result holds the count the tally keeps, or the count is refused', async () => {
    for (const [i, building] of ['1号楼', '2号楼', '3号楼', '4号楼'].entries()) {
      const t = await createTopic(`电梯加装 ${i}`, building);
      cloud.setClock(new Date(T0.getTime() + 2 * HOUR));
      const claim = await ok(cloud.act<PaperClaimAnswer>('consult', { action: 'claimPaperRooms', topicId: t.id, estateId: 'e-bishan', building, rooms: rooms(2101, 6) }, WORKER));
      const first = await ok(cloud.act<PaperTallyView>('consult', { action: 'enterPaperCounts', topicId: t.id, estateId: 'e-bishan', building, counts: { agree: 6 }, blank: 0, invalid: 0, photoFileIds: [SHEET], revision: claim.tally.revision }, WORKER));
      cloud.setClock(new Date(T0.getTime() + 2 * DAY + HOUR)); // counting: paper may still be corrected
      const [recount, finish] = await Promise.all([
        cloud.act<PaperTallyView>('consult', { action: 'enterPaperCounts', topicId: t.id, estateId: 'e-bishan', building, counts: { disagree: 6 }, blank: 0, invalid: 0, photoFileIds: [SHEET], revision: first.revision }, WORKER),
        cloud.act<StaffTopicView>('consult', { action: 'finishCounting', topicId: t.id, noPaperBuildings: [] }, ADMIN),
      ]);
      const decided = await ok(Promise.resolve(finish));
      const kept = tallyDoc(claim.tally.tallyId).counts;
      expect({ building, result: decided.result?.byChannel.paper }).toEqual({ building, result: { ...kept, blank: 0, invalid: 0 } });
      if (!recount.ok) expect(recount.error.code).toBe('CONSULT.TALLY_CLOSED');
      else expect(kept).toEqual({ disagree: 6 });
    }
  }, 180_000);
});

it("a household's choice reaches no other household and no staff answer", async () => {
  const t = await createTopic('小区大门改造', '6号楼');
  const [voter, neighbour, assisted] = [resident('priv-1', '6号楼', '1单元', '101'), resident('priv-2', '6号楼', '1单元', '102'), resident('priv-3', '6号楼', '1单元', '103')];
  cloud.db.insert('users', [voter, neighbour, assisted]);
  cloud.setClock(new Date(T0.getTime() + 2 * HOUR));
  await ok(cloud.act('consult', voteEvent(t.id, 'disagree'), voter.openid));
  const refused = await cloud.act('consult', { action: 'voteFor', topicId: t.id, residentId: assisted._id, choice: 'abstain', consent: { spoken: false }, requestId: 'vote-for-priv-0' }, WORKER);
  expect(refused).toMatchObject({ ok: false, error: { code: 'COUNTER.CONSENT_REQUIRED' } });
  const counter = await ok(cloud.act<VoteForAnswer>('consult', { action: 'voteFor', topicId: t.id, residentId: assisted._id, choice: 'abstain', consent: { spoken: true }, requestId: 'vote-for-priv-1' }, WORKER));
  expect(counter).toEqual({ householdVoted: true, channel: 'counter', changed: false });
  expect(votesOf(t.id).find((v) => v.subjectId === assisted._id)).toMatchObject({ channel: 'counter', consent: expect.objectContaining({ method: 'spoken', recordedBy: 'w-yan' }) });

  const answers = [
    await ok(cloud.act<TopicView>('consult', { action: 'topic', topicId: t.id }, neighbour.openid)),
    await ok(cloud.act<TopicView>('consult', { action: 'topic', topicId: t.id }, WORKER)),
    await ok(cloud.act<TopicView>('consult', { action: 'topic', topicId: t.id }, ADMIN)),
    await ok(cloud.act<TopicList>('consult', { action: 'topics' }, ADMIN)),
    await ok(cloud.act<TopicList>('consult', { action: 'topics' }, neighbour.openid)),
    counter,
  ];
  for (const a of answers) {
    expect(JSON.stringify(a)).not.toMatch(/"choice"|"myVote":\{/);
  }
  const own = await ok(cloud.act<TopicView>('consult', { action: 'topic', topicId: t.id }, voter.openid));
  expect(own.myVote).toMatchObject({ choice: 'disagree', channel: 'wechat', byMe: true });
  expect(own.turnout?.byChannel).toEqual({ wechat: 1, counter: 1, paper: 0 });
  expect(own.result).toBeNull();
  const list = await ok(cloud.act<TopicList>('consult', { action: 'topics' }, neighbour.openid));
  expect(list.items.find((c) => c.id === t.id)).toMatchObject({ householdVoted: false, turnout: { voted: 2, electorate: 240 } });
  const mine = await ok(cloud.act<TopicList>('consult', { action: 'topics' }, voter.openid));
  expect(mine.items.find((c) => c.id === t.id)?.householdVoted).toBe(true);
}, 120_000);

it('refuses voters outside the scope, unverified, or of another community — and writes nothing', async () => {
  const t = await createTopic('车棚加装雨棚', '1号楼');
  const outside = resident('scope-out', '2号楼', '1单元', '909');
  const unverified = resident('scope-unv', '1号楼', '2单元', '909', { verified: false });
  cloud.db.insert('users', [outside, unverified]);
  cloud.setClock(new Date(T0.getTime() + 2 * HOUR));
  const before = votesOf(t.id).length;
  expect(await cloud.act('consult', voteEvent(t.id, 'agree'), outside.openid)).toMatchObject({ ok: false, error: { code: 'CONSULT.NOT_IN_SCOPE' } });
  expect(await cloud.act('consult', voteEvent(t.id, 'agree'), unverified.openid)).toMatchObject({ ok: false, error: { code: 'CONSULT.NOT_VERIFIED' } });
  expect(await cloud.act('consult', voteEvent(t.id, 'agree'), openidOf('r-li'))).toMatchObject({ ok: false, error: { code: 'CONSULT.TOPIC_NOT_FOUND' } });
  expect(await cloud.act('consult', voteEvent(t.id, 'maybe'), openidOf('r-zhao'))).toMatchObject({ ok: false });
  expect(votesOf(t.id)).toHaveLength(before);
}, 120_000);

it('a 民法典 topic needs the household register (户数登记) of every building in scope: refused without it, nothing written; accepted once the admin sets it, with that electorate', async () => {
  cloud.setClock(T0);
  cloud.db.insert('estates', [{ _id: 'e-noreg2', communityId: 'c-laocheng', name: '老城新苑', buildings: ['9号楼'] }]);
  const event = {
    action: 'create',
    title: '9号楼加装电梯',
    background: '9号楼的老人上下楼难，想加装电梯，按民法典请各户表决。',
    kind: 'yesNo',
    scope: { kind: 'building', estateId: 'e-noreg2', building: '9号楼' },
    rule: 'civilCode',
    civilCodeItem: 7,
    discussFrom: T0.toISOString(),
    voteFrom: new Date(T0.getTime() + HOUR).toISOString(),
    voteUntil: new Date(T0.getTime() + 2 * DAY).toISOString(),
    requestId: 'create-civil-noreg',
  };
  const before = cloud.snapshot();
  expect(await cloud.act('consult', event, ADMIN)).toMatchObject({ ok: false, error: { code: 'CONSULT.HOUSEHOLDS_UNKNOWN' } });
  expect(cloud.snapshot()).toBe(before);
  await ok(cloud.act('consult', { action: 'setHouseholds', estateId: 'e-noreg2', households: [{ building: '9号楼', count: 24 }] }, ADMIN));
  const t = await ok(cloud.act<StaffTopicView>('consult', event, ADMIN));
  expect(t.staff.electorate).toMatchObject({ households: 24, source: 'register' });
});
