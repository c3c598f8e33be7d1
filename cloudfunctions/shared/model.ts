/**
 * The data model: one interface per collection of `database/schema.json`.
 *
 * Conventions: instants are `Date` (written with `db.serverDate()` where the server decides the
 * time); market days are local dates `YYYY-MM-DD` in Asia/Shanghai; clock times are `HH:mm` local.
 * Ids of seeded reference data are readable (`c-laocheng`, `svc-lc-haircut`); ids of records
 * created at run time are CloudBase's 32-hex ids. Collections marked "later" are declared now so
 * that indexes and rules exist, and are filled by the features that need them (tickets, vendors,
 * console).
 */

/** Roles a `users` record can hold (GLOSSARY.md). Only a communityAdmin changes roles. */
export type Role = 'resident' | 'gridWorker' | 'communityAdmin' | 'vendor';

/** Where a market is held and when (a community's settings). */
export interface MarketSettings {
  name: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday (default 5, Friday). */
  weekday: number;
  /** Local opening time `HH:mm` (default 10:00). */
  start: string;
  /** Local closing time `HH:mm` (default 13:00). */
  end: string;
  place: string;
  /** How many coming market days are open for booking. */
  horizonWeeks: number;
}

/** 社区 — a residents' committee area. */
export interface Community {
  _id: string;
  name: string;
  kiosk: string;
  market: MarketSettings | null;
  /** How to reach the kiosk in person: where it is, when it is open, its phone (shown on the home page). */
  contact?: KioskContact;
  /** How tickets are handled here (issue 9); absent = the defaults of `shared/deadlines.ts`. */
  tickets?: TicketSettings;
  /** How stalls are given out (issue 10; `stall.setAllocation`); absent = first come, first served. */
  stallAllocation?: { mode: 'firstCome' | 'lottery'; drawDaysBefore: number; drawAt: string };
  /** 有事来商量 settings (issue 20); absent = the defaults: 10 households to second a proposal, opinions answered within 10 working days. */
  consultation?: { secondThreshold: number; opinionReplyWorkingDays: number };
  /** 走访计划 (issue 21, `rounds.setVisitPlans`): days between visits, per care tag; absent = `DEFAULT_VISIT_PLANS` of `shared/rounds/plan.ts` (90 days, 7 for 独居老人). */
  rounds?: { visitEveryDays: VisitPlans };
}

/** A community's ticket settings (`ticket.setSettings`): working days to handle, per category (default 5 for every category), and its canned replies. */
export interface TicketSettings {
  handleDays?: Partial<Record<TicketCategory, number>>;
  /** 常用语 (issue 21): texts staff tap to fill the 反馈 (`feedback`: handle result, close summary) and 回访 (`followUp`) forms; ≤ 20 each */
  cannedReplies?: { feedback: string[]; followUp: string[] };
}

/** How to reach a community's kiosk (解忧铺) in person. */
export interface KioskContact {
  /** where, in words a resident knows: `老城社区居委会一楼` */
  place: string;
  /** opening hours in words: `周一至周五 9:00–18:00` */
  hours: string;
  phone?: string;
  /** what the kiosk offers when there is no market: `代办、调解邻里纠纷、反映问题` */
  offers?: string;
}

/** 小区 — an estate with its buildings. */
export interface Estate {
  _id: string;
  communityId: string;
  name: string;
  buildings: string[];
  note?: string;
  /** 户数登记 (issue 20, `consult.setHouseholds`): households per building, the electorate of a topic */
  households?: Record<string, number>;
}

/** 网格 — a set of buildings with responsible grid workers (CJ/T 349). */
export interface Grid {
  _id: string;
  code: string;
  communityId: string;
  covers: { estateId: string; buildings: string[] }[];
  workerIds: string[];
}

/** A home address inside an estate. */
export interface Home {
  estateId: string;
  building: string;
  unit: string;
  room: string;
}

/** A person known to the kiosk, keyed by WeChat OPENID. */
export interface User {
  _id: string;
  /**
   * WeChat OPENID — never null, never missing (a unique index holds null or a missing value only
   * once). A resident registered at the counter without WeChat (代登记) holds the placeholder
   * `nowechat:<_id>` (`shared/openids.ts`): unique per record and never a real OPENID (those are
   * 28 characters of `[A-Za-z0-9_-]`, never a `:`). Linking their own WeChat later
   * (`account.confirmLink`) replaces the placeholder with the real OPENID.
   */
  openid: string;
  name: string;
  /** How neighbours address them (赵大爷). */
  called?: string;
  role: Role;
  communityId: string;
  home?: Home;
  /** 户号 of `home` (`shared/households.ts`), written with it; absent on records older than issue 20 (derive it from `home`). */
  householdKey?: string;
  /** Grids a gridWorker is responsible for. */
  gridIds?: string[];
  /** Stored in full, shown masked (138****1234) in lists. Absent for residents without a phone. */
  phone?: string;
  /** When the resident shared `phone` through WeChat's phone-number button (account.bindPhone); absent for a typed phone. */
  phoneVerifiedAt?: Date;
  /** `壁山丽景小区3号楼2单元301`, for finding a resident by address at the counter. */
  addressText?: string;
  /**
   * ` 赵建国 zhaojianguo zjg 赵大爷 … 3号楼 2单元 301 `: what counter search matches
   * (`account/domain/search.ts` `searchKeyOf`), written with the record.
   */
  searchKey?: string;
  age?: number;
  /**
   * Whether staff of the community have verified who this is (saw the person). Self-registered
   * residents start unverified (they can still book and report for themselves); registered at the
   * counter → verified. A missing value counts as false.
   */
  verified?: boolean;
  /** users._id of the staff member who verified them (or registered them at the counter). */
  verifiedBy?: string;
  verifiedByName?: string;
  verifiedAt?: Date;
  /** Registered at the counter (代登记): who entered the record. */
  registeredBy?: { id: string; name: string };
  /** Registered at the counter: the resident's spoken consent to be registered, as recorded. */
  consent?: AssistConsent;
  /** Registered at the counter: fingerprint of what was asked (shared/requests.ts). */
  requestHash?: string;
  /** When staff linked the resident's own WeChat to a counter-registered record, and who. */
  linkedAt?: Date;
  linkedBy?: string;
  /** Member of the community's 解忧智囊团 (issue 22, `volunteers`); absent = never enlisted. */
  volunteer?: VolunteerMembership;
  createdAt: Date;
}

/** How a market service takes bookings. */
export type BookingMode = 'slots' | 'queue' | 'none';

/** 服务项目 — a free service at the market. */
export interface Service {
  _id: string;
  communityId: string;
  name: string;
  /** service | swap | board (GLOSSARY). */
  kind: 'service' | 'swap' | 'board';
  /** `slots`: time slots of `slotMinutes`; `queue`: one queue for the whole market; `none`: walk in. */
  bookingMode: BookingMode;
  slotMinutes?: number;
  /** Places per slot, or in the queue. */
  capacity?: number;
  description: string;
  provider?: string;
  order: number;
  active: boolean;
}

