/**
 * Client helpers of the events pages (活动, issue 22): the pages' addresses and the answer types of
 * `cloudfunctions/market/contract.ts` (type-only re-exports; no calls here). An event's places are a
 * market slot: signing up is `market.book` on its `slotId`, the line `market.joinWaitlist`.
 */
export type { EventCancelResult, EventRoster, EventSaveResult, EventsResult, EventView, RosterWaitEntry } from '../../cloudfunctions/market/contract';
export type { BookingView } from '../../cloudfunctions/market/contract';

/** The events pages' addresses (`for`: the resident served at the counter, 代报名). */
export const EVENTS_URLS = {
  list: (forId?: string) => `/events/pages/list/index${forId ? `?for=${encodeURIComponent(forId)}` : ''}`,
  detail: (id: string, forId?: string) => `/events/pages/detail/index?id=${encodeURIComponent(id)}${forId ? `&for=${encodeURIComponent(forId)}` : ''}`,
  manage: '/events/pages/manage/index',
  edit: (id?: string) => `/events/pages/edit/index${id ? `?id=${encodeURIComponent(id)}` : ''}`,
  roster: (id: string) => `/events/pages/roster/index?id=${encodeURIComponent(id)}`,
} as const;

/** The places line of an event, in words: `还有 3 个名额` / `已报满，2 人在候补` / `报名已结束`. */
export function placesWords(e: { state: 'open' | 'full' | 'closed'; remaining: number; places: number; waiting: number; status: 'open' | 'cancelled' }): string {
  if (e.status === 'cancelled') return '活动已取消';
  if (e.state === 'closed') return '报名已结束';
  if (e.state === 'full') return e.waiting ? `已报满，${e.waiting} 人在候补` : '已报满，可以排队候补';
  return `还有 ${e.remaining} 个名额（共 ${e.places} 个）`;
}
