/**
 * Market days and their slots, as stored. The coming market days of a community are created on
 * demand (first read after they enter the booking horizon, or the weekly timer trigger), with
 * deterministic ids, so concurrent creators cannot make two of anything: slots are inserted first
 * (one atomic multi-document insert), then the day, so a day that exists always has its slots.
 */
import { db, _, isDuplicateKey } from '../shared/cloud';
import type { Community, MarketDay, MarketSettings, Service, Slot } from '../shared/model';
import { localInstant } from '../shared/time';
import { comingMarketDates, dateLabel, DEFAULT_MARKET } from './domain/calendar';
import { planSlots } from './domain/slots';
import { remaining } from './domain/booking';
import type { MarketDaySummary } from './contract';

/** Active services of a community, in display order. */
export async function listServices(communityId: string): Promise<Service[]> {
  const { data } = await db.collection('services').where({ communityId, active: true }).orderBy('order', 'asc').limit(100).get();
  return data as Service[];
}

function settingsOf(community: Community): MarketSettings {
  return { ...DEFAULT_MARKET, place: community.kiosk, ...(community.market ?? {}) };
}

/** Id of a community's market day on a local date. */
export const marketDayId = (communityId: string, date: string): string => `${communityId}_${date}`;

/**
 * The coming market days of `community` (see `comingMarketDates`), creating any that are missing.
 * Input: a community with market settings; `now` (instant). Output: the days in date order.
 */
export async function ensureComingDays(community: Community, now: Date): Promise<MarketDay[]> {
  const settings = settingsOf(community);
  const dates = comingMarketDates(now, settings);
  const ids = dates.map((d) => marketDayId(community._id, d));
  const { data } = await db.collection('marketDays').where({ _id: _.in(ids) }).limit(ids.length).get();
  const found = new Map((data as MarketDay[]).map((d) => [d._id, d]));
  const missing = dates.filter((d) => !found.has(marketDayId(community._id, d)));
  if (missing.length) {
    const services = await listServices(community._id);
    for (const date of missing) {
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
      };
      const slots = services.flatMap((s) => planSlots(day, s));
      await insertIgnoringDuplicates('slots', slots);
      await insertIgnoringDuplicates('marketDays', [day]);
      found.set(day._id, day);
    }
  }
  return ids.map((id) => found.get(id)!).filter((d) => d.status === 'open');
}

async function insertIgnoringDuplicates(collection: string, docs: object[]): Promise<void> {
  if (!docs.length) return;
  try {
    await db.collection(collection).add({ data: docs });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e; // another caller created them first
  }
}

/** All slots of the given market days (at most 1000, the cloud database cap). */
export async function slotsOfDays(dayIds: string[]): Promise<Slot[]> {
  if (!dayIds.length) return [];
  const { data } = await db.collection('slots').where({ marketDayId: _.in(dayIds) }).orderBy('startAt', 'asc').limit(1000).get();
  return data as Slot[];
}

/** The summary shown for one day; `slots` are that day's slots (for places left). */
export function summarize(day: MarketDay, community: Community, slots: Slot[], now: Date): MarketDaySummary {
  return {
    id: day._id,
    date: day.date,
    dateLabel: dateLabel(day.date),
    start: day.start,
    end: day.end,
    place: day.place,
    marketName: settingsOf(community).name,
    remaining: slots.filter((s) => s.marketDayId === day._id && s.startAt.getTime() > now.getTime()).reduce((n, s) => n + remaining(s), 0),
  };
}