/** What a market day shows of a service: a snapshot taken when the day is created. */
export interface ServiceSnapshot {
  id: string;
  name: string;
  kind: Service['kind'];
  bookingMode: BookingMode;
  description: string;
  provider: string | null;
}

/**
 * 解忧集市 on one local date. `_id` = `${communityId}_${date}`. Written after all its slots (the
 * completion marker: a day that exists has every slot; a half-made one is not listed).
 */
export interface MarketDay {
  _id: string;
  communityId: string;
  date: string;
  start: string;
  end: string;
  place: string;
  startAt: Date;
  endAt: Date;
  status: 'open' | 'cancelled';
  /** The market's name (解忧集市), from the community's settings. */
  marketName: string;
  /** The services of the day in display order, including walk-in ones without slots. */
  services: ServiceSnapshot[];
  /** How many slots the day has. */
  slotCount: number;
}

/** 时段 — one service's time window on one market day. `_id` = `${marketDayId}_${serviceId}_${HHmm}`. */
export interface Slot {
  _id: string;
  communityId: string;
  marketDayId: string;
  date: string;
  serviceId: string;
  serviceName: string;
  mode: 'slots' | 'queue';
  /** `HH:mm–HH:mm` local, for display. */
  label: string;
  startAt: Date;
  endAt: Date;
  capacity: number;
  /** Places taken: always `holds.length` (both change in the same single-document update). */
  booked: number;
  /** The places held, one per booking (`market/bookings.ts`): a place is taken by adding a hold and freed by pulling it. */
  holds: SlotHold[];
  /** false once the market day is cancelled (absent = open). */
  open?: boolean;
  /** People in line for this slot (候补, `market/waitlist.ts`); while > 0 a freed place is theirs. Absent = 0. */
  waiting?: number;
  /** Where the market is held (the day's place), copied so that booking needs no read of the day. */
  place: string;
  /** events._id when the slot holds an event's places (活动: `marketDayId` = `event:<eventId>`, `market/events.ts`). */
  eventId?: string;
}

/** One place held in a slot: the booking it is for, its resident, and when it was taken (function clock). */
export interface SlotHold {
  /** bookings._id (chosen before the booking is written) */
  id: string;
  /** users._id of the resident */
  r: string;
  at: Date;
}

export type BookingStatus = 'booked' | 'cancelled' | 'checkedIn' | 'noShow';

/** 预约 — a resident's place in a slot. */
export interface Booking {
  _id: string;
  /** Short code shown to the resident and checked at the stall. */
  code: string;
  communityId: string;
  marketDayId: string;
  date: string;
  slotId: string;
  serviceId: string;
  serviceName: string;
  slotLabel: string;
  mode: 'slots' | 'queue';
  startAt: Date;
  endAt: Date;
  place: string;
  /** users._id of the resident the place is for. */
  residentId: string;
  residentName: string;
  /** users._id of who made it; ≠ residentId when staff book at the counter (代预约). */
  actorId: string;
  actorName: string;
  /** When made on a resident's behalf: their spoken consent, as recorded by the staff member. */
  consent?: AssistConsent;
  /** waitlist._id when the place came from the waitlist (候补成功, `market/waitlist.ts` promoteNext). */
  waitlistEntryId?: string;
  /** events._id when it is a place at an event (活动报名), copied from its slot. */
  eventId?: string;
  status: BookingStatus;
  /** `${residentId}|${marketDayId}|${serviceId}` while booked (unique: one per service per day); `cancelled:${_id}` after. */
  activeKey: string;
  /** `${actorId}:${requestId}` (unique): a repeated submit returns this booking. */
  requestKey: string;
  /** Fingerprint of what was asked (shared/requests.ts): the same requestId with another payload is refused. */
  requestHash?: string;
  createdAt: Date;
  cancelledAt?: Date;
  cancelledBy?: string;
  checkedInAt?: Date;
  checkedInBy?: string;
}

/** 活动的类别: 文艺演出, 义诊, 宣讲, 其他 (labels: shared/vocabulary `EVENT_KIND_LABELS`). */
export type EventKind = 'performance' | 'clinic' | 'talk' | 'other';

/**
 * 活动 — an event of a community (a 文艺演出, 义诊, 宣讲 …) whose places are ONE market slot
 * (`slotId` = `ev_<_id>`, `marketDayId` = `event:<_id>`): residents book, wait and are checked in
 * through the market's booking engine (`market/events.ts`). The slot is written first; this document
 * is the completion marker (as a market day is for its slots).
 */
export interface CommunityEvent {
  _id: string;
  communityId: string;
  /** 2–30 characters */
  title: string;
  kind: EventKind;
  /** local date `YYYY-MM-DD` (Asia/Shanghai) */
  date: string;
  /** local `HH:mm` */
  start: string;
  end: string;
  place: string;
  /** places (1–500) = its slot's capacity */
  places: number;
  /** ≤ 300 characters */
  description: string;
  status: 'open' | 'cancelled';
  slotId: string;
  /** the admin who created it */
  byId: string;
  byName: string;
  createdAt: Date;
  updatedAt?: Date;
  cancelReason?: string;
  cancelledBy?: string;
  cancelledAt?: Date;
  /** `${byId}:${requestId}` (unique): a repeated create returns this event */
  requestKey: string;
  requestHash?: string;
}

/** A resident's consent to be served on their behalf at the counter (代办). */
export interface AssistConsent {
  method: 'spoken';
  /** users._id of the staff member who heard and recorded it */
  recordedBy: string;
  recordedByName: string;
  note?: string;
}

/**
 * 摊主 — a farmer, merchant or service volunteer who holds stalls or gives a service at a
 * community's market (issue 10). Their person is a `users` record with role `vendor` (`userId`),
 * made together with this record by `stall.register`; seeded vendors of the demo may have none.
 */
export interface Vendor {
  _id: string;
  communityId: string;
  name: string;
  kind: 'farmer' | 'merchant' | 'serviceVolunteer';
  goods?: string[];
  /** the market service a volunteer gives (爱心义剪) */
  provides?: string;
  /** users._id of the vendor's own WeChat (role `vendor`) */
  userId?: string;
  phone?: string;
  /** absent = approved (the demo's seeded vendors) */
  status?: 'pending' | 'approved' | 'rejected';
  rejectReason?: string;
  decidedBy?: string;
  decidedAt?: Date;
  /** keeps `regularStall` every week (固定摊位) */
  regular?: boolean;
  regularStall?: number | null;
  /** market days with a stall and no check-in (after 3 a regular loses regular status) */
  absences?: number;
  createdAt?: Date;
}

/** 摊位 — one numbered place of a community's stall plan. `_id` = `${communityId}_${number}`. */
export interface Stall {
  _id: string;
  communityId: string;
  number: number;
  label: string;
  active: boolean;
}

