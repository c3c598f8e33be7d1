/**
 * `console.stats` and `console.exportLedger` through the real wx-server-sdk (issue 11): a month of
 * 老城社区's history made with the ticket function's own actions under a moved clock, plus market
 * records, and the figures compared with numbers worked out by hand (below, per ticket).
 *
 * 老城社区 has two grids on 壁山丽景小区: G-LC-01 (1–3号楼, 严婷) and G-LC-02 (4–6号楼, 严婷 and,
 * for this test, 何小军). Period: 2026-11-01 … 2026-11-30 (Asia/Shanghai). Statistics read at
 * 2026-12-05.
 *
 *   A 10-28 10:00 赵建国 环境卫生 1号楼 · 10-28 12:00 严婷 受理 · 11-02 10:00 反馈 (handle-by 11-04 12:00:
 *     on time) · 11-02 10:10 回访 · 11-02 11:00 办结 · 11-03 09:00 满意
 *   B 11-03 09:00 赵建国 噪音 2号楼 · 09:30 严婷 受理 (30 min) · 11-12 10:00 反馈 (handle-by 11-10 09:30:
 *     late) · 10:05 回访 · 10:30 办结 · 11-13 09:00 基本满意
 *   C 11-05 08:00 邹建庄 绿化 4号楼 · 11-06 10:00 何小军 受理 (26 h: late) · in progress, handle-by 11-13 10:00
 *   D 11-10 14:00 邹建庄 公共设施 5号楼 · 15:00 何小军 受理 (60 min) · 11-11 09:00 反馈 · 09:30 回访 ·
 *     10:00 办结 · 11-12 10:00 不满意 → 返工, in progress, handle-by 11-19 10:00
 *   E 11-20 09:00 严婷 自己找 环境卫生 3号楼 · pending
 *   F 12-02 10:00 赵建国 其他 1号楼 (after the period) · pending
 *   G 10-20 09:00 赵建国 其他 2号楼 (before the period) · pending, never touched: nobody ever took it
 *
 * By hand, for the whole community: reported B C D E = 4 (群众提 3, 自己找 1; 噪音, 绿化, 公共设施,
 * 环境卫生 1 each; 已办结 1, 处理中 2, 待受理 1). Accepted B C D = 3, within 24 h B D = 2; mean
 * accept (30 + 1560 + 60) / 3 = 550 min. Not accepted and reported more than 24 h before the period's end:
 * E, G = 2 → 应受理 3 + 2 = 5, 24小时内受理 2/5 = 0.4 (issue 17: it read 2/3 while E and G waited). Handled A B D = 3: (118 + 216.5 + 18) / 3 = 117.5 h.
 * Closed A B = 2, on time A = 1; due = 2 closed + C, D in progress past their deadline = 4,
 * deferred 0 → 按期结案率 1/4 = 0.25. Ratings 满意 A, 基本满意 B, 不满意 D → (1 + 1) / 3 = 0.667.
 * Follow-ups A B D = 3.
 * December (本月 read on 12-05 10:00, the whole month 12-01 … 12-31): reported F; accepted none; not
 * accepted after 24 h by now: E, F, G → 0/3. Market: bk8 (12-04, came) and bk10 (12-11, still to come)
 * → 预约 2, 来了 1; stall sa6.
 * 严婷: accepted B = 1 (A's was in October), closed A B = 2, on time 1 (0.5), rated 2, satisfied 2
 * (1), follow-ups 2. 何小军: accepted C D = 2, closed 0 (D went back), rated 1, satisfied 0 (0),
 * follow-ups 1.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { LedgerFile, StatsView } from '../../cloudfunctions/console/contract';

let cloud: TestCloud;
const zhao = openidOf('r-zhao');
const zou = openidOf('r-zou');
const yan = openidOf('w-yan');
const he = openidOf('w-he');
const wang = openidOf('a-wang');
const NOV = { from: '2026-11-01', to: '2026-11-30' };

/** A local (Asia/Shanghai) instant `2026-MM-DD HH:mm`. */
const at = (s: string) => new Date(`2026-${s.replace(' ', 'T')}:00+08:00`);

