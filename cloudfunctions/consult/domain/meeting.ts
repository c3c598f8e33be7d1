/**
 * Pure rules of meetings (会议, issue 20; docs/consultation-design.md §4): when a meeting takes its
 * instants from the form's local day and times, what a card and each view show (residents: counts
 * only, never a name; minutes once held), who may sign up, whether a meeting may be held, and on
 * which day its reminder goes out. No database, no SDK: tested in test/domain.
 */
import { dateLabel } from '../../shared/calendar';
import type { Meeting, MeetingSignup } from '../../shared/model';
import { local, localInstant, localTime } from '../../shared/time';
import { ATTENDANCE_ROLE_LABELS, MEETING_KIND_LABELS, MEETING_STATUS_LABELS, SIGN_UP_KIND_LABELS } from '../../shared/vocabulary/consultation';
import type { AttendanceCount, MeetingCard, MeetingView, MySignUpState, StaffMeetingView } from '../contracts/meetings';

/** `startAt`/`endAt` of a meeting on local `date` from `start` to `end` (`HH:mm`, Asia/Shanghai). */
export function meetingInstants(date: string, start: string, end: string): { startAt: Date; endAt: Date } {
  return { startAt: localInstant(date, start), endAt: localInstant(date, end) };
}

/** The local date `YYYY-MM-DD` of an instant (Asia/Shanghai). */
export function localDateOf(at: Date): string {
  return local(at).format('YYYY-MM-DD');
}

/** The card of a meeting (`meetings`): counts only. */
export function meetingCard(m: Meeting): MeetingCard {
  return {
    id: m._id,
    title: m.title,
    kind: m.kind,
    kindLabel: MEETING_KIND_LABELS[m.kind],
    status: m.status,
    statusLabel: MEETING_STATUS_LABELS[m.status],
    startAt: new Date(m.startAt).toISOString(),
    endAt: new Date(m.endAt).toISOString(),
    dateLabel: dateLabel(localDateOf(new Date(m.startAt))),
    timeLabel: `${localTime(new Date(m.startAt))}–${localTime(new Date(m.endAt))}`,
    place: m.place,
    estateId: m.estateId ?? null,
    capacity: m.capacity ?? null,
    signedUp: m.signedUp,
    speakSlots: m.speakSlots ?? null,
    speakers: m.speakers,
    attendanceTotal: attendanceTotal(m),
    hasMinutes: m.minutes.trim().length > 0,
  };
}

/** Σ attendance counts. */
export function attendanceTotal(m: Pick<Meeting, 'attendance'>): number {
  return m.attendance.reduce((n, r) => n + r.count, 0);
}

/** The caller's sign-ups to one meeting from their active sign-up documents. */
export function signUpState(signups: readonly Pick<MeetingSignup, 'kind' | 'status'>[]): MySignUpState {
  const active = signups.filter((s) => s.status === 'active');
  return { attend: active.some((s) => s.kind === 'attend'), speak: active.some((s) => s.kind === 'speak') };
}

/**
 * Why `kind` may not be signed up for now, or null when it may: `closed` (not planned, or started),
 * `none` (the meeting offers no places of that kind).
 */
export function signUpRefusal(m: Pick<Meeting, 'status' | 'startAt' | 'capacity' | 'speakSlots'>, kind: 'attend' | 'speak', now: Date): 'closed' | 'none' | null {
  if (m.status !== 'planned' || new Date(m.startAt).getTime() <= now.getTime()) return 'closed';
  const places = kind === 'attend' ? m.capacity : m.speakSlots;
  if (places === undefined || places === null) return 'none';
  return null;
}

/** The field a sign-up of `kind` counts in and the field of its limit. */
export function placeFields(kind: 'attend' | 'speak'): { count: 'signedUp' | 'speakers'; limit: 'capacity' | 'speakSlots' } {
  return kind === 'attend' ? { count: 'signedUp', limit: 'capacity' } : { count: 'speakers', limit: 'speakSlots' };
}

/** The `activeKey` of an active sign-up: one per meeting, resident and kind (a unique index). */
export function signUpActiveKey(meetingId: string, userId: string, kind: 'attend' | 'speak'): string {
  return `${meetingId}|${userId}|${kind}`;
}

