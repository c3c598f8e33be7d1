/**
 * Volunteers in the product (解忧智囊团, issue 22; docs/everyday-services-design.md §4) through the
 * real wx-server-sdk against the local emulator. Each path is allowed for the right volunteer and
 * refused for a resident who is not one, a volunteer without the role, a retired one and one of
 * another community; each credits hours through `creditHours` once, also when the act is repeated
 * at the same time:
 * - 送快递上门: `parcels.toDeliver` lists the waiting parcels of elders (赵建国, 72) and those asked
 *   for at the counter (`toDoor`) — never a code or phone; any volunteer delivers (20 minutes);
 * - 核查 by a 信息员: found through `ticket.volunteerTasks`, checked with `ticket.verify`, the
 *   `informant` view (no reporter); 30 minutes;
 * - 调解员: the assignee of a neighbour dispute invites one (`ticket.mediators`, `inviteMediator`),
 *   who is told in 消息 and reads it exactly as the assignee's view shows it (the answers compared),
 *   a volunteer not invited gets TICKET.NOT_FOUND; closing credits 60 minutes;
 * - 巡逻员: a patrol of a grid of the community started and ended like a grid worker's; its length
 *   credited, capped at 240 minutes.
 * The clock is fixed: Wednesday 2026-03-04 10:00 China time (moved on for the patrol).
 */
import { codeOf, ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { ParcelView, ToDeliverAnswer, MyParcelsAnswer } from '../../cloudfunctions/parcels/contract';
import type { MediatorOption, StaffTicketView, TicketGet, VolunteerTicketTasks } from '../../cloudfunctions/ticket/contract';
import type { InboxPage } from '../../cloudfunctions/account/contract';
import type { PatrolView, VolunteerPatrolAnswer } from '../../cloudfunctions/rounds/contract';
import type { VolunteerRole } from '../../cloudfunctions/shared/model';

let cloud: TestCloud;
const NOW = new Date('2026-03-04T02:00:00Z');
const yan = openidOf('w-yan'); // 老城 grid worker (G-LC-01, G-LC-02)
const wang = openidOf('a-wang'); // 老城 admin
const zou = openidOf('r-zou'); // 老城 resident, not a volunteer

/** The volunteers of this test: id → roles, community, active. */
const VOLUNTEERS: Record<string, { name: string; roles: VolunteerRole[]; communityId?: string; active?: boolean }> = {
  'v-speaker': { name: '宣讲员老孙', roles: ['speaker'] },
  'v-informant': { name: '信息员小钱', roles: ['informant'] },
  'v-mediator': { name: '调解员老周', roles: ['mediator'] },
  'v-mediator2': { name: '调解员老吴', roles: ['mediator'] },
  'v-patroller': { name: '巡逻员老郑', roles: ['patroller'] },
  'v-retired': { name: '退出的老王', roles: ['speaker', 'informant', 'mediator', 'patroller'], active: false },
  'v-mingzhu': { name: '明珠的志愿者', roles: ['speaker', 'informant', 'mediator', 'patroller'], communityId: 'c-mingzhu' },
};
const as = (id: string) => openidOf(id);

let n = 0;
const rid = () => `req-volact-${++n}-xxxx`;
const hours = (source: string) => cloud.db.find('volunteerHours', {}).filter((h) => (h as unknown as { source: string }).source === source) as unknown as { _id: string; userId: string; minutes: number; refId: string }[];

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 4 });
  cloud.setClock(NOW);
  cloud.db.insert(
    'users',
    Object.entries(VOLUNTEERS).map(([id, v]) => ({
      _id: id,
      openid: openidOf(id),
      name: v.name,
      role: 'resident',
      communityId: v.communityId ?? 'c-laocheng',
      home: v.communityId ? { estateId: 'e-lantian', building: '6号楼', unit: '1单元', room: '101' } : { estateId: 'e-bishan', building: '2号楼', unit: '1单元', room: '201' },
      verified: true,
      volunteer: { roles: v.roles, since: new Date('2025-06-01T00:00:00Z'), active: v.active ?? true },
      createdAt: new Date('2025-06-01T00:00:00Z'),
    })) as never,
  );
}, 60_000);
afterAll(() => cloud.close());

