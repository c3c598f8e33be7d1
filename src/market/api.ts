/**
 * Client side of the `market` cloud function (actions and shapes: docs/api.md,
 * cloudfunctions/market/contract.ts).
 */
import { callFunction, type CallResult } from '../services/cloud';
import type { BookingView, MarketDayDetail, MarketDaysResult } from '../../cloudfunctions/market/contract';

export type { BookingView, MarketDayDetail, MarketDaysResult, MarketDaySummary, ServiceView, SlotView } from '../../cloudfunctions/market/contract';

export const marketApi = {
  listMarketDays: (): Promise<CallResult<MarketDaysResult>> => callFunction('market', { action: 'listMarketDays' }),
  getMarketDay: (marketDayId: string): Promise<CallResult<MarketDayDetail>> => callFunction('market', { action: 'getMarketDay', marketDayId }),
  book: (slotId: string, requestId: string): Promise<CallResult<BookingView>> => callFunction('market', { action: 'book', slotId, requestId }),
  myBookings: (): Promise<CallResult<BookingView[]>> => callFunction('market', { action: 'myBookings' }),
  cancelBooking: (bookingId: string): Promise<CallResult<BookingView>> => callFunction('market', { action: 'cancelBooking', bookingId }),
};
