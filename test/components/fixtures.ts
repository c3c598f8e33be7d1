/** Shared component-test data. */
import type { BookingView } from '../../cloudfunctions/market/contract';

/** A booked 爱心义剪 place of 赵建国 that he made himself. */
export const booking: BookingView = {
  id: 'b1',
  code: 'K7M4QX',
  marketDayId: 'md-lc-2026-11-27',
  date: '2026-11-27',
  dateLabel: '11月27日 周五',
  serviceName: '爱心义剪',
  slotLabel: '10:00–10:20',
  mode: 'slots',
  place: '壁山丽景小区 石榴籽“解忧铺”门前',
  startAt: '2026-11-27T02:00:00Z',
  status: 'booked',
  cancellable: true,
  checkInOpen: false,
  residentName: '赵建国',
  assisted: false,
  actorName: '赵建国',
  consentRecorded: false,
  byFamily: false,
  fromWaitlist: false,
  eventId: null,
};
