/**
 * Issue 21's figures through the real wx-server-sdk: `console.stats`' deferred tickets (延期 → 缓办,
 * out of 按期结案率's denominator), suspended tickets never overdue, `stats.loop` (延期, 挂起, 退单,
 * 核查, 重办), `stats.rounds` (入户走访, 巡查, coverage of due households), the scorecards' new
 * columns, the ticket ledger's loop columns and the 走访台账 — from tickets, visits and patrols
 * inserted with the stored shapes of docs/case-loop-design.md §3–§4 (the steps that write them are
 * tested by the ticket and rounds functions' own tests).
 *
 * 老城社区, 壁山丽景小区: G-LC-01 (1–3号楼, 严婷 w-yan), G-LC-02 (4–6号楼, 何小军 w-he, added here).
 * Period P: 2026-09-01 … 2026-09-30; read on 2026-10-05.
 *
 * Tickets (all reported in P; holder in brackets):
 *   T1 G1 closed 09-10 on time (yan)
 *   T2 G1 extension asked 09-11, approved 09-12 (延至 09-20) → deferred; closed 09-20 on time (yan)
 *   T3 G2 in progress, deadline 09-15 passed → overdue (he); an extension asked 10-02, after P
 *   T4 G2 extension asked 09-04, approved 09-05 → deferred; in progress, deadline 09-25 passed (he)
 *   T5 G1 suspended 09-02, resumed 09-06 (4 days), suspended again 09-18 until 10-20: dueAt null (yan)
 *   T8 G1 suspended 09-22, handled 09-24 while suspended: the handling ended it (2 days)
 *   T6 G1 check failed 09-08 → rework (重办); check passed 09-14; closed 09-15 on time (yan)
 *   T7 returned (退单) 09-09 by 何小军 from G2: pending, gridId null
 *   T9 G1 found on visit v1 (yan), T10 G2 found on patrol p1 (he); in progress, deadlines after P
 *   X  c-xihe: an approved extension, a suspension, a return — never counted in 老城
 * By hand, admin: closed T1 T2 T6 = 3, all on time; overdue T3 T4 = 2 (T5 suspended: not); due 5;
 *   deferred T2 T4 = 2; 按期结案率 = on time not deferred (T1 T6 = 2) ÷ (5 − 2) = 0.667 (was 3/5
 *   with deferred 0). loop: 2 asked, 2 approved, 3 suspensions, 4 + 2 days, 1 return, 1 verified,
 *   1 failed, 1 rework.
 * 何小军 (G2): T3 T4 T7 T10 → due 2, deferred 1, rate 0/1; loop: 1 asked, 1 approved, 1 return.
 *
 * Households (residents' homes): G1 — H1 1号楼1单元101 (two residents, one record without a
 *   stored key), H2 2号楼1单元201, H3 3号楼2单元301 (独居老人: every 7 days); G2 — H4 4号楼1单元401,
 *   H5 5号楼1单元501; a resident of 9号楼 (no grid) and one of 迎宾社区 do not count.
 * Visits: v0 H1 08-01 (yan), v1 H1 09-05 (yan, found T9), v2 H3 08-28 (yan), v3 H3 09-10 (yan),
 *   v4 H4 09-12 (he, nobody home), v5 H5 06-01 (he), v6 H2 10-02 (yan, after P).
 *   Due by 09-30: H1 no (08-01 + 90 = 10-30), H2 yes (never), H3 yes (08-28 + 7), H4 yes (never),
 *   H5 yes (06-01 + 90 = 08-30) → 4 due, visited H3 H4 → coverage 2/4.
 * Patrols: p1 G2 09-07 (he, found T10), p2 G1 09-20 (yan), p3 G1 08-30 (before P).
 */
import ExcelJS from 'exceljs';
import { householdKeyOf } from '../../cloudfunctions/shared/households';
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { LedgerFile, StatsView } from '../../cloudfunctions/console/contract';

let cloud: TestCloud;
const he = openidOf('w-he');
const yan = openidOf('w-yan');
const wang = openidOf('a-wang');
const SEPT = { from: '2026-09-01', to: '2026-09-30' };

/** A local (Asia/Shanghai) instant `2026-MM-DD HH:mm`. */
const at = (s: string) => new Date(`2026-${s.replace(' ', 'T')}:00+08:00`);

