/**
 * 解忧智囊团 (issue 22): the team, enlisting and retiring, the weekly roster, marking duties, hours
 * entered by staff, and the volunteer's own page. The rules are in `contract.ts`.
 *
 * Round trips (database requests):
 * - `team`: the caller (1); the members and the month's hours grouped by volunteer and role, in parallel (2).
 * - `enlist`: the caller with the resident (1), the update (`users.setVolunteer`, 2).
 * - `retire`: the caller with the resident (1), the planned duties from today on removed (2), the update (3).
 * - `roster`: the caller (1), the week's duties (2).
 * - `setDuty`: the caller with the resident (1), the insert (2: `_id` `<date>:<slot>:<volunteerId>`).
 * - `removeDuty`: the caller with the duty (1), the conditional remove (2).
 * - `markDuty`: the caller with the duty (1), the conditional update (2), for done the credit (3).
 * - `addHours`: the caller with the resident (1), the credit (2).
 * - `mine`: the caller (1); the week's duties and the caller's hours, in parallel (2).
 */
import { _, db, isDuplicateKey } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import type { Duty, DutyStatus, User, VolunteerHours, VolunteerHoursSource, VolunteerMembership, VolunteerRole } from '../../shared/model';
import { isStaffOf, isVolunteerOf } from '../../shared/policy';
import type { Handler, Input, PreloadsOf } from '../../shared/router';
import { local } from '../../shared/time';
import { preloadOf, setVolunteer } from '../../shared/users';
import { creditHours, DUTY_SLOT_MINUTES, VOLUNTEER_HOURS } from '../../shared/volunteering';
import { maskPhone } from '../../shared/vocabulary/phone';
import { DUTY_SLOT_LABELS, DUTY_SLOTS, DUTY_STATUS_LABELS, HOURS_SOURCE_LABELS, VOLUNTEER_ROLE_LABELS, VOLUNTEER_ROLES } from '../../shared/vocabulary/volunteers';
import type { actions, AddHoursAnswer, DutyView, HoursBySource, MineAnswer, RosterAnswer, TeamAnswer, TeamMember } from '../contract';
import { VOLUNTEERS_LIMITS as L } from '../limits';

const DUTIES = 'duties';
const DAY_MS = 24 * 3_600_000;

/** Today's local date (Asia/Shanghai). */
const todayOf = (now: Date): string => local(now).format('YYYY-MM-DD');

/** Local date `date` moved by `days` (pure calendar arithmetic on the date itself). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the week holding local date `date`. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** Local date of an instant stored or ISO. */
const dateOf = (d: Date | string): string => local(new Date(d)).format('YYYY-MM-DD');

/** A duty as the pages read it. */
export function dutyView(d: Duty): DutyView {
  return {
    id: d._id,
    date: d.date,
    slot: d.slot,
    slotLabel: DUTY_SLOT_LABELS[d.slot],
    role: d.role,
    roleLabel: VOLUNTEER_ROLE_LABELS[d.role],
    volunteerId: d.volunteerId,
    volunteerName: d.volunteerName,
    note: d.note ?? '',
    status: d.status,
    statusLabel: DUTY_STATUS_LABELS[d.status],
    minutes: DUTY_SLOT_MINUTES[d.slot],
  };
}

/** Duties in roster order: date, slot, name. */
const byRoster = (a: Duty, b: Duty): number => a.date.localeCompare(b.date) || DUTY_SLOTS.indexOf(a.slot) - DUTY_SLOTS.indexOf(b.slot) || a.volunteerName.localeCompare(b.volunteerName, 'zh');

/** Roles in the vocabulary's order. */
const ordered = (roles: VolunteerRole[]): VolunteerRole[] => VOLUNTEER_ROLES.filter((r) => roles.includes(r));

/** A resident as a team member (`monthMinutes` from the month's hours). */
export function teamMember(u: User, monthMinutes = 0): TeamMember {
  const v = u.volunteer;
  const roles = ordered(v?.roles ?? []);
  return {
    residentId: u._id,
    name: u.name,
    address: u.addressText ?? '',
    phoneMasked: u.phone ? maskPhone(u.phone) : null,
    roles,
    roleLabels: roles.map((r) => VOLUNTEER_ROLE_LABELS[r]),
    active: !!v?.active,
    since: v ? dateOf(v.since) : '',
    monthMinutes,
    retiredReason: v && !v.active ? (v.retiredReason ?? '') : null,
  };
}

