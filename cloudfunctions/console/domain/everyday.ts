/**
 * 便民服务 figures (issue 22, docs/everyday-services-design.md §6), pure: the aggregation pipelines
 * `../stats.ts` sends for the kiosk's everyday services and the reduction of their rows into
 * `stats.everyday`. Nothing here touches the database.
 *
 * Period P = `from`..`to` (local dates, inclusive; instants `start`..`end`, `period.ts`), the same
 * rules as the other figures: an act counts in the period its own instant (or local date) falls in.
 * Definitions (the caller's community only):
 * - parcels (`parcels`): logged = `loggedAt` in P; pickedUp = `pickedUpAt` in P; delivered =
 *   `deliveredAt` in P; unclaimed (超期未取) = parcels still waiting at the earlier of P's end and now
 *   (status `waiting`, or picked up / delivered after that moment) that had been logged more than
 *   {@link UNCLAIMED_AFTER_DAYS} days before it — the counter's 超期未取 (parcels function). A parcel
 *   returned to the carrier (`returned`, no instant) is not waiting.
 * - errands (`errands`): requested = `requestedAt` in P; done = status `done` with `doneAt` in P.
 * - referrals (`referrals`): made = `referredAt` in P; rated = `rating.at` in P; averageStars = mean
 *   of those ratings' stars (1 decimal; null when none); flaggedProviders = the community's active
 *   providers flagged now (待复核: below 3 stars on average over at least 3 ratings, design §2),
 *   worked out from their rated referrals — the one record of ratings (`shared/providerRatings.ts`,
 *   the same `$lookup` the providers function's 服务商管理 list uses).
 * - notices: published = `notices.publishedAt` in P (withdrawn later or not); reads = first openings
 *   (`noticeReads.at`, one per person per notice) in P.
 * - events (`events`, design §1): held = events not cancelled whose `date` is in P; places = their
 *   places; signedUp = bookings (`bookings` with an `eventId`) of dates in P not cancelled (booked,
 *   checkedIn, noShow); attended = of those, `checkedIn`. The bookings come from the market's own
 *   bookings pipeline (`figures.ts` bookingStages groups by `eventId` too; the market's figures
 *   leave event bookings out).
 * - volunteers (`volunteerHours`, design §4): credits whose local `date` is in P; count = distinct
 *   volunteers credited; minutes (all), by role (credits with no role count only in `minutes`) and
 *   by source.
 *
 * Pipelines: one per collection, each one round trip, each a `$match` then a `$group` (plain fields
 * and `$cond`s) and a `$limit` (CloudBase answers 20 rows without one); the flagged providers' has a
 * `$lookup` of their ratings and an `$unwind` between. A collection never created
 * answers DATABASE_COLLECTION_NOT_EXIST (-502005): `../stats.ts` reads it as no records.
 */
import type { EverydayFigures } from '../contract';
import type { BookingRow } from './figures';
import type { Period } from './period';
import { ratingsLookup } from '../../shared/providerRatings';
import { UNCLAIMED_AFTER_DAYS, VOLUNTEER_ROLES, VOLUNTEER_SOURCES, type VolunteerHoursSource, type VolunteerRole } from '../../shared/vocabulary/everyday';

type Expr = Record<string, unknown>;
const DAY_MS = 86_400_000;
/** Most rows a grouping pipeline may answer (the groups here are a handful). */
const LIMIT = 1000;

const has = (f: string): Expr => ({ $ne: [{ $ifNull: [f, null] }, null] });
const inPeriod = (f: string, p: Period): Expr => ({ $and: [has(f), { $gte: [f, p.start] }, { $lte: [f, p.end] }] });
const after = (f: string, t: Date): Expr => ({ $and: [has(f), { $gt: [f, t] }] });
const flag = (cond: unknown): Expr => ({ $cond: [cond, 1, 0] });
const instantIn = (p: Period) => ({ $gte: p.start, $lte: p.end });
const datesIn = (p: Period) => ({ $gte: p.from, $lte: p.to });

/** Parcels of P (and those still waiting): one row of sums. `now`: the function's clock. */
export function parcelStages(communityId: string, p: Period, now: Date): Expr[] {
  const until = now < p.end ? now : p.end;
  const cutoff = new Date(until.getTime() - UNCLAIMED_AFTER_DAYS * DAY_MS);
  const waitingAtUntil = { $or: [{ $eq: ['$status', 'waiting'] }, after('$pickedUpAt', until), after('$deliveredAt', until)] };
  return [
    {
      $match: {
        communityId,
        loggedAt: { $lte: p.end },
        $or: [{ loggedAt: { $gte: p.start } }, { pickedUpAt: { $gte: p.start } }, { deliveredAt: { $gte: p.start } }, { status: 'waiting' }],
      },
    },
    {
      $group: {
        _id: null,
        logged: { $sum: flag(inPeriod('$loggedAt', p)) },
        pickedUp: { $sum: flag(inPeriod('$pickedUpAt', p)) },
        delivered: { $sum: flag(inPeriod('$deliveredAt', p)) },
        unclaimed: { $sum: flag({ $and: [{ $lte: ['$loggedAt', cutoff] }, waitingAtUntil] }) },
      },
    },
    { $limit: LIMIT },
  ];
}
export interface ParcelRow {
  logged: number;
  pickedUp: number;
  delivered: number;
  unclaimed: number;
}