const WORKERS: Record<string, string> = { 'w-yan': '严婷', 'w-he': '何小军', 'a-wang': '王乐天' };
const ev = (type: string, when: string, actor: string, to: string, detail?: Record<string, unknown>) => ({
  type, at: at(when), actorId: actor, actorName: WORKERS[actor], actorRole: actor.startsWith('a-') ? 'communityAdmin' : 'gridWorker', from: null, to, note: '', public: true, ...(detail ? { detail } : {}),
});

/** A ticket as the ticket function stores it, reported at `created` in `gridId`, with `extra` fields. */
function ticket(id: string, created: string, gridId: string | null, holder: string | null, extra: Record<string, unknown>, events: ReturnType<typeof ev>[], communityId = 'c-laocheng') {
  const last = events.length ? events[events.length - 1].at : at(created);
  return {
    _id: id, communityId, gridId, category: 'sanitation', text: `${id}：楼下垃圾`, where: { estateId: 'e-bishan', estateName: '壁山丽景小区', building: '1号楼', unit: null, spot: '楼下' },
    source: 'residentReport', status: 'inProgress', hardCase: false, reporterId: 'r-zhao', reporterName: '赵建国', anonymous: true, followerIds: [], actorId: 'r-zhao', actorName: '赵建国',
    photos: [], assigneeId: holder, assigneeName: holder ? WORKERS[holder] : null, acceptedAt: at(created), dueAt: null, handleDays: 7, overdue: false, reworks: 0, ratings: [], followUps: 0,
    requestKey: `r-zhao:${id}`, version: events.length + 1, createdAt: at(created), updatedAt: last,
    events: [ev('reported', created, 'w-yan', 'pending'), ...events],
    ...extra,
  };
}

const ext = (untilDate: string, status: string) => ({ status, untilDate, reason: '等材料', byId: 'w-yan', byName: '严婷', at: at('09-04 09:00'), decidedById: 'a-wang', decidedByName: '王乐天', decidedAt: at('09-05 09:00') });

