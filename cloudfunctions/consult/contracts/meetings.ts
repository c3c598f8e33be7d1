/**
 * Contracts of the meeting actions of `consult` (业主会议, 座谈会, 庭院会, 议事长廊, 有事来商量协商议事;
 * docs/consultation-design.md §4): who may call each, its input schema, its answer type, its errors and
 * what it does — and the answer types (`MeetingCard`, `MeetingView`, `StaffMeetingView`, …).
 * Instants travel as ISO strings; a meeting's day and times are entered as local `YYYY-MM-DD` and
 * `HH:mm` (Asia/Shanghai). Pure: zod and shared schemas, no SDK.
 */
import { z } from 'zod';
import { contract, type Contracts } from '../../shared/contract';
import type { AttendanceRole, MeetingKind } from '../../shared/model';
import { id, localDate, noFields, photoFileId, requestId, text } from '../../shared/schemas';
import { ATTENDANCE_ROLES, MEETING_KINDS } from '../../shared/vocabulary/consultation';
import { CONSULT_LIMITS as L } from '../limits';

// ——— answer types ———

/** A meeting's status: draft (staff only) → planned (公布) → held (已召开), or cancelled. */
export type MeetingStatus = 'draft' | 'planned' | 'held' | 'cancelled';

/** One role's attendance as everybody sees it: the count only, never names. */
export interface AttendanceCount {
  role: AttendanceRole;
  /** `居民代表`, `职能部门`… (shared/vocabulary/consultation.ts) */
  roleLabel: string;
  count: number;
  /** a department's name (住建局), for role `department` only; an organisation, not a person */
  org: string | null;
}

/** A meeting in a list (`meetings`): what a card shows. */
export interface MeetingCard {
  id: string;
  title: string;
  kind: MeetingKind;
  /** `业主会议` … */
  kindLabel: string;
  status: MeetingStatus;
  /** `即将召开` … */
  statusLabel: string;
  startAt: string;
  endAt: string;
  /** `11月27日 周五` */
  dateLabel: string;
  /** `19:00–20:30` */
  timeLabel: string;
  place: string;
  estateId: string | null;
  /** places for residents who sign up to attend; null = no sign-up (just come) */
  capacity: number | null;
  signedUp: number;
  /** speaking turns; null = none offered */
  speakSlots: number | null;
  speakers: number;
  /** Σ attendance counts (held meetings) */
  attendanceTotal: number;
  /** minutes were written */
  hasMinutes: boolean;
}

/** The caller's own sign-ups to one meeting. */
export interface MySignUpState {
  attend: boolean;
  speak: boolean;
}

/** One meeting as a resident sees it (`meeting`): no person's name, counts by role, public minutes. */
export interface MeetingView extends MeetingCard {
  forStaff: false;
  /** topics on the agenda, with their titles (a topic not found reads `（议题已删除）`) */
  agenda: { topicId: string; title: string }[];
  attendance: AttendanceCount[];
  /** 纪要: '' until the meeting is held (residents); lines separated by `\n` */
  minutes: string;
  decisions: { text: string; topicId: string | null; opinionId: string | null }[];
  /** photos with a temporary URL (10 minutes); a missing file is left out */
  photos: { fileId: string; url: string }[];
  /** why it was cancelled, when it was */
  cancelReason: string | null;
  /** the caller's own sign-ups */
  mySignUps: MySignUpState;
  /** the caller may sign up now (a resident of the community, meeting planned and not started) */
  canSignUp: boolean;
}

/** A meeting as staff edit it (`meeting` for staff, `saveMeeting`, `announceMeeting`, `holdMeeting`, `cancelMeeting`). */
export interface StaffMeetingView extends Omit<MeetingView, 'forStaff' | 'attendance'> {
  forStaff: true;
  /** the whole attendance, with the names staff noted */
  attendance: (AttendanceCount & { names: string[] })[];
  /** the draft's revision: send it back with the next save (`CONSULT.DRAFT_STALE` when someone saved in between) */
  revision: number;
  convenor: { id: string; name: string };
  /** the form's fields as entered */
  date: string;
  start: string;
  end: string;
  agendaTopicIds: string[];
  photoFileIds: string[];
  events: { type: string; at: string; actorName: string; note: string }[];
}

/** `meeting`: a resident's view, or staff's. */
export type MeetingDetail = MeetingView | StaffMeetingView;

