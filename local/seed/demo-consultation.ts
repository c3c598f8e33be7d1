/**
 * The demo's 有事来商量 records (issue 20; `npm start` only, with the demo tickets), written directly
 * as documents of the model types (`cloudfunctions/shared/model.ts`), every date relative to the
 * seed's clock `now`. In 老城社区 (c-laocheng), 壁山丽景小区 (e-bishan):
 *
 * - a held 业主会议 on the 15th of last month at 19:30 with minutes, decisions and attendance by role
 *   (居民代表, 楼栋长, 物业, 住建局, 政协委员, 网格员, 社区干部), and five opinions given there: two
 *   resolved, one answered (答复 with a reason), one turned into a ticket (组织议) that was closed —
 *   the ticket carries `opinionId`, the opinion `ticketId` — so the opinion is resolved by the
 *   closing, and one still open (past its deadline: flagged overdue, as the timer would);
 * - a planned 议事长廊 meeting a week from now, sign-ups open (capacity 30, 3 speaking turns);
 * - the household register of 壁山丽景小区 (`estates.households`, 180 households in 6 buildings);
 * - the open topic 充电桩安装 (estate scope), voting now, rule `civilCode` item (七) — see
 *   {@link CHARGING_RULE} —, with WeChat votes of the estate's demo residents, one counter vote cast
 *   by 严婷 for 马桂兰 with her spoken consent, and 6号楼's counted paper tally with its rooms claimed;
 * - a decided and published topic 小区楼道灯更换方案 (majority, yes/no), its result computed from its
 *   own seeded votes and paper tally by the majority rule of `consult/domain/decide.ts` (agree × 2 >
 *   households voted; blank and invalid paper count as voted).
 * Three more residents of 壁山丽景小区 (马桂兰, 田玉山, 苏明) are added so that the votes come from
 * real households; demo residents are verified, as the seed's people are.
 */
import type { LocalDatabase } from '../cloudbase/database';
import { searchKeyOf } from '../../cloudfunctions/account/domain/search';
import { draftTicket, applyChange } from '../../cloudfunctions/ticket/domain/draft';
import { decide as ticketDecide, type Actor } from '../../cloudfunctions/ticket/domain/workflow';
import type { Estate, Grid, Meeting, Opinion, PaperTally, Ticket, Topic, TopicResult, User, Vote } from '../../cloudfunctions/shared/model';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CID = 'c-laocheng';
const EID = 'e-bishan';

/** The seeded consultation records' ids, for tests and the walk-through. */
export const DEMO_CONSULT = {
  heldMeeting: 'mtg-demo-owners',
  plannedMeeting: 'mtg-demo-corridor',
  chargingTopic: 'topic-demo-charging',
  lightsTopic: 'topic-demo-lights',
  ticket: 'demo-roof-leak',
  opinions: ['op-demo-lamp', 'op-demo-garbage', 'op-demo-fitness', 'op-demo-roof', 'op-demo-parking'],
} as const;

/**
 * The charging-pile topic's rule: `civilCode` item (七) 改建、重建建筑物及其附属设施 — installing piles and
 * their wiring in the estate's shared parking rebuilds its 附属设施 (the design, §2, puts it under
 * (七)/(八)), a matter the owners decide together; so the kiosk checks the household half of
 * 双三分之二 participation and ¾ consent, and the result is advice to the 业主大会 and the 物业 — the
 * demo shows that path rather than a plain majority.
 */
export const CHARGING_RULE = { rule: 'civilCode' as const, civilCodeItem: 7 };

/** 户数登记 of 壁山丽景小区: households per building (label as in `estates.buildings`). */
export const BISHAN_HOUSEHOLDS: Record<string, number> = { '1号楼': 24, '2号楼': 24, '3号楼': 36, '4号楼': 36, '5号楼': 30, '6号楼': 30 };

/** The building part of a household key (`3号楼` → `3`), as `shared/households.ts` normalises it. */
const part = (s: string) => s.normalize('NFKC').trim().replace(/(号楼|单元|栋|幢|室|号)$/u, '');
const keyOf = (building: string, unit: string, room: string) => `${EID}|${part(building)}|${part(unit)}|${part(room)}`;

