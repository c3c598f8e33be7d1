/**
 * The contract of the `volunteers` function (解忧智囊团, issue 22; docs/everyday-services-design.md §4):
 * each action's caller kind, record rule, input schema (built from `limits.ts`), answer type, errors
 * and summary. The router declares them (`index.ts`), the pages type `call('volunteers', …)` from
 * this file (type-only), docs/api.md is generated from it. Pure: zod and shared schemas, no SDK.
 * Instants are ISO strings; dates are local `YYYY-MM-DD` (Asia/Shanghai).
 *
 * - Membership lives on the resident's record (`users.volunteer`: roles, since, active), written
 *   only by `shared/users.ts` `setVolunteer`; an admin enlists a resident of their own community
 *   and retires them with a reason (their planned duties from today on are taken off the roster).
 * - The roster (值班表): one `duties` document per volunteer, date and slot (`_id`
 *   `<date>:<slot>:<volunteerId>`: two `setDuty` at once give one). Staff mark a duty done (its
 *   slot's minutes are credited) or missed.
 * - Hours (`volunteerHours`) are written only by `shared/volunteering.ts` `creditHours`: one entry per
 *   act, the same act never twice.
 */
import { z } from 'zod';
import { contract, type Contracts } from '../shared/contract';
import type { DutySlot, DutyStatus, VolunteerHoursSource, VolunteerRole } from '../shared/model';
import { id, localDate, noFields, requestId, text } from '../shared/schemas';
import { VOLUNTEERS_LIMITS as L } from './limits';

export type { DutySlot, DutyStatus, VolunteerHoursSource, VolunteerRole };

/** One volunteer as staff read them (`team`, `enlist`, `retire`). */
export interface TeamMember {
  residentId: string;
  name: string;
  /** `壁山丽景小区3号楼2单元301`, '' when no home is recorded */
  address: string;
  /** masked (`138****1234`), null when none recorded */
  phoneMasked: string | null;
  roles: VolunteerRole[];
  roleLabels: string[];
  active: boolean;
  /** local date first enlisted */
  since: string;
  /** minutes credited this calendar month (China time) */
  monthMinutes: number;
  retiredReason: string | null;
}

/** The team (`team`). */
export interface TeamAnswer {
  /** `YYYY-MM` of the month counted */
  month: string;
  /** active volunteers first, then retired; each by name */
  members: TeamMember[];
  /** this month's minutes by role of the act (acts without a role, e.g. a parcel, under `other`) */
  monthMinutesByRole: Record<VolunteerRole | 'other', number>;
}

/** One duty of the roster. */
export interface DutyView {
  id: string;
  date: string;
  slot: DutySlot;
  slotLabel: string;
  role: VolunteerRole;
  roleLabel: string;
  volunteerId: string;
  volunteerName: string;
  note: string;
  status: DutyStatus;
  statusLabel: string;
  /** the minutes credited when it is marked done (its slot's, shared/volunteering.ts) */
  minutes: number;
}

/** A week of the roster (`roster`): Monday to Sunday. */
export interface RosterAnswer {
  /** the Monday */
  weekStart: string;
  /** the seven dates, Monday first */
  dates: string[];
  /** today's local date (the page marks it) */
  today: string;
  /** the week's duties by date, then slot, then name */
  duties: DutyView[];
}

/** Hours of one kind of act. */
export interface HoursBySource {
  source: VolunteerHoursSource;
  label: string;
  minutes: number;
  count: number;
}

/** One credited act, as the volunteer reads it. */
export interface HoursEntryView {
  id: string;
  date: string;
  source: VolunteerHoursSource;
  label: string;
  minutes: number;
  note: string;
}

/** The volunteer's own page (`mine`). `volunteer: null`: the caller is not (or no longer) on the team. */
export interface MineAnswer {
  volunteer: { roles: VolunteerRole[]; roleLabels: string[]; since: string; active: boolean } | null;
  /** this week's duties (Monday to Sunday), by date and slot */
  duties: DutyView[];
  today: string;
  hours: { totalMinutes: number; monthMinutes: number; bySource: HoursBySource[]; recent: HoursEntryView[] };
  /** what they may do now in the product (links on the page) */
  tasks: { deliverParcels: boolean; verifyTickets: boolean };
}

/** The answer of `addHours`: the entry, and whether it was new (false: the same request was entered already). */
export interface AddHoursAnswer {
  id: string;
  minutes: number;
  credited: boolean;
}

const role = z.enum(['patroller', 'mediator', 'informant', 'speaker', 'liaison']);
const slot = z.enum(['am', 'pm', 'eve']);
const GROUP = '解忧智囊团 (volunteers)';
const ADMIN_RULE = "an admin of the caller's community (the resident's community)";
const STAFF_RULE = "a grid worker or admin of the caller's community (the volunteer's community)";

