/**
 * The admin's service catalogue (issue 10 "Admin: the service catalogue and capacities"):
 * `saveService` creates or edits one service of the caller's community. (The file is named for the
 * 服务项目 catalogue, not `services.ts`: in this codebase `services` is the client's transport,
 * `src/services` — issue 19 "One vocabulary".)
 *
 * What a save changes, and when:
 * - **Capacity** (places per slot, or in the queue) reaches the coming days' slots of the service
 *   at once (not started, still open), in one multi-document conditional update, then the service
 *   document (`applyCapacity`): all of them or none. It never goes below the places booked in a slot: the save is refused with
 *   MARKET.CAPACITY_BELOW_BOOKED naming the first such slot (details `{ date, dateLabel, slotLabel,
 *   booked }`) and nothing is written. A slot that gains places while people wait (候补) gives them
 *   the places at once (`waitlist.ts` `promoteNext`; the timer's repair finishes if this call dies).
 * - **Name, description, provider, booking mode, slot length** apply to market days created from
 *   now on (a created day keeps its snapshot, like the market settings: `settings.ts`).
 * - **A new or reactivated service** is added to the coming days at once: its slots are inserted
 *   (idempotent ids, `domain/slots.ts`), then the day's snapshot lists it.
 * - **Deactivating** a service with coming bookings needs a reason (`withdrawReason`): without
 *   one it is refused (MARKET.SERVICE_HAS_BOOKINGS, details `{ bookings, dates }`) and nothing
 *   changes; with one, its coming slots close and every booking is cancelled with that reason and
 *   its resident told (the same code as `withdrawService`, `closures.ts`) — bookings are never
 *   silently kept. Its coming days stop listing it.
 * Order of writes for a deactivation, each idempotent (a repeat finishes what a first call left):
 * the service (inactive: no new day gets it), the slots and bookings (`cancelBookingsOf`), the
 * days' snapshots.
 */
import { _, callerOpenid, db, isDuplicateKey } from '../shared/cloud';
import { AppError } from '../shared/errors';
import type { MarketDay, Service, ServiceSnapshot, Slot } from '../shared/model';
import { requestHash, requestKey } from '../shared/requests';
import { checkText } from '../shared/security';
import type { LoadedUser } from '../shared/users';
import type { ServiceInput, ServiceSaveResult } from './contract';
import { cancelBookingsOf } from '../shared/slotClosures';
import { settingsOf } from './days';
import { firstOverBooked, placesFreed, slotFits } from './domain/admin';
import { dateLabel } from '../shared/calendar';
import { planSlots } from './domain/slots';
import { allServices, communityOf, comingDays, comingSlots, serviceView } from './settings';
import { promoteNext } from './waitlist';

/** The reason residents read when a service without a reason given is taken off (no bookings then). */
const DEACTIVATED = '该服务已停用';

/** The stored fields of a service from the input (mode-dependent fields only where they mean something). */
function fieldsOf(input: ServiceInput): Omit<Service, '_id' | 'communityId'> {
  return {
    name: input.name,
    kind: input.kind,
    bookingMode: input.bookingMode,
    ...(input.bookingMode === 'slots' ? { slotMinutes: input.slotMinutes! } : {}),
    ...(input.bookingMode !== 'none' ? { capacity: input.capacity! } : {}),
    description: input.description,
    ...(input.provider ? { provider: input.provider } : {}),
    order: input.order,
    active: input.active,
  };
}

function snapshot(s: Service): ServiceSnapshot {
  return { id: s._id, name: s.name, kind: s.kind, bookingMode: s.bookingMode, description: s.description, provider: s.provider ?? null };
}

/**
 * Adds `service` (active) to the coming open days that do not list it: inserts its missing slots,
 * reopens its slots a deactivation closed, then lists it in the day's snapshot (in catalogue order).
 * Returns how many days now list it. Idempotent.
 */