beforeAll(async () => {
  cloud = await startTestCloud();
  for (const c of ['meetings', 'opinions', 'topics', 'visits', 'patrols', 'householdCare']) if (!cloud.db.collectionNames().includes(c)) cloud.db.createCollection(c);
  cloud.db.insert('users', [{ _id: 'w-he', openid: he, name: '何小军', role: 'gridWorker', communityId: 'c-laocheng', gridIds: ['G-LC-02'], verified: true, createdAt: at('08-01 09:00') }]);
  cloud.db.modify('grids', { queryType: 'DOC', query: { _id: 'G-LC-02' }, data: { $set: { workerIds: ['w-he'] } }, multi: false, merge: true, upsert: false });
  // the register is the residents' records: only this test's residents in 老城
  cloud.db.remove('users', 'WHERE', { communityId: 'c-laocheng', role: 'resident' }, true);
  const home = (building: string, unit: string, room: string, estateId = 'e-bishan') => ({ estateId, building, unit, room });
  const resident = (id: string, h: ReturnType<typeof home>, withKey = true, communityId = 'c-laocheng') => ({
    _id: id, openid: openidOf(id), name: `居民${id}`, role: 'resident', communityId, home: h, ...(withKey ? { householdKey: householdKeyOf(h) } : {}), phone: '13800001111', verified: true, createdAt: at('01-01 09:00'),
  });
  const H = { 1: home('1号楼', '1单元', '101'), 2: home('2号楼', '1单元', '201'), 3: home('3号楼', '2单元', '301'), 4: home('4号楼', '1单元', '401'), 5: home('5号楼', '1单元', '501') };
  cloud.db.insert('users', [
    resident('r-h1a', H[1]), resident('r-h1b', H[1], false), resident('r-h2', H[2]), resident('r-h3', H[3]), resident('r-h4', H[4]), resident('r-h5', H[5]),
    resident('r-far', home('9号楼', '1单元', '901')), resident('r-xh', home('1号楼', '1单元', '101', 'e-other'), true, 'c-yingbin'),
  ]);
  const key = (n: 1 | 2 | 3 | 4 | 5) => householdKeyOf(H[n]);
  cloud.db.insert('householdCare', [
    { _id: key(3), communityId: 'c-laocheng', gridId: 'G-LC-01', tags: ['livingAlone'], tagsById: 'w-yan', tagsAt: at('08-01 09:00'), lastVisitDate: '2026-09-10', lastVisitId: 'v3' },
    { _id: key(5), communityId: 'c-laocheng', gridId: 'G-LC-02', tags: ['hardship'], tagsById: 'w-he', tagsAt: at('08-01 09:00') },
  ]);
  const visit = (id: string, n: 1 | 2 | 3 | 4 | 5, gridId: string, worker: string, date: string, ticketIds: string[] = [], met = 'self', communityId = 'c-laocheng') => ({
    _id: id, communityId, gridId, householdKey: key(n), workerId: worker, workerName: WORKERS[worker], date, met, metNote: '', topics: ticketIds.length ? ['problem', 'needs'] : ['policy'], note: '独居，身体还好，电话 13800001111',
    ticketIds, requestKey: `${worker}:${id}`, createdAt: at(`${date.slice(5)} 10:00`),
  });
  cloud.db.insert('visits', [
    visit('v0', 1, 'G-LC-01', 'w-yan', '2026-08-01'), visit('v1', 1, 'G-LC-01', 'w-yan', '2026-09-05', ['T9']), visit('v2', 3, 'G-LC-01', 'w-yan', '2026-08-28'),
    visit('v3', 3, 'G-LC-01', 'w-yan', '2026-09-10'), visit('v4', 4, 'G-LC-02', 'w-he', '2026-09-12', [], 'nobodyHome'), visit('v5', 5, 'G-LC-02', 'w-he', '2026-06-01'),
    visit('v6', 2, 'G-LC-01', 'w-yan', '2026-10-02'), visit('vx', 1, 'G-XH-01', 'w-x', '2026-09-05', ['X'], 'self', 'c-xihe'),
  ]);
  const patrol = (id: string, gridId: string, worker: string, start: string, ticketIds: string[]) => ({
    _id: id, communityId: 'c-laocheng', gridId, workerId: worker, workerName: WORKERS[worker], startedAt: at(start), endedAt: at(start.replace(/\d\d:\d\d$/, '23:00')), places: ['1号楼'], note: '', ticketIds, status: 'ended', openKey: id, requestKey: `${worker}:${id}`, createdAt: at(start),
  });
  cloud.db.insert('patrols', [patrol('p1', 'G-LC-02', 'w-he', '09-07 09:00', ['T10']), patrol('p2', 'G-LC-01', 'w-yan', '09-20 09:00', []), patrol('p3', 'G-LC-01', 'w-yan', '08-30 09:00', ['T0'])]);

  const closed = (when: string) => ({ status: 'closed', handledAt: at(when), closedAt: at(when), closedOnTime: true, handledOnTime: true });
  cloud.db.insert('tickets', [
    ticket('T1', '09-01 09:00', 'G-LC-01', 'w-yan', closed('09-10 10:00'), [ev('closed', '09-10 10:00', 'w-yan', 'closed')]),
    ticket('T2', '09-02 09:00', 'G-LC-01', 'w-yan', { ...closed('09-20 10:00'), deferred: true, extension: ext('2026-09-20', 'approved') }, [
      ev('extensionRequested', '09-11 09:00', 'w-yan', 'inProgress', { untilDate: '2026-09-20' }), ev('extended', '09-12 09:00', 'a-wang', 'inProgress', { untilDate: '2026-09-20' }), ev('closed', '09-20 10:00', 'w-yan', 'closed'),
    ]),
    ticket('T3', '09-03 09:00', 'G-LC-02', 'w-he', { dueAt: at('09-15 18:00'), overdue: true, extension: ext('2026-10-20', 'requested') }, [ev('extensionRequested', '10-02 09:00', 'w-he', 'inProgress')]),
    ticket('T4', '09-03 10:00', 'G-LC-02', 'w-he', { dueAt: at('09-25 23:59'), overdue: true, deferred: true, extension: ext('2026-09-25', 'approved') }, [
      ev('extensionRequested', '09-04 09:00', 'w-he', 'inProgress'), ev('extended', '09-05 09:00', 'a-wang', 'inProgress'),
    ]),
    ticket('T5', '09-01 10:00', 'G-LC-01', 'w-yan', { dueAt: null, suspendedDays: 4, suspension: { reason: '等天晴', untilDate: '2026-10-20', at: at('09-18 09:00'), byId: 'w-yan', byName: '严婷', dueAtBefore: at('09-20 23:59') } }, [
      ev('suspended', '09-02 09:00', 'w-yan', 'inProgress', { untilDate: '2026-09-06' }), ev('resumed', '09-06 09:00', 'w-yan', 'inProgress', { days: 4 }), ev('suspended', '09-18 09:00', 'w-yan', 'inProgress', { untilDate: '2026-10-20' }),
    ]),
    // handled while suspended (the work finished early): the handling ended the suspension, 2 days
    ticket('T8', '09-01 11:00', 'G-LC-01', 'w-yan', { status: 'handled', handledAt: at('09-24 09:00'), handledOnTime: true, suspendedDays: 2 }, [
      ev('suspended', '09-22 09:00', 'w-yan', 'inProgress', { untilDate: '2026-10-10' }), ev('handled', '09-24 09:00', 'w-yan', 'handled', { suspendedDays: 2 }),
    ]),
    ticket('T6', '09-04 09:00', 'G-LC-01', 'w-yan', { ...closed('09-15 10:00'), verifyReworks: 1, verification: { passed: true, note: '已清理', photos: [], byId: 'a-wang', byName: '王乐天', at: at('09-14 09:00') } }, [
      ev('handled', '09-07 09:00', 'w-yan', 'handled'), ev('verified', '09-08 09:00', 'a-wang', 'inProgress', { passed: false, photos: [] }), ev('rework', '09-08 09:00', 'a-wang', 'inProgress', { by: 'verification' }),
      ev('handled', '09-13 09:00', 'w-yan', 'handled'), ev('verified', '09-14 09:00', 'a-wang', 'handled', { passed: true, photos: [] }), ev('closed', '09-15 10:00', 'w-yan', 'closed'),
    ]),
    ticket('T7', '09-08 09:00', null, null, { status: 'pending', returnedFromGridId: 'G-LC-02', returns: 1, hardCase: true, hardCaseReason: 'returned', dueAt: at('09-10 09:00') }, [ev('returned', '09-09 09:00', 'w-he', 'pending')]),
    ticket('T9', '09-05 11:00', 'G-LC-01', 'w-yan', { source: 'selfFound', visitId: 'v1', dueAt: at('10-20 18:00') }, []),
    ticket('T10', '09-07 10:00', 'G-LC-02', 'w-he', { source: 'selfFound', patrolId: 'p1', dueAt: at('10-20 18:00') }, []),
    ticket('X', '09-05 09:00', 'G-XH-01', 'w-x', { deferred: true, status: 'closed', closedAt: at('09-10 10:00'), closedOnTime: true }, [
      ev('extended', '09-06 09:00', 'a-wang', 'inProgress'), ev('suspended', '09-07 09:00', 'a-wang', 'inProgress'), ev('returned', '09-08 09:00', 'a-wang', 'pending'),
    ], 'c-xihe'),
  ]);
  cloud.setClock(at('10-05 10:00'));
}, 120_000);
afterAll(() => cloud.close());

