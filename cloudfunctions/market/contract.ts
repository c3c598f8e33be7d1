/**
 * The contract of the `market` function (issue 19, one contract per action): for each action who may
 * call it, its input schema (zod, strict), its answer type, its record rule, its errors and what it
 * does — read by `index.ts` (the router validates with these schemas), by the app (`call('market', …)`,
 * type-only imports) and by `docs/api.md` (generated). The answer types are here too.
 * Instants travel as ISO strings (JSON); dates as local `YYYY-MM-DD`. Pure TypeScript and zod: no SDK.
 */
import { z } from 'zod';
import { contract, type Contracts } from '../shared/contract';
import type { BookingMode, EventKind, MarketSettings } from '../shared/model';
import { id, localDate, noFields, requestId, text } from '../shared/schemas';
import { spokenConsent } from '../shared/spokenConsent';
import { minutesOf } from './domain/admin';
import { MARKET_LIMITS as L } from './limits';

/** A coming market day on the home page. */
export interface MarketDaySummary {
  id: string;
  date: string;
  /** `11月27日 周五` */
  dateLabel: string;
  start: string;
  end: string;
  place: string;
  marketName: string;
  /** Places left over all bookable services. */
  remaining: number;
}

export interface SlotView {
  id: string;
  label: string;
  startAt: string;
  capacity: number;
  remaining: number;
  /** open: bookable; full: no place left; closed: started or over. */
  state: 'open' | 'full' | 'closed';
  /** people in line for it (候补) */
  waiting: number;
  /**
   * The caller's (at the counter: the served resident's) booking that day whose time overlaps this
   * slot (`domain/overlap.ts`), or null: the confirm page warns before booking.
   */
  overlaps: { bookingId: string; serviceName: string; slotLabel: string } | null;
}

/** One place in line (候补) of the caller (`joinWaitlist`, `myWaitlist`), or of a resident at the counter (`joinWaitlistFor`, `waitlistFor`). */
export interface WaitlistView {
  id: string;
  slotId: string;
  marketDayId: string;
  /** the event (活动) whose places it waits for, or null for a market service: the pages say 活动：<serviceName> */
  eventId: string | null;
  /** the service's name, or the event's title */
  serviceName: string;
  slotLabel: string;
  date: string;
  dateLabel: string;
  /** place in line, 1 = next */
  position: number;
  /** someone else put them in line (staff at the counter, or a linked family member) */
  assisted: boolean;
  /** who put them in line (the resident, or the staff member / family member) */
  actorName: string;
}

export interface ServiceView {
  id: string;
  name: string;
  kind: 'service' | 'swap' | 'board';
  bookingMode: 'slots' | 'queue' | 'none';
  /** what it is, without clauses that state places or slot length (`domain/describe.ts`) */
  description: string;
  /** places and slot length, composed from the day's slots (`每 20 分钟一档，每档 3 位`; '' for walk-in) */
  capacityText: string;
  provider: string | null;
  slots: SlotView[];
  /** The caller's active booking for this service on this day, if any. */
  myBookingId: string | null;
}

export interface MarketDayDetail {
  day: MarketDaySummary;
  services: ServiceView[];
}

export interface BookingView {
  id: string;
  code: string;
  /** the market day it belongs to (to book something else on that day) */
  marketDayId: string;
  date: string;
  dateLabel: string;
  serviceName: string;
  slotLabel: string;
  mode: 'slots' | 'queue';
  place: string;
  startAt: string;
  status: 'booked' | 'cancelled' | 'checkedIn' | 'noShow';
  cancellable: boolean;
  /**
   * Staff can check it in (签到) now: still booked, from an hour before its market opens until its
   * slot ends. Exact in `bookingsFor` (the counter's list, which knows when each market opens);
   * elsewhere counted from the slot's own start, so it is never true when a check-in would fail.
   */
  checkInOpen: boolean;
  residentName: string;
  /** true when staff made it on the resident's behalf (代预约). */
  assisted: boolean;
  /** who made it (the resident, or the staff member at the counter) */
  actorName: string;
  /** made by a linked family member for the resident (家人代办: `actorName` = 「邹建庄的女儿 邹梅」) */
  byFamily: boolean;
  /** a resident's spoken consent was recorded (assisted bookings) */
  consentRecorded: boolean;
  /** made for them when their turn came in the waitlist (候补成功) */
  fromWaitlist: boolean;
  /** the event (活动) it is a place at, or null for a market booking (the page links to the event) */
  eventId: string | null;
}

export interface MarketDaysResult {
  communityName: string | null;
  /** the community's kiosk and how to reach it (also for a community without a market) */
  kiosk: { name: string; place: string | null; hours: string | null; phone: string | null; offers: string | null } | null;
  days: MarketDaySummary[];
}


// ——— admin answers (market settings, service catalogue, stall plan, closures) ———

/** A service of the catalogue as the admin edits it, with what its coming days hold. */
export interface ServiceAdminView {
  id: string;
  name: string;
  kind: 'service' | 'swap' | 'board';
  bookingMode: BookingMode;
  slotMinutes: number | null;
  capacity: number | null;
  description: string;
  provider: string | null;
  order: number;
  active: boolean;
  /** places booked in the coming days' slots of this service (not started) */
  comingBooked: number;
  /** people waiting (候补) in those slots */
  comingWaiting: number;
}

