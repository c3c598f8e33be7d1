/**
 * Booking and cancelling places at the market, in three database round trips each (issue 7 §4
 * asks for at most four), without transactions.
 *
 * A place is a **hold** in the slot document: booking adds one with a single conditional update
 * (`where({ _id, booked < capacity, open, not started }).update({ booked: +1, holds: push })`),
 * cancelling pulls it with another (`where({ _id, 'holds.id': bookingId })`). Both change `booked`
 * and `holds` in the same single-document update, so `booked = holds.length` always, the capacity
 * check and the taking are one atomic step (never oversold — DESIGN.md: no read-then-write), and a
 * place is freed at most once per booking (the pull only matches while the hold is there).
 *
 * Booking: the caller and the slot in one aggregation (1, `preloadSlot`) → hold a place for a booking
 * id chosen now (2) → insert the booking with that id (3). Unique indexes back the rules spanning
 * documents: `requestKey` (a repeated submit returns the first booking), `activeKey` (one active
 * booking per service per day per resident), `code`. A duplicate at the insert releases the hold
 * at once (compensation).
 * Cancel: the caller and the booking in one aggregation (1) → mark it cancelled, conditionally on
 * `status: 'booked'` (2) → release its hold (3).
 *
 * Crash analysis (a function killed, or its database call lost, between two writes):
 * - after the hold, before the booking insert: the slot holds a place for a booking that does not
 *   exist. Nobody can book it (a place is lost, never oversold). `repairHolds` (timer, every 10
 *   minutes) releases holds older than {@link HOLD_GRACE_MS} whose booking does not exist.
 * - the booking insert fails with an unknown error (a timeout: it may or may not have been written):
 *   the hold is kept — releasing it could free the place of a booking that was written — and left
 *   to `repairHolds`, which keeps it if the booking exists.
 * - after marking the booking cancelled, before releasing: the hold stays with a cancelled booking;
 *   `repairHolds` releases holds whose booking is no longer `booked` or `checkedIn`.
 * Either way the repair only ever frees places of bookings that do not hold them; a repaired slot
 * again has `booked` = its live bookings (`test/functions/market-repair.test.ts`).
 */
import { db, _ } from '../shared/cloud';
import { AppError } from '../shared/errors';
import { newDocId } from '../shared/ids';
import type { AssistConsent, Booking, Slot, SlotHold, User } from '../shared/model';
import { preloadOf } from '../shared/users';
import { assertMemberOf, isStaffOf } from '../shared/policy';
import { requestHash, requestKey, sameRequest } from '../shared/requests';
import { bookingBlocker, canCancel, canCheckIn } from './domain/booking';
import { isEventDay } from './domain/events';
import { dateLabel } from '../shared/calendar';
import type { BookingView } from './contract';
import { promoteNext } from './waitlist';
import { findByRequestKey, insertHeld, release } from './holds';

/** A hold younger than this may belong to a booking call still in flight (function timeout 20 s). */
export const HOLD_GRACE_MS = 60_000;

async function readSlot(slotId: string): Promise<Slot | null> {
  const { data } = await db.collection('slots').where({ _id: slotId }).limit(1).get();
  return (data[0] as Slot | undefined) ?? null;
}

async function readBooking(bookingId: string): Promise<Booking | null> {
  const { data } = await db.collection('bookings').where({ _id: bookingId }).limit(1).get();
  return (data[0] as Booking | undefined) ?? null;
}

/** Preloads (router `options.preload`): the slot or the booking an action is about, fetched with the caller. */
export const preloadSlot = ({ slotId }: { slotId: string }) => ({ slot: preloadOf<Slot>({ from: 'slots', match: { _id: slotId } }) });
export const preloadBooking = ({ bookingId }: { bookingId: string }) => ({ booking: preloadOf<Booking>({ from: 'bookings', match: { _id: bookingId } }) });

/**
 * The one document a preload fetched, read by name from the handler's typed preloads
 * (`first(preloaded?.slot)`): the document, null if the preload found none, or undefined if nothing
 * was preloaded (`preloaded` null: the caller reads it itself).
 */
export function first<T>(docs: readonly T[] | undefined): T | null | undefined {
  if (!docs) return undefined;
  return docs[0] ?? null;
}

/**
 * The view of a booking the app shows. `marketStartAt` is when its market day opens (check-in opens
 * an hour before); without it the slot's own start stands in for it, which opens check-in later,
 * never earlier, than the server allows (`checkInOpen` is never true when `checkIn` would fail).
 */