describe('console.stats — issue 21 figures', () => {
  it('王乐天 (admin): deferred tickets leave 按期结案率, a suspended ticket is not overdue, the loop and the rounds as worked out by hand, in 23 round trips (issue 22: + 8 便民服务 pipelines)', async () => {
    const before = cloud.db.stats.requests;
    const s = await ok(cloud.act<StatsView>('console', { action: 'stats', ...SEPT }, wang));
    const trips = cloud.db.stats.requests - before;
    console.log(`console.stats as admin with the loop and rounds figures: ${trips} database round trips`);
    expect(trips).toBe(23);
    const t = s.tickets;
    expect([t.closed, t.closedOnTime, t.due, t.deferred, t.onTimeClosureRate]).toEqual([3, 3, 5, 2, 0.667]);
    expect(t.rates.onTimeClosure).toEqual({ numerator: 2, denominator: 3, rate: 0.667 });
    expect(s.loop).toEqual({ extensionsRequested: 2, extensionsApproved: 2, suspensions: 3, suspendedDays: 6, returns: 1, verified: 1, verifyFailed: 1, reworks: 1 });
    const r = s.rounds;
    expect([r.visits, r.householdsVisited, r.households, r.dueHouseholds]).toEqual([3, 3, 5, 4]);
    expect(r.coverage).toEqual({ numerator: 2, denominator: 4, rate: 0.5 });
    expect([r.problemsFoundByVisit, r.problemsFoundByPatrol, r.patrols]).toEqual([1, 1, 2]);
    expect(r.byWorker).toEqual([
      { workerId: 'w-he', name: '何小军', visits: 1, householdsVisited: 1, patrols: 1, problemsFoundByVisit: 0, problemsFoundByPatrol: 1 },
      { workerId: 'w-yan', name: '严婷', visits: 2, householdsVisited: 2, patrols: 1, problemsFoundByVisit: 1, problemsFoundByPatrol: 0 },
    ]);
    expect(r.byGrid).toEqual([
      { gridId: 'G-LC-01', code: 'G-LC-01', households: 3, dueHouseholds: 2, coverage: { numerator: 1, denominator: 2, rate: 0.5 }, visits: 2, householdsVisited: 2, patrols: 1, problemsFoundByVisit: 1, problemsFoundByPatrol: 0 },
      { gridId: 'G-LC-02', code: 'G-LC-02', households: 2, dueHouseholds: 2, coverage: { numerator: 1, denominator: 2, rate: 0.5 }, visits: 1, householdsVisited: 1, patrols: 1, problemsFoundByVisit: 0, problemsFoundByPatrol: 1 },
    ]);
    const card = (id: string) => s.scorecards.find((c) => c.workerId === id);
    expect(card('w-yan')).toMatchObject({ returns: 0, reworks: 1, visits: 2, patrols: 1, problemsFound: 1 });
    expect(card('w-he')).toMatchObject({ returns: 1, reworks: 0, visits: 1, patrols: 1, problemsFound: 1 });
    // counts only: no household, care tag or resident leaves the function
    expect(JSON.stringify(s)).not.toMatch(/livingAlone|hardship|居民r-|1380000|e-bishan\|/);
  });

  it('何小军 (G-LC-02) sees only his grid: its tickets (and the one returned from it), its households, only his own row', async () => {
    const before = cloud.db.stats.requests;
    const h = await ok(cloud.act<StatsView>('console', { action: 'stats', ...SEPT }, he));
    expect(cloud.db.stats.requests - before).toBe(22); // issue 22: + the bookings pipeline (events' sign-ups) and 8 便民服务 pipelines
    expect([h.tickets.due, h.tickets.deferred, h.tickets.closed]).toEqual([2, 1, 0]);
    expect(h.tickets.rates.onTimeClosure).toEqual({ numerator: 0, denominator: 1, rate: 0 });
    expect(h.loop).toEqual({ extensionsRequested: 1, extensionsApproved: 1, suspensions: 0, suspendedDays: 0, returns: 1, verified: 0, verifyFailed: 0, reworks: 0 });
    expect([h.rounds.households, h.rounds.dueHouseholds, h.rounds.visits, h.rounds.patrols, h.rounds.problemsFoundByPatrol]).toEqual([2, 2, 1, 1, 1]);
    expect(h.rounds.coverage).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(h.rounds.byWorker.map((w) => w.workerId)).toEqual(['w-he']);
    expect(h.rounds.byGrid.map((g) => g.gridId)).toEqual(['G-LC-02']);
    expect(h.scorecards).toEqual([expect.objectContaining({ workerId: 'w-he', returns: 1, visits: 1, patrols: 1, problemsFound: 1 })]);
    expect(JSON.stringify(h)).not.toContain('严婷');
    const y = await ok(cloud.act<StatsView>('console', { action: 'stats', ...SEPT }, yan));
    // 严婷's grids (both, in the seed) — the same tickets as the admin's, only her own row and card
    expect([y.tickets.due, y.tickets.deferred]).toEqual([5, 2]);
    expect(y.rounds.byWorker.map((w) => w.workerId)).toEqual(['w-yan']);
    expect(y.scorecards.map((c) => c.workerId)).toEqual(['w-yan']);
  });
});

