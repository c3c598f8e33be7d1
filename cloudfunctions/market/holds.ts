/**
 * A held place becomes a booking (market): the writes that booking (bookings.ts `book`) and a waitlist
 * promotion (waitlist.ts `promoteNext`) share — so neither imports the other.
 * - {@link insertHeld}: insert the booking for a place already held in the slot (`holds` entry), with
 *   a fresh code on a code clash; a duplicate `activeKey`/`requestKey` releases the place at once.
 * - {@link release}: free the place a booking holds (one conditional update; at most once per booking).
 * - {@link findByRequestKey}: the booking a repeated submit made first.
 * The crash analysis of holds and bookings is in bookings.ts's header.
 */
import { db, _, duplicateKeyFields } from '../shared/cloud';
import { AppError } from '../shared/errors';
import type { AssistConsent, Booking, Slot, User } from '../shared/model';
import { sameRequest } from '../shared/requests';
import { activeKey, bookingCode } from './domain/booking';

/** The booking whose `requestKey` is `key` (a submit's first answer), or null. */
export async function findByRequestKey(key: string): Promise<Booking | null> {
  const { data } = await db.collection('bookings').where({ requestKey: key }).limit(1).get();
  return (data[0] as Booking | undefined) ?? null;
}

/** Frees the place booking `bookingId` holds in slot `slotId`, if it still holds one. Returns whether it did. */
export async function release(slotId: string, bookingId: string): Promise<boolean> {
  const { stats } = await db
    .collection('slots')
    .where({ _id: slotId, 'holds.id': bookingId })
    .update({ data: { booked: _.inc(-1), holds: _.pull({ id: bookingId }) } });
  return stats.updated === 1;
}

/**
 * Writes the booking for a place already held in `slot` (by {@link hold} or a waitlist promotion),
 * drawing a fresh code on a code clash. A duplicate `activeKey` or `requestKey` releases the place at
 * once. Errors: BOOKING.ALREADY_BOOKED, COMMON.REQUEST_REUSED, COMMON.BUSY.
 */
export async function insertHeld(input: { slot: Slot; bookingId: string; resident: User; actor: Pick<User, '_id' | 'name'>; consent?: AssistConsent; rKey: string; hash: string; now: Date; waitlistEntryId?: string }): Promise<Booking> {
  const { slot, bookingId, resident, actor, rKey, hash, now } = input;
  const base: Omit<Booking, 'code' | 'createdAt'> = {
    _id: bookingId,
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
    place: slot.place ?? '',
    residentId: resident._id,
    residentName: resident.name,
    actorId: actor._id,
    actorName: actor.name,
    ...(input.consent ? { consent: input.consent } : {}),
    ...(input.waitlistEntryId ? { waitlistEntryId: input.waitlistEntryId } : {}),
    ...(slot.eventId ? { eventId: slot.eventId } : {}),
    status: 'booked',
    activeKey: activeKey(resident._id, slot.marketDayId, slot.serviceId),
    requestKey: rKey,
    requestHash: hash,
  };
  for (let codeAttempt = 0; codeAttempt < 5; codeAttempt += 1) {
    const code = bookingCode();
    try {
      await db.collection('bookings').add({ data: { ...base, code, createdAt: db.serverDate() } });
      return { ...base, code, createdAt: now };
    } catch (e) {
      const dup = duplicateKeyFields(e);
      if (!dup) throw e; // unknown outcome: keep the hold; repairHolds decides once the call is surely over
      if (dup.includes('code')) continue; // another booking drew the same code: draw again, keeping the place
      await release(slot._id, bookingId);
      const first = await findByRequestKey(rKey);
      if (first) return sameRequest(first, hash);
      if (dup.includes('activeKey')) throw new AppError('BOOKING.ALREADY_BOOKED');
      throw e;
    }
  }
  await release(slot._id, bookingId);
  throw new AppError('COMMON.BUSY');
}
