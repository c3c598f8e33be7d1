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
  /** Grids a gridWorker is responsible for. */
  gridIds?: string[];
  /** Stored in full, shown masked (138****1234) in lists. Absent for residents without a phone. */
  phone?: string;
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
  /** Where the market is held (the day's place), copied so that booking needs no read of the day. */
  place: string;
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

/** A resident's consent to be served on their behalf at the counter (代办). */
export interface AssistConsent {
  method: 'spoken';
  /** users._id of the staff member who heard and recorded it */
  recordedBy: string;
  recordedByName: string;
  note?: string;
}

/** 摊主 — later: farmers, merchants and service volunteers. */
export interface Vendor {
  _id: string;
  communityId: string;
  name: string;
  kind: 'farmer' | 'merchant' | 'serviceVolunteer';
  goods?: string[];
  provides?: string;
  userId?: string;
}

/** 来源 — where a ticket came from (GLOSSARY: one district's "problem equation", plus hotline and inspection). */
export type TicketSource = 'residentReport' | 'selfFound' | 'organisationDiscussion' | 'superiorAssigned' | 'mutualHelp' | 'hotline' | 'inspection';

/** What a ticket is about (the kinds of problems in the fixtures' disputes). */
export type TicketCategory = 'dispute' | 'publicSpace' | 'sanitation' | 'repairs' | 'safety' | 'greenery' | 'roads' | 'other';

/** Ticket status along the standard case workflow (CJJ/T 106). Only `pending` is produced so far. */
export type TicketStatus = 'pending' | 'accepted' | 'inProgress' | 'feedback' | 'closed' | 'returned' | 'hardCase';

/** 诉求 / 工单 — one reported problem, queued for the grid it falls in. */
export interface Ticket {
  _id: string;
  communityId: string;
  /** The grid whose workers queue it; null when no grid covers the place (the community owns it). */
  gridId: string | null;
  category: TicketCategory;
  text: string;
  where: { estateId: string | null; building: string | null; spot: string };
  source: TicketSource;
  status: TicketStatus;
  /** Private: visible to the assigned worker and admins only, never to the neighbour reported about. */
  reporterId: string;
  reporterName: string;
  /** Who entered it; ≠ reporterId when staff report at the counter on the resident's behalf. */
  actorId: string;
  actorName: string;
  consent?: AssistConsent;
  /** `${actorId}:${requestId}` (unique): a repeated submit returns the first ticket. */
  requestKey: string;
  /** Fingerprint of what was asked (shared/requests.ts): the same requestId with another payload is refused. */
  requestHash?: string;
  createdAt: Date;
}

/** One change of a ticket, appended and never rewritten (who, when, from → to, note). */
export interface TicketEvent {
  _id: string;
  ticketId: string;
  communityId: string;
  at: Date;
  actorId: string;
  actorName: string;
  type: 'reported';
  from: TicketStatus | null;
  to: TicketStatus;
  note: string;
}
