/**
 * `console.stats`: the figures of a period, computed by the database (aggregation pipelines of
 * `domain/figures.ts`), never by loading the tickets into the function.
 *
 * Round trips: the caller with their community's grid workers (1, the router's preload), then in
 * parallel the ticket figures (1) and the scorecards (1), and for an admin the bookings (1) and
 * stalls (1): 3 for a grid worker, 5 for an admin, whatever the number of tickets.
 *
 * Who sees what: an admin — their whole community, every grid worker's scorecard, the market; a
 * grid worker — the tickets of their own grids (`users.gridIds`) and only their own scorecard
 * (tickets they hold elsewhere count in it too), no market. The caller is known only by OPENID.
 */
import { db } from '../shared/cloud';
import { now as clockNow } from '../shared/clock';
import type { User } from '../shared/model';
import type { LoadedUser } from '../shared/users';
import type { StatsView } from './contract';
import {
  bookingStages,
  marketFigures,
  scorecards,
  scorecardStages,
  stallStages,
  ticketFigures,
  ticketFigureStages,
  ticketMatch,
  type BookingRow,
  type ScorecardRow,
  type StallRow,
  type TicketGroupRow,
} from './domain/figures';
import { periodOf } from './domain/period';

/**
 * Runs `stages` (MongoDB's pipeline language) on `collection` through the SDK's builder, one
 * builder call per stage: one round trip. (wx-server-sdk 4.0.2's `collection.aggregate()` takes no
 * raw pipeline, and its `facet()` calls a method @cloudbase/database does not have: a TypeError.)
 */
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
export async function statsFor(user: LoadedUser, from: string, to: string, preloadedWorkers: unknown[] | null): Promise<StatsView> {
  const p = periodOf(from, to);
  const now = clockNow();
  const admin = user.role === 'communityAdmin';
  const gridIds = admin ? null : (user.gridIds ?? []);
  const match = ticketMatch(user.communityId, p, gridIds);
  // a grid worker's own scorecard also counts tickets they hold outside their grids
  const scoreMatch = admin ? match : { $match: { ...(ticketMatch(user.communityId, p, null).$match as object), $or: [{ gridId: { $in: gridIds } }, { assigneeId: user._id }] } };
  const [ticketRows, scoreRows, bookingRows, stallRows] = await Promise.all([
    runPipeline<TicketGroupRow>('tickets', [match, ...ticketFigureStages(p, now)]),
    runPipeline<ScorecardRow>('tickets', [scoreMatch, ...scorecardStages(p, admin ? null : user._id)]),
    admin ? runPipeline<BookingRow>('bookings', bookingStages(user.communityId, p)) : Promise.resolve([]),
    admin ? runPipeline<StallRow>('stallApplications', stallStages(user.communityId, p)) : Promise.resolve([]),
  ]);
  const workers = admin ? ((preloadedWorkers as User[] | null) ?? (await workersOf(user.communityId))) : [];
  return {
    period: { from: p.from, to: p.to, days: p.days },
    scope: { kind: admin ? 'community' : 'grids', communityName: user.community?.name ?? '', gridIds: gridIds ?? [] },
    tickets: ticketFigures(ticketRows),
    scorecards: scorecards(scoreRows, workers, admin ? null : { _id: user._id, name: user.name }),
    market: admin ? marketFigures(bookingRows, stallRows) : null,
  };
}

/** Grid workers of a community (when the preload could not bring them). */
async function workersOf(communityId: string): Promise<User[]> {
  const { data } = await db.collection('users').where({ communityId, role: 'gridWorker' }).limit(200).get();
  return data as User[];
}
