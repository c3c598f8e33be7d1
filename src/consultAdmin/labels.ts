/**
 * What the `consultAdmin` pages (有事来商量, staff side; issue 20) share besides the calls: their
 * URLs, the words for statuses, kinds and roles, and the pure helpers of the forms — a China date and
 * time to an instant, typed rooms to `{unit, room}`, the paper tally's sum check, the meeting draft
 * kept on the phone. Pure (no Taro but storage in {@link draftStore}), so component tests use it as is.
 * Sources: docs/consultation-design.md §1 (paper entry), §2 (民法典 第二百七十八条 items), §4 (meetings).
 */
import type { AttendanceRole, TopicRule } from '../../cloudfunctions/shared/model';
import { ATTENDANCE_ROLE_LABELS, ATTENDANCE_ROLES as VOCAB_ROLES } from '../../cloudfunctions/shared/vocabulary/consultation';

/** Pages of the consultAdmin subpackage. */
export const CONSULT_ADMIN_URLS = {
  topics: '/consultAdmin/pages/topics/index',
  /** a topic's page (`id`), or the form for a new one */
  topicEdit: (id?: string) => (id ? `/consultAdmin/pages/topicEdit/index?id=${encodeURIComponent(id)}` : '/consultAdmin/pages/topicEdit/index'),
  households: (estateId?: string) => (estateId ? `/consultAdmin/pages/households/index?estateId=${encodeURIComponent(estateId)}` : '/consultAdmin/pages/households/index'),
  tally: (topicId: string, estateId?: string, building?: string) =>
    `/consultAdmin/pages/tally/index?topicId=${encodeURIComponent(topicId)}${estateId ? `&estateId=${encodeURIComponent(estateId)}` : ''}${building ? `&building=${encodeURIComponent(building)}` : ''}`,
  meetings: '/consultAdmin/pages/meetings/index',
  meetingEdit: (id?: string) => (id ? `/consultAdmin/pages/meetingEdit/index?id=${encodeURIComponent(id)}` : '/consultAdmin/pages/meetingEdit/index'),
  opinions: '/consultAdmin/pages/opinions/index',
  opinionDetail: (id: string) => `/consultAdmin/pages/opinionDetail/index?id=${encodeURIComponent(id)}`,
};

/** The desk's ticket page (a 转工单 opinion links there). */
export const deskTicketUrl = (id: string) => `/desk/pages/detail/index?id=${encodeURIComponent(id)}`;

/** A topic's phase in words: the function's one list (`consult/domain/phase.ts`), never a second copy. */
export { PHASE_LABELS } from '../../cloudfunctions/consult/domain/phase';

export const RULE_LABELS: Record<TopicRule, string> = { majority: '简单多数（参与投票的户过半同意）', civilCode: '民法典 第二百七十八条（业主共同决定事项）' };

/**
 * 民法典 第二百七十八条 第一款, its nine matters (docs/consultation-design.md §2, text as quoted there;
 * authoritative copy: 国家法律法规数据库 flk.npc.gov.cn).
 */
export const CIVIL_CODE_ITEMS: string[] = [
  '制定和修改业主大会议事规则',
  '制定和修改管理规约',
  '选举业主委员会或者更换业主委员会成员',
  '选聘和解聘物业服务企业或者其他管理人',
  '使用建筑物及其附属设施的维修资金',
  '筹集建筑物及其附属设施的维修资金',
  '改建、重建建筑物及其附属设施',
  '改变共有部分的用途或者利用共有部分从事经营活动',
  '有关共有和共同管理权利的其他重大事项',
];

const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

/**
 * The rule in words, as the form shows it under the choice (item 1–9 for civilCode): who must take part
 * and who must agree, counted by household, with the limits the kiosk states (area not checked).
 */
export function ruleText(rule: TopicRule, item?: number): string {
  if (rule === 'majority') return '按户统计：参与投票的户中，同意的超过一半才算通过（弃权算不同意，票数相等不通过）。';
  const n = item && item >= 1 && item <= 9 ? item : 0;
  const what = n ? `第${CN_NUMBERS[n - 1]}项：${CIVIL_CODE_ITEMS[n - 1]}。` : '请选是第几项事项。';
  const consent = n >= 6 && n <= 8 ? '参与表决的户中四分之三以上同意' : '参与表决的户中过半数同意';
  return `民法典 第二百七十八条 ${what}要求：三分之二以上的户参与表决，且${consent}。系统只按户数核算，面积条件未核算，结果是给业主大会、业委会、物业的参考意见，不是法律上的决定。`;
}

export { MEETING_KIND_LABELS, MEETING_STATUS_LABELS } from '../../cloudfunctions/shared/vocabulary/consultation';
export { OPINION_SOURCE_LABELS, OPINION_STATUS_LABELS } from '../../cloudfunctions/shared/vocabulary/opinions';

/** Attendance roles with their names, in the form's order (`shared/vocabulary/consultation.ts`). */
export const ATTENDANCE_ROLES: { role: AttendanceRole; label: string }[] = VOCAB_ROLES.map((role) => ({ role, label: ATTENDANCE_ROLE_LABELS[role] }));

