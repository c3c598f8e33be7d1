/**
 * When a resident is reminded of a booking (pure; issue 11 "Scheduled jobs": "reminds residents the
 * day before"). Rule chosen here (no source prescribes an hour): a `booked` booking is reminded once,
 * on the local day before its market day, between {@link REMIND_FROM_HOUR}:00 and
 * {@link REMIND_UNTIL_HOUR}:00 (Asia/Shanghai) — daytime, so an elderly resident is not woken; a
 * booking made later that evening (or on the day itself) is not reminded: its resident just booked.
 */
import type { Booking } from '../../shared/model';
import { local } from '../../shared/time';

/** First local hour of the day before at which reminders go out (the 10:00 run of the timer). */
export const REMIND_FROM_HOUR = 10;
/** Reminders stop at this local hour. */
export const REMIND_UNTIL_HOUR = 20;

/** The local date (`YYYY-MM-DD`) whose bookings are reminded at `now`, or null outside the reminding hours. */
export function remindedDate(now: Date): string | null {
  const l = local(now);
  if (l.hour() < REMIND_FROM_HOUR || l.hour() >= REMIND_UNTIL_HOUR) return null;
  return l.add(1, 'day').format('YYYY-MM-DD');
}

/** True when `b` is to be reminded at `now`: booked, for tomorrow, in the reminding hours, not reminded yet. */
export function reminderDue(b: Pick<Booking, 'status' | 'date'> & { remindedAt?: Date | null }, now: Date): boolean {
  return b.status === 'booked' && !b.remindedAt && remindedDate(now) === b.date;
}
