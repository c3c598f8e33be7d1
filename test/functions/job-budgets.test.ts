/**
 * Jobs with a backlog, as a deployed function runs them (issue 18 §3): every run must end inside the
 * function's timeout at 20 ms a database call, so a job either does its backlog in a few
 * multi-document updates, or works through it over several runs with a time budget
 * (`shared/budget.ts`). Through the real wx-server-sdk; nothing here measures wall-clock time:
 * the budget is injected as 0 (`KIOSK_JOB_BUDGET_MS`, read by the function workers), so each run
 * of a budgeted job does exactly one batch, and round trips are counted by the emulator.
 */
import { ok, openidOf, startTestCloud, type Envelope, type TestCloud } from '../support/local-cloud';
import type { ServiceSaveResult } from '../../cloudfunctions/market/contract';
import { seedTickets } from '../../bench/jobs';

let cloud: TestCloud;
const wang = openidOf('a-wang');
const vendorTimer = () => cloud.pool.invoke('stall', { Type: 'Timer', TriggerName: 'drawStalls', Time: new Date().toISOString() }, { OPENID: '', APPID: '', SOURCE: 'wx_trigger' }) as Promise<Envelope<{ drawn: number }>>;
const marketTimer = () => cloud.trigger('market', 'ensureMarketDays') as Promise<Envelope<{ noShows: number }>>;
const trips = async <T>(work: () => Promise<T>): Promise<{ result: T; trips: number; byAction: Record<string, number> }> => {
  const before = cloud.db.stats.requests;
  const actions = { ...cloud.db.stats.byAction };
  const result = await work();
  const byAction = Object.fromEntries(Object.entries(cloud.db.stats.byAction).map(([k, v]) => [k, v - (actions[k] ?? 0)]).filter(([, v]) => v));
  return { result, trips: cloud.db.stats.requests - before, byAction };
};

beforeAll(async () => {
  // the function workers read it when they start: every budgeted job stops after its first batch
  process.env.KIOSK_JOB_BUDGET_MS = '0';
  cloud = await startTestCloud({ poolSize: 4 });
}, 60_000);
afterEach(() => cloud.setClock(null));
afterAll(async () => {
  delete process.env.KIOSK_JOB_BUDGET_MS;
  await cloud.close();
});

describe('a stall draw bigger than one run’s budget', () => {
  const date = '2024-12-06'; // a Friday, 老城社区's market day
  type App = { _id: string; vendorId: string; status: string; stallNumber: number | null; drawRank?: number; drawn?: boolean };
  const apps = () => cloud.db.find('stallApplications', { communityId: 'c-laocheng', date }, { limit: 1000 }) as unknown as App[];

  it('is applied over several timer runs, 10 applications a run: every result once, none lost, the record unchanged', async () => {
    cloud.setClock(new Date('2024-12-02T10:00:00+08:00'));
    await ok(cloud.act('stall', { action: 'setAllocation', mode: 'lottery', drawDaysBefore: 2, drawAt: '18:00' }, wang));
    const ids = Array.from({ length: 35 }, (_, i) => `v-budget-${i}`);
    cloud.db.insert('users', ids.map((id) => ({ _id: `u-${id}`, openid: openidOf(id), name: `摊主${id}`, role: 'vendor', communityId: 'c-laocheng', createdAt: new Date() })));
    cloud.db.insert('vendors', ids.map((id) => ({ _id: id, communityId: 'c-laocheng', name: `摊主${id}`, kind: 'farmer', goods: ['青菜'], userId: `u-${id}`, status: 'approved', regular: false, regularStall: null, absences: 0, createdAt: new Date() })));
    for (const id of ids) await ok(cloud.act('stall', { action: 'applyStall', dates: [date] }, openidOf(id)));
    expect(apps().filter((a) => a.status === 'applied')).toHaveLength(35);

    cloud.setClock(new Date('2024-12-04T18:05:00+08:00'));
    const waitingAfter: number[] = [];
    const drawnPerRun: number[] = [];
    for (let run = 0; run < 6; run += 1) {
      drawnPerRun.push((await ok(vendorTimer())).drawn);
      waitingAfter.push(apps().filter((a) => a.status === 'applied').length);
    }
    // one draw, then the rest of its record, a batch of 10 per run, then nothing left to do
    expect(drawnPerRun).toEqual([1, 0, 0, 0, 0, 0]);
    expect(waitingAfter).toEqual([25, 15, 5, 0, 0, 0]);
    const records = cloud.db.find('stallDraws', { communityId: 'c-laocheng', date }) as unknown as { results: { applicationId: string; status: string; stallNumber: number | null; waitlistPosition: number | null }[] }[];
    expect(records).toHaveLength(1);
    // every application got exactly what the record says: no stall twice, none lost
    const byId = new Map(apps().map((a) => [a._id, a]));
    expect(records[0].results).toHaveLength(35);
    for (const r of records[0].results) {
      const a = byId.get(r.applicationId)!;
      expect({ id: r.applicationId, status: a.status, stall: a.stallNumber, rank: a.drawRank ?? null }).toEqual({
        id: r.applicationId,
        status: r.status,
        stall: r.status === 'allocated' ? r.stallNumber : null,
        rank: r.status === 'waitlisted' ? r.waitlistPosition : null,
      });
    }
    const stalls = apps().filter((a) => a.status === 'allocated').map((a) => a.stallNumber);
    expect(new Set(stalls).size).toBe(stalls.length);
  }, 120_000);
});