export function toView(b: Booking, now: Date, marketStartAt?: Date): BookingView {
  return {
    id: b._id,
    code: b.code,
    marketDayId: b.marketDayId,
    date: b.date,
    dateLabel: dateLabel(b.date),
    serviceName: b.serviceName,
    slotLabel: b.slotLabel,
    mode: b.mode,
    place: b.place,
    startAt: b.startAt.toISOString(),
    status: b.status,
    cancellable: canCancel(b, now),
    checkInOpen: canCheckIn(b, marketStartAt ?? b.startAt, now),
    residentName: b.residentName,
    assisted: b.actorId !== b.residentId,
    actorName: b.actorName ?? b.residentName,
    byFamily: typeof b.actorId === 'string' && b.actorId.startsWith('family:'),
    consentRecorded: !!b.consent,
    fromWaitlist: !!b.waitlistEntryId,
    eventId: b.eventId ?? null,
  };
}

/**
 * Takes one place in `slot` for booking `bookingId` of `residentId`, if the slot still has room, is
 * open and has not started — one conditional update. Returns whether the place was taken.
 */
async function hold(slot: Slot, bookingId: string, residentId: string, now: Date): Promise<boolean> {
  const h: SlotHold = { id: bookingId, r: residentId, at: now };
  const { stats } = await db
    .collection('slots')
    // nobody waiting (候补): while someone waits, a freed place is theirs (`waitlist.ts`)
    .where({ _id: slot._id, capacity: slot.capacity, booked: _.lt(slot.capacity), open: _.neq(false), startAt: _.gt(now), waiting: _.in([0, null]) })
    .update({ data: { booked: _.inc(1), holds: _.push(h) } });
  return stats.updated === 1;
}

/**
 * Books a place in `slotId` for `resident`, made by `actor` (the same user unless staff book on a
 * resident's behalf, with the resident's `consent`). `requestId` makes the call idempotent per actor.
 * Input: ids; `now` (the function's clock). Output: the booking (the first one, for a repeated
 * `requestId` with the same resident and slot).
 * Errors: BOOKING.SLOT_NOT_FOUND, COMMON.FORBIDDEN (a slot of another community's market),
 * BOOKING.SLOT_CLOSED, BOOKING.SLOT_FULL, BOOKING.ALREADY_BOOKED, COMMON.REQUEST_REUSED, COMMON.BUSY.
 */
export async function book(input: {
  slotId: string;
  requestId: string;
  resident: User;
  actor: User;
  consent?: AssistConsent;
  now: Date;
  /** the slot as preloaded with the caller (null: it does not exist); undefined: read it here */
  slot?: Slot | null;
}): Promise<Booking> {
  const { resident, actor, now } = input;
  const rKey = requestKey(actor._id, input.requestId);
  const hash = requestHash({ resident: resident._id, slot: input.slotId });
  const slot = input.slot !== undefined ? input.slot : await readSlot(input.slotId);
  if (!slot) throw new AppError('BOOKING.SLOT_NOT_FOUND');
  assertMemberOf(resident, slot.communityId);

  const bookingId = newDocId();
  const blocker = bookingBlocker(slot, now);
  if (blocker || !(await hold(slot, bookingId, resident._id, now))) {
    // no place now: a retry of a request that already booked gets its booking; anyone else the reason
    const first = await findByRequestKey(rKey);
    if (first) return sameRequest(first, hash);
    if (blocker) throw new AppError(blocker);
    const fresh = await readSlot(slot._id);
    throw new AppError((fresh && bookingBlocker(fresh, now)) || 'BOOKING.SLOT_FULL');
  }

  return insertHeld({ slot, bookingId, resident, actor, consent: input.consent, rKey, hash, now });
}

/**
 * Cancels booking `bookingId` as `actor`, freeing its place, until the slot starts.
 * The resident it is for, whoever made it, or staff of its community (at the counter) may cancel.
 * Output: the cancelled booking. Errors: BOOKING.NOT_FOUND, COMMON.FORBIDDEN, BOOKING.NOT_CANCELLABLE.
 */
export async function cancel(input: { bookingId: string; actor: User; now: Date; booking?: Booking | null; cancelledBy?: string }): Promise<Booking> {
  const { bookingId, actor, now } = input;
  const b = input.booking !== undefined ? input.booking : await readBooking(bookingId);
  if (!b) throw new AppError('BOOKING.NOT_FOUND');
  if (b.residentId !== actor._id && b.actorId !== actor._id && !isStaffOf(actor, b.communityId)) throw new AppError('COMMON.FORBIDDEN');
  if (!canCancel(b, now)) throw new AppError('BOOKING.NOT_CANCELLABLE');
  // `cancelledBy`: who is recorded (a family member acting for the resident: `family:<linkId>`); default the actor
  const change = { status: 'cancelled' as const, activeKey: `cancelled:${bookingId}`, cancelledBy: input.cancelledBy ?? actor._id };
  const { stats } = await db
    .collection('bookings')
    .where({ _id: bookingId, status: 'booked', startAt: _.gt(now) })
    .update({ data: { ...change, cancelledAt: db.serverDate() } });
  if (stats.updated !== 1) throw new AppError('BOOKING.NOT_CANCELLABLE'); // cancelled or checked in meanwhile
  // nobody waiting: just free the place (3 round trips in all); else free it and promote the first in line
  const { stats: freed } = await db
    .collection('slots')
    .where({ _id: b.slotId, 'holds.id': bookingId, waiting: _.in([0, null]) })
    .update({ data: { booked: _.inc(-1), holds: _.pull({ id: bookingId }) } });
  if (freed.updated !== 1 && (await release(b.slotId, bookingId))) await promoteNext(b.slotId, now);
  return { ...b, ...change, cancelledAt: now };
}

