/**
 * Cloud function `market`: the weekly worry-relief market (解忧集市) for residents.
 *
 * Actions (event `{ action, ...fields }`, answer `{ ok, data | error }`; details in docs/api.md):
 * - `listMarketDays` {} → { communityName, days: MarketDaySummary[] } — the caller's community's
 *   coming market days (the default market community for an unregistered visitor).
 * - `getMarketDay` { marketDayId, forResidentId? } → MarketDayDetail — services with their slots and
 *   places left; `myBookingId` is the caller's booking, or (staff only) that of `forResidentId`.
 * - `book` { slotId, requestId } → BookingView — errors BOOKING.SLOT_FULL / SLOT_CLOSED /
 *   ALREADY_BOOKED / SLOT_NOT_FOUND, COMMON.NOT_REGISTERED.
 * - `myBookings` {} → BookingView[].
 * - `cancelBooking` { bookingId } → BookingView — errors BOOKING.NOT_FOUND / NOT_CANCELLABLE,
 *   COMMON.FORBIDDEN.
 * Counter (staff acting for a resident, 代办; grid workers and community admins of the resident's community):
 * - `bookFor` { residentId, slotId, requestId, consent: { spoken: true, note? } } → BookingView made
 *   by the caller for the resident, with the consent recorded. Errors as `book`, plus
 *   COUNTER.CONSENT_REQUIRED, COUNTER.RESIDENT_NOT_FOUND, COMMON.FORBIDDEN.
 * - `bookingsFor` { residentId } → BookingView[] of that resident.
 * - `checkIn` { bookingId } → BookingView (status checkedIn) — BOOKING.NOT_CHECKABLE outside the market day.
 * Timer trigger (config.json `triggers`): creates the coming market days of every community.
 */
import { z } from 'zod';
import { db } from '../shared/cloud';
import { AppError } from '../shared/errors';
import type { Community, MarketDay, Service } from '../shared/model';
import { action, createMain, permissionsOf } from '../shared/router';
import { id, noFields, requestId, text } from '../shared/schemas';
import { defaultMarketCommunity, findCommunity, type LoadedUser } from '../shared/users';
import { residentOf } from '../shared/staff';
import { isStaff } from '../shared/policy';
import { book, bookingsOf, cancel, checkIn, toView } from './bookings';
import { bookingBlocker, remaining } from './domain/booking';
import { ensureComingDays, listServices, slotsOfDays, summarize } from './days';
import type { MarketDayDetail, MarketDaysResult, ServiceView } from './contract';

async function marketCommunityOfCaller(user: LoadedUser | null): Promise<Community | null> {
  if (!user) return defaultMarketCommunity();
  return user.community;
}

