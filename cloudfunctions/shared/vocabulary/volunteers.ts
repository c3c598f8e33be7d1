/**
 * The one home of the words for the 解忧智囊团 (volunteers, issue 22; docs/everyday-services-design.md
 * §4): the five roles of the source (巡逻员, 调解员, 信息员, 宣讲员, 联络员), a duty's slot and state, and
 * what hours were earned by. Pure TypeScript, imported by the functions and the pages.
 */
import type { DutySlot, DutyStatus, VolunteerHoursSource, VolunteerRole } from '../model';

/** Every volunteer role, in the order the pages list them. */
export const VOLUNTEER_ROLES: readonly VolunteerRole[] = ['patroller', 'mediator', 'informant', 'speaker', 'liaison'];

/** A role's name, as the source and every page call it. */
export const VOLUNTEER_ROLE_LABELS: Readonly<Record<VolunteerRole, string>> = {
  patroller: '巡逻员',
  mediator: '调解员',
  informant: '信息员',
  speaker: '宣讲员',
  liaison: '联络员',
};

/** The team's name. */
export const VOLUNTEER_TEAM_LABEL = '解忧智囊团';

/** Every slot of a day, in order. */
export const DUTY_SLOTS: readonly DutySlot[] = ['am', 'pm', 'eve'];

/** A slot's name. */
export const DUTY_SLOT_LABELS: Readonly<Record<DutySlot, string>> = { am: '上午', pm: '下午', eve: '晚上' };

/** A duty's state, as people read it. */
export const DUTY_STATUS_LABELS: Readonly<Record<DutyStatus, string>> = { planned: '待值班', done: '已值班', missed: '未到岗' };

/** What hours were earned by, as the volunteer reads it. */
export const HOURS_SOURCE_LABELS: Readonly<Record<VolunteerHoursSource, string>> = {
  parcelDelivered: '送快递上门',
  patrol: '巡逻',
  mediation: '调解纠纷',
  verification: '核查',
  duty: '值班',
  staff: '社区登记',
};

/** Minutes as people read them: `3小时`, `1小时20分钟`, `45分钟`. */
export function minutesWords(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m}分钟`;
  return m ? `${h}小时${m}分钟` : `${h}小时`;
}
