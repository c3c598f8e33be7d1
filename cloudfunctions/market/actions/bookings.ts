/**
 * A resident's own bookings: `book`, `myBookings`, `cancelBooking` (the rules and the crash analysis
 * are in `../bookings.ts`; contract.ts has what each answers).
 */
import { now as clockNow } from '../../shared/clock';
import type { Booking, Slot } from '../../shared/model';
import { book as bookPlace, bookingsOf, cancel, preloadedOne, toView } from '../bookings';
import type { actions } from '../contract';
import type { Handler } from '../../shared/router';

/** `book`: one place for the caller (the slot came with the caller: `preloadSlot`). */
export const book: Handler<typeof actions.book> = async ({ slotId, requestId }, { user, preloaded }) => {
  const now = clockNow();
  return toView(await bookPlace({ slotId, requestId, resident: user, actor: user, now, slot: preloadedOne<Slot>(preloaded, 'slot') }), now);
};

/** `myBookings`: the caller's bookings, latest slot first. */
export const myBookings: Handler<typeof actions.myBookings> = async (_input, { user }) => {
  const now = clockNow();
  return (await bookingsOf(user._id)).map((b) => toView(b, now));
};

/** `cancelBooking`: the booking came with the caller (`preloadBooking`). */
export const cancelBooking: Handler<typeof actions.cancelBooking> = async ({ bookingId }, { user, preloaded }) => {
  const now = clockNow();
  return toView(await cancel({ bookingId, actor: user, now, booking: preloadedOne<Booking>(preloaded, 'booking') }), now);
};
