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
 * - `bookingsFor` { residentId } → BookingView[] of that resident (`checkInOpen` exact: it knows when each market opens).
 * - `checkIn` { bookingId } / `checkInByCode` { code } → BookingView (status checkedIn) —
 *   BOOKING.NOT_CHECKABLE outside the market day.
 * Waitlist (候补, `waitlist.ts`): `joinWaitlist` { slotId } → { id, position, … } for a full slot;
 * `leaveWaitlist` { entryId }; `myWaitlist` {}. A cancellation promotes the first in line.
 * Admins (`closures.ts`): `cancelMarketDay` { marketDayId, reason } — the day, its bookings and
 * stall holders, everyone told; `withdrawService` { marketDayId, serviceId, reason } — a volunteer
 * cannot come: that service's bookings are cancelled and their residents told.
 * Admin (community admins, their own community; `settings.ts`, `catalogue.ts`, `stallPlan.ts`):
 * `marketSettings` {} → MarketAdminView; `updateMarketSettings` { name, weekday, start, end, place,
 * horizonWeeks } → SettingsUpdateResult (applies to days created from now on); `saveService`
 * { serviceId? | requestId, name, kind, bookingMode, slotMinutes?, capacity?, description, provider?,
 * order, active, withdrawReason? } → ServiceSaveResult; `setStallPlan` { stalls } → StallPlanResult.
 * Timer trigger `marketJobs` (config.json `triggers`, every 10 minutes): creates the coming market
 * days of every community, repairs holds and waitlists, marks no-shows (`ensureMarketDays`), and
 * reminds residents the day before their booking (`reminders.ts`).
 */
import { z } from 'zod';
import { _, callerOpenid, db } from '../shared/cloud';
import { now as clockNow } from '../shared/clock';
import { AppError } from '../shared/errors';
import type { Booking, Community, MarketDay, ServiceSnapshot, Slot } from '../shared/model';
import { checkText } from '../shared/security';
import { action, createMain, permissionsOf } from '../shared/router';
import { id, noFields, requestId, text } from '../shared/schemas';
import { recordSpokenConsent, spokenConsent } from '../shared/spokenConsent';
import { defaultMarketCommunity, type Preload } from '../shared/users';
import { preloadResident, residentOf } from '../shared/staff';
import { isStaff } from '../shared/policy';
import { book, bookingsOf, cancel, checkIn, marketStartsOf, preloadBooking, preloadedOne, preloadSlot, repairHolds, toView } from './bookings';
import { bookingBlocker, remaining } from './domain/booking';
import { daysWithSlots, ensureComingDays, listServices, preloadComingDays, summarize, withSortedSlots, type DayWithSlots } from './days';
import type { MarketDayDetail, MarketDaysResult, ServiceView, WaitlistView } from './contract';
import { dateLabel } from './domain/calendar';
import { capacityText, withoutCapacityClauses } from './domain/describe';
import { overlappingBooking } from './domain/overlap';
import { local } from '../shared/time';
import { cancelDay } from './closures';
import { cancelBookingsOf } from '../shared/slotClosures';
import { entriesOf, joinWaitlist, leaveWaitlist, positionsOf, preloadEntry, preloadJoin, preloadMyEntries, repairWaitlists, type WaitlistEntry } from './waitlist';
import { remindBookings } from './reminders';
import { marketSettingsInput, serviceInput, stallPlanInput } from './admin-schemas';
import { marketAdminView, updateSettings } from './settings';
import { saveService } from './catalogue';
import { setStallPlan } from './stallPlan';

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

/** A place in line as the app shows it. */
function waitlistView(e: WaitlistEntry, position: number): WaitlistView {
  return { id: e._id, slotId: e.slotId, marketDayId: e.marketDayId, serviceName: e.serviceName, slotLabel: e.slotLabel, date: e.date, dateLabel: dateLabel(e.date), position };
}

/**
 * Preload (bookFor): the resident's coming slots that hold a place of theirs (from today, China
 * time), fetched with the caller, for the overlap rule.
 */
