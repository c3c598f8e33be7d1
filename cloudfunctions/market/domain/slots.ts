/**
 * Slot plans: the slots a service offers on one market day.
 * - `slots` services: consecutive windows of `slotMinutes` from opening until closing, each with
 *   `capacity` places (爱心义剪: 20 minutes, 2 chairs → 10:00–10:20 … 12:40–13:00).
 * - `queue` services: one window for the whole market with `capacity` places (磨刀: knives are
 *   dropped off and collected later).
 * - `none` services (旧物置换, 互助广告): no slots; residents walk in.
 */
import type { MarketDay, Service, Slot } from '../../shared/model';
import { localTime } from '../../shared/time';

/** Builds the slot documents (empty: `booked: 0`, no holds, open) of `service` on `day`. */
export function planSlots(day: Pick<MarketDay, '_id' | 'communityId' | 'date' | 'startAt' | 'endAt' | 'place'>, service: Service): Slot[] {
  if (service.bookingMode === 'none' || !service.capacity || service.capacity < 1) return [];
  const base = {
    communityId: day.communityId,
    marketDayId: day._id,
    date: day.date,
    serviceId: service._id,
    serviceName: service.name,
    capacity: service.capacity,
    booked: 0,
    holds: [],
    open: true,
    place: day.place,
  };
  const slotId = (start: Date) => `${day._id}_${service._id}_${localTime(start).replace(':', '')}`;
  if (service.bookingMode === 'queue') {
    return [{ ...base, _id: slotId(day.startAt), mode: 'queue', label: `${localTime(day.startAt)}–${localTime(day.endAt)}`, startAt: day.startAt, endAt: day.endAt }];
  }
  const minutes = service.slotMinutes ?? 30;
  const out: Slot[] = [];
  for (let t = day.startAt.getTime(); t + minutes * 60_000 <= day.endAt.getTime(); t += minutes * 60_000) {
    const startAt = new Date(t);
    const endAt = new Date(t + minutes * 60_000);
    out.push({ ...base, _id: slotId(startAt), mode: 'slots', label: `${localTime(startAt)}–${localTime(endAt)}`, startAt, endAt });
  }
  return out;
}
