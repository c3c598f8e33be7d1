/**
 * Timer job: reminding residents the day before their booking (issue 11 "Scheduled jobs"): a message
 * in their inbox (消息) and, if they allowed it (the booking confirm asks), WeChat's one-time subscribe
 * message (template `bookingReminder`, shared/templates.ts; fields thing1 服务, time2 时间, thing3
 * 地点, character_string4 预约码) — `shared/consent.ts` `notify`.
 *
 * When: `domain/reminders.ts` (the day before, 10:00–20:00 local). Once, and done only once WeChat
 * answered (issue 18): each booking is first claimed (`remindClaim`, one conditional update on
 * `{ _id, status: 'booked', remindedAt absent, no live claim }`), so two runs at once never remind
 * twice and a booking cancelled meanwhile is not claimed; then notified (the inbox message has a
 * stable id, `remind-<booking>`); then marked `remindedAt` when WeChat delivered or its answer is
 * final (no send left, 43101, no WeChat), or released for the next run on a transient failure. A
 * crash between claim and mark: the claim expires after {@link CLAIM_LEASE_MS} and the next run
 * reminds (at worst one WeChat message twice, never none).
 * Round trips: per page of 100, 1 query + 1 read of the residents; per booking the claim, one for
 * inbox and consent (at once), the send, and the mark. Stops when its time budget is spent.
 */
import { _, db } from '../shared/cloud';
import { budget } from '../shared/budget';
import { now as clockNow } from '../shared/clock';
import { answered, notify } from '../shared/consent';
import type { Booking, User } from '../shared/model';
import { templateId } from '../shared/templates';
import { remindedDate, reminderDue } from './domain/reminders';

/** A claim older than this is a crashed run's (the trigger runs every few minutes; a run lasts seconds). */
export const CLAIM_LEASE_MS = 5 * 60_000;

/** The subscribe-message template for "your booking is tomorrow". */
export const reminderTemplateId = (): string => templateId('bookingReminder');

/**
 * Sends the due reminders at the clock's now. Returns how many bookings were marked reminded, how
 * many WeChat messages were delivered, and how many failed for now (retried next run).
 */
export async function remindBookings(): Promise<{ reminded: number; delivered: number; retryLater?: number }> {
  const now = clockNow();
  const date = remindedDate(now);
  if (!date) return { reminded: 0, delivered: 0 };
  let reminded = 0;
  let delivered = 0;
  let retryLater = 0;
  const free = _.eq(null).or(_.lt(new Date(now.getTime() - CLAIM_LEASE_MS)));
  const retry = new Set<string>();
  const spent = budget();
  for (;;) {
    const { data } = await db.collection('bookings').where({ status: 'booked', date, remindedAt: _.exists(false), remindClaim: free }).limit(100).get();
    // a booking whose send failed this run waits for the next run
    const due = (data as (Booking & { remindedAt?: Date })[]).filter((b) => reminderDue(b, now) && !retry.has(b._id));
    if (!due.length) break;
    // the residents of the page in one read
    const { data: us } = await db.collection('users').where({ _id: _.in([...new Set(due.map((b) => b.residentId))]) }).field({ _id: true, openid: true }).limit(100).get();
    const openids = new Map((us as User[]).map((u) => [u._id, u.openid]));
    let marked = 0;
    for (const b of due) {
      if (spent()) break;
      const claim = new Date(clockNow().getTime());
      const { stats } = await db.collection('bookings').where({ _id: b._id, status: 'booked', remindedAt: _.exists(false), remindClaim: free }).update({ data: { remindClaim: claim } });
      if (stats.updated !== 1) continue;
      const when = `${b.date} ${b.slotLabel.split('–')[0]}`;
      const r = await notify({
        userId: b.residentId,
        openid: openids.get(b.residentId) ?? null,
        key: 'bookingReminder',
        title: `明天的预约：${b.serviceName}`,
        lines: [`时间：${when}`, `地点：${b.place || '社区解忧铺'}`, `预约码：${b.code}`],
        page: `market/pages/booking/index?id=${b._id}`,
        data: { thing1: b.serviceName, time2: when, thing3: b.place || '社区解忧铺', character_string4: b.code },
        messageId: `remind-${b._id}`,
      });
      if (!answered(r)) {
        await db.collection('bookings').where({ _id: b._id, remindClaim: claim }).update({ data: { remindClaim: null } });
        retry.add(b._id);
        retryLater += 1;
        continue;
      }
      await db.collection('bookings').where({ _id: b._id, remindClaim: claim }).update({ data: { remindedAt: db.serverDate(), remindClaim: null } });
      marked += 1;
      if (r.sent) delivered += 1;
    }
    reminded += marked;
    if (!marked) break;
  }
  return retryLater ? { reminded, delivered, retryLater } : { reminded, delivered };
}
