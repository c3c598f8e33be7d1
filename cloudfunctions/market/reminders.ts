/**
 * Timer job: reminding residents the day before their booking (issue 11 "Scheduled jobs"), by
 * one-time subscribe message (template `KIOSK_BOOKING_REMINDER_TEMPLATE_ID`, locally
 * `bookingReminderLocal`; fields thing1 服务, time2 时间, thing3 地点, character_string4 预约码).
 *
 * When: `domain/reminders.ts` (the day before, 10:00–20:00 local). Once: each booking is first
 * marked (`remindedAt`, one conditional update on `{ _id, status: 'booked', remindedAt absent }`),
 * and only the call whose mark landed sends — so a second run, or two runs at once, send nothing
 * more; a booking cancelled meanwhile is not marked and not reminded. A crash between the mark and
 * the send loses that one reminder rather than sending it twice (a courtesy, never a duty).
 * Round trips: per page of 100, 1 query + 1 read of the residents; per booking 1 update (+ the send).
 */
import { _, db } from '../shared/cloud';
import { budget } from '../shared/budget';
import { now as clockNow } from '../shared/clock';
import type { Booking, User } from '../shared/model';
import { sendSubscribe } from '../shared/notify';
import { remindedDate, reminderDue } from './domain/reminders';

/** The subscribe-message template for "your booking is tomorrow". */
export const reminderTemplateId = (): string => process.env.KIOSK_BOOKING_REMINDER_TEMPLATE_ID || 'bookingReminderLocal';

/** Sends the due reminders at the clock's now. Returns how many bookings were marked and how many messages delivered. */
export async function remindBookings(): Promise<{ reminded: number; delivered: number }> {
  const now = clockNow();
  const date = remindedDate(now);
  if (!date) return { reminded: 0, delivered: 0 };
  let reminded = 0;
  let delivered = 0;
  const spent = budget();
  for (;;) {
    const { data } = await db.collection('bookings').where({ status: 'booked', date, remindedAt: _.exists(false) }).limit(100).get();
    const due = (data as (Booking & { remindedAt?: Date })[]).filter((b) => reminderDue(b, now));
    if (!due.length) break;
    // the residents of the page in one read
    const { data: us } = await db.collection('users').where({ _id: _.in([...new Set(due.map((b) => b.residentId))]) }).field({ _id: true, openid: true }).limit(100).get();
    const openids = new Map((us as User[]).map((u) => [u._id, u.openid]));
    let marked = 0;
    for (const b of due) {
      if (spent()) break;
      const { stats } = await db.collection('bookings').where({ _id: b._id, status: 'booked', remindedAt: _.exists(false) }).update({ data: { remindedAt: db.serverDate() } });
      if (stats.updated !== 1) continue;
      marked += 1;
      const to = openids.get(b.residentId);
      if (!to) continue;
      const r = await sendSubscribe({
        touser: to,
        templateId: reminderTemplateId(),
        page: 'market/pages/bookings/index',
        data: { thing1: b.serviceName, time2: `${b.date} ${b.slotLabel.split('–')[0]}`, thing3: b.place || '社区解忧铺', character_string4: b.code },
      });
      if (r.sent) delivered += 1;
    }
    reminded += marked;
    if (!marked) break;
  }
  return { reminded, delivered };
}
