/**
 * The 解忧智囊团 (`volunteers`, issue 22; docs/everyday-services-design.md §4) through the real
 * wx-server-sdk against the local emulator: an admin enlists a resident of their community, puts
 * them on the roster, staff mark the duty done and the slot's minutes are credited once (however
 * often and however concurrently it is tapped); the volunteer reads their duties and hours; who may
 * do what; bad input changes nothing; retiring takes planned duties off; round trips per action.
 */
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { DutyView, MineAnswer, RosterAnswer, TeamAnswer, TeamMember } from '../../cloudfunctions/volunteers/contract';

let cloud: TestCloud;
const wang = openidOf('a-wang'); // admin, 老城社区
const yan = openidOf('w-yan'); // grid worker, 老城社区
const wang2 = openidOf('a-wang2'); // admin, 西河社区
const zhao = openidOf('r-zhao'); // resident, 老城社区 → the volunteer
const zou = openidOf('r-zou'); // resident, 老城社区, not a volunteer

/** 2026-03-04 (a Wednesday) at `hhmm` China time. */
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);
const TODAY = '2026-03-04';

const v = <T>(event: Record<string, unknown>, openid: string) => cloud.act<T>('volunteers', event, openid);
const code = async (p: Promise<{ ok: boolean; error?: { code: string } }>) => {
  const r = await p;
  return r.ok ? 'ok' : r.error!.code;
};

async function trips<T>(run: () => Promise<T>): Promise<{ n: number; r: T }> {
  const before = cloud.db.stats.requests;
  const r = await run();
  return { n: cloud.db.stats.requests - before, r };
}

beforeAll(async () => {
  cloud = await startTestCloud();
  cloud.setClock(at(TODAY, '09:00'));
}, 60_000);
afterAll(() => cloud.close());

describe('the team', () => {
  it('an admin enlists 赵建国 as 巡逻员 and 联络员: on the team list, on his record', async () => {
    const m = await ok(v<TeamMember>({ action: 'enlist', residentId: 'r-zhao', roles: ['liaison', 'patroller'] }, wang));
    expect(m).toMatchObject({ residentId: 'r-zhao', name: '赵建国', roles: ['patroller', 'liaison'], roleLabels: ['巡逻员', '联络员'], active: true, since: TODAY });
    const team = await ok(v<TeamAnswer>({ action: 'team' }, yan));
    expect(team.members.map((x) => [x.name, x.roleLabels.join('、'), x.active])).toEqual([['赵建国', '巡逻员、联络员', true]]);
    expect(cloud.db.find('users', { _id: 'r-zhao' })[0].volunteer).toMatchObject({ roles: ['patroller', 'liaison'], active: true, enlistedById: 'a-wang' });
  });

  it('who may enlist: not a grid worker, not a resident; an admin only residents of their own community (nothing written otherwise)', async () => {
    const before = cloud.snapshot();
    expect(await code(v({ action: 'enlist', residentId: 'r-zou', roles: ['mediator'] }, yan))).toBe('COMMON.FORBIDDEN');
    expect(await code(v({ action: 'enlist', residentId: 'r-zou', roles: ['mediator'] }, zhao))).toBe('COMMON.FORBIDDEN');
    expect(await code(v({ action: 'enlist', residentId: 'r-li', roles: ['mediator'] }, wang))).toBe('VOLUNTEERS.RESIDENT_NOT_FOUND');
    expect(await code(v({ action: 'enlist', residentId: 'w-yan', roles: ['mediator'] }, wang))).toBe('VOLUNTEERS.RESIDENT_NOT_FOUND');
    expect(await code(v({ action: 'enlist', residentId: 'r-zou', roles: ['mediator'] }, wang2))).toBe('VOLUNTEERS.RESIDENT_NOT_FOUND');
    expect(cloud.snapshot()).toBe(before);
    // another community's staff see none of 老城社区's team
    expect((await ok(v<TeamAnswer>({ action: 'team' }, wang2))).members).toEqual([]);
  });

  it('bad input changes nothing: no roles, a repeated role, an unknown role, an extra field, a one-character reason', async () => {
    const before = cloud.snapshot();
    for (const e of [
      { action: 'enlist', residentId: 'r-zou', roles: [] },
      { action: 'enlist', residentId: 'r-zou', roles: ['mediator', 'mediator'] },
      { action: 'enlist', residentId: 'r-zou', roles: ['captain'] },
      { action: 'enlist', residentId: 'r-zou', roles: ['mediator'], volunteer: { active: true } },
      { action: 'retire', residentId: 'r-zhao', reason: '走' },
      { action: 'setDuty', residentId: 'r-zhao', date: '2026-3-4', slot: 'am', role: 'patroller' },
      { action: 'setDuty', residentId: 'r-zhao', date: TODAY, slot: 'night', role: 'patroller' },
      { action: 'addHours', residentId: 'r-zhao', minutes: 601, date: TODAY, note: '帮忙搬书', requestId: 'req-bad-1' },
      { action: 'addHours', residentId: 'r-zhao', minutes: 1.5, date: TODAY, note: '帮忙搬书', requestId: 'req-bad-2' },
      { action: 'markDuty', dutyId: 'x', status: 'done' },
      { action: 'markDuty', dutyId: `${TODAY}:am:r-zhao`, status: 'planned' },
    ]) {
      expect([e, await code(v(e, wang))]).toEqual([e, 'COMMON.INVALID_INPUT']);
    }
    expect(cloud.snapshot()).toBe(before);
  });
});

