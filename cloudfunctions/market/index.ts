/**
 * Cloud function `market`: the weekly worry-relief market (解忧集市) — residents book, staff book for
 * them and check them in at the counter (代办), admins run the market and its events (活动, whose
 * places are market slots: `actions/events.ts`). This file is its table: each
 * action declared from its contract (who, input, rule: `contract.ts`; what it does: docs/api.md)
 * with its handler (`actions/`) and what to fetch with the caller; its timers are in `jobs.ts`.
 */
import { action, createMain, permissionsOf } from '../shared/router';
import { preloadResident } from '../shared/staff';
import { preloadBooking, preloadSlot } from './bookings';
import { actions } from './contract';
import { timers } from './jobs';
import * as admin from './actions/admin';
import * as bookings from './actions/bookings';
import * as closures from './actions/closures';
import * as counter from './actions/counter';
import * as days from './actions/marketDays';
import * as events from './actions/events';
import * as waitlist from './actions/waitlist';

const table = {
  // in the order of docs/permissions.md
  listMarketDays: action.of(actions.listMarketDays, days.listMarketDays, { preload: days.preloadDays }),
  getMarketDay: action.of(actions.getMarketDay, days.getMarketDay, { preload: days.preloadDay }),
  book: action.of(actions.book, bookings.book, { preload: preloadSlot }),
  myBookings: action.of(actions.myBookings, bookings.myBookings),
  cancelBooking: action.of(actions.cancelBooking, bookings.cancelBooking, { preload: preloadBooking }),
  bookFor: action.of(actions.bookFor, counter.bookFor, { preload: counter.preloadBookFor }),
  bookingsFor: action.of(actions.bookingsFor, counter.bookingsFor, { preload: preloadResident }),
  joinWaitlist: action.of(actions.joinWaitlist, waitlist.joinWaitlist, { preload: waitlist.preloadJoinFor }),
  leaveWaitlist: action.of(actions.leaveWaitlist, waitlist.leaveWaitlist, { preload: waitlist.preloadLeave }),
  cancelMarketDay: action.of(actions.cancelMarketDay, closures.cancelMarketDay),
  withdrawService: action.of(actions.withdrawService, closures.withdrawService),
  marketSettings: action.of(actions.marketSettings, admin.marketSettings),
  updateMarketSettings: action.of(actions.updateMarketSettings, admin.updateMarketSettings),
  saveService: action.of(actions.saveService, admin.saveService),
  setStallPlan: action.of(actions.setStallPlan, admin.setStallPlan),
  myWaitlist: action.of(actions.myWaitlist, waitlist.myWaitlist, { preload: waitlist.preloadMine }),
  joinWaitlistFor: action.of(actions.joinWaitlistFor, waitlist.joinWaitlistFor, { preload: waitlist.preloadJoinForResident }),
  waitlistFor: action.of(actions.waitlistFor, waitlist.waitlistFor, { preload: waitlist.preloadWaitlistFor }),
  leaveWaitlistFor: action.of(actions.leaveWaitlistFor, waitlist.leaveWaitlistFor, { preload: waitlist.preloadLeaveFor }),
  checkInByCode: action.of(actions.checkInByCode, counter.checkInByCode),
  checkIn: action.of(actions.checkIn, counter.checkIn, { preload: preloadBooking }),
  listEvents: action.of(actions.listEvents, events.listEvents, { preload: events.preloadEvents }),
  getEvent: action.of(actions.getEvent, events.getEvent, { preload: events.preloadEvent }),
  saveEvent: action.of(actions.saveEvent, events.saveEvent),
  cancelEvent: action.of(actions.cancelEvent, events.cancelEvent),
  eventRoster: action.of(actions.eventRoster, events.eventRoster),
};

export const main = createMain(table, timers);
/** Who may call each action (the permission table, `docs/permissions.md`). */
export const permissions = permissionsOf(table, timers);
export { table };