const ids: Record<string, string> = {};

async function as<T>(when: string, openid: string, event: Record<string, unknown>): Promise<T> {
  cloud.setClock(at(when));
  return ok(cloud.act<T>('ticket', event, openid));
}

const report = (label: string, when: string, who: string, category: string, building: string) =>
  as<{ id: string }>(when, who, { action: 'report', category, text: `${label}：${building}附近的问题需要处理一下`, where: { estateId: 'e-bishan', building, spot: '楼下' }, requestId: `console-${label}-0001` }).then((t) => (ids[label] = t.id));
const step = (when: string, who: string, label: string, event: Record<string, unknown>) => as(when, who, { ...event, ticketId: ids[label] });

beforeAll(async () => {
  cloud = await startTestCloud();
  // console.stats reads the consultation collections too (issue 20); created here until their helpers' schema lines are merged
  for (const c of ['meetings', 'opinions', 'topics']) if (!cloud.db.collectionNames().includes(c)) cloud.db.createCollection(c);
  // a second grid worker of 老城社区, on G-LC-02 only
  cloud.db.insert('users', [{ _id: 'w-he', openid: he, name: '何小军', role: 'gridWorker', communityId: 'c-laocheng', gridIds: ['G-LC-02'], verified: true, createdAt: at('10-01 09:00') }]);
  cloud.db.modify('grids', { queryType: 'DOC', query: { _id: 'G-LC-02' }, data: { $set: { workerIds: ['w-yan', 'w-he'] } }, multi: false, merge: true, upsert: false });

  await report('A', '10-28 10:00', zhao, 'sanitation', '1号楼');
  await step('10-28 12:00', yan, 'A', { action: 'accept' });
  await step('11-02 10:00', yan, 'A', { action: 'handle', result: '已清理垃圾' });
  await step('11-02 10:10', yan, 'A', { action: 'followUp', date: '2026-11-02', method: 'phone', reporterSaid: '干净了' });
  // 核查 (issue 21): a community problem closes only once someone other than the handler checked it
  await step('11-02 10:30', wang, 'A', { action: 'verify', passed: true });
  await step('11-02 11:00', yan, 'A', { action: 'close', summary: '已办结' });
  await step('11-03 09:00', zhao, 'A', { action: 'rate', rating: 'satisfied' });

  await report('B', '11-03 09:00', zhao, 'noise', '2号楼');
  await step('11-03 09:30', yan, 'B', { action: 'accept' });
  await step('11-12 10:00', yan, 'B', { action: 'handle', result: '已调解' });
  await step('11-12 10:05', yan, 'B', { action: 'followUp', date: '2026-11-12', method: 'visit', reporterSaid: '安静多了' });
  await step('11-12 10:30', yan, 'B', { action: 'close', summary: '已办结' });
  await step('11-13 09:00', zhao, 'B', { action: 'rate', rating: 'fairlySatisfied' });

  await report('C', '11-05 08:00', zou, 'greenery', '4号楼');
  await step('11-06 10:00', he, 'C', { action: 'accept' });

  await report('D', '11-10 14:00', zou, 'facilities', '5号楼');
  await step('11-10 15:00', he, 'D', { action: 'accept' });
  await step('11-11 09:00', he, 'D', { action: 'handle', result: '已修好路灯' });
  await step('11-11 09:30', he, 'D', { action: 'followUp', date: '2026-11-11', method: 'phone', reporterSaid: '好了' });
  await step('11-11 09:30', wang, 'D', { action: 'verify', passed: true });
  await step('11-11 10:00', he, 'D', { action: 'close', summary: '已办结' });
  await step('11-12 10:00', zou, 'D', { action: 'rate', rating: 'unsatisfied', comment: '又坏了' });

  ids.E = (await as<{ id: string }>('11-20 09:00', yan, { action: 'fileCase', source: 'selfFound', category: 'sanitation', text: '3号楼下堆了建筑垃圾', where: { estateId: 'e-bishan', building: '3号楼', spot: '楼下' }, requestId: 'console-E-0001' })).id;
  await report('F', '12-02 10:00', zhao, 'other', '1号楼');
  await report('G', '10-20 09:00', zhao, 'other', '2号楼');

  // market records (bookings and stall applications are made by the market and vendor functions'
  // own tests; here only their stored shape matters)
  const booking = (id: string, date: string, serviceId: string, serviceName: string, status: string, communityId = 'c-laocheng') => ({
    _id: id, code: id.toUpperCase(), communityId, marketDayId: `${communityId}_${date}`, date, slotId: `${communityId}_${date}_${serviceId}_1000`, serviceId, serviceName, slotLabel: '10:00–10:30', mode: 'slots',
    startAt: at(`${date.slice(5)} 10:00`), endAt: at(`${date.slice(5)} 10:30`), place: '解忧铺', residentId: 'r-zhao', residentName: '赵建国', actorId: 'r-zhao', actorName: '赵建国',
    status, activeKey: status === 'booked' || status === 'checkedIn' || status === 'noShow' ? `r-zhao|${id}` : `cancelled:${id}`, requestKey: `r-zhao:${id}`, createdAt: at(`${date.slice(5)} 08:00`),
    ...(status === 'checkedIn' ? { checkedInAt: at(`${date.slice(5)} 10:05`) } : {}),
  });
  // the seed's stalls for the coming market day would fall in the period, depending on today's date
  cloud.db.remove('stallApplications', 'WHERE', { communityId: 'c-laocheng' }, true);
  cloud.db.remove('bookings', 'WHERE', { communityId: 'c-laocheng' }, true);
  cloud.db.insert('bookings', [
    booking('bk1', '2026-11-06', 's-haircut', '爱心义剪', 'checkedIn'),
    booking('bk2', '2026-11-06', 's-haircut', '爱心义剪', 'checkedIn'),
    booking('bk3', '2026-11-06', 's-haircut', '爱心义剪', 'noShow'),
    booking('bk4', '2026-11-06', 's-haircut', '爱心义剪', 'cancelled'),
    booking('bk5', '2026-11-13', 's-haircut', '爱心义剪', 'checkedIn'),
    booking('bk6', '2026-11-13', 's-knife', '磨刀', 'noShow'),
    booking('bk7', '2026-11-13', 's-knife', '磨刀', 'booked'),
    booking('bk8', '2026-12-04', 's-haircut', '爱心义剪', 'checkedIn'),
    booking('bk10', '2026-12-11', 's-haircut', '爱心义剪', 'booked'),
    booking('bk9', '2026-11-06', 's-haircut', '爱心义剪', 'checkedIn', 'c-xihe'),
  ]);
  const stall = (id: string, vendorId: string, date: string, goods: string[], status: string, n: number) => ({
    _id: id, communityId: 'c-laocheng', vendorId, vendorName: vendorId, goods, date, status, stallNumber: n, stallKey: `c-laocheng|${date}|${n}`, vendorDayKey: `${vendorId}|${date}`, createdAt: at(`${date.slice(5)} 07:00`),
    ...(status === 'checkedIn' ? { checkedInAt: at(`${date.slice(5)} 09:30`) } : {}),
  });
  cloud.db.insert('stallApplications', [
    stall('sa1', 'v1', '2026-11-06', ['土豆', '红薯'], 'checkedIn', 1),
    stall('sa2', 'v1', '2026-11-13', ['土豆'], 'checkedIn', 1),
    stall('sa3', 'v2', '2026-11-13', ['苹果', '土豆'], 'checkedIn', 2),
    stall('sa4', 'v3', '2026-11-13', ['白菜'], 'absent', 3),
    stall('sa5', 'v2', '2026-11-20', ['苹果', '土豆'], 'allocated', 2),
    stall('sa6', 'v3', '2026-12-04', ['白菜'], 'checkedIn', 3),
  ]);
  cloud.setClock(at('12-05 10:00'));
}, 120_000);
afterAll(() => cloud.close());

