/**
 * `listMarketDays` and `getMarketDay`: the coming market days of the caller's community, and one day
 * with its services and slots as the app shows them (contract.ts has what each answers).
 */
import { now as clockNow } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import type { Community, ServiceSnapshot, Slot } from '../../shared/model';
import { isStaff } from '../../shared/policy';
import { residentOf } from '../../shared/staff';
import { defaultMarketCommunity, preloadOf } from '../../shared/users';
import { first } from '../bookings';
import type { actions, MarketDaysResult, ServiceView } from '../contract';
import { daysWithSlots, ensureComingDays, listServices, preloadComingDays, summarize, withSortedSlots, type DayWithSlots } from '../days';
import { bookingBlocker, remaining } from '../domain/booking';
import { capacityText, withoutCapacityClauses } from '../domain/describe';
import { overlappingBooking } from '../domain/overlap';
import type { Handler, PreloadsOf } from '../../shared/router';

/** A community's kiosk as the home page shows it (null without a community). */
function kioskOf(c: Community | null): MarketDaysResult['kiosk'] {
  if (!c) return null;
  return { name: c.kiosk, place: c.contact?.place ?? null, hours: c.contact?.hours ?? null, phone: c.contact?.phone ?? null, offers: c.contact?.offers ?? null };
}

/** The services a day shows: its snapshot, or (days made before snapshots existed) the community's current ones. */
async function servicesOf(day: DayWithSlots): Promise<ServiceSnapshot[]> {
  if (day.services) return day.services;
  return (await listServices(day.communityId)).map((s) => ({ id: s._id, name: s.name, kind: s.kind, bookingMode: s.bookingMode, description: s.description, provider: s.provider ?? null }));
}

/**
 * The app's view of a day's services; `mine` = the caller's (or served resident's) booking per
 * service, and per slot the booking of theirs that day it would overlap (`domain/overlap.ts`).
 * A description loses the clauses that state places; the places line comes from the slots
 * (`domain/describe.ts`).
 */
function serviceViews(services: ServiceSnapshot[], slots: Slot[], residentId: string | null, now: Date): ServiceView[] {
  const mine = new Map<string, string>();
  if (residentId) for (const s of slots) for (const h of s.holds ?? []) if (h.r === residentId) mine.set(s.serviceId, h.id);
  return services.map((s) => {
    const own = slots.filter((sl) => sl.serviceId === s.id);
    return {
      id: s.id,
      name: s.name,
      kind: s.kind,
      bookingMode: s.bookingMode,
      description: withoutCapacityClauses(s.description),
      capacityText: s.bookingMode === 'none' ? '' : capacityText(own.filter((sl) => sl.open !== false)),
      provider: s.provider,
      myBookingId: mine.get(s.id) ?? null,
      slots: own.map((sl) => {
        const blocker = bookingBlocker(sl, now);
        return {
          id: sl._id,
          label: sl.label,
          startAt: sl.startAt.toISOString(),
          capacity: sl.capacity,
          remaining: remaining(sl),
          state: blocker === 'BOOKING.SLOT_CLOSED' ? 'closed' : blocker === 'BOOKING.SLOT_FULL' ? 'full' : 'open',
          waiting: sl.waiting ?? 0,
          overlaps: residentId ? overlappingBooking(sl, residentId, slots) : null,
        };
      }),
    };
  });
}

/** Preload (listMarketDays): the caller's community's coming days with their slots. */
export const preloadDays = () => preloadComingDays(clockNow());

/** `listMarketDays`: the caller's community's (a visitor: the default market community's) coming days. */
export const listMarketDays: Handler<typeof actions.listMarketDays, PreloadsOf<typeof preloadDays>> = async (_input, { user, preloaded }) => {
  const community: Community | null = user ? user.community : await defaultMarketCommunity();
  const kiosk = kioskOf(community);
  if (!community?.market) return { communityName: community?.name ?? null, kiosk, days: [] };
  const now = clockNow();
  const days = await ensureComingDays(community, now, preloaded?.days);
  return { communityName: community.name, kiosk, days: days.map((d) => summarize(d, now)) };
};

/** Preload (getMarketDay): the day with its slots. */
export const preloadDay = ({ marketDayId }: { marketDayId: string }) => ({
  day: preloadOf<DayWithSlots>({ from: 'marketDays', match: { _id: marketDayId }, join: { from: 'slots', localField: '_id', foreignField: 'marketDayId', as: 'slots' } }),
});

/** `getMarketDay`: one open day with its services; `forResidentId` (staff): "mine" is that resident's. */
export const getMarketDay: Handler<typeof actions.getMarketDay, PreloadsOf<typeof preloadDay>> = async ({ marketDayId, forResidentId }, { user: caller, preloaded }) => {
  if (forResidentId && !caller) throw new AppError('COMMON.NOT_REGISTERED');
  if (forResidentId && !isStaff(caller!)) throw new AppError('COMMON.FORBIDDEN');
  const loaded = first(preloaded?.day);
  const day = loaded === undefined ? (await daysWithSlots({ _id: marketDayId }, 1))[0] : loaded ? withSortedSlots(loaded) : null;
  if (!day || day.status !== 'open') throw new AppError('MARKET.DAY_NOT_FOUND');
  // at the counter, "mine" means the resident being served (of the staff member's community)
  const residentId = forResidentId ? (await residentOf(caller!, forResidentId))._id : (caller?._id ?? null);
  const now = clockNow();
  return { day: summarize(day, now), services: serviceViews(await servicesOf(day), day.slots, residentId, now) };
};