/** A stall of the plan, with the coming dates a vendor holds it. */
export interface StallAdminView {
  number: number;
  label: string;
  active: boolean;
  /** coming market dates (`YYYY-MM-DD`) on which a vendor holds this stall */
  heldOn: string[];
}

/** A created coming market day, as the settings page lists it. */
export interface AdminDayView {
  id: string;
  date: string;
  dateLabel: string;
  start: string;
  end: string;
  place: string;
  /** true when it differs from the current settings (it was created before a change and keeps its own) */
  keepsOldSettings: boolean;
}

/** `marketSettings`: the caller's community's market, catalogue and stall plan. */
export interface MarketAdminView {
  communityName: string;
  /** the settings in force (null: the community has no market yet) */
  market: MarketSettings | null;
  /** what a new market starts with (the form's defaults when `market` is null) */
  defaults: MarketSettings;
  days: AdminDayView[];
  services: ServiceAdminView[];
  stalls: StallAdminView[];
}

/** `updateMarketSettings`: the settings saved, and what they changed now. */
export interface SettingsUpdateResult {
  market: MarketSettings;
  /** coming market days already created that keep their old settings (people booked against them) */
  keptDays: AdminDayView[];
  /** market days created right away with the new settings */
  createdDays: AdminDayView[];
  /** true when this call started the community's market */
  started: boolean;
}

/** `saveService`: the service saved and what happened on the coming days. */
export interface ServiceSaveResult {
  service: ServiceAdminView;
  created: boolean;
  /** coming slots whose capacity changed */
  slotsChanged: number;
  /** people promoted from the waitlist into places a raise freed */
  promoted: number;
  /** coming market days the service was added to (new or reactivated) or taken off (deactivated) */
  daysChanged: number;
  /** bookings cancelled by a deactivation (their residents told) */
  bookingsCancelled: number;
}

/** `setStallPlan`: the plan as saved. */
export interface StallPlanResult {
  stalls: StallAdminView[];
}

/**
 * `cancelMarketDay`: what this call did (a repeat reports only what a first call left). `…Told`: the
 * people told (each once; it is in their 消息), `…ByWeChat`: of them, those WeChat also delivered it to.
 */
export interface DayCancelResult {
  bookingsCancelled: number;
  residentsTold: number;
  residentsByWeChat: number;
  stallsReleased: number;
  vendorsTold: number;
  vendorsByWeChat: number;
}

/** `withdrawService`: bookings cancelled now and residents told (of them by WeChat too). */
export interface ServiceWithdrawResult {
  bookingsCancelled: number;
  residentsTold: number;
  residentsByWeChat: number;
}

// ——— events (活动) ———

/** An event as residents and staff see it (`listEvents`, `getEvent`, and in the admin answers). */
export interface EventView {
  id: string;
  title: string;
  kind: EventKind;
  /** 文艺演出 / 义诊 / 宣讲 / 其他 */
  kindLabel: string;
  date: string;
  /** `12月10日 周四` */
  dateLabel: string;
  start: string;
  end: string;
  place: string;
  description: string;
  status: 'open' | 'cancelled';
  cancelReason: string | null;
  /** its one market slot: `book`/`joinWaitlist`/`bookFor` take this id */
  slotId: string;
  places: number;
  booked: number;
  remaining: number;
  /** people in line (候补) */
  waiting: number;
  /** open: places left; full: sign up for the waitlist; closed: started, over or cancelled */
  state: 'open' | 'full' | 'closed';
  /** the caller's (with `forResidentId`: the resident's) active booking for it, if any */
  myBooking: { id: string; code: string; status: 'booked' | 'checkedIn' } | null;
  /** the caller's place in line, if waiting (1 = next) */
  myWaitlist: { id: string; position: number } | null;
}

/** `listEvents`: the caller's community's coming events, soonest first. */
export interface EventsResult {
  communityName: string | null;
  events: EventView[];
}

/** `saveEvent`: the event as saved; `promoted` = people the waitlist gave the freed places to. */
export interface EventSaveResult {
  event: EventView;
  created: boolean;
  promoted: number;
}

/** `cancelEvent`: what this call did (`…Told`: people told, each once; `…ByWeChat`: of them by WeChat too). */
export interface EventCancelResult {
  bookingsCancelled: number;
  residentsTold: number;
  residentsByWeChat: number;
}

/** One person in an event's line, for the roster. */
export interface RosterWaitEntry {
  id: string;
  residentName: string;
  position: number;
  joinedAt: string;
  /** who put them in line when not the resident themself (staff at the counter, a family member), else null */
  actorName: string | null;
}

/** `eventRoster`: the event, its bookings (booked, checked in; newest status last) and its line. */
export interface EventRoster {
  event: EventView;
  bookings: BookingView[];
  waitlist: RosterWaitEntry[];
  checkedIn: number;
}

/** `leaveWaitlist`: the place given up. */
export interface WaitlistLeft {
  id: string;
  left: true;
}

// ——— input schemas ———

/** A text field of `MARKET_LIMITS` (`limits.ts`): trimmed, `min`–`max` characters, no invisible characters. */
const textOf = (l: { readonly min: number; readonly max: number }) => text(l.min, l.max);