const count = (items: { key: string; count: number }[]) => Object.fromEntries(items.filter((i) => i.count > 0).map((i) => [i.key, i.count]));

describe('console.stats', () => {
  it('王乐天 (admin) gets the figures worked out by hand, in 23 round trips (the caller, 5 ticket pipelines, bookings, stalls, 3 consultation pipelines, 4 rounds pipelines, 8 便民服务 pipelines)', async () => {
    const before = cloud.db.stats.requests;
    const s = await ok(cloud.act<StatsView>('console', { action: 'stats', ...NOV }, wang));
    const trips = cloud.db.stats.requests - before;
    console.log(`console.stats as admin: ${trips} database round trips`);
    expect(trips).toBe(23);
    expect(s.period).toEqual({ from: '2026-11-01', to: '2026-11-30', days: 30 });
    expect(s.scope).toEqual({ kind: 'community', communityName: expect.any(String), gridIds: [] });
    const t = s.tickets;
    expect(t.reported).toBe(4);
    expect(count(t.bySource)).toEqual({ residentReport: 3, selfFound: 1 });
    expect(count(t.byCategory)).toEqual({ noise: 1, greenery: 1, facilities: 1, sanitation: 1 });
    expect(count(t.byStatus)).toEqual({ closed: 1, inProgress: 2, pending: 1 });
    expect(t.bySource.find((i) => i.key === 'selfFound')?.label).toBe('自己找');
    expect([t.accepted, t.acceptedWithinDeadline, t.notAcceptedLate, t.acceptDue, t.acceptedWithinDeadlineRate, t.avgAcceptMinutes]).toEqual([3, 2, 2, 5, 0.4, 550]);
    expect([t.handled, t.avgHandleHours]).toEqual([3, 117.5]);
    expect([t.closed, t.closedOnTime, t.due, t.deferred, t.onTimeClosureRate]).toEqual([2, 1, 4, 0, 0.25]);
    expect(t.ratings).toEqual({ satisfied: 1, fairlySatisfied: 1, unsatisfied: 1, total: 3 });
    expect(t.satisfactionRate).toBe(0.667);
    expect(t.followUps).toBe(3);
    // every rate the page shows carries what it divides
    expect(t.rates).toEqual({
      acceptedWithinDeadline: { numerator: 2, denominator: 5, rate: 0.4 },
      onTimeClosure: { numerator: 1, denominator: 4, rate: 0.25 },
      satisfaction: { numerator: 2, denominator: 3, rate: 0.667 },
    });
    expect(s.scorecards).toEqual([
      { workerId: 'w-he', name: '何小军', accepted: 2, closed: 0, closedOnTime: 0, onTimeRate: null, rated: 1, satisfied: 0, satisfactionRate: 0, followUps: 1, returns: 0, reworks: 1, visits: 0, patrols: 0, problemsFound: 0 },
      { workerId: 'w-yan', name: '严婷', accepted: 1, closed: 2, closedOnTime: 1, onTimeRate: 0.5, rated: 2, satisfied: 2, satisfactionRate: 1, followUps: 2, returns: 0, reworks: 0, visits: 0, patrols: 0, problemsFound: 0 },
    ]);
    const m = s.market!;
    expect(m.services).toEqual([
      { serviceId: 's-haircut', serviceName: '爱心义剪', booked: 4, attended: 3, noShow: 1, cancelled: 1 },
      { serviceId: 's-knife', serviceName: '磨刀', booked: 2, attended: 0, noShow: 1, cancelled: 0 },
    ]);
    expect(m.totals).toEqual({ booked: 6, attended: 3, noShow: 2, cancelled: 1 });
    expect([m.vendorsAttending, m.stallDays]).toEqual([2, 3]);
    expect(m.produce[0]).toEqual({ name: '土豆', vendors: 2 });
    expect(m.produce.slice(1)).toEqual(expect.arrayContaining([{ name: '红薯', vendors: 1 }, { name: '苹果', vendors: 1 }]));
    expect(m.produce).toHaveLength(3);
  });

  it('a shorter period counts only what happened in it (11-01 … 11-05: A closed on time, B and C reported)', async () => {
    const s = await ok(cloud.act<StatsView>('console', { action: 'stats', from: '2026-11-01', to: '2026-11-05' }, wang));
    // reported B, C; accepted B (C on 11-06); handled A; closed A on time; due = A (C's deadline 11-13 is later)
    expect([s.tickets.reported, s.tickets.accepted, s.tickets.handled, s.tickets.closed, s.tickets.due, s.tickets.onTimeClosureRate]).toEqual([2, 1, 1, 1, 1, 1]);
    expect(s.tickets.ratings.total).toBe(1);
    // B accepted in time; G (10-20) still waits; C's 24 h end on 11-06, after the period
    expect(s.tickets.rates.acceptedWithinDeadline).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(s.market!.totals.booked).toBe(0);
  });

  it('本月 covers the whole month, days still to come included: this month\'s coming market day\'s bookings count; old never-accepted tickets count against the 24 h rate', async () => {
    const s = await ok(cloud.act<StatsView>('console', { action: 'stats', from: '2026-12-01', to: '2026-12-31' }, wang));
    expect(s.period).toEqual({ from: '2026-12-01', to: '2026-12-31', days: 31 });
    expect([s.tickets.reported, s.tickets.accepted, s.tickets.notAcceptedLate]).toEqual([1, 0, 3]);
    expect(s.tickets.rates.acceptedWithinDeadline).toEqual({ numerator: 0, denominator: 3, rate: 0 });
    expect(s.market!.totals).toEqual({ booked: 2, attended: 1, noShow: 0, cancelled: 0 });
    const m = await ok(cloud.act<LedgerFile>('console', { action: 'exportLedger', from: '2026-12-01', to: '2026-12-31', format: 'xlsx', kind: 'market' }, wang));
    expect(m).toMatchObject({ rows: 3, fileName: '集市台账-2026-12-01至2026-12-31.xlsx' });
    const rows = await sheetRows(await download(m), '集市记录');
    expect(rows.slice(1).map((r) => r[9]).sort()).toEqual(['BK10', 'BK8', 'sa6']);
  });

  it('何小军 (G-LC-02) sees only his grid and only his own scorecard; 严婷 only hers', async () => {
    const before = cloud.db.stats.requests;
    const h = await ok(cloud.act<StatsView>('console', { action: 'stats', ...NOV }, he));
    expect(cloud.db.stats.requests - before).toBe(22); // the caller, 5 ticket pipelines, bookings (events' sign-ups; no market figures), 3 consultation, 4 rounds and 8 便民服务 pipelines
    expect(h.scope).toMatchObject({ kind: 'grids', gridIds: ['G-LC-02'] });
    expect(h.tickets.reported).toBe(2);
    expect(count(h.tickets.byCategory)).toEqual({ greenery: 1, facilities: 1 });
    expect(h.scorecards.map((c) => c.workerId)).toEqual(['w-he']);
    expect(h.scorecards[0]).toMatchObject({ accepted: 2, followUps: 1, rated: 1 });
    // C late, D in time; nothing of his grids waits
    expect(h.tickets.rates.acceptedWithinDeadline).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(h.market).toBeNull();
    expect(JSON.stringify(h)).not.toContain('严婷');
    const y = await ok(cloud.act<StatsView>('console', { action: 'stats', ...NOV }, yan));
    expect(y.scorecards.map((c) => c.workerId)).toEqual(['w-yan']);
    expect(y.scorecards[0]).toMatchObject({ accepted: 1, closed: 2, closedOnTime: 1, followUps: 2 });
    expect(y.tickets.rates.acceptedWithinDeadline).toEqual({ numerator: 2, denominator: 5, rate: 0.4 }); // both grids: as the admin
    expect(JSON.stringify(y.scorecards)).not.toContain('何小军');
  });

  it('residents, vendors and other communities get nothing of 老城社区', async () => {
    expect(await cloud.act('console', { action: 'stats', ...NOV }, zhao)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    const other = await ok(cloud.act<StatsView>('console', { action: 'stats', ...NOV }, openidOf('a-wang2')));
    expect(other.tickets.reported).toBe(0);
    expect(other.market!.totals.booked).toBe(1); // c-xihe's own booking bk9
    expect(JSON.stringify(other)).not.toMatch(/严婷|何小军/);
  });

  it('refuses a period that is not one (bad date, reversed, over a year) and an unknown field, writing nothing', async () => {
    const before = cloud.snapshot();
    for (const bad of [{ from: '2026-02-30', to: '2026-03-01' }, { from: '2026-11-30', to: '2026-11-01' }, { from: '2025-01-01', to: '2026-12-31' }]) {
      expect(await cloud.act('console', { action: 'stats', ...bad }, wang)).toMatchObject({ ok: false, error: { code: 'CONSOLE.PERIOD_INVALID' } });
    }
    expect(await cloud.act('console', { action: 'stats', ...NOV, communityId: 'c-xihe' }, wang)).toMatchObject({ ok: false, error: { code: 'COMMON.INVALID_INPUT' } });
    expect(await cloud.act('console', { action: 'stats', from: { $gt: '' }, to: '2026-11-30' }, wang)).toMatchObject({ ok: false, error: { code: 'COMMON.INVALID_INPUT' } });
    expect(cloud.snapshot()).toBe(before);
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
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const rows: string[][] = [];
  // an empty cell reads back as a hole (the streaming writer stores no empty strings): '' as in the CSV
  ws.eachRow((row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => (v == null ? '' : String(v)))));
  return rows;
}

/** RFC 4180 CSV (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') (cell += '"'), (i += 1);
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && s[i + 1] === '\n') (row.push(cell), rows.push(row), (row = []), (cell = ''), (i += 1));
    else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

describe('console.exportLedger', () => {
  it('XLSX of the tickets: one row per ticket reported in the period, the timeline readable, a sheet of steps; it parses back to the CSV’s rows', async () => {
    const x = await ok(cloud.act<LedgerFile>('console', { action: 'exportLedger', ...NOV, format: 'xlsx', kind: 'tickets' }, wang));
    expect(x).toMatchObject({ format: 'xlsx', kind: 'tickets', rows: 4, fileName: '诉求台账-2026-11-01至2026-11-30.xlsx' });
    // stored under the name the page shows, so a browser saves it under that name
    expect(x.fileID).toMatch(/^cloud:\/\/.+\/ledgers\/a-wang\/\d{14}\/诉求台账-2026-11-01至2026-11-30\.xlsx$/);
    expect(decodeURIComponent(new URL(x.tempFileURL).pathname.split('/').pop()!)).toBe('诉求台账-2026-11-01至2026-11-30.xlsx');
    const rows = await sheetRows(await download(x), '诉求台账');
    expect(rows[0].slice(0, 4)).toEqual(['编号', '登记时间', '来源', '类别']);
    expect(rows.slice(1).map((r) => r[0])).toEqual([ids.B, ids.C, ids.D, ids.E]);
    const b = rows[1];
    const col = (name: string) => rows[0].indexOf(name);
    expect([b[col('登记时间')], b[col('来源')], b[col('类别')], b[col('状态')], b[col('处理人')], b[col('办结时间')], b[col('按期办结')], b[col('评价')]]).toEqual([
      '2026-11-03 09:00', '群众提', '噪音扰民', '已办结', '严婷', '2026-11-12 10:30', '否', '基本满意',
    ]);
    expect(b[col('处理经过')].split('\n')).toEqual([
      expect.stringMatching(/^11-03 09:00 赵建国 登记/),
      '11-03 09:30 严婷 受理',
      '11-12 10:00 严婷 反馈处理结果：已调解',
      '11-12 10:05 严婷 回访（上门回访，2026-11-12）：安静多了',
      '11-12 10:30 严婷 办结：已办结',
      '11-13 09:00 赵建国 反映人评价：基本满意',
    ]);
    expect(rows[4][col('来源')]).toBe('自己找');
    const steps = await sheetRows(await download(x), '处理记录');
    expect(steps[0]).toEqual(['诉求编号', '时间', '事项', '经办人', '身份', '状态变化', '说明']);
    expect(steps.filter((r) => r[0] === ids.D).map((r) => r[2])).toEqual(['登记', '受理', '反馈处理结果', '回访（电话回访，2026-11-11）', '现场核查通过', '办结', '反映人评价：不满意', '返工']);

    const c = await ok(cloud.act<LedgerFile>('console', { action: 'exportLedger', ...NOV, format: 'csv', kind: 'tickets' }, wang));
    const bytes = await download(c);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('编号,登记时间,来源,类别,')).toBe(true);
    expect(text).toContain('\r\n');
    expect(parseCsv(text)).toEqual(rows);
  });

  it('the market ledger lists every booking and stall application of the period, one row each', async () => {
    const x = await ok(cloud.act<LedgerFile>('console', { action: 'exportLedger', ...NOV, format: 'xlsx', kind: 'market' }, wang));
    expect(x.rows).toBe(7 + 5);
    const rows = await sheetRows(await download(x), '集市记录');
    expect(rows[0]).toEqual(['记录类型', '集市日期', '服务项目或摊位', '时段', '居民或摊主', '代办人', '状态', '签到时间', '登记时间', '编号']);
    expect(rows.slice(1).map((r) => r[9]).sort()).toEqual(['BK1', 'BK2', 'BK3', 'BK4', 'BK5', 'BK6', 'BK7', 'sa1', 'sa2', 'sa3', 'sa4', 'sa5'].sort());
    expect(rows.find((r) => r[9] === 'BK3')?.[6]).toBe('爽约');
    expect(rows.find((r) => r[9] === 'sa3')?.slice(0, 3)).toEqual(['摊位', '2026-11-13', '2号摊位（苹果、土豆）']);
    expect(rows.find((r) => r[9] === 'BK1')?.[7]).toBe('2026-11-06 10:05');
  });

  it('a resident\'s words that a spreadsheet would run as a formula stay text: the CSV prefixes them with \', the XLSX holds them as strings, never formulas (OWASP CSV injection)', async () => {
    // four reports in September (outside the other tests' November), one per formula prefix
    const words = ['=HYPERLINK("http://evil.example","点我看详情") 楼道灯坏了', '+1+cmd|\' /C calc\'!A0 楼道堆满杂物', '-2+3 楼下的井盖松了', '@SUM(1+1) 绿化带被挖了种菜'];
    for (const [i, text] of words.entries()) {
      await as(`09-0${i + 1} 09:00`, zhao, { action: 'report', category: 'sanitation', text, where: { estateId: 'e-bishan', building: '1号楼', spot: '楼下' }, requestId: `formula-${i}-0001` });
    }
    const SEP = { from: '2026-09-01', to: '2026-09-30' };
    const c = await ok(cloud.act<LedgerFile>('console', { action: 'exportLedger', ...SEP, format: 'csv', kind: 'tickets' }, wang));
    const csv = parseCsv((await download(c)).subarray(3).toString('utf8'));
    const textCol = csv[0].indexOf('反映内容');
    expect(csv.slice(1).map((r) => r[textCol])).toEqual(words.map((w) => `'${w}`));
    // no cell of the file starts a formula
    expect(csv.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);

    const x = await ok(cloud.act<LedgerFile>('console', { action: 'exportLedger', ...SEP, format: 'xlsx', kind: 'tickets' }, wang));
    const zip = await JSZip.loadAsync(await download(x));
    const sheets = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
    expect(sheets.length).toBe(2);
    for (const f of sheets) expect(await zip.file(f)!.async('string')).not.toMatch(/<f[ >]/);
    const rows = await sheetRows(await download(x), '诉求台账');
    expect(rows.slice(1).map((r) => r[textCol])).toEqual(words);
  });

  it('is for admins only; a grid worker and a resident are refused and nothing is stored', async () => {
    const before = cloud.snapshot();
    for (const who of [yan, he, zhao]) {
      expect(await cloud.act('console', { action: 'exportLedger', ...NOV, format: 'csv', kind: 'tickets' }, who)).toMatchObject({ ok: false, error: { code: 'COMMON.FORBIDDEN' } });
    }
    expect(cloud.snapshot()).toBe(before);
  });
});
