/**
 * Closing market slots (issue 10): when a service will not happen on a market day — the whole day is
 * cancelled (market/closures.ts `cancelDay`), a service is withdrawn from it (market/services.ts), or
 * its volunteer says they cannot come (vendor `withdraw`) — {@link cancelBookingsOf} closes the slots,
 * cancels their `booked` bookings with the reason, frees each place, ends the waiting entries and tells
 * the residents (inbox, and WeChat's subscribe message as far as they allowed: `notify`, template
 * `bookingChange`). Here because two functions (market, vendor) need it: functions share only through
 * cloudfunctions/shared.
 *
 * Each write is idempotent (a conditional update per booking), so a second call, or one after a crash,
 * finishes the job and cancels nothing twice.
 */
import { db, _ } from './cloud';
import type { Booking, User } from './model';
import { notify, type NotifyResult } from './consent';

/** Who a notice reached: the distinct people it was stored for (消息) and of them those WeChat delivered it to. */
export interface Told {
  told: number;
  byWeChat: number;
}

/** Counts distinct people into `told` as {@link notify} results come in. */
export function tally(): { add: (who: string, r: NotifyResult) => void; result: () => Told } {
  const stored = new Set<string>();
  const sent = new Set<string>();
  return {
    add: (who, r) => {
      if (r.stored || r.sent) stored.add(who);
      if (r.sent) sent.add(who);
    },
    result: () => ({ told: stored.size, byWeChat: sent.size }),
  };
}

async function tellResidents(bookings: Booking[], why: string): Promise<Told> {
  const ids = [...new Set(bookings.map((b) => b.residentId))];
  if (!ids.length) return { told: 0, byWeChat: 0 };
  const { data } = await db.collection('users').where({ _id: _.in(ids) }).field({ _id: true, openid: true }).limit(1000).get();
  const openid = new Map((data as User[]).map((u) => [u._id, u.openid]));
  const told = tally();
  for (const b of bookings) {
    const to = openid.get(b.residentId) ?? null;
    const when = `${b.date} ${b.slotLabel.split('–')[0]}`;
    const r = await notify({
      userId: b.residentId,
      openid: to,
      key: 'bookingChange',
      title: `预约取消了：${b.serviceName}`,
      lines: [`时间：${when}`, `原因：${why}`],
      page: `market/pages/booking/index?id=${b._id}`,
      data: { thing1: b.serviceName, time2: when, thing3: `已取消：${why}` },
    });
    told.add(b.residentId, r);
  }
  return told.result();
}

/**
 * Cancels the `booked` bookings of `slotIds` (closing the slots first), with `reason`, as `actorId`.
 * Returns the bookings cancelled now and who was told ({@link Told}: residents, each once).
 */
export async function cancelBookingsOf(slotIds: string[], reason: string, actorId: string): Promise<{ cancelled: Booking[]; told: Told }> {
  if (!slotIds.length) return { cancelled: [], told: { told: 0, byWeChat: 0 } };
  await db.collection('slots').where({ _id: _.in(slotIds) }).update({ data: { open: false } });
  const { data } = await db.collection('bookings').where({ slotId: _.in(slotIds), status: 'booked' }).limit(1000).get();
  const cancelled: Booking[] = [];
  for (const b of data as Booking[]) {
    const { stats } = await db
      .collection('bookings')
      .where({ _id: b._id, status: 'booked' })
      .update({ data: { status: 'cancelled', activeKey: `cancelled:${b._id}`, cancelledBy: actorId, cancelReason: reason, cancelledAt: db.serverDate() } });
    if (stats.updated !== 1) continue;
    await db.collection('slots').where({ _id: b.slotId, 'holds.id': b._id }).update({ data: { booked: _.inc(-1), holds: _.pull({ id: b._id }) } });
    cancelled.push(b);
  }
  await db.collection('waitlist').where({ slotId: _.in(slotIds), status: 'waiting' }).update({ data: { status: 'left', activeKey: `closed:${Date.now()}:${Math.random()}` } });
  return { cancelled, told: await tellResidents(cancelled, reason) };
}

