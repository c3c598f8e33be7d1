/**
 * The grid workers' own rounds (issue 21; docs/case-loop-design.md §4) through the real
 * wx-server-sdk against the local emulator: the household register derived from `users` (grouped
 * by householdKey; a resident who moves out of the grid leaves it), who may see and change what
 * (a worker of another grid, staff of another community, a resident: refused; care tags never in a
 * resident's answer), a visit recorded twice with one requestId stored once, two workers recording
 * at once, the visit plan deciding who is due, patrols (one open per worker, even when started
 * twice at once), and a problem found on a visit or a patrol becoming a ticket (source 自己找) that
 * the visit or patrol lists. Bad input changes nothing (the whole store compared).
 * The clock is fixed: Wednesday 2026-03-04 10:00 China time.
 */
import { householdKeyOf } from '../../cloudfunctions/shared/households';
import { openidOf, startTestCloud, type Envelope, type TestCloud } from '../support/local-cloud';
import type { HouseholdDetail, HouseholdRow, HouseholdsAnswer, PatrolView, VisitPlansView, VisitView } from '../../cloudfunctions/rounds/contract';
import type { StaffTicketView } from '../../cloudfunctions/ticket/contract';

let cloud: TestCloud;
const yan = openidOf('w-yan'); // G-LC-01 and G-LC-02
const two = openidOf('w-two'); // G-LC-02 only
const other = openidOf('w-other'); // G-LC-01 only
const chen = openidOf('w-chen'); // 明珠社区
const wang = openidOf('a-wang'); // 老城 admin
const zou = openidOf('r-zou'); // resident, 5号楼 (G-LC-02)
const NOW = new Date('2026-03-04T02:00:00Z');
const TODAY = '2026-03-04';
const ZOU_KEY = householdKeyOf({ estateId: 'e-bishan', building: '5号楼', unit: '1单元', room: '502' });

async function data<T>(p: Promise<Envelope<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
}
async function code(p: Promise<Envelope<unknown>>): Promise<string> {
  const r = await p;
  return r.ok ? 'ok' : r.error.code;
}
const rounds = <T>(event: object, who: string) => cloud.act<T>('rounds', event, who);

/** A resident record written straight into `users` (as account.register / registerFor write it). */
function resident(id: string, name: string, building: string, unit: string, room: string, keyed = true) {
  const home = { estateId: 'e-bishan', building, unit, room };
  cloud.db.insert('users', [{ _id: id, openid: openidOf(id), name, role: 'resident', communityId: 'c-laocheng', home, ...(keyed ? { householdKey: householdKeyOf(home) } : {}), verified: true, createdAt: NOW }]);
  return householdKeyOf(home);
}

beforeAll(async () => {
  cloud = await startTestCloud();
  cloud.setClock(NOW);
  cloud.db.insert('users', [
    { _id: 'w-two', openid: two, name: '网格员乙', role: 'gridWorker', communityId: 'c-laocheng', gridIds: ['G-LC-02'], verified: true, createdAt: NOW },
    { _id: 'w-other', openid: other, name: '网格员甲', role: 'gridWorker', communityId: 'c-laocheng', gridIds: ['G-LC-01'], verified: true, createdAt: NOW },
  ]);
}, 60_000);
afterAll(() => cloud.close());