/** The resident a staff action names: a resident of the caller's community (preloaded with the caller). */
const residentPreload = (i: { residentId: string }) => ({
  resident: preloadOf<User>({ from: 'users', match: { _id: i.residentId, role: 'resident' }, sameAsCaller: { communityId: 'communityId' } }),
});

/** The resident of `residentId` in `communityId` (from the preload, or read), else VOLUNTEERS.RESIDENT_NOT_FOUND. */
async function residentOf(preloaded: User[] | undefined | null, residentId: string, communityId: string): Promise<User> {
  const list = preloaded ?? ((await db.collection('users').where({ _id: residentId, role: 'resident', communityId }).limit(1).get()).data as User[]);
  const r = list.find((u) => u._id === residentId);
  if (!r || r.communityId !== communityId || r.role !== 'resident') throw new AppError('VOLUNTEERS.RESIDENT_NOT_FOUND');
  return r;
}

/** The first and last local dates of the month holding `today`. */
function monthOf(today: string): { month: string; from: string; to: string } {
  const month = today.slice(0, 7);
  return { month, from: `${month}-01`, to: `${month}-31` };
}

export const team: Handler<typeof actions.team> = async (_input, { user }) => {
  const today = todayOf(clockNow());
  const m = monthOf(today);
  const [members, hours] = await Promise.all([
    db.collection('users').where({ communityId: user.communityId, role: 'resident', volunteer: _.exists(true) }).limit(L.teamMax).get(),
    db
      .collection(VOLUNTEER_HOURS)
      .aggregate()
      .match({ communityId: user.communityId, date: _.gte(m.from).and(_.lte(m.to)) })
      .group({ _id: { userId: '$userId', role: '$role' }, minutes: { $sum: '$minutes' } })
      .end(),
  ]);
  const byUser = new Map<string, number>();
  const byRole = Object.fromEntries([...VOLUNTEER_ROLES, 'other'].map((r) => [r, 0])) as TeamAnswer['monthMinutesByRole'];
  for (const row of hours.list as { _id: { userId: string; role?: VolunteerRole | null }; minutes: number }[]) {
    byUser.set(row._id.userId, (byUser.get(row._id.userId) ?? 0) + row.minutes);
    const r = row._id.role && row._id.role in byRole ? row._id.role : 'other';
    byRole[r] += row.minutes;
  }
  const list = (members.data as User[]).map((u) => teamMember(u, byUser.get(u._id) ?? 0));
  list.sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'zh'));
  return { month: m.month, members: list, monthMinutesByRole: byRole };
};

export const enlistPreload = residentPreload;

export const enlist: Handler<typeof actions.enlist, PreloadsOf<typeof enlistPreload>> = async (input, { user, preloaded }) => {
  const resident = await residentOf(preloaded?.resident, input.residentId, user.communityId);
  const now = clockNow();
  const membership: VolunteerMembership = {
    roles: ordered(input.roles),
    since: resident.volunteer?.since ?? now,
    active: true,
    enlistedById: user._id,
    enlistedByName: user.name,
  };
  if (!(await setVolunteer(resident._id, user.communityId, membership))) throw new AppError('VOLUNTEERS.RESIDENT_NOT_FOUND');
  return teamMember({ ...resident, volunteer: membership });
};

export const retirePreload = residentPreload;

export const retire: Handler<typeof actions.retire, PreloadsOf<typeof retirePreload>> = async (input, { user, preloaded }) => {
  const resident = await residentOf(preloaded?.resident, input.residentId, user.communityId);
  if (!isVolunteerOf(resident, user.communityId)) throw new AppError('VOLUNTEERS.NOT_A_VOLUNTEER');
  const now = clockNow();
  await db.collection(DUTIES).where({ communityId: user.communityId, volunteerId: resident._id, status: 'planned', date: _.gte(todayOf(now)) }).remove();
  const membership: VolunteerMembership = { ...resident.volunteer!, active: false, retiredAt: now, retiredReason: input.reason, retiredById: user._id };
  if (!(await setVolunteer(resident._id, user.communityId, membership))) throw new AppError('VOLUNTEERS.RESIDENT_NOT_FOUND');
  return teamMember({ ...resident, volunteer: membership });
};