/** The actions of `volunteers`: action name → contract. */
export const actions = {
  team: contract<TeamAnswer>()({
    who: 'staff',
    rule: "the caller's community's volunteers",
    input: noFields,
    group: GROUP,
    summary: `智囊团: the community's volunteers (active first; ≤ ${L.teamMax}) with roles, address, masked phone and this month's minutes; this month's minutes by role. 3 database round trips (the caller; the members and the month's hours grouped, in parallel).`,
    errors: [],
  }),
  enlist: contract<TeamMember>()({
    who: 'admin',
    rule: ADMIN_RULE,
    input: z.object({ residentId: id, roles: z.array(role).min(1).max(5).refine((r) => new Set(r).size === r.length, { message: '岗位重复了' }) }).strict(),
    group: GROUP,
    summary: '招募: a resident of the caller\'s community (found as the counter finds them, `account.searchResidents`) joins the team with roles (巡逻员, 调解员, 信息员, 宣讲员, 联络员), or an enlisted one gets new roles, or a retired one comes back (`since` kept). 2 round trips (the caller with the resident; the update).',
    errors: ['VOLUNTEERS.RESIDENT_NOT_FOUND'],
  }),
  retire: contract<TeamMember>()({
    who: 'admin',
    rule: ADMIN_RULE,
    input: z.object({ residentId: id, reason: text(L.reason.min, L.reason.max) }).strict(),
    group: GROUP,
    summary: `退出: an active volunteer leaves the team with a reason (${L.reason.min}–${L.reason.max} characters); their planned duties from today on are taken off the roster; their hours stay. Not a volunteer: \`VOLUNTEERS.NOT_A_VOLUNTEER\`.`,
    errors: ['VOLUNTEERS.RESIDENT_NOT_FOUND', 'VOLUNTEERS.NOT_A_VOLUNTEER'],
  }),
  roster: contract<RosterAnswer>()({
    who: 'registered',
    rule: "staff of the caller's community, or an active volunteer of it (COMMON.FORBIDDEN otherwise)",
    input: z.object({ weekOf: localDate }).strict(),
    group: GROUP,
    summary: '值班表: the week (Monday to Sunday) holding `weekOf`, its duties by date and slot. 2 round trips.',
    errors: [],
  }),
  setDuty: contract<DutyView>()({
    who: 'admin',
    rule: ADMIN_RULE,
    input: z.object({ residentId: id, date: localDate, slot, role, note: text(0, L.dutyNote.max).optional() }).strict(),
    group: GROUP,
    summary: `排班: an active volunteer of the caller's community on a date (today to ${L.dutyAheadDays} days ahead) and slot (上午/下午/晚上) in one of their roles. Once per volunteer, date and slot: a second (even at the same moment) is \`VOLUNTEERS.DUTY_TAKEN\`. 2 round trips.`,
    errors: ['VOLUNTEERS.RESIDENT_NOT_FOUND', 'VOLUNTEERS.NOT_A_VOLUNTEER', 'VOLUNTEERS.ROLE_NOT_HELD', 'VOLUNTEERS.DATE_OUT_OF_RANGE', 'VOLUNTEERS.DUTY_TAKEN'],
  }),
  removeDuty: contract<{ removed: true }>()({
    who: 'admin',
    rule: ADMIN_RULE,
    input: z.object({ dutyId: z.string().min(1).max(120).regex(/^[0-9-]+:(am|pm|eve):[A-Za-z0-9_-]+$/).describe('dutyId') }).strict(),
    group: GROUP,
    summary: '取消排班: a planned duty of the caller\'s community comes off the roster (a conditional remove on `planned`; done or missed: `VOLUNTEERS.DUTY_NOT_PLANNED`). 2 round trips.',
    errors: ['VOLUNTEERS.DUTY_NOT_FOUND', 'VOLUNTEERS.DUTY_NOT_PLANNED'],
  }),
  markDuty: contract<DutyView>()({
    who: 'staff',
    rule: STAFF_RULE,
    input: z.object({ dutyId: z.string().min(1).max(120).regex(/^[0-9-]+:(am|pm|eve):[A-Za-z0-9_-]+$/).describe('dutyId'), status: z.enum(['done', 'missed']) }).strict(),
    group: GROUP,
    summary: '登记值班: on or after its day, a planned duty is marked done (its slot\'s minutes credited to the volunteer, once: `shared/volunteering.ts`) or missed — a conditional update on `planned`. Done again on a done duty is success (the hours are not counted twice); any other change of a marked duty: `VOLUNTEERS.DUTY_NOT_PLANNED`. 3 round trips for done, 2 for missed.',
    errors: ['VOLUNTEERS.DUTY_NOT_FOUND', 'VOLUNTEERS.DUTY_NOT_PLANNED', 'VOLUNTEERS.DUTY_NOT_YET'],
  }),
  addHours: contract<AddHoursAnswer>()({
    who: 'staff',
    rule: STAFF_RULE,
    input: z.object({ residentId: id, minutes: z.number().int().min(L.staffMinutes.min).max(L.staffMinutes.max), date: localDate, note: text(L.hoursNote.min, L.hoursNote.max), requestId }).strict(),
    group: GROUP,
    summary: `记工时: staff record minutes (${L.staffMinutes.min}–${L.staffMinutes.max}) an active volunteer of their community served on a date (today or up to ${L.hoursBackDays} days back), with a note. One entry per \`requestId\`: repeated, it answers the first entry with \`credited: false\`. 2 round trips.`,
    errors: ['VOLUNTEERS.RESIDENT_NOT_FOUND', 'VOLUNTEERS.NOT_A_VOLUNTEER', 'VOLUNTEERS.DATE_OUT_OF_RANGE'],
  }),
  mine: contract<MineAnswer>()({
    who: 'registered',
    rule: "the caller's own duties and hours",
    input: noFields,
    group: GROUP,
    summary: `我的志愿服务: the caller's membership (null when never enlisted), this week's duties, hours in total, this month and by kind of act, the last ${L.mineRecent} entries, and what they may do now (送快递上门 for any active volunteer; 核查 for an 信息员). 3 database round trips (the caller; the week's duties and the hours, in parallel).`,
    errors: [],
  }),
} satisfies Contracts;

export const about = `
解忧智囊团 (issue 22): residents enlisted as volunteers with roles (巡逻员, 调解员, 信息员, 宣讲员,
联络员), a weekly duty roster (上午/下午/晚上), and hours credited for what they do — a duty marked
done, a parcel delivered, a patrol, a mediation, a 核查, or an entry by staff — once per act.
Types: \`cloudfunctions/volunteers/contract.ts\`; limits: \`cloudfunctions/volunteers/limits.ts\`.
`;
