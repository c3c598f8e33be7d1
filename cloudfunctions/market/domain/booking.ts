/**
 * Booking rules (pure): when a slot can be booked or a booking cancelled, the keys that make a
 * booking unique, and the short booking code.
 */
import type { Booking, Slot } from '../../shared/model';
import { CODE_ALPHABET, CODE_LENGTH } from '../../shared/codes';

/**
 * Why a slot cannot be booked now, or null if it can. Booking closes when the slot starts, or when
 * its market day is cancelled (`open: false`).
 */
export function bookingBlocker(slot: Pick<Slot, 'startAt' | 'capacity' | 'booked' | 'open'>, now: Date): 'BOOKING.SLOT_CLOSED' | 'BOOKING.SLOT_FULL' | null {
  if (slot.open === false || now.getTime() >= slot.startAt.getTime()) return 'BOOKING.SLOT_CLOSED';
  if (slot.booked >= slot.capacity) return 'BOOKING.SLOT_FULL';
  return null;
}

/** Places left in a slot (never negative). */
export function remaining(slot: Pick<Slot, 'capacity' | 'booked'>): number {
  return Math.max(0, slot.capacity - slot.booked);
}

/** A booking can be cancelled while it is `booked` and its slot has not started. */
export function canCancel(booking: Pick<Booking, 'status' | 'startAt'>, now: Date): boolean {
  return booking.status === 'booked' && now.getTime() < booking.startAt.getTime();
}

/** Minutes before the market opens from which residents can be checked in. */
export const CHECK_IN_OPENS_MINUTES = 60;

/**
 * A booking can be checked in (签到) while it is `booked`, from {@link CHECK_IN_OPENS_MINUTES}
 * before its market opens until its slot ends.
 */
export function canCheckIn(booking: Pick<Booking, 'status' | 'endAt'>, marketStartAt: Date, now: Date): boolean {
  return booking.status === 'booked' && now.getTime() >= marketStartAt.getTime() - CHECK_IN_OPENS_MINUTES * 60_000 && now.getTime() < booking.endAt.getTime();
}

/** Key held by a resident's one active booking per service per market day. */
export function activeKey(residentId: string, marketDayId: string, serviceId: string): string {
  return `${residentId}|${marketDayId}|${serviceId}`;
}



/** A random booking code of {@link CODE_LENGTH} characters; `random` returns [0, 1). */
export function bookingCode(random: () => number = Math.random): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) s += CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)];
  return s;
}
