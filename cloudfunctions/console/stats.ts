/**
 * `console.stats`: the figures of a period, computed by the database (aggregation pipelines of
 * `domain/figures.ts`), never by loading the tickets into the function.
 *
 * Round trips: the caller with their community's grid workers and grids (1, the router's preload),
 * then in parallel five pipelines over `tickets` — the figures by source/category/status, each
 * holder's acceptances and closings, the ratings, the follow-ups, the loop's events (延期, 挂起,
 * 退单, 核查, 重办) — and for an admin the bookings (1) and stalls (1), the consultation figures'
 * three pipelines (`consultation.ts`: meetings, opinions, topics) and the rounds' four
 * (`domain/rounds.ts`: visits, patrols, the residents per household, the care tags), and 便民服务's
 * eight (`domain/everyday.ts`, issue 22: parcels, errands, referrals, flagged providers, notices,
 * notice reads, events, volunteer hours — the events' sign-ups come from the bookings pipeline,
 * which a grid worker's call now runs too): 22 for a grid worker, 23 for an admin, whatever the
 * number of records. Each pipeline
 * groups plain fields (arrays only after a `$match` has picked the few tickets with a rating or a
 * follow-up in the period), so the database makes one cheap pass per pipeline.
 *
 * Who sees what: an admin — their whole community, every grid worker's scorecard, the market; a
 * grid worker — the tickets of their own grids (`users.gridIds`) and only their own scorecard
 * (tickets they hold elsewhere count in it too), no market. The caller is known only by OPENID.
 */
import { db } from '../shared/cloud';
import { now as clockNow } from '../shared/clock';
import type { Grid, User } from '../shared/model';
import { preloadOf, type LoadedUser, type Preloaded } from '../shared/users';
import type { StatsView } from './contract';
import {
  bookingStages,
  followUpStages,
  holderStages,
  loopFigures,
  loopStages,
  marketFigures,
  ratingStages,
  scorecards,
  stallStages,
  ticketFigures,
  ticketFigureStages,
  ticketMatch,
  type BookingRow,
  type FollowUpRow,
  type HolderRow,
  type LoopRow,
  type RatingRow,
  type StallRow,
  type TicketGroupRow,
} from './domain/figures';
import { periodOf } from './domain/period';
import {
  errandStages,
  eventStages,
  everydayFigures,
  flaggedProviderStages,
  noticeReadStages,
  noticeStages,
  parcelStages,
  referralStages,
  volunteerHourStages,
  type CountRow,
  type ErrandRow,
  type EventRow,
  type HoursRow,
  type ParcelRow,
  type ReferralRow,
} from './domain/everyday';
import { consultationOf } from './consultation';
import { careStages, householdStages, patrolStages, roundsFigures, visitStages, workerRounds, type CareRow, type HouseholdRow, type PatrolRow, type VisitRow } from './domain/rounds';

/**
 * Runs `stages` (MongoDB's pipeline language) on `collection` through the SDK's builder, one
 * builder call per stage: one round trip. (wx-server-sdk 4.0.2's `collection.aggregate()` takes no
 * raw pipeline, and its `facet()` calls a method @cloudbase/database does not have: a TypeError.)
 */
/**
 * {@link runPipeline}, reading a collection that was never created as one with no records: CloudBase
 * answers a query or aggregation on it with DATABASE_COLLECTION_NOT_EXIST, errCode -502005
 * ("[ResourceNotFound] Db or Table not exist"; docs.cloudbase.net/en/error-code/basic/DATABASE_COLLECTION_NOT_EXIST),
 * as the emulator does (`local/cloudbase/database.ts`). The everyday services' collections
 * (issue 22) appear as their functions are deployed: until then their figures are 0. Any other
 * error is thrown.
 */
export async function runPipelineOrNone<T>(collection: string, stages: Record<string, unknown>[]): Promise<T[]> {
  try {
    return await runPipeline<T>(collection, stages);
  } catch (e) {
    if (isMissingCollection(e)) return [];
    throw e;
  }
}

/** Whether `e` is CloudBase's answer for a collection that does not exist (errCode -502005). */
export function isMissingCollection(e: unknown): boolean {
  const err = e as { errCode?: unknown; code?: unknown; message?: unknown } | null;
  return !!err && (err.errCode === -502005 || err.code === 'DATABASE_COLLECTION_NOT_EXIST' || /DATABASE_COLLECTION_NOT_EXIST|-502005/.test(String(err.message ?? '')));
}

export async function runPipeline<T>(collection: string, stages: Record<string, unknown>[]): Promise<T[]> {
  let agg = db.collection(collection).aggregate() as unknown as Record<string, (v: unknown) => unknown>;
  for (const stage of stages) {
    const [key, value] = Object.entries(stage)[0];
    agg = agg[key.slice(1)](value) as typeof agg;
  }
  const { list } = await (agg as unknown as { end(): Promise<{ list: unknown[] }> }).end();
  return list as T[];
}

