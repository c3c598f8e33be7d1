/**
 * The `stall` function's contract (issue 19): every action's caller, input schema, answer type,
 * record rule, errors and summary (`actions`), the function's own notes (`about`), and the answer
 * types. Read by the router (`index.ts`), by the client's typed `call('stall', …)` (type-only) and by
 * the docs/api.md generator. Dates are local `YYYY-MM-DD` (Asia/Shanghai); instants ISO strings.
 * Pure TypeScript and zod: no SDK.
 */
import { z } from 'zod';
import { contract, type Contracts } from '../shared/contract';
import type { StallDraw } from '../shared/model';
import { id, localDate, noFields, phone, shortText, text } from '../shared/schemas';
import { STALL_LIMITS as L } from './limits';

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
  results: StallDraw['results'];
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

/** `myVendor`: the caller's own vendor record (null: not a vendor) and their applications for coming days. */
export interface MyVendor {
  vendor: VendorView | null;
  applications: StallApplicationView[];
}

/** `watch`: the product (as the registry writes it) and the market day watched. */
export interface WatchView {
  product: string;
  date: string;
}

/** `release`: the released application, and who was given its stall (null: nobody was waiting). */
export interface ReleaseView {
  released: StallApplicationView;
  promoted: StallApplicationView | null;
}

/** `moveStall`: the moved application, and who was given the stall it left (null: nobody was waiting). */
export interface MoveView {
  moved: StallApplicationView;
  promoted: StallApplicationView | null;
}

/** `drawStalls` (现在抽签): the day's allocation state, and whether this call drew it (false: drawn already). */
export type DrawNowView = DayDrawView & { drawnNow: boolean };

const good = shortText(L.good.max);
const stallNumber = z.number().int().min(L.stallNumber.min).max(L.stallNumber.max);
const kind = z.enum(['farmer', 'merchant', 'serviceVolunteer']);

/**
 * The function's own notes for docs/api.md (Markdown): what it is for, the rules every action keeps,
 * the lottery, the registry's reading of a question, and its timers.
 */
export const about = `
Farmers, merchants and service volunteers at a community's market, and the registry (登记本) of who
sells what on the next market day (issue 10). Types: \`cloudfunctions/stall/contract.ts\`; form
limits: \`cloudfunctions/stall/limits.ts\`. (\`vendor\` is the person; the collections are \`vendors\`
and \`stallApplications\`.)

- A vendor is a person with their own WeChat: \`register\` makes a \`users\` record (role \`vendor\`) and
  then the \`vendors\` record (3 round trips, no transaction: the vendor record is written last and is
  what everyone else reads; a registration cut short between the two is finished by the person's next
  \`register\`), \`pending\` until an admin approves.
- **Stalls** (\`stalls.ts\`): a regular keeps their own stall when it is free; everyone else gets the
  lowest-numbered free stall in application order; when none is free they wait (候补) in order.
  Unique keys make "one holder per stall, one stall per vendor and day" hold whatever the timing.
  A withdrawal, release or move gives the freed stall to the first in line (one conditional update).
- **Lottery (抽签)** (\`lottery.ts\`, rules \`domain/lottery.ts\`): a community chooses with
  \`setAllocation\` (stored as \`communities.stallAllocation\`; absent = first come). In lottery mode an
  application for a day not yet drawn is \`applied\` (等待抽签: no stall; \`drawAtLabel\` says when the
  draw is; still one per vendor and day). The draw — the \`drawStalls\` timer once \`drawDaysBefore\`
  days before the market day at \`drawAt\` (local) have come, or an admin's \`drawStalls\` (现在抽签) —
  reads the \`applied\` applications in application order and the stalls already held (admins'
  assignments); regulars whose own stall is free get it first; if the others fit the free stalls,
  they get them in application order (lowest first; \`oversubscribed: false\`); otherwise a shuffle
  seeded with 32 random bytes (\`sha256-fisher-yates-v1\`, see \`domain/lottery.ts\`) orders them, the
  first get the free stalls and the rest wait (候补) in drawn order, ahead of anyone who applies
  later. The record (\`stallDraws\`, \`_id\` \`\${communityId}_\${date}\`: seed, applicants in application
  order, plan, held, drawn order, results, who, when) is written once — its insert is the lock, so
  concurrent draws write one record and all apply it; a second run changes nothing (2 reads).
  Anyone can re-check a draw: \`planDraw({ seed, applicants, plan, held })\` gives its \`order\` and
  \`results\`. Each applicant is told the result (\`KIOSK_STALL_DRAW_TEMPLATE_ID\`; locally
  \`stallDrawLocal\`). Once a day is drawn, its new applications are first come (stall or waitlist);
  an application that raced the draw is settled first come by whichever of the draw and the
  application comes second. Switching back to first come draws the days still waiting.
- **The registry** is the next market day's held stalls with their vendors' goods. \`search\` takes a
  resident's whole question ("周五的集市有卖白菜和大葱的吗？", up to 60 characters) and finds every
  good it names (\`domain/question.ts\`: the produce words and nicknames of \`domain/goods.ts\` plus the
  day's registered goods, longest first; pinyin such as \`baicai\`; full-width text; 、，和/跟/还有 lists;
  a day word — 周五, 这周五, 下周五, 明天, 11月22日 — chooses that coming market day and is never a good).
  Each good is answered on its own (白菜 finds 大白菜 and 油白菜, 葱 finds 大葱 but not 洋葱):
  \`11月15日 周五的集市：白菜：还没有人登记。大葱：马师傅，1号摊。\`; when nobody sells anything asked
  for, the paper book's \`目前只有卖大葱的登记了。\` follows; a question naming nothing known answers
  \`没有听出您要买什么。11月15日 周五登记了的有：大葱。\`

Timers (platform trigger only; \`index.ts\` \`timers\`, handlers in \`actions/timers.ts\`):

| timer | when | what |
|---|---|---|
| \`vendorJobs\` | every 10 minutes (config.json's one trigger) | runs \`drawStalls\` then \`markAbsences\`; answers both results merged |
| \`drawStalls\` | in \`vendorJobs\` | draws every market day of a lottery community whose draw time has come and which has no record yet (\`{ drawn: n }\`); idempotent |
| \`markAbsences\` | in \`vendorJobs\` (a day is marked by the first run after midnight) | stalls still \`allocated\` after their day → \`absent\`, the vendor's \`absences\` + 1; a regular with 3 loses regular status (\`{ absences: n }\`). Idempotent. |
`;