/**
 * 摊位申请 — a vendor's application for one market day. While it holds a stall its `stallKey` is
 * `${communityId}|${date}|${number}` (unique: no stall has two holders); while active its
 * `vendorDayKey` is `${vendorId}|${date}` (unique: nobody holds two stalls, or waits twice, for one
 * day). When it ends both become `ended:${_id}`.
 */
export interface StallApplication {
  _id: string;
  communityId: string;
  vendorId: string;
  vendorName: string;
  goods: string[];
  date: string;
  /** `applied`: waits for the day's draw (lottery mode, `stall/lottery.ts`) */
  status: 'applied' | 'allocated' | 'waitlisted' | 'withdrawn' | 'released' | 'checkedIn' | 'absent';
  stallNumber: number | null;
  stallKey: string;
  vendorDayKey: string;
  /** who allocated it: the vendor's own application, or an admin's assignment */
  allocatedBy?: string;
  checkedInAt?: Date;
  checkedInBy?: string;
  endedAt?: Date;
  endedBy?: string;
  /** placed by the day's draw (lottery mode) */
  drawn?: boolean;
  /** waiting after the draw: the drawn place in line (1 = next); waits ahead of anyone who applied after the draw */
  drawRank?: number;
  /** when an `applied` application got its stall or its place in line */
  settledAt?: Date;
  /** an admin's last move to another stall (`stall.moveStall`) */
  movedBy?: string;
  movedAt?: Date;
  createdAt: Date;
}

/**
 * 抽签记录 — the record of one market day's stall draw (issue 10; `stall/lottery.ts`,
 * `stall/domain/lottery.ts`). `_id` = `${communityId}_${date}`: written once (its insert is the
 * lock). Anyone can re-check it: `planDraw({ seed, applicants, plan, held })` gives `order` and `results`.
 */
export interface StallDraw {
  _id: string;
  communityId: string;
  date: string;
  /** the shuffle's name, `sha256-fisher-yates-v1` */
  algorithm: string;
  /** 32 random bytes, hex */
  seed: string;
  /** the applicants in application order (`regularStall`: a regular's own stall, else null) */
  applicants: { applicationId: string; vendorId: string; vendorName: string; regularStall: number | null; appliedAt: Date }[];
  /** the active stall numbers, and those already held (by admins' assignments) at the draw */
  plan: number[];
  held: number[];
  freeStalls: number[];
  oversubscribed: boolean;
  /** application ids of the non-regulars, in the order placed (drawn when oversubscribed) */
  order: string[];
  results: { applicationId: string; vendorName: string; status: 'allocated' | 'waitlisted'; stallNumber: number | null; waitlistPosition: number | null; regular: boolean }[];
  /** the admin's users._id, or `timer` */
  drawnBy: string;
  /** the admin's name, or `定时抽签` */
  drawnByName: string;
  drawnAt: Date;
}

/** A resident's wish to be told when someone registers a product for the coming market (issue 10). */
export interface ProductWatch {
  _id: string;
  communityId: string;
  userId: string;
  openid: string;
  product: string;
  date: string;
  notifiedAt?: Date;
  createdAt: Date;
}

/** 来源 — where a ticket came from (GLOSSARY: one district's "problem equation", plus hotline and inspection). */
export type TicketSource = 'residentReport' | 'selfFound' | 'organisationDiscussion' | 'superiorAssigned' | 'mutualHelp' | 'hotline' | 'inspection';

/**
 * What a ticket is about (issue 9): neighbour disputes (noise, animals, encroachment on shared
 * space, illegal structures) and community problems (sanitation, greenery, facilities, roads,
 * safety hazards), or other.
 */
export type TicketCategory = 'noise' | 'animals' | 'encroachment' | 'illegalStructure' | 'sanitation' | 'greenery' | 'facilities' | 'roads' | 'safety' | 'other';

/**
 * Ticket status along the standard case loop (CJJ/T 106; GLOSSARY "The standard case workflow"),
 * at neighbourhood scale (`ticket/domain/workflow.ts` holds the transitions):
 * `pending` (in its grid's queue, or on the community's hard-case list) → `inProgress` (a worker
 * accepted it, or an admin assigned it) → `handled` (反馈: result recorded) → `closed` (办结, after
 * the follow-up); an unsatisfied rating sends a closed ticket back to `inProgress` once (返工);
 * a worker's return (退单) puts it back to `pending` on the hard-case list; `merged` (并单) is final.
 */
export type TicketStatus = 'pending' | 'inProgress' | 'handled' | 'closed' | 'merged';

/** Every kind of event a ticket records (`Ticket.events[].type`). */
export type TicketEventType =
  | 'reported'
  | 'joined'
  | 'accepted'
  | 'assigned'
  | 'note'
  | 'coordinated'
  | 'returned'
  | 'handled'
  | 'followedUp'
  | 'closed'
  | 'rated'
  | 'rework'
  | 'merged'
  | 'mergedIn'
  | 'escalated'
  | 'supervised'
  | 'reminded'
  // issue 21 (docs/case-loop-design.md §3): 延期, 挂起, 核查
  | 'extensionRequested'
  | 'extended'
  | 'extensionDeclined'
  | 'suspended'
  | 'resumed'
  | 'verified'
  // issue 22: a 调解员 volunteer invited onto a neighbour dispute by its assignee (`detail.mediatorId`, `detail.mediatorName`)
  | 'mediatorInvited';

/**
 * One change of a ticket: who, when, from → to, and what was said. Appended to `Ticket.events` in
 * the same single-document write as the change itself (DESIGN.md "Every ticket change is an
 * event"): the timeline, the statistics and the ledger read these, never overwritten fields.
 */
export interface TicketEvent {
  type: TicketEventType;
  at: Date;
  actorId: string;
  actorName: string;
  /** the actor's role when it happened (`resident`, `gridWorker`, `communityAdmin`, `timer`) */
  actorRole: Role | 'timer';
  from: TicketStatus | null;
  to: TicketStatus;
  /** what was said: the note, the result, the reason, the agreement, the comment */
  note: string;
  /** shown to the reporter and joiners (public steps); internal notes, returns, reminders are not */
  public: boolean;
  /** event-specific facts: a coordination's department, a follow-up's method, a rating, a merge's other ticket */
  detail?: Record<string, unknown>;
}

/** The rating of one closing. */
export interface TicketRating {
  rating: 'satisfied' | 'fairlySatisfied' | 'unsatisfied';
  comment: string;
  at: Date;
}

/** 延期: a request by the assignee (`requested`) and an admin's decision on it (issue 21). */
export interface TicketExtension {
  status: 'requested' | 'approved' | 'declined';
  /** the asked-for new deadline date, local `YYYY-MM-DD` */
  untilDate: string;
  reason: string;
  byId: string;
  byName: string;
  at: Date;
  decidedById?: string;
  decidedByName?: string;
  decidedAt?: Date;
  declineReason?: string;
}

/** 挂起: why, until when (local date), who, and the deadline in force when it was suspended (issue 21). */
export interface TicketSuspension {
  reason: string;
  untilDate: string;
  at: Date;
  byId: string;
  byName: string;
  dueAtBefore: Date | null;
}