function preloadHeldSlots(residentId: string): Record<string, Preload> {
  return { held: { from: 'slots', match: { 'holds.r': residentId, date: { $gte: local(clockNow()).format('YYYY-MM-DD') } }, sort: { startAt: 1 }, limit: 100 } };
}

const actions = {
  listMarketDays: action.anyone(
    noFields,
    async (_input, { user, preloaded }): Promise<MarketDaysResult> => {
      const community: Community | null = user ? user.community : await defaultMarketCommunity();
      const kiosk = kioskOf(community);
      if (!community?.market) return { communityName: community?.name ?? null, kiosk, days: [] };
      const now = clockNow();
      const days = await ensureComingDays(community, now, preloaded?.days as DayWithSlots[] | undefined);
      return { communityName: community.name, kiosk, days: days.map((d) => summarize(d, now)) };
    },
    "the caller's own community (a visitor: the first community that runs a market)",
    { preload: () => preloadComingDays(clockNow()) },
  ),

  getMarketDay: action.anyone(
    z.object({ marketDayId: id, forResidentId: id.optional() }).strict(),
    async ({ marketDayId, forResidentId }, { user: caller, preloaded }): Promise<MarketDayDetail> => {
      if (forResidentId && !caller) throw new AppError('COMMON.NOT_REGISTERED');
      if (forResidentId && !isStaff(caller!)) throw new AppError('COMMON.FORBIDDEN');
      const loaded = preloadedOne<DayWithSlots>(preloaded, 'day');
      const day = loaded === undefined ? (await daysWithSlots({ _id: marketDayId }, 1))[0] : loaded ? withSortedSlots(loaded) : null;
      if (!day || day.status !== 'open') throw new AppError('MARKET.DAY_NOT_FOUND');
      // at the counter, "mine" means the resident being served (of the staff member's community)
      const residentId = forResidentId ? (await residentOf(caller!, forResidentId))._id : (caller?._id ?? null);
      const now = clockNow();
      return { day: summarize(day, now), services: serviceViews(await servicesOf(day), day.slots, residentId, now) };
    },
    'anyone sees a market day; forResidentId: staff, for a resident of their own community',
    { preload: ({ marketDayId }) => ({ day: { from: 'marketDays', match: { _id: marketDayId }, join: { from: 'slots', localField: '_id', foreignField: 'marketDayId', as: 'slots' } } }) },
  ),

  book: action.registered(
    z.object({ slotId: id, requestId }).strict(),
    async ({ slotId, requestId: rid }, { user, preloaded }) => {
      const now = clockNow();
      return toView(await book({ slotId, requestId: rid, resident: user, actor: user, now, slot: preloadedOne<Slot>(preloaded, 'slot') }), now);
    },
    "the slot is in the caller's own community's market",
    { preload: preloadSlot },
  ),

  myBookings: action.registered(noFields, async (_input, { user }) => {
    const now = clockNow();
    return (await bookingsOf(user._id)).map((b) => toView(b, now));
  }),

  cancelBooking: action.registered(
    z.object({ bookingId: id }).strict(),
    async ({ bookingId }, { user, preloaded }) => {
      const now = clockNow();
      return toView(await cancel({ bookingId, actor: user, now, booking: preloadedOne<Booking>(preloaded, 'booking') }), now);
    },
    "the booking's resident, whoever made it, or staff of its community",
    { preload: preloadBooking },
  ),

  bookFor: action.staff(
    z.object({ residentId: id, slotId: id, requestId, consent: spokenConsent, allowOverlap: z.boolean().optional() }).strict(),
    async ({ residentId, slotId, requestId: rid, consent, allowOverlap }, { user: staff, preloaded }) => {
      const recorded = recordSpokenConsent(consent, staff);
      const resident = await residentOf(staff, residentId, preloaded);
      const now = clockNow();
      // at the counter an overlap is refused unless the staff member confirms it (the resident's
      // coming held slots came with the caller: no extra round trip)
      const slot = preloadedOne<Slot>(preloaded, 'slot');
      if (slot && !allowOverlap) {
        const clash = overlappingBooking(slot, resident._id, (preloaded?.held ?? []) as Slot[]);
        if (clash) throw new AppError('BOOKING.OVERLAPS', clash);
      }
      const booking = await book({
        slotId,
        requestId: rid,
        resident,
        actor: staff,
        consent: recorded,
        now,
        slot: preloadedOne<Slot>(preloaded, 'slot'),
      });
      return toView(booking, now);
    },
    "a resident of the caller's own community, at that community's market",
    { preload: (input) => ({ ...preloadSlot(input), ...preloadResident(input), ...preloadHeldSlots(input.residentId) }) },
  ),

  bookingsFor: action.staff(
    z.object({ residentId: id }).strict(),
    async ({ residentId }, { user: staff, preloaded }) => {
      const resident = await residentOf(staff, residentId, preloaded);
      const now = clockNow();
      const bookings = await bookingsOf(resident._id);
      // when each market opens, so that check-in is offered exactly when it can succeed
      const starts = await marketStartsOf(bookings, now);
      return bookings.map((b) => toView(b, now, starts.get(b.marketDayId)));
    },
    "a resident of the caller's own community",
    { preload: preloadResident },
  ),

  joinWaitlist: action.registered(
    z.object({ slotId: id }).strict(),
    async (_input, { user, preloaded }) => {
      const slot = preloadedOne<Slot>(preloaded, 'slot');
      if (!slot) throw new AppError('BOOKING.SLOT_NOT_FOUND');
      if (slot.communityId !== user.communityId) throw new AppError('COMMON.FORBIDDEN');
      const known = preloaded?.line && preloaded.mine ? { line: preloaded.line as WaitlistEntry[], mine: preloaded.mine as Booking[] } : undefined;
      const { entry, position } = await joinWaitlist(slot, user, clockNow(), known);
      return waitlistView(entry, position);
    },
    "a full slot of the caller's own community's market",
    { preload: ({ slotId }) => preloadJoin(slotId, local(clockNow()).format('YYYY-MM-DD')) },
  ),

  leaveWaitlist: action.registered(
    z.object({ entryId: id }).strict(),
    async ({ entryId }, { user, preloaded }) => {
      await leaveWaitlist(entryId, user._id, preloadedOne<WaitlistEntry>(preloaded, 'entry'));
      return { id: entryId, left: true };
    },
    "the caller's own place in line",
    { preload: ({ entryId }) => preloadEntry(entryId) },
  ),

  cancelMarketDay: action.admin(
    z.object({ marketDayId: id, reason: text(2, 60) }).strict(),
    async ({ marketDayId, reason }, { user }) => {
      const { data } = await db.collection('marketDays').where({ _id: marketDayId, communityId: user.communityId }).limit(1).get();
      const day = data[0] as MarketDay | undefined;
      if (!day) throw new AppError('MARKET.DAY_NOT_FOUND');
      await checkText(reason, callerOpenid());
      return cancelDay(day, reason, user._id);
    },
    "a market day of the caller's own community (a second call finishes what a first one left)",
  ),

  withdrawService: action.admin(
    z.object({ marketDayId: id, serviceId: id, reason: text(2, 60) }).strict(),
    async ({ marketDayId, serviceId, reason }, { user }) => {
      const { data } = await db.collection('slots').where({ marketDayId, serviceId, communityId: user.communityId }).field({ _id: true }).limit(200).get();
      if (!data.length) throw new AppError('BOOKING.SLOT_NOT_FOUND');
      await checkText(reason, callerOpenid());
      const { cancelled, told } = await cancelBookingsOf((data as { _id: string }[]).map((s) => s._id), reason, user._id);
      return { bookingsCancelled: cancelled.length, residentsTold: told.told, residentsByWeChat: told.byWeChat };
    },
    "a service of a market day of the caller's own community: its slots close, its bookings are cancelled and their residents told",
  ),

  // the admin's market settings, service catalogue and stall plan (settings.ts, catalogue.ts, stallPlan.ts)
  marketSettings: action.admin(noFields, async (_input, { user }) => marketAdminView(user, clockNow()), "the caller's own community's market"),

  updateMarketSettings: action.admin(
    marketSettingsInput,
    async (settings, { user }) => updateSettings(user, settings, clockNow()),
    "the caller's own community's market (changes apply to days created from now on)",
  ),

  saveService: action.admin(serviceInput, async (input, { user }) => saveService(user, input, clockNow()), "a service of the caller's own community (capacity also on its coming days)"),

  setStallPlan: action.admin(stallPlanInput, async ({ stalls }, { user }) => setStallPlan(user, stalls, clockNow()), "the caller's own community's stalls (never one held on a coming day)"),

  myWaitlist: action.registered(
    noFields,
    async (_input, { user, preloaded }): Promise<WaitlistView[]> => {
      // the entries came with the caller: 2 round trips with the places in line (issue 18)
      const entries = (preloaded?.entries as WaitlistEntry[] | undefined) ?? (await entriesOf(user._id));
      const positions = await positionsOf(entries);
      return entries.map((e) => waitlistView(e, positions.get(e._id) ?? 1));
    },
    '',
    { preload: () => preloadMyEntries },
  ),

  checkInByCode: action.staff(
    z.object({ code: z.string().regex(/^[A-Za-z0-9]{4,8}$/) }).strict(),
    async ({ code }, { user: staff }) => {
      const { data } = await db.collection('bookings').where({ code: code.toUpperCase(), communityId: staff.communityId }).limit(1).get();
      const booking = (data[0] as Booking | undefined) ?? null;
      const now = clockNow();
      return toView(await checkIn({ bookingId: booking?._id ?? '', actor: staff, now, booking }), now);
    },
    "a booking of the caller's own community's market, on the day",
  ),

  checkIn: action.staff(
    z.object({ bookingId: id }).strict(),
    async ({ bookingId }, { user: staff, preloaded }) => {
      const now = clockNow();
      return toView(await checkIn({ bookingId, actor: staff, now, booking: preloadedOne<Booking>(preloaded, 'booking') }), now);
    },
    "a booking at the caller's own community's market",
    { preload: preloadBooking },
  ),
};