/**
 * The contracts of this function's actions (shared/contract.ts): the router declares each action from
 * its entry, the client types `call('stall', …)` from it, docs/api.md is generated from it.
 */
export const actions = {
  // ─── anyone ──────────────────────────────────────────────────────────────────────────────
  communities: contract<MarketCommunityView[]>()({
    who: 'anyone',
    rule: 'everyone sees the same list',
    input: noFields,
    summary: 'The communities that run a market (the registration page\'s choice); 1 round trip.',
    errors: [],
  }),
  registry: contract<RegistryView>()({
    who: 'anyone',
    rule: "the next market day of the caller's community (a visitor: the first community that runs a market)",
    input: noFields,
    summary: 'The registry (登记本) for the next market day of the caller\'s community (a visitor: the first community that runs a market): who comes, what they sell, at which stall.',
    errors: [],
  }),
  search: contract<SearchResult>()({
    who: 'anyone',
    rule: "the next market day of the caller's community, or the coming market day the question names (a visitor: the first community that runs a market)",
    input: z.object({ query: text(1, L.question.max) }).strict(),
    summary: 'A resident\'s whole question (a sentence, e.g. "周五的集市有卖白菜和大葱的吗？"): every good it names (≤ 10), each answered with its sellers that day, and the whole answer in words (see above). 2 round trips.',
    errors: [],
  }),
  stalls: contract<StallView[]>()({
    who: 'registered',
    rule: "the caller's own community",
    input: noFields,
    summary: 'The community\'s stall plan (its active stalls, by number).',
    errors: [],
  }),
  register: contract<VendorView>()({
    who: 'anyone',
    rule: 'a person not yet known to the kiosk (their OPENID has no record), for a community that runs a market',
    input: z
      .object({
        communityId: id,
        kind,
        name: shortText(L.name.max),
        phone,
        goods: z.array(good).max(L.goods.max).default([]),
        provides: shortText(L.provides.max).optional(),
      })
      .strict(),
    summary:
      'A person with no record registers as a vendor of a community that runs a market: farmers and merchants name their goods, service volunteers the service they give (`provides`). Answers the new vendor, `pending` until an admin approves. Every text passes content security.',
    errors: ['COMMON.NOT_REGISTERED', 'VENDOR.ALREADY_REGISTERED', 'VENDOR.ACCOUNT_IS_RESIDENT', 'VENDOR.GOODS_REQUIRED', 'VENDOR.NO_MARKET', 'COMMON.TEXT_REJECTED'],
  }),

  // ─── vendors ─────────────────────────────────────────────────────────────────────────────
  myVendor: contract<MyVendor>()({
    who: 'registered',
    rule: "the caller's own vendor record",
    input: noFields,
    summary: 'The caller\'s own vendor record (`vendor: null` for anyone who is not a vendor, or whose registration was cut short) and their applications for coming dates. 2 round trips (+1 per day where they wait for a stall).',
    errors: [],
  }),
  updateGoods: contract<VendorView>()({
    who: 'registered',
    rule: "the caller's own vendor record",
    input: z.object({ goods: z.array(good).min(1).max(L.goods.max) }).strict(),
    summary: 'The vendor replaces the list of goods they sell (each passes content security).',
    errors: ['VENDOR.NOT_A_VENDOR', 'COMMON.TEXT_REJECTED'],
  }),
  applyStall: contract<StallApplicationView[]>()({
    who: 'registered',
    rule: "an approved vendor of the caller's community, for its coming market days",
    input: z.object({ dates: z.array(localDate).min(1).max(L.applyDates.max) }).strict(),
    summary:
      'Apply for a stall on 1–4 coming market dates: each is allocated (with `stallNumber` and `checkInCode`) or waitlisted (with `waitlistPosition`); in lottery mode before the day\'s draw it is `applied` with `drawAtLabel`. Idempotent per day — ≤ 4 round trips (first come 2, lottery 3 for the first date). Watchers of a good the vendor sells are told when they get a stall.',
    errors: ['VENDOR.NOT_A_VENDOR', 'VENDOR.NOT_APPROVED', 'VENDOR.NO_MARKET', 'MARKET.DAY_NOT_FOUND'],
  }),
  withdraw: contract<StallApplicationView>()({
    who: 'registered',
    rule: "the caller's own application (a service volunteer's withdrawal cancels that service's bookings of the day, residents told)",
    input: z.object({ applicationId: id }).strict(),
    summary: 'The vendor withdraws an application (`withdrawn`): the stall goes to the first in line; a service volunteer\'s service that day is withdrawn (its bookings cancelled, their residents told). The vendor record and the application come with the caller (issue 18: a write ≤ 3 round trips).',
    errors: ['VENDOR.APPLICATION_NOT_FOUND', 'VENDOR.WRONG_STATE'],
  }),

  // ─── residents ───────────────────────────────────────────────────────────────────────────
  watch: contract<WatchView>()({
    who: 'registered',
    rule: 'a resident (not staff, not a vendor), the next market day of their own community',
    input: z.object({ product: shortText(L.product.max) }).strict(),
    summary:
      'Tell me when someone sells it: told once (`KIOSK_PRODUCT_TEMPLATE_ID`) when a vendor selling the product gets a stall for the next market day. The page asks WeChat\'s permission first (`requestSubscribe`, build constant `TEMPLATE_IDS.productRegistered` = `TARO_APP_PRODUCT_TEMPLATE_ID`; docs/message-centre.md) and says so when it was declined. Asking twice keeps one watch.',
    errors: ['COMMON.FORBIDDEN', 'VENDOR.NO_MARKET'],
  }),

  // ─── staff and admins ────────────────────────────────────────────────────────────────────
  vendors: contract<VendorView[]>()({
    who: 'admin',
    rule: "the caller's own community",
    input: noFields,
    summary: 'The community\'s vendors, pending first (then approved, then rejected; by name), with full phone numbers.',
    errors: [],
  }),
  approve: contract<VendorView>()({
    who: 'admin',
    rule: "a vendor of the caller's own community (never the caller's own record)",
    input: z.object({ vendorId: id }).strict(),
    summary: 'Approves a vendor (one conditional write: a vendor already approved is `VENDOR.WRONG_STATE`).',
    errors: ['VENDOR.NOT_FOUND', 'VENDOR.WRONG_STATE', 'COMMON.FORBIDDEN'],
  }),
  reject: contract<VendorView>()({
    who: 'admin',
    rule: "a pending vendor of the caller's own community",
    input: z.object({ vendorId: id, reason: text(L.rejectReason.min, L.rejectReason.max) }).strict(),
    summary: 'Does not approve a pending vendor, with the reason they are shown (passes content security).',
    errors: ['VENDOR.NOT_FOUND', 'VENDOR.WRONG_STATE', 'COMMON.TEXT_REJECTED'],
  }),
  setRegular: contract<VendorView>()({
    who: 'admin',
    rule: "a vendor of the caller's own community",
    input: z.object({ vendorId: id, stallNumber: stallNumber.nullable() }).strict(),
    summary: 'Makes the vendor a regular (固定摊位) with that stall, or (`null`) not a regular; their absences start again from 0.',
    errors: ['VENDOR.NOT_FOUND', 'VENDOR.STALL_NOT_FOUND'],
  }),
  assignStall: contract<StallApplicationView>()({
    who: 'admin',
    rule: "an approved vendor of the caller's own community, a coming market day",
    input: z.object({ vendorId: id, date: localDate, stallNumber: stallNumber.optional() }).strict(),
    summary: 'Gives an approved vendor a stall on a coming market day — as `applyStall`, or that stall; a vendor waiting for the draw (`applied`) is given the stall now (still `applied` only when no stall is free).',
    errors: ['VENDOR.NOT_FOUND', 'VENDOR.NOT_APPROVED', 'VENDOR.NO_MARKET', 'MARKET.DAY_NOT_FOUND', 'VENDOR.STALL_TAKEN'],
  }),
  release: contract<ReleaseView>()({
    who: 'admin',
    rule: "an application of the caller's own community",
    input: z.object({ applicationId: id }).strict(),
    summary: 'Ends an application (`released`; also an `applied` one): the freed stall goes to the first in line (`promoted`).',
    errors: ['VENDOR.APPLICATION_NOT_FOUND', 'VENDOR.WRONG_STATE'],
  }),
  moveStall: contract<MoveView>()({
    who: 'admin',
    rule: "an application of the caller's own community holding a stall (checked in or not), today or later; an active stall nobody holds",
    input: z.object({ applicationId: id, toNumber: stallNumber }).strict(),
    summary:
      'Moves a held stall to another number: one conditional write of the application (its new `stallKey` is refused by the unique index when the stall is held); a checked-in vendor can be moved too (the kiosk moves people on the day), the check-in stays; the freed stall goes to the first in line; the same number changes nothing. `VENDOR.WRONG_STATE`: not holding a stall, a past day, changed meanwhile.',
    errors: ['VENDOR.APPLICATION_NOT_FOUND', 'VENDOR.WRONG_STATE', 'VENDOR.STALL_TAKEN', 'VENDOR.STALL_CLOSED', 'VENDOR.STALL_NOT_FOUND'],
  }),
  setAllocation: contract<AllocationView>()({
    who: 'admin',
    rule: "the caller's own community (switching to first come draws the days whose applications wait for a draw)",
    input: z
      .object({
        mode: z.enum(['firstCome', 'lottery']),
        drawDaysBefore: z.number().int().min(L.drawDaysBefore.min).max(L.drawDaysBefore.max),
        drawAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).describe('HH:mm'),
      })
      .strict(),
    summary: 'First come, or a lottery (抽签) `drawDaysBefore` days before each market day at `drawAt`; stored on the community. Switching to `firstCome` draws the days whose applications wait for a draw.',
    errors: ['VENDOR.NO_MARKET'],
  }),
  drawRecord: contract<DayDrawView>()({
    who: 'registered',
    rule: "the caller's own community (the draw record is public to it: anyone can re-check the draw)",
    input: z.object({ date: localDate }).strict(),
    summary: 'A day\'s allocation: the mode, when the draw is, how many wait for it, and the draw record once drawn — public to the community (anyone can re-check the draw). 1 round trip (the record and the waiting applications come with the caller).',
    errors: [],
  }),
  drawStalls: contract<DrawNowView>()({
    who: 'admin',
    rule: "a coming market day of the caller's own community, in lottery mode; a day drawn already is not drawn again",
    input: z.object({ date: localDate }).strict(),
    summary: '现在抽签: draws a coming market day now (or, drawn already, answers its record with `drawnNow: false` and changes nothing).',
    errors: ['VENDOR.NO_MARKET', 'MARKET.DAY_NOT_FOUND', 'VENDOR.NOT_LOTTERY'],
  }),
  dayList: contract<StallApplicationView[]>()({
    who: 'staff',
    rule: "the caller's own community",
    input: z.object({ date: localDate }).strict(),
    summary: 'The check-in list: the day\'s active applications by stall, then the waitlist in order (and those waiting for the draw).',
    errors: [],
  }),
  checkIn: contract<StallApplicationView>()({
    who: 'staff',
    rule: "an application of the caller's own community, on its market day",
    input: z.union([z.object({ applicationId: id }).strict(), z.object({ code: z.string().regex(/^\d{1,3}-[A-Za-z0-9]{4}$/).describe('checkInCode("1-ABCD")') }).strict()]),
    summary: 'Checks a vendor in on the market day (also after the market\'s closing time), by the application or the code the vendor shows (`checkInCode`, e.g. `1-ABCD`, any case).',
    errors: ['VENDOR.APPLICATION_NOT_FOUND', 'VENDOR.NOT_MARKET_DAY', 'VENDOR.WRONG_STATE'],
  }),
} satisfies Contracts;