describe('the roster and hours', () => {
  const dutyId = `${TODAY}:am:r-zhao`;

  it('four 排班 of 赵建国 for this morning at once → one duty, the rest VOLUNTEERS.DUTY_TAKEN', async () => {
    const answers = await Promise.all(Array.from({ length: 4 }, () => code(v({ action: 'setDuty', residentId: 'r-zhao', date: TODAY, slot: 'am', role: 'patroller', note: '东门' }, wang))));
    expect(answers.sort()).toEqual(['VOLUNTEERS.DUTY_TAKEN', 'VOLUNTEERS.DUTY_TAKEN', 'VOLUNTEERS.DUTY_TAKEN', 'ok']);
    expect(cloud.db.find('duties', {})).toEqual([expect.objectContaining({ _id: dutyId, status: 'planned', role: 'patroller', volunteerName: '赵建国', note: '东门' })]);
  });

  it('refusals: a role he does not hold, a past day, a non-volunteer; staff who are not admins may not 排班', async () => {
    const before = cloud.snapshot();
    expect(await code(v({ action: 'setDuty', residentId: 'r-zhao', date: TODAY, slot: 'pm', role: 'mediator' }, wang))).toBe('VOLUNTEERS.ROLE_NOT_HELD');
    expect(await code(v({ action: 'setDuty', residentId: 'r-zhao', date: '2026-03-03', slot: 'pm', role: 'patroller' }, wang))).toBe('VOLUNTEERS.DATE_OUT_OF_RANGE');
    expect(await code(v({ action: 'setDuty', residentId: 'r-zou', date: TODAY, slot: 'pm', role: 'patroller' }, wang))).toBe('VOLUNTEERS.NOT_A_VOLUNTEER');
    expect(await code(v({ action: 'setDuty', residentId: 'r-zhao', date: TODAY, slot: 'pm', role: 'patroller' }, yan))).toBe('COMMON.FORBIDDEN');
    expect(cloud.snapshot()).toBe(before);
  });

  it('the week (Monday to Sunday) for the volunteer and for staff; a resident who is not on the team may not read it', async () => {
    await ok(v({ action: 'setDuty', residentId: 'r-zhao', date: '2026-03-06', slot: 'eve', role: 'liaison' }, wang));
    const week = await ok(v<RosterAnswer>({ action: 'roster', weekOf: '2026-03-08' }, zhao));
    expect(week.weekStart).toBe('2026-03-02');
    expect(week.dates).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
    expect(week.duties.map((d) => [d.date, d.slotLabel, d.roleLabel, d.statusLabel])).toEqual([
      [TODAY, '上午', '巡逻员', '待值班'],
      ['2026-03-06', '晚上', '联络员', '待值班'],
    ]);
    expect((await ok(v<RosterAnswer>({ action: 'roster', weekOf: TODAY }, yan))).duties).toHaveLength(2);
    expect(await code(v({ action: 'roster', weekOf: TODAY }, zou))).toBe('COMMON.FORBIDDEN');
    expect((await ok(v<RosterAnswer>({ action: 'roster', weekOf: TODAY }, wang2))).duties).toEqual([]);
  });

  it('a duty of a later day cannot be marked yet; another community’s staff find no duty', async () => {
    const before = cloud.snapshot();
    expect(await code(v({ action: 'markDuty', dutyId: '2026-03-06:eve:r-zhao', status: 'done' }, yan))).toBe('VOLUNTEERS.DUTY_NOT_YET');
    expect(await code(v({ action: 'markDuty', dutyId, status: 'done' }, wang2))).toBe('VOLUNTEERS.DUTY_NOT_FOUND');
    expect(await code(v({ action: 'markDuty', dutyId, status: 'done' }, zhao))).toBe('COMMON.FORBIDDEN');
    expect(cloud.snapshot()).toBe(before);
  });

  it('已值班 tapped four times at once → the duty is done and 180 minutes are credited once; again later: still once; 未到岗 after: refused', async () => {
    const answers = await Promise.all(Array.from({ length: 4 }, () => v<DutyView>({ action: 'markDuty', dutyId, status: 'done' }, yan)));
    expect(answers.map((a) => a.ok)).toEqual([true, true, true, true]);
    expect(await ok(v<DutyView>({ action: 'markDuty', dutyId, status: 'done' }, wang))).toMatchObject({ status: 'done', statusLabel: '已值班' });
    expect(cloud.db.find('volunteerHours', {})).toEqual([expect.objectContaining({ _id: `duty:${dutyId}:r-zhao`, minutes: 180, source: 'duty', role: 'patroller', userId: 'r-zhao', date: TODAY, byId: 'w-yan' })]);
    const before = cloud.snapshot();
    expect(await code(v({ action: 'markDuty', dutyId, status: 'missed' }, yan))).toBe('VOLUNTEERS.DUTY_NOT_PLANNED');
    expect(await code(v({ action: 'removeDuty', dutyId }, wang))).toBe('VOLUNTEERS.DUTY_NOT_PLANNED');
    expect(cloud.snapshot()).toBe(before);
  });

  it('记工时 by staff: 45 minutes once per request (a repeat answers credited: false); out-of-range days refused', async () => {
    const e = { action: 'addHours', residentId: 'r-zhao', minutes: 45, date: '2026-03-03', note: '帮忙整理图书角', requestId: 'req-hours-1' };
    expect(await ok(v(e, yan))).toEqual({ id: 'staff:req-hours-1:r-zhao', minutes: 45, credited: true });
    expect(await ok(v(e, yan))).toEqual({ id: 'staff:req-hours-1:r-zhao', minutes: 45, credited: false });
    const before = cloud.snapshot();
    expect(await code(v({ ...e, requestId: 'req-hours-2', date: '2026-03-05' }, yan))).toBe('VOLUNTEERS.DATE_OUT_OF_RANGE');
    expect(await code(v({ ...e, requestId: 'req-hours-3', residentId: 'r-zou' }, yan))).toBe('VOLUNTEERS.NOT_A_VOLUNTEER');
    expect(await code(v({ ...e, requestId: 'req-hours-4' }, zhao))).toBe('COMMON.FORBIDDEN');
    expect(cloud.snapshot()).toBe(before);
  });

  it('我的志愿服务: this week’s duties, hours by kind (值班 3小时, 社区登记 45分钟), what he may do now', async () => {
    const mine = await ok(v<MineAnswer>({ action: 'mine' }, zhao));
    expect(mine.volunteer).toMatchObject({ roleLabels: ['巡逻员', '联络员'], active: true });
    expect(mine.duties.map((d) => [d.date, d.slotLabel, d.statusLabel])).toEqual([
      [TODAY, '上午', '已值班'],
      ['2026-03-06', '晚上', '待值班'],
    ]);
    expect(mine.hours).toMatchObject({ totalMinutes: 225, monthMinutes: 225, bySource: [{ source: 'duty', label: '值班', minutes: 180, count: 1 }, { source: 'staff', label: '社区登记', minutes: 45, count: 1 }] });
    expect(mine.tasks).toEqual({ deliverParcels: true, verifyTickets: false });
    expect(await ok(v<MineAnswer>({ action: 'mine' }, zou))).toMatchObject({ volunteer: null, duties: [], tasks: { deliverParcels: false, verifyTickets: false } });
    const team = await ok(v<TeamAnswer>({ action: 'team' }, wang));
    expect(team.members[0].monthMinutes).toBe(225);
    expect(team.monthMinutesByRole).toMatchObject({ patroller: 180, other: 45 });
  });

  it('取消 a planned duty (admin only)', async () => {
    await ok(v({ action: 'setDuty', residentId: 'r-zhao', date: TODAY, slot: 'pm', role: 'liaison' }, wang));
    expect(await code(v({ action: 'removeDuty', dutyId: `${TODAY}:pm:r-zhao` }, yan))).toBe('COMMON.FORBIDDEN');
    expect(await ok(v({ action: 'removeDuty', dutyId: `${TODAY}:pm:r-zhao` }, wang))).toEqual({ removed: true });
    expect(cloud.db.countDocuments('duties', { _id: `${TODAY}:pm:r-zhao` })).toBe(0);
  });
});

