/**
 * Overlapping bookings (issue 17): a resident booked into two services whose times overlap
 * (爱心义剪 10:20–10:40 and 小补小修 10:30–11:00) cannot be at both. Pure rule, no database.
 *
 * Two timed slots overlap when each starts before the other ends (half-open intervals
 * `[startAt, endAt)`: 10:00–10:20 and 10:20–10:40 touch, they do not overlap). Only slots with a
 * time (`mode: 'slots'`) count: a queue (`mode: 'queue'`, 排队取号) spans the whole market and is
 * served in turn, so it overlaps nothing. The slot being booked itself, and other slots of the same
 * service (one booking per service per day is a rule of its own, BOOKING.ALREADY_BOOKED), are not
 * counted.
 */

/** A slot as the rule needs it (instants as Date or ISO strings). */
export interface TimedSlot {
  _id: string;
  serviceId: string;
  serviceName: string;
  label: string;
  mode: 'slots' | 'queue';
  startAt: Date | string;
  endAt: Date | string;
}

/** The resident's place in a slot: who holds it (`r`) and the booking it belongs to (`id`). */
export interface HeldBy {
  id: string;
  r: string;
}

/** The other booking an overlap names (details of BOOKING.OVERLAPS; the warning on the confirm page). */
export interface OverlapInfo {
  bookingId: string;
  serviceName: string;
  slotLabel: string;
}

const ms = (t: Date | string): number => new Date(t).getTime();

/** Whether two timed slots overlap (see the module comment). */
export function slotsOverlap(a: TimedSlot, b: TimedSlot): boolean {
  if (a.mode !== 'slots' || b.mode !== 'slots') return false;
  if (a._id === b._id || a.serviceId === b.serviceId) return false;
  return ms(a.startAt) < ms(b.endAt) && ms(b.startAt) < ms(a.endAt);
}

/**
 * The first of `held` (slots with their holds) in which `residentId` holds a place and whose time
 * overlaps `target`, earliest first; null when there is none.
 * Input: the slot to book, the resident's id, slots that may hold their places (any; others are
 * ignored). Output: the booking it overlaps, or null.
 */
export function overlappingBooking(target: TimedSlot, residentId: string, held: (TimedSlot & { holds?: HeldBy[] })[]): OverlapInfo | null {
  const hits = held
    .map((s) => ({ s, hold: (s.holds ?? []).find((h) => h.r === residentId) }))
    .filter((x): x is { s: TimedSlot & { holds?: HeldBy[] }; hold: HeldBy } => !!x.hold && slotsOverlap(target, x.s))
    .sort((x, y) => ms(x.s.startAt) - ms(y.s.startAt));
  const first = hits[0];
  return first ? { bookingId: first.hold.id, serviceName: first.s.serviceName, slotLabel: first.s.label } : null;
}