describe('no-shows', () => {
  it('a backlog of 300 unused bookings is marked in one multi-document update; a second run changes nothing; a checked-in one stays', async () => {
    const ended = new Date(Date.now() - 2 * 3600_000);
    const booking = (i: number, status: string) => ({
      _id: `b-noshow-${i}`,
      code: `NS${String(i).padStart(4, '0')}`,
      communityId: 'c-laocheng',
      marketDayId: 'c-laocheng_2024-01-05',
      date: '2024-01-05',
      slotId: `c-laocheng_2024-01-05_svc-noshow_${i}`,
      serviceId: 'svc-noshow',
      serviceName: '爱心义剪',
      slotLabel: '10:00–10:20',
      mode: 'slots',
      startAt: new Date(ended.getTime() - 20 * 60_000),
      endAt: ended,
      place: '解忧铺',
      residentId: `r-noshow-${i}`,
      residentName: '居民',
      actorId: `r-noshow-${i}`,
      actorName: '居民',
      status,
      activeKey: `r-noshow-${i}|c-laocheng_2024-01-05|svc-noshow`,
      requestKey: `r-noshow-${i}:req`,
      requestHash: 'x',
      createdAt: new Date(ended.getTime() - 86400_000),
    });
    await ok(marketTimer()); // the coming days exist: the runs below differ only by the backlog
    cloud.db.insert('bookings', [...Array.from({ length: 300 }, (_, i) => booking(i, 'booked')), booking(300, 'checkedIn')]);
    const first = await trips(() => marketTimer());
    const second = await trips(() => marketTimer());
    expect([first.result.ok && first.result.data.noShows, second.result.ok && second.result.data.noShows]).toEqual([300, 0]);
    expect(cloud.db.find('bookings', { serviceId: 'svc-noshow', status: 'noShow' }, { limit: 1000 })).toHaveLength(300);
    expect(cloud.db.find('bookings', { _id: 'b-noshow-300' })[0]).toMatchObject({ status: 'checkedIn' });
    // the backlog cost no round trip of its own: the run with 300 to mark made as many as the run with none
    expect(first.trips).toBe(second.trips);
  }, 60_000);
});