/**
 * A China date (`YYYY-MM-DD`) and clock time (`HH:mm`) → the instant (ISO, UTC) the functions take.
 * China has no daylight saving since 1991: the offset is always +08:00. Null for a malformed input.
 */
export function chinaInstant(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  const d = new Date(`${date}T${time}:00+08:00`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** An instant → its China date and clock time, for a form's pickers. */
export function chinaParts(instant: string | number | Date): { date: string; time: string } {
  const iso = new Date(new Date(instant).getTime() + 8 * 3600_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** One room as the paper tally sends it. */
export interface RoomInput {
  unit: string;
  room: string;
}

/**
 * Rooms typed by staff → `{unit, room}`. Several at once, separated by spaces, commas, 、 or new
 * lines; each written `2-301`, `2单元301`, `2单元301室`, `2 单元 301` is not one (the space splits it) —
 * or just `301` when a unit is given in `defaultUnit` (a building without units: unit ''). Digits in
 * full width are folded (NFKC). Answers the rooms (each once, in typed order) and the pieces it could not read.
 */
export function parseRooms(text: string, defaultUnit = ''): { rooms: RoomInput[]; unread: string[] } {
  const rooms: RoomInput[] = [];
  const unread: string[] = [];
  const seen = new Set<string>();
  const unitDefault = defaultUnit.normalize('NFKC').trim().replace(/单元$/, '');
  for (const raw of text.normalize('NFKC').split(/[\s,，、;；]+/)) {
    const piece = raw.trim();
    if (!piece) continue;
    const m = /^(?:([0-9A-Za-z]+)(?:单元|-|—|－|\/))?([0-9A-Za-z]+)(?:室|号)?$/.exec(piece);
    if (!m || (!m[1] && !unitDefault && /单元/.test(piece))) {
      unread.push(piece);
      continue;
    }
    const r = { unit: m[1] ?? unitDefault, room: m[2] };
    const key = `${r.unit}|${r.room}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rooms.push(r);
  }
  return { rooms, unread };
}

/** A room in words: `2单元301` (or `301` without a unit). */
export const roomLabel = (r: RoomInput): string => (r.unit ? `${r.unit}单元${r.room}` : r.room);

/**
 * The paper tally's sum check (the function's rule, `CONSULT.TALLY_MISMATCH`): the sheets counted —
 * each option, blank and invalid — must add up to the rooms claimed. `counts`: what staff typed per
 * option (strings from the inputs; empty is 0). Answers the sum, the rooms, whether they match, and
 * the words to show when they do not (`还差 2 张` / `多了 1 张`), or an error for a non-number.
 */
export function tallySum(counts: Record<string, string>, blank: string, invalid: string, rooms: number): { total: number; ok: boolean; text: string; bad: boolean } {
  const values = [...Object.values(counts), blank, invalid].map((v) => (v.trim() === '' ? 0 : Number(v.trim())));
  if (values.some((n) => !Number.isInteger(n) || n < 0)) return { total: 0, ok: false, bad: true, text: '票数请写 0 或正整数' };
  const total = values.reduce((a, b) => a + b, 0);
  if (total === rooms) return { total, ok: true, bad: false, text: `合计 ${total} 张，和收回的 ${rooms} 户对上了` };
  const diff = rooms - total;
  return { total, ok: false, bad: false, text: `合计 ${total} 张，收回的是 ${rooms} 户：${diff > 0 ? `还差 ${diff} 张` : `多了 ${-diff} 张`}。请再数一遍。` };
}

/** A text's length as the functions count it: characters, after trimming. */
export const charCount = (s: string): number => [...s.trim()].length;

/** Where a phone keeps meeting drafts (per meeting; `new` for one not saved to the server yet). */
export const draftKey = (meetingId: string | undefined) => `consultAdmin.meetingDraft.${meetingId ?? 'new'}`;

/** A meeting draft kept on the phone: the form, the server revision it was based on, the create's requestId. */
export interface StoredDraft<F> {
  fields: F;
  /** the revision of the server's copy the form was loaded from (absent: never saved) */
  revision?: number;
  requestId: string;
  /** epoch ms */
  savedAt: number;
}

/** The phone's storage as the draft store needs it (Taro's sync storage; a Map in tests). */
export interface KeyValue {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  remove(key: string): void;
}

/**
 * Keeps a meeting's form on the phone between taps, so a lost connection at the meeting loses nothing:
 * `save` on every change, `load` when the form opens (a draft newer than the server's copy is offered
 * back), `clear` once the server holds it.
 */
export function draftStore<F>(kv: KeyValue, meetingId: string | undefined) {
  const key = draftKey(meetingId);
  return {
    load(): StoredDraft<F> | null {
      const v = kv.get(key) as StoredDraft<F> | '' | undefined;
      return v && typeof v === 'object' && 'fields' in v ? v : null;
    },
    save(d: StoredDraft<F>): void {
      kv.set(key, d);
    },
    clear(): void {
      kv.remove(key);
    },
  };
}
