/**
 * The new steps of the case loop through the real wx-server-sdk (issue 21; docs/case-loop-design.md
 * §3): 延期 (requestExtension → decideExtension), 挂起 (suspend → resume, by hand and by the timer on
 * its date), 核查 (verify, before closing a community problem), 退单's count and what residents read
 * of it, and `pendingDecisions` for the desk. Each step's happy path and its refusals (wrong person,
 * wrong state, self-check, a second request while one waits, bad dates) — a refusal writes nothing —
 * two admins deciding one request at once, a suspended ticket the timer never escalates and that
 * resumes on its date with its deadline moved by the working days it stood still, and what the
 * reporter's 消息 holds. The clock is the emulator's, set to Monday 2026-12-07 10:00 (Asia/Shanghai).
 */
import { addWorkingDays, endOfLocalDay } from '../../cloudfunctions/shared/deadlines';
import type { PendingDecisions, ResidentTicketView, StaffTicketView, TicketGet } from '../../cloudfunctions/ticket/contract';
import { ok, openidOf, startTestCloud, type Envelope, type TestCloud } from '../support/local-cloud';

let cloud: TestCloud;
const zhao = openidOf('r-zhao');
const yan = openidOf('w-yan');
const wang = openidOf('a-wang');
/** a second grid worker of 老城 (another grid) and a second admin, added for these tests */
const he = openidOf('w-he');
const qian = openidOf('a-qian');
let n = 0;
const rid = () => `loop-${(n += 1).toString().padStart(6, '0')}`;
const act = <T>(event: object, openid: string) => cloud.act<T>('ticket', event, openid);
const stored = (id: string) => cloud.db.find('tickets', { _id: id })[0] as unknown as Record<string, unknown> & { events: { type: string; note: string; public: boolean; detail?: Record<string, unknown> }[] };
const MONDAY = new Date('2026-12-07T02:00:00Z'); // 10:00 in Shanghai
const DAY = 24 * 3600_000;

/** 赵建国 reports a problem at 碧山 3号楼 (grid G-LC-01, 严婷's) and 严婷 accepts it. */
async function accepted(over: Record<string, unknown> = {}): Promise<string> {
  cloud.db.remove('quotas', 'WHERE', {}, true);
  const t = await ok(act<ResidentTicketView>({ action: 'report', category: 'sanitation', text: '楼道里堆满了杂物，老人上下楼不方便', where: { estateId: 'e-bishan', building: '3号楼' }, requestId: rid(), ...over }, zhao));
  await ok(act<StaffTicketView>({ action: 'accept', ticketId: t.id }, yan));
  return t.id;
}

/** Expects `call` refused with `code`, writing nothing. */
async function refused(call: () => Promise<Envelope<unknown>>, code: string): Promise<void> {
  const before = cloud.snapshot();
  expect(await call()).toMatchObject({ ok: false, error: { code } });
  expect(cloud.snapshot()).toBe(before);
}

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 4 });
  cloud.db.insert('users', [
    { _id: 'w-he', openid: he, name: '何春燕', role: 'gridWorker', communityId: 'c-laocheng', gridIds: ['G-LC-09'], verified: true, createdAt: new Date() },
    { _id: 'a-qian', openid: qian, name: '钱卫东', role: 'communityAdmin', communityId: 'c-laocheng', verified: true, createdAt: new Date() },
  ]);
}, 60_000);
beforeEach(() => cloud.setClock(MONDAY));
afterAll(() => {
  cloud.setClock(null);
  return cloud.close();
});

