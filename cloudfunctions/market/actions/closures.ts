/**
 * When a market day, or one service of it, will not happen — admins of the day's community:
 * `cancelMarketDay` and `withdrawService` (the order of writes and what is reported: `../closures.ts`,
 * `shared/slotClosures.ts`; contract.ts has what each answers).
 */
import { callerOpenid, db } from '../../shared/cloud';
import { AppError } from '../../shared/errors';
import type { MarketDay } from '../../shared/model';
import { checkText } from '../../shared/security';
import { cancelBookingsOf } from '../../shared/slotClosures';
import { cancelDay } from '../closures';
import type { actions } from '../contract';
import type { Handler } from '../../shared/router';
import { inCallerCommunity } from '../../shared/policy';

/** `cancelMarketDay`: the day of the caller's community, with the reason everyone reads. */
export const cancelMarketDay: Handler<typeof actions.cancelMarketDay> = async ({ marketDayId, reason }, { user }) => {
  const { data } = await db.collection('marketDays').where(inCallerCommunity(user, { _id: marketDayId })).limit(1).get();
  const day = data[0] as MarketDay | undefined;
  if (!day) throw new AppError('MARKET.DAY_NOT_FOUND');
  await checkText(reason, callerOpenid());
  return cancelDay(day, reason, user._id);
};

/** `withdrawService`: one service's slots of one day of the caller's community close, its bookings are cancelled. */
export const withdrawService: Handler<typeof actions.withdrawService> = async ({ marketDayId, serviceId, reason }, { user }) => {
  const { data } = await db.collection('slots').where(inCallerCommunity(user, { marketDayId, serviceId })).field({ _id: true }).limit(200).get();
  if (!data.length) throw new AppError('BOOKING.SLOT_NOT_FOUND');
  await checkText(reason, callerOpenid());
  const { cancelled, told } = await cancelBookingsOf((data as { _id: string }[]).map((s) => s._id), reason, user._id);
  return { bookingsCancelled: cancelled.length, residentsTold: told.told, residentsByWeChat: told.byWeChat };
};
