/**
 * The admin's market settings (issue 10 "Admin: market settings"): what `marketSettings` shows
 * and what `updateMarketSettings` writes.
 *
 * Rule: a change of the market's name, weekday, hours or place applies to market days created from
 * now on. Days already created keep their own (they are snapshots: residents booked a time and a
 * place, vendors hold stalls on that date); the answer lists them (`keptDays`) and the page says so.
 * The booking horizon (1–8 weeks) decides how many weeks ahead days are created: raising it creates
 * the new weeks at once, with the new settings. Saving also creates any coming day that is missing
 * right away (the same code as the timer, `days.ts` `ensureComingDays`), so the admin sees the
 * market's days immediately — including when this call starts the community's market.
 *
 * The settings are one field of the community document, written with one update: nothing is
 * half-written; the days created afterwards are idempotent (deterministic ids) and the timer
 * completes them if this call dies.
 */
import { _, callerOpenid, db } from '../shared/cloud';
import { AppError } from '../shared/errors';
import type { Community, MarketDay, MarketSettings, Service, Slot, Stall, StallApplication } from '../shared/model';
import { checkText } from '../shared/security';
import { local } from '../shared/time';
import type { LoadedUser } from '../shared/users';
import type { AdminDayView, MarketAdminView, ServiceAdminView, SettingsUpdateResult, StallAdminView } from './contract';
import { ensureComingDays } from './days';
import { keepsOldSettings, misfits } from './domain/admin';
import { dateLabel, DEFAULT_MARKET } from '../shared/calendar';

/** Local date today (`YYYY-MM-DD`). */
export const todayOf = (now: Date): string => local(now).format('YYYY-MM-DD');

/** The admin's community (every admin action acts on the caller's own community only). */
export function communityOf(user: LoadedUser): Community {
  if (!user.community) throw new AppError('COMMON.FORBIDDEN');
  return user.community;
}

/** Every service of a community (active or not), in display order. */
export async function allServices(communityId: string): Promise<Service[]> {
  const { data } = await db.collection('services').where({ communityId }).orderBy('order', 'asc').limit(100).get();
  return data as Service[];
}

/** The open market days of a community from today on (created ones), by date. */
export async function comingDays(communityId: string, now: Date): Promise<MarketDay[]> {
  const { data } = await db.collection('marketDays').where({ communityId, status: 'open', date: _.gte(todayOf(now)) }).orderBy('date', 'asc').limit(100).get();
  return (data as MarketDay[]).filter((d) => new Date(d.endAt).getTime() > now.getTime());
}

/** The coming (not started) slots of a community, optionally of one service. At most 1000. */
export async function comingSlots(communityId: string, now: Date, serviceId?: string): Promise<Slot[]> {
  const { data } = await db
    .collection('slots')
    .where({ communityId, ...(serviceId ? { serviceId } : {}), startAt: _.gt(now) })
    .field({ holds: false })
    .limit(1000)
    .get();
  return data as Slot[];
}

/** A created day as the admin's pages list it. */
export function dayView(d: MarketDay, settings: MarketSettings | null): AdminDayView {
  return { id: d._id, date: d.date, dateLabel: dateLabel(d.date), start: d.start, end: d.end, place: d.place, keepsOldSettings: settings ? keepsOldSettings(d, settings) : false };
}

/** A service as the admin edits it; `slots`: its coming slots (for what they hold). */
export function serviceView(s: Service, slots: Slot[]): ServiceAdminView {
  const mine = slots.filter((sl) => sl.serviceId === s._id && sl.open !== false);
  return {
    id: s._id,
    name: s.name,
    kind: s.kind,
    bookingMode: s.bookingMode,
    slotMinutes: s.bookingMode === 'slots' ? (s.slotMinutes ?? 30) : null,
    capacity: s.bookingMode === 'none' ? null : (s.capacity ?? null),
    description: s.description,
    provider: s.provider ?? null,
    order: s.order,
    active: s.active,
    comingBooked: mine.reduce((n, sl) => n + sl.booked, 0),
    comingWaiting: mine.reduce((n, sl) => n + (sl.waiting ?? 0), 0),
  };
}

/** Applications holding a stall (allocated or checked in) of a community from `today` on. */
export async function heldStalls(communityId: string, today: string, numbers?: number[]): Promise<StallApplication[]> {
  const { data } = await db
    .collection('stallApplications')
    .where({ communityId, date: _.gte(today), status: _.in(['allocated', 'checkedIn']), ...(numbers ? { stallNumber: _.in(numbers) } : {}) })
    .orderBy('date', 'asc')
    .limit(1000)
    .get();
  return data as StallApplication[];
}

/** The stall plan with the coming dates each stall is held. */
export async function stallViews(communityId: string, now: Date): Promise<StallAdminView[]> {
  const [{ data }, held] = await Promise.all([db.collection('stalls').where({ communityId }).orderBy('number', 'asc').limit(200).get(), heldStalls(communityId, todayOf(now))]);
  return (data as Stall[]).map((s) => ({ number: s.number, label: s.label, active: s.active, heldOn: [...new Set(held.filter((a) => a.stallNumber === s.number).map((a) => a.date))].sort() }));
}

/** `marketSettings`: the caller's community's settings, created coming days, services and stall plan. */
export async function marketAdminView(user: LoadedUser, now: Date): Promise<MarketAdminView> {
  const community = communityOf(user);
  const [services, slots, days, stalls] = await Promise.all([allServices(community._id), comingSlots(community._id, now), comingDays(community._id, now), stallViews(community._id, now)]);
  return {
    communityName: community.name,
    market: community.market,
    defaults: { ...DEFAULT_MARKET, place: community.kiosk },
    days: days.map((d) => dayView(d, community.market)),
    services: services.map((s) => serviceView(s, slots)),
    stalls,
  };
}

/**
 * `updateMarketSettings`: saves `settings` as the caller's community's market (starting it if it
 * had none), then creates the coming days that are missing. Errors: MARKET.SLOT_MINUTES_MISFIT (an
 * active service's slot length does not divide the new hours; details `{ services }`),
 * COMMON.TEXT_REJECTED (name or place).
 */
export async function updateSettings(user: LoadedUser, settings: MarketSettings, now: Date): Promise<SettingsUpdateResult> {
  const community = communityOf(user);
  const services = await allServices(community._id);
  const bad = misfits(services, settings);
  if (bad.length) throw new AppError('MARKET.SLOT_MINUTES_MISFIT', { services: bad });
  await checkText(`${settings.name} ${settings.place}`, callerOpenid());
  const before = await comingDays(community._id, now);
  await db.collection('communities').where({ _id: community._id }).update({ data: { market: _.set(settings) } });
  const after = await ensureComingDays({ ...community, market: settings }, now);
  const had = new Set(before.map((d) => d._id));
  return {
    market: settings,
    keptDays: before.filter((d) => keepsOldSettings(d, settings)).map((d) => dayView(d, settings)),
    createdDays: after.filter((d) => !had.has(d._id)).map((d) => dayView(d, settings)),
    started: !community.market,
  };
}
