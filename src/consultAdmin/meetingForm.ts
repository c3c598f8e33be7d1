/**
 * The meeting form's fields and their two translations: from the staff view the function answers
 * (`consult.meeting`, `StaffMeetingView`) and to `saveMeeting`'s input (the whole form each time,
 * with `meetingId` + `revision`, or `requestId` for a new one). Pure: the page and the component tests
 * use it. Limits: `cloudfunctions/consult/limits.ts` (`CONSULT_LIMITS`).
 */
import type { AttendanceRole, MeetingKind } from '../../cloudfunctions/shared/model';
import type { ActionInput } from '../services/call';
import type { StaffMeetingView } from '../../cloudfunctions/consult/contract';
import { CONSULT_LIMITS as L } from '../../cloudfunctions/consult/limits';
import { charCount } from './labels';

/** A photo on the form: its fileID, and what to show (a temp path just chosen, or the server's URL). */
export interface FormPhoto {
  fileID: string;
  preview: string;
}

/** What the meeting form holds (strings as typed; numbers where steppers keep them). */
export interface MeetingFields {
  title: string;
  kind: MeetingKind;
  date: string;
  start: string;
  end: string;
  place: string;
  /** places for residents to sign up ('' = no sign-up) */
  capacity: string;
  speakSlots: string;
  agendaTopicIds: string[];
  /** people who came, by role */
  attendance: Partial<Record<AttendanceRole, number>>;
  /** names staff noted per role (kept as the server has them; never shown to residents) */
  names: Partial<Record<AttendanceRole, string[]>>;
  /** the department(s) that came (职能部门), e.g. 住建局 */
  departmentOrg: string;
  minutes: string;
  photos: FormPhoto[];
  decisions: { text: string; topicId?: string }[];
}

/** An empty form for a new meeting on `date` (a China date). */
export function emptyMeeting(date: string): MeetingFields {
  return { title: '', kind: 'consultation', date, start: '19:00', end: '20:30', place: '', capacity: '', speakSlots: '', agendaTopicIds: [], attendance: {}, names: {}, departmentOrg: '', minutes: '', photos: [], decisions: [] };
}

/** The form of a meeting the function answered. */
export function fieldsOf(m: StaffMeetingView): MeetingFields {
  const attendance: Partial<Record<AttendanceRole, number>> = {};
  const names: Partial<Record<AttendanceRole, string[]>> = {};
  let departmentOrg = '';
  for (const a of m.attendance) {
    attendance[a.role] = (attendance[a.role] ?? 0) + a.count;
    if (a.names.length) names[a.role] = [...(names[a.role] ?? []), ...a.names];
    if (a.role === 'department' && a.org) departmentOrg = departmentOrg ? `${departmentOrg}、${a.org}` : a.org;
  }
  const urls = new Map(m.photos.map((p) => [p.fileId, p.url]));
  return {
    title: m.title,
    kind: m.kind,
    date: m.date,
    start: m.start,
    end: m.end,
    place: m.place,
    capacity: m.capacity == null ? '' : String(m.capacity),
    speakSlots: m.speakSlots == null ? '' : String(m.speakSlots),
    agendaTopicIds: [...m.agendaTopicIds],
    attendance,
    names,
    departmentOrg,
    minutes: m.minutes,
    photos: m.photoFileIds.map((f) => ({ fileID: f, preview: urls.get(f) ?? '' })),
    decisions: m.decisions.map((d) => ({ text: d.text, ...(d.topicId ? { topicId: d.topicId } : {}) })),
  };
}

/** Σ people of the attendance. */
export const attendanceTotal = (f: MeetingFields): number => Object.values(f.attendance).reduce((a: number, b) => a + (b ?? 0), 0);

export type SaveMeetingFields = ActionInput<'consult', 'saveMeeting'>;

/**
 * The form → `saveMeeting`'s input, or the words of what to fix first (the function's own checks:
 * lengths, end after start, numbers in range). `key`: `{meetingId, revision}` of a saved meeting or
 * `{requestId}` for a new one.
 */
export function saveInput(f: MeetingFields, key: { meetingId: string; revision: number } | { requestId: string }): SaveMeetingFields | string {
  if (charCount(f.title) < L.meetingTitle.min) return `请写上会议名称（至少 ${L.meetingTitle.min} 个字）`;
  if (charCount(f.place) < L.meetingPlace.min) return `请写上地点（至少 ${L.meetingPlace.min} 个字）`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.date)) return '请选会议的日期';
  if (!(f.end > f.start)) return '结束时间要晚于开始时间';
  const num = (s: string, lim: { min: number; max: number }, what: string): number | null | string => {
    if (s.trim() === '') return null;
    const n = Number(s.trim());
    return Number.isInteger(n) && n >= lim.min && n <= lim.max ? n : `${what}请写 ${lim.min} 到 ${lim.max} 之间的整数，不报名就空着`;
  };
  const capacity = num(f.capacity, L.capacity, '参加名额');
  if (typeof capacity === 'string') return capacity;
  const speakSlots = num(f.speakSlots, L.speakSlots, '发言名额');
  if (typeof speakSlots === 'string') return speakSlots;
  if (charCount(f.minutes) > L.minutes.max) return `纪要最多 ${L.minutes.max} 个字`;
  const decisions = f.decisions.filter((d) => d.text.trim());
  if (decisions.some((d) => charCount(d.text) < L.decisionText.min)) return `每条决定事项至少写 ${L.decisionText.min} 个字`;
  const attendance = (Object.entries(f.attendance) as [AttendanceRole, number][])
    .filter(([, n]) => n > 0)
    .map(([role, count]) => {
      const names = (f.names[role] ?? []).slice(0, count);
      const org = role === 'department' && f.departmentOrg.trim() ? f.departmentOrg.trim().slice(0, L.attendanceOrg.max) : undefined;
      return { role, count, ...(names.length ? { names } : {}), ...(org ? { org } : {}) };
    });
  return {
    ...key,
    title: f.title.trim(),
    kind: f.kind,
    date: f.date,
    start: f.start,
    end: f.end,
    place: f.place.trim(),
    capacity,
    speakSlots,
    agendaTopicIds: f.agendaTopicIds,
    attendance,
    minutes: f.minutes.trim(),
    photoFileIds: f.photos.map((p) => p.fileID),
    decisions: decisions.map((d) => ({ text: d.text.trim(), ...(d.topicId ? { topicId: d.topicId } : {}) })),
  };
}

/** What 已召开 needs first (the function's `CONSULT.HOLD_NEEDS_RECORD`), in words, or null. */
export function holdMissing(f: MeetingFields): string | null {
  if (attendanceTotal(f) < 1 && !f.minutes.trim()) return '先记下到会人数和会议纪要，再标记已召开。';
  if (attendanceTotal(f) < 1) return '先记下到会人数（至少 1 人），再标记已召开。';
  if (!f.minutes.trim()) return '先写会议纪要，再标记已召开。';
  return null;
}