/**
 * Timer trigger `ensureMarketDays` (config.json, every 10 minutes): creates or completes every
 * community's coming market days, repairs holds left by killed calls (`repairHolds`), recounts
 * and promotes waitlists (`repairWaitlists`) and marks unused bookings as no-shows.
 * Idempotent: a second run changes nothing more.
 */
async function onTimer(): Promise<{ communities: number; released: number; promoted: number; noShows: number }> {
  const { data } = await db.collection('communities').limit(1000).get();
  const withMarket = (data as Community[]).filter((c) => c.market);
  const now = clockNow();
  for (const c of withMarket) await ensureComingDays(c, now);
  const { released } = await repairHolds(now);
  const { promoted } = await repairWaitlists(now);
  const noShows = await markNoShows(now);
  return { communities: withMarket.length, released, promoted, noShows };
}

/**
 * Bookings still `booked` half an hour after their slot ended were not used: `noShow` (爽约), counted
 * for the statistics. ONE multi-document update (`where(...).update`, issue 18: a backlog of any size
 * costs one round trip, inside the function's timeout at any database latency); conditional on
 * `booked`, so a second run, or a check-in landing first, changes nothing. The booking keeps its
 * `activeKey`: its slot is over, so nobody can book that day and service again anyway.
 */
async function markNoShows(now: Date): Promise<number> {
  const { stats } = await db
    .collection('bookings')
    .where({ status: 'booked', endAt: _.lt(new Date(now.getTime() - 30 * 60_000)) })
    .update({ data: { status: 'noShow' } });
  return stats.updated;
}

/**
 * Timers. The platform runs one trigger per function (docs/jobs.md): config.json's `marketJobs`
 * (every 10 minutes) runs every market job in turn; each is also a timer of its own name.
 */
const timers = {
  marketJobs: { rule: 'the platform timer only', run: async () => ({ ...(await onTimer()), ...(await remindBookings()) }) },
  ensureMarketDays: { rule: 'no caller OPENID (the platform trigger)', run: onTimer },
  remindBookings: { rule: 'the platform timer only', run: remindBookings },
};

export const main = createMain(actions, timers);
/** Who may call each action (the permission table, `docs/permissions.md`). */
export const permissions = permissionsOf(actions, timers);
/** Exported for tests and docs: the action names of this function. */
export const actionNames = Object.keys(actions);
