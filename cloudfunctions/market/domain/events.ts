/**
 * Events (活动) on the market's booking engine — the pure rules (`actions/events.ts` does the I/O).
 * An event's places are ONE market slot: `_id` `ev_<eventId>`, `marketDayId` `event:<eventId>`,
 * `serviceId` = the event id, `serviceName` = its title, `eventId` set. So `book`, `cancelBooking`,
 * `bookFor`, the waitlist, reminders and check-in run on it unchanged; what differs is only where a
 * "day" starts (an event has no market day document: {@link isEventDay}).
 */
import crypto from 'node:crypto';
import type { CommunityEvent, Slot } from '../../shared/model';
import { dateLabel } from '../../shared/calendar';
import { localInstant } from '../../shared/time';
import { EVENT_KIND_LABELS } from '../../shared/vocabulary/events';
import type { EventView } from '../contract';
import { remaining } from './booking';

/** The `marketDayId` prefix of an event's slot and bookings. */
export const EVENT_DAY_PREFIX = 'event:';

/** True when `marketDayId` is an event's (no `marketDays` document: the event's own start stands for the day's). */
export const isEventDay = (marketDayId: string): boolean => marketDayId.startsWith(EVENT_DAY_PREFIX);

/** The slot id of event `eventId`. */
export const eventSlotId = (eventId: string): string => `ev_${eventId}`;

/**
 * The id of the event an admin creates with request key `rKey` (`<adminId>:<requestId>`):
 * deterministic (32 hex, like any document id), so a retried create writes the same slot and event.
 */
export function eventIdFor(rKey: string): string {
  return crypto.createHash('sha256').update(`event|${rKey}`).digest('hex').slice(0, 32);
}

/**
 * The slot holding the places of `e` (not yet any booked). Input: the event (its date, start and end
 * local Asia/Shanghai). Output: the slot document to insert.
 */
export function eventSlot(e: Pick<CommunityEvent, '_id' | 'communityId' | 'title' | 'date' | 'start' | 'end' | 'place' | 'places'>): Slot {
  return {
    _id: eventSlotId(e._id),
    communityId: e.communityId,
    marketDayId: `${EVENT_DAY_PREFIX}${e._id}`,
    date: e.date,
    serviceId: e._id,
    serviceName: e.title,
    mode: 'slots',
    label: `${e.start}–${e.end}`,
    startAt: localInstant(e.date, e.start),
    endAt: localInstant(e.date, e.end),
    capacity: e.places,
    booked: 0,
    holds: [],
    open: true,
    waiting: 0,
    place: e.place,
    eventId: e._id,
  };
}

/**
 * Why `places` cannot be set on an event whose slot is `slot`, or null. Places never go below the
 * places booked (refused rather than clamped: the admin decides who to call).
 */
export function placesBlocker(slot: Pick<Slot, 'booked'>, places: number): 'EVENT.PLACES_BELOW_BOOKED' | null {
  return places < slot.booked ? 'EVENT.PLACES_BELOW_BOOKED' : null;
}

/** How many waiting people a change of places from `before` to `after` can promote (freed places, at most those waiting). */
export function placesFreed(before: Pick<Slot, 'capacity' | 'booked' | 'waiting'>, after: number): number {
  const free = Math.max(0, after - Math.max(before.booked, before.capacity));
  return Math.min(free, before.waiting ?? 0);
}

/** An event's sign-up state: closed when cancelled, closed or started; full when no place is left; else open. */
export function eventState(e: Pick<CommunityEvent, 'status'>, slot: Pick<Slot, 'open' | 'startAt' | 'capacity' | 'booked'> | null, now: Date): EventView['state'] {
  if (e.status !== 'open' || !slot || slot.open === false || now.getTime() >= new Date(slot.startAt).getTime()) return 'closed';
  return remaining(slot) > 0 ? 'open' : 'full';
}

/** The view of `e` with its slot and the caller's booking and place in line (null: none). */
export function eventView(
  e: CommunityEvent,
  slot: Slot | null,
  now: Date,
  mine: { booking?: EventView['myBooking']; waiting?: EventView['myWaitlist'] } = {},
): EventView {
  return {
    id: e._id,
    title: e.title,
    kind: e.kind,
    kindLabel: EVENT_KIND_LABELS[e.kind] ?? '活动',
    date: e.date,
    dateLabel: dateLabel(e.date),
    start: e.start,
    end: e.end,
    place: e.place,
    description: e.description,
    status: e.status,
    cancelReason: e.cancelReason ?? null,
    slotId: e.slotId,
    places: slot?.capacity ?? e.places,
    booked: slot?.booked ?? 0,
    remaining: slot ? remaining(slot) : 0,
    waiting: slot?.waiting ?? 0,
    state: eventState(e, slot, now),
    myBooking: mine.booking ?? null,
    myWaitlist: mine.waiting ?? null,
  };
}
