/**
 * Booking and cancelling places at the market.
 *
 * Capacity is kept by one optimistic transaction per booking (DESIGN.md: never read-then-write):
 * the slot's `booked` counter is read and incremented and the booking inserted in the same
 * transaction, so two bookings for the last place cannot both commit — the loser's transaction
 * conflicts, is retried, and then sees the slot full. Unique indexes back the rules that span
 * documents: `requestKey` (a repeated submit returns the first booking), `activeKey` (one active
 * booking per service per day per resident) and `code`.
 */
import { db, _, isDuplicateKey, isTransactionConflict } from '../shared/cloud';
import { AppError } from '../shared/errors';
import type { TransactionRef as DbTransaction } from '../shared/db-types';
import type { AssistConsent, Booking, MarketDay, Slot, User } from '../shared/model';
import { isStaffOf } from '../shared/policy';
import { activeKey, bookingBlocker, bookingCode, canCancel, canCheckIn, requestKey } from './domain/booking';
import { dateLabel } from './domain/calendar';
import type { BookingView } from './contract';

/** How often a booking transaction is retried on conflict beyond the SDK's own retries. */
const MAX_ATTEMPTS = 40;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `work` in a transaction, retrying conflicts with a short random back-off.
 * Throws `COMMON.BUSY` if it still conflicts after {@link MAX_ATTEMPTS}.
 */
async function withRetries<T>(work: (t: DbTransaction) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.runTransaction(work, 1);
    } catch (e) {
      if (!isTransactionConflict(e)) throw e;
      if (attempt >= MAX_ATTEMPTS) throw new AppError('COMMON.BUSY');
      await sleep(Math.random() * Math.min(200, 5 * attempt));
    }
  }
}


async function findByRequestKey(key: string): Promise<Booking | null> {
  const { data } = await db.collection('bookings').where({ requestKey: key }).limit(1).get();
  return (data[0] as Booking | undefined) ?? null;
}

/**
 * The answer when the resident already holds a booking for this service and day: the booking
 * itself if it came from this very request (a retry that raced its first attempt), else
 * BOOKING.ALREADY_BOOKED.
 */
async function alreadyBooked(rKey: string): Promise<Booking> {
  const same = await findByRequestKey(rKey);
  if (same) return same;
  throw new AppError('BOOKING.ALREADY_BOOKED');
}

/** The view of a booking the app shows. */
export function toView(b: Booking, now: Date): BookingView {
  return {
    id: b._id,
    code: b.code,
    date: b.date,
    dateLabel: dateLabel(b.date),
    serviceName: b.serviceName,
    slotLabel: b.slotLabel,
    mode: b.mode,
    place: b.place,
    startAt: b.startAt.toISOString(),
    status: b.status,
    cancellable: canCancel(b, now),
    residentName: b.residentName,
    assisted: b.actorId !== b.residentId,
    actorName: b.actorName ?? b.residentName,
    consentRecorded: !!b.consent,
  };
}

/**
 * Books a place in `slotId` for `resident`, made by `actor` (the same user unless staff book on
 * a resident's behalf, with the resident's `consent`). `requestId` makes the call idempotent per actor.
 * Errors: BOOKING.SLOT_NOT_FOUND, BOOKING.SLOT_CLOSED, BOOKING.SLOT_FULL, BOOKING.ALREADY_BOOKED,
 * COMMON.BUSY. Returns the booking (the first one, for a repeated `requestId`).
 */
