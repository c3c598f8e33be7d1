/**
 * The counter (代办): staff book for a resident of their community with the resident's spoken
 * consent, list the resident's bookings, and check bookings in (签到) — `bookFor`, `bookingsFor`,
 * `checkIn`, `checkInByCode` (contract.ts has what each answers).
 */
import { db } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import type { Booking, Slot } from '../../shared/model';
import { recordSpokenConsent } from '../../shared/spokenConsent';
import { preloadResident, residentOf } from '../../shared/staff';
import { local } from '../../shared/time';
import { preloadOf } from '../../shared/users';
import { book, bookingsOf, checkIn as checkInBooking, first, marketStartsOf, preloadBooking, preloadSlot, toView } from '../bookings';
import type { actions } from '../contract';
import { overlappingBooking } from '../domain/overlap';
import type { Handler, PreloadsOf } from '../../shared/router';
import { inCallerCommunity } from '../../shared/policy';

/**
 * Preload (bookFor): the slot, the resident, and the resident's coming slots that hold a place of
 * theirs (from today, China time), fetched with the caller, for the overlap rule.
 */
export function preloadBookFor(input: { residentId: string; slotId: string }) {
  const held = preloadOf<Slot>({ from: 'slots', match: { 'holds.r': input.residentId, date: { $gte: local(clockNow()).format('YYYY-MM-DD') } }, sort: { startAt: 1 }, limit: 100 });
  return { ...preloadSlot(input), ...preloadResident(input), held };
}

/** `bookFor`: a booking for the resident, made by the caller, with the consent recorded. */
export const bookFor: Handler<typeof actions.bookFor, PreloadsOf<typeof preloadBookFor>> = async ({ residentId, slotId, requestId, consent, allowOverlap }, { user: staff, preloaded }) => {
  const recorded = recordSpokenConsent(consent, staff);
  const resident = await residentOf(staff, residentId, preloaded);
  const now = clockNow();
  // at the counter an overlap is refused unless the staff member confirms it (the resident's
  // coming held slots came with the caller: no extra round trip)
  const slot = first(preloaded?.slot);
  if (slot && !allowOverlap) {
    const clash = overlappingBooking(slot, resident._id, preloaded?.held ?? []);
    if (clash) throw new AppError('BOOKING.OVERLAPS', clash);
  }
  const booking = await book({ slotId, requestId, resident, actor: staff, consent: recorded, now, slot });
  return toView(booking, now);
};

/** `bookingsFor`: the resident's bookings, `checkInOpen` exact (it knows when each market opens). */
export const bookingsFor: Handler<typeof actions.bookingsFor, PreloadsOf<typeof preloadResident>> = async ({ residentId }, { user: staff, preloaded }) => {
  const resident = await residentOf(staff, residentId, preloaded);
  const now = clockNow();
  const bookings = await bookingsOf(resident._id);
  // when each market opens, so that check-in is offered exactly when it can succeed
  const starts = await marketStartsOf(bookings, now);
  return bookings.map((b) => toView(b, now, starts.get(b.marketDayId)));
};

/** `checkIn`: the booking came with the caller (`preloadBooking`). */
export const checkIn: Handler<typeof actions.checkIn, PreloadsOf<typeof preloadBooking>> = async ({ bookingId }, { user: staff, preloaded }) => {
  const now = clockNow();
  return toView(await checkInBooking({ bookingId, actor: staff, now, booking: first(preloaded?.booking) }), now);
};

/** `checkInByCode`: the booking of the caller's community with that code (case forgiven). */
export const checkInByCode: Handler<typeof actions.checkInByCode> = async ({ code }, { user: staff }) => {
  const { data } = await db.collection('bookings').where(inCallerCommunity(staff, { code: code.toUpperCase() })).limit(1).get();
  const booking = (data[0] as Booking | undefined) ?? null;
  const now = clockNow();
  return toView(await checkInBooking({ bookingId: booking?._id ?? '', actor: staff, now, booking }), now);
};