/** 核查: an on-site check of a handled community problem by someone other than its handler (issue 21). */
export interface TicketVerification {
  passed: boolean;
  note: string;
  /** after-photos (cloud fileIDs of the checker's uploads) */
  photos: string[];
  byId: string;
  byName: string;
  at: Date;
}

/** Why a ticket is on the hard-case list: no grid or several grids cover its place, a worker returned it, it went overdue, or an admin put it under supervision. */
export type HardCaseReason = 'noGrid' | 'severalGrids' | 'returned' | 'overdue' | 'supervised';

/** 诉求 / 工单 — one reported problem, queued for the grid it falls in. */
export interface Ticket {
  _id: string;
  communityId: string;
  /** The grid whose workers queue it; null when no grid (or more than one) covers the place: the community owns it. */
  gridId: string | null;
  category: TicketCategory;
  text: string;
  /** the place; `estateName` copied at reporting so that lists need no lookup */
  where: { estateId: string | null; estateName?: string | null; building: string | null; unit?: string | null; spot: string };
  source: TicketSource;
  status: TicketStatus;
  /**
   * On the community's hard-case list (疑难案件, 属地兜底): no single grid covers the place, a worker
   * returned it, or it went overdue. Admins supervise (督办) these.
   */
  hardCase: boolean;
  hardCaseReason?: HardCaseReason;
  /**
   * Private: visible to the assigned worker, the grid's workers and admins only, never to the
   * neighbour reported about. Null for a worker's own find with no resident behind it.
   */
  reporterId: string | null;
  reporterName: string | null;
  /** the reporter asked that the other party not learn who reported (default true) */
  anonymous: boolean;
  /** Residents who follow it: joined (附议) or whose duplicate was merged into it. Never shown to residents. */
  followerIds: string[];
  /** Who entered it; ≠ reporterId when staff report at the counter on the resident's behalf. */
  actorId: string;
  actorName: string;
  consent?: AssistConsent;
  /** cloud storage fileIDs (`cloud://…`), at most 3 */
  photos: string[];
  /** The worker handling it (accepted or assigned). */
  assigneeId: string | null;
  assigneeName: string | null;
  acceptedAt?: Date;
  handledAt?: Date;
  closedAt?: Date;
  /** closed by its handle-by deadline (or the supervision deadline); set at closing */
  closedOnTime?: boolean;
  /** The current deadline: accept by while pending, handle by while in progress, the supervision deadline when supervised. */
  dueAt: Date | null;
  /** Working days allowed to handle it (shared/workdays.ts), from the community's per-category limits (default 5), fixed at reporting. */
  handleDays: number;
  /** Marked by the timer once `dueAt` passed while open. */
  overdue: boolean;
  supervision?: { deadline: Date; note: string; byId: string; byName: string; at: Date };
  /** How many times an unsatisfied rating sent it back (at most 1). */
  reworks: number;
  ratings: TicketRating[];
  /**
   * When the timer asked the reporter for a rating (ticket/ratingAsks.ts); once per closing: null
   * again when an unsatisfied rating reopens the ticket (rework), so its next closing is asked about.
   */
  ratingAskedAt?: Date | null;
  /** A rating-ask run working on it (ticket/ratingAsks.ts), until it is done or the claim expires. */
  ratingAskClaim?: Date | null;
  /** follow-ups recorded since the last handling (a closing needs one when there is a reporter) */
  followUps: number;
  mergedInto?: string;
  /** The opinion (意见建议, `opinions`) this ticket follows (`fileCase` with `opinionId`, issue 20); its closing resolves it. */
  opinionId?: string;
  /** The home visit (入户走访, `visits`) on which the problem was found (`fileCase` with `visitId`, issue 21). */
  visitId?: string;
  /** The patrol (巡查, `patrols`) on which the problem was found (`fileCase` with `patrolId`, issue 21). */
  patrolId?: string;
  /** `${actorId}:${requestId}` (unique): a repeated submit returns the first ticket. */
  requestKey: string;
  /** Fingerprint of what was asked (shared/requests.ts): the same requestId with another payload is refused. */
  requestHash?: string;
  /** handled by the deadline in force then (set when handled; the closing copies it to closedOnTime) */
  handledOnTime?: boolean;
  /** grid the ticket was returned from (退单), for the ledger */
  returnedFromGridId?: string;
  /**
   * 延期 (issue 21): the assignee's latest request for a later deadline and the admin's decision.
   * `untilDate` is a local date (the new deadline is its end). Absent/null on old documents: none.
   */
  extension?: TicketExtension | null;
  /** an extension was approved (按期结案率 leaves it out of the denominator); absent = false */
  deferred?: boolean;
  /** 挂起 (issue 21): while set the clock stands still (`dueAt` null) until `untilDate` (local) or a resume */
  suspension?: TicketSuspension | null;
  /** calendar days it stood suspended, summed over its suspensions (absent = 0) */
  suspendedDays?: number;
  /** how many times it was returned (退单) to the community (absent = 0) */
  returns?: number;
  /** 核查 (issue 21): the latest passed on-site check since the last handling (a failed one sends it back and clears it) */
  verification?: TicketVerification | null;
  /** how many failed checks sent it back (重办; absent = 0) */
  verifyReworks?: number;
  /** 调解员 volunteers (users._id) its assignee invited onto a neighbour dispute (issue 22; absent = none): they see the assignee's view */
  mediatorIds?: string[];
  /** Optimistic lock: every change is a conditional update on the version it read, then version + 1. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  events: TicketEvent[];
}

// ─── 有事来商量: topics, votes, meetings, opinions (issue 20; docs/consultation-design.md) ─────────

/**
 * 户号 — a household's key: `estateId|building|unit|room`, each part normalised
 * (`shared/households.ts` `householdKeyOf`): a 户 is a room, as {@link Home} says. One vote per key.
 */
export type HouseholdKey = string;

/** Who may vote on a topic (表决范围): the whole community, one estate, or one building of an estate. */
export type TopicScope =
  | { kind: 'community' }
  | { kind: 'estate'; estateId: string }
  | { kind: 'building'; estateId: string; building: string };

/** One choice of a topic. yesNo topics have `agree` 同意 / `disagree` 不同意 / `abstain` 弃权. */
export interface TopicOption {
  key: string;
  label: string;
}

/**
 * How a topic is decided (docs/consultation-design.md §2): `majority` 简单多数 of the households that
 * voted; `civilCode` the household half of 民法典 第二百七十八条 (⅔ of households take part; items 6–8
 * need ¾ of those who voted, the others more than half) — advice, never a legal decision.
 */
export type TopicRule = 'majority' | 'civilCode';

/**
 * A topic's stored status. `discussion` / `voting` / `counting` are derived from time while
 * `scheduled` (`consult/domain/phase.ts`); only `decided` is written when voting ends.
 */
export type TopicStatus = 'proposed' | 'seconded' | 'scheduled' | 'decided' | 'merged' | 'declined' | 'closed';

/** A vote's channel: in WeChat, at the counter on a resident's behalf (代表决), or a paper ballot. */
export type VoteChannel = 'wechat' | 'counter' | 'paper';

/** What happened to a topic, appended in the same write as the change. */
export interface TopicEvent {
  type: 'proposed' | 'seconded' | 'created' | 'scheduled' | 'merged' | 'declined' | 'cancelled' | 'decided' | 'published' | 'voteVoided' | 'paperCounted' | 'householdsSet';
  at: Date;
  actorId: string;
  actorName: string;
  actorRole: Role | 'timer';
  note: string;
  detail?: Record<string, unknown>;
}

/** The households that may vote: snapshotted on the topic when voting opens. */
export interface Electorate {
  households: number;
  byBuilding: { estateId: string; building: string; households: number }[];
  /** `register`: the admin's 户数登记 per building; `registered`: the rooms of registered residents */
  source: 'register' | 'registered';
}

/** Counts of one channel: option key → households, and for paper the blank and invalid sheets. */
export type ChannelCounts = Record<string, number>;

/** A decided topic's result (`consult/domain/decide.ts`). */
export interface TopicResult {
  byChannel: { wechat: ChannelCounts; counter: ChannelCounts; paper: ChannelCounts & { blank?: number; invalid?: number } };
  households: { voted: number; byChannel: Record<VoteChannel, number>; electorate: number };
  /** households voted ÷ electorate (0–1), null when the electorate is unknown */
  turnout: number | null;
  /** the winning option's key, `tie`, `passed`/`failed` (majority yesNo), or `meetsHouseholdThresholds`/`failsHouseholdThresholds` (civilCode) */
  outcome: string;
  passed: boolean;
  /** each condition checked, in words (`参与表决户数 ≥ 三分之二：92 / 120 户，满足`) */
  checks: string[];
  /** the rule and its source, in words */
  ruleText: string;
  decidedAt: Date;
}

/** 议题 — a question the households of a scope decide. */
export interface Topic {
  _id: string;
  communityId: string;
  scope: TopicScope;
  title: string;
  background: string;
  kind: 'yesNo' | 'choice';
  options: TopicOption[];
  rule: TopicRule;
  /** 民法典 第二百七十八条 item 1–9 when `rule` is civilCode */
  civilCodeItem?: number;
  /** majority only: the least turnout (0–1 of the electorate) for a result to count */
  minTurnout?: number;
  status: TopicStatus;
  /** users._id of the resident who proposed it (附议 topics) */
  proposerId?: string;
  /** households needed to second a proposal (the community's 附议门槛 when proposed) */
  secondsNeeded: number;
  /** households that seconded (display only; the `topicSeconds` collection is the truth) */
  seconds: number;
  discussFrom?: Date;
  voteFrom?: Date;
  voteUntil?: Date;
  /** days after `voteUntil` paper tallies may still be entered (计票中) */
  tallyGraceDays: number;
  electorate?: Electorate;
  /** only verified residents may vote (always true for civilCode) */
  votersMustBeVerified: boolean;
  result?: TopicResult;
  decline?: { reason: string; by: string; at: Date };
  merged?: { intoTopicId: string; reason: string; by: string; at: Date };
  cancelled?: { reason: string; by: string; at: Date };
  publishedAt?: Date;
  publishNote?: string;
  /** a run-off after a tie */
  followsTopicId?: string;
  events: TopicEvent[];
  requestKey: string;
  requestHash?: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * One household's vote on one topic (`votes`). Unique {topicId, householdKey}: one per 户 whatever
 * the channel; unique `voterKey` (`topicId|userId`, or `paper:<topicId>|<householdKey>`): one person
 * votes for one 户. `choice` is returned to no one but the household's own members.
 */
export interface Vote {
  _id: string;
  topicId: string;
  communityId: string;
  householdKey: HouseholdKey;
  /** for per-building counts: the household's estate and building (normalised) */
  estateId: string;
  building: string;
  channel: VoteChannel;
  /** the option key; null for a paper claim (a paper sheet is counted in its building's tally) */
  choice: string | null;
  voterKey: string;
  castBy: { id: string; role: Role };
  /** the resident voted for at the counter */
  subjectId?: string;
  consent?: AssistConsent;
  /** the paper tally that claimed this room */
  tallyId?: string;
  /** the voter was verified when voting */
  verified: boolean;
  /** "我是本户业主或受业主委托" — a declaration, not proof */
  ownerDeclared?: boolean;
  castAt: Date;
  changedAt?: Date;
  changes: number;
}

/** 附议 — a household's second of a proposal (`topicSeconds`; unique {topicId, householdKey}). */
export interface TopicSecond {
  _id: string;
  topicId: string;
  householdKey: HouseholdKey;
  userId: string;
  at: Date;
}

/** 纸质票计票 — the paper ballots of one building of one topic (`paperTallies`, `_id` = `topicId|estateId|building`). */
export interface PaperTally {
  _id: string;
  topicId: string;
  communityId: string;
  estateId: string;
  building: string;
  /** the rooms whose sheets were claimed for this tally */
  rooms: HouseholdKey[];
  /** rooms whose sheet was set aside: the household had voted in another channel first */
  rejectedRooms: { householdKey: HouseholdKey; channel: VoteChannel }[];
  counts: ChannelCounts;
  blank: number;
  invalid: number;
  photoFileIds: string[];
  /** `claiming` while rooms are entered; `counted` once the counts are in; `none`: no paper in this building */
  state: 'claiming' | 'counted' | 'none';
  enteredBy: string;
  enteredAt: Date;
  /** +1 on every claim and every count: a count is stored only on the revision it was entered on */
  revision: number;
  /** set once the topic's result is being written (consult/tallies.ts `closeTallies`): no claim or count after */
  closed?: boolean;
}

/** A comment in a topic's discussion (`topicComments`); staff may hide it with a reason. */
export interface TopicComment {
  _id: string;
  topicId: string;
  communityId: string;
  authorId: string;
  /** `3号楼居民`, `社区 严婷`: what others read (never a resident's name) */
  authorLabel: string;
  text: string;
  at: Date;
  hidden?: { by: string; reason: string; at: Date };
  requestKey: string;
}

/** A meeting's kind (GLOSSARY "Consultation"). */
export type MeetingKind = 'ownersMeeting' | 'forum' | 'courtyard' | 'corridor' | 'consultation';

/** Who came to a meeting, by role. */
export type AttendanceRole = 'residentRep' | 'buildingHead' | 'propertyManager' | 'department' | 'gridWorker' | 'cppccMember' | 'partyMember' | 'communityCadre' | 'resident';

/** 会议 — 业主会议, 座谈会, 庭院会, 议事长廊 or 有事来商量协商议事 (`meetings`). */
export interface Meeting {
  _id: string;
  communityId: string;
  estateId?: string;
  title: string;
  kind: MeetingKind;
  startAt: Date;
  endAt: Date;
  place: string;
  convenor: { id: string; name: string };
  status: 'draft' | 'planned' | 'held' | 'cancelled';
  /** places for residents who sign up to attend; absent = no sign-up */
  capacity?: number;
  signedUp: number;
  /** speaking turns residents may sign up for */
  speakSlots?: number;
  speakers: number;
  agendaTopicIds: string[];
  attendance: { role: AttendanceRole; count: number; names?: string[]; org?: string }[];
  /** 纪要 */
  minutes: string;
  photoFileIds: string[];
  decisions: { text: string; topicId?: string; opinionId?: string }[];
  cancelled?: { reason: string; by: string; at: Date };
  /** drafts: every save is conditional on the revision read, then + 1 */
  revision: number;
  /** the day-before reminder was sent (the timer) */
  remindedAt?: Date;
  /** the reminder run working on it (a claim older than the lease is a crashed run's) */
  remindClaim?: Date | null;
  events: { type: string; at: Date; actorId: string; actorName: string; note: string }[];
  requestKey: string;
  requestHash?: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A resident's sign-up to attend or speak at a meeting (`meetingSignups`). */
export interface MeetingSignup {
  _id: string;
  meetingId: string;
  userId: string;
  kind: 'attend' | 'speak';
  /** `meetingId|userId|kind` while active (unique); `cancelled:<_id>` after */
  activeKey: string;
  status: 'active' | 'cancelled';
  at: Date;
}

/** Where an opinion came from. */
export type OpinionSource = 'meeting' | 'counter' | 'app';

/** An opinion's status: open → accepted → resolved, → ticketed → resolved, or → answered (答复 with a reason). */
export type OpinionStatus = 'open' | 'accepted' | 'ticketed' | 'resolved' | 'answered';

/** 意见建议 — an opinion given at a meeting, at the counter or in the app, followed to its end (`opinions`). */
export interface Opinion {
  _id: string;
  communityId: string;
  source: OpinionSource;
  meetingId?: string;
  text: string;
  place?: string;
  /** who gave it: a resident (`userId`), or a speaker's name only */
  giver: { userId?: string; name?: string; householdKey?: HouseholdKey };
  /** staff who entered it (counter, meeting) */
  actorId?: string;
  actorName?: string;
  consent?: AssistConsent;
  status: OpinionStatus;
  /** reply deadline (working days, `shared/deadlines.ts`) */
  dueAt: Date;
  overdue: boolean;
  resolution?: { what: string; when: string; by: string; byName: string };
  reply?: { text: string; reason: string };
  ticketId?: string;
  rating?: { rating: 'satisfied' | 'fairlySatisfied' | 'unsatisfied'; comment: string; at: Date };
  /** how many times an unsatisfied rating reopened it (at most 1) */
  reopened: number;
  events: { type: 'given' | 'accepted' | 'resolved' | 'ticketed' | 'answered' | 'rated' | 'reopened' | 'overdue'; at: Date; actorId: string; actorName: string; note: string }[];
  requestKey: string;
  requestHash?: string;
  createdAt: Date;
  updatedAt: Date;
}

// ─── the grid workers' own rounds: visits, patrols, care tags (issue 21; docs/case-loop-design.md §4) ───

/** 关爱对象 tags (staff only): 独居老人, 空巢老人, 残疾人, 困难家庭 (`shared/vocabulary/rounds.ts`). */
export type CareTag = 'livingAlone' | 'emptyNest' | 'disabled' | 'hardship';

/** What a visit was about: policy explained, needs, a problem found, care, safety. */
export type VisitTopic = 'policy' | 'needs' | 'problem' | 'care' | 'safety';

/** Whom the worker met at the door. */
export type VisitMet = 'self' | 'family' | 'nobodyHome';

/** A patrol is open from its start until its worker ends it. */
export type PatrolStatus = 'open' | 'ended';

/** 走访计划: days between visits of a household — `default` for every household, and per care tag (the shortest that applies wins); each 1–365. */
export type VisitPlans = { default: number } & Partial<Record<CareTag, number>>;

/** 入户走访 — one recorded visit of a grid worker to a household (`visits`). */
export interface Visit {
  _id: string;
  communityId: string;
  gridId: string;
  householdKey: HouseholdKey;
  workerId: string;
  workerName: string;
  /** local date of the visit `YYYY-MM-DD` (≤ today) */
  date: string;
  met: VisitMet;
  /** who was met, in a few words (`老伴在家`), '' when none */
  metNote: string;
  topics: VisitTopic[];
  /** what was seen or said, ≤ 200 characters, '' when none */
  note: string;
  /** tickets filed for problems found on this visit (`ticket.fileCase` with `visitId`) */
  ticketIds: string[];
  /** `${workerId}:${requestId}` (unique): a repeated submit returns the first visit */
  requestKey: string;
  /** fingerprint of what was asked (shared/requests.ts) */
  requestHash?: string;
  createdAt: Date;
}

/** 巡查 — one round of a grid by a worker (`patrols`). */
export interface Patrol {
  _id: string;
  communityId: string;
  gridId: string;
  workerId: string;
  workerName: string;
  startedAt: Date;
  endedAt: Date | null;
  /** places checked (1–30 short texts), set at the end */
  places: string[];
  note: string;
  /** tickets filed for problems found on this round (`ticket.fileCase` with `patrolId`) */
  ticketIds: string[];
  status: PatrolStatus;
  /** `${workerId}:${requestId}` (unique): a repeated start returns the first patrol */
  requestKey: string;
  /** fingerprint of what was asked (shared/requests.ts) */
  requestHash?: string;
  /** one open round per worker (unique): the worker's id while open, the patrol's own id once ended */
  openKey: string;
  createdAt: Date;
}

/**
 * 关爱对象 tags and the last visit of one household (`householdCare`, `_id` = its householdKey).
 * Staff only (the grid's workers, the community's admins): never in a resident's answer, never in an export.
 */
export interface HouseholdCare {
  /** the householdKey */
  _id: HouseholdKey;
  communityId: string;
  gridId: string;
  tags: CareTag[];
  /** who set the tags last, and when (absent until tags are set) */
  tagsById?: string;
  tagsByName?: string;
  tagsAt?: Date;
  /** the latest visit's local date and id (absent until the first visit) */
  lastVisitDate?: string;
  lastVisitId?: string;
}

/** A parcel's state (代收快递, issue 22): on the shelf, picked up at the counter, taken to the door, sent back. */
export type ParcelStatus = 'waiting' | 'pickedUp' | 'delivered' | 'returned';

/** A carrier as the counter picks it (`shared/vocabulary/parcels.ts`). */
export type ParcelCarrier = 'sf' | 'zto' | 'yto' | 'yunda' | 'jd' | 'ems' | 'other';

/** One step of a parcel's life, as it happened (who, what, when). */
export interface ParcelEvent {
  kind: 'logged' | 'pickedUp' | 'delivered' | 'reminded';
  byId: string | null;
  byName: string;
  at: Date;
}

/**
 * A parcel the kiosk keeps for a resident (`parcels`, issue 22; cloudfunctions/parcels/contract.ts).
 * `code` is a 6-digit pickup code, unique among the community's waiting parcels: the unique
 * `codeKey` is `${communityId}|${code}` while waiting and `${_id}` once done.
 */
export interface Parcel {
  _id: string;
  communityId: string;
  residentId: string;
  residentName: string;
  householdKey?: HouseholdKey;
  carrier: ParcelCarrier;
  /** 货架位置, e.g. `A-3` */
  shelf: string;
  code: string;
  /** unique: `${communityId}|${code}` while waiting, the parcel's own id once done */
  codeKey: string;
  status: ParcelStatus;
  loggedById: string;
  loggedByName: string;
  loggedAt: Date;
  pickedUpAt?: Date;
  pickedUpById?: string;
  pickedUpByName?: string;
  deliveredById?: string;
  deliveredByName?: string;
  deliveredAt?: Date;
  /** the one reminder of a parcel left too long (`remindParcels`) */
  remindedAt?: Date;
  /** the resident asked (at the counter) for it to be taken to their door: listed for volunteers (`parcels.toDeliver`) */
  toDoor?: boolean;
  /** `${loggedById}:${requestId}` (unique): a repeated log returns the first parcel */
  requestKey: string;
  requestHash?: string;
  events: ParcelEvent[];
}

// ─── notices: 公告 and 政策宣传 by staff (issue 22) ───

/** 公告 (`notice`) or 政策宣传 (`policy`). */
export type NoticeKind = 'notice' | 'policy';

/** Who sees a notice: the whole community, one estate (小区), or one building of an estate. */
export type NoticeAudience =
  | { kind: 'community' }
  | { kind: 'estate'; estateId: string }
  | { kind: 'building'; estateId: string; building: string };

/** A notice (`notices`): published by a community admin to its residents; withdrawn with a reason. */
export interface Notice {
  _id: string;
  communityId: string;
  kind: NoticeKind;
  title: string;
  body: string;
  audience: NoticeAudience;
  pinned: boolean;
  /** the last local date (Asia/Shanghai, `YYYY-MM-DD`) it is shown; null: until withdrawn */
  expiresOn: string | null;
  status: 'published' | 'withdrawn';
  byId: string;
  byName: string;
  publishedAt: Date;
  withdrawnAt?: Date;
  withdrawReason?: string;
  /** people who opened it (each once: `noticeReads`) */
  readCount: number;
  /** `${byId}:${requestId}` (unique), and the fingerprint of what was asked */
  requestKey: string;
  requestHash: string;
}

/** A person's first opening of a notice (`noticeReads`, `_id` = `noticeId|userId`: unique, so a person counts once). */
export interface NoticeRead {
  _id: string;
  noticeId: string;
  userId: string;
  communityId: string;
  at: Date;
}

/** What an errand is (代缴 / 代办, issue 22): 代缴水电费, 代办证明, 其他. */
export type ErrandKind = 'utilities' | 'certificate' | 'other';

/** An errand's state: asked for, taken on by a staff member, done (with a receipt), called off. */
export type ErrandStatus = 'requested' | 'accepted' | 'done' | 'cancelled';

/** One step of an errand's life (who, what, when). */
export interface ErrandEvent {
  kind: 'requested' | 'accepted' | 'done' | 'cancelled';
  byId: string;
  byName: string;
  at: Date;
}

/**
 * An errand the kiosk runs for a resident (`errands`, issue 22; cloudfunctions/errands/contract.ts):
 * asked by the resident or entered at the counter with their spoken consent, taken on by a staff
 * member (`assignee…`), done with photos of the receipt (the doer's own uploads) — or cancelled.
 */
export interface Errand {
  _id: string;
  communityId: string;
  residentId: string;
  residentName: string;
  kind: ErrandKind;
  /** what to do, 2–100 characters (「交3号楼2单元301的水费和电费」) */
  what: string;
  status: ErrandStatus;
  requestedAt: Date;
  /** the resident themself, or the staff member at the counter */
  requestedBy: { id: string; name: string };
  /** the resident's spoken consent, when entered at the counter (`requestFor`) */
  consent?: AssistConsent;
  assigneeId?: string;
  assigneeName?: string;
  acceptedAt?: Date;
  doneAt?: Date;
  doneNote?: string;
  /** fileIDs of the receipt photos (`tickets/<doer's id>/…`) */
  receiptPhotos: string[];
  cancelReason?: string;
  cancelledAt?: Date;
  events: ErrandEvent[];
  /** `${requestedBy.id}:${requestId}` (unique): a repeated request returns the first errand */
  requestKey: string;
  requestHash?: string;
}

/** A trusted provider's trade (家政, 家电维修, 管道疏通, 其他). */
export type ProviderService = 'housekeeping' | 'applianceRepair' | 'plumbing' | 'other';

/**
 * A provider the community has checked (`providers`, issue 22; cloudfunctions/providers/contract.ts).
 * `phone` is given only to staff and to a resident in a referral made for them. Its ratings are
 * not stored here: they are its rated referrals, counted where they are read (count, average and
 * the 待复核 flag, `shared/providerRatings.ts`). Records written before may still carry the old
 * `ratingCount`/`ratingSum`/`flagged` fields; nothing reads them.
 */
export interface Provider {
  _id: string;
  communityId: string;
  name: string;
  service: ProviderService;
  phone: string;
  /** where they work (「老城社区及周边」) */
  area: string;
  /** price notes (「上门费30元，材料另算」) */
  priceNote: string;
  verifiedById: string;
  verifiedByName: string;
  verifiedAt: Date;
  active: boolean;
  deactivatedAt?: Date;
  deactivateReason?: string;
  createdAt: Date;
  /** `${verifiedById}:${requestId}` of the save that created it (unique) */
  requestKey: string;
  requestHash?: string;
}

/** A referral's state: asked for, a provider named to the resident, rated after the job, called off. */
export type ReferralStatus = 'requested' | 'referred' | 'rated' | 'cancelled';

/**
 * A resident's ask for a provider and the kiosk's answer (`providers`, issue 22). `providerId` /
 * `providerName` are set when the resident asked for one by name or when staff refer one. One
 * rating per referral (`rating`, after `referred`, with status `rated` in the same update): the
 * only record of a provider's ratings (`shared/providerRatings.ts`).
 */
export interface Referral {
  _id: string;
  communityId: string;
  service: ProviderService;
  providerId?: string;
  providerName?: string;
  residentId: string;
  residentName: string;
  /** what the resident needs, 2–100 characters (「厨房下水道堵了」) */
  need: string;
  status: ReferralStatus;
  askedAt: Date;
  referredById?: string;
  referredByName?: string;
  referredAt?: Date;
  rating?: { stars: number; comment: string; at: Date };
  cancelledAt?: Date;
  cancelledById?: string;
  /** `${residentId}:${requestId}` (unique) */
  requestKey: string;
  requestHash?: string;
}
/** A board post's kind (邻里互助, issue 22): 旧物置换, 互助广告, 就业招聘 (the last by staff only). */
export type PostKind = 'swap' | 'help' | 'job';

/** A board post's state: on the board, taken down by staff, past its date, withdrawn by its author. */
export type PostStatus = 'published' | 'takenDown' | 'expired' | 'withdrawn';

/**
 * A post on the neighbourhood board (`posts`, issue 22; cloudfunctions/posts/contract.ts). Shown
 * to the community's registered people while `published` and `expiresOn` (local date, inclusive)
 * has not passed. The author is shown by `byName`, a nickname (「3号楼 赵大爷」, staff 「社区 严婷」),
 * never a phone; contact goes through the kiosk (`postContacts`, a note in the author's 消息).
 */
export interface Post {
  _id: string;
  communityId: string;
  kind: PostKind;
  /** 2–30 characters, passed msgSecCheck */
  title: string;
  /** ≤ 300 characters (may be empty), passed msgSecCheck */
  body: string;
  /** ≤ 3 fileIDs of the author's own uploads (`shared/photos.ts`) */
  photos: string[];
  byId: string;
  /** the nickname shown on the board (`postAuthorName`) */
  byName: string;
  status: PostStatus;
  /** the last local date (Asia/Shanghai, `YYYY-MM-DD`) it is shown */
  expiresOn: string;
  takeDownReason?: string;
  takenDownBy?: { id: string; name: string };
  takenDownAt?: Date;
  withdrawnAt?: Date;
  expiredAt?: Date;
  /** when the timer removed its photos from storage (`photos` then empty; `posts/actions/posts.ts` `sweepPostPhotos`) */
  photosRemovedAt?: Date;
  createdAt: Date;
  /** `${byId}:${requestId}` (unique): a repeated publish returns the first post */
  requestKey: string;
  requestHash?: string;
}

/** A neighbour's message to a post's author, passed on by the kiosk (`posts.contact`): a note in the author's 消息. */
export interface PostContact {
  /** `${fromId}:${requestId}` (a repeated tap is one contact) */
  _id: string;
  postId: string;
  communityId: string;
  /** the post's author, who was told */
  toId: string;
  fromId: string;
  /** the asker's name as the author reads it (`赵建国（3号楼）`), never a phone */
  fromName: string;
  /** 2–100 characters, passed msgSecCheck */
  text: string;
  at: Date;
}

// ─── volunteers: 解忧智囊团 (issue 22; docs/everyday-services-design.md §4) ───

/** A volunteer's role in the 解忧智囊团 (巡逻员, 调解员, 信息员, 宣讲员, 联络员; labels in `shared/vocabulary/volunteers.ts`). */
export type VolunteerRole = 'patroller' | 'mediator' | 'informant' | 'speaker' | 'liaison';

/**
 * A resident's membership of the community's volunteer team (`User.volunteer`), written only through
 * `shared/users.ts` `setVolunteer`. `active: false` after `retire` (the record stays, hours stay).
 */
export interface VolunteerMembership {
  roles: VolunteerRole[];
  /** when first enlisted (kept on re-enlisting) */
  since: Date;
  active: boolean;
  /** who enlisted them last (a community admin) */
  enlistedById?: string;
  enlistedByName?: string;
  /** the last `retire`: when, why, by whom */
  retiredAt?: Date;
  retiredReason?: string;
  retiredById?: string;
}

/** A duty's part of the day: 上午, 下午, 晚上. */
export type DutySlot = 'am' | 'pm' | 'eve';

/** A duty's state: on the roster, done (hours credited), not done. */
export type DutyStatus = 'planned' | 'done' | 'missed';

/**
 * One line of the weekly roster (值班表, collection `duties`). `_id` = `<date>:<slot>:<volunteerId>`:
 * one volunteer is on the roster once per slot of a day (two `setDuty` at once give one).
 */
export interface Duty {
  _id: string;
  communityId: string;
  /** local date `YYYY-MM-DD` (Asia/Shanghai) */
  date: string;
  slot: DutySlot;
  role: VolunteerRole;
  volunteerId: string;
  volunteerName: string;
  note?: string;
  status: DutyStatus;
  setById: string;
  setByName: string;
  setAt: Date;
  markedById?: string;
  markedByName?: string;
  markedAt?: Date;
}

/** What a volunteer's hours were earned by (the `volunteerHours.source`). */
export type VolunteerHoursSource = 'parcelDelivered' | 'patrol' | 'mediation' | 'verification' | 'duty' | 'staff';

/**
 * Minutes a volunteer served for one act (collection `volunteerHours`), written only by
 * `shared/volunteering.ts` `creditHours`. `_id` = `<source>:<refId>:<userId>`: the same act never
 * counts twice.
 */
export interface VolunteerHours {
  _id: string;
  communityId: string;
  /** the volunteer's users._id */
  userId: string;
  name: string;
  /** the role the act was done in, where the act has one (patrol → patroller, …) */
  role?: VolunteerRole;
  source: VolunteerHoursSource;
  /** the act's record: a parcel's, patrol's, ticket's or duty's _id; for `staff`, the entry's request id */
  refId: string;
  /** whole minutes, > 0 */
  minutes: number;
  /** local date `YYYY-MM-DD` of the act */
  date: string;
  note?: string;
  /** who recorded it, when a person did (`staff`, `duty`) */
  byId?: string;
  byName?: string;
  at: Date;
}

/**
 * A family member's link to an elder's record (家人代办, issue 22 §5; `familyLinks`): made by staff at
 * the counter with the elder's spoken consent; while `active`, the member's WeChat (`memberOpenid`)
 * may act for the elder in the actions whose contract declares `familyProxy` (router.ts).
 * At most one active link per (memberOpenid, elderId): `activeKey` = `${memberOpenid}|${elderId}`
 * while active (unique index), `revoked:${_id}` after.
 */
export interface FamilyLink {
  _id: string;
  elderId: string;
  elderName: string;
  communityId: string;
  memberOpenid: string;
  /** the name the member gave with their code (`familyCode`), checked in person at the counter */
  memberName: string;
  relation: import('./vocabulary/family').FamilyRelation;
  /** the elder's spoken consent, as the counter records it (`shared/spokenConsent.ts`) */
  consent: AssistConsent;
  linkedById: string;
  linkedByName: string;
  at: Date;
  status: 'active' | 'revoked';
  activeKey: string;
  revokedAt?: Date;
  /** users._id of who revoked it (staff, or the elder) */
  revokedBy?: string;
  revokedByName?: string;
}

/**
 * A family member's link code (`familyCodes`, `_id` = the member's OPENID: one live code per OPENID):
 * 6 digits (`code`, unique while live), valid 30 minutes; used once by `account.linkFamily`.
 */
export interface FamilyCode {
  _id: string;
  code: string;
  memberOpenid: string;
  memberName: string;
  createdAt: Date;
  expiresAt: Date;
  /** set when staff linked it (null until then) */
  usedAt: Date | null;
  linkId?: string;
}