/** `signUp` / `cancelSignUp`: the caller's sign-ups to the meeting after the call, and the places taken. */
export interface SignUpResult {
  meetingId: string;
  mySignUps: MySignUpState;
  signedUp: number;
  capacity: number | null;
  speakers: number;
  speakSlots: number | null;
  /** true when this call changed nothing (a second tap: already signed up / already cancelled) */
  already: boolean;
}

/** `mySignUps`: one active sign-up of the caller, with its meeting. */
export interface MySignUpCard {
  meetingId: string;
  kind: 'attend' | 'speak';
  /** `参加` / `发言` */
  kindLabel: string;
  at: string;
  meeting: MeetingCard;
}

/** `cancelMeeting`: the meeting, and the residents told (inbox always; of them, by WeChat). */
export interface MeetingCancelResult {
  meeting: StaffMeetingView;
  residentsTold: number;
  residentsByWeChat: number;
}

// ——— input schemas ———

const textOf = (l: { readonly min: number; readonly max: number }, options?: { multiline?: boolean }) => text(l.min, l.max, options);

/** A local clock time `HH:mm`, 00:00–23:59. */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).describe('HH:mm');

const meetingKind = z.enum(MEETING_KINDS as [MeetingKind, ...MeetingKind[]]);
const attendanceRole = z.enum(ATTENDANCE_ROLES as [AttendanceRole, ...AttendanceRole[]]);

/** One attendance row: a role, how many came, optionally names (staff only) and a department's name. */
export const attendanceRow = z
  .object({
    role: attendanceRole,
    count: z.number().int().min(L.attendanceCount.min).max(L.attendanceCount.max),
    names: z.array(textOf(L.attendanceName)).max(L.attendanceNames.max).optional(),
    org: textOf(L.attendanceOrg).optional(),
  })
  .strict()
  .refine((r) => !r.names || r.names.length <= r.count, { message: '写下的名字比人数多', path: ['names'] });

/** One decision (决定事项), optionally linked to a topic or an opinion of the community. */
export const decisionRow = z.object({ text: textOf(L.decisionText), topicId: id.optional(), opinionId: id.optional() }).strict();

/**
 * `saveMeeting`: a new meeting (`requestId`, no `meetingId`/`revision`) or a save of one
 * (`meetingId` + the `revision` it was read at). The whole form each time. The end is after the
 * start on the same day, at most 12 hours later. Roles appear once each, except 职能部门 (one row per department).
 */
export const saveMeetingInput = z
  .object({
    meetingId: id.optional(),
    requestId: requestId.optional(),
    revision: z.number().int().min(0).optional(),
    title: textOf(L.meetingTitle),
    kind: meetingKind,
    estateId: id.nullable().optional(),
    date: localDate,
    start: clockTime,
    end: clockTime,
    place: textOf(L.meetingPlace),
    capacity: z.number().int().min(L.capacity.min).max(L.capacity.max).nullable().optional(),
    speakSlots: z.number().int().min(L.speakSlots.min).max(L.speakSlots.max).nullable().optional(),
    agendaTopicIds: z.array(id).max(L.agendaTopics.max).default([]),
    attendance: z.array(attendanceRow).max(L.attendanceRows.max).default([]),
    minutes: textOf(L.minutes, { multiline: true }).default(''),
    photoFileIds: z.array(photoFileId).max(L.meetingPhotos.max).default([]),
    decisions: z.array(decisionRow).max(L.decisions.max).default([]),
  })
  .strict()
  .superRefine((s, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if (!s.meetingId && !s.requestId) issue('requestId', '新建会议需要 requestId');
    if (s.meetingId && s.revision === undefined) issue('revision', '保存会议需要 revision');
    if (s.end <= s.start) issue('end', '结束时间要晚于开始时间');
    const roles = s.attendance.filter((r) => r.role !== 'department').map((r) => r.role);
    if (new Set(roles).size !== roles.length) issue('attendance', '每种参会人员只填一行（职能部门可以每个部门一行）');
    if (new Set(s.agendaTopicIds).size !== s.agendaTopicIds.length) issue('agendaTopicIds', '议程里有重复的议题');
    if (new Set(s.photoFileIds).size !== s.photoFileIds.length) issue('photoFileIds', '有重复的照片');
  });

/** What `saveMeeting` receives once validated. */
export type SaveMeetingInput = z.infer<typeof saveMeetingInput>;