describe('the household register is derived from users', () => {
  it("groups a grid's residents by household, with names, schedule and totals; a resident moving out leaves it", async () => {
    resident('r-zou-wife', '邹妻', '5号楼', '1单元', '502'); // same room as 邹建庄
    const legacyKey = resident('r-old', '老住户', '6号楼', '2单元', '201', false); // a record older than issue 20: no householdKey
    const moverKey = resident('r-mover', '搬家的', '4号楼', '1单元', '101');
    const a = await data(rounds<HouseholdsAnswer>({ action: 'households', gridId: 'G-LC-02' }, yan));
    expect(a.gridCode).toBe('G-LC-02');
    expect(a.grids.map((g) => g.id)).toEqual(['G-LC-01', 'G-LC-02']);
    const zouRow = a.households.find((h) => h.householdKey === ZOU_KEY)!;
    expect(zouRow).toMatchObject({ roomLabel: '5号楼1单元502', estateName: expect.any(String), gridId: 'G-LC-02', tags: [], lastVisitDate: null, nextDueDate: null, due: true, everyDays: 90 });
    expect(zouRow.residents.map((r) => r.name).sort()).toEqual(['邹妻', '邹建庄'].sort());
    expect(a.households.map((h) => h.householdKey)).toEqual(expect.arrayContaining([legacyKey, moverKey]));
    // 3号楼 is G-LC-01's: 赵建国 is not here
    expect(a.households.some((h) => h.residents.some((r) => r.name === '赵建国'))).toBe(false);
    expect(a.totals).toMatchObject({ households: a.households.length, residents: a.households.reduce((n, h) => n + h.residents.length, 0), due: a.households.length, neverVisited: a.households.length, tagged: 0 });
    expect(a.today).toBe(TODAY);

    // the mover's record now says 2号楼 (G-LC-01): they leave G-LC-02's register and join G-LC-01's
    const newHome = { estateId: 'e-bishan', building: '2号楼', unit: '1单元', room: '101' };
    cloud.db.modify('users', { queryType: 'DOC', query: { _id: 'r-mover' }, data: { home: newHome, householdKey: householdKeyOf(newHome) }, merge: true, multi: false, upsert: false } as never);
    const after = await data(rounds<HouseholdsAnswer>({ action: 'households', gridId: 'G-LC-02' }, yan));
    expect(after.households.map((h) => h.householdKey)).not.toContain(moverKey);
    expect(after.totals.households).toBe(a.totals.households - 1);
    const g1 = await data(rounds<HouseholdsAnswer>({ action: 'households' }, other));
    expect(g1.gridId).toBe('G-LC-01');
    expect(g1.households.map((h) => h.householdKey)).toContain(householdKeyOf(newHome));
    // and an action on the old room is refused: nobody lives there any more
    expect(await code(rounds({ action: 'household', householdKey: moverKey }, yan))).toBe('ROUNDS.HOUSEHOLD_NOT_FOUND');
  });
});

