/**
 * The rooftop-pigeon case end to end through the real wx-server-sdk (issue 9, fixture d-pigeons):
 * 李秀兰 reports, 陈晓丹 accepts, coordinates with the law-enforcement team, handles, follows up,
 * closes; 李秀兰 sees the public timeline and rates. 冶永福 (the pigeon keeper, a neighbour in the
 * same building) learns nothing about who reported from any answer.
 */
import { openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { QueueView, ResidentTicketView, SimilarTicket, StaffTicketView } from '../../cloudfunctions/ticket/contract';

let cloud: TestCloud;
const li = openidOf('r-li');
const ye = openidOf('r-ye');
const chen = openidOf('w-chen');
const yan = openidOf('w-yan');

const PIGEONS = '早晚都有鸽子在阳台上飞来飞去，白天衣服、被子都没法晒！顶楼有人在楼顶搭了鸽子笼，养了一百多只鸽子。';
const reportPigeons = (over: Record<string, unknown> = {}) => ({
  action: 'report',
  category: 'animals',
  text: PIGEONS,
  where: { estateId: 'e-lantian', building: '7号楼', spot: '楼顶' },
  requestId: 'pigeons-0001',
  ...over,
});

beforeAll(async () => {
  cloud = await startTestCloud();
}, 60_000);
afterAll(() => cloud.close());

let ticketId = '';

it('李秀兰 reports the pigeons on 7号楼’s roof: queued for G-MZ-01, anonymous by default, one document with its first event', async () => {
  const r = await cloud.act<ResidentTicketView>('ticket', reportPigeons(), li);
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  ticketId = r.data.id;
  expect(r.data).toMatchObject({ status: 'pending', statusLabel: '等待网格员受理', relation: 'mine', helper: '网格员 陈晓丹', anonymous: true, categoryLabel: '饲养动物扰民' });
  expect(r.data.place.text).toBe('蓝天家园小区 7号楼 楼顶');
  const [stored] = cloud.db.find('tickets', { _id: ticketId });
  expect(stored).toMatchObject({ gridId: 'G-MZ-01', hardCase: false, reporterId: 'r-li', source: 'residentReport', version: 0 });
  expect(stored.events).toHaveLength(1);
  // accept within 24 hours
  const due = (stored.dueAt as Date).getTime() - (stored.createdAt as Date).getTime();
  expect(Math.abs(due - 24 * 3600_000)).toBeLessThan(60_000);
});

it('a repeated submit returns the same ticket; the same requestId with other words is refused', async () => {
  const again = await cloud.act<ResidentTicketView>('ticket', reportPigeons(), li);
  expect(again).toMatchObject({ ok: true, data: { id: ticketId } });
  const before = cloud.snapshot();
  expect(await cloud.act('ticket', reportPigeons({ text: '楼顶的鸽子又多了，请尽快处理一下' }), li)).toMatchObject({ ok: false, error: { code: 'COMMON.REQUEST_REUSED' } });
  expect(cloud.snapshot()).toBe(before);
});

it('冶永福 (the keeper) is never offered the dispute as “similar”, cannot open or join it — the same answers as for no ticket', async () => {
  const similar = await cloud.act<SimilarTicket[]>('ticket', { action: 'similar', category: 'animals', where: { estateId: 'e-lantian', building: '7号楼' } }, ye);
  expect(similar).toEqual({ ok: true, data: [] });
  const get = await cloud.act('ticket', { action: 'get', ticketId }, ye);
  expect(get).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_FOUND' } });
  const missing = await cloud.act('ticket', { action: 'get', ticketId: 'no-such-ticket' }, ye);
  expect(missing).toEqual(get);
  const before = cloud.snapshot();
  const join = await cloud.act('ticket', { action: 'join', ticketId }, ye);
  expect(join).toEqual(await cloud.act('ticket', { action: 'join', ticketId: 'no-such-ticket' }, ye));
  expect(join).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_FOUND' } });
  expect(cloud.snapshot()).toBe(before);
  const mine = await cloud.act<ResidentTicketView[]>('ticket', { action: 'myTickets' }, ye);
  expect(mine).toEqual({ ok: true, data: [] });
});

it('陈晓丹 finds it in her queue and accepts it; 严婷 (another community) cannot see or accept it', async () => {
  const q = await cloud.act<QueueView>('ticket', { action: 'queue' }, chen);
  expect(q.ok && q.data.waiting.map((t) => t.id)).toEqual([ticketId]);
  expect(await cloud.act('ticket', { action: 'accept', ticketId }, yan)).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_FOUND' } });
  const a = await cloud.act<StaffTicketView>('ticket', { action: 'accept', ticketId }, chen);
  expect(a).toMatchObject({ ok: true, data: { status: 'inProgress', assigneeName: '陈晓丹', reporter: { name: '李秀兰', phone: '13709945678', phoneMasked: false }, anonymous: true } });
  const q2 = await cloud.act<QueueView>('ticket', { action: 'queue' }, chen);
  expect(q2.ok && [q2.data.waiting.length, q2.data.mine.map((t) => t.id)]).toEqual([0, [ticketId]]);
});

it('she records the visit with the law-enforcement team, an internal note, the result and the follow-up, then closes it', async () => {
  const steps: Record<string, unknown>[] = [
    { action: 'coordinate', department: 'lawEnforcement', contact: '县综合行政执法队 马队长', agreed: '联合物业上门，要求冶大爷限期拆除楼顶鸽笼', by: '2026-12-01' },
    { action: 'note', text: '冶大爷说只是个鸽舍，不住人；需要执法队出面', public: false },
    { action: 'handle', result: '鸽子已迁走，楼顶鸽笼已拆除' },
    { action: 'followUp', date: '2026-11-22', method: 'visit', reporterSaid: '现在能晒被子了，满意' },
    { action: 'close', summary: '鸽笼拆除，反映人满意' },
  ];
  for (const s of steps) {
    const r = await cloud.act<StaffTicketView>('ticket', { ...s, ticketId }, chen);
    expect(r.ok).toBe(true);
  }
  const [stored] = cloud.db.find('tickets', { _id: ticketId });
  expect(stored).toMatchObject({ status: 'closed', closedOnTime: true, version: 6 });
  expect((stored.events as { type: string }[]).map((e) => e.type)).toEqual(['reported', 'accepted', 'coordinated', 'note', 'handled', 'followedUp', 'closed']);
});

it('李秀兰 sees the public timeline (no internal note) and rates it; rating twice is refused', async () => {
  const g = await cloud.act<{ view: string; ticket: ResidentTicketView }>('ticket', { action: 'get', ticketId }, li);
  expect(g.ok).toBe(true);
  if (!g.ok) return;
  expect(g.data.view).toBe('resident');
  expect(g.data.ticket.timeline.map((s) => s.title)).toEqual(['反映了问题', '网格员 陈晓丹 受理了', '已联系综合行政执法队', '已处理', '网格员 陈晓丹 回访', '已办结']);
  expect(JSON.stringify(g.data)).not.toContain('不住人');
  expect(g.data.ticket.canRate).toBe(true);
  const r = await cloud.act<ResidentTicketView>('ticket', { action: 'rate', ticketId, rating: 'satisfied', comment: '谢谢网格员' }, li);
  expect(r).toMatchObject({ ok: true, data: { status: 'closed', canRate: false, ratings: [{ rating: 'satisfied', ratingLabel: '满意' }] } });
  const before = cloud.snapshot();
  expect(await cloud.act('ticket', { action: 'rate', ticketId, rating: 'unsatisfied' }, li)).toMatchObject({ ok: false, error: { code: 'TICKET.ALREADY_RATED' } });
  expect(await cloud.act('ticket', { action: 'rate', ticketId, rating: 'satisfied' }, ye)).toMatchObject({ ok: false, error: { code: 'TICKET.NOT_FOUND' } });
  expect(cloud.snapshot()).toBe(before);
});

it('nothing 冶永福 can ask reveals the reporter', async () => {
  const answers = await Promise.all([
    cloud.act('ticket', { action: 'get', ticketId }, ye),
    cloud.act('ticket', { action: 'myTickets' }, ye),
    cloud.act('ticket', { action: 'similar', category: 'animals' }, ye),
    cloud.act('ticket', { action: 'join', ticketId }, ye),
    cloud.act('ticket', { action: 'rate', ticketId, rating: 'unsatisfied' }, ye),
    cloud.act('ticket', { action: 'queue' }, ye),
    cloud.act('ticket', { action: 'accept', ticketId }, ye),
  ]);
  expect(JSON.stringify(answers)).not.toMatch(/李秀兰|李女士|r-li|402|13709945678/);
});

describe('database round trips per action (issue 9 budgets: report ≤ 4, accept ≤ 5 — 3 + the reporter\'s 消息 and consent count, sent at once (issue 18) — queue ≤ 2)', () => {
  async function trips(event: object, openid: string): Promise<{ n: number; ok: boolean }> {
    const before = cloud.db.stats.requests;
    const r = await cloud.act('ticket', event, openid);
    return { n: cloud.db.stats.requests - before, ok: r.ok };
  }

  it('report, accept, queue, get, similar and myTickets stay within their budgets', async () => {
    const reported = await trips({ action: 'report', category: 'noise', text: '楼上半夜拖椅子，声音很大', where: { estateId: 'e-lantian', building: '7号楼' }, requestId: 'trips-0001' }, li);
    const [t] = cloud.db.find('tickets', { requestKey: 'r-li:trips-0001' });
    const queued = await trips({ action: 'queue' }, chen);
    const accepted = await trips({ action: 'accept', ticketId: t._id }, chen);
    const got = await trips({ action: 'get', ticketId: t._id }, li);
    const similar = await trips({ action: 'similar', category: 'noise' }, li);
    const mine = await trips({ action: 'myTickets' }, li);
    const budget = { report: [reported, 4], queue: [queued, 2], accept: [accepted, 5], get: [got, 3], similar: [similar, 2], myTickets: [mine, 2] } as const;
    for (const [name, [r, max]] of Object.entries(budget)) expect({ name, ok: r.ok, withinBudget: r.n >= 1 && r.n <= max }).toEqual({ name, ok: true, withinBudget: true });
  });
});