describe('console.stats and the rounds function agree on the register', () => {
  it('each grid\'s households in stats.rounds.byGrid are the households rounds.households lists for it', async () => {
    const s = await ok(cloud.act<StatsView>('console', { action: 'stats', ...SEPT }, wang));
    for (const g of s.rounds.byGrid) {
      const r = await ok(cloud.act<{ totals: { households: number }; households: unknown[] }>('rounds', { action: 'households', gridId: g.gridId }, wang));
      expect([g.gridId, r.totals.households, r.households.length]).toEqual([g.gridId, g.households, g.households]);
    }
  });
});

describe('console.stats — through the loop\'s own actions (ticket function, issue 21 §3)', () => {
  // October–November 2026 as 严婷 works it: L1 extended (approved) then closed after a passed check;
  // L2 suspended and resumed by hand 3 days later; L3 a failed check (重办). Of the seeded tickets above, T3's request
  // (10-02) falls in this period; T9 and T10 (deadline 10-20) were not touched since September — in the product the
  // timer marking them overdue touches them (\`updatedAt\`) — so they are not among the tickets that can count in it.
  it('an approved extension is deferred and leaves the rate; a resumption\'s days, a failed check and its rework are counted', async () => {
    const act = async <T,>(when: string, openid: string, event: Record<string, unknown>): Promise<T> => {
      cloud.setClock(at(when));
      return ok(cloud.act<T>('ticket', event, openid));
    };
    const report = async (label: string, building: string) =>
      (await act<{ id: string }>('10-12 09:00', openidOf('r-h1a'), { action: 'report', category: 'sanitation', text: `${label}：${building}楼道里堆了杂物`, where: { estateId: 'e-bishan', building, spot: '楼道' }, requestId: `loop-stats-${label}-0001` })).id;
    const L1 = await report('L1', '1号楼');
    const L2 = await report('L2', '2号楼');
    const L3 = await report('L3', '3号楼');
    for (const id of [L1, L2, L3]) await act('10-12 10:00', yan, { action: 'accept', ticketId: id });
    await act('10-13 09:00', yan, { action: 'requestExtension', ticketId: L1, untilDate: '2026-11-20', reason: '要等物业请清运公司来' });
    await act('10-13 10:00', wang, { action: 'decideExtension', ticketId: L1, approve: true });
    await act('11-10 09:00', yan, { action: 'handle', ticketId: L1, result: '已清运' });
    await act('11-10 09:30', yan, { action: 'followUp', ticketId: L1, date: '2026-11-10', method: 'phone', reporterSaid: '干净了' });
    await act('11-10 10:00', wang, { action: 'verify', ticketId: L1, passed: true, note: '现场看过，干净了' });
    await act('11-10 11:00', yan, { action: 'close', ticketId: L1, summary: '核查通过，办结' });
    await act('10-13 09:00', yan, { action: 'suspend', ticketId: L2, reason: '等清运公司排期', untilDate: '2026-10-30' });
    await act('10-16 09:00', yan, { action: 'resume', ticketId: L2 });
    await act('10-14 09:00', yan, { action: 'handle', ticketId: L3, result: '已清理' });
    await act('10-14 09:30', yan, { action: 'followUp', ticketId: L3, date: '2026-10-14', method: 'phone', reporterSaid: '好了' });
    await act('10-14 10:00', wang, { action: 'verify', ticketId: L3, passed: false, note: '拐角还有两袋垃圾' });
    cloud.setClock(at('12-05 10:00'));
    const s = await ok(cloud.act<StatsView>('console', { action: 'stats', from: '2026-10-01', to: '2026-11-30' }, wang));
    expect(s.loop).toEqual({ extensionsRequested: 2, extensionsApproved: 1, suspensions: 1, suspendedDays: 3, returns: 0, verified: 1, verifyFailed: 1, reworks: 1 });
    // due: L1 closed (deferred), L2 and L3 in progress past their (restarted / reworked) deadlines
    expect([s.tickets.closed, s.tickets.closedOnTime, s.tickets.due, s.tickets.deferred]).toEqual([1, 1, 3, 1]);
    expect(s.tickets.rates.onTimeClosure).toEqual({ numerator: 0, denominator: 2, rate: 0 });
    expect(s.scorecards.find((c) => c.workerId === 'w-yan')).toMatchObject({ reworks: 1, returns: 0 });
  });
});

