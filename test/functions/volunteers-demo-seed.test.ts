/**
 * The demo's 解忧智囊团 (`local/seed/demo-volunteers.ts`, issue 22) through the real wx-server-sdk:
 * 王乐天's team has five volunteers of 老城社区, one per role; this week's roster has 孔令军 on duty
 * this morning, and he reads it on 我的志愿服务; 严婷 marks it done and his hours grow by 180 minutes.
 */
import { ok, openidOf, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { DutyView, MineAnswer, RosterAnswer, TeamAnswer } from '../../cloudfunctions/volunteers/contract';
import { DEMO_VOLUNTEERS } from '../../local/seed/demo-volunteers';

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ demoTickets: true });
}, 60_000);
afterAll(() => cloud.close());

it('five volunteers, one per role; 孔令军 on duty this morning; marking it done credits 3 hours', async () => {
  const team = await ok(cloud.act<TeamAnswer>('volunteers', { action: 'team' }, openidOf('a-wang')));
  expect(team.members.map((m) => [m.name, m.roleLabels]).sort()).toEqual(
    [['孔令军', ['巡逻员']], ['田玉山', ['调解员']], ['苏明', ['信息员']], ['马桂兰', ['宣讲员']], ['刘桂香', ['联络员']]].sort(),
  );
  expect(DEMO_VOLUNTEERS.map((v) => v.role).sort()).toEqual(['informant', 'liaison', 'mediator', 'patroller', 'speaker']);
  const mine = await ok(cloud.act<MineAnswer>('volunteers', { action: 'mine' }, openidOf('r-kong')));
  const today = mine.duties.find((d) => d.date === mine.today);
  expect(today).toMatchObject({ slot: 'am', roleLabel: '巡逻员', status: 'planned' });
  const roster = await ok(cloud.act<RosterAnswer>('volunteers', { action: 'roster', weekOf: mine.today }, openidOf('w-yan')));
  expect(roster.duties.filter((d) => d.date === mine.today).map((d) => d.volunteerName)).toEqual(['孔令军', '刘桂香']);
  expect(roster.duties).toHaveLength(5);
  const before = mine.hours.totalMinutes;
  await ok(cloud.act<DutyView>('volunteers', { action: 'markDuty', dutyId: today!.id, status: 'done' }, openidOf('w-yan')));
  expect((await ok(cloud.act<MineAnswer>('volunteers', { action: 'mine' }, openidOf('r-kong')))).hours.totalMinutes).toBe(before + 180);
});

it('a resident the demo rounds add (何德福, not on the team) is found at the counter by name, so an admin can enlist him', async () => {
  const found = await ok(cloud.act<{ id: string; name: string }[]>('account', { action: 'searchResidents', query: '何德福' }, openidOf('a-wang')));
  expect(found.map((r) => r.id)).toEqual(['r-he']);
  await ok(cloud.act('volunteers', { action: 'enlist', residentId: 'r-he', roles: ['patroller'] }, openidOf('a-wang')));
});
