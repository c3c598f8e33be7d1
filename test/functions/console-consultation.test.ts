/**
 * `console.stats` consultation figures through the real wx-server-sdk (issue 20): "召开业主会议 43 次，
 * 收集并解决群众意见建议 79 条" is a query. Meetings, opinions and topics of the document types in
 * `shared/model.ts` are inserted directly (as the `consult` function would have written them),
 * with noise around the period (planned, cancelled, before and after, another community,
 * reopened), and the figures are compared with the same records counted here by plain filtering.
 * Period: 2026-11-01 … 2026-11-30 (Asia/Shanghai); read at 2026-12-05 10:00.
 * Then the three consultation ledgers (`console.exportLedger` kinds meetings, topics, opinions) of
 * the same records, as CSV and XLSX: one row per record, counts never households or choices, no
 * phone, a resident's words that a spreadsheet would run kept as text.
 */
import ExcelJS from 'exceljs';
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { LedgerFile, StatsView } from '../../cloudfunctions/console/contract';
import type { AttendanceRole, Meeting, MeetingKind, Opinion, Topic } from '../../cloudfunctions/shared/model';

let cloud: TestCloud;
const wang = openidOf('a-wang');
const yan = openidOf('w-yan');
const NOV = { from: '2026-11-01', to: '2026-11-30' };
const at = (s: string) => new Date(`2026-${s.replace(' ', 'T')}:00+08:00`);
const START = at('11-01 00:00');
const END = new Date(at('12-01 00:00').getTime() - 1);
const inNov = (d: Date) => d >= START && d <= END;

const KINDS: MeetingKind[] = ['ownersMeeting', 'forum', 'courtyard', 'corridor', 'consultation'];
const ROLES: AttendanceRole[] = ['residentRep', 'propertyManager', 'department', 'cppccMember', 'gridWorker'];
const actor = { actorId: 'w-yan', actorName: '严婷', note: '' };

function meeting(i: number, status: Meeting['status'], startAt: Date, communityId = 'c-laocheng'): Meeting {
  return {
    _id: `m-${i}`,
    communityId,
    estateId: 'e-bishan',
    title: `第${i}次议事`,
    kind: KINDS[i % KINDS.length],
    startAt,
    endAt: new Date(startAt.getTime() + 2 * 3_600_000),
    place: '居民议事区',
    convenor: { id: 'a-wang', name: '王乐天' },
    status,
    signedUp: 0,
    speakers: 0,
    agendaTopicIds: [],
    attendance: ROLES.slice(0, 1 + (i % ROLES.length)).map((role, k) => ({ role, count: 1 + ((i + k) % 7) })),
    minutes: status === 'held' ? '会议纪要' : '',
    photoFileIds: [],
    decisions: [],
    revision: 1,
    events: [],
    requestKey: `m-${i}`,
    createdAt: startAt,
    updatedAt: startAt,
  };
}

type Step = [Opinion['events'][number]['type'], Date];
function opinion(i: number, createdAt: Date, dueAt: Date, steps: Step[], communityId = 'c-laocheng'): Opinion {
  const events = [{ type: 'given' as const, at: createdAt, ...actor }, ...steps.map(([type, when]) => ({ type, at: when, ...actor }))];
  const final = [...steps].reverse().find(([t]) => t !== 'rated' && t !== 'overdue');
  const status = (final ? (final[0] === 'reopened' ? 'accepted' : final[0]) : 'open') as Opinion['status'];
  return {
    _id: `o-${i}`,
    communityId,
    source: i % 3 === 0 ? 'meeting' : i % 3 === 1 ? 'counter' : 'app',
    text: `意见${i}`,
    giver: { name: '居民' },
    status,
    dueAt,
    overdue: false,
    reopened: steps.some(([t]) => t === 'reopened') ? 1 : 0,
    events,
    requestKey: `o-${i}`,
    createdAt,
    updatedAt: events[events.length - 1].at,
  };
}

const DAY = 86_400_000;
const plus = (d: Date, days: number) => new Date(d.getTime() + days * DAY);