describe('console.exportLedger — issue 21 columns and 走访台账', () => {
  it('the ticket ledger\'s 延期/缓办, 挂起天数, 退单, 核查, 重办 columns add up to the stats', async () => {
    const s = await ok(cloud.act<StatsView>('console', { action: 'stats', ...SEPT }, wang));
    const f = await ok(cloud.act<LedgerFile>('console', { action: 'exportLedger', ...SEPT, format: 'xlsx', kind: 'tickets' }, wang));
    const [head, ...rows] = await sheetRows(await download(f), '诉求台账');
    const col = (name: string) => head.indexOf(name);
    expect(['延期/缓办', '挂起天数', '退单', '核查', '重办'].every((h) => col(h) > 0)).toBe(true);
    const byId = new Map(rows.map((r) => [r[0], r]));
    expect(byId.get('T2')![col('延期/缓办')]).toBe('缓办（延至2026-09-20）');
    expect(byId.get('T3')![col('延期/缓办')]).toBe('申请延期至2026-10-20');
    expect(byId.get('T5')![col('挂起天数')]).toBe('4（挂起中，至2026-10-20）');
    expect(byId.get('T6')![col('核查')]).toBe('不通过1次；通过');
    const sum = (name: string) => rows.reduce((n, r) => n + (Number(r[col(name)]) || 0), 0);
    expect(rows.filter((r) => String(r[col('延期/缓办')]).startsWith('缓办')).length).toBe(s.loop.extensionsApproved);
    expect(sum('退单')).toBe(s.loop.returns);
    expect(sum('重办')).toBe(s.loop.reworks);
    expect(rows.filter((r) => String(r[col('核查')]).includes('不通过')).length).toBe(s.loop.verifyFailed);
    expect(rows.filter((r) => String(r[col('核查')]).endsWith('通过') && !String(r[col('核查')]).endsWith('不通过')).length).toBe(s.loop.verified);
  });

  it('走访台账 lists the period\'s visits — room, date, worker, met, topics, tickets found — as many as stats.rounds.visits, never a tag, a resident, a phone or the note', async () => {
    const s = await ok(cloud.act<StatsView>('console', { action: 'stats', ...SEPT }, wang));
    const f = await ok(cloud.act<LedgerFile>('console', { action: 'exportLedger', ...SEPT, format: 'xlsx', kind: 'visits' }, wang));
    expect(f).toMatchObject({ rows: 3, kind: 'visits', fileName: '走访台账-2026-09-01至2026-09-30.xlsx' });
    const buf = await download(f);
    const [head, ...rows] = await sheetRows(buf, '走访台账');
    expect(head).toEqual(['走访日期', '小区', '户（房号）', '网格', '走访人', '见到', '走访内容', '发现问题（诉求编号）', '登记时间', '编号']);
    expect(rows.length).toBe(s.rounds.visits);
    expect(rows.map((r) => [r[0], r[1], r[2], r[4], r[5], r[7]])).toEqual([
      ['2026-09-05', '壁山丽景小区', '1号楼1单元101', '严婷', '见到本人', 'T9'],
      ['2026-09-10', '壁山丽景小区', '3号楼2单元301', '严婷', '见到本人', ''],
      ['2026-09-12', '壁山丽景小区', '4号楼1单元401', '何小军', '家中无人', ''],
    ]);
    expect(rows[0][6]).toBe('发现问题、了解需求');
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/独居|困难|livingAlone|1380000|居民r-/);
    const csv = await ok(cloud.act<LedgerFile>('console', { action: 'exportLedger', ...SEPT, format: 'csv', kind: 'visits' }, wang));
    const body = (await download(csv)).toString('utf8');
    expect(body.split('\r\n').filter(Boolean)).toHaveLength(4);
    expect(body).not.toMatch(/独居|1380000/);
  });

  it('a grid worker may not export the 走访台账 (admins only, as every ledger)', async () => {
    expect(await cloud.act('console', { action: 'exportLedger', ...SEPT, format: 'csv', kind: 'visits' }, he)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
  });
});

async function download(f: LedgerFile): Promise<Buffer> {
  const r = await fetch(f.tempFileURL);
  expect(r.status).toBe(200);
  return Buffer.from(await r.arrayBuffer());
}

async function sheetRows(buf: Buffer, sheet: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet)!;
  const out: string[][] = [];
  // empty cells are holes in `row.values`: Array.from visits them
  ws.eachRow((row) => out.push(Array.from((row.values as unknown[]).slice(1), (v) => (v == null ? '' : typeof v === 'number' ? (v as unknown as string) : String(v)))));
  return out;
}
