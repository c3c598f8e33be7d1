/**
 * What the `stall` function answers (type-only on the client; docs/api.md). Dates are local
 * `YYYY-MM-DD` (Asia/Shanghai); instants ISO strings.
 */
import type { Contracts } from '../shared/contract';

export type VendorKind = 'farmer' | 'merchant' | 'serviceVolunteer';
export type VendorStatus = 'pending' | 'approved' | 'rejected';
/** A stall application's state: `applied` waits for the day's draw (抽签); `allocated` holds a stall; `waitlisted` waits for one; `withdrawn` / `released` hold nothing. */
export type StallStatus = 'applied' | 'allocated' | 'waitlisted' | 'withdrawn' | 'released' | 'checkedIn' | 'absent';

/** A vendor as they see themselves, and as admins see them. */
export interface VendorView {
  id: string;
  name: string;
  kind: VendorKind;
  kindLabel: string;
  /** goods they sell (farmers, merchants) */
  goods: string[];
  /** the market service they give (service volunteers), e.g. 爱心义剪 */
  provides: string | null;
  /** masked for everyone but admins: 138****1234 */
  phone: string | null;
  status: VendorStatus;
  statusLabel: string;
  rejectReason: string | null;
  /** a regular keeps their stall every week (固定摊位) */
  regular: boolean;
  regularStall: number | null;
  absences: number;
  createdAt: string;
}

/** One stall application for one market day. */
export interface StallApplicationView {
  id: string;
  date: string;
  dateLabel: string;
  vendorId: string;
  vendorName: string;
  goods: string[];
  status: StallStatus;
  statusLabel: string;
  /** the stall held, while allocated or checked in */
  stallNumber: number | null;
  /** place in the waitlist (1 = next), while waitlisted */
  waitlistPosition: number | null;
  /** the code the vendor shows at check-in (stall number + 4 letters), while allocated */
  checkInCode: string | null;
  /** while `applied`: when the draw is, in words (`11月20日 周三 18:00`) */
  drawAtLabel: string | null;
  /** placed by the day's draw (抽签) */
  viaDraw: boolean;
  createdAt: string;
}

/** The registry (登记本) for one market day: who comes and what they sell. */
export interface RegistryView {
  communityName: string | null;
  /** null when the community runs no market */
  date: string | null;
  dateLabel: string | null;
  vendors: { name: string; kind: VendorKind; kindLabel: string; goods: string[]; provides: string | null; stallNumber: number | null }[];
}

/** One good a question named, answered (issue 17). */
export interface GoodAnswerView {
  /** the good, as the registry writes it: the resident's word (洋芋), or the word their pinyin spells (baicai → 白菜) */
  product: string;
  /** what they typed for it */
  heard: string;
  /** a word the registry knows; false: an unknown word read from a list ("白菜和香椿") or a sentence naming nothing known */
  known: boolean;
  /** the names searched for: its synonym group (白菜 → 大白菜, 油白菜, 小白菜), or just itself */
  matched: string[];
  /** who sells it that day, by stall (empty: nobody has registered it yet — the page offers 告诉我) */
  sellers: { name: string; goods: string[]; stallNumber: number | null }[];
  /** `白菜：还没有人登记。` / `大葱：马师傅，1号摊。` */
  answer: string;
}

/** The answer to "周五的集市有卖白菜和大葱的吗？" (`search`). */
export interface SearchResult {
  /** the question as received (trimmed) */
  query: string;
  /** every good the question names, in the order named (one per synonym group, ≤ 10); empty: it names nothing known */
  goods: GoodAnswerView[];
  /** the market day answered: the day the question names when it is a coming market day, else the next one */
  date: string | null;
  dateLabel: string | null;
  /** the day word the question names (周五, 明天, 下周五) and its date, or null */
  askedDay: { word: string; date: string; dateLabel: string; marketDay: boolean } | null;
  /** every good registered that day, in stall order (what the registry has, for a question naming nothing known) */
  registered: string[];
  /** all the names searched for (every good's `matched`) */
  matched: string[];
  /** every seller of any good named (each once) */
  sellers: { name: string; goods: string[]; stallNumber: number | null }[];
  /** the whole answer in words: `11月15日 周五的集市：白菜：还没有人登记。大葱：马师傅，1号摊。` */
  answer: string;
}

/** The community's stall plan. */
export interface StallView {
  number: number;
  label: string;
}

/** How a community gives out its stalls (`setAllocation`, `allocation`). */
export interface AllocationView {
  /** `firstCome`: in application order; `lottery`: applications wait for a draw, which is a lottery when there are more applicants than free stalls */
  mode: 'firstCome' | 'lottery';
  /** the draw: this many days before the market day (1–6) … */
  drawDaysBefore: number;
  /** … at this local time `HH:mm` */
  drawAt: string;
}

/** One market day's draw, as `drawRecord` shows it (the `stallDraws` record, docs/database.md). */
export interface DrawView {
  date: string;
  algorithm: string;
  /** 64 hex characters: with the applicants, everything needed to re-check the draw (`domain/lottery.ts` `planDraw`) */
  seed: string;
  /** in application order */
  applicants: { applicationId: string; vendorName: string; regularStall: number | null; appliedAt: string }[];
  plan: number[];
  held: number[];
  freeStalls: number[];
  oversubscribed: boolean;
  /** application ids, in the order placed (drawn when oversubscribed) */
  order: string[];
  results: { applicationId: string; vendorName: string; status: 'allocated' | 'waitlisted'; stallNumber: number | null; waitlistPosition: number | null; regular: boolean }[];
  /** `timer`, or the name of the admin who pressed 现在抽签 */
  drawnBy: string;
  drawnAt: string;
}

/** A day's allocation state (`drawRecord`). */
export interface DayDrawView {
  date: string;
  allocation: AllocationView;
  /** lottery mode: when the day's draw is (`11月20日 周三 18:00`), else null */
  drawAtLabel: string | null;
  /** how many applications wait for the draw */
  waiting: number;
  /** the record once drawn, else null */
  record: DrawView | null;
}

/** A community that runs a market (`communities`, for the vendor registration page). */
export interface MarketCommunityView {
  id: string;
  name: string;
  marketName: string;
  /** ISO weekday 1–7 and its name (周五) */
  weekday: number;
  weekdayLabel: string;
  place: string;
}

/**
 * The contracts of this function's actions (shared/contract.ts): the router declares each action from
 * its entry, the client types `call('stall', …)` from it, docs/api.md is generated from it.
 */
export const actions = {} satisfies Contracts;