/** A local clock time `HH:mm`, 00:00–23:59. */
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).describe('HH:mm');

/** `updateMarketSettings`: name, ISO weekday, opening and closing time (opening first), place, horizon 1–8 weeks. */
export const marketSettingsInput = z
  .object({
    name: textOf(L.marketName),
    weekday: z.number().int().min(L.weekday.min).max(L.weekday.max),
    start: clockTime,
    end: clockTime,
    place: textOf(L.place),
    horizonWeeks: z.number().int().min(L.horizonWeeks.min).max(L.horizonWeeks.max),
  })
  .strict()
  .refine((s) => minutesOf(s.start) < minutesOf(s.end), { message: '结束时间要晚于开始时间', path: ['end'] });

/**
 * `saveService`: a new service (`requestId`, no `serviceId`) or an edit (`serviceId`).
 * `slots` needs `slotMinutes` (5–240, a multiple of 5) and `capacity` (1–200); `queue` needs
 * `capacity` and no `slotMinutes`; `none` (walk in) has neither.
 */
export const serviceInput = z
  .object({
    serviceId: id.optional(),
    requestId: requestId.optional(),
    name: textOf(L.serviceName),
    kind: z.enum(['service', 'swap', 'board']),
    bookingMode: z.enum(['slots', 'queue', 'none']),
    slotMinutes: z.number().int().min(L.slotMinutes.min).max(L.slotMinutes.max).multipleOf(L.slotMinutes.step).nullable().optional(),
    capacity: z.number().int().min(L.capacity.min).max(L.capacity.max).nullable().optional(),
    description: textOf(L.description),
    provider: textOf(L.provider).nullable().optional(),
    order: z.number().int().min(L.order.min).max(L.order.max),
    active: z.boolean(),
    withdrawReason: textOf(L.reason).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const has = (v: number | null | undefined) => v !== null && v !== undefined;
    if (!s.serviceId && !s.requestId) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['requestId'], message: '新建服务需要 requestId' });
    if (s.bookingMode === 'slots' && !has(s.slotMinutes)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['slotMinutes'], message: '按时段预约要填每档多少分钟' });
    if (s.bookingMode !== 'slots' && has(s.slotMinutes)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['slotMinutes'], message: '只有按时段预约才有每档时长' });
    if (s.bookingMode !== 'none' && !has(s.capacity)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['capacity'], message: '要预约的服务要填名额' });
    if (s.bookingMode === 'none' && has(s.capacity)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['capacity'], message: '不用预约的服务没有名额' });
  });

/** What `saveService` receives once validated (what `catalogue.ts` works with). */
export type ServiceInput = z.infer<typeof serviceInput>;

/** `setStallPlan`: the whole plan, 1–200 stalls, numbers 1–200 unique, labels 1–12 characters. */
export const stallPlanInput = z
  .object({
    stalls: z
      .array(z.object({ number: z.number().int().min(L.stalls.min).max(L.stalls.max), label: textOf(L.stallLabel), active: z.boolean() }).strict())
      .min(L.stalls.min)
      .max(L.stalls.max)
      .refine((a) => new Set(a.map((s) => s.number)).size === a.length, { message: '摊位号不能重复' }),
  })
  .strict();

/**
 * `saveEvent`: a new event (`requestId`, with `kind`, `date`, `start`, `end`) or an edit (`eventId`:
 * title, kind, description, place, places — its date and time stay, residents signed up for them).
 */
export const eventInput = z
  .object({
    eventId: id.optional(),
    requestId: requestId.optional(),
    title: textOf(L.eventTitle),
    kind: z.enum(['performance', 'clinic', 'talk', 'other']),
    date: localDate.optional(),
    start: clockTime.optional(),
    end: clockTime.optional(),
    place: textOf(L.place),
    places: z.number().int().min(L.eventPlaces.min).max(L.eventPlaces.max),
    description: textOf(L.eventDescription),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (!s.eventId) {
      if (!s.requestId) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['requestId'], message: '新建活动需要 requestId' });
      for (const k of ['date', 'start', 'end'] as const) if (!s[k]) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [k], message: '新建活动要填日期和时间' });
      if (s.start && s.end && minutesOf(s.start) >= minutesOf(s.end)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['end'], message: '结束时间要晚于开始时间' });
    } else if (s.date || s.start || s.end) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['date'], message: '活动的日期和时间定了就不能改；要改请取消后重新发布' });
    }
  });

/** What `saveEvent` receives once validated. */
export type EventInput = z.infer<typeof eventInput>;

/** The code a booking slip shows (case forgiven). */
const bookingCode = z
  .string()
  .regex(new RegExp(`^[A-Za-z0-9]{${L.code.min},${L.code.max}}$`))
  .describe(`code(${L.code.min}–${L.code.max} letters and digits)`);

// ——— the contracts ———