describe('退出 and back', () => {
  it('retiring takes his planned duties off (done ones and hours stay); he cannot be put on duty; re-enlisting keeps since', async () => {
    cloud.setClock(at('2026-03-05', '10:00'));
    const m = await ok(v<TeamMember>({ action: 'retire', residentId: 'r-zhao', reason: '搬去女儿家住了' }, wang));
    expect(m).toMatchObject({ active: false, retiredReason: '搬去女儿家住了' });
    expect(cloud.db.find('duties', {}).map((d) => [d._id, d.status])).toEqual([[`${TODAY}:am:r-zhao`, 'done']]);
    expect(cloud.db.countDocuments('volunteerHours', { userId: 'r-zhao' })).toBe(2);
    expect(await code(v({ action: 'setDuty', residentId: 'r-zhao', date: '2026-03-05', slot: 'am', role: 'patroller' }, wang))).toBe('VOLUNTEERS.NOT_A_VOLUNTEER');
    expect(await code(v({ action: 'retire', residentId: 'r-zhao', reason: '再退一次' }, wang))).toBe('VOLUNTEERS.NOT_A_VOLUNTEER');
    expect(await code(v({ action: 'roster', weekOf: TODAY }, zhao))).toBe('COMMON.FORBIDDEN');
    expect((await ok(v<MineAnswer>({ action: 'mine' }, zhao))).tasks).toEqual({ deliverParcels: false, verifyTickets: false });
    const back = await ok(v<TeamMember>({ action: 'enlist', residentId: 'r-zhao', roles: ['informant'] }, wang));
    expect(back).toMatchObject({ active: true, since: TODAY, roles: ['informant'] });
    expect((await ok(v<MineAnswer>({ action: 'mine' }, zhao))).tasks).toEqual({ deliverParcels: true, verifyTickets: true });
  });
});