describe('who may see and change what', () => {
  it('a worker of another grid, staff of another community and a resident are refused; nothing is written', async () => {
    const before = cloud.snapshot();
    expect(await code(rounds({ action: 'households', gridId: 'G-LC-02' }, other))).toBe('ROUNDS.GRID_NOT_YOURS');
    expect(await code(rounds({ action: 'households', gridId: 'G-MZ-01' }, yan))).toBe('ROUNDS.GRID_NOT_FOUND');
    expect(await code(rounds({ action: 'household', householdKey: ZOU_KEY }, other))).toBe('ROUNDS.HOUSEHOLD_NOT_FOUND');
    expect(await code(rounds({ action: 'household', householdKey: ZOU_KEY }, chen))).toBe('ROUNDS.HOUSEHOLD_NOT_FOUND');
    expect(await code(rounds({ action: 'setCareTags', householdKey: ZOU_KEY, tags: ['livingAlone'] }, other))).toBe('ROUNDS.HOUSEHOLD_NOT_FOUND');
    expect(await code(rounds({ action: 'recordVisit', householdKey: ZOU_KEY, date: TODAY, met: 'self', topics: [], note: '', requestId: 'rv-other-0001' }, other))).toBe('ROUNDS.HOUSEHOLD_NOT_FOUND');
    expect(await code(rounds({ action: 'startPatrol', gridId: 'G-LC-02', requestId: 'sp-other-0001' }, other))).toBe('ROUNDS.GRID_NOT_YOURS');
    expect(await code(rounds({ action: 'setVisitPlans', visitEveryDays: { default: 30 } }, yan))).toBe('COMMON.FORBIDDEN');
    for (const event of [
      { action: 'households' },
      { action: 'household', householdKey: ZOU_KEY },
      { action: 'setCareTags', householdKey: ZOU_KEY, tags: ['livingAlone'] },
      { action: 'visits', householdKey: ZOU_KEY },
      { action: 'patrols' },
      { action: 'visitPlans' },
    ]) {
      expect(await code(rounds(event, zou))).toBe('COMMON.FORBIDDEN');
    }
    expect(cloud.snapshot()).toBe(before);
  });

  it("care tags: set by the grid's worker, seen by staff, never in the resident's own answers", async () => {
    const row = await data(rounds<HouseholdRow>({ action: 'setCareTags', householdKey: ZOU_KEY, tags: ['livingAlone', 'disabled', 'livingAlone'] }, two));
    expect(row).toMatchObject({ tags: ['livingAlone', 'disabled'], tagLabels: ['独居老人', '残疾人'], everyDays: 7, due: true });
    const d = await data(rounds<HouseholdDetail>({ action: 'household', householdKey: ZOU_KEY }, wang));
    expect(d).toMatchObject({ tags: ['livingAlone', 'disabled'], tagsBy: { name: '网格员乙' } });
    expect((await data(rounds<HouseholdsAnswer>({ action: 'households', gridId: 'G-LC-02' }, wang))).totals.tagged).toBe(1);
    // what the resident can ask about themselves carries no care tag
    for (const [fn, action] of [['account', 'me'], ['ticket', 'myTickets']] as const) {
      const r = await cloud.act<unknown>(fn, { action }, zou);
      expect(JSON.stringify(r)).not.toMatch(/livingAlone|独居老人|残疾人|careTag|tags/);
    }
  });
});

