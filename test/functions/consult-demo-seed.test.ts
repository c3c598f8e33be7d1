/**
 * The demo's 有事来商量 records (`local/seed/demo-consultation.ts`, issue 20) through the real
 * wx-server-sdk: `console.stats` consultation figures of last month and this month, as 王乐天 reads
 * them, equal the seeded records counted here by plain filtering; the seed holds what the issue's
 * "Done when" asks — a held meeting with minutes and five opinions (two resolved, one answered, one
 * ticketed whose ticket is closed and linked both ways, one open), a planned 议事长廊 open for
 * sign-ups, the open 充电桩安装 with WeChat, counter and paper votes (each household once), and a
 * decided, published topic whose result is its votes' count — and the three ledgers list them.
 */
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { LedgerFile, StatsView } from '../../cloudfunctions/console/contract';
import type { Meeting, Opinion, PaperTally, Ticket, Topic, Vote } from '../../cloudfunctions/shared/model';
import { DEMO_CONSULT, majorityResult } from '../../local/seed/demo-consultation';

let cloud: TestCloud;
/** the seed's clock (it seeds at start with the real time; the test reads within seconds of it) */
let NOW: Date;
const wang = openidOf('a-wang');

beforeAll(async () => {
  NOW = new Date();
  cloud = await startTestCloud({ demoTickets: true });
});
afterAll(() => cloud.close());

const all = <T>(c: string) => cloud.db.all(c) as unknown as T[];
/** Local month `offset` months from the emulator clock's month: [from, to, start, end]. */
function month(offset: number) {
  const today = new Date(NOW.getTime() + 8 * 3_600_000);
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth() + offset;
  const first = new Date(Date.UTC(y, m, 1));
  const last = new Date(Date.UTC(y, m + 1, 0));
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return { from: iso(first), to: iso(last), start: new Date(first.getTime() - 8 * 3_600_000), end: new Date(last.getTime() + 16 * 3_600_000 - 1) };
}

it('holds the demo the issue asks for', () => {
  const meetings = all<Meeting>('meetings');
  const held = meetings.find((m) => m._id === DEMO_CONSULT.heldMeeting)!;
  expect([held.kind, held.status, held.minutes.length > 0]).toEqual(['ownersMeeting', 'held', true]);
  expect(new Set(held.attendance.map((a) => a.role))).toEqual(new Set(['residentRep', 'buildingHead', 'propertyManager', 'department', 'cppccMember', 'gridWorker', 'communityCadre']));
  const planned = meetings.find((m) => m._id === DEMO_CONSULT.plannedMeeting)!;
  expect([planned.kind, planned.status, planned.capacity! > planned.signedUp, planned.startAt > NOW]).toEqual(['corridor', 'planned', true, true]);

  const opinions = all<Opinion>('opinions').filter((o) => o.meetingId === held._id);
  expect(opinions.map((o) => o.status).sort()).toEqual(['answered', 'open', 'resolved', 'resolved', 'resolved']);
  const roof = opinions.find((o) => o.ticketId)!;
  const ticket = all<Ticket & { opinionId?: string }>('tickets').find((t) => t._id === roof.ticketId)!;
  expect([ticket.status, ticket.opinionId, ticket.source, roof.status]).toEqual(['closed', roof._id, 'organisationDiscussion', 'resolved']);
  expect(roof.events.find((e) => e.type === 'resolved')!.at).toEqual(ticket.closedAt);

  const topics = all<Topic>('topics');
  const votes = all<Vote>('votes');
  const charging = topics.find((t) => t._id === DEMO_CONSULT.chargingTopic)!;
  expect([charging.title, charging.rule, charging.civilCodeItem, charging.status, charging.voteFrom! < NOW, charging.voteUntil! > NOW]).toEqual(['充电桩安装', 'civilCode', 7, 'scheduled', true, true]);
  const cv = votes.filter((v) => v.topicId === charging._id);
  expect(new Set(cv.map((v) => v.channel))).toEqual(new Set(['wechat', 'counter', 'paper']));
  expect(new Set(cv.map((v) => v.householdKey)).size).toBe(cv.length); // one per household
  expect(new Set(cv.map((v) => v.voterKey)).size).toBe(cv.length);
  const counter = cv.find((v) => v.channel === 'counter')!;
  expect([counter.castBy.role, counter.consent?.method, counter.subjectId]).toEqual(['gridWorker', 'spoken', 'r-ma']);
  const tallies = all<PaperTally>('paperTallies');
  const ct = tallies.find((t) => t.topicId === charging._id)!;
  expect(ct.state).toBe('counted');
  expect(Object.values(ct.counts).reduce((a, b) => a + b, 0) + ct.blank + ct.invalid).toBe(ct.rooms.length);
  expect(cv.filter((v) => v.channel === 'paper').map((v) => v.householdKey).sort()).toEqual([...ct.rooms].sort());
  const estate = all<{ _id: string; buildings: string[]; households?: Record<string, number> }>('estates').find((e) => e._id === 'e-bishan')!;
  expect(Object.keys(estate.households!).sort()).toEqual([...estate.buildings].sort());
  expect(charging.electorate!.households).toBe(Object.values(estate.households!).reduce((a, b) => a + b, 0));

  const lights = topics.find((t) => t._id === DEMO_CONSULT.lightsTopic)!;
  expect([lights.status, !!lights.publishedAt]).toEqual(['decided', true]);
  const lv = votes.filter((v) => v.topicId === lights._id);
  expect(lights.result).toEqual(majorityResult(lv, tallies.filter((t) => t.topicId === lights._id), lights.electorate!.households, lights.result!.decidedAt));
  expect([lights.result!.households.voted, lights.result!.households.byChannel]).toEqual([lv.length, { wechat: 3, counter: 1, paper: 10 }]);
  expect([lights.result!.outcome, lights.result!.passed]).toEqual(['passed', true]);
});