describe('送快递上门 (parcels)', () => {
  let zhaoParcel: ParcelView;
  let zouAsked: ParcelView;
  let zouPlain: ParcelView;
  beforeAll(async () => {
    const log = (residentId: string, extra: object = {}) => ok(cloud.act<ParcelView>('parcels', { action: 'log', residentId, carrier: 'sf', shelf: 'C-2', requestId: rid(), ...extra }, yan));
    zhaoParcel = await log('r-zhao'); // 赵建国 is 72: an elder
    zouAsked = await log('r-zou', { toDoor: true }); // 邹建庄 asked at the counter
    zouPlain = await log('r-zou');
  });

  it('the list: elders\' parcels and those asked for, with name, home and shelf — never a code or phone; staff see it too', async () => {
    const list = await ok(cloud.act<ToDeliverAnswer>('parcels', { action: 'toDeliver' }, as('v-speaker')));
    const ids = list.parcels.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining([zhaoParcel.id, zouAsked.id]));
    expect(ids).not.toContain(zouPlain.id);
    expect(list.parcels.find((p) => p.id === zhaoParcel.id)).toEqual({
      id: zhaoParcel.id,
      residentName: '赵建国',
      home: { building: '3号楼', unit: '2单元', room: '301' },
      shelf: 'C-2',
      carrierLabel: '顺丰',
      loggedAt: zhaoParcel.loggedAt,
      why: 'elder',
    });
    expect(list.parcels.find((p) => p.id === zouAsked.id)?.why).toBe('asked');
    const text = JSON.stringify(list);
    for (const p of [zhaoParcel, zouAsked]) expect(text).not.toContain(p.code);
    expect(text).not.toMatch(/1[3-9]\d(\d{4}|\*{4})\d{4}/); // no phone, masked or not
    expect(text).not.toMatch(/"(code|phone|phoneMasked)"/);
    expect((await ok(cloud.act<ToDeliverAnswer>('parcels', { action: 'toDeliver' }, yan))).parcels.map((p) => p.id)).toEqual(expect.arrayContaining([zhaoParcel.id]));
  });

  it('refused: a resident who is no volunteer, a retired volunteer; a volunteer of another community sees none of ours', async () => {
    expect(await codeOf(cloud.act('parcels', { action: 'toDeliver' }, zou))).toBe('COMMON.FORBIDDEN');
    expect(await codeOf(cloud.act('parcels', { action: 'toDeliver' }, as('v-retired')))).toBe('COMMON.FORBIDDEN');
    expect((await ok(cloud.act<ToDeliverAnswer>('parcels', { action: 'toDeliver' }, as('v-mingzhu')))).parcels).toEqual([]);
    const before = cloud.snapshot();
    expect(await codeOf(cloud.act('parcels', { action: 'deliver', parcelId: zhaoParcel.id }, zou))).toBe('COMMON.FORBIDDEN');
    expect(await codeOf(cloud.act('parcels', { action: 'deliver', parcelId: zhaoParcel.id }, as('v-retired')))).toBe('COMMON.FORBIDDEN');
    expect(await codeOf(cloud.act('parcels', { action: 'deliver', parcelId: zhaoParcel.id }, as('v-mingzhu')))).toBe('PARCELS.NOT_FOUND');
    expect(cloud.snapshot()).toBe(before);
  });

  it('two volunteers deliver it at once, twice each: delivered once, 20 minutes credited once, the answer without the code; 赵建国 reads 已送到家', async () => {
    await Promise.all([1, 2, 3, 4].map(() => cloud.act('parcels', { action: 'toDeliver' }, as('v-speaker'))));
    const results = await Promise.all([
      cloud.act<ParcelView>('parcels', { action: 'deliver', parcelId: zhaoParcel.id }, as('v-speaker')),
      cloud.act<ParcelView>('parcels', { action: 'deliver', parcelId: zhaoParcel.id }, as('v-patroller')),
      cloud.act<ParcelView>('parcels', { action: 'deliver', parcelId: zhaoParcel.id }, as('v-speaker')),
      cloud.act<ParcelView>('parcels', { action: 'deliver', parcelId: zhaoParcel.id }, as('v-patroller')),
    ]);
    const won = results.filter((r) => r.ok);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(['PARCELS.NOT_WAITING', 'PARCELS.NOT_WAITING', 'PARCELS.NOT_WAITING']);
    const done = won[0].ok ? won[0].data : null;
    expect(done).toMatchObject({ id: zhaoParcel.id, status: 'delivered', code: '', phoneMasked: null });
    const credited = hours('parcelDelivered');
    expect(credited).toHaveLength(1);
    expect(credited[0]).toMatchObject({ _id: `parcelDelivered:${zhaoParcel.id}:${credited[0].userId}`, minutes: 20, refId: zhaoParcel.id });
    expect(['v-speaker', 'v-patroller']).toContain(credited[0].userId);
    expect(done?.deliveredByName).toBe(VOLUNTEERS[credited[0].userId].name);
    const mine = await ok(cloud.act<MyParcelsAnswer>('parcels', { action: 'myParcels' }, openidOf('r-zhao')));
    expect(mine.done.find((p) => p.id === zhaoParcel.id)).toMatchObject({ status: 'delivered', statusLabel: '已送到家' });
    // no longer on the list
    expect((await ok(cloud.act<ToDeliverAnswer>('parcels', { action: 'toDeliver' }, as('v-speaker')))).parcels.map((p) => p.id)).not.toContain(zhaoParcel.id);
  });

  it('staff still deliver (no hours: staff are not volunteers), and read the code', async () => {
    const d = await ok(cloud.act<ParcelView>('parcels', { action: 'deliver', parcelId: zouAsked.id }, yan));
    expect(d).toMatchObject({ status: 'delivered', code: zouAsked.code });
    expect(hours('parcelDelivered').map((h) => h.refId)).not.toContain(zouAsked.id);
  });
});