/** True when a meeting has the record a held meeting needs: someone came, and minutes are written. */
export function canHold(m: Pick<Meeting, 'attendance' | 'minutes'>): boolean {
  return attendanceTotal(m) >= 1 && m.minutes.trim().length > 0;
}

/** Attendance as everybody sees it: counts by role, never names (rows with nobody left out). */
export function attendanceCounts(m: Pick<Meeting, 'attendance'>): AttendanceCount[] {
  return m.attendance.filter((r) => r.count > 0).map((r) => ({ role: r.role, roleLabel: ATTENDANCE_ROLE_LABELS[r.role], count: r.count, org: r.role === 'department' ? r.org ?? null : null }));
}

/** What the views add to a meeting besides the document: agenda titles, photo URLs, the caller's sign-ups. */
export interface MeetingExtras {
  topicTitles: Record<string, string>;
  photoUrls: Record<string, string>;
  mySignUps: MySignUpState;
  canSignUp: boolean;
}

/** Shown for an agenda topic that is no longer found. */
export const MISSING_TOPIC_TITLE = '（议题已删除）';

function common(m: Meeting, x: MeetingExtras) {
  return {
    ...meetingCard(m),
    agenda: m.agendaTopicIds.map((topicId) => ({ topicId, title: x.topicTitles[topicId] ?? MISSING_TOPIC_TITLE })),
    decisions: m.decisions.map((d) => ({ text: d.text, topicId: d.topicId ?? null, opinionId: d.opinionId ?? null })),
    photos: m.photoFileIds.filter((f) => x.photoUrls[f]).map((fileId) => ({ fileId, url: x.photoUrls[fileId] })),
    cancelReason: m.cancelled?.reason ?? null,
    mySignUps: x.mySignUps,
    canSignUp: x.canSignUp,
  };
}

/** A resident's view: counts by role, no names; minutes and decisions once held (photos too). */
export function residentMeetingView(m: Meeting, x: MeetingExtras): MeetingView {
  const held = m.status === 'held';
  const c = common(m, x);
  return { ...c, forStaff: false, attendance: attendanceCounts(m), minutes: held ? m.minutes : '', decisions: held ? c.decisions : [], photos: held ? c.photos : [] };
}

/** Staff's view: the whole record, with the revision to save against. */
export function staffMeetingView(m: Meeting, x: MeetingExtras): StaffMeetingView {
  const start = new Date(m.startAt);
  return {
    ...common(m, x),
    forStaff: true,
    attendance: m.attendance.map((r) => ({ role: r.role, roleLabel: ATTENDANCE_ROLE_LABELS[r.role], count: r.count, org: r.org ?? null, names: r.names ?? [] })),
    minutes: m.minutes,
    revision: m.revision,
    convenor: m.convenor,
    date: localDateOf(start),
    start: localTime(start),
    end: localTime(new Date(m.endAt)),
    agendaTopicIds: m.agendaTopicIds,
    photoFileIds: m.photoFileIds,
    events: m.events.map((e) => ({ type: e.type, at: new Date(e.at).toISOString(), actorName: e.actorName, note: e.note })),
  };
}

/** First local hour of the day before at which meeting reminders go out (as the market's: daytime). */
export const MEETING_REMIND_FROM_HOUR = 10;
/** Meeting reminders stop at this local hour. */
export const MEETING_REMIND_UNTIL_HOUR = 20;

/**
 * The instants `[from, to)` of the local day whose meetings are reminded at `now` — tomorrow, between
 * 10:00 and 20:00 local — or null outside those hours (the rule of `market/domain/reminders.ts`: the
 * day before, in daytime, so an elderly resident is not woken).
 */
export function meetingRemindWindow(now: Date): { from: Date; to: Date } | null {
  const l = local(now);
  if (l.hour() < MEETING_REMIND_FROM_HOUR || l.hour() >= MEETING_REMIND_UNTIL_HOUR) return null;
  const tomorrow = l.add(1, 'day').format('YYYY-MM-DD');
  const after = l.add(2, 'day').format('YYYY-MM-DD');
  return { from: localInstant(tomorrow, '00:00'), to: localInstant(after, '00:00') };
}

/** `参加` / `发言`. */
export const signUpKindLabel = (kind: 'attend' | 'speak'): string => SIGN_UP_KIND_LABELS[kind];