function topic(i: number, outcome: string, decidedAt: Date, h: { wechat: number; counter: number; paper: number; electorate: number }, status: Topic['status'] = 'decided'): Topic {
  const voted = h.wechat + h.counter + h.paper;
  return {
    _id: `t-${i}`,
    communityId: 'c-laocheng',
    scope: { kind: 'estate', estateId: 'e-bishan' },
    title: `议题${i}`,
    background: '',
    kind: 'yesNo',
    options: [
      { key: 'agree', label: '同意' },
      { key: 'disagree', label: '不同意' },
      { key: 'abstain', label: '弃权' },
    ],
    rule: 'majority',
    status,
    secondsNeeded: 10,
    seconds: 0,
    tallyGraceDays: 3,
    votersMustBeVerified: true,
    result: {
      byChannel: { wechat: {}, counter: {}, paper: {} },
      households: { voted, byChannel: { wechat: h.wechat, counter: h.counter, paper: h.paper }, electorate: h.electorate },
      turnout: voted / h.electorate,
      outcome,
      passed: outcome === 'passed',
      checks: [],
      ruleText: '',
      decidedAt,
    },
    events: [],
    requestKey: `t-${i}`,
    createdBy: 'a-wang',
    createdAt: decidedAt,
    updatedAt: decidedAt,
  };
}

const meetings: Meeting[] = [];
const opinions: Opinion[] = [];
const topics: Topic[] = [];

beforeAll(async () => {
  cloud = await startTestCloud();
  for (const c of ['meetings', 'opinions', 'topics']) if (!cloud.db.collectionNames().includes(c)) cloud.db.createCollection(c);
  // 43 meetings held in November (every kind, spread over the month, the first at 00:00 of 11-01 and the last at 23:30 of 11-30)
  for (let i = 0; i < 43; i++) meetings.push(meeting(i, 'held', i === 42 ? at('11-30 23:30') : new Date(START.getTime() + i * 16 * 3_600_000)));
  // noise: planned, draft and cancelled in November; held on 10-31 23:30 and 12-01 00:00; another community's
  meetings.push(meeting(100, 'planned', at('11-20 10:00')), meeting(101, 'draft', at('11-21 10:00')), meeting(102, 'cancelled', at('11-22 10:00')));
  meetings.push(meeting(103, 'held', at('10-31 23:30')), meeting(104, 'held', at('12-01 00:00')), meeting(105, 'held', at('11-15 10:00'), 'c-mingzhu'));

  // 79 opinions resolved in November: some directly, some through their ticket; some given in October
  for (let i = 0; i < 79; i++) {
    const given = i < 9 ? at(`10-${String(20 + (i % 10)).padStart(2, '0')} 10:00`) : new Date(START.getTime() + (i % 25) * DAY + 3_600_000);
    const due = plus(given, 14);
    const done = new Date(Math.max(START.getTime(), given.getTime()) + ((i % 4) + 1) * DAY);
    opinions.push(i % 5 === 0 ? opinion(i, given, due, [['ticketed', plus(given, 1)], ['resolved', done < plus(given, 2) ? plus(given, 2) : done]]) : opinion(i, given, due, [['accepted', plus(given, 0.5)], ['resolved', done]]));
  }
  // noise: resolved then reopened in November (not resolved); resolved in December; answered; ticketed and still open; open and overdue; another community's
  opinions.push(opinion(200, at('11-03 10:00'), at('11-17 10:00'), [['resolved', at('11-05 10:00')], ['rated', at('11-06 09:00')], ['reopened', at('11-06 09:00')]]));
  opinions.push(opinion(201, at('11-25 10:00'), at('12-09 10:00'), [['resolved', at('12-02 10:00')]]));
  opinions.push(opinion(202, at('11-05 10:00'), at('11-19 10:00'), [['answered', at('11-21 10:00')]]));
  opinions.push(opinion(203, at('11-20 10:00'), at('12-04 10:00'), [['ticketed', at('11-21 10:00')]]));
  opinions.push(opinion(204, at('11-02 10:00'), at('11-16 10:00'), [['accepted', at('11-03 10:00')]]));
  opinions.push(opinion(205, at('11-02 10:00'), at('11-16 10:00'), [['resolved', at('11-03 10:00')]], 'c-mingzhu'));
  // a resident's words a spreadsheet would run as a formula, given at meeting m-0 by 赵建国
  const formula = opinion(206, at('11-04 10:00'), at('11-18 10:00'), []);
  Object.assign(formula, { source: 'meeting', text: '=HYPERLINK("http://evil.example","点我") 楼道灯坏了', meetingId: 'm-0', giver: { userId: 'r-zou', name: '邹建庄', householdKey: 'e-bishan|5|1|502' } });
  opinions.push(formula);

  topics.push(topic(1, 'passed', at('11-10 18:00'), { wechat: 40, counter: 6, paper: 22, electorate: 96 }));
  Object.assign(topics[0].result!.byChannel, { wechat: { agree: 30, disagree: 8, abstain: 2 }, counter: { agree: 5, disagree: 1 }, paper: { agree: 15, disagree: 4, abstain: 1, blank: 1, invalid: 1 } });
  topics[0].voteUntil = at('11-10 18:00');
  topics.push(topic(2, 'meetsHouseholdThresholds', at('11-28 18:00'), { wechat: 60, counter: 8, paper: 20, electorate: 120 }));
  topics.push(topic(3, 'planB', at('11-29 18:00'), { wechat: 12, counter: 1, paper: 0, electorate: 30 }));
  topics.push(topic(4, 'failed', at('12-02 18:00'), { wechat: 9, counter: 0, paper: 0, electorate: 50 }));
  for (const t of topics) t.voteUntil = t.result!.decidedAt;
  const open = topic(5, 'passed', at('11-12 18:00'), { wechat: 1, counter: 0, paper: 0, electorate: 50 }, 'scheduled');
  delete open.result;
  open.voteUntil = at('11-30 20:00');
  topics.push(open);

  cloud.db.insert('meetings', meetings as never);
  cloud.db.insert('opinions', opinions as never);
  cloud.db.insert('topics', topics as never);
  cloud.setClock(at('12-05 10:00'));
});
afterAll(() => cloud.close());

