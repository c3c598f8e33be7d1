/**
 * The booking page's reading of a booking: which booking of a list the URL names (or the not-found
 * error for one that is gone), and the heading for its state.
 */
import type { CallResult } from '../services/cloud';
import type { BookingView } from './api';
import { proxyWords, type ProxyWords } from '../services/familyActions';

/** The booking `id` among `list`, or the not-found error a page shows for a booking that is gone. */
export function bookingIn(list: BookingView[], id: string): CallResult<BookingView> {
  const b = list.find((x) => x.id === id);
  return b ? { ok: true, data: b } : { ok: false, error: { code: 'BOOKING.NOT_FOUND', message: '没有找到这条预约，可能是链接不对或预约已被删除' } };
}

/**
 * The page's heading for a booking in this state: at the counter it names the resident; a family
 * member acting for an elder (`w`, 家人代办) reads the elder's name (「已为邹建庄预约成功」).
 */
export function bookingTitle(b: BookingView, counter: boolean, w: ProxyWords = proxyWords(null)): string {
  if (b.status === 'cancelled') return '这个预约已取消';
  if (b.status === 'checkedIn') return counter ? `${b.residentName} 已签到` : w.say('已签到', '{name}已签到');
  if (b.status === 'noShow') return '这个预约没有到场';
  return counter ? `已为 ${b.residentName} 预约成功` : w.say('预约成功', '已为{name}预约成功');
}
