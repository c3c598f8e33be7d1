/**
 * What the `market` function's admin actions (market settings, service catalogue, stall plan)
 * answer, shared with the app's `marketAdmin` pages (type-only imports on the client).
 */
import type { BookingMode, MarketSettings } from '../shared/model';

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
