/**
 * What the `market` function answers, shared with the app (type-only imports on the client).
 * Instants travel as ISO strings (JSON); dates as local `YYYY-MM-DD`.
 */
import type { Contracts } from '../shared/contract';

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

/** One place in line (候补) of the caller (`joinWaitlist`, `myWaitlist`). */
export interface WaitlistView {
  id: string;
  slotId: string;
  marketDayId: string;
  serviceName: string;
  slotLabel: string;
  date: string;
  dateLabel: string;
  /** place in line, 1 = next */
  position: number;
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
  /** a resident's spoken consent was recorded (assisted bookings) */
  consentRecorded: boolean;
  /** made for them when their turn came in the waitlist (候补成功) */
  fromWaitlist: boolean;
}

export interface MarketDaysResult {
  communityName: string | null;
  /** the community's kiosk and how to reach it (also for a community without a market) */
  kiosk: { name: string; place: string | null; hours: string | null; phone: string | null; offers: string | null } | null;
  days: MarketDaySummary[];
}

/**
 * The contracts of this function's actions (shared/contract.ts): the router declares each action from
 * its entry, the client types `call('market', …)` from it, docs/api.md is generated from it.
 */
export const actions = {} satisfies Contracts;