describe('延期 (extension)', () => {
  it('the assignee asks, an admin approves: the deadline moves to the end of the date, deferred; the reporter is told the new date, the assignee the decision', async () => {
    const id = await accepted();
    const r = await ok(act<StaffTicketView>({ action: 'requestExtension', ticketId: id, untilDate: '2026-12-31', reason: '要等物业请清运公司来，年底前才排得上' }, yan));
    expect(r.extension).toMatchObject({ status: 'requested', untilDate: '2026-12-31', byName: '严婷' });
    expect(r.can).toMatchObject({ requestExtension: false, decideExtension: false });
    expect(stored(id).events.at(-1)).toMatchObject({ type: 'extensionRequested', public: false });
    // the reporter does not read the request
    const before = await ok(act<TicketGet>({ action: 'get', ticketId: id }, zhao));
    expect(JSON.stringify(before)).not.toContain('清运公司');

    const admin = await ok(act<TicketGet>({ action: 'get', ticketId: id }, wang));
    expect(admin.view === 'staff' && admin.ticket.can.decideExtension).toBe(true);
    const d = await ok(act<StaffTicketView>({ action: 'decideExtension', ticketId: id, approve: true }, wang));
    expect(d).toMatchObject({ deferred: true, overdue: false, extension: { status: 'approved', decidedByName: '王乐天' } });
    expect(d.dueAt).toBe(endOfLocalDay('2026-12-31').toISOString());
    expect(stored(id)).toMatchObject({ deferred: true, extension: { status: 'approved' } });

    const mine = await ok(act<TicketGet>({ action: 'get', ticketId: id }, zhao));
    expect(mine.view).toBe('resident');
    if (mine.view !== 'resident') return;
    expect(mine.ticket.promisedDate).toBe('2026-12-31');
    expect(mine.ticket.timeline.at(-1)).toMatchObject({ type: 'extended', title: '办理期限延至 12月31日 周四' });
    expect(JSON.stringify(mine.ticket)).not.toContain('清运公司');
    // 消息: the reporter holds the new date; the assignee the decision
    const inbox = await ok(cloud.act<{ items: { title: string; lines: string[] }[] }>('account', { action: 'myMessages' }, zhao));
    expect(JSON.stringify(inbox)).toContain('办理期限延至 12月31日 周四');
    expect(cloud.db.find('messages', { userId: 'w-yan', title: '延期申请已批准' })).toEqual([expect.objectContaining({ lines: [expect.any(String), '办理期限延至 12月31日 周四'], page: `desk/pages/detail/index?id=${id}` })]);
  });

  it('refusals: an admin or another worker asking, a date not after the deadline or over 60 days, a second request while one waits, a decline without words', async () => {
    const id = await accepted();
    const due = new Date(stored(id).dueAt as Date);
    const dueDate = new Date(due.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    await refused(() => act({ action: 'requestExtension', ticketId: id, untilDate: '2026-12-31', reason: '等待物业' }, wang), 'COMMON.FORBIDDEN');
    await refused(() => act({ action: 'requestExtension', ticketId: id, untilDate: '2026-12-31', reason: '等待物业' }, he), 'TICKET.NOT_FOUND');
    await refused(() => act({ action: 'requestExtension', ticketId: id, untilDate: dueDate, reason: '等待物业' }, yan), 'TICKET.DEADLINE_INVALID');
    await refused(() => act({ action: 'requestExtension', ticketId: id, untilDate: '2027-02-06', reason: '等待物业' }, yan), 'TICKET.DEADLINE_INVALID');
    await refused(() => act({ action: 'decideExtension', ticketId: id, approve: true }, wang), 'TICKET.WRONG_STATE');
    await ok(act({ action: 'requestExtension', ticketId: id, untilDate: '2027-02-05', reason: '等待物业' }, yan));
    await refused(() => act({ action: 'requestExtension', ticketId: id, untilDate: '2027-01-05', reason: '再等等' }, yan), 'TICKET.EXTENSION_PENDING');
    await refused(() => act({ action: 'decideExtension', ticketId: id, approve: true }, yan), 'COMMON.FORBIDDEN');
    await refused(() => act({ action: 'decideExtension', ticketId: id, approve: false }, wang), 'COMMON.INVALID_INPUT');
    // declined: an internal step, the deadline stays, not deferred, and a new request may follow
    const d = await ok(act<StaffTicketView>({ action: 'decideExtension', ticketId: id, approve: false, reason: '这件事不用等这么久，请先联系物业' }, wang));
    expect(d).toMatchObject({ deferred: false, dueAt: due.toISOString(), extension: { status: 'declined', declineReason: '这件事不用等这么久，请先联系物业' } });
    expect(stored(id).events.at(-1)).toMatchObject({ type: 'extensionDeclined', public: false });
    expect(cloud.db.find('messages', { userId: 'w-yan', title: '延期申请没有批准' }).length).toBeGreaterThanOrEqual(1);
    await ok(act({ action: 'requestExtension', ticketId: id, untilDate: '2026-12-20', reason: '先联系物业，再等几天' }, yan));
  });

  it('two admins decide the same request at once: exactly one decision lands, the other is told it is decided', async () => {
    const id = await accepted();
    await ok(act({ action: 'requestExtension', ticketId: id, untilDate: '2026-12-28', reason: '等物业的维修队' }, yan));
    const [a, b] = await Promise.all([act({ action: 'decideExtension', ticketId: id, approve: true }, wang), act({ action: 'decideExtension', ticketId: id, approve: false, reason: '不用延期，这周办完' }, qian)]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect([a, b].find((x) => !x.ok)).toMatchObject({ ok: false, error: { code: 'TICKET.WRONG_STATE' } });
    const decisions = stored(id).events.filter((e) => e.type === 'extended' || e.type === 'extensionDeclined');
    expect(decisions).toHaveLength(1);
    expect(stored(id).version).toBe(3);
  });
});

describe('挂起 (suspension)', () => {
  it('a suspended ticket is never escalated, resumes on its date by the timer with the deadline moved by the working days it stood still; the reporter is told both', async () => {
    const id = await accepted();
    const dueBefore = new Date(stored(id).dueAt as Date);
    const s = await ok(act<StaffTicketView>({ action: 'suspend', ticketId: id, reason: '等天晴了才能补路面', untilDate: '2026-12-18' }, yan));
    expect(s).toMatchObject({ dueAt: null, overdue: false, suspension: { reason: '等天晴了才能补路面', untilDate: '2026-12-18', byName: '严婷' }, can: { resume: true, suspend: false, requestExtension: false } });
    const r = await ok(act<TicketGet>({ action: 'get', ticketId: id }, zhao));
    expect(r.view === 'resident' && [r.ticket.promisedDate, r.ticket.suspendedUntil]).toEqual([null, '2026-12-18']);
    await refused(() => act({ action: 'suspend', ticketId: id, reason: '再等等', untilDate: '2026-12-20' }, yan), 'TICKET.SUSPENDED');
    await refused(() => act({ action: 'requestExtension', ticketId: id, untilDate: '2026-12-31', reason: '等天晴' }, yan), 'TICKET.SUSPENDED');

    // past the old deadline: the timer leaves it alone
    cloud.setClock(new Date(dueBefore.getTime() + 2 * DAY));
    await cloud.trigger('ticket', 'ticketJobs');
    expect(stored(id)).toMatchObject({ overdue: false, dueAt: null });
    expect(stored(id).events.some((e) => e.type === 'escalated')).toBe(false);
    // the day before its date nothing resumes
    cloud.setClock(new Date('2026-12-17T15:00:00Z')); // 12-17 23:00 local
    expect(await cloud.trigger('ticket', 'resumeSuspensions')).toEqual({ ok: true, data: { resumed: 0 } });

    cloud.setClock(new Date('2026-12-17T16:30:00Z')); // 12-18 00:30 local
    const jobs = (await cloud.trigger('ticket', 'ticketJobs')) as Envelope<Record<string, number>>;
    expect(jobs).toMatchObject({ ok: true, data: { resumed: 1, escalated: 0 } });
    // working days in (12-07, 12-18]: 8 9 10 11 · 14 15 16 17 18 = 9 (no public holiday in December 2026)
    const after = stored(id);
    expect(after).toMatchObject({ suspension: null, suspendedDays: 11, overdue: false });
    expect((after.dueAt as Date).toISOString()).toBe(addWorkingDays(dueBefore, 9).toISOString());
    expect(after.events.at(-1)).toMatchObject({ type: 'resumed', public: true, actorRole: 'timer', detail: { auto: true, days: 11, workingDays: 9 } });
    expect(await cloud.trigger('ticket', 'resumeSuspensions')).toEqual({ ok: true, data: { resumed: 0 } });

    const titles = cloud.db.find('messages', { userId: 'r-zhao' }, { limit: 1000 }).filter((m) => String(m.page).includes(id)).map((m) => (m.lines as string[]).join(' '));
    expect(titles).toEqual(expect.arrayContaining([expect.stringContaining('等天晴了才能补路面，预计 12月18日 周五 恢复办理'), expect.stringContaining('已恢复办理')]));
  });

  it('resume by hand; refusals: not suspended, a date today or over 60 days, someone not handling it; handling while suspended ends it', async () => {
    const id = await accepted();
    await refused(() => act({ action: 'resume', ticketId: id }, yan), 'TICKET.NOT_SUSPENDED');
    await refused(() => act({ action: 'suspend', ticketId: id, reason: '等待供电局', untilDate: '2026-12-07' }, yan), 'TICKET.DEADLINE_INVALID');
    await refused(() => act({ action: 'suspend', ticketId: id, reason: '等待供电局', untilDate: '2027-02-06' }, yan), 'TICKET.DEADLINE_INVALID');
    await refused(() => act({ action: 'suspend', ticketId: id, reason: '等待供电局', untilDate: '2026-12-10' }, he), 'TICKET.NOT_FOUND');
    await refused(() => act({ action: 'suspend', ticketId: id, reason: '等待供电局', untilDate: '2026-12-10' }, zhao), 'COMMON.FORBIDDEN');
    // an admin may suspend; the assignee resumes on Wednesday: 2 working days stood still
    const dueBefore = new Date(stored(id).dueAt as Date);
    await ok(act({ action: 'suspend', ticketId: id, reason: '等待供电局', untilDate: '2026-12-20' }, wang));
    cloud.setClock(new Date(MONDAY.getTime() + 2 * DAY));
    const r = await ok(act<StaffTicketView>({ action: 'resume', ticketId: id }, yan));
    expect(r).toMatchObject({ suspension: null, suspendedDays: 2 });
    expect(r.dueAt).toBe(addWorkingDays(dueBefore, 2).toISOString());

    const other = await accepted();
    await ok(act({ action: 'suspend', ticketId: other, reason: '等待供电局', untilDate: '2026-12-20' }, yan));
    cloud.setClock(new Date(MONDAY.getTime() + 3 * DAY));
    const h = await ok(act<StaffTicketView>({ action: 'handle', ticketId: other, result: '供电局提前来修好了' }, yan));
    expect(h).toMatchObject({ status: 'handled', suspension: null, suspendedDays: 1 });
    expect(stored(other)).toMatchObject({ handledOnTime: true, suspension: null });
    // the days it stood still go with the handling's event: console.stats' 挂起天数 reads them there
    expect(stored(other).events.filter((e) => e.type === 'handled').map((e) => e.detail)).toEqual([{ suspendedDays: 1 }]);
  });
});

describe('核查 (verification) before closing a community problem', () => {
  it('close needs a passed check; the handler cannot check; a failed check sends it back (重办); another grid worker finds it and checks; disputes close as before', async () => {
    const id = await accepted();
    await ok(act({ action: 'handle', ticketId: id, result: '杂物已经清走了' }, yan));
    await ok(act({ action: 'followUp', ticketId: id, date: '2026-12-07', method: 'phone', reporterSaid: '清干净了' }, yan));
    await refused(() => act({ action: 'close', ticketId: id }, yan), 'TICKET.VERIFY_REQUIRED');
    await refused(() => act({ action: 'verify', ticketId: id, passed: true }, yan), 'TICKET.SELF_VERIFY');
    await refused(() => act({ action: 'verify', ticketId: id, passed: false }, he), 'COMMON.INVALID_INPUT');
    // a resident who is no 信息员 volunteer (issue 22: verify is open to them) learns nothing of it
    await refused(() => act({ action: 'verify', ticketId: id, passed: true }, zhao), 'TICKET.NOT_FOUND');

    // 何春燕 (another grid of the community) sees it to check, not her own, and can open it
    const hers = await ok(act<PendingDecisions>({ action: 'pendingDecisions' }, he));
    expect(hers.extensions).toEqual([]);
    expect(hers.toVerify.map((t) => t.id)).toContain(id);
    expect(hers.toVerify.find((t) => t.id === id)).toMatchObject({ needsVerification: true, reporter: null, reporterHidden: true, can: { verify: true, close: false } });
    const yans = await ok(act<PendingDecisions>({ action: 'pendingDecisions' }, yan));
    expect(yans.toVerify.map((t) => t.id)).not.toContain(id);
    expect(await act<TicketGet>({ action: 'get', ticketId: id }, he)).toMatchObject({ ok: true, data: { view: 'staff', ticket: { id, can: { verify: true } } } });

    const failed = await ok(act<StaffTicketView>({ action: 'verify', ticketId: id, passed: false, note: '楼梯拐角还堆着两袋垃圾' }, he));
    expect(failed).toMatchObject({ status: 'inProgress', verifyReworks: 1, verification: null });
    expect(stored(id)).toMatchObject({ followUps: 0, verifyReworks: 1 });
    expect(stored(id).events.slice(-2)).toMatchObject([
      { type: 'verified', public: true, detail: { passed: false } },
      { type: 'rework', public: true, detail: { by: 'verification' } },
    ]);
    const r = await ok(act<TicketGet>({ action: 'get', ticketId: id }, zhao));
    expect(r.view === 'resident' && r.ticket.timeline.slice(-2).map((s) => s.title)).toEqual(['现场核查没有通过，重新处理', '重新处理']);

    await ok(act({ action: 'handle', ticketId: id, result: '剩下的两袋也清走了' }, yan));
    await ok(act({ action: 'followUp', ticketId: id, date: '2026-12-07', method: 'phone', reporterSaid: '这回干净了' }, yan));
    const admin = await ok(act<PendingDecisions>({ action: 'pendingDecisions' }, wang));
    expect(admin.toVerify.map((t) => t.id)).toContain(id);
    const passed = await ok(act<StaffTicketView>({ action: 'verify', ticketId: id, passed: true, note: '现场看过，干净了' }, wang));
    expect(passed).toMatchObject({ status: 'handled', verification: { passed: true, byName: '王乐天', note: '现场看过，干净了' }, can: { verify: false, close: true } });
    await refused(() => act({ action: 'verify', ticketId: id, passed: true }, he), 'TICKET.WRONG_STATE');
    expect((await ok(act<PendingDecisions>({ action: 'pendingDecisions' }, wang))).toVerify.map((t) => t.id)).not.toContain(id);
    await ok(act({ action: 'close', ticketId: id, summary: '核查通过，办结' }, yan));
    expect(stored(id)).toMatchObject({ status: 'closed' });

    // a neighbour dispute closes on the follow-up as before; nobody checks it
    const dispute = await accepted({ category: 'noise', text: '楼上半夜拖椅子，声音很大' });
    await ok(act({ action: 'handle', ticketId: dispute, result: '已经上门调解' }, yan));
    await refused(() => act({ action: 'verify', ticketId: dispute, passed: true }, wang), 'TICKET.WRONG_STATE');
    await refused(() => act({ action: 'verify', ticketId: dispute, passed: true }, he), 'TICKET.NOT_FOUND');
    await ok(act({ action: 'followUp', ticketId: dispute, date: '2026-12-07', method: 'visit', reporterSaid: '安静多了' }, yan));
    await ok(act({ action: 'close', ticketId: dispute }, yan));
  });

  it('autoClose closes a community problem only once checked', async () => {
    const id = await accepted();
    await ok(act({ action: 'handle', ticketId: id, result: '杂物已经清走了' }, yan));
    cloud.setClock(new Date(MONDAY.getTime() + 8 * DAY));
    await cloud.trigger('ticket', 'autoClose');
    expect(stored(id)).toMatchObject({ status: 'handled' });
    await ok(act({ action: 'verify', ticketId: id, passed: true, note: '' }, wang));
    await cloud.trigger('ticket', 'autoClose');
    expect(stored(id)).toMatchObject({ status: 'closed' });
  });
});

describe('退单 (return) and the desk', () => {
  it('a return counts, its reason is staff-only: residents read 「转社区统一协调」', async () => {
    const id = await accepted();
    await ok(act({ action: 'returnTicket', ticketId: id, reason: '这是市政道路，不归网格管' }, yan));
    expect(stored(id)).toMatchObject({ returns: 1, status: 'pending' });
    const r = await ok(act<TicketGet>({ action: 'get', ticketId: id }, zhao));
    expect(r.view === 'resident' && r.ticket.timeline.at(-1)).toMatchObject({ type: 'returned', title: '转社区统一协调', note: '' });
    expect(JSON.stringify(r)).not.toContain('市政道路');
    const a = await ok(act<TicketGet>({ action: 'get', ticketId: id }, wang));
    expect(a.view === 'staff' && [a.ticket.returns, a.ticket.timeline.at(-1)?.note]).toEqual([1, '这是市政道路，不归网格管']);
  });

  it('pendingDecisions: admins get the waiting requests; round trips within budget', async () => {
    const id = await accepted();
    const trips = async (event: object, openid: string) => {
      const before = cloud.db.stats.requests;
      const r = await act(event, openid);
      return { ok: r.ok, n: cloud.db.stats.requests - before };
    };
    const budget: Record<string, [{ ok: boolean; n: number }, number]> = {
      requestExtension: [await trips({ action: 'requestExtension', ticketId: id, untilDate: '2026-12-30', reason: '等物业的维修队' }, yan), 3],
      pendingDecisions: [await trips({ action: 'pendingDecisions' }, wang), 2],
      decideExtension: [await trips({ action: 'decideExtension', ticketId: id, approve: true }, wang), 8],
      suspend: [await trips({ action: 'suspend', ticketId: id, reason: '等天晴', untilDate: '2026-12-09' }, yan), 5],
      resume: [await trips({ action: 'resume', ticketId: id }, yan), 5],
    };
    await ok(act({ action: 'handle', ticketId: id, result: '已经修好了' }, yan));
    budget.verify = [await trips({ action: 'verify', ticketId: id, passed: true }, wang), 3];
    budget.pendingDecisionsWorker = [await trips({ action: 'pendingDecisions' }, he), 2];
    console.log(Object.entries(budget).map(([k, [r, max]]) => `${k}: ${r.n} of ≤ ${max}`).join('\n'));
    for (const [name, [r, max]] of Object.entries(budget)) expect({ name, ok: r.ok, withinBudget: r.n >= 1 && r.n <= max }).toEqual({ name, ok: true, withinBudget: true });
  });

  it('pendingDecisions lists a waiting request for admins only, oldest first', async () => {
    const id = await accepted();
    await ok(act({ action: 'requestExtension', ticketId: id, untilDate: '2026-12-30', reason: '等物业的维修队' }, yan));
    const a = await ok(act<PendingDecisions>({ action: 'pendingDecisions' }, qian));
    expect(a.extensions.find((t) => t.id === id)).toMatchObject({ extension: { status: 'requested', untilDate: '2026-12-30' }, can: { decideExtension: true } });
    expect((await ok(act<PendingDecisions>({ action: 'pendingDecisions' }, yan))).extensions).toEqual([]);
  });
});