export const roster: Handler<typeof actions.roster> = async (input, { user }) => {
  if (!isStaffOf(user, user.communityId) && !isVolunteerOf(user, user.communityId)) throw new AppError('COMMON.FORBIDDEN');
  const weekStart = mondayOf(input.weekOf);
  const dates = Array.from({ length: 7 }, (_x, i) => addDays(weekStart, i));
  const { data } = await db.collection(DUTIES).where({ communityId: user.communityId, date: _.gte(weekStart).and(_.lte(dates[6])) }).limit(1000).get();
  return { weekStart, dates, today: todayOf(clockNow()), duties: (data as Duty[]).sort(byRoster).map(dutyView) } satisfies RosterAnswer;
};

export const setDutyPreload = residentPreload;

export const setDuty: Handler<typeof actions.setDuty, PreloadsOf<typeof setDutyPreload>> = async (input, { user, preloaded }) => {
  const resident = await residentOf(preloaded?.resident, input.residentId, user.communityId);
  if (!isVolunteerOf(resident, user.communityId)) throw new AppError('VOLUNTEERS.NOT_A_VOLUNTEER');
  if (!isVolunteerOf(resident, user.communityId, input.role)) throw new AppError('VOLUNTEERS.ROLE_NOT_HELD');
  const now = clockNow();
  const today = todayOf(now);
  if (input.date < today || input.date > addDays(today, L.dutyAheadDays)) throw new AppError('VOLUNTEERS.DATE_OUT_OF_RANGE');
  const duty: Duty = {
    _id: `${input.date}:${input.slot}:${resident._id}`,
    communityId: user.communityId,
    date: input.date,
    slot: input.slot,
    role: input.role,
    volunteerId: resident._id,
    volunteerName: resident.name,
    ...(input.note ? { note: input.note } : {}),
    status: 'planned',
    setById: user._id,
    setByName: user.name,
    setAt: now,
  };
  try {
    await db.collection(DUTIES).add({ data: duty });
  } catch (e) {
    if (isDuplicateKey(e)) throw new AppError('VOLUNTEERS.DUTY_TAKEN');
    throw e;
  }
  return dutyView(duty);
};

/** The duty an action names, in the caller's community (preloaded with the caller). */
export const dutyPreload = (i: { dutyId: string }) => ({
  duty: preloadOf<Duty>({ from: DUTIES, match: { _id: i.dutyId }, sameAsCaller: { communityId: 'communityId' } }),
});

/** The duty of `dutyId` in `communityId`, else VOLUNTEERS.DUTY_NOT_FOUND. */
async function dutyOf(preloaded: Duty[] | undefined | null, dutyId: string, communityId: string): Promise<Duty> {
  const list = preloaded ?? ((await db.collection(DUTIES).where({ _id: dutyId, communityId }).limit(1).get()).data as Duty[]);
  const d = list.find((x) => x._id === dutyId);
  if (!d || d.communityId !== communityId) throw new AppError('VOLUNTEERS.DUTY_NOT_FOUND');
  return d;
}

export const removeDuty: Handler<typeof actions.removeDuty, PreloadsOf<typeof dutyPreload>> = async (input, { user, preloaded }) => {
  const duty = await dutyOf(preloaded?.duty, input.dutyId, user.communityId);
  if (duty.status !== 'planned') throw new AppError('VOLUNTEERS.DUTY_NOT_PLANNED');
  const r = await db.collection(DUTIES).where({ _id: duty._id, communityId: user.communityId, status: 'planned' }).remove();
  if (!r.stats.removed) throw new AppError('VOLUNTEERS.DUTY_NOT_PLANNED');
  return { removed: true as const };
};