describe('visits', () => {
  const visit = (requestId: string, over: object = {}, who = yan) =>
    rounds<VisitView>({ action: 'recordVisit', householdKey: ZOU_KEY, date: '2026-03-03', met: 'self', topics: ['policy', 'care'], note: '老人身体不错，讲了医保政策', requestId, ...over }, who);

  it('a visit recorded twice with one requestId is stored once; the household is no longer due', async () => {
    const a = await data(visit('rv-yan-0001'));
    const b = await data(visit('rv-yan-0001'));
    expect(b.id).toBe(a.id);
    expect(a).toMatchObject({ householdKey: ZOU_KEY, roomLabel: '5号楼1单元502', gridId: 'G-LC-02', workerName: '严婷', metLabel: '见到本人', topicLabels: ['政策宣传', '关爱探访'], ticketIds: [], mine: true });
    expect(cloud.db.countDocuments('visits', { requestKey: 'w-yan:rv-yan-0001' })).toBe(1);
    expect(cloud.db.find('householdCare', { _id: ZOU_KEY })[0]).toMatchObject({ lastVisitDate: '2026-03-03', lastVisitId: a.id, tags: ['livingAlone', 'disabled'] });
    // a retry sent while the first is still on its way (three at once): one visit, the same answer
    const key3 = resident('r-retry', '重试户', '4号楼', '2单元', '201');
    const three = await Promise.all([0, 1, 2].map(() => data(rounds<VisitView>({ action: 'recordVisit', householdKey: key3, date: TODAY, met: 'self', topics: [], note: '', requestId: 'rv-retry-0001' }, yan))));
    expect(new Set(three.map((v) => v.id)).size).toBe(1);
    expect(cloud.db.countDocuments('visits', { householdKey: key3 })).toBe(1);
    expect(cloud.db.find('householdCare', { _id: key3 })[0]).toMatchObject({ lastVisitDate: TODAY, lastVisitId: three[0].id });
    // the same requestId with other words is refused, nothing written
    const before = cloud.snapshot();
    expect(await code(visit('rv-yan-0001', { note: '别的内容' }))).toBe('COMMON.REQUEST_REUSED');
    expect(cloud.snapshot()).toBe(before);
    const row = (await data(rounds<HouseholdsAnswer>({ action: 'households', gridId: 'G-LC-02' }, yan))).households.find((h) => h.householdKey === ZOU_KEY)!;
    expect(row).toMatchObject({ lastVisitDate: '2026-03-03', nextDueDate: '2026-03-10', due: false, everyDays: 7 });
  });

  it('bad input changes nothing: a future date, a date too far back, an object for a key, an unknown field, a long note', async () => {
    const before = cloud.snapshot();
    expect(await code(visit('rv-bad-0001', { date: '2026-03-05' }))).toBe('ROUNDS.VISIT_DATE_INVALID');
    expect(await code(visit('rv-bad-0002', { date: '2026-01-01' }))).toBe('ROUNDS.VISIT_DATE_INVALID');
    expect(await code(visit('rv-bad-0003', { householdKey: { $ne: '' } }))).toBe('COMMON.INVALID_INPUT');
    expect(await code(visit('rv-bad-0004', { workerId: 'w-two' }))).toBe('COMMON.INVALID_INPUT');
    expect(await code(visit('rv-bad-0005', { note: '很'.repeat(201) }))).toBe('COMMON.INVALID_INPUT');
    expect(await code(visit('rv-bad-0006', { topics: ['gossip'] }))).toBe('COMMON.INVALID_INPUT');
    expect(await code(rounds({ action: 'setVisitPlans', visitEveryDays: { default: 0 } }, wang))).toBe('COMMON.INVALID_INPUT');
    expect(await code(rounds({ action: 'setVisitPlans', visitEveryDays: { default: 366 } }, wang))).toBe('COMMON.INVALID_INPUT');
    expect(await code(rounds({ action: 'endPatrol', patrolId: 'nope', places: [] }, yan))).toBe('COMMON.INVALID_INPUT');
    expect(cloud.snapshot()).toBe(before);
  });

  it('two workers recording at once: both visits stored, the household keeps the later date', async () => {
    for (let i = 0; i < 4; i += 1) {
      const key = resident(`r-race-${i}`, `并发${i}`, '6号楼', '1单元', `30${i}`);
      const [a, b] = await Promise.all([
        rounds<VisitView>({ action: 'recordVisit', householdKey: key, date: '2026-03-02', met: 'family', topics: [], note: '', requestId: `race-yan-${i}-000` }, yan),
        rounds<VisitView>({ action: 'recordVisit', householdKey: key, date: '2026-03-04', met: 'nobodyHome', topics: [], note: '', requestId: `race-two-${i}-000` }, two),
      ]);
      expect([a.ok, b.ok]).toEqual([true, true]);
      expect(cloud.db.countDocuments('visits', { householdKey: key })).toBe(2);
      expect(cloud.db.find('householdCare', { _id: key })[0]).toMatchObject({ lastVisitDate: '2026-03-04', tags: [] });
    }
  });

  it('the 民情日志 lists the visits of the caller\'s grids, newest first; another grid\'s worker sees none of them', async () => {
    const log = await data(rounds<VisitView[]>({ action: 'visits', gridId: 'G-LC-02', from: '2026-03-01', to: TODAY }, two));
    expect(log.length).toBeGreaterThanOrEqual(9);
    expect(log[0].date >= log[log.length - 1].date).toBe(true);
    expect(log.every((v) => v.gridId === 'G-LC-02')).toBe(true);
    expect((await data(rounds<VisitView[]>({ action: 'visits', householdKey: ZOU_KEY }, yan))).map((v) => v.date)).toEqual(['2026-03-03']);
    expect(await data(rounds<VisitView[]>({ action: 'visits', householdKey: ZOU_KEY }, other))).toEqual([]);
  });

  it('the visit plan decides who is due: 独居老人 every 7 days by default, every 1 day once the admin says so', async () => {
    const plans = await data(rounds<VisitPlansView>({ action: 'visitPlans' }, wang));
    expect(plans).toMatchObject({ isDefault: true, visitEveryDays: { default: 90, livingAlone: 7 }, effective: { default: 90, livingAlone: 7, emptyNest: 90 } });
    const set = await data(rounds<VisitPlansView>({ action: 'setVisitPlans', visitEveryDays: { default: 60, livingAlone: 1, emptyNest: 14 } }, wang));
    expect(set).toMatchObject({ isDefault: false, effective: { default: 60, livingAlone: 1, emptyNest: 14, disabled: 60 } });
    const row = (await data(rounds<HouseholdsAnswer>({ action: 'households', gridId: 'G-LC-02' }, two))).households.find((h) => h.householdKey === ZOU_KEY)!;
    expect(row).toMatchObject({ everyDays: 1, nextDueDate: '2026-03-04', due: true });
    // due first: never visited, then the earliest next due date; then the others
    const order = (await data(rounds<HouseholdsAnswer>({ action: 'households', gridId: 'G-LC-02' }, two))).households;
    const rank = (h: HouseholdRow) => (!h.due ? 2 : h.nextDueDate === null ? 0 : 1);
    expect(order.map(rank)).toEqual(order.map(rank).sort());
    expect(order.findIndex((h) => h.householdKey === ZOU_KEY)).toBeGreaterThan(order.findIndex((h) => h.lastVisitDate === null));
    // replacing the plan removes a tag left out (not merged)
    expect(await data(rounds<VisitPlansView>({ action: 'setVisitPlans', visitEveryDays: { default: 90, livingAlone: 7 } }, wang))).toMatchObject({ visitEveryDays: { default: 90, livingAlone: 7 }, effective: { emptyNest: 90 } });
    expect((cloud.db.find('communities', { _id: 'c-laocheng' })[0] as unknown as { rounds: unknown }).rounds).toEqual({ visitEveryDays: { default: 90, livingAlone: 7 } });
  });
});