/** Local (Asia/Shanghai) instant of `date` (YYYY-MM-DD) at `hh:mm`. */
const localAt = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);
/** The local date `days` after `now`'s. */
const localDate = (now: Date, days: number) => new Date(now.getTime() + 8 * HOUR + days * DAY).toISOString().slice(0, 10);
/** The 15th of the month before `now`'s (local). */
function lastMonth15(now: Date): string {
  const [y, m] = localDate(now, 0).split('-').map(Number);
  const py = m === 1 ? y - 1 : y;
  const pm = m === 1 ? 12 : m - 1;
  return `${py}-${String(pm).padStart(2, '0')}-15`;
}

const YAN = { id: 'w-yan', name: '严婷' };
const WANG = { id: 'a-wang', name: '王乐天' };
const electorate = () => ({
  households: Object.values(BISHAN_HOUSEHOLDS).reduce((a, b) => a + b, 0),
  byBuilding: Object.entries(BISHAN_HOUSEHOLDS).map(([b, n]) => ({ estateId: EID, building: part(b), households: n })),
  source: 'register' as const,
});
const YES_NO = [
  { key: 'agree', label: '同意' },
  { key: 'disagree', label: '不同意' },
  { key: 'abstain', label: '弃权' },
];

/** Residents added for the votes (verified, as the demo's people are). */
function extraResidents(now: Date): Partial<User>[] {
  const r = (id: string, name: string, building: string, unit: string, room: string, age?: number) => ({
    _id: id,
    openid: `local-${id}`,
    name,
    role: 'resident' as const,
    communityId: CID,
    ...(age ? { age } : {}),
    home: { estateId: EID, building, unit, room },
    householdKey: keyOf(building, unit, room),
    addressText: `壁山丽景小区${building}${unit}${room}`,
    // findable at the counter (account.searchResidents matches searchKey), as the demo's other residents are
    searchKey: searchKeyOf({ name, estateName: '壁山丽景小区', home: { building, unit, room } }),
    verified: true,
    createdAt: now,
  });
  return [r('r-ma', '马桂兰', '1号楼', '1单元', '201', 70), r('r-tian', '田玉山', '2号楼', '1单元', '402'), r('r-su', '苏明', '4号楼', '2单元', '602')];
}

interface VoteSpec {
  who: string;
  building: string;
  unit: string;
  room: string;
  choice: string;
  channel: 'wechat' | 'counter';
  at: Date;
}

function voteOf(topicId: string, v: VoteSpec): Vote {
  return {
    _id: `vote-${topicId}-${v.who}`,
    topicId,
    communityId: CID,
    householdKey: keyOf(v.building, v.unit, v.room),
    estateId: EID,
    building: part(v.building),
    channel: v.channel,
    choice: v.choice,
    voterKey: `${topicId}|${v.who}`,
    castBy: v.channel === 'counter' ? { id: YAN.id, role: 'gridWorker' } : { id: v.who, role: 'resident' },
    ...(v.channel === 'counter' ? { subjectId: v.who, consent: { method: 'spoken' as const, recordedBy: YAN.id, recordedByName: YAN.name, note: '本人在柜台口头同意代为表决' } } : {}),
    verified: true,
    ownerDeclared: true,
    castAt: v.at,
    changes: 0,
  };
}

/** A counted paper tally of one building, its rooms claimed as `paper` votes. */
function paperOf(topicId: string, building: string, rooms: [unit: string, room: string][], counts: Record<string, number>, blank: number, invalid: number, at: Date): { tally: PaperTally; votes: Vote[] } {
  const tallyId = `${topicId}|${EID}|${part(building)}`;
  const keys = rooms.map(([u, r]) => keyOf(building, u, r));
  const total = Object.values(counts).reduce((a, b) => a + b, 0) + blank + invalid;
  if (total !== keys.length) throw new Error(`demo paper tally ${tallyId}: ${total} sheets for ${keys.length} rooms`);
  return {
    tally: { _id: tallyId, topicId, communityId: CID, estateId: EID, building: part(building), rooms: keys, rejectedRooms: [], counts, blank, invalid, photoFileIds: [], state: 'counted', enteredBy: YAN.id, enteredAt: at, revision: 2 },
    votes: keys.map((k, i) => ({
      _id: `vote-${topicId}-paper-${i + 1}`,
      topicId,
      communityId: CID,
      householdKey: k,
      estateId: EID,
      building: part(building),
      channel: 'paper' as const,
      choice: null,
      voterKey: `paper:${topicId}|${k}`,
      castBy: { id: YAN.id, role: 'gridWorker' as const },
      tallyId,
      verified: false,
      castAt: at,
      changes: 0,
    })),
  };
}

