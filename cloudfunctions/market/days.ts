/**
 * Market days and their slots, as stored.
 *
 * The coming market days of a community are created on demand (first read after they enter the
 * booking horizon, or the timer trigger), with deterministic ids, so concurrent creators cannot make
 * two of anything. A multi-document insert is not atomic on the real service (DESIGN.md): a
 * creator can die after any single slot. So the slots are written first, each idempotent by its
 * deterministic id (the ones already there are skipped, a duplicate from a racing creator is read
 * again), and the day document last, as the completion marker: a day that exists has all its slots;
 * a half-made day is not listed and is completed by the next reader or the timer.
 *
 * Reading a day with its slots is one aggregation (`$lookup`), so listing the coming days is one
 * database round trip in the steady state.
 */
import { db, _, isDuplicateKey } from '../shared/cloud';
import type { Community, MarketDay, MarketSettings, Service, ServiceSnapshot, Slot } from '../shared/model';
import { local, localInstant } from '../shared/time';
import { preloadOf } from '../shared/users';
import { comingMarketDates, dateLabel, DEFAULT_MARKET, MAX_HORIZON_WEEKS } from '../shared/calendar';
import { planSlots } from './domain/slots';
import { remaining } from './domain/booking';
import type { MarketDaySummary } from './contract';

/** A market day with its slots (in start order). */
export type DayWithSlots = MarketDay & { slots: Slot[] };

/** Active services of a community, in display order. */
export async function listServices(communityId: string): Promise<Service[]> {
  const { data } = await db.collection('services').where({ communityId, active: true }).orderBy('order', 'asc').limit(100).get();
  return data as Service[];
}

/** A community's market settings, with defaults. */
export function settingsOf(community: Community): MarketSettings {
  return { ...DEFAULT_MARKET, place: community.kiosk, ...(community.market ?? {}) };
}

/** Id of a community's market day on a local date. */
export const marketDayId = (communityId: string, date: string): string => `${communityId}_${date}`;

const bySlotStart = (a: Slot, b: Slot) => a.startAt.getTime() - b.startAt.getTime() || (a._id < b._id ? -1 : 1);

/**
 * Preload (router `options.preload`) of the caller's own community's market days from today on,
 * each with its slots: what `listMarketDays` needs, in the caller's round trip. `now`: the instant.
 */
export function preloadComingDays(now: Date) {
  return {
    days: preloadOf<DayWithSlots>({
      from: 'marketDays',
      sameAsCaller: { communityId: 'communityId' },
      match: { date: { $gte: local(now).format('YYYY-MM-DD') } },
      sort: { date: 1 },
      limit: MAX_HORIZON_WEEKS + 1,
      join: { from: 'slots', localField: '_id', foreignField: 'marketDayId', as: 'slots' },
    }),
  };
}

/** A day as joined with its slots, the slots in start order. */
export function withSortedSlots(d: DayWithSlots): DayWithSlots {
  return { ...d, slots: [...(d.slots ?? [])].sort(bySlotStart) };
}

/** Market days matching `match`, each with its slots: one database round trip. At most `limit` days, by date. */
export async function daysWithSlots(match: object, limit: number): Promise<DayWithSlots[]> {
  const { list } = await db
    .collection('marketDays')
    .aggregate()
    .match(match)
    .sort({ date: 1 })
    .limit(limit)
    .lookup({ from: 'slots', localField: '_id', foreignField: 'marketDayId', as: 'slots' })
    .end();
  return (list as DayWithSlots[]).map(withSortedSlots);
}

/**
 * The coming open market days of `community` (see `comingMarketDates`), with their slots, creating
 * any that are missing or half-made, plus the open days already created in that range on another
 * weekday (made before a settings change: they keep their date). Input: a community with market settings; `now` (instant);
 * optionally `known`, its market days from today on with their slots, already fetched (the
 * caller's preload). Output: the open days in date order. With `known` holding every coming day:
 * no round trip; without it, one.
 */