/**
 * Checks in (签到) booking `bookingId` as staff member `actor` of its community, on the market day.
 * Output: the booking, checked in. Errors: BOOKING.NOT_FOUND, COMMON.FORBIDDEN, BOOKING.NOT_CHECKABLE.
 */
export async function checkIn(input: { bookingId: string; actor: User; now: Date; booking?: Booking | null }): Promise<Booking> {
  const { bookingId, actor, now } = input;
  const b = input.booking !== undefined ? input.booking : await readBooking(bookingId);
  if (!b) throw new AppError('BOOKING.NOT_FOUND');
  if (!isStaffOf(actor, b.communityId)) throw new AppError('COMMON.FORBIDDEN');
  // an event's place (活动) has no market day document: the event's own start is its "day" start
  const dayStart = isEventDay(b.marketDayId) ? b.startAt : ((await db.collection('marketDays').where({ _id: b.marketDayId }).field({ startAt: true }).limit(1).get()).data[0] as { startAt: Date } | undefined)?.startAt;
  if (!dayStart || !canCheckIn(b, dayStart, now)) throw new AppError('BOOKING.NOT_CHECKABLE');
  const change = { status: 'checkedIn' as const, checkedInBy: actor._id };
  const { stats } = await db
    .collection('bookings')
    .where({ _id: bookingId, status: 'booked' })
    .update({ data: { ...change, checkedInAt: db.serverDate() } });
  if (stats.updated !== 1) throw new AppError('BOOKING.NOT_CHECKABLE');
  return { ...b, ...change, checkedInAt: now };
}

/**
 * When the market days of `bookings` that could still be checked in open (booked, slot not over):
 * one query, none when there is no such booking (an event's booking opens with the event: no read).
 * Output: market day id → its start.
 */
export async function marketStartsOf(bookings: Booking[], now: Date): Promise<Map<string, Date>> {
  const live = bookings.filter((b) => b.status === 'booked' && new Date(b.endAt).getTime() > now.getTime());
  // an event's place (活动) opens with the event itself: no market day to read
  const starts = new Map(live.filter((b) => isEventDay(b.marketDayId)).map((b) => [b.marketDayId, new Date(b.startAt)]));
  const ids = [...new Set(live.map((b) => b.marketDayId).filter((id) => !isEventDay(id)))];
  if (ids.length === 0) return starts;
  const { data } = await db.collection('marketDays').where({ _id: _.in(ids) }).field({ _id: true, startAt: true }).limit(ids.length).get();
  for (const d of data as { _id: string; startAt: Date }[]) starts.set(d._id, new Date(d.startAt));
  return starts;
}

/** The bookings made for `resident`, newest market day first (at most 100). */
export async function bookingsOf(residentId: string): Promise<Booking[]> {
  const { data } = await db.collection('bookings').where({ residentId }).orderBy('startAt', 'desc').orderBy('createdAt', 'desc').limit(100).get();
  return data as Booking[];
}

/**
 * Repairs what a killed booking or cancel call left behind (see the crash analysis above): in the
 * slots of market days not yet over, releases every hold older than {@link HOLD_GRACE_MS} whose
 * booking does not exist or was cancelled (not `booked`, `checkedIn` or `noShow`). Idempotent. Output: holds released.
 */
export async function repairHolds(now: Date): Promise<{ slots: number; released: number }> {
  const { data } = await db
    .collection('slots')
    .where({ endAt: _.gt(new Date(now.getTime() - 24 * 3600_000)), 'holds.0': _.exists(true) })
    .field({ _id: true, holds: true })
    .limit(1000)
    .get();
  const slots = data as Pick<Slot, '_id' | 'holds'>[];
  const old = slots.flatMap((s) => (s.holds ?? []).filter((h) => now.getTime() - new Date(h.at).getTime() > HOLD_GRACE_MS).map((h) => ({ slotId: s._id, id: h.id })));
  let released = 0;
  for (let i = 0; i < old.length; i += 500) {
    const chunk = old.slice(i, i + 500);
    const { data: found } = await db
      .collection('bookings')
      .where({ _id: _.in(chunk.map((h) => h.id)) })
      .field({ _id: true, status: true })
      .limit(1000)
      .get();
    const live = new Set((found as { _id: string; status: string }[]).filter((b) => b.status === 'booked' || b.status === 'checkedIn' || b.status === 'noShow').map((b) => b._id));
    for (const h of chunk) if (!live.has(h.id) && (await release(h.slotId, h.id))) released += 1;
  }
  return { slots: slots.length, released };
}
