/**
 * The Chinese names of consultation's meeting kinds and attendance roles (issue 20, GLOSSARY
 * "Consultation"; docs/consultation-design.md §4). 网格员 and 居民 are the role names of `roles.ts`; a
 * meeting's status names are in `statuses.ts` (re-exported here). Pure TypeScript: the `consult` function and the
 * pages (`src/consult`, `src/consultAdmin`, the console) read the names from here, so a kind or a
 * role is never called two things.
 */
import type { AttendanceRole, MeetingKind } from '../model';
import { ROLE_LABELS } from './roles';

export { MEETING_STATUS_LABELS } from './statuses';

/** Chinese name of each meeting kind (会议类型), as pages, minutes and exports show it. */
export const MEETING_KIND_LABELS: Readonly<Record<MeetingKind, string>> = {
  ownersMeeting: '业主会议',
  forum: '座谈会',
  courtyard: '庭院会',
  corridor: '议事长廊',
  consultation: '有事来商量协商议事',
};

/** The meeting kinds in form order. */
export const MEETING_KINDS: readonly MeetingKind[] = ['ownersMeeting', 'forum', 'courtyard', 'corridor', 'consultation'];

/** Chinese name of each attendance role (参会人员), as the attendance steppers and the minutes show it. */
export const ATTENDANCE_ROLE_LABELS: Readonly<Record<AttendanceRole, string>> = {
  residentRep: '居民代表',
  buildingHead: '楼栋长',
  propertyManager: '物业',
  department: '职能部门',
  gridWorker: ROLE_LABELS.gridWorker,
  cppccMember: '政协委员',
  partyMember: '党员',
  communityCadre: '社区干部',
  resident: ROLE_LABELS.resident,
};

/** The attendance roles in form order. */
export const ATTENDANCE_ROLES: readonly AttendanceRole[] = ['residentRep', 'buildingHead', 'propertyManager', 'department', 'gridWorker', 'cppccMember', 'partyMember', 'communityCadre', 'resident'];

/** Chinese name of a sign-up's kind: to attend (参加) or to speak (发言). */
export const SIGN_UP_KIND_LABELS: Readonly<Record<'attend' | 'speak', string>> = {
  attend: '参加',
  speak: '发言',
};