it.each([
  ['last month', -1],
  ['this month', 0],
])('console.stats consultation of %s equals the seeded records', async (_, offset) => {
  const p = month(offset);
  const s = await ok(cloud.act<StatsView>('console', { action: 'stats', from: p.from, to: p.to }, wang));
  const c = s.consultation;
  const inP = (d: Date | undefined) => !!d && d >= p.start && d <= p.end;
  const ours = <T extends { communityId: string }>(x: T[]) => x.filter((d) => d.communityId === 'c-laocheng');
  const held = ours(all<Meeting>('meetings')).filter((m) => m.status === 'held' && inP(m.startAt));
  const ops = ours(all<Opinion>('opinions'));
  const decided = ours(all<Topic>('topics')).filter((t) => t.status === 'decided' && inP(t.result?.decidedAt));
  expect(c.meetingsHeld.total).toBe(held.length);
  expect(c.meetingsHeld.byKind.find((k) => k.key === 'ownersMeeting')!.count).toBe(held.filter((m) => m.kind === 'ownersMeeting').length);
  expect(c.attendance.total).toBe(held.reduce((n, m) => n + m.attendance.reduce((k, a) => k + a.count, 0), 0));
  expect(c.opinionsCollected).toBe(ops.filter((o) => inP(o.createdAt)).length);
  expect(c.opinionsResolved).toBe(ops.filter((o) => o.status === 'resolved' && o.events.some((e) => e.type === 'resolved' && inP(e.at))).length);
  expect(c.opinionsTicketed).toBe(ops.filter((o) => o.events.some((e) => e.type === 'ticketed' && inP(e.at))).length);
  expect(c.opinionsAnswered).toBe(ops.filter((o) => o.events.some((e) => e.type === 'answered' && inP(e.at))).length);
  expect(c.topicsDecided.total).toBe(decided.length);
  expect(c.turnoutByChannel.paper.numerator).toBe(decided.reduce((n, t) => n + t.result!.households.byChannel.paper, 0));
  if (offset === -1) {
    // the held 业主会议 of the 15th and its opinions: 3 resolved (two directly, one by its ticket), 1 ticketed, 1 answered
    expect([c.meetingsHeld.total, c.opinionsCollected, c.opinionsResolved, c.opinionsTicketed, c.opinionsAnswered, c.topicsDecided.total]).toEqual([1, 5, 3, 1, 1, 1]);
  }
});

it('the ledgers list the seeded meetings, topics and opinions of last month', async () => {
  const p = month(-1);
  const rows = async (kind: string) => (await ok(cloud.act<LedgerFile>('console', { action: 'exportLedger', from: p.from, to: p.to, format: 'csv', kind }, wang))).rows;
  expect([await rows('meetings'), await rows('topics'), await rows('opinions')]).toEqual([1, 1, 5]);
});