/** The figures counted from the records themselves (plain filtering, no pipeline). */
function fromRecords() {
  const held = meetings.filter((m) => m.communityId === 'c-laocheng' && m.status === 'held' && inNov(m.startAt));
  const ours = opinions.filter((o) => o.communityId === 'c-laocheng');
  const statusEvents = ['given', 'accepted', 'resolved', 'ticketed', 'answered', 'reopened'];
  const lastStatusByEnd = (o: Opinion) => [...o.events].filter((e) => statusEvents.includes(e.type) && e.at <= END).sort((a, b) => +a.at - +b.at).pop()?.type;
  const firstFinal = (o: Opinion) => o.events.filter((e) => ['resolved', 'ticketed', 'answered'].includes(e.type)).sort((a, b) => +a.at - +b.at)[0]?.at;
  const now = at('12-05 10:00');
  const due = ours.filter((o) => inNov(o.dueAt) && (o.dueAt <= now || (firstFinal(o) && firstFinal(o)! <= END)));
  const decided = topics.filter((t) => t.status === 'decided' && t.result && inNov(t.result.decidedAt));
  return {
    meetingsHeld: held.length,
    ownersMeetings: held.filter((m) => m.kind === 'ownersMeeting').length,
    attendance: held.reduce((n, m) => n + m.attendance.reduce((k, a) => k + a.count, 0), 0),
    residentReps: held.reduce((n, m) => n + m.attendance.filter((a) => a.role === 'residentRep').reduce((k, a) => k + a.count, 0), 0),
    collected: ours.filter((o) => inNov(o.createdAt)).length,
    resolved: ours.filter((o) => o.events.some((e) => e.type === 'resolved' && inNov(e.at)) && lastStatusByEnd(o) === 'resolved').length,
    ticketed: ours.filter((o) => o.events.some((e) => e.type === 'ticketed' && inNov(e.at))).length,
    answered: ours.filter((o) => o.events.some((e) => e.type === 'answered' && inNov(e.at))).length,
    due: due.length,
    onTime: due.filter((o) => firstFinal(o) && firstFinal(o)! <= o.dueAt).length,
    topics: decided.length,
    electorate: decided.reduce((n, t) => n + t.result!.households.electorate, 0),
    paper: decided.reduce((n, t) => n + t.result!.households.byChannel.paper, 0),
    voted: decided.reduce((n, t) => n + t.result!.households.voted, 0),
  };
}