const actions = {
  listMarketDays: action.anyone(noFields, async (_input, { user }): Promise<MarketDaysResult> => {
    const community = await marketCommunityOfCaller(user);
    if (!community?.market) return { communityName: community?.name ?? null, days: [] };
    const now = new Date();
    const days = await ensureComingDays(community, now);
    const slots = await slotsOfDays(days.map((d) => d._id));
    return { communityName: community.name, days: days.map((d) => summarize(d, community, slots, now)) };
  }),

  getMarketDay: action.anyone(z.object({ marketDayId: id, forResidentId: id.optional() }).strict(), async ({ marketDayId, forResidentId }, { user: caller }): Promise<MarketDayDetail> => {
    const { data } = await db.collection('marketDays').where({ _id: marketDayId }).limit(1).get();
    const day = data[0] as MarketDay | undefined;
    if (!day || day.status !== 'open') throw new AppError('MARKET.DAY_NOT_FOUND');
    const [community, services, slots] = await Promise.all([findCommunity(day.communityId), listServices(day.communityId), slotsOfDays([day._id])]);
    if (forResidentId && !caller) throw new AppError('COMMON.NOT_REGISTERED');
    if (forResidentId && !isStaff(caller!)) throw new AppError('COMMON.FORBIDDEN');
    // at the counter, "mine" means the resident being served
    const user = forResidentId ? await residentOf(caller!, forResidentId) : caller;
    if (!community) throw new AppError('MARKET.DAY_NOT_FOUND');
    const mine = new Map<string, string>();
    if (user) {
      const { data: bookings } = await db
        .collection('bookings')
        .where({ residentId: user._id, marketDayId: day._id, status: 'booked' })
        .field({ _id: true, serviceId: true })
        .limit(100)
        .get();
      for (const b of bookings as { _id: string; serviceId: string }[]) mine.set(b.serviceId, b._id);
    }
    const now = new Date();
    const view = (s: Service): ServiceView => ({
      id: s._id,
      name: s.name,
      kind: s.kind,
      bookingMode: s.bookingMode,
      description: s.description,
      provider: s.provider ?? null,
      myBookingId: mine.get(s._id) ?? null,
      slots: slots
        .filter((sl) => sl.serviceId === s._id)
        .map((sl) => {
          const blocker = bookingBlocker(sl, now);
          return {
            id: sl._id,
            label: sl.label,
            startAt: sl.startAt.toISOString(),
            capacity: sl.capacity,
            remaining: remaining(sl),
            state: blocker === 'BOOKING.SLOT_CLOSED' ? 'closed' : blocker === 'BOOKING.SLOT_FULL' ? 'full' : 'open',
          };
        }),
    });
    return { day: summarize(day, community, slots, now), services: services.map(view) };
  }),

  book: action.registered(z.object({ slotId: id, requestId }).strict(), async ({ slotId, requestId: rid }, { user }) => {
    const booking = await book({ slotId, requestId: rid, resident: user, actor: user, now: new Date() });
    return toView(booking, new Date());
  }),

  myBookings: action.registered(noFields, async (_input, { user }) => {
    const now = new Date();
    return (await bookingsOf(user._id)).map((b) => toView(b, now));
  }),

  cancelBooking: action.registered(z.object({ bookingId: id }).strict(), async ({ bookingId }, { user }) => {
    return toView(await cancel({ bookingId, actor: user }), new Date());
  }),

  bookFor: action.staff(
    z.object({ residentId: id, slotId: id, requestId, consent: z.object({ spoken: z.boolean(), note: text(0, 100).optional() }).strict() }).strict(),
    async ({ residentId, slotId, requestId: rid, consent }, { user: staff }) => {
      if (!consent.spoken) throw new AppError('COUNTER.CONSENT_REQUIRED');
      const resident = await residentOf(staff, residentId);
      const booking = await book({
        slotId,
        requestId: rid,
        resident,
        actor: staff,
        consent: { method: 'spoken', recordedBy: staff._id, recordedByName: staff.name, ...(consent.note ? { note: consent.note } : {}) },
        now: new Date(),
      });
      return toView(booking, new Date());
    },
  ),

  bookingsFor: action.staff(z.object({ residentId: id }).strict(), async ({ residentId }, { user: staff }) => {
    const resident = await residentOf(staff, residentId);
    const now = new Date();
    return (await bookingsOf(resident._id)).map((b) => toView(b, now));
  }),

  checkIn: action.staff(z.object({ bookingId: id }).strict(), async ({ bookingId }, { user: staff }) => {
    return toView(await checkIn({ bookingId, actor: staff }), new Date());
  }),
};

/** Timer trigger: make sure every community's coming market days exist. */
async function onTimer(): Promise<{ communities: number }> {
  const { data } = await db.collection('communities').limit(100).get();
  const withMarket = (data as Community[]).filter((c) => c.market);
  for (const c of withMarket) await ensureComingDays(c, new Date());
  return { communities: withMarket.length };
}

const timers = { ensureMarketDays: { rule: 'no caller OPENID (the platform trigger)', run: onTimer } };

export const main = createMain(actions, timers);
/** Who may call each action (the permission table, `docs/permissions.md`). */
export const permissions = permissionsOf(actions, timers);
/** Exported for tests and docs: the action names of this function. */
export const actionNames = Object.keys(actions);