async function addToComingDays(service: Service, now: Date, catalogue: Service[]): Promise<number> {
  const days = (await comingDays(service.communityId, now)).filter((d) => !(d.services ?? []).some((s) => s.id === service._id));
  const order = new Map(catalogue.map((s) => [s._id, s.order]));
  order.set(service._id, service.order);
  for (const day of days) {
    const planned = planSlots({ ...day, startAt: new Date(day.startAt), endAt: new Date(day.endAt) }, service).filter((s) => s.startAt.getTime() > now.getTime());
    const { data } = await db.collection('slots').where({ marketDayId: day._id, serviceId: service._id }).field({ _id: true }).limit(200).get();
    const have = new Set((data as { _id: string }[]).map((s) => s._id));
    const todo = planned.filter((s) => !have.has(s._id));
    if (todo.length) {
      try {
        await db.collection('slots').add({ data: todo });
      } catch (e) {
        if (!isDuplicateKey(e)) throw e; // a concurrent save inserted them
      }
    }
    if (have.size) await db.collection('slots').where({ marketDayId: day._id, serviceId: service._id, open: false, startAt: _.gt(now) }).update({ data: { open: true, capacity: service.capacity ?? 0 } });
    const services = [...(day.services ?? []), snapshot(service)].sort((a, b) => (order.get(a.id) ?? 999) - (order.get(b.id) ?? 999));
    await db.collection('marketDays').where({ _id: day._id, 'services.id': _.neq(service._id) }).update({ data: { services: _.set(services), slotCount: _.inc(todo.length) } });
  }
  return days.length;
}

/** Takes `service` off the coming days: closes its slots, cancels its bookings (residents told), drops it from the snapshots. */
async function takeOffComingDays(service: Service, reason: string, actorId: string, now: Date): Promise<{ days: number; cancelled: number }> {
  const slots = await comingSlots(service.communityId, now, service._id);
  const { cancelled } = await cancelBookingsOf(
    slots.map((s) => s._id),
    reason,
    actorId,
  );
  const days: MarketDay[] = (await comingDays(service.communityId, now)).filter((d) => (d.services ?? []).some((s) => s.id === service._id));
  for (const d of days) await db.collection('marketDays').where({ _id: d._id }).update({ data: { services: _.pull({ id: service._id }) } });
  return { days: days.length, cancelled: cancelled.length };
}

/**
 * Sets `capacity` on the coming open slots `slots` of a service (as read just before, none of them
 * holding more than `capacity`) and then writes the service's `fields`. The slots change in ONE
 * multi-document conditional update (`where({ _id: in(…), booked ≤ capacity }).update`), not a
 * transaction over every slot: at 20 ms a database call, an 8-week horizon of 10-minute slots (144)
 * made that transaction live ~6 s (issue 18: no transaction lives longer than a few seconds). A booking
 * cannot slip past it: `book` updates a slot only while its `capacity` is the one it read.
 * If a booking filled a slot beyond `capacity` between the read and the update (that slot is left
 * out), the slots it changed are put back, each only while nothing was booked beyond its old
 * capacity, and the call answers MARKET.CAPACITY_BELOW_BOOKED with the service unchanged. A crash
 * between the slots and the service leaves the slots ahead of the service; saving again completes it.
 * Round trips: 2 (the update, the service); 1 more read and the put-backs after a race.
 * Returns the slots whose capacity changed (as read before).
 */
async function applyCapacity(serviceId: string, communityId: string, fields: Omit<Service, '_id' | 'communityId'>, slots: Slot[], capacity: number): Promise<Slot[]> {
  const changing = slots.filter((s) => s.capacity !== capacity);
  if (changing.length) {
    const ids = changing.map((s) => s._id);
    const { stats } = await db.collection('slots').where({ _id: _.in(ids), booked: _.lte(capacity) }).update({ data: { capacity } });
    if (stats.updated < ids.length) {
      const { data } = await db.collection('slots').where({ _id: _.in(ids) }).limit(1000).get();
      const fresh = (data as Slot[]).map((x) => ({ ...x, startAt: new Date(x.startAt) }));
      for (const before of changing) {
        const now = fresh.find((x) => x._id === before._id);
        if (now && now.capacity === capacity) {
          await db.collection('slots').where({ _id: before._id, capacity, booked: _.lte(before.capacity) }).update({ data: { capacity: before.capacity } });
        }
      }
      const over = firstOverBooked(fresh, capacity);
      if (over) throw new AppError('MARKET.CAPACITY_BELOW_BOOKED', { ...over, dateLabel: dateLabel(over.date) });
      throw new AppError('COMMON.BUSY');
    }
  }
  await db.collection('services').doc(serviceId).set({ data: { communityId, ...fields } });
  return changing;
}

