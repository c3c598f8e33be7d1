/**
 * Client side of the `market` cloud function (actions and shapes: docs/api.md,
 * cloudfunctions/market/contract.ts).
 */
import { callFunction, type CallResult } from '../services/cloud';
import type { BookingView, MarketDayDetail, MarketDaysResult, WaitlistView } from '../../cloudfunctions/market/contract';
import { spokenConsentGiven } from '../../cloudfunctions/shared/vocabulary/consent';

export type { BookingView, MarketDayDetail, MarketDaysResult, MarketDaySummary, ServiceView, SlotView, WaitlistView } from '../../cloudfunctions/market/contract';

export const marketApi = {
  listMarketDays: (): Promise<CallResult<MarketDaysResult>> => callFunction('market', { action: 'listMarketDays' }),
  getMarketDay: (marketDayId: string, forResidentId?: string): Promise<CallResult<MarketDayDetail>> =>
    callFunction('market', forResidentId ? { action: 'getMarketDay', marketDayId, forResidentId } : { action: 'getMarketDay', marketDayId }),
  book: (slotId: string, requestId: string): Promise<CallResult<BookingView>> => callFunction('market', { action: 'book', slotId, requestId }),
  myBookings: (): Promise<CallResult<BookingView[]>> => callFunction('market', { action: 'myBookings' }),
  cancelBooking: (bookingId: string): Promise<CallResult<BookingView>> => callFunction('market', { action: 'cancelBooking', bookingId }),
  /** Counter: book for a resident with their spoken consent. */
  bookFor: (residentId: string, slotId: string, requestId: string, consentNote?: string, allowOverlap?: boolean): Promise<CallResult<BookingView>> =>
    callFunction('market', { action: 'bookFor', residentId, slotId, requestId, consent: spokenConsentGiven(consentNote), ...(allowOverlap ? { allowOverlap: true } : {}) }),
  bookingsFor: (residentId: string): Promise<CallResult<BookingView[]>> => callFunction('market', { action: 'bookingsFor', residentId }),
  /** 候补: wait in line for a full slot (idempotent: a second call answers the same place). */
  joinWaitlist: (slotId: string): Promise<CallResult<WaitlistView>> => callFunction('market', { action: 'joinWaitlist', slotId }),
  leaveWaitlist: (entryId: string): Promise<CallResult<{ id: string; left: true }>> => callFunction('market', { action: 'leaveWaitlist', entryId }),
  myWaitlist: (): Promise<CallResult<WaitlistView[]>> => callFunction('market', { action: 'myWaitlist' }),
  checkIn: (bookingId: string): Promise<CallResult<BookingView>> => callFunction('market', { action: 'checkIn', bookingId }),
};