describe('console.stats consultation', () => {
  it('"召开业主会议 43 次，收集并解决群众意见建议 79 条": the figures equal the records', async () => {
    const s = await ok(cloud.act<StatsView>('console', { action: 'stats', ...NOV }, wang));
    const c = s.consultation;
    const r = fromRecords();
    expect([r.meetingsHeld, r.resolved]).toEqual([43, 79]);
    expect(c.meetingsHeld.total).toBe(43);
    expect(c.opinionsResolved).toBe(79);
    expect(c.meetingsHeld.byKind.find((k) => k.key === 'ownersMeeting')?.count).toBe(r.ownersMeetings);
    expect(c.meetingsHeld.byKind.reduce((n, k) => n + k.count, 0)).toBe(43);
    expect(c.attendance.total).toBe(r.attendance);
    expect(c.attendance.byRole.find((k) => k.key === 'residentRep')?.count).toBe(r.residentReps);
    expect([c.opinionsCollected, c.opinionsTicketed, c.opinionsAnswered, c.opinionsDue, c.opinionsRepliedOnTime]).toEqual([r.collected, r.ticketed, r.answered, r.due, r.onTime]);
    expect(c.onTimeReplyRate).toBe(Math.round((r.onTime / r.due) * 1000) / 1000);
    expect(c.topicsDecided.total).toBe(r.topics);
    expect(c.topicsDecided.byOutcome.filter((o) => o.count).map((o) => [o.key, o.count])).toEqual([
      ['passed', 1],
      ['chosen', 1],
      ['meetsHouseholdThresholds', 1],
    ]);
    expect(c.turnoutByChannel.electorate).toBe(r.electorate);
    expect(c.turnoutByChannel.paper).toEqual({ numerator: r.paper, denominator: r.electorate, rate: Math.round((r.paper / r.electorate) * 1000) / 1000 });
    expect(c.turnoutByChannel.all.numerator).toBe(r.voted);
  });

  it('a grid worker reads the same community figures (meetings and topics are the community’s, counts only)', async () => {
    const admin = await ok(cloud.act<StatsView>('console', { action: 'stats', ...NOV }, wang));
    const worker = await ok(cloud.act<StatsView>('console', { action: 'stats', ...NOV }, yan));
    expect(worker.consultation).toEqual(admin.consultation);
  });

  it('another period counts only its own records: December has one held meeting and one opinion resolved (in December)', async () => {
    const s = await ok(cloud.act<StatsView>('console', { action: 'stats', from: '2026-12-01', to: '2026-12-31' }, wang));
    expect(s.consultation.meetingsHeld.total).toBe(1);
    expect(s.consultation.opinionsResolved).toBe(1);
    expect(s.consultation.topicsDecided.total).toBe(1);
  });
});

async function download(f: LedgerFile): Promise<Buffer> {
  const r = await fetch(f.tempFileURL);
  expect(r.status).toBe(200);
  return Buffer.from(await r.arrayBuffer());
}
const exportOf = (kind: string, format: 'csv' | 'xlsx') => ok(cloud.act<LedgerFile>('console', { action: 'exportLedger', ...NOV, format, kind }, wang));
async function sheetOf(f: LedgerFile): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await download(f)) as never);
  return wb.worksheets[0];
}
const rowsOf = (ws: ExcelJS.Worksheet) => {
  const out: unknown[][] = [];
  ws.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
  return out;
};