/** A ticket reported by 邹建庄 at `building` of 壁山丽景小区, accepted by 严婷 (and handled when `handled`). */
async function ticketOf(category: string, building: string, handled: boolean, reporter = zou): Promise<string> {
  cloud.db.remove('quotas', 'WHERE', {}, true);
  const r = await ok(cloud.act<{ id: string }>('ticket', { action: 'report', category, text: category === 'noise' ? '楼上半夜拖椅子，声音很大' : '楼道里堆了很多杂物，影响通行', where: { estateId: 'e-bishan', building }, requestId: rid() }, reporter));
  await ok(cloud.act('ticket', { action: 'accept', ticketId: r.id }, yan));
  if (handled) await ok(cloud.act('ticket', { action: 'handle', ticketId: r.id, result: '已经处理好了' }, yan));
  return r.id;
}

describe('核查 by a 信息员 (ticket.verify)', () => {
  let ticketId: string;
  beforeAll(async () => {
    ticketId = await ticketOf('sanitation', '1号楼', true);
  });

  it('the 信息员 finds it in volunteerTasks, as the informant view: no reporter, no words', async () => {
    const tasks = await ok(cloud.act<VolunteerTicketTasks>('ticket', { action: 'volunteerTasks' }, as('v-informant')));
    const row = tasks.toVerify.find((t) => t.id === ticketId)!;
    expect(row).toMatchObject({ reporter: null, reporterHidden: true, text: '', photos: [], status: 'handled' });
    expect(row.can.verify).toBe(true);
    expect(tasks.mediations).toEqual([]);
    // a mediator has none to check; a resident who is no volunteer may not ask
    expect((await ok(cloud.act<VolunteerTicketTasks>('ticket', { action: 'volunteerTasks' }, as('v-mediator')))).toVerify).toEqual([]);
    expect(await codeOf(cloud.act('ticket', { action: 'volunteerTasks' }, zou))).toBe('COMMON.FORBIDDEN');
    expect(await codeOf(cloud.act('ticket', { action: 'volunteerTasks' }, as('v-retired')))).toBe('COMMON.FORBIDDEN');
    const got = await ok(cloud.act<TicketGet>('ticket', { action: 'get', ticketId }, as('v-informant')));
    expect(got.view).toBe('staff');
    expect(JSON.stringify(got)).not.toContain('邹建庄');
  });

  it('refused for a resident, a volunteer without the role, a retired one, one of another community: TICKET.NOT_FOUND, nothing written', async () => {
    const before = cloud.snapshot();
    for (const who of [zou, as('v-mediator'), as('v-retired'), as('v-mingzhu')]) {
      expect(await codeOf(cloud.act('ticket', { action: 'verify', ticketId, passed: true }, who))).toBe('TICKET.NOT_FOUND');
    }
    expect(cloud.snapshot()).toBe(before);
  });

  it('three checks at once by the 信息员: checked once, 30 minutes credited once', async () => {
    const results = await Promise.all([1, 2, 3].map(() => cloud.act<StaffTicketView>('ticket', { action: 'verify', ticketId, passed: true, note: '去看过了，清理干净了' }, as('v-informant'))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const ok = results.find((r) => r.ok);
    expect(ok?.ok && ok.data).toMatchObject({ verification: { passed: true, byName: '信息员小钱' }, reporter: null });
    const credited = hours('verification');
    expect(credited).toEqual([expect.objectContaining({ _id: `verification:${ticketId}:v-informant`, minutes: 30, userId: 'v-informant' })]);
  });
});

describe('调解员 on a neighbour dispute', () => {
  let disputeId: string;
  beforeAll(async () => {
    disputeId = await ticketOf('noise', '3号楼', false, openidOf('r-zhao'));
  });

  it('the assignee picks from the community\'s active mediators; invites one, who is told in 消息', async () => {
    const options = await ok(cloud.act<MediatorOption[]>('ticket', { action: 'mediators', ticketId: disputeId }, yan));
    expect(options.map((o) => o.id).sort()).toEqual(['v-mediator', 'v-mediator2']);
    expect(options.every((o) => !o.invited)).toBe(true);
    const view = await ok(cloud.act<StaffTicketView>('ticket', { action: 'inviteMediator', ticketId: disputeId, residentId: 'v-mediator' }, yan));
    expect(view.timeline.map((s) => s.title)).toContain('请调解员 调解员老周 参与调解');
    expect((await ok(cloud.act<MediatorOption[]>('ticket', { action: 'mediators', ticketId: disputeId }, yan))).find((o) => o.id === 'v-mediator')?.invited).toBe(true);
    const inbox = await ok(cloud.act<InboxPage>('account', { action: 'myMessages' }, as('v-mediator')));
    expect(inbox.messages.map((m) => m.title)).toContain('请您参与调解一件邻里纠纷');
  });

  it('refused: not the assignee, not a mediator of the community, a community problem, invited twice', async () => {
    expect(await codeOf(cloud.act('ticket', { action: 'inviteMediator', ticketId: disputeId, residentId: 'v-mediator2' }, wang))).toBe('TICKET.NOT_ASSIGNEE');
    for (const residentId of ['v-informant', 'v-retired', 'v-mingzhu', 'r-zou']) {
      expect(await codeOf(cloud.act('ticket', { action: 'inviteMediator', ticketId: disputeId, residentId }, yan))).toBe('TICKET.MEDIATOR_NOT_FOUND');
    }
    expect(await codeOf(cloud.act('ticket', { action: 'inviteMediator', ticketId: disputeId, residentId: 'v-mediator' }, yan))).toBe('TICKET.MEDIATOR_INVITED');
    const problem = await ticketOf('sanitation', '2号楼', false);
    expect(await codeOf(cloud.act('ticket', { action: 'inviteMediator', ticketId: problem, residentId: 'v-mediator' }, yan))).toBe('TICKET.NOT_A_DISPUTE');
    expect(await codeOf(cloud.act('ticket', { action: 'inviteMediator', ticketId: disputeId, residentId: 'v-mediator2' }, as('v-mediator')))).toBe('COMMON.FORBIDDEN');
  });

  it("the mediator's view holds nothing the assignee's does not (answers compared); a volunteer not invited gets TICKET.NOT_FOUND", async () => {
    const assignee = await ok(cloud.act<TicketGet>('ticket', { action: 'get', ticketId: disputeId }, yan));
    const mediator = await ok(cloud.act<TicketGet>('ticket', { action: 'get', ticketId: disputeId }, as('v-mediator')));
    expect(assignee.view).toBe('staff');
    expect(mediator.view).toBe('staff');
    const { can: assigneeCan, ...assigneeRest } = assignee.ticket as StaffTicketView;
    const { can: mediatorCan, ...mediatorRest } = mediator.ticket as StaffTicketView;
    expect(mediatorRest).toEqual(assigneeRest);
    // the mediator may do nothing on it
    expect(Object.values(mediatorCan).every((v) => v === false)).toBe(true);
    expect(Object.values(assigneeCan).some((v) => v === true)).toBe(true);
    // what the assignee sees of the reporter, the mediator sees — and no more
    expect((mediator.ticket as StaffTicketView).reporter?.name).toBe('赵建国');
    for (const who of ['v-mediator2', 'v-informant', 'v-retired', 'v-mingzhu', 'r-zou']) {
      expect(await codeOf(cloud.act('ticket', { action: 'get', ticketId: disputeId }, as(who)))).toBe('TICKET.NOT_FOUND');
    }
    // the mediator finds it in their list
    const tasks = await ok(cloud.act<VolunteerTicketTasks>('ticket', { action: 'volunteerTasks' }, as('v-mediator')));
    expect(tasks.mediations.map((t) => t.id)).toEqual([disputeId]);
    expect(tasks.mediations[0]).toEqual({ ...mediator.ticket, photos: [] });
    // and may not act on it as staff
    expect(await codeOf(cloud.act('ticket', { action: 'note', ticketId: disputeId, text: '我来调解', public: false }, as('v-mediator')))).toBe('COMMON.FORBIDDEN');
  });

  it('a mediator who retires no longer sees it', async () => {
    cloud.db.modify('users', { queryType: 'DOC', query: { _id: 'v-mediator' }, data: { $set: { 'volunteer.active': false } }, multi: false, merge: true, upsert: false });
    expect(await codeOf(cloud.act('ticket', { action: 'get', ticketId: disputeId }, as('v-mediator')))).toBe('TICKET.NOT_FOUND');
    cloud.db.modify('users', { queryType: 'DOC', query: { _id: 'v-mediator' }, data: { $set: { 'volunteer.active': true } }, multi: false, merge: true, upsert: false });
  });

  it('closing the dispute (two closes at once) credits the mediator 60 minutes, once', async () => {
    await ok(cloud.act('ticket', { action: 'handle', ticketId: disputeId, result: '双方谈妥了，晚上十点后不再拖椅子' }, yan));
    await ok(cloud.act('ticket', { action: 'followUp', ticketId: disputeId, date: '2026-03-04', method: 'phone', reporterSaid: '安静多了' }, yan));
    const results = await Promise.all([1, 2].map(() => cloud.act('ticket', { action: 'close', ticketId: disputeId, summary: '调解成功' }, yan)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(hours('mediation')).toEqual([expect.objectContaining({ _id: `mediation:${disputeId}:v-mediator`, minutes: 60, userId: 'v-mediator', refId: disputeId })]);
  });
});

describe('巡逻员 on patrol (rounds)', () => {
  it('a 巡逻员 starts a patrol of a grid of the community and ends it 5 hours later: 240 minutes (the cap), once, however often the end is sent', async () => {
    cloud.setClock(NOW);
    const p = await ok(cloud.act<PatrolView>('rounds', { action: 'startPatrol', gridId: 'G-LC-01', requestId: rid() }, as('v-patroller')));
    expect(p.status).toBe('open');
    cloud.setClock(new Date(NOW.getTime() + 5 * 3_600_000));
    const end = { action: 'endPatrol', patrolId: p.id, places: ['1号楼楼道', '小区门口'], note: '' };
    const results = await Promise.all([1, 2, 3].map(() => cloud.act<PatrolView>('rounds', end, as('v-patroller'))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(hours('patrol')).toEqual([expect.objectContaining({ _id: `patrol:${p.id}:v-patroller`, minutes: 240, userId: 'v-patroller' })]);
    cloud.setClock(NOW);
  });

  it("a short patrol counts its own length", async () => {
    const p = await ok(cloud.act<PatrolView>('rounds', { action: 'startPatrol', gridId: 'G-LC-02', requestId: rid() }, as('v-patroller')));
    cloud.setClock(new Date(NOW.getTime() + 45 * 60_000));
    await ok(cloud.act('rounds', { action: 'endPatrol', patrolId: p.id, places: ['5号楼'], note: '' }, as('v-patroller')));
    expect(hours('patrol').find((h) => h.refId === p.id)?.minutes).toBe(45);
    cloud.setClock(NOW);
  });

  it('巡逻 (volunteerPatrol, 1 round trip): the grids by name, no open round, the last ended ones newest first; start → open; end 30 minutes later (the latest end) → first of recent, 30 minutes credited', async () => {
    cloud.setClock(NOW);
    const read = () => ok(cloud.act<VolunteerPatrolAnswer>('rounds', { action: 'volunteerPatrol' }, as('v-patroller')));
    const trips = cloud.db.stats.requests;
    const before = await read();
    expect(cloud.db.stats.requests - trips).toBe(1);
    expect(before.grids).toEqual([
      { id: 'G-LC-01', name: 'G-LC-01' },
      { id: 'G-LC-02', name: 'G-LC-02' },
    ]);
    expect(before.open).toBeNull();
    // by when they ended: the 5-hour round ended last
    expect(before.recent.map((p) => p.places)).toEqual([['1号楼楼道', '小区门口'], ['5号楼']]);
    cloud.setClock(new Date(NOW.getTime() + 6 * 3_600_000));
    const p = await ok(cloud.act<PatrolView>('rounds', { action: 'startPatrol', gridId: before.grids[1].id, requestId: rid() }, as('v-patroller')));
    const during = await read();
    expect(during.open).toMatchObject({ id: p.id, gridId: 'G-LC-02', status: 'open', mine: true });
    expect(during.recent).toHaveLength(2);
    cloud.setClock(new Date(NOW.getTime() + 6.5 * 3_600_000));
    await ok(cloud.act('rounds', { action: 'endPatrol', patrolId: p.id, places: ['3号楼门口'], note: '车棚门锁坏了' }, as('v-patroller')));
    const after = await read();
    expect(after.open).toBeNull();
    expect(after.recent[0]).toMatchObject({ id: p.id, status: 'ended', minutes: 30, places: ['3号楼门口'], note: '车棚门锁坏了' });
    expect(hours('patrol').find((h) => h.refId === p.id)?.minutes).toBe(30);
    // nothing of the register: no household, resident, building cover or care tag
    const text = JSON.stringify(after);
    for (const word of ['householdKey', 'residents', 'covers', 'workerIds', 'tags', 'careTags', '赵建国', '邹建庄']) expect(text).not.toContain(word);
    cloud.setClock(NOW);
  });

  it('volunteerPatrol refused (COMMON.FORBIDDEN): a resident, a volunteer without the role, a retired one, a grid worker', async () => {
    for (const who of [zou, as('v-speaker'), as('v-retired'), yan]) {
      expect(await codeOf(cloud.act('rounds', { action: 'volunteerPatrol' }, who))).toBe('COMMON.FORBIDDEN');
    }
  });

  it('refused: a resident, a volunteer without the role, a retired one (ROUNDS.GRID_NOT_YOURS); another community\'s grid (ROUNDS.GRID_NOT_FOUND)', async () => {
    const before = cloud.snapshot();
    for (const who of [zou, as('v-speaker'), as('v-retired')]) {
      expect(await codeOf(cloud.act('rounds', { action: 'startPatrol', gridId: 'G-LC-01', requestId: rid() }, who))).toBe('ROUNDS.GRID_NOT_YOURS');
    }
    expect(await codeOf(cloud.act('rounds', { action: 'startPatrol', gridId: 'G-LC-01', requestId: rid() }, as('v-mingzhu')))).toBe('ROUNDS.GRID_NOT_FOUND');
    expect(cloud.snapshot()).toBe(before);
  });
});