export async function book(input: { slotId: string; requestId: string; resident: User; actor: User; consent?: AssistConsent; now: Date }): Promise<Booking> {
  const { resident, actor } = input;
  const rKey = requestKey(actor._id, input.requestId);
  const first = await findByRequestKey(rKey);
  if (first) return first;

  const { data: slotDocs } = await db.collection('slots').where({ _id: input.slotId }).limit(1).get();
  const slot = slotDocs[0] as Slot | undefined;
  if (!slot) throw new AppError('BOOKING.SLOT_NOT_FOUND');
  const aKey = activeKey(resident._id, slot.marketDayId, slot.serviceId);
  const { total } = await db.collection('bookings').where({ activeKey: aKey }).count();
  if (total > 0) return alreadyBooked(rKey);
  const { data: days } = await db.collection('marketDays').where({ _id: slot.marketDayId }).limit(1).get();
  const day = days[0] as MarketDay | undefined;
  if (!day || day.status !== 'open') throw new AppError('BOOKING.SLOT_CLOSED');

  for (let codeAttempt = 0; codeAttempt < 5; codeAttempt += 1) {
    const booking: Omit<Booking, '_id' | 'createdAt'> = {
      code: bookingCode(),
      communityId: slot.communityId,
      marketDayId: slot.marketDayId,
      date: slot.date,
      slotId: slot._id,
      serviceId: slot.serviceId,
      serviceName: slot.serviceName,
      slotLabel: slot.label,
      mode: slot.mode,
      startAt: slot.startAt,
      endAt: slot.endAt,
      place: day.place,
      residentId: resident._id,
      residentName: resident.name,
      actorId: actor._id,
      actorName: actor.name,
      ...(input.consent ? { consent: input.consent } : {}),
      status: 'booked',
      activeKey: aKey,
      requestKey: rKey,
    };
    try {
      const id = await withRetries(async (t) => {
        const { data } = await t.collection('slots').doc(slot._id).get();
        const current = data as Slot | null;
        if (!current) throw new AppError('BOOKING.SLOT_NOT_FOUND');
        const blocker = bookingBlocker(current, new Date());
        if (blocker) throw new AppError(blocker);
        await t.collection('slots').doc(slot._id).update({ data: { booked: _.inc(1) } });
        const added = await t.collection('bookings').add({ data: { ...booking, createdAt: db.serverDate() } });
        return added._id;
      });
      // the committed booking is what we wrote; its createdAt is the server's (within milliseconds of this)
      return { ...booking, _id: id, createdAt: new Date() };
    } catch (e) {
      if (isDuplicateKey(e, 'requestKey') || isDuplicateKey(e, 'activeKey')) return alreadyBooked(rKey);
      if (isDuplicateKey(e, 'code')) continue; // another booking drew the same code: draw again
      throw e;
    }
  }
  throw new AppError('COMMON.BUSY');
}

/**
 * Cancels booking `bookingId` as `actor`, freeing its place, until the slot starts.
 * The resident it is for, whoever made it, or staff of its community (at the counter) may cancel.
 * Errors: BOOKING.NOT_FOUND, COMMON.FORBIDDEN, BOOKING.NOT_CANCELLABLE, COMMON.BUSY.
 */
export async function cancel(input: { bookingId: string; actor: User }): Promise<Booking> {
  const { bookingId, actor } = input;
  return withRetries(async (t) => {
    const { data } = await t.collection('bookings').doc(bookingId).get();
    const b = data as Booking | null;
    if (!b) throw new AppError('BOOKING.NOT_FOUND');
    if (b.residentId !== actor._id && b.actorId !== actor._id && !isStaffOf(actor, b.communityId)) throw new AppError('COMMON.FORBIDDEN');
    if (!canCancel(b, new Date())) throw new AppError('BOOKING.NOT_CANCELLABLE');
    const change = { status: 'cancelled' as const, activeKey: `cancelled:${bookingId}`, cancelledBy: actor._id };
    await t.collection('bookings').doc(bookingId).update({ data: { ...change, cancelledAt: db.serverDate() } });
    await t.collection('slots').doc(b.slotId).update({ data: { booked: _.inc(-1) } });
    return { ...b, ...change, cancelledAt: new Date() };
  });
}

/**
 * Checks in (签到) booking `bookingId` as staff member `actor` of its community, on the market day.
 * Errors: BOOKING.NOT_FOUND, COMMON.FORBIDDEN, BOOKING.NOT_CHECKABLE.
 */
export async function checkIn(input: { bookingId: string; actor: User }): Promise<Booking> {
  const { bookingId, actor } = input;
  await withRetries(async (t) => {
    const { data } = await t.collection('bookings').doc(bookingId).get();
    const b = data as Booking | null;
    if (!b) throw new AppError('BOOKING.NOT_FOUND');
    if (!isStaffOf(actor, b.communityId)) throw new AppError('COMMON.FORBIDDEN');
    const { data: dayDoc } = await t.collection('marketDays').doc(b.marketDayId).get();
    const day = dayDoc as MarketDay | null;
    if (!day || !canCheckIn(b, day.startAt, new Date())) throw new AppError('BOOKING.NOT_CHECKABLE');
    await t.collection('bookings').doc(bookingId).update({ data: { status: 'checkedIn', checkedInAt: db.serverDate(), checkedInBy: actor._id } });
  });
  const { data } = await db.collection('bookings').doc(bookingId).get();
  return data as Booking;
}

/** The bookings made for `resident`, newest market day first (at most 100). */
export async function bookingsOf(residentId: string): Promise<Booking[]> {
  const { data } = await db.collection('bookings').where({ residentId }).orderBy('startAt', 'desc').orderBy('createdAt', 'desc').limit(100).get();
  return data as Booking[];
}
