/**
 * The demo's grid-worker rounds (issue 21; `npm start` only, with the demo tickets), written directly
 * as documents of the model types (`cloudfunctions/shared/model.ts`), every date relative to the
 * seed's clock `now`. In 老城社区 (c-laocheng), 壁山丽景小区 (e-bishan), worker 严婷 (w-yan, grids
 * G-LC-01: 1–3号楼 and G-LC-02: 4–6号楼):
 *
 * - four more residents (钱秀英, 82, living alone; the couple 何德福 and 刘桂香; 孔令军) so that the
 *   register has elders and a household of two;
 * - care tags (关爱对象, staff only): 马桂兰 and 钱秀英 独居老人 (every 7 days by the default plan),
 *   何德福/刘桂香 空巢老人, 孔令军 残疾人 + 困难家庭;
 * - visits (民情日志): 马桂兰 9 days ago (so she is due again: weekly), 钱秀英 3 days ago (not due),
 *   何德福 40 days ago (not due: 90 days), 赵建国 20 days ago (a problem heard: pigeons on the roof);
 *   孔令军 never (due) — the care documents' `lastVisitDate` agree with the visits;
 * - one ended patrol (巡查) of G-LC-01 yesterday, 45 minutes, four places checked.
 * The community keeps the default visit plan (90 days; 独居老人 7).
 */
import type { LocalDatabase } from '../cloudbase/database';
import { localDateOf } from '../../cloudfunctions/shared/deadlines';
import { householdKeyOf } from '../../cloudfunctions/shared/households';
import { searchKeyOf } from '../../cloudfunctions/account/domain/search';
import type { CareTag, HouseholdCare, Patrol, User, Visit, VisitMet, VisitTopic } from '../../cloudfunctions/shared/model';

const DAY = 24 * 3_600_000;
const CID = 'c-laocheng';
const EID = 'e-bishan';
const keyOf = (building: string, unit: string, room: string) => householdKeyOf({ estateId: EID, building, unit, room });

/** The seeded rounds records' ids, for tests and the walk-through. */
export const DEMO_ROUNDS = {
  visits: ['visit-demo-ma', 'visit-demo-qian', 'visit-demo-he', 'visit-demo-zhao'],
  patrol: 'patrol-demo-g1',
  /** households: 马桂兰 (due), 钱秀英 (not due), 何德福 (not due), 孔令军 (never visited: due) */
  households: { ma: keyOf('1号楼', '1单元', '201'), qian: keyOf('1号楼', '2单元', '102'), he: keyOf('6号楼', '1单元', '101'), kong: keyOf('4号楼', '1单元', '301'), zhao: keyOf('3号楼', '2单元', '301') },
} as const;

/** The demo's rounds documents (pure; see the module notes). */
export function demoRounds(now: Date): { users: Partial<User>[]; care: HouseholdCare[]; visits: Visit[]; patrols: Patrol[] } {
  const r = (id: string, name: string, building: string, unit: string, room: string, age: number): Partial<User> => ({
    _id: id,
    openid: `local-${id}`,
    name,
    role: 'resident',
    communityId: CID,
    age,
    home: { estateId: EID, building, unit, room },
    householdKey: keyOf(building, unit, room),
    addressText: `壁山丽景小区${building}${unit}${room}`,
    // findable at the counter (account.searchResidents matches searchKey), as the demo's other residents are
    searchKey: searchKeyOf({ name, estateName: '壁山丽景小区', home: { building, unit, room } }),
    verified: true,
    createdAt: now,
  });
  const users = [r('r-qian', '钱秀英', '1号楼', '2单元', '102', 82), r('r-he', '何德福', '6号楼', '1单元', '101', 76), r('r-liu', '刘桂香', '6号楼', '1单元', '101', 74), r('r-kong', '孔令军', '4号楼', '1单元', '301', 58)];
  const ago = (days: number) => localDateOf(new Date(now.getTime() - days * DAY));
  const H = DEMO_ROUNDS.households;
  const visit = (id: string, key: string, gridId: string, days: number, met: VisitMet, topics: VisitTopic[], note: string, metNote = ''): Visit => ({
    _id: id,
    communityId: CID,
    gridId,
    householdKey: key,
    workerId: 'w-yan',
    workerName: '严婷',
    date: ago(days),
    met,
    metNote,
    topics,
    note,
    ticketIds: [],
    requestKey: `w-yan:${id}`,
    createdAt: new Date(now.getTime() - days * DAY),
  });
  const visits = [
    visit(DEMO_ROUNDS.visits[0], H.ma, 'G-LC-01', 9, 'self', ['care', 'policy'], '身体还好，提醒按时吃降压药；讲了高龄津贴怎么领'),
    visit(DEMO_ROUNDS.visits[1], H.qian, 'G-LC-01', 3, 'self', ['care', 'safety'], '检查了燃气阀门和烟感，留了社区电话'),
    visit(DEMO_ROUNDS.visits[2], H.he, 'G-LC-02', 40, 'family', ['policy', 'needs'], '想报名社区老年食堂，已登记', '老伴刘桂香在家'),
    visit(DEMO_ROUNDS.visits[3], H.zhao, 'G-LC-01', 20, 'self', ['problem'], '反映3号楼楼顶有人养鸽子，气味大'),
  ];
  const care = (key: string, gridId: string, tags: CareTag[], v?: Visit): HouseholdCare => ({
    _id: key,
    communityId: CID,
    gridId,
    tags,
    ...(tags.length ? { tagsById: 'w-yan', tagsByName: '严婷', tagsAt: new Date(now.getTime() - 60 * DAY) } : {}),
    ...(v ? { lastVisitDate: v.date, lastVisitId: v._id } : {}),
  });
  const cares = [
    care(H.ma, 'G-LC-01', ['livingAlone'], visits[0]),
    care(H.qian, 'G-LC-01', ['livingAlone'], visits[1]),
    care(H.he, 'G-LC-02', ['emptyNest'], visits[2]),
    care(H.kong, 'G-LC-02', ['disabled', 'hardship']),
    care(H.zhao, 'G-LC-01', [], visits[3]),
  ];
  const started = new Date(now.getTime() - DAY - 2 * 3_600_000);
  const patrols: Patrol[] = [
    {
      _id: DEMO_ROUNDS.patrol,
      communityId: CID,
      gridId: 'G-LC-01',
      workerId: 'w-yan',
      workerName: '严婷',
      startedAt: started,
      endedAt: new Date(started.getTime() + 45 * 60_000),
      places: ['1号楼楼道', '2号楼车棚', '3号楼楼顶', '小区东门'],
      note: '3号楼楼顶鸽棚仍在，已提醒住户',
      ticketIds: [],
      status: 'ended',
      requestKey: `w-yan:${DEMO_ROUNDS.patrol}`,
      openKey: DEMO_ROUNDS.patrol,
      createdAt: started,
    },
  ];
  return { users, care: cares, visits, patrols };
}

/** Writes the demo's rounds records (see the module notes). */
export function seedDemoRounds(db: LocalDatabase, now = new Date()): void {
  const d = demoRounds(now);
  for (const c of ['visits', 'patrols', 'householdCare']) if (!db.collectionNames().includes(c)) db.createCollection(c);
  db.insert('users', d.users as never);
  db.insert('householdCare', d.care as never);
  db.insert('visits', d.visits as never);
  db.insert('patrols', d.patrols as never);
}