export async function ensureComingDays(community: Community, now: Date, known?: DayWithSlots[]): Promise<DayWithSlots[]> {
  const settings = settingsOf(community);
  const dates = comingMarketDates(now, settings);
  const ids = dates.map((d) => marketDayId(community._id, d));
  // every stored day up to the last coming date: a day created before a settings change (another
  // weekday) keeps its place in the list (`settings.ts`: changes apply to days created from now on)
  const last = dates[dates.length - 1];
  const today = local(now).format('YYYY-MM-DD');
  const inRange = (d: MarketDay) => d.communityId === community._id && d.date >= today && d.date <= last;
  const fetched = known ? known.filter(inRange).map(withSortedSlots) : await daysWithSlots({ communityId: community._id, date: _.gte(today).and(_.lte(last)) }, 2 * (MAX_HORIZON_WEEKS + 1));
  const found = new Map(fetched.map((d) => [d._id, d]));
  const missing = dates.filter((d) => !found.has(marketDayId(community._id, d)));
  if (missing.length) {
    const services = await listServices(community._id);
    for (const date of missing) {
      const made = await createDay(community, settings, services, date);
      found.set(made._id, made);
    }
  }
  const kept = fetched.filter((d) => !ids.includes(d._id) && d.endAt.getTime() > now.getTime());
  return [...ids.map((id) => found.get(id)!), ...kept].filter((d) => d.status === 'open').sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The snapshot of a service a market day keeps. */
function snapshot(s: Service): ServiceSnapshot {
  return { id: s._id, name: s.name, kind: s.kind, bookingMode: s.bookingMode, description: s.description, provider: s.provider ?? null };
}

/**
 * Creates (or completes) one market day: the slots not yet there, then the day. Safe to run
 * concurrently and to resume after dying at any document. Returns the day with its slots.
 */
export async function createDay(community: Community, settings: MarketSettings, services: Service[], date: string): Promise<DayWithSlots> {
  const day: MarketDay = {
    _id: marketDayId(community._id, date),
    communityId: community._id,
    date,
    start: settings.start,
    end: settings.end,
    place: settings.place,
    startAt: localInstant(date, settings.start),
    endAt: localInstant(date, settings.end),
    status: 'open',
    marketName: settings.name,
    services: services.map(snapshot),
    slotCount: 0,
  };
  const slots = services.flatMap((s) => planSlots(day, s));
  day.slotCount = slots.length;
  await insertMissingSlots(day._id, slots);
  try {
    await db.collection('marketDays').add({ data: day });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e; // another creator finished it first: same deterministic content
  }
  return { ...day, slots: [...slots].sort(bySlotStart) };
}

/**
 * Inserts those of `slots` that are not stored yet. A bulk insert stops at its first duplicate on
 * the real service, so after a duplicate (a racing creator) the stored ids are read again and the
 * rest inserted; a few rounds settle any race.
 */
async function insertMissingSlots(dayId: string, slots: Slot[]): Promise<void> {
  for (let round = 0; round < 5; round += 1) {
    const { data } = await db.collection('slots').where({ marketDayId: dayId }).field({ _id: true }).limit(1000).get();
    const have = new Set((data as { _id: string }[]).map((d) => d._id));
    const todo = slots.filter((s) => !have.has(s._id));
    if (!todo.length) return;
    try {
      await db.collection('slots').add({ data: todo });
      return;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
  }
  throw new Error(`slots of ${dayId} still incomplete after 5 rounds`);
}

/** The summary shown for one day, from its own slots (places left in slots not yet started). */
export function summarize(day: DayWithSlots, now: Date): MarketDaySummary {
  return {
    id: day._id,
    date: day.date,
    dateLabel: dateLabel(day.date),
    start: day.start,
    end: day.end,
    place: day.place,
    marketName: day.marketName ?? DEFAULT_MARKET.name,
    remaining: day.slots.filter((s) => s.open !== false && s.startAt.getTime() > now.getTime()).reduce((n, s) => n + remaining(s), 0),
  };
}
