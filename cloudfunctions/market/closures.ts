/**
 * When a market day, or one service of it, will not happen (issue 10 "Admin": cancel a market day —
 * every booking and stall holder notified; "Service volunteers": if one withdraws from a market day,
 * residents booked with that service are notified and their bookings handled, never silently kept).
 *
 * Order of writes, each idempotent, so a second call (or one after a crash) finishes the job:
 * 1. the day is marked `cancelled` (it disappears from the lists) — for a whole day only;
 * 2. the slots are closed (`open: false`: nobody can book or be promoted into them);
 * 3. (shared/slotClosures.ts `cancelBookingsOf`) every `booked` booking is cancelled with the reason (one conditional update each), its place
 *    freed, and its resident told (inbox, and WeChat's subscribe message as far as they allowed:
 *    `shared/consent.ts` `notify`, template `bookingChange`); waiting entries end (`left`);
 * 4. (whole day) every stall application of the date ends (`released`) and its vendor is told the same way.
 * What a call reports counts PEOPLE, honestly: `…Told` = the distinct people the notice reached (it
 * is in their 消息, whatever WeChat did), `…ByWeChat` = those of them WeChat also delivered it to
 * (a subscribe message; only as far as they allowed, shared/consent.ts).
 */
import { db, _ } from '../shared/cloud';
import type { MarketDay, StallApplication, User, Vendor } from '../shared/model';
import { notify } from '../shared/consent';
import { cancelBookingsOf, tally } from '../shared/slotClosures';
import type { DayCancelResult } from './contract';
import { dateLabel } from '../shared/calendar';

/**
 * Cancels market day `day` with `reason`: the day, its slots and bookings, and its stall holders.
 * Returns what was done this time (a repeated call finishes what a first one left and reports it).
 */
export async function cancelDay(day: MarketDay, reason: string, actorId: string): Promise<DayCancelResult> {
  await db.collection('marketDays').where({ _id: day._id }).update({ data: { status: 'cancelled', cancelReason: reason, cancelledBy: actorId } });
  const { data: slots } = await db.collection('slots').where({ marketDayId: day._id }).field({ _id: true }).limit(1000).get();
  const { cancelled, told } = await cancelBookingsOf((slots as { _id: string }[]).map((s) => s._id), reason, actorId);
  const { data: apps } = await db.collection('stallApplications').where({ communityId: day.communityId, date: day.date, status: _.in(['allocated', 'waitlisted', 'applied']) }).limit(1000).get();
  let released = 0;
  const vendors = tally();
  for (const a of apps as StallApplication[]) {
    const { stats } = await db
      .collection('stallApplications')
      .where({ _id: a._id, status: a.status })
      .update({ data: { status: 'released', stallKey: `ended:${a._id}`, vendorDayKey: `ended:${a._id}`, endedBy: actorId, endedAt: db.serverDate() } });
    if (stats.updated !== 1) continue;
    released += 1;
    const { data: vs } = await db.collection('vendors').where({ _id: a.vendorId }).limit(1).get();
    const v = vs[0] as Vendor | undefined;
    if (!v?.userId) continue;
    const { data: us } = await db.collection('users').where({ _id: v.userId }).field({ openid: true }).limit(1).get();
    const u = us[0] as User | undefined;
    if (!u) continue;
    const r = await notify({
      userId: v.userId,
      openid: u.openid,
      key: 'bookingChange',
      title: `${dateLabel(day.date)}的集市取消了，摊位不用来了`,
      lines: [`集市时间：${day.date} ${day.start}`, `原因：${reason}`],
      page: 'stall/pages/mine/index',
      data: { thing1: `${dateLabel(day.date)}摊位`, time2: `${day.date} ${day.start}`, thing3: `集市取消：${reason}` },
    });
    vendors.add(v.userId, r);
  }
  const vt = vendors.result();
  return { bookingsCancelled: cancelled.length, residentsTold: told.told, residentsByWeChat: told.byWeChat, stallsReleased: released, vendorsTold: vt.told, vendorsByWeChat: vt.byWeChat };
}