const signUpKind = z.enum(['attend', 'speak']);

// ——— the contracts ———

const MEETINGS = 'Meetings (会议) — `cloudfunctions/consult/meetings.ts`, sign-ups `signups.ts`';

/** The meeting actions: action name → contract. */
export const meetingActions = {
  meetings: contract<MeetingCard[]>()({
    who: 'registered',
    rule: "meetings of the caller's own community (residents: the community-wide ones and their own estate's); drafts for staff only",
    group: MEETINGS,
    input: z.object({ filter: z.enum(['coming', 'past', 'drafts']).optional() }).strict(),
    errors: ['COMMON.FORBIDDEN'],
    summary: `
The caller's community's meetings, at most 50; a meeting of one estate (\`estateId\`) is listed to that
estate's residents and to staff only (a resident without a home sees the community-wide ones). \`coming\` (default for residents: planned or cancelled
meetings that have not ended, soonest first), \`past\` (held, or planned and over, latest first),
\`drafts\` (staff only: \`COMMON.FORBIDDEN\` for a resident; latest saved first). Without \`filter\`:
coming, then past. A card carries counts only (sign-ups, attendance total), never a name.`,
  }),

  meeting: contract<MeetingDetail>()({
    who: 'registered',
    rule: "a meeting of the caller's own community; a draft for staff only",
    group: MEETINGS,
    input: z.object({ meetingId: id }).strict(),
    errors: ['CONSULT.MEETING_NOT_FOUND'],
    summary: `
One meeting with its agenda (topic titles), decisions, photos (temporary URLs, 10 minutes) and the
caller's own sign-ups. A resident gets \`forStaff: false\`: attendance as counts by role (no names),
minutes only once held. Staff get \`forStaff: true\` (\`StaffMeetingView\`): names noted per role, the
\`revision\` to save against, the form's fields, the events. A draft, or another community's meeting:
\`CONSULT.MEETING_NOT_FOUND\` for a resident.`,
  }),

  saveMeeting: contract<StaffMeetingView>()({
    who: 'staff',
    rule: "a meeting of the caller's own community (new: in it); not a cancelled one",
    group: MEETINGS,
    input: saveMeetingInput,
    errors: [
      'CONSULT.MEETING_NOT_FOUND',
      'CONSULT.DRAFT_STALE',
      'CONSULT.MEETING_WRONG_STATE',
      'CONSULT.CAPACITY_BELOW_SIGNED_UP',
      'CONSULT.MEETING_LINK_NOT_FOUND',
      'CONSULT.ESTATE_NOT_FOUND',
      'COMMON.TEXT_REJECTED',
      'COMMON.FORBIDDEN',
      'COMMON.REQUEST_REUSED',
    ],
    summary: `
Creates a draft (\`requestId\`, no \`meetingId\`: a retry with the same \`requestId\` answers the first
draft — the page keeps the form in storage and retries offline-safe) or saves the whole form of a
draft, planned or held meeting (\`meetingId\` + the \`revision\` read). Every save is one conditional
update on \`{ _id, revision }\` that sets \`revision + 1\`: two phones saving the same revision — one wins,
the other gets \`CONSULT.DRAFT_STALE\` (nothing of it written; it reloads and saves again). The title,
place, minutes (纪要, ≤ 5 000 characters, lines kept), attendance names and decisions pass WeChat's
text check (\`COMMON.TEXT_REJECTED\`). Photos ≤ 9: a photo new to the meeting must be the caller's own
upload (\`COMMON.FORBIDDEN\`); agenda topics and decisions' topics/opinions must be the community's
(\`CONSULT.MEETING_LINK_NOT_FOUND\`), the estate too (\`CONSULT.ESTATE_NOT_FOUND\`). Places and speaking
turns cannot go below those taken (\`CONSULT.CAPACITY_BELOW_SIGNED_UP\`). A cancelled meeting:
\`CONSULT.MEETING_WRONG_STATE\`.`,
  }),

  announceMeeting: contract<StaffMeetingView>()({
    who: 'staff',
    rule: "a draft meeting of the caller's own community",
    group: MEETINGS,
    input: z.object({ meetingId: id, revision: z.number().int().min(0) }).strict(),
    errors: ['CONSULT.MEETING_NOT_FOUND', 'CONSULT.DRAFT_STALE', 'CONSULT.MEETING_WRONG_STATE'],
    summary: `
公布: \`draft → planned\` (conditional on the revision read), for a meeting that has not started
(\`CONSULT.MEETING_WRONG_STATE\` otherwise). It then appears on 社区议事 for the community's residents,
who may sign up when it has places. A second call on a planned meeting answers it as it is.`,
  }),

  holdMeeting: contract<StaffMeetingView>()({
    who: 'staff',
    rule: "a draft or planned meeting of the caller's own community",
    group: MEETINGS,
    input: z.object({ meetingId: id, revision: z.number().int().min(0) }).strict(),
    errors: ['CONSULT.MEETING_NOT_FOUND', 'CONSULT.DRAFT_STALE', 'CONSULT.MEETING_WRONG_STATE', 'CONSULT.HOLD_NEEDS_RECORD'],
    summary: `
已召开: \`planned | draft → held\`, conditional on the revision read. Needs the record first: at least one
person in the attendance and minutes written (\`CONSULT.HOLD_NEEDS_RECORD\`, nothing written). A held
meeting counts in the figures (召开会议 N 次). A second call on a held meeting answers it as it is.`,
  }),

  cancelMeeting: contract<MeetingCancelResult>()({
    who: 'staff',
    rule: "a draft or planned meeting of the caller's own community",
    group: MEETINGS,
    input: z.object({ meetingId: id, reason: textOf(L.meetingCancelReason) }).strict(),
    errors: ['CONSULT.MEETING_NOT_FOUND', 'CONSULT.MEETING_WRONG_STATE', 'COMMON.TEXT_REJECTED'],
    summary: `
取消: \`draft | planned → cancelled\` with the reason (text-checked). Every resident signed up is told,
in their 消息 always and by WeChat when they allowed it (template \`meetingReminder\`), each once (a
retried call tells nobody twice: the inbox message has a stable id). Answer: the meeting and
\`residentsTold\` / \`residentsByWeChat\`. A held meeting: \`CONSULT.MEETING_WRONG_STATE\`.`,
  }),

  signUp: contract<SignUpResult>()({
    who: 'registered',
    rule: "a resident of the meeting's community; a planned meeting that has not started and offers places (speak: speaking turns)",
    group: MEETINGS,
    input: z.object({ meetingId: id, kind: signUpKind }).strict(),
    errors: ['CONSULT.MEETING_NOT_FOUND', 'CONSULT.SIGN_UP_CLOSED', 'CONSULT.NO_SIGN_UP', 'CONSULT.MEETING_FULL', 'COMMON.FORBIDDEN'],
    summary: `
报名参加 (\`attend\`) or 报名发言 (\`speak\`). The sign-up is inserted first (unique \`activeKey\` =
meeting|resident|kind: a double tap makes one sign-up and answers \`already: true\`), then one
conditional update takes a place (\`signedUp < capacity\`, or \`speakers < speakSlots\`); none left → the
insert is undone and \`CONSULT.MEETING_FULL\`. ≤ 3 database round trips (the caller and the meeting in
one). Staff: \`COMMON.FORBIDDEN\` (they attend by the attendance record). A meeting without places
(\`capacity\`/\`speakSlots\` unset): \`CONSULT.NO_SIGN_UP\`; not planned, started or cancelled:
\`CONSULT.SIGN_UP_CLOSED\`. The page asks WeChat for the \`meetingReminder\` template on the tap.`,
  }),

  cancelSignUp: contract<SignUpResult>()({
    who: 'registered',
    rule: "the caller's own sign-up, before the meeting starts",
    group: MEETINGS,
    input: z.object({ meetingId: id, kind: signUpKind }).strict(),
    errors: ['CONSULT.MEETING_NOT_FOUND', 'CONSULT.SIGN_UP_CLOSED'],
    summary: `
Gives up the caller's sign-up (the place is freed once: the sign-up is marked cancelled by a
conditional update, and only that call frees its place). No active sign-up of that kind (a second
tap): \`already: true\`, nothing changed. After the start: \`CONSULT.SIGN_UP_CLOSED\`.`,
  }),

  mySignUps: contract<MySignUpCard[]>()({
    who: 'registered',
    rule: "the caller's own sign-ups",
    group: MEETINGS,
    input: noFields,
    errors: [],
    summary: `The caller's active sign-ups with their meetings (soonest first, at most 50), cancelled meetings included so the resident sees it.`,
  }),
} satisfies Contracts;