/**
 * `saveService`: creates (no `serviceId`; `requestId` makes a repeat return the first) or edits a
 * service of the caller's community. Errors: MARKET.SERVICE_NOT_FOUND, MARKET.SLOT_MINUTES_MISFIT,
 * MARKET.CAPACITY_BELOW_BOOKED, MARKET.SERVICE_HAS_BOOKINGS, COMMON.TEXT_REJECTED, COMMON.BUSY.
 */
export async function saveService(user: LoadedUser, input: ServiceInput, now: Date): Promise<ServiceSaveResult> {
  const community = communityOf(user);
  const settings = settingsOf(community);
  if (input.bookingMode === 'slots' && !slotFits(input.slotMinutes!, settings)) throw new AppError('MARKET.SLOT_MINUTES_MISFIT', { services: [input.name], start: settings.start, end: settings.end });
  const catalogue = await allServices(community._id);
  const before = input.serviceId ? catalogue.find((s) => s._id === input.serviceId) : undefined;
  if (input.serviceId && !before) throw new AppError('MARKET.SERVICE_NOT_FOUND');
  const fields = fieldsOf(input);
  const result = { created: false, slotsChanged: 0, promoted: 0, daysChanged: 0, bookingsCancelled: 0 };

  if (before && before.active && !input.active) {
    // deactivation: bookings are never silently kept
    const { total } = await db.collection('bookings').where({ communityId: community._id, serviceId: before._id, status: 'booked', startAt: _.gt(now) }).count();
    if (total && !input.withdrawReason) {
      const { data } = await db.collection('bookings').where({ communityId: community._id, serviceId: before._id, status: 'booked', startAt: _.gt(now) }).field({ date: true }).limit(1000).get();
      const dates = [...new Set((data as { date: string }[]).map((b) => b.date))].sort();
      throw new AppError('MARKET.SERVICE_HAS_BOOKINGS', { bookings: total, dates, dateLabels: dates.map(dateLabel) });
    }
    await checkText([input.name, input.description, input.provider ?? '', input.withdrawReason ?? ''].join(' '), callerOpenid());
    await db.collection('services').doc(before._id).set({ data: { communityId: community._id, ...fields } });
    const off = await takeOffComingDays({ ...before, ...fields }, input.withdrawReason ?? DEACTIVATED, user._id, now);
    const service = { _id: before._id, communityId: community._id, ...fields };
    return { ...result, service: serviceView(service, []), daysChanged: off.days, bookingsCancelled: off.cancelled };
  }

  await checkText([input.name, input.description, input.provider ?? ''].join(' '), callerOpenid());
  let service: Service;
  if (!before) {
    if (!input.requestId) throw new AppError('COMMON.INVALID_INPUT', [{ path: 'requestId', message: '新建服务需要 requestId' }]);
    service = { _id: `svc-${requestHash(requestKey(user._id, input.requestId))}`, communityId: community._id, ...fields };
    try {
      await db.collection('services').add({ data: service });
      result.created = true;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const { data } = await db.collection('services').where({ _id: service._id, communityId: community._id }).limit(1).get();
      if (!data.length) throw e;
      service = data[0] as Service; // a repeated submit: the first one stands
    }
  } else {
    service = { _id: before._id, communityId: community._id, ...fields };
    const sameMode = before.bookingMode === service.bookingMode && service.bookingMode !== 'none';
    if (sameMode && before.active) {
      const slots = (await comingSlots(community._id, now, before._id)).filter((s) => s.open !== false);
      const over = firstOverBooked(slots, service.capacity!);
      if (over) throw new AppError('MARKET.CAPACITY_BELOW_BOOKED', { ...over, dateLabel: dateLabel(over.date) });
      const changed = await applyCapacity(before._id, community._id, fields, slots, service.capacity!);
      result.slotsChanged = changed.length;
      // raised places go first to the people waiting (in line order)
      for (const s of changed) {
        const places = placesFreed(s, service.capacity!);
        if (places > 0) result.promoted += (await promoteNext(s._id, now, places)).length;
      }
    } else {
      await db.collection('services').doc(before._id).set({ data: { communityId: community._id, ...fields } });
    }
  }
  if (service.active) result.daysChanged = await addToComingDays(service, now, catalogue);
  const slots = await comingSlots(community._id, now, service._id);
  return { ...result, service: serviceView(service, slots) };
}