export const markDuty: Handler<typeof actions.markDuty, PreloadsOf<typeof dutyPreload>> = async (input, { user, preloaded }) => {
  const duty = await dutyOf(preloaded?.duty, input.dutyId, user.communityId);
  const now = clockNow();
  if (duty.date > todayOf(now)) throw new AppError('VOLUNTEERS.DUTY_NOT_YET');
  let marked: Duty = duty;
  if (duty.status === 'planned') {
    const set = { status: input.status as DutyStatus, markedById: user._id, markedByName: user.name, markedAt: now };
    const r = await db.collection(DUTIES).where({ _id: duty._id, communityId: user.communityId, status: 'planned' }).update({ data: set });
    if (!r.stats.updated) {
      // marked by someone else meanwhile: success only if it is what this call asks and it is done
      const again = await dutyOf(null, duty._id, user.communityId);
      if (again.status !== input.status || input.status !== 'done') throw new AppError('VOLUNTEERS.DUTY_NOT_PLANNED');
      marked = again;
    } else marked = { ...duty, ...set };
  } else if (duty.status !== 'done' || input.status !== 'done') throw new AppError('VOLUNTEERS.DUTY_NOT_PLANNED');
  if (marked.status === 'done') {
    // after the duty's own write (and again on a repeat: crediting is idempotent, so a call that
    // failed between the two is completed by tapping 已值班 once more)
    await creditHours({
      communityId: duty.communityId,
      userId: duty.volunteerId,
      name: duty.volunteerName,
      source: 'duty',
      refId: duty._id,
      minutes: DUTY_SLOT_MINUTES[duty.slot],
      date: duty.date,
      role: duty.role,
      byId: user._id,
      byName: user.name,
      at: now,
    });
  }
  return dutyView(marked);
};

export const addHoursPreload = residentPreload;

export const addHours: Handler<typeof actions.addHours, PreloadsOf<typeof addHoursPreload>> = async (input, { user, preloaded }) => {
  const resident = await residentOf(preloaded?.resident, input.residentId, user.communityId);
  if (!isVolunteerOf(resident, user.communityId)) throw new AppError('VOLUNTEERS.NOT_A_VOLUNTEER');
  const now = clockNow();
  const today = todayOf(now);
  if (input.date > today || input.date < addDays(today, -L.hoursBackDays)) throw new AppError('VOLUNTEERS.DATE_OUT_OF_RANGE');
  const r = await creditHours({
    communityId: user.communityId,
    userId: resident._id,
    name: resident.name,
    source: 'staff',
    refId: input.requestId,
    minutes: input.minutes,
    date: input.date,
    note: input.note,
    byId: user._id,
    byName: user.name,
    at: now,
  });
  return r satisfies AddHoursAnswer;
};

export const mine: Handler<typeof actions.mine> = async (_input, { user }) => {
  const now = clockNow();
  const today = todayOf(now);
  const weekStart = mondayOf(today);
  const v = user.volunteer;
  const [duties, hours] = await Promise.all([
    db.collection(DUTIES).where({ volunteerId: user._id, date: _.gte(weekStart).and(_.lte(addDays(weekStart, 6))) }).limit(100).get(),
    db.collection(VOLUNTEER_HOURS).where({ userId: user._id }).orderBy('at', 'desc').limit(L.mineHoursMax).get(),
  ]);
  const entries = hours.data as VolunteerHours[];
  const month = today.slice(0, 7);
  const bySource = new Map<VolunteerHoursSource, HoursBySource>();
  let total = 0;
  let monthMinutes = 0;
  for (const h of entries) {
    total += h.minutes;
    if (h.date.startsWith(month)) monthMinutes += h.minutes;
    const s = bySource.get(h.source) ?? { source: h.source, label: HOURS_SOURCE_LABELS[h.source], minutes: 0, count: 0 };
    s.minutes += h.minutes;
    s.count += 1;
    bySource.set(h.source, s);
  }
  const active = isVolunteerOf(user, user.communityId);
  const roles = ordered(v?.roles ?? []);
  return {
    volunteer: v ? { roles, roleLabels: roles.map((r) => VOLUNTEER_ROLE_LABELS[r]), since: dateOf(v.since), active: !!v.active } : null,
    duties: (duties.data as Duty[]).sort(byRoster).map(dutyView),
    today,
    hours: {
      totalMinutes: total,
      monthMinutes,
      bySource: [...bySource.values()].sort((a, b) => b.minutes - a.minutes),
      recent: entries.slice(0, L.mineRecent).map((h) => ({ id: h._id, date: h.date, source: h.source, label: HOURS_SOURCE_LABELS[h.source], minutes: h.minutes, note: h.note ?? '' })),
    },
    tasks: { deliverParcels: active, verifyTickets: active && isVolunteerOf(user, user.communityId, 'informant') },
  } satisfies MineAnswer;
};

export type { Input };