describe('round trips', () => {
  it('each action within its budget (contract.ts)', async () => {
    const n: Record<string, number> = {};
    n.enlist = (await trips(() => ok(v({ action: 'enlist', residentId: 'r-zou', roles: ['mediator'] }, wang)))).n;
    n.team = (await trips(() => ok(v({ action: 'team' }, wang)))).n;
    n.setDuty = (await trips(() => ok(v({ action: 'setDuty', residentId: 'r-zou', date: '2026-03-05', slot: 'am', role: 'mediator' }, wang)))).n;
    n.roster = (await trips(() => ok(v({ action: 'roster', weekOf: '2026-03-05' }, zou)))).n;
    n.markDuty = (await trips(() => ok(v({ action: 'markDuty', dutyId: '2026-03-05:am:r-zou', status: 'done' }, yan)))).n;
    n.addHours = (await trips(() => ok(v({ action: 'addHours', residentId: 'r-zou', minutes: 30, date: '2026-03-05', note: '调解楼道纠纷', requestId: 'req-trips-1' }, yan)))).n;
    n.mine = (await trips(() => ok(v({ action: 'mine' }, zou)))).n;
    await ok(v({ action: 'setDuty', residentId: 'r-zou', date: '2026-03-05', slot: 'pm', role: 'mediator' }, wang));
    n.removeDuty = (await trips(() => ok(v({ action: 'removeDuty', dutyId: '2026-03-05:pm:r-zou' }, wang)))).n;
    n.retire = (await trips(() => ok(v({ action: 'retire', residentId: 'r-zou', reason: '身体不好，歇一阵' }, wang)))).n;
    console.log(`volunteers round trips: ${JSON.stringify(n)}`);
    expect(n).toEqual({ enlist: 2, team: 3, setDuty: 2, roster: 2, markDuty: 3, addHours: 2, mine: 3, removeDuty: 2, retire: 3 });
  });
});