describe('a problem found becomes a ticket', () => {
  const fileCase = (requestId: string, link: object, who = yan, over: object = {}) =>
    cloud.act<StaffTicketView>('ticket', { action: 'fileCase', source: 'selfFound', category: 'sanitation', text: '5号楼楼道里堆满了杂物，挡住了消防通道', where: { estateId: 'e-bishan', building: '5号楼', spot: '一单元楼道' }, requestId, ...link, ...over }, who);

  it('a visit that finds a problem → fileCase with visitId → the ticket is 自己找 and the visit lists it, once on a retry', async () => {
    const v = await data(rounds<VisitView>({ action: 'recordVisit', householdKey: ZOU_KEY, date: TODAY, met: 'self', topics: ['problem'], note: '楼道堆物', requestId: 'rv-problem-01' }, yan));
    const t = await data(fileCase('fc-visit-0001', { visitId: v.id }));
    const again = await data(fileCase('fc-visit-0001', { visitId: v.id }));
    expect(again.id).toBe(t.id);
    expect(t).toMatchObject({ source: 'selfFound', sourceLabel: '自己找（入户走访）' });
    expect(cloud.db.find('tickets', { _id: t.id })[0]).toMatchObject({ source: 'selfFound', visitId: v.id, gridId: 'G-LC-02' });
    expect(cloud.db.find('visits', { _id: v.id })[0]).toMatchObject({ ticketIds: [t.id] });
    const listed = (await data(rounds<VisitView[]>({ action: 'visits', householdKey: ZOU_KEY }, yan))).find((x) => x.id === v.id)!;
    expect(listed.ticketIds).toEqual([t.id]);
  });

  it("another's visit, a visit with another source, or with an opinion: refused, no ticket", async () => {
    const v = await data(rounds<VisitView>({ action: 'recordVisit', householdKey: ZOU_KEY, date: TODAY, met: 'family', topics: ['problem'], note: '', requestId: 'rv-two-problem' }, two));
    const before = cloud.snapshot();
    expect(await code(fileCase('fc-visit-0002', { visitId: v.id }, yan))).toBe('ROUNDS.LINK_NOT_FOUND');
    expect(await code(fileCase('fc-visit-0003', { visitId: 'no-such-visit' }, two))).toBe('ROUNDS.LINK_NOT_FOUND');
    expect(await code(fileCase('fc-visit-0004', { visitId: v.id }, two, { source: 'mutualHelp' }))).toBe('COMMON.INVALID_INPUT');
    expect(await code(fileCase('fc-visit-0005', { visitId: v.id, patrolId: 'p1' }, two))).toBe('COMMON.INVALID_INPUT');
    expect(await code(fileCase('fc-visit-0006', { visitId: v.id }, chen))).toBe('ROUNDS.LINK_NOT_FOUND');
    expect(cloud.snapshot()).toBe(before);
  });

  it('patrols: one open per worker (even six starts at once), ended with places; a problem on it becomes its ticket', async () => {
    // six taps at once (each its own requestId, as six phones would send): one round opens.
    // Every worker of the pool is warm first, so that the six really overlap.
    await Promise.all(Array.from({ length: 8 }, () => rounds({ action: 'patrols' }, two)));
    const starts = await Promise.all(Array.from({ length: 6 }, (_, k) => rounds<PatrolView>({ action: 'startPatrol', gridId: 'G-LC-02', requestId: `sp-two-000${k}` }, two)));
    const started = starts.filter((r) => r.ok);
    expect(started).toHaveLength(1);
    expect(new Set(starts.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code)))).toEqual(new Set(['ROUNDS.PATROL_OPEN']));
    expect(cloud.db.countDocuments('patrols', { workerId: 'w-two', status: 'open' })).toBe(1);
    const p = (started[0] as { ok: true; data: PatrolView }).data;
    expect(p).toMatchObject({ status: 'open', statusLabel: '巡查中', gridCode: 'G-LC-02', minutes: null, mine: true });
    const t = await data(fileCase('fc-patrol-0001', { patrolId: p.id }, two));
    expect(await code(rounds({ action: 'endPatrol', patrolId: p.id, places: ['4号楼北侧'], note: '' }, yan))).toBe('ROUNDS.PATROL_NOT_FOUND');
    cloud.advanceClock(45 * 60_000);
    const ended = await data(rounds<PatrolView>({ action: 'endPatrol', patrolId: p.id, places: ['4号楼北侧', '5号楼楼道', '6号楼车棚'], note: '5号楼楼道堆物已上报' }, two));
    expect(ended).toMatchObject({ status: 'ended', places: ['4号楼北侧', '5号楼楼道', '6号楼车棚'], ticketIds: [t.id], minutes: 45 });
    expect(cloud.db.find('tickets', { _id: t.id })[0]).toMatchObject({ source: 'selfFound', patrolId: p.id });
    // ended: the same end answers it as it is; another end is refused; a new round may start
    expect((await data(rounds<PatrolView>({ action: 'endPatrol', patrolId: p.id, places: ['4号楼北侧', '5号楼楼道', '6号楼车棚'], note: '5号楼楼道堆物已上报' }, two))).id).toBe(p.id);
    expect(await code(rounds({ action: 'endPatrol', patrolId: p.id, places: ['别处'], note: '' }, two))).toBe('ROUNDS.PATROL_ENDED');
    expect((await data(rounds<PatrolView>({ action: 'startPatrol', gridId: 'G-LC-02', requestId: 'sp-two-0009' }, two))).status).toBe('open');
    const list = await data(rounds<PatrolView[]>({ action: 'patrols', gridId: 'G-LC-02' }, wang));
    expect(list.map((x) => x.status)).toEqual(['open', 'ended']);
    cloud.setClock(NOW);
  });
});