describe('console.exportLedger meetings, topics, opinions', () => {
  it('会议台账: one row per meeting starting in the period (drafts left out), kind, attendance by role, opinions collected; CSV and XLSX alike', async () => {
    const x = await exportOf('meetings', 'xlsx');
    const want = meetings.filter((m) => m.communityId === 'c-laocheng' && m.status !== 'draft' && inNov(m.startAt));
    expect([x.fileName, x.rows]).toEqual(['会议台账-2026-11-01至2026-11-30.xlsx', want.length]);
    const ws = await sheetOf(x);
    expect(ws.name).toBe('会议台账');
    const rows = rowsOf(ws);
    expect(rows[0].slice(0, 4)).toEqual(['编号', '会议类型', '会议主题', '开始时间']);
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(want.map((m) => m._id).sort());
    const m0 = rows.find((r) => r[0] === 'm-0')!;
    expect(m0.slice(1, 4)).toEqual(['业主会议', '第0次议事', '2026-11-01 00:00']);
    expect(m0[8]).toBe(meetings[0].attendance.reduce((n, a) => n + a.count, 0));
    expect(m0[9]).toBe(`居民代表 ${meetings[0].attendance[0].count}人`);
    expect(m0[11]).toBe(1); // opinion o-206 was collected at m-0
    expect(rows.find((r) => r[0] === 'm-102')![7]).toBe('已取消');
    const c = await exportOf('meetings', 'csv');
    expect(c.rows).toBe(want.length);
    const text = (await download(c)).subarray(3).toString('utf8');
    expect(text.startsWith('编号,会议类型,会议主题,开始时间,')).toBe(true);
  });

  it('议题台账: one row per topic closing in the period with counts per channel and option — no household, no choice of anyone; nothing of the split before the result', async () => {
    const x = await exportOf('topics', 'xlsx');
    const rows = rowsOf(await sheetOf(x));
    expect(x.rows).toBe(4); // t-1, t-2, t-3 decided in November, t-5 still voting; t-4 closes in December
    const t1 = rows.find((r) => r[0] === 't-1')!;
    const col = (h: string) => rows[0].indexOf(h);
    expect([t1[col('表决范围')], t1[col('状态')], t1[col('应参与户数')], t1[col('参与户数')], t1[col('微信户数')], t1[col('柜台代投户数')], t1[col('纸质票户数')], t1[col('参与率')]]).toEqual(['壁山丽景小区', '已出结果', 96, 68, 40, 6, 22, '70.8%']);
    expect(t1[col('各选项户数')]).toBe('同意 50（微信 30 · 柜台代投 5 · 纸质票 15）；不同意 13（微信 8 · 柜台代投 1 · 纸质票 4）；弃权 3（微信 2 · 柜台代投 0 · 纸质票 1）');
    expect([t1[col('纸质空白票')], t1[col('纸质无效票')], t1[col('结果')]]).toEqual([1, 1, '通过']);
    expect(rows.find((r) => r[0] === 't-3')![col('结果')]).toBe('选出：planB');
    const t5 = rows.find((r) => r[0] === 't-5')!;
    expect([t5[col('状态')], t5[col('参与户数')] ?? '', t5[col('各选项户数')] ?? '', t5[col('结果')] ?? '']).toEqual(['已排期', '', '', '']); // empty cells
    const csv = (await download(await exportOf('topics', 'csv'))).toString('utf8');
    expect(csv).not.toMatch(/e-bishan\|/); // no household key
    expect(csv).not.toMatch(/choice|voterKey/);
  });

  it("意见台账: one row per opinion given in the period, the giver's name (no phone, no household), the meeting's title; a formula stays text", async () => {
    const x = await exportOf('opinions', 'xlsx');
    const want = opinions.filter((o) => o.communityId === 'c-laocheng' && inNov(o.createdAt));
    expect(x.rows).toBe(want.length);
    const ws = await sheetOf(x);
    const rows = rowsOf(ws);
    const col = (h: string) => rows[0].indexOf(h);
    const o206 = rows.find((r) => r[0] === 'o-206')!;
    expect([o206[col('来源')], o206[col('会议')], o206[col('提出人')], o206[col('状态')], o206[col('按期答复')]]).toEqual(['会议上提出', '第0次议事', '邹建庄', '待受理', '否（未答复）']);
    expect(o206[col('意见内容')]).toBe('=HYPERLINK("http://evil.example","点我") 楼道灯坏了');
    let formulas = 0;
    ws.eachRow((row) => row.eachCell((c) => (formulas += c.type === ExcelJS.ValueType.Formula ? 1 : 0)));
    expect(formulas).toBe(0);
    const o202 = rows.find((r) => r[0] === 'o-202')!;
    expect([o202[col('状态')], o202[col('按期答复')]]).toEqual(['已答复', '否']);
    const csv = (await download(await exportOf('opinions', 'csv'))).toString('utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"") 楼道灯坏了"`);
    expect(csv).not.toContain('13899012345'); // 邹建庄's phone
    expect(csv).not.toContain('e-bishan|5|1|502');
  });

  it('is for admins only: a grid worker is refused', async () => {
    const r = await cloud.act('console', { action: 'exportLedger', ...NOV, format: 'csv', kind: 'opinions' }, yan);
    expect(r.ok).toBe(false);
  });
});