const RESIDENTS = 'Market days and bookings — anyone sees the days, residents book';
const COUNTER = 'Counter (代办) — grid workers and community admins, for residents of their own community';
const WAITLIST = 'Waitlist (候补) — `cloudfunctions/market/waitlist.ts`';
const CLOSURES = 'When a day or a service will not happen — admins (`closures.ts`)';
const EVENTS = 'Events (活动) — one market slot per event: `book`, `cancelBooking`, `bookFor`, the waitlist and `checkIn` work on it unchanged (`events.ts`)';
const ADMIN = 'Market settings, service catalogue, stall plan — admins, their own community (`settings.ts`, `catalogue.ts`, `stallPlan.ts`)';

/**
 * The contracts of this function's actions (shared/contract.ts): the router declares each action from
 * its entry, the client types `call('market', …)` from it, docs/api.md is generated from it.
 */
export const actions = {
  listMarketDays: contract<MarketDaysResult>()({
    who: 'anyone',
    rule: "the caller's own community (a visitor: the first community that runs a market)",
    group: RESIDENTS,
    input: noFields,
    errors: [],
    summary: `
The caller's community's coming market days (an unregistered caller sees the first community that
runs a market). Creates missing or half-made market days on the way: slots first, each idempotent by
its deterministic id, the day document last (so a listed day always has every slot). One database
round trip in the steady state for a registered caller: the caller, their community and its market
days from today on with their slots come in one aggregation (a visitor: three).
\`kiosk\` says how to reach the community's 解忧铺 in person (also when the community runs no market);
a day's \`dateLabel\` reads "11月27日 周五", \`start\`/\`end\` "10:00"/"13:00"; \`remaining\` = places left
over all slots not yet started. A community without a market gives \`days: []\`.`,
  }),

  getMarketDay: contract<MarketDayDetail>()({
    who: 'anyone',
    familyProxy: true,
    rule: 'anyone sees a market day; forResidentId: staff, for a resident of their own community',
    group: RESIDENTS,
    input: z.object({ marketDayId: id, forResidentId: id.optional() }).strict(),
    errors: ['MARKET.DAY_NOT_FOUND', 'COMMON.NOT_REGISTERED', 'COMMON.FORBIDDEN', 'COUNTER.RESIDENT_NOT_FOUND'],
    summary: `
One database round trip for a registered caller (the caller, the day and its slots in one aggregation).
A slot's \`label\` reads "10:00–10:20". \`myBookingId\` is the caller's active booking for that service
that day, if any — or, with \`forResidentId\` (staff at the counter only), that resident's; a family member
acting for an elder (\`forElder\`) sees the elder's (家人代办: the day page says 查看邹建庄的预约). Each slot
also carries \`waiting\` (people in line) and \`overlaps\`: \`{ bookingId, serviceName, slotLabel }\` of the
caller's (or served resident's) booking that day whose time overlaps it (\`market/domain/overlap.ts\`:
timed slots only, half-open, other services), else null — the confirm page warns. A service's
\`description\` drops clauses that state places or slot length ("两把椅子", "每档 3 人", "每 20 分钟一档");
\`capacityText\` says them from the slots (\`每 20 分钟一档，每档 3 位\`, \`排队取号，共 30 个号\`, '' for
walk-in; \`market/domain/describe.ts\`). Errors: \`MARKET.DAY_NOT_FOUND\`, and with \`forResidentId\`:
\`COMMON.NOT_REGISTERED\` (no caller), \`COMMON.FORBIDDEN\` (not staff), \`COUNTER.RESIDENT_NOT_FOUND\`.`,
  }),

  book: contract<BookingView>()({
    who: 'registered',
    familyProxy: true,
    rule: "the slot is in the caller's own community's market",
    group: RESIDENTS,
    input: z.object({ slotId: id, requestId }).strict(),
    errors: ['COMMON.FORBIDDEN', 'BOOKING.SLOT_NOT_FOUND', 'BOOKING.SLOT_CLOSED', 'BOOKING.SLOT_FULL', 'BOOKING.ALREADY_BOOKED', 'COMMON.REQUEST_REUSED', 'COMMON.BUSY'],
    summary: `
Books one place for the caller, at their own community's market only (\`COMMON.FORBIDDEN\`: a slot of
another community's market). A place is a hold in the slot, taken by one conditional update
(\`booked < capacity\`, open, not started) and then the booking is inserted — three database round
trips (the caller and the slot in one aggregation, the hold, the insert), no transaction (crash
analysis in \`cloudfunctions/market/bookings.ts\`; holds left by a killed call are released by the
timer). A repeated \`requestId\` returns the first booking. The answer's \`code\` reads like "K7M4QX",
\`status\` is "booked".
— \`fromWaitlist\`: the waitlist gave them this place (候补成功; the booking's \`waitlistEntryId\`).
— \`checkInOpen\`: staff can check it in now (booked, from an hour before its market opens until its slot
ends); exact in \`bookingsFor\`, elsewhere counted from the slot's start (never true when \`checkIn\` would fail).
— \`assisted\` is true when someone else (staff at the counter) made it; \`actorName\` says who.`,
  }),

  myBookings: contract<BookingView[]>()({
    who: 'registered',
    familyProxy: true,
    rule: '',
    group: RESIDENTS,
    input: noFields,
    errors: [],
    summary: `The caller's bookings (all statuses), latest slot first, at most 100.`,
  }),

  cancelBooking: contract<BookingView>()({
    who: 'registered',
    familyProxy: true,
    rule: "the booking's resident, whoever made it, or staff of its community",
    group: RESIDENTS,
    input: z.object({ bookingId: id }).strict(),
    errors: ['BOOKING.NOT_FOUND', 'COMMON.FORBIDDEN', 'BOOKING.NOT_CANCELLABLE'],
    summary: `
Cancels until the slot starts (a conditional update on \`status: booked\`), then frees the place (the
hold is pulled only while it is there, so a place is freed once). The resident, the person who
made the booking for them, or staff of its community (at the counter) may cancel; \`cancelledBy\`
records who. Answer: the cancelled booking.`,
  }),

  bookFor: contract<BookingView>()({
    who: 'staff',
    rule: "a resident of the caller's own community, at that community's market",
    group: COUNTER,
    input: z.object({ residentId: id, slotId: id, requestId, consent: spokenConsent, allowOverlap: z.boolean().optional() }).strict(),
    errors: [
      'COUNTER.RESIDENT_NOT_FOUND',
      'COUNTER.CONSENT_REQUIRED',
      'BOOKING.OVERLAPS',
      'COMMON.FORBIDDEN',
      'BOOKING.SLOT_NOT_FOUND',
      'BOOKING.SLOT_CLOSED',
      'BOOKING.SLOT_FULL',
      'BOOKING.ALREADY_BOOKED',
      'COMMON.REQUEST_REUSED',
      'COMMON.BUSY',
    ],
    summary: `
Books for the resident, made by the caller. \`consent.spoken\` must be true: the resident said yes at
the counter; it is stored on the booking as \`consent: { method: "spoken", recordedBy, recordedByName, note? }\`
with \`actorId\`/\`actorName\` = the staff member. Same rules as \`book\` (capacity, one per service per
day for the resident, idempotent per staff member and \`requestId\`). Errors: those of \`book\`, plus
\`COMMON.FORBIDDEN\` (caller not staff), \`COUNTER.RESIDENT_NOT_FOUND\`, \`COUNTER.CONSENT_REQUIRED\`,
\`BOOKING.OVERLAPS\` — the resident holds another booking whose time overlaps this slot
(\`details: { bookingId, serviceName, slotLabel }\`, nothing written) unless \`allowOverlap: true\`
(the staff member confirmed it with the resident). The resident's coming held slots come with the
caller in the first aggregation, so the round trips stay 3 (measured; budget 4). A resident booking
for themselves (\`book\`) is warned on the page (\`overlaps\`), not refused.`,
  }),

  bookingsFor: contract<BookingView[]>()({
    who: 'staff',
    rule: "a resident of the caller's own community",
    group: COUNTER,
    input: z.object({ residentId: id }).strict(),
    errors: ['COUNTER.RESIDENT_NOT_FOUND'],
    summary: `The resident's bookings, as \`myBookings\` shows them to the resident, with \`checkInOpen\` exact (one more read: when their market days open).`,
  }),

  checkIn: contract<BookingView>()({
    who: 'staff',
    rule: "a booking at the caller's own community's market",
    group: COUNTER,
    input: z.object({ bookingId: id }).strict(),
    errors: ['BOOKING.NOT_FOUND', 'COMMON.FORBIDDEN', 'BOOKING.NOT_CHECKABLE'],
    summary: `
签到: marks a \`booked\` booking \`checkedIn\` (\`checkedInAt\`, \`checkedInBy\`), from 60 minutes before the
market opens until the slot ends.`,
  }),

  checkInByCode: contract<BookingView>()({
    who: 'staff',
    rule: "a booking of the caller's own community's market, on the day",
    group: COUNTER,
    input: z.object({ code: bookingCode }).strict(),
    errors: ['BOOKING.NOT_FOUND', 'COMMON.FORBIDDEN', 'BOOKING.NOT_CHECKABLE'],
    summary: `
The same check-in, by the code the resident shows or reads out (case forgiven), for a booking of the
caller's community (\`BOOKING.NOT_FOUND\`: no booking of the caller's community has that code). Errors: as \`checkIn\`.`,
  }),

  joinWaitlist: contract<WaitlistView>()({
    who: 'registered',
    familyProxy: true,
    rule: "a full slot of the caller's own community's market",
    group: WAITLIST,
    input: z.object({ slotId: id }).strict(),
    errors: ['BOOKING.NOT_FULL', 'BOOKING.SLOT_CLOSED', 'BOOKING.ALREADY_BOOKED', 'BOOKING.SLOT_NOT_FOUND', 'COMMON.FORBIDDEN'],
    summary: `
A place in line for a full slot of the caller's community, not started. \`position\`: 1 = next.
Idempotent: a second call answers the same place. \`BOOKING.NOT_FULL\`: book it instead. A place at an
event (活动) carries \`eventId\` (the pages say 活动：<title>). A linked family member acting for the elder
is recorded as who put them in line (\`assisted\`, \`actorName\`), and the booking a promotion makes names
them as its actor, as \`book\` would.`,
  }),

  leaveWaitlist: contract<WaitlistLeft>()({
    who: 'registered',
    familyProxy: true,
    rule: "the caller's own place in line",
    group: WAITLIST,
    input: z.object({ entryId: id }).strict(),
    errors: ['BOOKING.NOT_FOUND'],
    summary: `Gives up the caller's own place in line.`,
  }),

  myWaitlist: contract<WaitlistView[]>()({
    who: 'registered',
    familyProxy: true,
    rule: '',
    group: WAITLIST,
    input: noFields,
    errors: [],
    summary: `The caller's places in line, with their positions (all in one query; 2 round trips: the entries come with the caller).`,
  }),

  joinWaitlistFor: contract<WaitlistView>()({
    who: 'staff',
    rule: "a full slot of the caller's own community's market or event, for a resident of that community",
    group: COUNTER,
    input: z.object({ residentId: id, slotId: id, consent: spokenConsent }).strict(),
    errors: ['COUNTER.CONSENT_REQUIRED', 'COUNTER.RESIDENT_NOT_FOUND', 'BOOKING.NOT_FULL', 'BOOKING.SLOT_CLOSED', 'BOOKING.ALREADY_BOOKED', 'BOOKING.SLOT_NOT_FOUND', 'COMMON.FORBIDDEN'],
    summary: `
帮TA排候补: puts the resident in line for a full slot (a market service's or an event's), made by the
caller at the counter — the counter's form of \`joinWaitlist\`, with its rules and errors. \`consent.spoken\`
must be true (else \`COUNTER.CONSENT_REQUIRED\`, nothing read or written); the entry records
\`actorId\`/\`actorName\` = the staff member and \`consent\` (as \`bookFor\` records them on a booking), and
when their turn comes the booking the waitlist makes carries the same \`actorId\`/\`actorName\`/\`consent\`
(so it reads 由 <staff> 在解忧铺代为预约（居民已口头同意）) and the resident is told as usual.
Idempotent: a resident already in line for that slot (whoever put them there) gets that place back,
unchanged — two staff members at once make one entry. 3 database round trips (the caller, the
resident, the slot, its line and the resident's coming bookings in one aggregation; the insert; the
slot's count).`,
  }),

  waitlistFor: contract<WaitlistView[]>()({
    who: 'staff',
    rule: "a resident of the caller's own community",
    group: COUNTER,
    input: z.object({ residentId: id }).strict(),
    errors: ['COUNTER.RESIDENT_NOT_FOUND'],
    summary: `The resident's places in line, as \`myWaitlist\` shows them to the resident (the counter lists them with the resident's bookings). 2 database round trips.`,
  }),

  leaveWaitlistFor: contract<WaitlistLeft>()({
    who: 'staff',
    rule: "a place in line of a resident of the caller's own community",
    group: COUNTER,
    input: z.object({ residentId: id, entryId: id }).strict(),
    errors: ['COUNTER.RESIDENT_NOT_FOUND', 'BOOKING.NOT_FOUND'],
    summary: `
取消候补 at the counter: gives up the resident's place in line (\`leftBy\` = the staff member). \`BOOKING.NOT_FOUND\`:
not a waiting place of that resident. 3 database round trips.`,
  }),

  cancelMarketDay: contract<DayCancelResult>()({
    who: 'admin',
    rule: "a market day of the caller's own community (a second call finishes what a first one left)",
    group: CLOSURES,
    input: z.object({ marketDayId: id, reason: textOf(L.reason) }).strict(),
    errors: ['MARKET.DAY_NOT_FOUND', 'COMMON.TEXT_REJECTED', 'COMMON.FORBIDDEN'],
    summary: `
The day disappears from the lists, its slots close, every booking is cancelled (\`cancelReason\`) and
every stall application released, each person told (\`KIOSK_BOOKING_CHANGE_TEMPLATE_ID\`). \`…Told\`: the
people told, each once (in their 消息); \`…ByWeChat\`: of them, those WeChat also delivered it to. A
second call finishes what a first one left and reports only that. \`MARKET.DAY_NOT_FOUND\`: not a day
of the caller's community.`,
  }),

  withdrawService: contract<ServiceWithdrawResult>()({
    who: 'admin',
    rule: "a service of a market day of the caller's own community: its slots close, its bookings are cancelled and their residents told",
    group: CLOSURES,
    input: z.object({ marketDayId: id, serviceId: id, reason: textOf(L.reason) }).strict(),
    errors: ['BOOKING.SLOT_NOT_FOUND', 'COMMON.TEXT_REJECTED', 'COMMON.FORBIDDEN'],
    summary: `
A volunteer cannot come: that service's slots close for the day and its bookings are cancelled with
the residents told. A service volunteer's own \`stall.withdraw\` does the same for their service.
\`BOOKING.SLOT_NOT_FOUND\`: no slot of that service and day in the caller's community.`,
  }),

  marketSettings: contract<MarketAdminView>()({
    who: 'admin',
    rule: "the caller's own community's market",
    group: ADMIN,
    input: noFields,
    errors: ['COMMON.FORBIDDEN'],
    summary: `
The settings in force (\`market: null\`: no market yet; \`defaults\` are what a new one starts with), the
created coming days (\`keepsOldSettings\` marks those that differ from the settings), every service
(active or not, with \`comingBooked\`/\`comingWaiting\`), the stall plan (with \`heldOn\`: coming dates a
vendor holds the stall). 6 database round trips (the caller, then five reads at once).`,
  }),

  updateMarketSettings: contract<SettingsUpdateResult>()({
    who: 'admin',
    rule: "the caller's own community's market (changes apply to days created from now on)",
    group: ADMIN,
    input: marketSettingsInput,
    errors: ['MARKET.SLOT_MINUTES_MISFIT', 'COMMON.TEXT_REJECTED', 'COMMON.FORBIDDEN'],
    summary: `
\`weekday\` is ISO (1 = Monday), \`end\` later than \`start\`. **Applies to market days created from now
on**: days already created keep their weekday, time and place (residents booked them) and stay
listed — \`keptDays\` lists them, the page says how many. The missing coming days are created at once
(the timer's code, \`ensureComingDays\`), so raising the horizon or starting a market (\`started: true\`,
the community had \`market: null\`) shows its days immediately. One single-document update; 9 database
round trips when no day is created.`,
  }),

  saveService: contract<ServiceSaveResult>()({
    who: 'admin',
    rule: "a service of the caller's own community (capacity also on its coming days)",
    group: ADMIN,
    input: serviceInput,
    errors: ['MARKET.SERVICE_NOT_FOUND', 'MARKET.SLOT_MINUTES_MISFIT', 'MARKET.CAPACITY_BELOW_BOOKED', 'MARKET.SERVICE_HAS_BOOKINGS', 'COMMON.TEXT_REJECTED', 'COMMON.BUSY', 'COMMON.FORBIDDEN'],
    summary: `
New (\`requestId\`, a repeat returns the first) or edited (\`serviceId\`). \`slotMinutes\` is a multiple of
5, for \`slots\` only; \`capacity\` is not for \`none\`. New or reactivated services are added to the
coming days at once. **Capacity** reaches the coming open slots in one transaction with the service
(all or none), never below the places booked (refused, \`MARKET.CAPACITY_BELOW_BOOKED\`, rather than
clamped: the admin learns which slot to sort out); places a raise frees go to the waitlist first
(\`promoteNext\`, residents told). Name, description, provider, mode and slot length apply to days
created from now on. **Deactivating** a service with coming bookings needs \`withdrawReason\` (else
\`MARKET.SERVICE_HAS_BOOKINGS\`, nothing changes); with it, the coming slots close and the bookings are
cancelled with the reason and the residents told (\`cancelBookingsOf\`, as \`withdrawService\`), and the
coming days stop listing it. A capacity change costs about 8 + 2 database round trips per coming slot
of the service, in one transaction (磨刀, 5 queue slots: 18; 爱心义剪 with 9 slots a day over 5 days
would be about 100 — an admin action, well inside the 30 s a real transaction lives).`,
  }),

  setStallPlan: contract<StallPlanResult>()({
    who: 'admin',
    rule: "the caller's own community's stalls (never one held on a coming day)",
    group: ADMIN,
    input: stallPlanInput,
    errors: ['MARKET.STALL_HELD', 'COMMON.TEXT_REJECTED', 'COMMON.BUSY', 'COMMON.FORBIDDEN'],
    summary: `
The whole plan (numbers unique; a stall left out is deactivated, never deleted), written in one
transaction. A stall a vendor holds (allocated or checked in) on a coming day is never turned off:
\`MARKET.STALL_HELD\` naming stall and date, nothing written; a vendor who takes it between the check
and the write makes the save put the old plan back and refuse the same way. 8 database round trips
for 10 stalls (one transaction).`,
  }),

  listEvents: contract<EventsResult>()({
    who: 'registered',
    familyProxy: true,
    rule: "the caller's own community's coming events",
    group: EVENTS,
    input: z.object({ forResidentId: id.optional() }).strict(),
    errors: ['COMMON.FORBIDDEN', 'COUNTER.RESIDENT_NOT_FOUND'],
    summary: `
The caller's community's open events from today on, soonest first (at most 50), each with its places
left and line, and the caller's own booking (\`myBooking\`) and place in line (\`myWaitlist\`). With
\`forResidentId\` (staff at the counter only) those are the resident's (代报名). Sign up with \`book\`
on the event's \`slotId\`; a full event takes \`joinWaitlist\` on it; a booking shows in \`myBookings\`
with its \`eventId\`. One database round trip for a resident (the caller, the events with their slots,
their bookings and places in line in one aggregation; one more when they wait for one of them);
with \`forResidentId\` three.`,
  }),

  getEvent: contract<EventView>()({
    who: 'registered',
    familyProxy: true,
    rule: "an event of the caller's own community",
    group: EVENTS,
    input: z.object({ eventId: id, forResidentId: id.optional() }).strict(),
    errors: ['EVENT.NOT_FOUND', 'COMMON.FORBIDDEN', 'COUNTER.RESIDENT_NOT_FOUND'],
    summary: `One event (also a cancelled or past one: \`state: closed\`), as \`listEvents\` shows it, in one database round trip (two when the caller waits for it). \`EVENT.NOT_FOUND\`: none in the caller's community.`,
  }),

  saveEvent: contract<EventSaveResult>()({
    who: 'admin',
    rule: "an event of the caller's own community",
    group: EVENTS,
    input: eventInput,
    errors: ['EVENT.NOT_FOUND', 'EVENT.IN_PAST', 'EVENT.CANCELLED', 'EVENT.PLACES_BELOW_BOOKED', 'COMMON.REQUEST_REUSED', 'COMMON.TEXT_REJECTED', 'COMMON.FORBIDDEN'],
    summary: `
New (\`requestId\`; a repeat returns the first) or edited (\`eventId\`). A new event writes its slot
first (\`_id\` \`ev_<eventId>\`, \`marketDayId\` \`event:<eventId>\`, capacity = \`places\`), then the event
document (the completion marker; a half-made event is never listed and a retry finishes it).
\`EVENT.IN_PAST\`: it would start before now. An edit changes title, kind, description, place and
places; its date and time never change (residents signed up for them). **Places** change the slot's
capacity in one conditional update — never below the places booked (\`EVENT.PLACES_BELOW_BOOKED\`,
nothing changes); places a raise frees go to the waitlist first (\`promoteNext\`, residents told).
\`EVENT.CANCELLED\`: a cancelled event is not edited.`,
  }),

  cancelEvent: contract<EventCancelResult>()({
    who: 'admin',
    rule: "an event of the caller's own community (a second call finishes what a first one left)",
    group: EVENTS,
    input: z.object({ eventId: id, reason: textOf(L.reason) }).strict(),
    errors: ['EVENT.NOT_FOUND', 'COMMON.TEXT_REJECTED', 'COMMON.FORBIDDEN'],
    summary: `
As \`cancelMarketDay\` for a day: the event is marked cancelled, its slot closes, every booking is
cancelled with the reason and its resident told (\`cancelBookingsOf\`, template \`bookingChange\`), the
waiting end. A repeat finishes what a first call left and reports only that.`,
  }),

  eventRoster: contract<EventRoster>()({
    who: 'staff',
    rule: "an event of the caller's own community",
    group: EVENTS,
    input: z.object({ eventId: id }).strict(),
    errors: ['EVENT.NOT_FOUND', 'COMMON.FORBIDDEN'],
    summary: `
The roster for 签到: the event, its bookings that hold a place (booked or checked in, with
\`checkInOpen\` exact: from 60 minutes before it starts until it ends; check in with \`checkIn\` or
\`checkInByCode\`), how many are checked in, and its line (候补) in order.`,
  }),
} satisfies Contracts;