/**
 * A yes/no majority result from the votes and tallies, as `consult/domain/decide.ts` writes it:
 * households voted = every vote (paper blank and invalid included); passed iff agree × 2 > voted.
 */
export function majorityResult(votes: Vote[], tallies: PaperTally[], electorateHouseholds: number, decidedAt: Date): TopicResult {
  const count = (channel: 'wechat' | 'counter') => {
    const c: Record<string, number> = {};
    for (const v of votes) if (v.channel === channel && v.choice) c[v.choice] = (c[v.choice] ?? 0) + 1;
    return c;
  };
  const wechat = count('wechat');
  const counter = count('counter');
  const paper: Record<string, number> = {};
  let blank = 0;
  let invalid = 0;
  for (const t of tallies.filter((x) => x.state === 'counted')) {
    for (const [k, n] of Object.entries(t.counts)) paper[k] = (paper[k] ?? 0) + n;
    blank += t.blank;
    invalid += t.invalid;
  }
  const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
  const byChannel = { wechat: sum(wechat), counter: sum(counter), paper: sum(paper) + blank + invalid };
  const voted = byChannel.wechat + byChannel.counter + byChannel.paper;
  const agree = (wechat.agree ?? 0) + (counter.agree ?? 0) + (paper.agree ?? 0);
  const passed = agree * 2 > voted;
  return {
    byChannel: { wechat, counter, paper: { ...paper, blank, invalid } },
    households: { voted, byChannel, electorate: electorateHouseholds },
    turnout: electorateHouseholds > 0 ? voted / electorateHouseholds : null,
    outcome: passed ? 'passed' : 'failed',
    passed,
    checks: [`同意户数 > 参与表决户数的一半：${agree} / ${voted} 户，${passed ? '满足' : '不满足'}`],
    ruleText: '简单多数：同意的户数超过参与表决户数的一半才算通过（弃权、空白票和无效票算参与表决，不算同意；一半对一半不通过）。每户一票。',
    decidedAt,
  };
}

const topicEvent = (type: Topic['events'][number]['type'], at: Date, by: { id: string; name: string }, role: 'gridWorker' | 'communityAdmin' | 'timer', note: string) => ({ type, at, actorId: by.id, actorName: by.name, actorRole: role, note });

