/**
 * The demo's 解忧智囊团 (volunteers, issue 22; `npm start` only, with the demo tickets), written
 * directly as documents of the model types (`cloudfunctions/shared/model.ts` `VolunteerMembership`,
 * `Duty`, `VolunteerHours`), every date relative to the seed's clock `now` (China dates): five
 * residents of 老城社区 enlisted by 王乐天 (a-wang), one per role — 孔令军 巡逻员, 田玉山 调解员, 苏明
 * 信息员, 马桂兰 宣讲员, 刘桂香 联络员 (residents the rounds and consultation seeds add: never the walk-throughs'
 * main characters) — and this week's roster: 孔令军 on duty this morning and 刘桂香 this afternoon
 * (planned), each of the others once on another day of the week, and each of the five once last week; a duty on a day already past is
 * done, with its 180 minutes credited (`volunteerHours` `_id` `duty:<dutyId>:<userId>`, as
 * `creditHours` writes it). Needs the residents: call after `seedDemoRounds` and `seedDemoConsultation`.
 */
import type { LocalDatabase } from '../cloudbase/database';
import { localDateOf } from '../../cloudfunctions/shared/deadlines';
import type { Duty, DutySlot, VolunteerHours, VolunteerMembership, VolunteerRole } from '../../cloudfunctions/shared/model';

const CID = 'c-laocheng';
const DAY = 24 * 3_600_000;

/** The demo's volunteers: resident id, name, role. */
export const DEMO_VOLUNTEERS: readonly { id: string; name: string; role: VolunteerRole }[] = [
  { id: 'r-kong', name: '孔令军', role: 'patroller' },
  { id: 'r-tian', name: '田玉山', role: 'mediator' },
  { id: 'r-su', name: '苏明', role: 'informant' },
  { id: 'r-ma', name: '马桂兰', role: 'speaker' },
  { id: 'r-liu', name: '刘桂香', role: 'liaison' },
];

/** Local date `date` moved by `days`. */
const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** The demo's memberships, duties and credited hours (pure; see the module notes). */
export function demoVolunteers(now: Date): { members: { id: string; volunteer: VolunteerMembership }[]; duties: Duty[]; hours: VolunteerHours[] } {
  const since = new Date(now.getTime() - 60 * DAY);
  const members = DEMO_VOLUNTEERS.map((v) => ({ id: v.id, volunteer: { roles: [v.role], since, active: true, enlistedById: 'a-wang', enlistedByName: '王乐天' } }));
  const today = localDateOf(now);
  const monday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
  const setAt = new Date(monday + 'T01:00:00Z');
  const duty = (v: (typeof DEMO_VOLUNTEERS)[number], date: string, slot: DutySlot, note: string): Duty => {
    const done = date < today;
    return {
      _id: `${date}:${slot}:${v.id}`,
      communityId: CID,
      date,
      slot,
      role: v.role,
      volunteerId: v.id,
      volunteerName: v.name,
      note,
      status: done ? 'done' : 'planned',
      setById: 'a-wang',
      setByName: '王乐天',
      setAt,
      ...(done ? { markedById: 'w-yan', markedByName: '严婷', markedAt: new Date(Date.parse(`${date}T12:00:00+08:00`)) } : {}),
    };
  };
  const [kong, tian, su, ma, liu] = DEMO_VOLUNTEERS;
  // the others on the other days of the week (Monday to Sunday), skipping today
  const others = [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(monday, i)).filter((d) => d !== today);
  // last week: each of them once, done (so their hours are never empty, whatever the weekday)
  const lastWeek = DEMO_VOLUNTEERS.map((v, i) => duty(v, addDays(monday, i - 7), i % 2 ? 'pm' : 'am', '上周值班'));
  const duties = [
    ...lastWeek,
    duty(kong, today, 'am', '东门到3号楼一带'),
    duty(liu, today, 'pm', '解忧铺值守'),
    duty(tian, others[0], 'pm', '解忧铺调解室'),
    duty(su, others[2], 'am', '收集居民意见'),
    duty(ma, others[4], 'eve', '广场宣讲防诈骗'),
  ];
  const hours: VolunteerHours[] = duties
    .filter((d) => d.status === 'done')
    .map((d) => ({ _id: `duty:${d._id}:${d.volunteerId}`, communityId: CID, userId: d.volunteerId, name: d.volunteerName, role: d.role, source: 'duty', refId: d._id, minutes: 180, date: d.date, byId: 'w-yan', byName: '严婷', at: d.markedAt! }));
  return { members, duties, hours };
}

/** Writes the demo's volunteers (see the module notes). */
export function seedDemoVolunteers(db: LocalDatabase, now = new Date()): void {
  const { members, duties, hours } = demoVolunteers(now);
  for (const m of members) db.modify('users', { queryType: 'DOC', query: { _id: m.id }, data: { $set: { volunteer: m.volunteer } }, multi: false, merge: true, upsert: false });
  for (const c of ['duties', 'volunteerHours']) if (!db.collectionNames().includes(c)) db.createCollection(c);
  db.insert('duties', duties as never);
  if (hours.length) db.insert('volunteerHours', hours as never);
}