/** The statistics of `from`..`to` as `user` may see them (see the module comment). */
export async function statsFor(user: LoadedUser, from: string, to: string, preloadedWorkers: User[] | null, preloadedGrids: Grid[] | null = null): Promise<StatsView> {
  const p = periodOf(from, to);
  const now = clockNow();
  const admin = user.role === 'communityAdmin';
  const gridIds = admin ? null : (user.gridIds ?? []);
  const scope = admin ? null : { gridIds: gridIds ?? [], worker: user._id };
  const allGrids = preloadedGrids ?? (await gridsOf(user.communityId));
  const grids = admin ? allGrids : allGrids.filter((g) => (gridIds ?? []).includes(g._id));
  const estateIds = admin ? null : [...new Set(grids.flatMap((g) => g.covers.map((c) => c.estateId)))];
  const c = user.communityId;
  const everyday = Promise.all([
    runPipelineOrNone<ParcelRow>('parcels', parcelStages(c, p, now)),
    runPipelineOrNone<ErrandRow>('errands', errandStages(c, p)),
    runPipelineOrNone<ReferralRow>('referrals', referralStages(c, p)),
    runPipelineOrNone<CountRow>('providers', flaggedProviderStages(c)),
    runPipelineOrNone<CountRow>('notices', noticeStages(c, p)),
    runPipelineOrNone<CountRow>('noticeReads', noticeReadStages(c, p)),
    runPipelineOrNone<EventRow>('events', eventStages(c, p)),
    runPipelineOrNone<HoursRow>('volunteerHours', volunteerHourStages(c, p)),
  ]);
  const [ticketRows, holderRows, ratingRows, followUpRows, loopRows, bookingRows, stallRows, consultation, visitRows, patrolRows, householdRows, careRows, [parcels, errands, referrals, flagged, notices, reads, events, hours]] = await Promise.all([
    runPipeline<TicketGroupRow>('tickets', [ticketMatch(user.communityId, p, gridIds), ...ticketFigureStages(p, now)]),
    runPipeline<HolderRow>('tickets', holderStages(user.communityId, p, admin ? null : user._id)),
    runPipeline<RatingRow>('tickets', ratingStages(user.communityId, p, scope)),
    runPipeline<FollowUpRow>('tickets', followUpStages(user.communityId, p, scope)),
    runPipeline<LoopRow>('tickets', loopStages(user.communityId, p, scope)),
    runPipeline<BookingRow>('bookings', bookingStages(user.communityId, p)),
    admin ? runPipeline<StallRow>('stallApplications', stallStages(user.communityId, p)) : Promise.resolve([]),
    consultationOf(runPipeline, user.communityId, p, now),
    runPipeline<VisitRow>('visits', visitStages(user.communityId, p, gridIds)),
    runPipeline<PatrolRow>('patrols', patrolStages(user.communityId, p, gridIds)),
    runPipeline<HouseholdRow>('users', householdStages(user.communityId, estateIds)),
    runPipeline<CareRow>('householdCare', careStages(user.communityId, gridIds)),
    everyday,
  ]);
  const plan = user.community?.rounds?.visitEveryDays;
  const rounds = roundsFigures({ visits: visitRows, patrols: patrolRows, households: householdRows, care: careRows }, grids, p, plan, admin ? null : user._id);
  const workers = admin ? (preloadedWorkers ?? (await workersOf(user.communityId))) : [];
  return {
    period: { from: p.from, to: p.to, days: p.days },
    scope: { kind: admin ? 'community' : 'grids', communityName: user.community?.name ?? '', gridIds: gridIds ?? [] },
    tickets: ticketFigures(ticketRows, ratingRows, followUpRows),
    scorecards: scorecards(
      { holders: holderRows, ratings: ratingRows, followUps: followUpRows, loop: loopRows, rounds: workerRounds({ visits: visitRows, patrols: patrolRows }) },
      workers,
      admin ? null : { _id: user._id, name: user.name },
    ),
    market: admin ? marketFigures(bookingRows, stallRows) : null,
    consultation,
    loop: loopFigures(loopRows),
    rounds,
    everyday: everydayFigures({ parcels, errands, referrals, flagged, notices, reads, events, bookings: bookingRows, hours }),
  };
}

/** The grids of a community (when the preload could not bring them). */
async function gridsOf(communityId: string): Promise<Grid[]> {
  const { data } = await db.collection('grids').where({ communityId }).limit(200).get();
  return data as Grid[];
}

/** Grid workers of a community (when the preload could not bring them). */
async function workersOf(communityId: string): Promise<User[]> {
  const { data } = await db.collection('users').where({ communityId, role: 'gridWorker' }).limit(200).get();
  return data as User[];
}

/**
 * The grid workers of the caller's community, fetched with the caller in the router's one round trip
 * (`users.ts` Preload; at most 200): an admin's scorecards list every one of them.
 */
export const workersPreload = () => ({
  workers: preloadOf<User>({ from: 'users', match: { role: 'gridWorker' }, sameAsCaller: { communityId: 'communityId' }, limit: 200 }),
  grids: preloadOf<Grid>({ from: 'grids', match: {}, sameAsCaller: { communityId: 'communityId' }, limit: 200 }),
});

/**
 * `console.stats` for `user`: an admin's scorecards use the preloaded grid workers (null: not
 * preloaded, {@link statsFor} reads them), a grid worker's none (only their own scorecard).
 * `preloaded`: the handler's typed preloads ({@link workersPreload}), null when none could be fetched.
 */
export async function stats(user: LoadedUser, { from, to }: { from: string; to: string }, preloaded: Preloaded<ReturnType<typeof workersPreload>> | null): Promise<StatsView> {
  return statsFor(user, from, to, user.role === 'communityAdmin' ? (preloaded?.workers ?? null) : [], preloaded?.grids ?? null);
}