/** The function's own notes for docs/api.md: what it is, rules across actions, its timers. */
export const about = `
The weekly worry-relief market (解忧集市): residents book services of their community's market day,
staff book for them at the counter (代办) and check them in, admins run the market. Types and
contracts: \`cloudfunctions/market/contract.ts\`; form limits: \`cloudfunctions/market/limits.ts\`.
\`id\` = 1–64 characters of \`[A-Za-z0-9_-]\`; \`requestId\` = 8–64 of the same.

**Waitlist (候补).** While anyone waits for a slot, a freed place is theirs: an ordinary booking cannot
take it (\`BOOKING.SLOT_FULL\`). Each cancellation promotes the first in line into the place it freed (a
booking made for them, \`requestKey\` \`<resident>:waitlist-<entry>\`, and a subscribe message
\`KIOSK_WAITLIST_TEMPLATE_ID\`, asked for on the 排队候补 tap); nobody is promoted twice and a place is
never given twice. In the app the promoted booking shows 候补成功 under 我的预约 (\`fromWaitlist\`),
whether or not WeChat delivered the message.

**Admin pages**: \`marketAdmin/pages/{settings,services,service}\` (home → 集市设置). Database round trips
of the admin actions are measured in \`test/functions/market-admin.test.ts\`, which keeps them in budget.

### Timers (config.json trigger \`marketJobs\`, every 10 minutes; docs/jobs.md)
The platform takes one trigger per function: \`marketJobs\` runs \`ensureMarketDays\` then
\`remindBookings\` and answers both results merged. Each is also a timer of its own name.

#### \`remindBookings\`
→ \`{ ok: true, data: { reminded, delivered, retryLater? } }\`: from 10:00 to 20:00 local, every \`booked\`
booking for tomorrow not yet reminded is claimed (\`remindClaim\`, conditional update), its resident
told (\`notify\`: inbox, and the \`bookingReminder\` subscribe message if they allowed it; thing1 服务,
time2 时间, thing3 地点, character_string4 预约码), then marked \`remindedAt\` once WeChat answered
(delivered, or refused for no consent: final). A transient failure drops the claim and the next run
reminds (\`retryLater\`). Once per booking; a cancelled booking is never reminded.

#### \`ensureMarketDays\`
Event \`{ Type: "Timer", TriggerName: "ensureMarketDays", … }\` from the platform (no caller OPENID) →
\`{ ok: true, data: { communities, released, promoted, noShows } }\`: creates or completes the coming
market days of every community that runs a market; releases holds older than 60 s whose booking was
never written or was cancelled (what a killed \`book\`/\`cancelBooking\` leaves); recounts each slot's
waitlist and promotes into free places (what a killed promotion leaves); marks bookings still
\`booked\` 30 minutes after their slot ended as \`noShow\` (爽约). Idempotent. The same event from a
client (it carries an OPENID) → \`COMMON.FORBIDDEN\`, nothing runs.
`;