/** Everything this module seeds, built from the seeded grids (pure). */
export function demoConsultation(grids: Grid[], now: Date) {
  const day = lastMonth15(now);
  const start = localAt(day, '19:30');
  const after = (days: number, hours = 0) => new Date(start.getTime() + days * DAY + hours * HOUR);

  // ── the held 业主会议 and its opinions ──
  const held: Meeting = {
    _id: DEMO_CONSULT.heldMeeting,
    communityId: CID,
    estateId: EID,
    title: '壁山丽景小区业主会议：充电桩、楼顶漏水和小区环境',
    kind: 'ownersMeeting',
    startAt: start,
    endAt: after(0, 2),
    place: '壁山丽景小区 石榴籽“解忧铺” 居民议事区',
    convenor: WANG,
    status: 'held',
    signedUp: 18,
    speakers: 5,
    agendaTopicIds: [DEMO_CONSULT.chargingTopic],
    attendance: [
      { role: 'residentRep', count: 14 },
      { role: 'buildingHead', count: 6 },
      { role: 'propertyManager', count: 2, org: '壁山丽景物业服务中心' },
      { role: 'department', count: 1, org: '县住建局' },
      { role: 'department', count: 1, org: '县供电公司' },
      { role: 'cppccMember', count: 1 },
      { role: 'gridWorker', count: 1, names: ['严婷'] },
      { role: 'communityCadre', count: 2, names: ['王乐天'] },
    ],
    minutes:
      '王乐天主持。一、电动车充电难：居民代表反映楼道里私拉电线充电，有火灾隐患；物业和供电公司介绍了在地面停车场安装充电桩的办法，会议同意把“充电桩安装”提交全体业主按户表决。\n二、5号楼楼顶漏水：物业答应三天内查看，社区转为工单跟进。\n三、南门路灯、垃圾清运、健身器材等意见当场登记，逐条答复。',
    photoFileIds: [],
    decisions: [
      { text: '“充电桩安装”提交全体业主按户表决', topicId: DEMO_CONSULT.chargingTopic },
      { text: '5号楼楼顶漏水转工单，物业三天内查看', opinionId: 'op-demo-roof' },
      { text: '南门路灯一周内修好', opinionId: 'op-demo-lamp' },
    ],
    revision: 3,
    events: [
      { type: 'created', at: after(-10), actorId: WANG.id, actorName: WANG.name, note: '' },
      { type: 'announced', at: after(-9), actorId: WANG.id, actorName: WANG.name, note: '' },
      { type: 'held', at: after(0, 2.5), actorId: YAN.id, actorName: YAN.name, note: '纪要已上传' },
    ],
    requestKey: `demo:${DEMO_CONSULT.heldMeeting}`,
    createdAt: after(-10),
    updatedAt: after(0, 2.5),
  };

  const given = after(0, 1);
  const due = after(14);
  const ev = (type: Opinion['events'][number]['type'], at: Date, note = '', by = YAN) => ({ type, at, actorId: by.id, actorName: by.name, note });
  const opinionBase = (id: string, text: string, giver: Opinion['giver'], place?: string) => ({
    _id: id,
    communityId: CID,
    source: 'meeting' as const,
    meetingId: held._id,
    text,
    ...(place ? { place } : {}),
    giver,
    actorId: YAN.id,
    actorName: YAN.name,
    dueAt: due,
    overdue: false,
    reopened: 0,
    requestKey: `demo:${id}`,
    createdAt: given,
  });
  const zhao = { userId: 'r-zhao', name: '赵建国', householdKey: keyOf('3号楼', '2单元', '301') };
  const zou = { userId: 'r-zou', name: '邹建庄', householdKey: keyOf('5号楼', '1单元', '502') };

  // the ticket made from the roof opinion (组织议), accepted, handled, followed up and closed by the ticket's own rules
  const people: Record<string, Actor> = {
    'w-yan': { id: 'w-yan', name: '严婷', role: 'gridWorker', communityId: CID, gridIds: ['G-LC-01', 'G-LC-02'] },
    'a-wang': { id: 'a-wang', name: '王乐天', role: 'communityAdmin', communityId: CID, gridIds: [] },
  };
  const ticketAt = after(0, 3);
  let ticket = draftTicket({
    id: DEMO_CONSULT.ticket,
    communityId: CID,
    // 邹建庄 raised it at the meeting: he is the one followed up
    reporter: { _id: 'r-zou', name: '邹建庄' },
    actor: { _id: YAN.id, name: YAN.name, role: 'gridWorker' },
    source: 'organisationDiscussion',
    category: 'facilities',
    text: '业主会议上居民反映：5号楼楼顶漏水，顶层住户家里墙皮发霉，下雨天往下滴水。',
    place: { estate: { _id: EID, name: '壁山丽景小区' }, building: '5号楼', unit: null, spot: '楼顶' },
    photos: [],
    anonymous: true,
    grids: grids.filter((g) => g.communityId === CID),
    requestKey: `demo:${DEMO_CONSULT.ticket}`,
    now: ticketAt,
  });
  const steps: [number, Parameters<typeof ticketDecide>[2], string?][] = [
    [1, { type: 'accept' }],
    [5, { type: 'handle', result: '物业请防水师傅重新做了楼顶防水层，顶层两户的墙面已修补' }],
    // 核查 (issue 21): someone other than the handler checks a community problem before it closes
    [5.5, { type: 'verify', passed: true, note: '上楼顶看过，防水层做好了', photos: [] }, 'a-wang'],
    [6, { type: 'followUp', date: localDate(after(6), 0), method: 'visit', reporterSaid: '下过一场雨，不漏了' }],
    [6.5, { type: 'close', summary: '楼顶防水已重做，居民满意' }],
  ];
  for (const [d, command, by] of steps) {
    const at = after(d);
    ticket = applyChange(ticket, ticketDecide(ticket, people[by ?? 'w-yan'], command, at), at);
  }
  const linkedTicket = { ...ticket, opinionId: 'op-demo-roof' } as Ticket & { opinionId: string };
  const closedAt = ticket.closedAt ?? after(6.5);

  const opinions: Opinion[] = [
    {
      ...opinionBase('op-demo-lamp', '小区南门的路灯坏了一个多月，晚上出门黑乎乎的，老人怕摔。', zhao, '南门'),
      status: 'resolved',
      resolution: { what: '物业换了南门两盏路灯的灯泡和线路', when: localDate(after(3), 0), by: YAN.id, byName: YAN.name },
      events: [ev('given', given), ev('accepted', after(1)), ev('resolved', after(3), '南门两盏路灯已修好')],
      updatedAt: after(3),
    },
    {
      ...opinionBase('op-demo-garbage', '垃圾分类亭周末没人清运，夏天味道大。', { name: '4号楼 居民代表' }, '4号楼旁垃圾分类亭'),
      status: 'resolved',
      resolution: { what: '和环卫所商定周六、周日各加一次清运', when: localDate(after(5), 0), by: YAN.id, byName: YAN.name },
      events: [ev('given', given), ev('accepted', after(1)), ev('resolved', after(5), '周末加了清运')],
      updatedAt: after(5),
    },
    {
      ...opinionBase('op-demo-fitness', '希望在小区里多装几件健身器材。', zou),
      status: 'answered',
      reply: { text: '小区里暂时找不到合适的空地，这件事已经记下。', reason: '空地不够；已列入明年老旧小区改造的计划，改造时一并考虑。' },
      events: [ev('given', given), ev('accepted', after(1)), ev('answered', after(4), '场地不足，列入明年改造计划', WANG)],
      updatedAt: after(4),
    },
    {
      ...opinionBase('op-demo-roof', '5号楼楼顶漏水，顶层住户家里墙皮发霉。', zou, '5号楼楼顶'),
      status: 'resolved',
      ticketId: DEMO_CONSULT.ticket,
      resolution: { what: '物业请防水师傅重新做了楼顶防水层，顶层两户的墙面已修补', when: localDate(closedAt, 0), by: YAN.id, byName: YAN.name },
      events: [ev('given', given), ev('ticketed', ticketAt, `转为工单 ${DEMO_CONSULT.ticket}`), ev('resolved', closedAt, '工单已办结')],
      updatedAt: closedAt,
    },
    {
      ...opinionBase('op-demo-parking', '晚上小区里乱停车，消防通道被堵。', { name: '2号楼 楼栋长' }, '消防通道'),
      status: 'open',
      overdue: due < now,
      events: [ev('given', given), ...(due < now ? [{ type: 'overdue' as const, at: due, actorId: 'timer', actorName: '系统', note: '超过答复期限' }] : [])],
      updatedAt: due < now ? due : given,
    },
  ];

  // ── the planned 议事长廊 meeting next week ──
  const nextWeek = localAt(localDate(now, 7), '10:00');
  const planned: Meeting = {
    _id: DEMO_CONSULT.plannedMeeting,
    communityId: CID,
    estateId: EID,
    title: '议事长廊：充电桩装在哪里、怎么收费',
    kind: 'corridor',
    startAt: nextWeek,
    endAt: new Date(nextWeek.getTime() + 1.5 * HOUR),
    place: '壁山丽景小区 议事长廊（3号楼和4号楼之间）',
    convenor: WANG,
    status: 'planned',
    capacity: 30,
    signedUp: 0,
    speakSlots: 3,
    speakers: 0,
    agendaTopicIds: [DEMO_CONSULT.chargingTopic],
    attendance: [],
    minutes: '',
    photoFileIds: [],
    decisions: [],
    revision: 2,
    events: [
      { type: 'created', at: new Date(now.getTime() - 2 * DAY), actorId: WANG.id, actorName: WANG.name, note: '' },
      { type: 'announced', at: new Date(now.getTime() - 2 * DAY + HOUR), actorId: WANG.id, actorName: WANG.name, note: '' },
    ],
    requestKey: `demo:${DEMO_CONSULT.plannedMeeting}`,
    createdAt: new Date(now.getTime() - 2 * DAY),
    updatedAt: new Date(now.getTime() - 2 * DAY + HOUR),
  };

  // ── the open topic 充电桩安装 ──
  const chargeVoteFrom = new Date(now.getTime() - 3 * DAY);
  const chargeVotes = [
    voteOf(DEMO_CONSULT.chargingTopic, { who: 'r-zhao', building: '3号楼', unit: '2单元', room: '301', choice: 'agree', channel: 'wechat', at: new Date(now.getTime() - 2 * DAY) }),
    voteOf(DEMO_CONSULT.chargingTopic, { who: 'r-tian', building: '2号楼', unit: '1单元', room: '402', choice: 'agree', channel: 'wechat', at: new Date(now.getTime() - 2 * DAY + 3 * HOUR) }),
    voteOf(DEMO_CONSULT.chargingTopic, { who: 'r-su', building: '4号楼', unit: '2单元', room: '602', choice: 'disagree', channel: 'wechat', at: new Date(now.getTime() - DAY) }),
    voteOf(DEMO_CONSULT.chargingTopic, { who: 'r-ma', building: '1号楼', unit: '1单元', room: '201', choice: 'agree', channel: 'counter', at: new Date(now.getTime() - DAY + 2 * HOUR) }),
  ];
  const chargePaper = paperOf(
    DEMO_CONSULT.chargingTopic,
    '6号楼',
    [['1单元', '101'], ['1单元', '102'], ['1单元', '201'], ['1单元', '302'], ['2单元', '101'], ['2单元', '202'], ['2单元', '401'], ['2单元', '502']],
    { agree: 5, disagree: 2 },
    1,
    0,
    new Date(now.getTime() - 5 * HOUR),
  );
  const charging: Topic = {
    _id: DEMO_CONSULT.chargingTopic,
    communityId: CID,
    scope: { kind: 'estate', estateId: EID },
    title: '充电桩安装',
    background:
      '小区电动车越来越多，楼道里私拉电线充电有火灾隐患。物业和县供电公司提出：在小区地面停车场东侧安装 20 个电动自行车充电桩和 6 个汽车充电桩，费用由供电公司和使用者承担，不动用维修资金。请每户表决是否同意。',
    kind: 'yesNo',
    options: YES_NO,
    ...CHARGING_RULE,
    status: 'scheduled',
    secondsNeeded: 10,
    seconds: 0,
    discussFrom: new Date(now.getTime() - 7 * DAY),
    voteFrom: chargeVoteFrom,
    voteUntil: localAt(localDate(now, 7), '20:00'),
    tallyGraceDays: 3,
    electorate: electorate(),
    votersMustBeVerified: true,
    events: [topicEvent('created', new Date(now.getTime() - 8 * DAY), WANG, 'communityAdmin', '业主会议决定提交表决'), topicEvent('paperCounted', new Date(now.getTime() - 5 * HOUR), YAN, 'gridWorker', '6号楼纸质票 8 张')],
    requestKey: `demo:${DEMO_CONSULT.chargingTopic}`,
    createdBy: WANG.id,
    createdAt: new Date(now.getTime() - 8 * DAY),
    updatedAt: new Date(now.getTime() - 5 * HOUR),
  };

  // ── the decided, published topic 小区楼道灯更换方案 (last month) ──
  const lightsFrom = localAt(`${day.slice(0, 8)}01`, '08:00');
  const lightsUntil = localAt(`${day.slice(0, 8)}10`, '20:00');
  const lightsVotes = [
    voteOf(DEMO_CONSULT.lightsTopic, { who: 'r-zhao', building: '3号楼', unit: '2单元', room: '301', choice: 'agree', channel: 'wechat', at: new Date(lightsFrom.getTime() + DAY) }),
    voteOf(DEMO_CONSULT.lightsTopic, { who: 'r-zou', building: '5号楼', unit: '1单元', room: '502', choice: 'agree', channel: 'wechat', at: new Date(lightsFrom.getTime() + 2 * DAY) }),
    voteOf(DEMO_CONSULT.lightsTopic, { who: 'r-tian', building: '2号楼', unit: '1单元', room: '402', choice: 'disagree', channel: 'wechat', at: new Date(lightsFrom.getTime() + 2 * DAY) }),
    voteOf(DEMO_CONSULT.lightsTopic, { who: 'r-ma', building: '1号楼', unit: '1单元', room: '201', choice: 'agree', channel: 'counter', at: new Date(lightsFrom.getTime() + 3 * DAY) }),
  ];
  const lightsPaper = paperOf(
    DEMO_CONSULT.lightsTopic,
    '3号楼',
    [['1单元', '101'], ['1单元', '201'], ['1单元', '302'], ['1单元', '401'], ['2单元', '102'], ['2单元', '202'], ['2单元', '402'], ['2单元', '501'], ['2单元', '601'], ['2单元', '602']],
    { agree: 7, disagree: 1, abstain: 1 },
    0,
    1,
    new Date(lightsUntil.getTime() + 12 * HOUR),
  );
  const lightsDecided = new Date(lightsUntil.getTime() + DAY);
  const lights: Topic = {
    _id: DEMO_CONSULT.lightsTopic,
    communityId: CID,
    scope: { kind: 'estate', estateId: EID },
    title: '小区楼道灯更换方案',
    background: '楼道里的老式灯泡常坏，物业提出全部换成声控 LED 灯，费用从物业费结余中出。请每户表决是否同意。',
    kind: 'yesNo',
    options: YES_NO,
    rule: 'majority',
    status: 'decided',
    secondsNeeded: 10,
    seconds: 0,
    discussFrom: new Date(lightsFrom.getTime() - 3 * DAY),
    voteFrom: lightsFrom,
    voteUntil: lightsUntil,
    tallyGraceDays: 3,
    electorate: electorate(),
    votersMustBeVerified: true,
    result: majorityResult([...lightsVotes, ...lightsPaper.votes], [lightsPaper.tally], electorate().households, lightsDecided),
    publishedAt: new Date(lightsDecided.getTime() + 2 * HOUR),
    publishNote: '物业将在本月内完成更换',
    events: [
      topicEvent('created', new Date(lightsFrom.getTime() - 3 * DAY), WANG, 'communityAdmin', ''),
      topicEvent('paperCounted', new Date(lightsUntil.getTime() + 12 * HOUR), YAN, 'gridWorker', '3号楼纸质票 10 张'),
      topicEvent('decided', lightsDecided, WANG, 'communityAdmin', '计票完成'),
      topicEvent('published', new Date(lightsDecided.getTime() + 2 * HOUR), WANG, 'communityAdmin', '物业将在本月内完成更换'),
    ],
    requestKey: `demo:${DEMO_CONSULT.lightsTopic}`,
    createdBy: WANG.id,
    createdAt: new Date(lightsFrom.getTime() - 3 * DAY),
    updatedAt: new Date(lightsDecided.getTime() + 2 * HOUR),
  };

  return {
    users: extraResidents(now),
    meetings: [held, planned],
    opinions,
    ticket: linkedTicket,
    topics: [charging, lights],
    votes: [...chargeVotes, ...chargePaper.votes, ...lightsVotes, ...lightsPaper.votes],
    paperTallies: [chargePaper.tally, lightsPaper.tally],
  };
}

/** Writes the demo's consultation records (after the demo tickets; one atomic insert per collection). */
export function seedDemoConsultation(db: LocalDatabase, now = new Date()): void {
  const grids = db.all('grids') as unknown as Grid[];
  const d = demoConsultation(grids, now);
  for (const c of ['meetings', 'opinions', 'topics', 'votes', 'paperTallies']) if (!db.collectionNames().includes(c)) db.createCollection(c);
  db.modify('estates', { queryType: 'DOC', query: { _id: EID }, data: { $set: { households: BISHAN_HOUSEHOLDS } satisfies Partial<Estate> }, multi: false, merge: true, upsert: false });
  db.insert('users', d.users as never);
  db.insert('tickets', [d.ticket] as never);
  db.insert('meetings', d.meetings as never);
  db.insert('opinions', d.opinions as never);
  db.insert('topics', d.topics as never);
  db.insert('votes', d.votes as never);
  db.insert('paperTallies', d.paperTallies as never);
}