describe('a capacity change over a long horizon', () => {
  it('reaches every coming slot in one multi-document update, without a transaction', async () => {
    // 8 weeks ahead (the most the settings allow), the haircut's 20-minute slots: 8 days × 9 slots
    await ok(cloud.act('market', { action: 'updateMarketSettings', name: '解忧集市', weekday: 5, start: '10:00', end: '13:00', place: '壁山丽景小区 石榴籽“解忧铺”门前', horizonWeeks: 8 }, wang));
    const haircut = { action: 'saveService', serviceId: 'svc-lc-haircut', name: '爱心义剪', kind: 'service', bookingMode: 'slots', slotMinutes: 20, capacity: 2, description: '志愿者免费理发', provider: '张师傅', order: 1, active: true };
    await ok(cloud.act('market', { action: 'listMarketDays' }, openidOf('r-zhao')));
    const days = (cloud.db.find('marketDays', { communityId: 'c-laocheng' }, { limit: 100 }) as unknown as { date: string }[]).filter((d) => d.date >= new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()));
    expect(days.length).toBeGreaterThanOrEqual(8);
    const changed = await trips(() => ok(cloud.act<ServiceSaveResult>('market', { ...haircut, capacity: 3 }, wang)));
    const slots = cloud.db.find('slots', { serviceId: 'svc-lc-haircut', startAt: { $gt: new Date() } }, { limit: 2000 }) as unknown as { capacity: number }[];
    expect(changed.result.slotsChanged).toBe(slots.length);
    expect(slots.length).toBeGreaterThan(60);
    expect(slots.every((s) => s.capacity === 3)).toBe(true);
    expect(changed.byAction['database.startTransaction'] ?? 0).toBe(0);
    // far fewer round trips than slots: the slots change in one update, not one each
    expect(changed.trips).toBeLessThan(20);
  }, 60_000);
});

describe('ticketJobs: one budget for the whole run', () => {
  it('works through a backlog of all three ticket jobs over several runs, each job progressing every run: every ticket changed once, none lost', async () => {
    // Thursday 14:00 local: daytime, rating asks are sent
    const now = new Date('2030-01-10T06:00:00Z');
    cloud.setClock(now);
    const H = 3600_000;
    seedTickets(cloud, 'tj-close', 4, 'handled', new Date(now.getTime() - 8 * 24 * H)); // auto-close due
    seedTickets(cloud, 'tj-ask', 4, 'closed', new Date(now.getTime() - 5 * H)); // rating ask due
    seedTickets(cloud, 'tj-late', 4, 'handled', new Date(now.getTime() - 3 * 24 * H));
    // overdue due: pending past their due time
    const late = cloud.db.find('tickets', { _id: { $regex: '^tj-late-' } });
    cloud.db.remove('tickets', 'WHERE', { _id: { $regex: '^tj-late-' } }, true);
    cloud.db.insert('tickets', late.map((t) => ({ ...t, status: 'pending', dueAt: new Date(now.getTime() - H), handledAt: null, handledOnTime: null })));
    const tickets = (prefix: string) => cloud.db.find('tickets', { _id: { $in: [0, 1, 2, 3].map((i) => `${prefix}-${i}`) } }) as unknown as { status: string; overdue: boolean; ratingAskedAt?: Date | null; version: number }[];

    const runs: { escalated: number; autoClosed: number; ratingAsked: number }[] = [];
    for (let run = 0; run < 6; run += 1) runs.push(await ok(cloud.trigger('ticket', 'ticketJobs') as Promise<Envelope<(typeof runs)[number]>>));
    // budget 0: one item of each job a run (none waits behind another's backlog), then nothing left
    expect(runs.map((r) => [r.escalated, r.autoClosed, r.ratingAsked])).toEqual([[1, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1], [0, 0, 0], [0, 0, 0]]);
    expect(tickets('tj-late').map((t) => t.overdue)).toEqual([true, true, true, true]);
    expect(tickets('tj-close').map((t) => t.status)).toEqual(['closed', 'closed', 'closed', 'closed']);
    expect(tickets('tj-ask').map((t) => !!t.ratingAskedAt)).toEqual([true, true, true, true]);
    // each ask stored once in 赵's 消息 (nothing twice)
    const asks = cloud.db.find('messages', { userId: 'r-zhao', title: '请评价：您反映的问题已办结' }, { limit: 100 }) as unknown as { _id: string }[];
    for (let i = 0; i < 4; i += 1) expect(asks.filter((m) => m._id.startsWith(`ask-tj-ask-${i}-`))).toHaveLength(1);
  }, 120_000);
});