/** Errands asked or done in P: one row. */
export function errandStages(communityId: string, p: Period): Expr[] {
  return [
    { $match: { communityId, $or: [{ requestedAt: instantIn(p) }, { doneAt: instantIn(p) }] } },
    { $group: { _id: null, requested: { $sum: flag(inPeriod('$requestedAt', p)) }, done: { $sum: flag({ $and: [{ $eq: ['$status', 'done'] }, inPeriod('$doneAt', p)] }) } } },
    { $limit: LIMIT },
  ];
}
export interface ErrandRow {
  requested: number;
  done: number;
}

/** Referrals made or rated in P: one row with the stars of the ratings in P. */
export function referralStages(communityId: string, p: Period): Expr[] {
  const ratedIn = inPeriod('$rating.at', p);
  return [
    { $match: { communityId, $or: [{ referredAt: instantIn(p) }, { 'rating.at': instantIn(p) }] } },
    { $group: { _id: null, made: { $sum: flag(inPeriod('$referredAt', p)) }, rated: { $sum: flag(ratedIn) }, stars: { $sum: { $cond: [ratedIn, '$rating.stars', 0] } } } },
    { $limit: LIMIT },
  ];
}
export interface ReferralRow {
  made: number;
  rated: number;
  stars: number;
}

/**
 * The community's active providers flagged now (待复核): one row. Over `providers`: each active one
 * with its ratings (one row, none before the first rating; `ratingsLookup`), kept when flagged.
 */
export function flaggedProviderStages(communityId: string): Expr[] {
  return [
    { $match: { communityId, active: true } },
    ratingsLookup('ratings'),
    { $unwind: '$ratings' },
    { $match: { 'ratings.flagged': true } },
    { $group: { _id: null, n: { $sum: 1 } } },
    { $limit: LIMIT },
  ];
}

/** Notices published in P: one row. */
export function noticeStages(communityId: string, p: Period): Expr[] {
  return [{ $match: { communityId, publishedAt: instantIn(p) } }, { $group: { _id: null, n: { $sum: 1 } } }, { $limit: LIMIT }];
}

/** First openings of notices in P: one row. */
export function noticeReadStages(communityId: string, p: Period): Expr[] {
  return [{ $match: { communityId, at: instantIn(p) } }, { $group: { _id: null, n: { $sum: 1 } } }, { $limit: LIMIT }];
}
export interface CountRow {
  n: number;
}

/** Events not cancelled dated in P: one row with their places. */
export function eventStages(communityId: string, p: Period): Expr[] {
  return [{ $match: { communityId, date: datesIn(p), status: 'open' } }, { $group: { _id: null, n: { $sum: 1 }, places: { $sum: '$places' } } }, { $limit: LIMIT }];
}
export interface EventRow {
  n: number;
  places: number;
}

/** Volunteer credits dated in P, per (role, source): minutes and who. */
export function volunteerHourStages(communityId: string, p: Period): Expr[] {
  return [
    { $match: { communityId, date: datesIn(p) } },
    { $group: { _id: { r: { $ifNull: ['$role', ''] }, s: '$source' }, minutes: { $sum: '$minutes' }, users: { $addToSet: '$userId' } } },
    { $limit: LIMIT },
  ];
}
export interface HoursRow {
  _id: { r: string; s: string };
  minutes: number;
  users: string[];
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Every figure 0 (a community with none of the services yet). */
export function emptyEveryday(): EverydayFigures {
  return everydayFigures({ parcels: [], errands: [], referrals: [], flagged: [], notices: [], reads: [], events: [], bookings: [], hours: [] });
}

/** The rows of the pipelines above (and the bookings pipeline's), reduced to `stats.everyday`. */
export function everydayFigures(rows: {
  parcels: ParcelRow[];
  errands: ErrandRow[];
  referrals: ReferralRow[];
  flagged: CountRow[];
  notices: CountRow[];
  reads: CountRow[];
  events: EventRow[];
  bookings: BookingRow[];
  hours: HoursRow[];
}): EverydayFigures {
  const one = <T>(list: T[], zero: T): T => list[0] ?? zero;
  const parcel = one(rows.parcels, { logged: 0, pickedUp: 0, delivered: 0, unclaimed: 0 });
  const errand = one(rows.errands, { requested: 0, done: 0 });
  const ref = one(rows.referrals, { made: 0, rated: 0, stars: 0 });
  const ev = one(rows.events, { n: 0, places: 0 });
  let signedUp = 0;
  let attended = 0;
  for (const b of rows.bookings) {
    if (!b._id.event) continue;
    if (b._id.status !== 'cancelled') signedUp += b.n;
    if (b._id.status === 'checkedIn') attended += b.n;
  }
  const byRole = zeros(VOLUNTEER_ROLES);
  const bySource = zeros(VOLUNTEER_SOURCES);
  const people = new Set<string>();
  let minutes = 0;
  for (const h of rows.hours) {
    minutes += h.minutes;
    if (h._id.r in byRole) byRole[h._id.r as VolunteerRole] += h.minutes;
    if (h._id.s in bySource) bySource[h._id.s as VolunteerHoursSource] += h.minutes;
    h.users.forEach((u) => people.add(u));
  }
  return {
    parcels: { logged: parcel.logged, pickedUp: parcel.pickedUp, delivered: parcel.delivered, unclaimed: parcel.unclaimed },
    errands: { requested: errand.requested, done: errand.done },
    referrals: { made: ref.made, rated: ref.rated, averageStars: ref.rated ? Math.round((ref.stars / ref.rated) * 10) / 10 : null, flaggedProviders: one(rows.flagged, { n: 0 }).n },
    notices: { published: one(rows.notices, { n: 0 }).n, reads: one(rows.reads, { n: 0 }).n },
    events: { held: ev.n, places: ev.places, signedUp, attended },
    volunteers: { count: people.size, minutes, minutesByRole: byRole, minutesBySource: bySource },
  };
}
