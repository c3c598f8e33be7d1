/**
 * A resident's own bookings: `book`, `myBookings`, `cancelBooking` (the rules and the crash analysis
 * are in `../bookings.ts`; contract.ts has what each answers).
 */
import { now as clockNow } from '../../shared/clock';
import { book as bookPlace, bookingsOf, cancel, first, type preloadBooking, type preloadSlot, toView } from '../bookings';
import type { actions } from '../contract';
import { actorOf, type Handler, type PreloadsOf } from '../../shared/router';

/**
 * `book`: one place for the caller (the slot came with the caller: `preloadSlot`). For a linked
 * family member acting for the elder (router `proxy`, 家人代办) the booking is the elder's and names
 * the member as its actor (`actorId` = `family:<linkId>`, `actorName` = 「邹建庄的女儿 邹梅」).
 */
export const book: Handler<typeof actions.book, PreloadsOf<typeof preloadSlot>> = async ({ slotId, requestId }, { user, preloaded, proxy }) => {
  const now = clockNow();
  return toView(await bookPlace({ slotId, requestId, resident: user, actor: actorOf(user, proxy), now, slot: first(preloaded?.slot) }), now);
};

/** `myBookings`: the caller's bookings, latest slot first. */
export const myBookings: Handler<typeof actions.myBookings> = async (_input, { user }) => {
  const now = clockNow();
  return (await bookingsOf(user._id)).map((b) => toView(b, now));
};

/** `cancelBooking`: the booking came with the caller (`preloadBooking`). */
export const cancelBooking: Handler<typeof actions.cancelBooking, PreloadsOf<typeof preloadBooking>> = async ({ bookingId }, { user, preloaded, proxy }) => {
  const now = clockNow();
  // 家人代办: allowed as the elder (the booking's resident), recorded as cancelled by the member
  return toView(await cancel({ bookingId, actor: user, now, booking: first(preloaded?.booking), ...(proxy ? { cancelledBy: proxy.actorId } : {}) }), now);
};
